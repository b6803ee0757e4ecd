package retrybody

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"

	"github.com/transportvet/transportvet/internal/code"
	"github.com/transportvet/transportvet/internal/fixtext"
	"github.com/transportvet/transportvet/internal/flow"
	"github.com/transportvet/transportvet/internal/httpreq"
	"github.com/transportvet/transportvet/internal/knowledge"
	"github.com/transportvet/transportvet/passes/retry"
)

// neutralResponseMethods are the *http.Response methods that neither read
// nor close the body.
var neutralResponseMethods = map[string]bool{"Cookies": true, "Location": true, "ProtoAtLeast": true}

// checkLeakedResponses reports the sends of loop region reg whose non-nil
// response, on some path to the next iteration, is neither closed, returned,
// stored nor handed on. A send that reads and closes the body itself
// (knowledge.BufferedSends: an Azure SDK pipeline) leaks nothing.
func (c *checker) checkLeakedResponses(reg *retry.Region) {
	g := flow.Of(c.cfgs, reg.Func)
	if g == nil {
		return
	}
	loop := reg.Node
	cont, head := flow.ContinueTarget(g, loop)
	if cont == nil {
		return
	}
	info := c.pass.TypesInfo
	conds := flow.Conditions(loop)
	ast.Inspect(reg.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if fn := httpreq.Callee(info, n); !httpreq.SendsRequest(fn) || knowledge.BufferedSends.Has(fn) {
				return true
			}
			b, i := flow.Locate(g, n)
			if b == nil {
				return true
			}
			resp, errv := results(info, b.Nodes[i], n)
			if resp == nil {
				return true
			}
			arrivals := c.leakPaths(b, i, cont, head, loop, conds, resp, errv)
			if len(arrivals) == 0 || !c.unclosedAtNextSend(b, i, head, loop, conds, resp, errv) {
				return true
			}
			d := analysis.Diagnostic{
				Pos:     n.Pos(),
				End:     n.End(),
				Message: fmt.Sprintf("response %s is not closed before the next attempt: each retry leaks a connection; close %s.Body before retrying", resp.Name(), resp.Name()),
			}
			if fix, ok := c.closeFix(reg, arrivals, resp); ok {
				d.SuggestedFixes = []analysis.SuggestedFix{fix}
			}
			c.r.Report(d)
		}
		return true
	})
}

// An arrival is a leaking path's last block before the next iteration, and
// whether the response is known non-nil there.
type arrival struct {
	from   *cfg.Block
	nonNil bool
}

// leakPaths returns the arrivals at the loop's continue target of the paths
// from node i of block b (the send) on which resp is not used and not known
// to be nil.
func (c *checker) leakPaths(b *cfg.Block, i int, cont, head *cfg.Block, loop ast.Node, conds map[ast.Expr]bool, resp, errv *types.Var) []arrival {
	info := c.pass.TypesInfo
	// A path enters a block at node from (after the send in b, the first
	// elsewhere), knowing resp non-nil or not.
	type state struct {
		from   int
		nonNil bool
	}
	var out []arrival
	unused := func(x *cfg.Block, s state) (state, bool, bool) {
		for _, n := range x.Nodes[s.from:] {
			if c.usesResponse(n, resp) {
				return s, true, false
			}
		}
		return s, x.Return() != nil, false
	}
	edge := func(x *cfg.Block, k int, s state) (state, bool, bool) {
		next := state{0, s.nonNil}
		switch flow.Branch(info, conds, x, k, resp, errv) {
		case flow.Nil:
			return next, true, false
		case flow.NonNil:
			next.nonNil = true
		}
		switch t := x.Succs[k]; {
		case t == cont:
			if cont == head || !c.blockUses(cont, resp) {
				out = append(out, arrival{x, next.nonNil})
			}
			return next, true, false
		case t == head, flow.Leaves(t, loop):
			return next, true, false
		}
		return next, false, false
	}
	flow.FindPath([]*cfg.Block{b}, state{i + 1, false}, unused, edge)
	return out
}

// unclosedAtNextSend reports whether a path from the loop head reaches the
// send (node i of block b) again without using resp while it may be
// non-nil: a loop that closes the previous response at the top of each
// attempt (if resp != nil { resp.Body.Close() }) leaks nothing.
func (c *checker) unclosedAtNextSend(b *cfg.Block, i int, head *cfg.Block, loop ast.Node, conds map[ast.Expr]bool, resp, errv *types.Var) bool {
	info := c.pass.TypesInfo
	unused := func(x *cfg.Block, s struct{}) (struct{}, bool, bool) {
		end := len(x.Nodes)
		if x == b {
			end = i
		}
		for _, n := range x.Nodes[:end] {
			if c.usesResponse(n, resp) {
				return s, true, false
			}
		}
		return s, x == b || x.Return() != nil, x == b
	}
	// A path takes no branch that proves resp nil, and stays in the loop.
	edge := func(x *cfg.Block, k int, s struct{}) (struct{}, bool, bool) {
		return s, flow.Branch(info, conds, x, k, resp, errv) == flow.Nil || flow.Leaves(x.Succs[k], loop), false
	}
	return flow.FindPath([]*cfg.Block{head}, struct{}{}, unused, edge) != nil
}

