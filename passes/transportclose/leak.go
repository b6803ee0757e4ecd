package transportclose

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/transportvet/transportvet/internal/code"
	"github.com/transportvet/transportvet/internal/fixtext"
	"github.com/transportvet/transportvet/internal/flow"
	"github.com/transportvet/transportvet/internal/httpreq"
	"github.com/transportvet/transportvet/internal/imports"
	"github.com/transportvet/transportvet/internal/knowledge"
	"github.com/transportvet/transportvet/internal/report"
)

// leaks finds closable values created in a function that neither escape it
// nor are released on every path to its exits. It follows lostcancel: each
// function is examined on its own, with the control-flow graph that ctrlflow
// builds, whose paths end at calls that never return (panic, os.Exit,
// log.Fatal and the functions ctrlflow finds that call them).
type leaks struct {
	pass  *analysis.Pass
	r     *report.Reporter
	cfgs  *ctrlflow.CFGs
	known []closable
	skip  func(token.Pos) bool // files not to report in (tests, by default)
	// fresh holds the functions of the package that return a new
	// closable value they do not keep (fresh.go).
	fresh map[*types.Func]bool
}

// A creation is a closable value bound to a local variable by the statement
// that creates it.
type creation struct {
	site    ast.Expr   // the creating expression, where the finding is reported
	stmt    ast.Node   // the *ast.AssignStmt or *ast.ValueSpec binding it
	v       *types.Var // the variable bound: the value, or the http.Client holding it
	kind    closable
	release string // the method that releases v
	// viaClient is true when v is a local http.Client whose Transport field
	// is set to the creation in the same composite literal.
	viaClient bool
	// err is the error variable bound with a constructor's result (nil if the
	// constructor returns no error, or it is discarded: see errDiscarded).
	err          *types.Var
	errDiscarded bool
	// list and index locate the statement that holds stmt in its statement
	// list (nil list if it is not in one, e.g. an if statement's init), for
	// the suggested fix. inLoop is true if it is inside a loop body.
	list   []ast.Stmt
	index  int
	inLoop bool
}

func (l *leaks) function(n ast.Node) {
	var (
		body *ast.BlockStmt
		g    *cfg.CFG
	)
	switch n := n.(type) {
	case *ast.FuncDecl:
		if n.Body == nil {
			return
		}
		if _, ok := l.pass.TypesInfo.Defs[n.Name].(*types.Func); !ok {
			return // no type information: ctrlflow has no graph either
		}
		if n.Recv == nil && n.Name.Name == "main" && l.pass.Pkg.Name() == "main" {
			// Returning from main.main ends the process, which closes
			// everything; lostcancel makes the same exception.
			return
		}
		body, g = n.Body, l.cfgs.FuncDecl(n)
	case *ast.FuncLit:
		body, g = n.Body, l.cfgs.FuncLit(n)
	}
	if body == nil || g == nil || l.skip(n.Pos()) {
		return
	}
	for _, c := range l.creations(body) {
		l.check(body, g, c)
	}
}

// unbound reports a transport created only to send one request: the
// receiver of a call such as (&http.Client{Transport: &http.Transport{}}).Get
// or (&http.Transport{}).RoundTrip. Nothing can close it afterwards.
func (l *leaks) unbound(cur inspector.Cursor) {
	call := cur.Node().(*ast.CallExpr)
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || !sendsVia(l.pass.TypesInfo, sel) || l.skip(call.Pos()) {
		return
	}
	if s := l.pass.TypesInfo.Selections[sel]; s == nil || s.Kind() != types.MethodVal {
		return
	}
	site, k, _, _ := l.creationIn(sel.X)
	if site == nil || !k.IdleOnly {
		return
	}
	for fn := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if fd, ok := fn.Node().(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == "main" && l.pass.Pkg.Name() == "main" {
			return // the process ends when main returns
		}
		break // the innermost function only
	}
	end := site.End()
	if lit := compositeLit(site); lit != nil && lit.Type != nil {
		end = lit.Type.End()
	}
	l.r.Report(analysis.Diagnostic{
		Pos: site.Pos(),
		End: end,
		Message: fmt.Sprintf("this %s is used for one request and dropped, never closed: each call leaks %s; %s instead",
			k.Short, k.Holds, k.Reuse),
	})
}

