package retrystorm

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/transportvet/transportvet/internal/code"
	"github.com/transportvet/transportvet/internal/flow"
	"github.com/transportvet/transportvet/internal/httpreq"
	"github.com/transportvet/transportvet/internal/knowledge"
)

// This file tells a conflict from an overload. A storm is an immediate
// re-send after a failure that may come from the dependency failing: the
// call's own error (a transport failure, a timeout, unavailability) or,
// for HTTP, a status such as 429 or 503 that comes with a nil error. A
// way round that can only follow an answer the server gave, the call
// having returned a nil error, goes round on the content of that answer
// (a compare that failed, a "key exists" the attempt's own code returns
// after its call succeeded): optimistic concurrency, not a storm.
//
// The server answered when a call that Answers (funcFact) returned a nil
// error. The base case is a gRPC unary call: gRPC reports overload,
// unavailability and deadlines as errors, so its nil error is an answer.
// An HTTP send is not (its nil error comes with any status), nor a dial
// (a connection is no answer), nor a stream opened.

// answersAPI reports whether fn is a network API whose nil error is a
// server's answer: Invoke of knowledge.GRPCUnary, or a method of the
// shape of a generated gRPC client whose first result is a pointer (the
// reply message of a unary call; a stream's methods return an interface).
func answersAPI(fn *types.Func) bool {
	if knowledge.GRPCUnary.Has(fn) {
		return true
	}
	if !isGRPCClientMethod(fn) {
		return false
	}
	res := fn.Type().(*types.Signature).Results()
	if res.Len() != 2 || !code.IsError(res.At(1).Type()) {
		return false
	}
	_, ok := res.At(0).Type().(*types.Pointer)
	return ok
}

// answers reports whether a nil error from a call of fn means that a
// server answered: fn is such an API, or its summary (this package, a
// fact, an interface method of this package) says Answers.
func (c *checker) answers(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	if answersAPI(fn) {
		return true
	}
	f := c.factOf(fn)
	return f != nil && f.Answers
}

// answering maps each variable that receives the error of a call that
// answers, in a function, to the CFG nodes that assign it so.
type answering map[*types.Var][]ast.Node

// answeringCalls returns the error variables of the calls of calls that
// answer (answers), located in g.
func (c *checker) answeringCalls(g *cfg.CFG, calls []*ast.CallExpr) answering {
	defs := make(answering)
	for _, call := range calls {
		if !c.answers(c.callee(call)) {
			continue
		}
		b, i := flow.Locate(g, call)
		if b == nil {
			continue
		}
		if v := errOf(c.pass.TypesInfo, b.Nodes[i], call); v != nil {
			defs[v] = append(defs[v], b.Nodes[i])
		}
	}
	return defs
}

// accepts returns a function that accepts the nodes of defs[v].
func (defs answering) accepts(v *types.Var) func(ast.Node) bool {
	return func(n ast.Node) bool {
		for _, d := range defs[v] {
			if d == n {
				return true
			}
		}
		return false
	}
}

// answeredAt reports whether n, in the function of g, runs only after a
// call of defs returned a nil error: on every path, that call set its
// error variable last, and a branch then proved it nil
// (flow.TestedAt).
func (c *checker) answeredAt(g *cfg.CFG, n ast.Node, defs answering) bool {
	for v := range defs {
		if flow.TestedAt(c.pass.TypesInfo, g, n, v, flow.Nil, defs.accepts(v)) {
			return true
		}
	}
	return false
}

// answersLocal reports whether fn, declared in the package with a network
// call and an error as its last result, returns a nil error only after a
// server answered. Each of its returns must be
//
//   - answered (answeredAt): `if err != nil { return nil, err }; if
//     !resp.Succeeded { return nil, nil }` after a gRPC call;
//   - or the result, as it came, of a call that answers: `return
//     kv.Txn(ctx).Commit()`, `resp, err := c.Get(ctx, in); return resp,
//     err`;
//   - or an error that is not nil (notNil): a new error, a sentinel, a
//     failure passed on.
//
// A literal nil anywhere else (a failure swallowed, a cached result) and
// any other error (a bare return, an unknown call) mean it does not.
func (c *checker) answersLocal(fn *types.Func) bool {
	f := c.funcs.Of(fn)
	if f == nil || f.Decl.Body == nil {
		return false
	}
	res := fn.Type().(*types.Signature).Results()
	if res.Len() == 0 || !code.IsError(res.At(res.Len()-1).Type()) {
		return false
	}
	g := c.cfgs.FuncDecl(f.Decl)
	if g == nil {
		return false
	}
	calls := make([]*ast.CallExpr, len(f.Calls))
	for i, call := range f.Calls {
		calls[i] = call.Expr
	}
	defs := c.answeringCalls(g, calls)
	if len(defs) == 0 {
		return false
	}
	info := c.pass.TypesInfo
	returns, ok := 0, true
	ast.Inspect(f.Decl.Body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			returns++
			ok = c.answeringReturn(info, g, n, res.Len(), defs)
		}
		return ok
	})
	return ok && returns > 0
}