func (c *checker) blockUses(b *cfg.Block, resp *types.Var) bool {
	for _, n := range b.Nodes {
		if c.usesResponse(n, resp) {
			return true
		}
	}
	return false
}

// usesResponse reports whether n uses resp in a way that may close, return,
// store or hand it on: any use but reading a field other than Body, a
// neutral method, or a comparison with nil.
func (c *checker) usesResponse(n ast.Node, resp *types.Var) bool {
	return c.usesResponseIn(n, resp, 0)
}

// usesResponseIn is usesResponse, depth bounding the calls followed.
func (c *checker) usesResponseIn(n ast.Node, resp *types.Var, depth int) bool {
	info := c.pass.TypesInfo
	used := false
	var stack []ast.Node
	ast.Inspect(n, func(n ast.Node) bool {
		if used {
			return false
		}
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		id, ok := n.(*ast.Ident)
		if !ok || info.Uses[id] != resp {
			return true
		}
		if len(stack) >= 2 {
			switch p := stack[len(stack)-2].(type) {
			case *ast.SelectorExpr:
				if sel := info.Selections[p]; sel != nil {
					if sel.Kind() == types.FieldVal && p.Sel.Name != "Body" && !isAssigned(stack, p) {
						return true
					}
					if sel.Kind() == types.MethodVal && neutralResponseMethods[p.Sel.Name] {
						return true
					}
				}
			case *ast.BinaryExpr:
				if _, _, ok := code.NilCompare(info, p); ok {
					return true
				}
			case *ast.CallExpr:
				if c.readOnlyArg(p, id, depth) {
					return true // shouldRetry(resp, err), log.Print(resp)
				}
			}
		}
		used = true
		return false
	})
	return used
}

// readOnlyArg reports whether call only reads its argument arg, a
// response: call is a formatting or logging function, or a function of
// this package whose parameter for arg is a response it only reads
// (fields other than Body, neutral methods, nil comparisons, and calls
// that only read it in turn, depth bounding the chain), or one of another
// package with a ReadsResponseFact for it. An interface method may close
// or keep it.
func (c *checker) readOnlyArg(call *ast.CallExpr, arg ast.Expr, depth int) bool {
	info := c.pass.TypesInfo
	fn := httpreq.Callee(info, call)
	if fn == nil || fn.Pkg() == nil || call.Ellipsis.IsValid() {
		return false
	}
	if readers[fn.Pkg().Path()] {
		return true
	}
	i := slices.IndexFunc(call.Args, func(e ast.Expr) bool { return ast.Unparen(e) == arg })
	if fn.Pkg() != c.pass.Pkg {
		var f ReadsResponseFact
		return i >= 0 && c.pass.ImportObjectFact(fn.Origin(), &f) && slices.Contains(f.Params, i)
	}
	decl := c.decls[fn.Origin()]
	sig, _ := fn.Type().(*types.Signature)
	if i < 0 || decl == nil || sig == nil || i >= sig.Params().Len() || sig.Variadic() && i >= sig.Params().Len()-1 || depth > 3 {
		return false
	}
	key := readKey{fn.Origin(), i}
	if r, ok := c.reads[key]; ok {
		return r
	}
	c.reads[key] = false // a recursion proves nothing
	p := sig.Params().At(i)
	r := !c.usesResponseIn(decl.Body, p, depth+1)
	c.reads[key] = r
	return r
}

// readKey is a function and the index of its response parameter.
type readKey struct {
	fn *types.Func
	i  int
}

// readers are the packages whose functions only read the values they are
// given: formatting and logging.
var readers = map[string]bool{"fmt": true, "log": true, "log/slog": true}

// isAssigned reports whether sel, below the top of stack, is the left side
// of an assignment.
func isAssigned(stack []ast.Node, sel ast.Expr) bool {
	if len(stack) < 3 {
		return false
	}
	as, ok := stack[len(stack)-3].(*ast.AssignStmt)
	if !ok {
		return false
	}
	for _, l := range as.Lhs {
		if l == sel {
			return true
		}
	}
	return false
}

// results returns the response and error variables that stmt assigns from
// send call (errv nil when the error is discarded), or nil.
func results(info *types.Info, stmt ast.Node, call *ast.CallExpr) (resp, errv *types.Var) {
	vars := flow.Results(info, stmt, call)
	if len(vars) != 2 {
		return nil, nil
	}
	resp, errv = vars[0], vars[1]
	if resp == nil || !httpreq.IsResponse(resp.Type()) {
		return nil, nil
	}
	if errv != nil && !httpreq.IsError(errv.Type()) {
		errv = nil
	}
	return resp, errv
}