// creations returns the closable values that the statements of body (not of
// the function literals within it) create and bind to a new local variable.
func (l *leaks) creations(body *ast.BlockStmt) []*creation {
	var out []*creation
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // analyzed as a function of its own
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE {
				return true
			}
			if len(n.Lhs) == len(n.Rhs) {
				for i, rhs := range n.Rhs {
					if c := l.bound(n, n.Lhs[i], rhs, nil); c != nil {
						l.locate(c, n, stack)
						out = append(out, c)
					}
				}
			} else if len(n.Rhs) == 1 && len(n.Lhs) > 1 {
				if c := l.bound(n, n.Lhs[0], n.Rhs[0], n.Lhs[len(n.Lhs)-1]); c != nil {
					l.locate(c, n, stack)
					out = append(out, c)
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == len(n.Values) {
				for i, rhs := range n.Values {
					if c := l.bound(n, n.Names[i], rhs, nil); c != nil {
						l.locate(c, n, stack)
						out = append(out, c)
					}
				}
			} else if len(n.Values) == 1 && len(n.Names) > 1 {
				if c := l.bound(n, n.Names[0], n.Values[0], n.Names[len(n.Names)-1]); c != nil {
					l.locate(c, n, stack)
					out = append(out, c)
				}
			}
		}
		return true
	})
	return out
}

// bound returns the creation that stmt binds to lhs, if rhs creates a
// closable value (or a local http.Client holding one) and lhs is a new
// variable. errLHS is the error result's variable for a multi-value rhs.
func (l *leaks) bound(stmt ast.Node, lhs, rhs ast.Expr, errLHS ast.Expr) *creation {
	id, ok := lhs.(*ast.Ident)
	if !ok || id.Name == "_" {
		return nil
	}
	v, ok := l.pass.TypesInfo.Defs[id].(*types.Var)
	if !ok {
		return nil // not a new variable: an earlier value may be replaced
	}
	site, k, viaClient, hasErr := l.creationIn(rhs)
	if site == nil {
		return nil
	}
	c := &creation{site: site, stmt: stmt, v: v, kind: k, viaClient: viaClient}
	if viaClient {
		c.release = "CloseIdleConnections" // (*http.Client).CloseIdleConnections
	} else if c.release = l.releaseMethod(k); c.release == "" {
		return nil
	}
	if errLHS != nil {
		if !hasErr {
			return nil // a multi-value form this check does not know
		}
		eid, ok := errLHS.(*ast.Ident)
		if !ok {
			return nil
		}
		if eid.Name == "_" {
			c.errDiscarded = true
		} else if ev, ok := l.pass.TypesInfo.ObjectOf(eid).(*types.Var); ok {
			c.err = ev
		} else {
			return nil
		}
	} else if hasErr {
		return nil
	}
	return c
}

// locate records where stmt sits, for the suggested fix.
func (l *leaks) locate(c *creation, stmt ast.Node, stack []ast.Node) {
	holder := stmt
	i := len(stack) - 1
	if _, ok := stmt.(*ast.ValueSpec); ok {
		// stack ends with ... DeclStmt GenDecl.
		if i < 1 {
			return
		}
		holder, i = stack[i-1], i-2
	}
	if i < 0 {
		return
	}
	for _, n := range stack[:i] {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			c.inLoop = true
		}
	}
	var list []ast.Stmt
	switch p := stack[i].(type) {
	case *ast.BlockStmt:
		list = p.List
	case *ast.CaseClause:
		list = p.Body
	case *ast.CommClause:
		list = p.Body
	default:
		return
	}
	for j, s := range list {
		if s == holder {
			c.list, c.index = list, j
		}
	}
}

// creationIn reports whether e creates a closable value, or is a literal
// http.Client whose Transport field is such a creation. It returns the
// creating expression, its type, whether it is held by a client, and
// whether the creating call also returns an error.
func (l *leaks) creationIn(e ast.Expr) (site ast.Expr, k closable, viaClient, hasErr bool) {
	e = ast.Unparen(e)
	if k, hasErr, ok := l.created(e); ok {
		return e, k, false, hasErr
	}
	lit := compositeLit(e)
	if lit == nil || !httpreq.IsNamed(l.pass.TypesInfo.TypeOf(lit), "net/http", "Client") {
		return nil, k, false, false
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if key, ok := kv.Key.(*ast.Ident); ok && key.Name == "Transport" {
			val := ast.Unparen(kv.Value)
			if k, hasErr, ok := l.created(val); ok && !hasErr {
				return val, k, true, false
			}
		}
	}
	return nil, k, false, false
}

