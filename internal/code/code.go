// Package code holds the small predicates over go/ast and go/types that
// several analyzers ask of an expression: is it nil, which variable does it
// name, is it a comparison with nil, is it an error check. Each concept has
// its one definition here, so that the analyzers agree on it.
//
// Only such predicates belong here: each function reads the syntax and the
// type information it is given, and nothing else. The package holds no
// analysis state and walks no control-flow graph; questions about paths
// through a function live in internal/flow.
package code

import (
	"go/ast"
	"go/token"
	"go/types"
)

// IsNil reports whether e, through parentheses, is the predeclared nil (an
// identifier nil that is not shadowed).
func IsNil(info *types.Info, e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	_, isNil := info.Uses[id].(*types.Nil)
	return isNil
}

// IsError reports whether t is the predeclared error type.
func IsError(t types.Type) bool {
	return t != nil && types.Identical(t, types.Universe.Lookup("error").Type())
}

// VarOf returns the variable or struct field that e names, through
// parentheses, or nil: an identifier (info.Uses, else info.Defs), a field
// selection x.f, or a qualified package variable pkg.V. Use IdentVar for
// identifiers only.
func VarOf(info *types.Info, e ast.Expr) *types.Var {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if v, ok := info.Uses[e].(*types.Var); ok {
			return v
		}
		if v, ok := info.Defs[e].(*types.Var); ok {
			return v
		}
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[e]; ok && sel.Kind() == types.FieldVal {
			v, _ := sel.Obj().(*types.Var)
			return v
		}
		if v, ok := info.Uses[e.Sel].(*types.Var); ok { // pkg.Var
			return v
		}
	}
	return nil
}

// IdentVar returns the variable that e, through parentheses, names when it
// is an identifier, one it defines (info.Defs) or else uses (info.Uses),
// and nil for any other expression or object. Unlike VarOf it never looks
// through a selector: x.f and pkg.V give nil.
func IdentVar(info *types.Info, e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	obj := info.Defs[id]
	if obj == nil {
		obj = info.Uses[id]
	}
	v, _ := obj.(*types.Var)
	return v
}

// NilCompare reports whether e, through parentheses, is a comparison
// x == nil or x != nil, with nil (IsNil) on either side. It returns the
// other operand x, unparenthesized, and the operator, token.EQL or
// token.NEQ.
func NilCompare(info *types.Info, e ast.Expr) (x ast.Expr, op token.Token, ok bool) {
	b, ok := ast.Unparen(e).(*ast.BinaryExpr)
	if !ok || (b.Op != token.EQL && b.Op != token.NEQ) {
		return nil, 0, false
	}
	switch {
	case IsNil(info, b.Y):
		x = b.X
	case IsNil(info, b.X):
		x = b.Y
	default:
		return nil, 0, false
	}
	return ast.Unparen(x), b.Op, true
}

// NilTest reports whether e is a nil test of a variable: a NilCompare
// whose other operand is an identifier of a variable (IdentVar), of any
// type, as in v != nil or nil == (v). It returns that variable, and
// whether e is true exactly when the variable is not nil (v != nil) rather
// than nil (v == nil). It is the one recognizer of such tests; ErrCheck
// narrows it to variables of type error.
func NilTest(info *types.Info, e ast.Expr) (v *types.Var, nonNil bool, ok bool) {
	x, op, ok := NilCompare(info, e)
	if !ok {
		return nil, false, false
	}
	v = IdentVar(info, x)
	if v == nil {
		return nil, false, false
	}
	return v, op == token.NEQ, true
}

// ErrCheck reports whether e is an error check: a NilTest of a variable of
// the predeclared error type (IsError), as in err != nil or nil == (err).
// It returns that variable, and whether e is true exactly when the
// variable is not nil (err != nil) rather than nil (err == nil).
func ErrCheck(info *types.Info, e ast.Expr) (v *types.Var, nonNil bool, ok bool) {
	v, nonNil, ok = NilTest(info, e)
	if !ok || !IsError(v.Type()) {
		return nil, false, false
	}
	return v, nonNil, true
}

// Mentions reports whether n uses the variable v.
func Mentions(info *types.Info, n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if id, ok := m.(*ast.Ident); ok && info.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}

// Proves reports whether cond, evaluating to truth, proves what atom
// says of one of its operands: through !, a && that holds or a || that
// fails (either operand's proof will do) and a || that holds or a &&
// that fails (both operands must prove it); any other expression is an
// atom, asked with the truth it has there.
func Proves(cond ast.Expr, truth bool, atom func(e ast.Expr, truth bool) bool) bool {
	switch e := ast.Unparen(cond).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			return Proves(e.X, !truth, atom)
		}
	case *ast.BinaryExpr:
		switch {
		case e.Op == token.LAND && truth, e.Op == token.LOR && !truth:
			return Proves(e.X, truth, atom) || Proves(e.Y, truth, atom)
		case e.Op == token.LOR && truth, e.Op == token.LAND && !truth:
			return Proves(e.X, truth, atom) && Proves(e.Y, truth, atom)
		}
	}
	return atom(ast.Unparen(cond), truth)
}

// UsedObject returns the object that e, an identifier or a qualified
// identifier (pkg.Name, x.Field), uses, through parentheses, or nil.
func UsedObject(info *types.Info, e ast.Expr) types.Object {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		return info.Uses[x]
	case *ast.SelectorExpr:
		return info.Uses[x.Sel]
	}
	return nil
}