// closeFix inserts resp.Body.Close() before the continue statement that
// ends every leaking path, when resp is known non-nil on each of them.
func (c *checker) closeFix(reg *retry.Region, arrivals []arrival, resp *types.Var) (analysis.SuggestedFix, bool) {
	stmts := statementLists(reg.Body)
	var target *ast.BranchStmt
	for _, a := range arrivals {
		if !a.nonNil {
			return analysis.SuggestedFix{}, false
		}
		br := continueAfter(a.from, stmts)
		if br == nil || !continuesLoop(reg.Body, br) || (target != nil && target != br) {
			return analysis.SuggestedFix{}, false
		}
		target = br
	}
	if target == nil {
		return analysis.SuggestedFix{}, false
	}
	scope := fixtext.Scope(c.pass.Pkg, target.Pos())
	if scope == nil {
		return analysis.SuggestedFix{}, false
	}
	if _, obj := scope.LookupParent(resp.Name(), target.Pos()); obj != resp {
		return analysis.SuggestedFix{}, false
	}
	return analysis.SuggestedFix{
		Message: fmt.Sprintf("Close %s.Body before retrying", resp.Name()),
		TextEdits: []analysis.TextEdit{{
			Pos:     target.Pos(),
			End:     target.Pos(),
			NewText: []byte(resp.Name() + ".Body.Close()\n" + fixtext.Indent(c.pass, target.Pos())),
		}},
	}, true
}

// A place is a statement's list and index in it.
type place struct {
	list []ast.Stmt
	i    int
}

// statementLists maps every statement of body to its place.
func statementLists(body *ast.BlockStmt) map[ast.Node]place {
	m := make(map[ast.Node]place)
	add := func(list []ast.Stmt) {
		for i, s := range list {
			m[s] = place{list, i}
			if d, ok := s.(*ast.DeclStmt); ok {
				if g, ok := d.Decl.(*ast.GenDecl); ok {
					for _, spec := range g.Specs {
						m[spec] = place{list, i}
					}
				}
			}
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BlockStmt:
			add(n.List)
		case *ast.CaseClause:
			add(n.Body)
		case *ast.CommClause:
			add(n.Body)
		case *ast.FuncLit:
			return false
		}
		return true
	})
	return m
}

// continueAfter returns the continue statement that ends block b, if the
// statement that follows b's last node (or that starts b, for a block
// with no nodes) is one.
func continueAfter(b *cfg.Block, stmts map[ast.Node]place) *ast.BranchStmt {
	next := func(n ast.Node) ast.Stmt {
		p, ok := stmts[n]
		if !ok || p.i+1 >= len(p.list) {
			return nil
		}
		return p.list[p.i+1]
	}
	var s ast.Stmt
	if len(b.Nodes) > 0 {
		s = next(b.Nodes[len(b.Nodes)-1])
	} else {
		switch st := b.Stmt.(type) {
		case *ast.IfStmt:
			switch b.Kind {
			case cfg.KindIfThen:
				if len(st.Body.List) > 0 {
					s = st.Body.List[0]
				}
			case cfg.KindIfElse:
				if e, ok := st.Else.(*ast.BlockStmt); ok && len(e.List) > 0 {
					s = e.List[0]
				}
			case cfg.KindIfDone:
				s = next(st)
			}
		case *ast.CaseClause:
			if b.Kind == cfg.KindSwitchCaseBody && len(st.Body) > 0 {
				s = st.Body[0]
			}
		case *ast.CommClause:
			if b.Kind == cfg.KindSelectCaseBody && len(st.Body) > 0 {
				s = st.Body[0]
			}
		case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt, *ast.ForStmt, *ast.RangeStmt:
			if b.Kind == cfg.KindSwitchDone || b.Kind == cfg.KindSelectDone || b.Kind == cfg.KindForDone || b.Kind == cfg.KindRangeDone {
				s = next(st)
			}
		}
	}
	br, ok := s.(*ast.BranchStmt)
	if !ok || br.Tok != token.CONTINUE {
		return nil
	}
	return br
}

// continuesLoop reports whether br, an unlabeled continue within body,
// continues the loop whose body is body (not a nested loop).
func continuesLoop(body *ast.BlockStmt, br *ast.BranchStmt) bool {
	if br.Label != nil {
		return false
	}
	ok := false
	var visit func(n ast.Node, nested bool)
	visit = func(n ast.Node, nested bool) {
		ast.Inspect(n, func(m ast.Node) bool {
			switch m := m.(type) {
			case *ast.ForStmt:
				if m.Body != n {
					visit(m.Body, true)
					return false
				}
			case *ast.RangeStmt:
				if m.Body != n {
					visit(m.Body, true)
					return false
				}
			case *ast.FuncLit:
				return false
			case *ast.BranchStmt:
				if m == br && !nested {
					ok = true
				}
			}
			return true
		})
	}
	visit(body, false)
	return ok
}
