package dispatcher

// This file decides which uses of deprecated fields (Request.Cancel,
// Transport.Dial, Transport.DialTLS: the SetOnly entries of
// knowledge.StdlibDeprecations) and of CloseNotifier keep compatibility
// with callers that still use them, rather than depend on them. Those uses have nothing to migrate: net/http's own
// transport reads Request.Cancel, net/http/httptest's Server reads
// Transport.Dial to call it when a user set it, and a ResponseWriter
// wrapper must keep implementing CloseNotifier for the handlers it wraps.
// Measured on real code (docs/evaluation.md): github.com/PuerkitoBio/rehttp
// reads req.Cancel next to the request's context; prometheus/client_golang's
// promhttp delegator forwards CloseNotify, embeds CloseNotifier and probes
// for it.

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// setsField reports whether the field selected by id, a use of a struct
// field, is written there: the left side of an assignment (or of a range
// clause's =), a composite-literal key, or an operand of & (after which
// anything may write it). Any other use reads the field.
func setsField(cur inspector.Cursor) bool {
	switch cur.ParentEdgeKind() {
	case edge.KeyValueExpr_Key:
		return cur.Parent().ParentEdgeKind() == edge.CompositeLit_Elts
	case edge.SelectorExpr_Sel:
		e := parensUp(cur.Parent())
		switch e.ParentEdgeKind() {
		case edge.AssignStmt_Lhs, edge.RangeStmt_Key, edge.RangeStmt_Value:
			return true
		case edge.UnaryExpr_X:
			u, ok := e.Parent().Node().(*ast.UnaryExpr)
			return ok && u.Op == token.AND
		}
	}
	return false
}

// closeNotifierCompat reports whether cur, a use of the type name
// http.CloseNotifier (tn), keeps a type compatible with CloseNotifier or
// detects it, without waiting on the channel:
//
//   - inside the body of a CloseNotify method, which forwards the call;
//   - as an embedded field of a struct type or an embedded element of an
//     interface type, which keeps the type implementing CloseNotifier;
//   - as the type of a comma-ok assertion whose value is discarded
//     (_, ok := w.(http.CloseNotifier)), or of a type-switch case whose
//     bound variable, if it has type CloseNotifier there, is not used;
//   - as the type of an assertion whose CloseNotify method is called as a
//     statement, dropping the channel (a test that the call is forwarded).
func (c *checker) closeNotifierCompat(cur inspector.Cursor, tn *types.TypeName) bool {
	if c.inCloseNotifyMethod(cur, tn) {
		return true
	}
	te := cur
	if te.ParentEdgeKind() == edge.SelectorExpr_Sel {
		te = te.Parent() // http.CloseNotifier
	}
	te = parensUp(te)
	switch te.ParentEdgeKind() {
	case edge.Field_Type:
		return embedded(te.Parent())
	case edge.TypeAssertExpr_Type:
		return c.probes(parensUp(te.Parent()), tn)
	case edge.CaseClause_List:
		return c.unboundCase(te.Parent(), tn)
	}
	return false
}

// embedded reports whether field is an embedded field of a struct type or
// an embedded element of an interface type (not an unnamed parameter).
func embedded(field inspector.Cursor) bool {
	f, ok := field.Node().(*ast.Field)
	if !ok || len(f.Names) > 0 || field.ParentEdgeKind() != edge.FieldList_List {
		return false
	}
	switch field.Parent().ParentEdgeKind() {
	case edge.StructType_Fields, edge.InterfaceType_Methods:
		return true
	}
	return false
}

// probes reports whether the type assertion at assert detects the type
// without keeping its value: _, ok := x.(T), var _, ok = x.(T), or
// x.(T).CloseNotify() as a statement.
func (c *checker) probes(assert inspector.Cursor, tn *types.TypeName) bool {
	switch assert.ParentEdgeKind() {
	case edge.AssignStmt_Rhs:
		as, ok := assert.Parent().Node().(*ast.AssignStmt)
		return ok && len(as.Lhs) == 2 && len(as.Rhs) == 1 && isBlank(as.Lhs[0])
	case edge.ValueSpec_Values:
		vs, ok := assert.Parent().Node().(*ast.ValueSpec)
		return ok && len(vs.Names) == 2 && len(vs.Values) == 1 && isBlank(vs.Names[0])
	case edge.SelectorExpr_X:
		sel, ok := assert.Parent().Node().(*ast.SelectorExpr)
		if !ok {
			return false
		}
		s := c.pass.TypesInfo.Selections[sel]
		if s == nil || s.Kind() != types.MethodVal || s.Obj().Name() != "CloseNotify" || !types.Identical(s.Recv(), tn.Type()) {
			return false
		}
		fun := parensUp(assert.Parent())
		if fun.ParentEdgeKind() != edge.CallExpr_Fun {
			return false
		}
		return parensUp(fun.Parent()).ParentEdgeKind() == edge.ExprStmt_X
	}
	return false
}

// unboundCase reports whether clause, a case clause listing CloseNotifier,
// belongs to a type switch and does not use the switch's variable as a
// CloseNotifier: the switch binds none, the clause lists other types too
// (the variable keeps the switch operand's type), or the clause's body does
// not use it.
func (c *checker) unboundCase(clause inspector.Cursor, tn *types.TypeName) bool {
	cc, ok := clause.Node().(*ast.CaseClause)
	if !ok || clause.ParentEdgeKind() != edge.BlockStmt_List || clause.Parent().ParentEdgeKind() != edge.TypeSwitchStmt_Body {
		return false
	}
	v := c.pass.TypesInfo.Implicits[cc]
	if v == nil || !types.Identical(v.Type(), tn.Type()) {
		return true
	}
	used := false
	for _, stmt := range cc.Body {
		ast.Inspect(stmt, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == v {
				used = true
			}
			return !used
		})
	}
	return !used
}

// inCloseNotifyMethod reports whether cur is in the body of a method named
// CloseNotify with CloseNotifier's signature: a forwarder that keeps its
// receiver implementing the interface.
func (c *checker) inCloseNotifyMethod(cur inspector.Cursor, tn *types.TypeName) bool {
	iface, ok := tn.Type().Underlying().(*types.Interface)
	if !ok {
		return false
	}
	for fd := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		decl := fd.Node().(*ast.FuncDecl)
		if decl.Recv == nil || decl.Name.Name != "CloseNotify" || decl.Body == nil {
			return false
		}
		if id := cur.Node(); id.Pos() < decl.Body.Pos() || id.End() > decl.Body.End() {
			return false
		}
		fn, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
		if !ok {
			return false
		}
		for i := range iface.NumMethods() {
			if m := iface.Method(i); m.Name() == "CloseNotify" {
				return types.Identical(fn.Type(), m.Type()) // receivers are ignored
			}
		}
		return false
	}
	return false
}

// parensUp returns the outermost parenthesized expression around cur, or
// cur.
func parensUp(cur inspector.Cursor) inspector.Cursor {
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	return cur
}

func isBlank(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "_"
}
