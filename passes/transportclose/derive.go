package transportclose

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/transportvet/transportvet/internal/code"
	"github.com/transportvet/transportvet/internal/httpreq"
	"github.com/transportvet/transportvet/internal/knowledge"
)

// This file decides whether a value derived from a tracked transport or
// connection leaves the function. A value is derived when it is computed
// from the tracked value by data flow: the result of a method called on it
// (conn.NewStream, client.Get, a generated client's streaming method), the
// result of a call it is passed to, a field read from a derived value, a
// composite literal holding one, and a local variable assigned any of
// these. If one may be used after the function returns (it is returned,
// stored outside the function's own variables, sent on a channel, or used
// by a goroutine or a function literal that may outlive the call), the
// tracked value must stay open after the return: whoever received the
// derived value uses it, and the check stays silent (see docs). A derived
// value whose type can hold no reference (holdsRef) carries nothing.

// derivedLeaves reports whether the value of e, whose ancestors within body
// are stack and which is derived from a tracked value, may be used after
// the function returns. seen holds the derived local variables already
// followed, so that each is followed once.
func (l *leaks) derivedLeaves(body *ast.BlockStmt, e ast.Expr, stack []ast.Node, seen map[*types.Var]bool) bool {
	info := l.pass.TypesInfo
	var follow []*types.Var
	for {
		p, rest := parent(stack)
		if kv, ok := p.(*ast.KeyValueExpr); ok && (ast.Unparen(kv.Value) == e || ast.Unparen(kv.Key) == e) {
			p, rest = parent(rest) // an element of the composite literal
		}
		// A call started as a goroutine uses what it is given later,
		// whatever its result.
		if _, isGo := p.(*ast.GoStmt); !isGo && !holdsRef(info.TypeOf(e)) {
			break
		}
		next, leaves, vars := l.derivedStep(body, e, p)
		if leaves {
			return true
		}
		follow = append(follow, vars...)
		if next == nil {
			break
		}
		e, stack = next, rest
	}
	for _, v := range follow {
		if seen[v] {
			continue
		}
		seen[v] = true
		if l.derivedVarLeaves(body, v, seen) {
			return true
		}
	}
	return false
}

// derivedVarLeaves reports whether any use of the derived local variable v
// in body lets its value leave the function.
func (l *leaks) derivedVarLeaves(body *ast.BlockStmt, v *types.Var, seen map[*types.Var]bool) bool {
	leaves := false
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		if leaves {
			return false
		}
		id, ok := n.(*ast.Ident)
		if !ok || l.pass.TypesInfo.Uses[id] != v {
			return true
		}
		for i, n := range stack {
			if lit, ok := n.(*ast.FuncLit); ok && !inline(stack[:i], lit) {
				leaves = true // a goroutine or a stored function may use it later
				return false
			}
		}
		if isAssigned(id, stack) {
			return true // a new value for v, not a use of the derived one
		}
		leaves = l.derivedLeaves(body, id, stack, seen)
		return true
	})
	return leaves
}

// isAssigned reports whether id, whose ancestors are stack, is an operand on
// the left of an assignment.
func isAssigned(id *ast.Ident, stack []ast.Node) bool {
	a, ok := parentNode(stack).(*ast.AssignStmt)
	if !ok {
		return false
	}
	for _, lhs := range a.Lhs {
		if ast.Unparen(lhs) == id {
			return true
		}
	}
	return false
}

