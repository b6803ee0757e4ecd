package dispatcher

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"regexp"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// useRE finds the replacement a Deprecated: note names: "Use Transport
// instead", "use [Client.Transport]", "Use lib.NewTransport.".
var useRE = regexp.MustCompile(`(?i)\buse\s+\[?([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\]?`)

// checkRename handles a use of obj outside the standard-library and grpc
// catalogs: a library rename.
func (c *checker) checkRename(cur inspector.Cursor, id *ast.Ident, obj types.Object) {
	d := c.depr.Objects[obj]
	if d == nil {
		return
	}
	if !strings.Contains(obj.Name(), "Dispatch") && !c.cfg.packages.match(obj.Pkg().Path()) {
		return // out of scope: SA1019's business
	}
	if c.pass.ImportObjectFact(obj, new(inlineFact)) {
		return // the inline analyzer's business
	}
	repl := c.replacement(obj, d.Msg)
	if repl == nil {
		return // no equivalent replacement named: SA1019's business
	}
	diag := analysis.Diagnostic{
		Pos:     id.Pos(),
		End:     id.End(),
		Message: c.qualified(obj) + " is deprecated: use " + c.qualified(repl),
	}
	if c.renameOK(cur, id, obj, repl) {
		diag.SuggestedFixes = []analysis.SuggestedFix{{
			Message:   "Replace " + c.qualified(obj) + " with " + c.qualified(repl),
			TextEdits: []analysis.TextEdit{{Pos: id.Pos(), End: id.End(), NewText: []byte(repl.Name())}},
		}}
	}
	c.r.Report(diag)
}

// replacement returns the object that the note msg of the deprecated obj
// names, if it is declared in obj's package and is interchangeable with obj:
// a type alias and its target, functions or methods with identical
// signatures, fields of identical type, constants of identical type and
// value. It returns nil otherwise.
func (c *checker) replacement(obj types.Object, msg string) types.Object {
	m := useRE.FindStringSubmatch(msg)
	if m == nil {
		return nil
	}
	parts := strings.Split(m[1], ".")
	pkg := obj.Pkg()
	if len(parts) > 1 && parts[0] == pkg.Name() {
		parts = parts[1:]
	}
	name := parts[len(parts)-1]
	if name == obj.Name() || !token.IsExported(name) {
		return nil
	}
	switch obj := obj.(type) {
	case *types.TypeName:
		if len(parts) != 1 || isGeneric(obj.Type()) {
			return nil
		}
		repl, ok := pkg.Scope().Lookup(name).(*types.TypeName)
		if ok && types.Identical(obj.Type(), repl.Type()) {
			return repl
		}
	case *types.Const:
		if len(parts) != 1 {
			return nil
		}
		repl, ok := pkg.Scope().Lookup(name).(*types.Const)
		if ok && types.Identical(obj.Type(), repl.Type()) && constant.Compare(obj.Val(), token.EQL, repl.Val()) {
			return repl
		}
	case *types.Func:
		sig := obj.Signature()
		recv := sig.Recv()
		if recv == nil {
			if len(parts) != 1 {
				return nil
			}
			repl, ok := pkg.Scope().Lookup(name).(*types.Func)
			if ok && types.Identical(sig, repl.Signature()) {
				return repl
			}
			return nil
		}
		tn := namedOf(recv.Type())
		if tn == nil || len(parts) > 2 || len(parts) == 2 && parts[0] != tn.Name() {
			return nil
		}
		repl := declaredMethod(tn, name)
		if repl == nil || !sameMethodSig(tn, obj, repl) {
			return nil
		}
		if isPointer(recv.Type()) != isPointer(repl.Signature().Recv().Type()) {
			return nil
		}
		return repl
	case *types.Var:
		if !obj.IsField() || obj.Embedded() {
			return nil
		}
		tn := c.owner(obj)
		if tn == nil || len(parts) > 2 || len(parts) == 2 && parts[0] != tn.Name() {
			return nil
		}
		st := tn.Type().Underlying().(*types.Struct)
		for i := range st.NumFields() {
			f := st.Field(i)
			if f.Name() == name && !f.Embedded() && types.Identical(f.Type(), obj.Type()) {
				return f
			}
		}
	}
	return nil
}

func isGeneric(t types.Type) bool {
	switch t := t.(type) {
	case *types.Named:
		return t.TypeParams().Len() > 0
	case *types.Alias:
		return t.TypeParams().Len() > 0
	}
	return false
}

func isPointer(t types.Type) bool {
	_, ok := types.Unalias(t).(*types.Pointer)
	return ok
}