// compositeLit returns the composite literal that e is, or whose address e
// takes.
func compositeLit(e ast.Expr) *ast.CompositeLit {
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, _ := e.(*ast.CompositeLit)
	return lit
}

// created reports whether e creates a new closable value: a composite
// literal of a closable type or its address, new(T), or a call of a known
// constructor (for a type of the -types flag, a function of its package
// whose name starts with New). A literal that sets DisableKeepAlives to
// anything but a constant false is not a creation: with true it holds no idle
// connection, and a value computed at run time may be true.
func (l *leaks) created(e ast.Expr) (k closable, hasErr, ok bool) {
	info := l.pass.TypesInfo
	if lit := compositeLit(e); lit != nil {
		k, ok := l.kindOf(info.TypeOf(lit))
		if !ok {
			return k, false, false
		}
		if k.KeepAlives && !keepsAlive(info, lit) {
			return k, false, false
		}
		return k, false, true
	}
	call, isCall := e.(*ast.CallExpr)
	if !isCall {
		return k, false, false
	}
	if id, isId := ast.Unparen(call.Fun).(*ast.Ident); isId && len(call.Args) == 1 {
		if b, isB := info.Uses[id].(*types.Builtin); isB && b.Name() == "new" {
			k, ok := l.kindOf(info.TypeOf(call))
			return k, false, ok
		}
	}
	fn, isFn := typeutil.Callee(info, call).(*types.Func)
	if !isFn || fn.Pkg() == nil {
		return k, false, false
	}
	sig, isSig := fn.Type().(*types.Signature)
	if !isSig || sig.Results().Len() == 0 {
		return k, false, false
	}
	k, ok = l.kindOf(sig.Results().At(0).Type())
	if !ok {
		return k, false, false
	}
	hasErr = sig.Results().Len() == 2 && httpreq.IsError(sig.Results().At(1).Type())
	if sig.Results().Len() > 2 || (sig.Results().Len() == 2 && !hasErr) {
		return k, false, false
	}
	if l.isFresh(fn) {
		return k, hasErr, true
	}
	if k.flag {
		return k, hasErr, fn.Pkg().Path() == k.Pkg && sig.Recv() == nil && strings.HasPrefix(fn.Name(), "New")
	}
	// A method of an unnamed type is not a package function of the table.
	if c := knowledge.TransportConstructorOf(fn); c != nil && c.ErrResult == hasErr && (c.Type != "" || sig.Recv() == nil) {
		return k, hasErr, true
	}
	return k, false, false
}

// keepsAlive reports whether the Transport literal lit may keep idle
// connections: it does not set DisableKeepAlives, or sets it to constant false.
func keepsAlive(info *types.Info, lit *ast.CompositeLit) bool {
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if key, ok := kv.Key.(*ast.Ident); ok && key.Name == knowledge.DisableKeepAlives {
			tv, ok := info.Types[kv.Value]
			return ok && tv.Value != nil && tv.Value.Kind() == constant.Bool && !constant.BoolVal(tv.Value)
		}
	}
	return true
}

// kindOf returns the closable type that t is, or points to.
func (l *leaks) kindOf(t types.Type) (closable, bool) {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	for _, k := range l.known {
		if httpreq.IsNamed(t, k.Pkg, k.Name) {
			return k, true
		}
	}
	return closable{}, false
}

