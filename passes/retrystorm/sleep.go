package retrystorm

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/transportvet/transportvet/internal/code"
	"github.com/transportvet/transportvet/internal/fixtext"
	"github.com/transportvet/transportvet/internal/httpreq"
	"github.com/transportvet/transportvet/internal/knowledge"
	"github.com/transportvet/transportvet/passes/retry"
)

// checkSleeps reports the waits in retry regions that no context can
// interrupt while a context is in scope.
func (c *checker) checkSleeps() {
	for _, f := range c.pass.Files {
		var stack []ast.Node
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return true
			}
			stack = append(stack, n)
			switch n := n.(type) {
			case *ast.GoStmt, *ast.DeferStmt:
				stack = stack[:len(stack)-1]
				return false
			case *ast.FuncDecl, *ast.GenDecl:
				if !c.holdsRegion(n) {
					// Nothing in it can be reported: reportSleep
					// reports only in the body of a region.
					stack = stack[:len(stack)-1]
					return false
				}
			case *ast.CallExpr:
				c.checkSleepCall(f, n, stack)
			case *ast.UnaryExpr:
				c.checkAfterRecv(f, n, stack)
			}
			return true
		})
	}
}

// holdsRegion reports whether n overlaps the body of a region that
// reportSleep may report in (any kind but Client).
func (c *checker) holdsRegion(n ast.Node) bool {
	for _, reg := range c.regions.Regions {
		if reg.Body != nil && reg.Kind != retry.Client && reg.Body.Pos() < n.End() && n.Pos() < reg.Body.End() {
			return true
		}
	}
	return false
}

// sleep is one wait that no context interrupts.
type sleep struct {
	node  ast.Node   // the call or receive reported
	stmt  ast.Stmt   // its statement, when the fix may replace it
	dur   ast.Expr   // its duration, when the fix may replace it
	timeX *ast.Ident // the time package name it uses
}

func (c *checker) checkSleepCall(file *ast.File, call *ast.CallExpr, stack []ast.Node) {
	info := c.pass.TypesInfo
	if isFunc(info, call, "time", "Sleep") {
		s := sleep{node: call}
		if es, ok := parentStmt(stack).(*ast.ExprStmt); ok && ast.Unparen(es.X) == call && len(call.Args) == 1 {
			s.stmt, s.dur = es, call.Args[0]
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
				s.timeX, _ = sel.X.(*ast.Ident)
			}
		}
		c.reportSleep(file, s, stack)
		return
	}
	if f := c.factOf(c.callee(call)); f != nil && f.Sleeps {
		c.reportSleep(file, sleep{node: call}, stack)
	}
}

func (c *checker) checkAfterRecv(file *ast.File, u *ast.UnaryExpr, stack []ast.Node) {
	x := recvOf(u)
	if x == nil {
		return
	}
	call, ok := ast.Unparen(x).(*ast.CallExpr)
	if !ok || !isFunc(c.pass.TypesInfo, call, "time", "After") {
		return
	}
	es, ok := parentStmt(stack).(*ast.ExprStmt)
	if !ok || ast.Unparen(es.X) != u {
		return // a select case, or a value used
	}
	if _, inSelect := c.selectOf[es]; inSelect {
		return
	}
	s := sleep{node: u, stmt: es}
	if len(call.Args) == 1 {
		s.dur = call.Args[0]
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			s.timeX, _ = sel.X.(*ast.Ident)
		}
	}
	c.reportSleep(file, s, stack)
}

// parentStmt returns the innermost statement of stack below its top.
func parentStmt(stack []ast.Node) ast.Stmt {
	for i := len(stack) - 2; i >= 0; i-- {
		if s, ok := stack[i].(ast.Stmt); ok {
			return s
		}
	}
	return nil
}

// enclosingFunc returns the innermost function of stack.
func enclosingFunc(stack []ast.Node) ast.Node {
	for i := len(stack) - 1; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return n
		}
	}
	return nil
}

