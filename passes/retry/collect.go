package retry

import (
	"go/ast"
	"go/constant"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/transportvet/transportvet/internal/code"
	"github.com/transportvet/transportvet/internal/httpreq"
	"github.com/transportvet/transportvet/internal/index"
	"github.com/transportvet/transportvet/internal/knowledge"
)

// A collector finds the regions of one package.
type collector struct {
	pass    *analysis.Pass
	cfg     *config
	in      *inspector.Inspector
	funcs   *index.Index
	cfgs    *ctrlflow.CFGs
	regions []*Region
	// loops caches the Loop region of each loop (nil: none): they do not
	// depend on the helpers that the rounds of findRegions learn.
	loops map[ast.Node]*Region
	// selfCall is the recursive call of the function whose recursion is
	// being decided: its counter argument only counts.
	selfCall *ast.CallExpr
	// iterators caches whether a function is a retry iterator.
	iterators map[*types.Func]*IteratorFact
	// codes caches coded's answers.
	codes map[*types.Func]*codedResult
	// rejected says why a loop with a fallible call is not a region
	// (-explain only).
	rejected map[ast.Node]string
	// idx is the package's retry settings and calls, built on first use
	// (see index): most packages have no candidate region and never need it.
	idx *packageIndex

	// helpers maps the retry helpers of this package to the index of the
	// function parameter they retry.
	helpers map[*types.Func]int
	// apis caches retryAPI's answers that do not depend on helpers.
	apis map[*types.Func]apiInfo
	// retriedParams are the function parameters passed as the retried
	// argument of a retry API.
	retriedParams []retriedParam
	// retryable is 1 when the package imports go-retryablehttp, directly
	// or not, -1 when it does not, 0 before seesRetryable looks.
	retryable int
}

// A packageIndex holds what the rules of this package look up across the
// package besides its functions and writes (internal/index): the retry
// settings of clients, and the calls of each function with a parameter.
type packageIndex struct {
	// retryCounts maps a variable or field to the arguments of the
	// SetRetryCount calls made on it (resty clients).
	retryCounts map[*types.Var][]ast.Expr
	// retryMaxes maps a variable or field holding a go-retryablehttp
	// client to the values assigned to its RetryMax field.
	retryMaxes map[*types.Var][]ast.Expr
	// params maps the parameters of the functions declared in the package
	// with a body to their function and index; calls maps those functions
	// to their calls.
	params map[*types.Var]param
	calls  map[*types.Func][]*ast.CallExpr
}

type param struct {
	fn *types.Func
	i  int
}

type retriedParam struct {
	decl *ast.FuncDecl
	arg  ast.Expr
}

func newCollector(pass *analysis.Pass, cfg *config, in *inspector.Inspector) *collector {
	return &collector{
		pass:    pass,
		cfg:     cfg,
		in:      in,
		helpers: make(map[*types.Func]int),
		apis:    make(map[*types.Func]apiInfo),
	}
}

// indexTypes are the nodes index looks at.
var indexTypes = []ast.Node{
	(*ast.FuncDecl)(nil),
	(*ast.AssignStmt)(nil),
	(*ast.CallExpr)(nil),
}

// index returns the packageIndex of the package, recording it on first
// use.
func (c *collector) index() *packageIndex {
	if c.idx != nil {
		return c.idx
	}
	c.idx = &packageIndex{
		retryCounts: make(map[*types.Var][]ast.Expr),
		retryMaxes:  make(map[*types.Var][]ast.Expr),
		params:      make(map[*types.Var]param),
		calls:       make(map[*types.Func][]*ast.CallExpr),
	}
	ix := c.idx
	info := c.pass.TypesInfo
	c.in.Preorder(indexTypes, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if fn, ok := info.Defs[n.Name].(*types.Func); ok && n.Body != nil {
				ps := fn.Signature().Params()
				for i := range ps.Len() {
					ix.params[ps.At(i)] = param{fn, i}
				}
			}
		case *ast.AssignStmt:
			c.indexRetryMax(ix, n)
		case *ast.CallExpr:
			fn := httpreq.Callee(info, n)
			if fn != nil && fn.Pkg() == c.pass.Pkg {
				ix.calls[fn.Origin()] = append(ix.calls[fn.Origin()], n)
			}
			if httpreq.Is(fn, knowledge.Resty, "Client", "SetRetryCount") && len(n.Args) == 1 {
				if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
					if v := c.varOf(sel.X); v != nil {
						ix.retryCounts[v] = append(ix.retryCounts[v], n.Args[0])
					}
				}
			}
		}
	})
	return ix
}