// answeringReturn reports whether r, a return of a function with nres
// results and g its CFG, returns a nil error only after a server answered
// (see answersLocal).
func (c *checker) answeringReturn(info *types.Info, g *cfg.CFG, r *ast.ReturnStmt, nres int, defs answering) bool {
	if c.answeredAt(g, r, defs) {
		return true
	}
	var e ast.Expr
	switch {
	case len(r.Results) == nres:
		e = ast.Unparen(r.Results[nres-1])
	case len(r.Results) == 1:
		// return f(...), f's results being the function's.
		call, ok := ast.Unparen(r.Results[0]).(*ast.CallExpr)
		return ok && c.answers(c.callee(call))
	default:
		return false // a bare return of named results
	}
	if code.IsNil(info, e) {
		return false
	}
	if call, ok := e.(*ast.CallExpr); ok && c.answers(c.callee(call)) {
		return true
	}
	if v := code.IdentVar(info, e); v != nil && defs[v] != nil && flow.TestedAt(info, g, r, v, flow.Unknown, defs.accepts(v)) {
		return true
	}
	return c.notNil(info, g, r, e)
}

// notNil reports whether e, the error that r returns, is not nil: a new
// error (errors.New, fmt.Errorf), a composite literal or its address, a
// package-level variable (a sentinel), or an expression of an error
// variable that a branch proved not nil since it was last set (a failure
// passed on or wrapped: `if err != nil { return nil, toErr(ctx, err) }`).
func (c *checker) notNil(info *types.Info, g *cfg.CFG, r *ast.ReturnStmt, e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.CompositeLit:
		return true
	case *ast.UnaryExpr:
		if _, ok := ast.Unparen(x.X).(*ast.CompositeLit); ok && x.Op == token.AND {
			return true
		}
	case *ast.CallExpr:
		if knowledge.ErrorMakers.Has(c.callee(x)) {
			return true
		}
	}
	if v, ok := code.UsedObject(info, e).(*types.Var); ok && isPackageVar(v) {
		return true
	}
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && !found {
			if v, ok := info.Uses[id].(*types.Var); ok && code.IsError(v.Type()) && !isPackageVar(v) {
				found = flow.TestedAt(info, g, r, v, flow.NonNil, nil)
			}
		}
		return !found
	})
	return found
}