func (c *checker) reportSleep(file *ast.File, s sleep, stack []ast.Node) {
	reg := c.regions.Enclosing(s.node.Pos())
	if reg == nil || reg.Kind == retry.Client {
		return
	}
	wc := c.contextAt(reg, s.node.Pos())
	if wc == nil {
		return // no context to wait on
	}
	ctx := wc.expr
	if reg.Kind == retry.Callback {
		hint := "let the retry library wait between attempts, with its context-aware delay"
		if reg.API != nil && reg.API.Pkg() != nil {
			if h, ok := knowledge.ContextWaits[reg.API.Pkg().Path()]; ok {
				hint = h
			}
		}
		c.r.Reportf(s.node, "retry wait ignores %s: a cancelled caller keeps this callback sleeping and retrying; %s", ctx, hint)
		return
	}
	d := analysis.Diagnostic{
		Pos:     s.node.Pos(),
		End:     s.node.End(),
		Message: fmt.Sprintf("retry wait ignores %s: a cancelled caller keeps this loop sleeping and retrying; select on %s.Done() and a timer", ctx, ctx),
	}
	if fn := enclosingFunc(stack); fn != nil && fn == reg.Func && c.fixMayWaitOn(reg, wc, s.node.Pos()) {
		if fix, ok := c.selectFix(file, fn, s, ctx); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	}
	c.r.Report(d)
}

// A waitContext is the context a wait should honour.
type waitContext struct {
	expr string     // how it is spelled at the wait: ctx, req.Context()
	v    *types.Var // the context or request variable
	// perAttempt says that v is declared inside the retry loop: it is
	// made anew, and usually ends, with each attempt.
	perAttempt bool
}

// contextAt returns the context that the wait at pos, in region reg,
// should honour, or nil when there is none. It is a context.Context
// variable in scope at pos that may come from a caller (see fromCaller),
// else the Context() of an *http.Request sent in reg. A variable declared
// outside the retry loop is preferred: the innermost one in scope at the
// loop's entry, whether or not its name still denotes it at pos. A
// variable declared inside the loop (a per-attempt context such as
// context.WithTimeout(ctx, d)) is named only when there is no other.
func (c *checker) contextAt(reg *retry.Region, pos token.Pos) *waitContext {
	if reg.Kind == retry.Loop {
		if entry := loopEntry(reg); entry.IsValid() {
			if v := c.innermostContext(entry); v != nil && c.fromCaller(reg.Func, v, 0) {
				return &waitContext{expr: v.Name(), v: v}
			}
		}
	}
	if v := c.innermostContext(pos); v != nil {
		if !c.fromCaller(reg.Func, v, 0) {
			return nil // ctx := context.Background(): no caller to honour
		}
		return &waitContext{expr: v.Name(), v: v, perAttempt: inLoop(reg, v)}
	}
	scope := fixtext.Scope(c.pass.Pkg, pos)
	if scope == nil || reg.Body == nil {
		return nil
	}
	// The context of the request the region sends.
	var wc *waitContext
	ast.Inspect(reg.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || wc != nil {
			return wc == nil
		}
		arg, _ := httpreq.SentRequest(c.pass.TypesInfo, call)
		id, ok := ast.Unparen(arg).(*ast.Ident)
		if !ok {
			return true
		}
		v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
		if !ok || !httpreq.IsRequest(v.Type()) {
			return true
		}
		if _, obj := scope.LookupParent(id.Name, pos); obj == v && v.Pos() < pos && c.fromCaller(reg.Func, v, 0) {
			wc = &waitContext{expr: id.Name + ".Context()", v: v, perAttempt: inLoop(reg, v)}
		}
		return true
	})
	return wc
}

// innermostContext returns the context.Context variable that is declared
// in the innermost scope around pos holding one, before pos, and that its
// name denotes at pos; the latest declared when that scope holds several.
func (c *checker) innermostContext(pos token.Pos) *types.Var {
	scope := fixtext.Scope(c.pass.Pkg, pos)
	if scope == nil {
		return nil
	}
	for s := scope; s != nil && s != c.pass.Pkg.Scope() && s != types.Universe; s = s.Parent() {
		var best *types.Var
		for _, name := range s.Names() {
			v, ok := s.Lookup(name).(*types.Var)
			if !ok || name == "_" || !isContext(v.Type()) || v.Pos() >= pos {
				continue
			}
			if _, obj := scope.LookupParent(name, pos); obj != v {
				continue
			}
			if best == nil || v.Pos() > best.Pos() {
				best = v
			}
		}
		if best != nil {
			return best
		}
	}
	return nil
}