// decl returns the declaration of fn, a function or method declared in the
// package with a body, or nil.
func (c *collector) decl(fn *types.Func) *ast.FuncDecl {
	if f := c.funcs.Of(fn); f != nil && f.Obj == fn {
		return f.Decl
	}
	return nil
}

// varOf returns the variable or struct field that e names, or nil
// (code.VarOf).
func (c *collector) varOf(e ast.Expr) *types.Var {
	return code.VarOf(c.pass.TypesInfo, e)
}

// value returns the only value ever assigned to v in the package, or nil
// when there is none, more than one, or an unknown write.
func (c *collector) value(v *types.Var) ast.Expr {
	ws := c.funcs.Writes(v)
	if len(ws) != 1 {
		return nil
	}
	return ws[0].Value()
}

// maxDepth bounds the steps that the rules of call.go take from an
// expression towards what made it: a variable to its only value, a method
// call to its receiver, a conversion to its operand. A longer chain proves
// nothing.
const maxDepth = 8

// resolve follows e, while it names a variable (as name finds it, nil for
// none) whose only value the package knows (value), to that value, each
// step one more of depth. It returns the expression it stops at,
// unparenthesized, and its depth; nil when the depth passes maxDepth.
func (c *collector) resolve(e ast.Expr, depth int, name func(ast.Expr) *types.Var) (ast.Expr, int) {
	for ; depth <= maxDepth; depth++ {
		e = ast.Unparen(e)
		v := name(e)
		if v == nil {
			return e, depth
		}
		val := c.value(v)
		if val == nil {
			return e, depth
		}
		e = val
	}
	return nil, depth
}

// identVar returns the variable that e names when it is an identifier
// (code.IdentVar), or nil.
func (c *collector) identVar(e ast.Expr) *types.Var {
	return code.IdentVar(c.pass.TypesInfo, e)
}

// findRegions finds the regions of the package.
func (c *collector) findRegions() {
	for cur := range c.in.Root().Preorder((*ast.FuncDecl)(nil)) {
		if fd := cur.Node().(*ast.FuncDecl); fd.Body != nil {
			c.walk(cur.ChildAt(edge.FuncDecl_Body, -1), fd)
			if reg := c.cached(fd, func() *Region { return c.recursion(fd) }); reg != nil {
				reg.Func = fd
				c.regions = append(c.regions, reg)
			}
		}
	}
}

// walkTypes are the nodes walk looks at.
var walkTypes = []ast.Node{
	(*ast.FuncLit)(nil),
	(*ast.LabeledStmt)(nil),
	(*ast.ForStmt)(nil),
	(*ast.RangeStmt)(nil),
	(*ast.CallExpr)(nil),
}

// walk finds the regions in the subtree at cur, whose innermost enclosing
// function is fn.
func (c *collector) walk(cur inspector.Cursor, fn ast.Node) {
	labeled := make(map[ast.Stmt]*ast.Ident)
	cur.Inspect(walkTypes, func(cur inspector.Cursor) bool {
		switch m := cur.Node().(type) {
		case *ast.FuncLit:
			c.walk(cur.ChildAt(edge.FuncLit_Body, -1), m)
			return false
		case *ast.LabeledStmt:
			labeled[m.Stmt] = m.Label
			if reg := c.cached(m, func() *Region { return c.gotoLoop(cur, m, fn) }); reg != nil {
				reg.Func = fn
				c.regions = append(c.regions, reg)
			}
		case *ast.ForStmt:
			c.addLoop(m, m.Body, labeled[m], fn)
		case *ast.RangeStmt:
			c.addLoop(m, m.Body, labeled[m], fn)
		case *ast.CallExpr:
			c.call(m, fn)
		}
		return true
	})
}

func (c *collector) addLoop(loop ast.Stmt, body *ast.BlockStmt, label *ast.Ident, fn ast.Node) {
	if reg := c.loop(loop, body, label, fn); reg != nil {
		reg.Func = fn
		c.regions = append(c.regions, reg)
	}
}