// declaredMethod returns the method name declared on tn itself, or nil.
func declaredMethod(tn *types.TypeName, name string) *types.Func {
	switch t := types.Unalias(tn.Type()).(type) {
	case *types.Named:
		for i := range t.NumMethods() {
			if m := t.Method(i); m.Name() == name {
				return m
			}
		}
		if it, ok := t.Underlying().(*types.Interface); ok {
			for i := range it.NumExplicitMethods() {
				if m := it.ExplicitMethod(i); m.Name() == name {
					return m
				}
			}
		}
	}
	return nil
}

// renameOK reports whether replacing the identifier id, a use of obj, by
// the name of repl makes it a use of repl at this very site. It says no
// where the name would resolve to something else (a shallower field or
// method, a local declaration), where the literal already has a key of that
// name, and where the identifier is the type of an embedded field (renaming
// it would rename the field).
func (c *checker) renameOK(cur inspector.Cursor, id *ast.Ident, obj, repl types.Object) bool {
	info := c.pass.TypesInfo
	parent := cur.Parent().Node()
	switch p := parent.(type) {
	case *ast.SelectorExpr:
		if p.Sel != id {
			break
		}
		if x, ok := p.X.(*ast.Ident); ok {
			if _, ok := info.Uses[x].(*types.PkgName); ok {
				return !c.embeddedType(cur.Parent())
			}
		}
		sel := info.Selections[p]
		if sel == nil {
			return false
		}
		got, _, _ := types.LookupFieldOrMethod(sel.Recv(), true, obj.Pkg(), repl.Name())
		return origin(got) == repl
	case *ast.KeyValueExpr:
		if p.Key != id {
			break
		}
		lit, ok := cur.Parent().Parent().Node().(*ast.CompositeLit)
		if !ok {
			return false
		}
		st, ok := typeUnder(info.TypeOf(lit)).(*types.Struct)
		if !ok {
			return false
		}
		found := false
		for i := range st.NumFields() {
			if f := st.Field(i); f.Name() == repl.Name() {
				found = origin(f) == repl
			}
		}
		for _, elt := range lit.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				if k, ok := kv.Key.(*ast.Ident); ok && k.Name == repl.Name() {
					return false // the literal sets both
				}
			}
		}
		return found
	}
	if c.embeddedType(cur) {
		return false
	}
	// A bare identifier: a dot-imported name.
	scope := c.pass.Pkg.Scope().Innermost(id.Pos())
	if scope == nil {
		return false
	}
	_, got := scope.LookupParent(repl.Name(), id.Pos())
	return got == repl
}

// embeddedType reports whether the type expression at cur is the type of an
// embedded struct field.
func (c *checker) embeddedType(cur inspector.Cursor) bool {
	for {
		parent := cur.Parent()
		switch p := parent.Node().(type) {
		case *ast.StarExpr, *ast.SelectorExpr, *ast.IndexExpr, *ast.IndexListExpr:
			cur = parent
			continue
		case *ast.Field:
			if len(p.Names) != 0 || p.Type != cur.Node() {
				return false
			}
			_, inStruct := parent.Parent().Parent().Node().(*ast.StructType)
			return inStruct
		}
		return false
	}
}

// typeUnder returns the underlying type of t, or of *t's element.
func typeUnder(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem().Underlying()
	}
	return t.Underlying()
}

// sameMethodSig reports whether methods m1 and m2 of tn have identical
// signatures. The methods of a generic type each have their own receiver
// type parameters, so they are compared as methods of tn instantiated with
// its own type parameters.
func sameMethodSig(tn *types.TypeName, m1, m2 *types.Func) bool {
	named, ok := types.Unalias(tn.Type()).(*types.Named)
	if !ok || named.TypeParams().Len() == 0 {
		return types.Identical(m1.Signature(), m2.Signature())
	}
	targs := make([]types.Type, named.TypeParams().Len())
	for i := range targs {
		targs[i] = named.TypeParams().At(i)
	}
	inst, err := types.Instantiate(nil, named, targs, false)
	if err != nil {
		return false
	}
	ptr := types.NewPointer(inst)
	i1, _, _ := types.LookupFieldOrMethod(ptr, false, tn.Pkg(), m1.Name())
	i2, _, _ := types.LookupFieldOrMethod(ptr, false, tn.Pkg(), m2.Name())
	f1, ok1 := i1.(*types.Func)
	f2, ok2 := i2.(*types.Func)
	return ok1 && ok2 && types.Identical(f1.Signature(), f2.Signature())
}