// isPackageVar reports whether v is a variable declared at package level.
func isPackageVar(v *types.Var) bool {
	return v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

// conflictWay returns the test that a branch of a retry loop's way round
// is a conflict, for the loop's attempt whose error the variable failed
// receives: taking the branch (cond evaluating to truth) proves that the
// attempt, a call that answers (answers), returned a nil error, or that
// its error is a conflict sentinel (errors.Is(err, ErrKeyExists), err ==
// ErrKeyExists: conflictSentinel). The caller asks only while failed
// still holds the attempt's error. It returns nil when failed is nil.
func (c *checker) conflictWay(attempt *ast.CallExpr, failed *types.Var) func(cond ast.Expr, truth bool) bool {
	if failed == nil {
		return nil
	}
	info := c.pass.TypesInfo
	answers := c.answers(c.callee(attempt))
	return func(cond ast.Expr, truth bool) bool {
		if answers && flow.Implies(info, cond, truth, failed, nil) == flow.Nil {
			return true
		}
		return code.Proves(cond, truth, func(e ast.Expr, truth bool) bool {
			s := sentinelTest(info, e, truth, failed)
			return s != nil && c.conflictSentinel(s)
		})
	}
}

// sentinelTest returns the package-level variable S when e evaluating to
// truth proves that err is S or wraps it: errors.Is(err, S), err == S,
// !(err != S); otherwise nil.
func sentinelTest(info *types.Info, e ast.Expr, truth bool, err *types.Var) *types.Var {
	var x, y ast.Expr
	switch e := e.(type) {
	case *ast.CallExpr:
		if !truth || len(e.Args) != 2 || !httpreq.Is(httpreq.Callee(info, e), "errors", "", "Is") {
			return nil
		}
		x, y = e.Args[0], e.Args[1]
	case *ast.BinaryExpr:
		if e.Op == token.EQL && truth || e.Op == token.NEQ && !truth {
			x, y = e.X, e.Y
			if code.IdentVar(info, x) != err {
				x, y = y, x
			}
		}
	}
	if x == nil || code.IdentVar(info, x) != err {
		return nil
	}
	if s, ok := code.UsedObject(info, y).(*types.Var); ok && isPackageVar(s) {
		return s
	}
	return nil
}

// conflictSentinel reports whether s is an error that the package makes
// only once a server answered: a package-level error variable of this
// package, set by its declaration alone, every other use of which is a
// comparison (==, !=, the target of errors.Is, a case of a switch on a
// value) or lies where a call that answers returned a nil error
// (answeredAt): etcd's ErrKeyExists, which putNewKV returns after its
// Txn returned a nil error and !txnresp.Succeeded. An error matching it
// can only come from such a place. A comparison in a method of the shape
// of errors.Is's hook, func(error) bool, may make another error match
// it, and counts as a production. Computed once per variable.
func (c *checker) conflictSentinel(s *types.Var) bool {
	if r, ok := c.sentinels[s]; ok {
		return r
	}
	r := c.isConflictSentinel(s)
	c.sentinels[s] = r
	return r
}

func (c *checker) isConflictSentinel(s *types.Var) bool {
	if s.Pkg() != c.pass.Pkg || !isPackageVar(s) || !types.Implements(s.Type(), errorType) {
		return false
	}
	ws := c.funcs.Writes(s)
	if len(ws) != 1 {
		return false
	}
	if _, ok := ws[0].Node.(*ast.ValueSpec); !ok || ws[0].Value() == nil {
		return false
	}
	info := c.pass.TypesInfo
	for id, obj := range info.Uses {
		if obj != s {
			continue
		}
		cur, ok := c.in.Root().FindByPos(id.Pos(), id.End())
		if !ok {
			return false
		}
		if isComparison(info, cur) && !inIsHook(info, cur) {
			continue
		}
		// A production of s: where does it run?
		var fn ast.Node
		for f := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
			fn = f.Node()
			break
		}
		g := flow.Of(c.cfgs, fn)
		if g == nil {
			return false // at package level, or no CFG
		}
		var body ast.Node
		switch fn := fn.(type) {
		case *ast.FuncDecl:
			body = fn.Body
		case *ast.FuncLit:
			body = fn.Body
		}
		var calls []*ast.CallExpr
		ast.Inspect(body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.CallExpr:
				calls = append(calls, n)
			}
			return true
		})
		if !c.answeredAt(g, id, c.answeringCalls(g, calls)) {
			return false
		}
	}
	return true
}

// inIsHook reports whether cur lies in a method of the shape of the hook
// that errors.Is calls, func(error) bool: a type whose Is says it
// matches a sentinel makes its values match it.
func inIsHook(info *types.Info, cur inspector.Cursor) bool {
	var decl *ast.FuncDecl
	for f := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		decl = f.Node().(*ast.FuncDecl)
		break
	}
	if decl == nil {
		return false
	}
	fn, ok := info.Defs[decl.Name].(*types.Func)
	if !ok {
		return false
	}
	sig := fn.Type().(*types.Signature)
	return sig.Recv() != nil && sig.Params().Len() == 1 && code.IsError(sig.Params().At(0).Type()) &&
		sig.Results().Len() == 1 && types.Identical(sig.Results().At(0).Type(), types.Typ[types.Bool])
}

// errorType is the predeclared error interface.
var errorType = types.Universe.Lookup("error").Type().Underlying().(*types.Interface)

// isComparison reports whether the use of an error variable at cur
// compares with it rather than produces it: an operand of == or !=, the
// target of errors.Is, a case of a switch with a tag.
func isComparison(info *types.Info, cur inspector.Cursor) bool {
	k, i := cur.ParentEdge()
	switch p := cur.Parent().Node().(type) {
	case *ast.BinaryExpr:
		return p.Op == token.EQL || p.Op == token.NEQ
	case *ast.CallExpr:
		return k == edge.CallExpr_Args && i == 1 && httpreq.Is(httpreq.Callee(info, p), "errors", "", "Is")
	case *ast.CaseClause:
		return k == edge.CaseClause_List
	}
	return false
}