// loopEntry returns the position at which loop region reg is entered,
// where the variables visible are those of the whole retry: the loop
// statement (for, range, a labelled statement that goto repeats), or the
// opening brace of a recursion's body.
func loopEntry(reg *retry.Region) token.Pos {
	if _, ok := reg.Node.(ast.Stmt); ok {
		return reg.Node.Pos()
	}
	if reg.Body != nil {
		return reg.Body.Lbrace
	}
	return token.NoPos
}

// inLoop reports whether v is declared inside loop region reg: in its
// statement (a for clause, the body), or, for a recursion, in its body.
func inLoop(reg *retry.Region, v *types.Var) bool {
	n := ast.Node(reg.Body)
	if _, ok := reg.Node.(ast.Stmt); ok {
		n = reg.Node
	}
	return reg.Kind == retry.Loop && n != nil && v.Pos() >= n.Pos() && v.Pos() < n.End()
}

// fixMayWaitOn reports whether the select fix may wait on wc at the wait
// at pos and return there. The context must be the one in scope at the
// loop's entry, not one made for an attempt (the first attempt's timeout
// would end the whole retry), and its name must still denote it at pos (a
// per-attempt ctx, cancel := context.WithTimeout(ctx, d) hides it). Every
// cancel function of the function in scope at pos must have been called,
// or deferred, before the wait: the fix's return would skip a later call
// (go vet's lostcancel).
func (c *checker) fixMayWaitOn(reg *retry.Region, wc *waitContext, pos token.Pos) bool {
	if wc.perAttempt || inLoop(reg, wc.v) {
		return false
	}
	scope := fixtext.Scope(c.pass.Pkg, pos)
	if scope == nil {
		return false
	}
	if _, obj := scope.LookupParent(wc.v.Name(), pos); obj != wc.v {
		return false
	}
	if v := c.gathered(reg); v != nil {
		return false // the early return would drop what the attempts gathered
	}
	return c.cancelsDone(reg, scope, pos)
}

// gathered returns a variable of reg's function, declared before the
// region, that the region adds to from one attempt to the next and that a
// return statement outside the region reads, or nil: heimdall's multiErr,
// to which each failed attempt pushes its error, returned after the loop
// (multiErr.Push(...) as a statement, errs = append(errs, err), n += 1,
// joined = errors.Join(joined, err)). A named result is one too, read by
// a bare return. The select fix's return on cancellation would drop it
// and change what the function returns.
func (c *checker) gathered(reg *retry.Region) *types.Var {
	info := c.pass.TypesInfo
	body := funcBody(reg.Func)
	span := reg.Node
	if body == nil || span == nil || reg.Body == nil {
		return nil
	}
	outside := func(v *types.Var) bool {
		return v != nil && v.Pos() >= body.Pos() && v.Pos() < span.Pos() || v != nil && v.Pos() < body.Pos() && v.Parent() != nil && v.Parent() != c.pass.Pkg.Scope()
	}
	var added []*types.Var
	ast.Inspect(reg.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ExprStmt:
			// multiErr.Push(err.Error())
			if call, ok := ast.Unparen(n.X).(*ast.CallExpr); ok {
				if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && info.Selections[sel] != nil && info.Selections[sel].Kind() == types.MethodVal {
					if v := code.IdentVar(info, sel.X); outside(v) {
						added = append(added, v)
					}
				}
			}
		case *ast.IncDecStmt:
			if v := code.IdentVar(info, n.X); outside(v) {
				added = append(added, v)
			}
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				v := code.IdentVar(info, l)
				if !outside(v) {
					continue
				}
				if n.Tok != token.ASSIGN && n.Tok != token.DEFINE {
					added = append(added, v) // errs += ...
				} else if len(n.Lhs) == len(n.Rhs) && code.Mentions(info, n.Rhs[i], v) {
					added = append(added, v) // errs = append(errs, err)
				}
			}
		}
		return true
	})
	for _, v := range added {
		if c.returnedOutside(body, span, v) {
			return v
		}
	}
	return nil
}