// learnHelpers records the functions declared in the package that retry a
// function parameter: the attempt of one of their Loop regions, or the
// retried argument of a Callback region, is the parameter itself. It
// reports whether a new helper was found.
func (c *collector) learnHelpers() bool {
	info := c.pass.TypesInfo
	found := false
	candidates := append([]retriedParam(nil), c.retriedParams...)
	for _, reg := range c.regions {
		decl, ok := reg.Func.(*ast.FuncDecl)
		if !ok {
			continue
		}
		switch {
		case reg.Kind == Loop && reg.Attempt != nil:
			candidates = append(candidates, retriedParam{decl, reg.Attempt.Fun})
		case reg.Kind == Callback:
			if lit, ok := reg.Node.(*ast.FuncLit); ok {
				candidates = append(candidates, retriedParam{decl, lit})
			}
		}
	}
	c.retriedParams = nil
	for _, cand := range candidates {
		decl, e := cand.decl, cand.arg
		if !isFunc(info, e) {
			continue
		}
		idx := c.paramIndex(decl, e)
		if idx < 0 {
			idx = c.wrappedParam(decl, e)
		}
		fn, _ := info.Defs[decl.Name].(*types.Func)
		if idx < 0 || fn == nil || knowledge.IsNotRetry(fn) {
			continue
		}
		if _, seen := c.helpers[fn]; !seen {
			c.helpers[fn] = idx
			found = true
		}
	}
	return found
}

// paramIndex returns the index of the parameter of decl that e names, or
// -1.
func (c *collector) paramIndex(decl *ast.FuncDecl, e ast.Expr) int {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return -1
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return -1
	}
	fn, _ := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	if fn == nil {
		return -1
	}
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil {
		return -1
	}
	for i := 0; i < sig.Params().Len(); i++ {
		if sig.Params().At(i) == v {
			// A parameter assigned in the function may hold anything.
			if len(c.funcs.Writes(v)) > 0 {
				return -1
			}
			return i
		}
	}
	return -1
}

func isFunc(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	if !ok || tv.Type == nil {
		return false
	}
	_, ok = tv.Type.Underlying().(*types.Signature)
	return ok
}

// indexRetryMax records rc.RetryMax = n for go-retryablehttp clients.
func (c *collector) indexRetryMax(ix *packageIndex, as *ast.AssignStmt) {
	if len(as.Lhs) != len(as.Rhs) {
		return
	}
	for i, lhs := range as.Lhs {
		sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "RetryMax" {
			continue
		}
		s, ok := c.pass.TypesInfo.Selections[sel]
		if !ok || s.Kind() != types.FieldVal || s.Obj().Pkg() == nil || s.Obj().Pkg().Path() != knowledge.Retryable {
			continue
		}
		if v := c.varOf(sel.X); v != nil {
			ix.retryMaxes[v] = append(ix.retryMaxes[v], as.Rhs[i])
		}
	}
}

// retriesOff reports whether the go-retryablehttp client e has retries
// turned off: every RetryMax assigned to its variable or field in the
// package is the constant 0.
func (c *collector) retriesOff(e ast.Expr) bool {
	v := c.varOf(e)
	maxes := c.index().retryMaxes[v]
	if v == nil || len(maxes) == 0 {
		return false
	}
	for _, n := range maxes {
		tv, ok := c.pass.TypesInfo.Types[n]
		if !ok || tv.Value == nil || constant.Sign(tv.Value) != 0 {
			return false
		}
	}
	return true
}

// wrappedParam returns the index of the function parameter of decl that
// e, a function literal or a local variable assigned only one, calls:
// the retried function wraps the parameter (op := func() error { log();
// return fn() }), or -1. A literal that calls more than one parameter
// wraps none of them.
func (c *collector) wrappedParam(decl *ast.FuncDecl, e ast.Expr) int {
	lit, ok := ast.Unparen(e).(*ast.FuncLit)
	if !ok {
		v := c.varOf(e)
		if v == nil || v.Pos() < decl.Pos() || v.Pos() >= decl.End() {
			return -1
		}
		if lit, ok = ast.Unparen(c.value(v)).(*ast.FuncLit); !ok {
			return -1
		}
	}
	idx := -1
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || idx == -2 {
			return idx != -2
		}
		if i := c.paramIndex(decl, call.Fun); i >= 0 {
			if idx >= 0 && idx != i {
				idx = -2
				return false
			}
			idx = i
		}
		return true
	})
	return max(idx, -1)
}