// derivedStep looks at the parent p of the derived expression e. It returns
// the larger expression whose value is derived in turn (nil if none), or
// leaves true if p lets the value leave the function, and the local
// variables that p assigns the value to.
func (l *leaks) derivedStep(body *ast.BlockStmt, e ast.Expr, p ast.Node) (next ast.Expr, leaves bool, vars []*types.Var) {
	info := l.pass.TypesInfo
	switch p := p.(type) {
	case *ast.SelectorExpr:
		// A field of a derived value (resp.Body), or its method value.
		return p, false, nil
	case *ast.CallExpr:
		// The result of a method called on it, of a function it is
		// passed to, of a conversion: derived as well.
		return p, false, nil
	case *ast.StarExpr, *ast.IndexExpr, *ast.IndexListExpr, *ast.SliceExpr, *ast.TypeAssertExpr,
		*ast.CompositeLit:
		return p.(ast.Expr), false, nil
	case *ast.UnaryExpr:
		return p, false, nil
	case *ast.BinaryExpr:
		if p.Op == token.EQL || p.Op == token.NEQ {
			return nil, false, nil
		}
		return p, false, nil
	case *ast.ReturnStmt, *ast.GoStmt:
		return nil, true, nil
	case *ast.SendStmt:
		return nil, ast.Unparen(p.Value) == e, nil
	case *ast.ExprStmt, *ast.DeferStmt, *ast.IfStmt, *ast.SwitchStmt, *ast.IncDecStmt:
		return nil, false, nil
	case *ast.AssignStmt:
		var lhs []ast.Expr
		if len(p.Lhs) == len(p.Rhs) {
			for i, rhs := range p.Rhs {
				if ast.Unparen(rhs) == e {
					lhs = append(lhs, p.Lhs[i])
				}
			}
		} else if len(p.Rhs) == 1 && ast.Unparen(p.Rhs[0]) == e {
			lhs = p.Lhs // s, err := conn.NewStream(...)
		}
		for _, x := range lhs {
			if id, ok := ast.Unparen(x).(*ast.Ident); ok && id.Name == "_" {
				continue
			}
			if !holdsRef(info.TypeOf(x)) {
				continue
			}
			v := code.IdentVar(info, x)
			if v == nil || !declaredIn(v, body) {
				return nil, true, nil // a field, an element, a global, a result
			}
			vars = append(vars, v)
		}
		return nil, false, vars
	case *ast.ValueSpec:
		for _, name := range p.Names {
			if v, ok := info.Defs[name].(*types.Var); ok && name.Name != "_" && holdsRef(v.Type()) {
				vars = append(vars, v)
			}
		}
		return nil, false, vars
	case *ast.RangeStmt:
		if ast.Unparen(p.X) != e {
			return nil, false, nil
		}
		for _, x := range []ast.Expr{p.Key, p.Value} {
			if x == nil {
				continue
			}
			if id, ok := ast.Unparen(x).(*ast.Ident); ok && id.Name == "_" {
				continue
			}
			if !holdsRef(info.TypeOf(x)) {
				continue
			}
			v := code.IdentVar(info, x)
			if v == nil || !declaredIn(v, body) {
				return nil, true, nil
			}
			vars = append(vars, v)
		}
		return nil, false, vars
	}
	// Any other use: the check cannot tell, so it takes the value to leave.
	return nil, true, nil
}

// declaredIn reports whether v is a variable declared inside body (not a
// parameter, a named result or a package variable).
func declaredIn(v *types.Var, body *ast.BlockStmt) bool {
	return !v.IsField() && body.Pos() <= v.Pos() && v.Pos() < body.End()
}

// holdsRef reports whether a value of type t may refer to a connection:
// whether it is, or contains through pointers, fields and elements, an
// interface (other than error), a function, a channel, a type parameter or
// an unsafe.Pointer. Strings, numbers, byte slices, headers, errors and
// decoded messages (knowledge.DataTypes) carry none.
func holdsRef(t types.Type) bool {
	return holdsRefSeen(t, make(map[types.Type]bool))
}

func holdsRefSeen(t types.Type, seen map[types.Type]bool) bool {
	switch t := t.(type) {
	case nil:
		return false
	case *types.Alias:
		return holdsRefSeen(types.Unalias(t), seen)
	case *types.Tuple:
		for i := range t.Len() {
			if holdsRefSeen(t.At(i).Type(), seen) {
				return true
			}
		}
		return false
	case *types.Named:
		if code.IsError(t) || isData(t) {
			return false
		}
		if seen[t] {
			return false
		}
		seen[t] = true
		return holdsRefSeen(t.Underlying(), seen)
	case *types.Basic:
		return t.Kind() == types.UnsafePointer
	case *types.Pointer:
		return holdsRefSeen(t.Elem(), seen)
	case *types.Slice:
		return holdsRefSeen(t.Elem(), seen)
	case *types.Array:
		return holdsRefSeen(t.Elem(), seen)
	case *types.Map:
		return holdsRefSeen(t.Key(), seen) || holdsRefSeen(t.Elem(), seen)
	case *types.Struct:
		for i := range t.NumFields() {
			if holdsRefSeen(t.Field(i).Type(), seen) {
				return true
			}
		}
		return false
	}
	// Interfaces, functions, channels, type parameters.
	return true
}

// isData reports whether the named type t, or its pointer, is one of the
// knowledge.DataTypes: its values are decoded data, whatever references their
// internal state holds.
func isData(t *types.Named) bool {
	ms := types.NewMethodSet(types.NewPointer(t))
	for _, d := range knowledge.DataTypes {
		sel := ms.Lookup(nil, d.Method)
		if sel == nil {
			continue
		}
		sig, ok := sel.Type().(*types.Signature)
		if ok && sig.Params().Len() == 0 && sig.Results().Len() == 1 &&
			httpreq.IsNamed(sig.Results().At(0).Type(), d.Result.Pkg, d.Result.Name) {
			return true
		}
	}
	return false
}