// returnedOutside reports whether a return statement of body outside span
// reads v, or v is a named result and some return of body is bare.
func (c *checker) returnedOutside(body *ast.BlockStmt, span ast.Node, v *types.Var) bool {
	info := c.pass.TypesInfo
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) == 0 && v.Pos() < body.Pos() {
				found = true // a bare return of a named result
			}
			if n.Pos() >= span.Pos() && n.End() <= span.End() {
				return false
			}
			for _, r := range n.Results {
				if code.Mentions(info, r, v) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// cancelsDone reports whether every context cancel function declared in
// the function of reg and in scope at pos is called or deferred by a
// statement that runs before pos on every path: one of a block that
// encloses pos, before the statement that holds pos.
func (c *checker) cancelsDone(reg *retry.Region, scope *types.Scope, pos token.Pos) bool {
	body := funcBody(reg.Func)
	if body == nil {
		return false
	}
	for s := scope; s != nil && s != c.pass.Pkg.Scope() && s != types.Universe; s = s.Parent() {
		for _, name := range s.Names() {
			v, ok := s.Lookup(name).(*types.Var)
			if !ok || !isCancelFunc(v.Type()) || v.Pos() >= pos || v.Pos() < body.Pos() {
				continue
			}
			if _, obj := scope.LookupParent(name, pos); obj != v {
				continue // hidden at pos, and so not used after it there
			}
			if !c.calledBefore(body, v, pos) {
				return false
			}
		}
	}
	return true
}

// calledBefore reports whether a statement v() or defer v() of a block of
// body that encloses pos precedes the statement of that block holding pos.
func (c *checker) calledBefore(body *ast.BlockStmt, v *types.Var, pos token.Pos) bool {
	info := c.pass.TypesInfo
	calls := func(s ast.Stmt) bool {
		var call *ast.CallExpr
		switch s := s.(type) {
		case *ast.ExprStmt:
			call, _ = ast.Unparen(s.X).(*ast.CallExpr)
		case *ast.DeferStmt:
			call = s.Call
		}
		return call != nil && len(call.Args) == 0 && code.IdentVar(info, call.Fun) == v
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found || n == nil || pos < n.Pos() || pos >= n.End() {
			return false
		}
		var list []ast.Stmt
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BlockStmt:
			list = n.List
		case *ast.CaseClause:
			list = n.Body
		case *ast.CommClause:
			list = n.Body
		}
		for _, s := range list {
			if s.End() > pos {
				break
			}
			if calls(s) {
				found = true
			}
		}
		return !found
	})
	return found
}

// funcBody returns the body of a *ast.FuncDecl or *ast.FuncLit.
func funcBody(fn ast.Node) *ast.BlockStmt {
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		return fn.Body
	case *ast.FuncLit:
		return fn.Body
	}
	return nil
}

// selectFix replaces the wait statement of s with a select on ctx.Done()
// and time.After that returns ctx's error, when fn's results allow it: the
// last result is an error and every other one has a zero value that the
// file can spell.
func (c *checker) selectFix(file *ast.File, fn ast.Node, s sleep, ctx string) (analysis.SuggestedFix, bool) {
	if s.stmt == nil || s.dur == nil || s.timeX == nil {
		return analysis.SuggestedFix{}, false
	}
	info := c.pass.TypesInfo
	if pn, ok := info.Uses[s.timeX].(*types.PkgName); !ok || pn.Imported().Path() != "time" {
		return analysis.SuggestedFix{}, false
	}
	if c.mayHoldResponse(fn, s.stmt) {
		return analysis.SuggestedFix{}, false // the early return could leak its body
	}
	var sig *types.Signature
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		if obj, ok := info.Defs[fn.Name].(*types.Func); ok {
			sig, _ = obj.Type().(*types.Signature)
		}
	case *ast.FuncLit:
		sig, _ = info.TypeOf(fn).(*types.Signature)
	}
	if sig == nil || sig.Results().Len() == 0 {
		return analysis.SuggestedFix{}, false
	}
	res := sig.Results()
	if !httpreq.IsError(res.At(res.Len() - 1).Type()) {
		return analysis.SuggestedFix{}, false
	}
	var values []string
	for i := 0; i < res.Len()-1; i++ {
		z, ok := zeroValue(c.pass.Pkg, info, file, s.stmt.Pos(), res.At(i).Type())
		if !ok {
			return analysis.SuggestedFix{}, false
		}
		values = append(values, z)
	}
	values = append(values, ctx+".Err()")
	dur, ok := c.source(s.dur)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	indent := fixtext.Indent(c.pass, s.stmt.Pos())
	text := strings.Join([]string{
		"select {",
		"case <-" + ctx + ".Done():",
		"\treturn " + strings.Join(values, ", "),
		"case <-" + s.timeX.Name + ".After(" + dur + "):",
		"}",
	}, "\n"+indent)
	return analysis.SuggestedFix{
		Message: fmt.Sprintf("Wait with a select on %s.Done() and %s.After", ctx, s.timeX.Name),
		TextEdits: []analysis.TextEdit{{
			Pos:     s.stmt.Pos(),
			End:     s.stmt.End(),
			NewText: []byte(text),
		}},
	}, true
}