// releaseMethod returns the name of the method that releases a value of
// closable k, or "" if a type of the -types flag has none that takes no
// argument.
func (l *leaks) releaseMethod(k closable) string {
	if !k.flag {
		return k.Release
	}
	var named *types.Named
	if tn := imports.TypeName(l.pass.Pkg, k.Pkg, k.Name); tn != nil {
		named, _ = tn.Type().(*types.Named)
	}
	if l.pass.Pkg.Path() == k.Pkg {
		if tn, ok := l.pass.Pkg.Scope().Lookup(k.Name).(*types.TypeName); ok {
			named, _ = tn.Type().(*types.Named)
		}
	}
	if named == nil {
		return ""
	}
	ms := types.NewMethodSet(types.NewPointer(named))
	for _, name := range []string{"CloseIdleConnections", "Close"} {
		if sel := ms.Lookup(named.Obj().Pkg(), name); sel != nil {
			if sig, ok := sel.Type().(*types.Signature); ok && sig.Params().Len() == 0 {
				return name
			}
		}
	}
	return ""
}

// check reports c if it does not escape and some path from its creation to
// a return of the function does not release it.
func (l *leaks) check(body *ast.BlockStmt, g *cfg.CFG, c *creation) {
	releases, sends, ok := l.confined(body, c)
	if !ok {
		return // escapes, or a use this check cannot follow: silent
	}
	if c.kind.IdleOnly && len(sends) == 0 {
		return // never sends a request, so never holds a connection
	}
	// A pool that opens connections only to send requests holds none on
	// a path that has sent nothing yet: only returns after a send count.
	var opens []token.Pos
	if c.kind.IdleOnly {
		opens = sends
	}
	ret, known := leakPath(l.pass.TypesInfo, g, c, releases, opens)
	if !known || ret == nil {
		return
	}
	what := c.kind.Short
	var msg string
	if len(releases) == 0 {
		msg = fmt.Sprintf("this %s is never closed and does not escape: each call leaks %s; call %s when done",
			what, c.kind.Holds, c.release)
		if c.kind.Reuse != "" {
			msg += " or " + c.kind.Reuse
		}
	} else {
		where := fmt.Sprintf("the return at line %d", l.pass.Fset.Position(ret.Pos()).Line)
		if ret.Return == body.Rbrace {
			where = fmt.Sprintf("the end of the function at line %d", l.pass.Fset.Position(ret.Pos()).Line)
		}
		after := "it is created"
		if c.err != nil {
			after = "the error check that follows its creation"
		}
		msg = fmt.Sprintf("this %s is closed on some paths but not on the one to %s, which leaks %s; "+
			"close it on every path, e.g. with defer %s.%s() right after %s",
			what, where, c.kind.Holds, c.v.Name(), c.release, after)
	}
	end := c.site.End()
	switch s := c.site.(type) {
	case *ast.CallExpr:
		if _, isNew := l.pass.TypesInfo.Uses[identOf(s.Fun)].(*types.Builtin); !isNew {
			end = s.Fun.End() // grpc.NewClient, not its arguments
		}
	default:
		if lit := compositeLit(s); lit != nil && lit.Type != nil {
			end = lit.Type.End()
		}
	}
	d := analysis.Diagnostic{Pos: c.site.Pos(), End: end, Message: msg}
	if len(releases) == 0 {
		if fix, ok := l.fix(c); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	}
	l.r.Report(d)
}

// confined follows the uses of c.v in body, and of the local variables that
// take it over (an http.Client literal holding it, a generated gRPC client
// built on it). It reports false if any of them may escape the function or
// is used in a way the check does not model; otherwise it returns the
// positions of the calls that release the value, and of those that send a
// request through it.
func (l *leaks) confined(body *ast.BlockStmt, c *creation) (releases, sends []token.Pos, ok bool) {
	return l.confinedBut(body, c, false)
}

// confinedBut is confined, but if returned is true, c.v may also be
// returned as the first result: the caller receives it (see fresh.go).
func (l *leaks) confinedBut(body *ast.BlockStmt, c *creation, returned bool) (releases, sends []token.Pos, ok bool) {
	vars := map[*types.Var]bool{c.v: true}
	queue := []*types.Var{c.v}
	derived := make(map[*types.Var]bool)
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		escaped := false
		ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
			if escaped {
				return false
			}
			id, isId := n.(*ast.Ident)
			if !isId || l.pass.TypesInfo.Uses[id] != v {
				return true
			}
			if returned && v == c.v {
				if ret, ok := parentNode(stack).(*ast.ReturnStmt); ok && len(ret.Results) > 0 && ast.Unparen(ret.Results[0]) == id {
					return true
				}
			}
			u := l.use(id, stack)
			switch {
			case u.escape:
				escaped = true
			case u.derived != nil && l.derivedLeaves(body, u.derived, u.at, derived):
				// A stream, response or other value computed from it
				// leaves the function, and needs it open.
				escaped = true
			case u.release != nil:
				releases = append(releases, u.release.Pos())
			case u.follow != nil:
				if !vars[u.follow] {
					vars[u.follow] = true
					queue = append(queue, u.follow)
				}
			}
			if u.sends {
				sends = append(sends, id.Pos())
			}
			return true
		})
		if escaped {
			return nil, nil, false
		}
	}
	return releases, sends, true
}