// source returns the source text of e, formatted.
func (c *checker) source(e ast.Expr) (string, bool) {
	var buf bytes.Buffer
	if err := format.Node(&buf, c.pass.Fset, e); err != nil {
		return "", false
	}
	s := buf.String()
	if strings.Contains(s, "\n") {
		return "", false
	}
	return s, true
}

// fromCaller reports whether v, a context or a request in scope in fn, may
// carry a caller's context: it is not a local of fn every value of which
// is made from context.Background() or context.TODO() (ctx :=
// context.Background(), context.WithTimeout(context.Background(), d)), or,
// for a request, built by http.NewRequest (whose context is Background)
// or from such a context. Unknown values may.
func (c *checker) fromCaller(fn ast.Node, v *types.Var, depth int) bool {
	var body *ast.BlockStmt
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		body = fn.Body
	case *ast.FuncLit:
		body = fn.Body
	}
	if body == nil || depth > 4 || v.Pos() < body.Pos() || v.Pos() >= body.End() {
		return true // a parameter, a variable of an enclosing function
	}
	info := c.pass.TypesInfo
	var values []ast.Expr
	unknown := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				if code.IdentVar(info, lhs) != v {
					continue
				}
				switch {
				case len(n.Lhs) == len(n.Rhs):
					values = append(values, n.Rhs[i])
				case len(n.Rhs) == 1 && i == 0:
					values = append(values, n.Rhs[0]) // ctx, cancel := context.WithTimeout(...)
				default:
					unknown = true
				}
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if info.Defs[name] == v {
					if len(n.Values) != len(n.Names) {
						unknown = true
					} else {
						values = append(values, n.Values[i])
					}
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && code.IdentVar(info, n.X) == v {
				unknown = true
			}
		}
		return !unknown
	})
	if unknown || len(values) == 0 {
		return true
	}
	for _, e := range values {
		if c.callerValue(fn, e, depth) {
			return true
		}
	}
	return false
}

// callerValue reports whether e, a value of a context or a request, may
// carry a caller's context (see fromCaller).
func (c *checker) callerValue(fn ast.Node, e ast.Expr, depth int) bool {
	info := c.pass.TypesInfo
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		if v := code.IdentVar(info, e); v != nil {
			return c.fromCaller(fn, v, depth+1)
		}
		return true
	}
	switch {
	case isFunc(info, call, "context", "Background"), isFunc(info, call, "context", "TODO"),
		isFunc(info, call, "net/http", "NewRequest"):
		return false
	case isFunc(info, call, "context", "WithTimeout"), isFunc(info, call, "context", "WithDeadline"),
		isFunc(info, call, "context", "WithCancel"), isFunc(info, call, "context", "WithValue"),
		isFunc(info, call, "context", "WithoutCancel"), isFunc(info, call, "context", "WithCancelCause"),
		isFunc(info, call, "net/http", "NewRequestWithContext"):
		if len(call.Args) > 0 {
			return c.callerValue(fn, call.Args[0], depth+1)
		}
	}
	return true
}