// A use is what one occurrence of a tracked variable does with it.
type use struct {
	escape  bool          // it may escape, or the check cannot tell
	release *ast.CallExpr // it is released by this call
	follow  *types.Var    // it is taken over by this local variable
	sends   bool          // it sends a request
	// derived is an expression whose value is computed from the tracked
	// value (a method's result), and at its ancestors: if that value
	// leaves the function, so does the tracked one (derive.go).
	derived ast.Expr
	at      []ast.Node
}

var escapes = use{escape: true}

// use classifies the occurrence id of a tracked variable, whose ancestors
// are stack. Anything not known to be harmless escapes.
func (l *leaks) use(id *ast.Ident, stack []ast.Node) use {
	info := l.pass.TypesInfo
	// A function literal that refers to the variable must run here and
	// now: called at once, or deferred. One that is started as a goroutine,
	// stored, passed or returned may run after the function has returned.
	for i, n := range stack {
		if lit, ok := n.(*ast.FuncLit); ok && !inline(stack[:i], lit) {
			return escapes
		}
	}
	var child ast.Node = id
	p, rest := parent(stack)
	switch p := p.(type) {
	case *ast.SelectorExpr:
		sel := info.Selections[p]
		if sel == nil || ast.Unparen(p.X) != child {
			return escapes
		}
		gp, above := parent(rest)
		switch sel.Kind() {
		case types.MethodVal:
			call, ok := gp.(*ast.CallExpr)
			if !ok || ast.Unparen(call.Fun) != p {
				return escapes // a method value keeps its receiver
			}
			if (p.Sel.Name == "Close" || p.Sel.Name == "CloseIdleConnections") && len(call.Args) == 0 {
				return use{release: call}
			}
			if p.Sel.Name == "RegisterProtocol" {
				// Requests may go to the registered RoundTripper
				// (file://, test doubles) and open no connection of
				// the transport's own: unsure, so silent.
				return escapes
			}
			return use{sends: sendsVia(info, p), derived: call, at: above}
		case types.FieldVal:
			if u, ok := gp.(*ast.UnaryExpr); ok && u.Op == token.AND {
				return escapes
			}
			if p.Sel.Name == "Transport" && httpreq.IsNamed(deref(info.TypeOf(p.X)), "net/http", "Client") {
				// Reading it hands the transport out; setting it
				// replaces the one a CloseIdleConnections would reach.
				return escapes
			}
			if p.Sel.Name == knowledge.DisableKeepAlives {
				if a, ok := gp.(*ast.AssignStmt); ok && len(a.Lhs) == len(a.Rhs) {
					for _, lhs := range a.Lhs {
						if ast.Unparen(lhs) == p {
							// Set after creation: anything but a
							// constant false may disable keep-alives.
							return escapes
						}
					}
				}
			}
			return use{}
		}
		return escapes
	case *ast.CallExpr:
		if ast.Unparen(p.Fun) == child {
			return escapes
		}
		fn, _ := typeutil.Callee(info, p).(*types.Func)
		if fn == nil {
			return escapes
		}
		if isGeneratedClientCtor(fn) {
			if v := l.boundBy(p, rest); v != nil {
				return use{follow: v}
			}
			// pb.NewXClient(conn).Method(...): used at once.
			if q, up := parent(rest); q != nil {
				if call, ok := methodCall(q, up, p); ok {
					_, above := parent(up)
					return use{derived: call, at: above}
				}
			}
			return escapes
		}
		if isNonRetaining(fn) {
			return use{derived: p, at: rest}
		}
		return escapes
	case *ast.KeyValueExpr:
		lit, ok := parentNode(rest).(*ast.CompositeLit)
		if !ok || ast.Unparen(p.Value) != child {
			return escapes
		}
		key, ok := p.Key.(*ast.Ident)
		if !ok || key.Name != "Transport" || !httpreq.IsNamed(info.TypeOf(lit), "net/http", "Client") {
			return escapes
		}
		up := rest[:len(rest)-1]
		var e ast.Expr = lit
		if u, ok := parentNode(up).(*ast.UnaryExpr); ok && u.Op == token.AND {
			e, up = u, up[:len(up)-1]
		}
		if v := l.boundBy(e, up); v != nil {
			return use{follow: v}
		}
		// (&http.Client{Transport: tr}).Get(url): a client used once.
		if p, up := parent(up); p != nil {
			if call, ok := methodCall(p, up, e); ok {
				sel := p.(*ast.SelectorExpr)
				if s := info.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
					if sel.Sel.Name == "CloseIdleConnections" {
						return use{release: call}
					}
					_, above := parent(up)
					return use{sends: sendsVia(info, sel), derived: call, at: above}
				}
			}
		}
		return escapes
	case *ast.BinaryExpr:
		if p.Op == token.EQL || p.Op == token.NEQ {
			return use{}
		}
		return escapes
	case *ast.AssignStmt:
		if len(p.Lhs) == len(p.Rhs) {
			for i, rhs := range p.Rhs {
				if ast.Unparen(rhs) == child {
					if lhs, ok := p.Lhs[i].(*ast.Ident); ok && lhs.Name == "_" {
						return use{}
					}
				}
			}
		}
		return escapes
	}
	return escapes
}

// methodCall reports whether p, whose ancestors are stack, is a selector
// x.M with x the expression e, called at once: x.M(...). It returns the call.
func methodCall(p ast.Node, stack []ast.Node, e ast.Expr) (*ast.CallExpr, bool) {
	sel, ok := p.(*ast.SelectorExpr)
	if !ok || ast.Unparen(sel.X) != e {
		return nil, false
	}
	call, ok := parentNode(stack).(*ast.CallExpr)
	if !ok || ast.Unparen(call.Fun) != sel {
		return nil, false
	}
	return call, true
}

// boundBy returns the new local variable that e (whose ancestors are stack)
// initializes: `v := e` or `var v = e`, one variable for one value.
func (l *leaks) boundBy(e ast.Expr, stack []ast.Node) *types.Var {
	var lhs ast.Expr
	switch p := parentNode(stack).(type) {
	case *ast.AssignStmt:
		if p.Tok == token.DEFINE && len(p.Lhs) == 1 && len(p.Rhs) == 1 && ast.Unparen(p.Rhs[0]) == e {
			lhs = p.Lhs[0]
		}
	case *ast.ValueSpec:
		if len(p.Names) == 1 && len(p.Values) == 1 && ast.Unparen(p.Values[0]) == e {
			lhs = p.Names[0]
		}
	}
	id, ok := lhs.(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := l.pass.TypesInfo.Defs[id].(*types.Var)
	return v
}

// parent returns the nearest ancestor in stack that is not a parenthesis,
// and the stack above it.
func parent(stack []ast.Node) (ast.Node, []ast.Node) {
	for i := len(stack) - 1; i >= 0; i-- {
		if _, ok := stack[i].(*ast.ParenExpr); !ok {
			return stack[i], stack[:i]
		}
	}
	return nil, nil
}

func parentNode(stack []ast.Node) ast.Node {
	p, _ := parent(stack)
	return p
}

// inline reports whether lit, whose ancestors are stack, is called where it
// stands, as a statement or a deferred call: its body runs before the
// enclosing function returns.
func inline(stack []ast.Node, lit *ast.FuncLit) bool {
	call, rest := parent(stack)
	c, ok := call.(*ast.CallExpr)
	if !ok || ast.Unparen(c.Fun) != lit {
		return false
	}
	switch s := parentNode(rest).(type) {
	case *ast.ExprStmt:
		return true
	case *ast.DeferStmt:
		return s.Call == c
	}
	return false
}

// leakPath searches g for a path from c's creation to a return that passes
// no release. If opens is not nil, only a path that has passed one of its
// positions (a request sent) counts: before that the value holds nothing. It
// returns that return statement (nil if there is none), and false if it
// cannot tell: the creation is not in the graph, or a constructor's error is
// not checked right away.
func leakPath(info *types.Info, g *cfg.CFG, c *creation, releases, opens []token.Pos) (*ast.ReturnStmt, bool) {
	holds := func(n ast.Node, list []token.Pos) bool {
		for _, pos := range list {
			if n.Pos() <= pos && pos < n.End() {
				return true
			}
		}
		return false
	}
	// walk follows a path through nodes: it reports whether the path
	// releases the value, and whether it has used it by the end.
	walk := func(nodes []ast.Node, used bool) (released, usedAfter bool) {
		for _, n := range nodes {
			if holds(n, releases) {
				return true, used
			}
			if holds(n, opens) {
				used = true
			}
		}
		return false, used
	}
	def, i := flow.Find(g, c.stmt)
	if def == nil || !def.Live {
		return nil, false
	}
	rest := def.Nodes[i+1:]
	start := def.Succs
	if c.err != nil {
		// conn, err := grpc.NewClient(...) must be followed by
		// if err != nil (or err == nil): on the error branch there is no
		// value to close.
		if len(rest) != 1 || len(def.Succs) != 2 {
			return nil, false
		}
		nonNil, ok := errCheck(info, rest[0], c.err)
		if !ok {
			return nil, false
		}
		if nonNil {
			start = def.Succs[1:]
		} else {
			start = def.Succs[:1]
		}
		rest = nil
	}
	released, used := walk(rest, opens == nil)
	if released {
		return nil, true
	}
	if ret := def.Return(); ret != nil {
		if used {
			return ret, true
		}
		return nil, true
	}
	// A path ends where it releases the value or returns; it is a leak
	// where it returns having used the value.
	leak := flow.FindPath(start, used, func(b *cfg.Block, used bool) (after, end, found bool) {
		released, after := walk(b.Nodes, used)
		if released {
			return after, true, false
		}
		if b.Return() != nil {
			return after, true, after
		}
		return after, false, false
	}, nil)
	if leak == nil {
		return nil, true
	}
	return leak.Return(), true
}

// errCheck reports whether n is `err != nil` or `err == nil` (either way
// round) for the variable err, and whether it is the former. It is
// code.NilTest of err, not code.ErrCheck: err may have kept another type
// than error when redeclared by :=. A parenthesized comparison is not
// taken.
func errCheck(info *types.Info, n ast.Node, err *types.Var) (nonNil, ok bool) {
	b, ok := n.(*ast.BinaryExpr)
	if !ok {
		return false, false
	}
	v, nonNil, ok := code.NilTest(info, b)
	return nonNil, ok && v == err
}

// fix returns the suggested fix for c: a deferred release right after the
// statement that creates it, or after the error check that follows. It is
// offered only when c.v is a plain local variable defined by that statement
// in a statement list outside any loop, and (for a constructor returning an
// error) that error is checked with if err != nil right away.
func (l *leaks) fix(c *creation) (analysis.SuggestedFix, bool) {
	if c.list == nil || c.inLoop || c.errDiscarded {
		return analysis.SuggestedFix{}, false
	}
	after := c.list[c.index]
	if c.err != nil {
		if c.index+1 >= len(c.list) {
			return analysis.SuggestedFix{}, false
		}
		ifs, ok := c.list[c.index+1].(*ast.IfStmt)
		if !ok || ifs.Init != nil || ifs.Else != nil || !l.terminates(ifs.Body) {
			// After an error branch that falls through, the value
			// may be nil, and a deferred Close would panic.
			return analysis.SuggestedFix{}, false
		}
		if nonNil, ok := errCheck(l.pass.TypesInfo, ifs.Cond, c.err); !ok || !nonNil {
			return analysis.SuggestedFix{}, false
		}
		after = ifs
	}
	pos, indent, ok := l.lineAfter(c.list[c.index], after)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	stmt := fmt.Sprintf("defer %s.%s()", c.v.Name(), c.release)
	return analysis.SuggestedFix{
		Message: "Add " + stmt + " after it is created",
		TextEdits: []analysis.TextEdit{{
			Pos:     pos,
			End:     pos,
			NewText: []byte("\n" + indent + stmt),
		}},
	}, true
}

// lineAfter returns where a statement can be added on a line of its own
// after the statement `after`: the end of its last line, past a trailing
// // comment. It also returns the white space that starts the line of
// first, the statement whose indentation the new one takes. It fails if
// anything but that white space precedes first on its line, or anything
// but a comment follows `after` on its line.
func (l *leaks) lineAfter(first, after ast.Node) (token.Pos, string, bool) {
	tf := l.pass.Fset.File(first.Pos())
	if tf == nil || l.pass.Fset.File(after.End()) != tf {
		return token.NoPos, "", false
	}
	src, ok := fixtext.Source(l.pass, tf)
	if !ok {
		return token.NoPos, "", false
	}
	start, off := tf.Offset(tf.LineStart(tf.Line(first.Pos()))), tf.Offset(first.Pos())
	if start > off {
		return token.NoPos, "", false
	}
	ws := src[start:off]
	if len(bytes.TrimLeft(ws, " \t")) != 0 {
		return token.NoPos, "", false
	}
	end := tf.Offset(after.End())
	eol := bytes.IndexByte(src[end:], '\n')
	if eol < 0 {
		return token.NoPos, "", false
	}
	tail := bytes.TrimSpace(src[end : end+eol])
	if len(tail) > 0 && (!bytes.HasPrefix(tail, []byte("//")) || bytes.Contains(tail, []byte("*/"))) {
		return token.NoPos, "", false
	}
	eol = end + len(bytes.TrimRight(src[end:end+eol], " \t\r"))
	return tf.Pos(eol), string(ws), true
}

// terminates reports whether block ends with a statement after which
// control does not reach the next one: return, a branch, or a call that
// never returns (panic, os.Exit, log.Fatal, and functions ctrlflow finds
// always end in one).
func (l *leaks) terminates(block *ast.BlockStmt) bool {
	if len(block.List) == 0 {
		return false
	}
	switch s := block.List[len(block.List)-1].(type) {
	case *ast.ReturnStmt, *ast.BranchStmt:
		return true
	case *ast.ExprStmt:
		call, ok := ast.Unparen(s.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		if b, ok := l.pass.TypesInfo.Uses[identOf(call.Fun)].(*types.Builtin); ok {
			return b.Name() == "panic"
		}
		fn := typeutil.StaticCallee(l.pass.TypesInfo, call)
		return fn != nil && l.cfgs.NoReturn(fn)
	}
	return false
}

// isGeneratedClientCtor reports whether fn has the shape of a constructor
// that protoc-gen-go-grpc generates for a service X:
// func NewXClient(cc grpc.ClientConnInterface) XClient, where XClient is an
// interface of fn's package. The client keeps cc but never closes it.
func isGeneratedClientCtor(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() != nil || sig.Params().Len() != 1 || sig.Results().Len() != 1 || sig.Variadic() {
		return false
	}
	if !httpreq.IsNamed(sig.Params().At(0).Type(), "google.golang.org/grpc", "ClientConnInterface") {
		return false
	}
	res, ok := types.Unalias(sig.Results().At(0).Type()).(*types.Named)
	if !ok || res.Obj().Pkg() != fn.Pkg() || !types.IsInterface(res) {
		return false
	}
	return fn.Name() == "New"+res.Obj().Name() && strings.HasSuffix(fn.Name(), "Client")
}

func isNonRetaining(fn *types.Func) bool {
	if fn.Pkg() == nil {
		return false
	}
	if sig, ok := fn.Type().(*types.Signature); !ok || sig.Recv() != nil {
		return false
	}
	return knowledge.NonRetaining.Has(fn)
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// sendsVia reports whether the method that sel selects sends a request
// (httpreq.SendsRequest), and so may leave an idle connection in the
// transport behind its receiver.
func sendsVia(info *types.Info, sel *ast.SelectorExpr) bool {
	s := info.Selections[sel]
	if s == nil {
		return false
	}
	fn, _ := s.Obj().(*types.Func)
	return httpreq.SendsRequest(fn)
}

func deref(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}
