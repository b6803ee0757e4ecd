package retrystorm

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/transportvet/transportvet/internal/fixtext"
)

// zeroValue renders the zero value of t as Go source valid at pos in file
// of package pkg, or reports false when t cannot be named there (a type of
// a package the file does not import, or whose import name is shadowed at
// pos, or an unexported type of another package).
func zeroValue(pkg *types.Package, info *types.Info, file *ast.File, pos token.Pos, t types.Type) (string, bool) {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch {
		case u.Info()&types.IsBoolean != 0:
			return "false", true
		case u.Info()&types.IsString != 0:
			return `""`, true
		case u.Info()&types.IsNumeric != 0:
			return "0", true
		case u.Kind() == types.UnsafePointer:
			return "nil", true
		}
		return "", false
	case *types.Pointer, *types.Slice, *types.Map, *types.Chan, *types.Signature:
		return "nil", true
	case *types.Interface:
		if _, isParam := types.Unalias(t).(*types.TypeParam); !isParam {
			return "nil", true
		}
	}
	name, ok := typeString(pkg, info, file, pos, t)
	if !ok {
		return "", false
	}
	switch types.Unalias(t).(type) {
	case *types.TypeParam:
		return "*new(" + name + ")", true
	}
	switch t.Underlying().(type) {
	case *types.Struct, *types.Array:
		return name + "{}", true
	}
	return "*new(" + name + ")", true
}

// typeString renders t with the package names that file uses for its
// imports, or reports false when some package of t cannot be referred to at
// pos.
func typeString(pkg *types.Package, info *types.Info, file *ast.File, pos token.Pos, t types.Type) (string, bool) {
	ok := true
	qual := func(p *types.Package) string {
		if p == pkg {
			return ""
		}
		pn := fixtext.ImportedName(info, file, p.Path())
		if pn == nil || pn.Name() == "." {
			ok = false
			return p.Name()
		}
		if !fixtext.Denotes(pkg, pn, pos) {
			ok = false
		}
		return pn.Name()
	}
	s := types.TypeString(t, qual)
	if !ok || !namable(pkg, t, map[types.Type]bool{}) {
		return "", false
	}
	return s, true
}

// namable reports whether every named type within t is exported or
// declared in pkg.
func namable(pkg *types.Package, t types.Type, seen map[types.Type]bool) bool {
	if seen[t] {
		return true
	}
	seen[t] = true
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		obj := t.Obj()
		if obj.Pkg() != nil && obj.Pkg() != pkg && !obj.Exported() {
			return false
		}
		if args := t.TypeArgs(); args != nil {
			for a := range args.Types() {
				if !namable(pkg, a, seen) {
					return false
				}
			}
		}
		return true
	case *types.Pointer:
		return namable(pkg, t.Elem(), seen)
	case *types.Slice:
		return namable(pkg, t.Elem(), seen)
	case *types.Array:
		return namable(pkg, t.Elem(), seen)
	case *types.Map:
		return namable(pkg, t.Key(), seen) && namable(pkg, t.Elem(), seen)
	case *types.Chan:
		return namable(pkg, t.Elem(), seen)
	case *types.Struct:
		for f := range t.Fields() {
			if f.Pkg() != nil && f.Pkg() != pkg && !f.Exported() {
				return false
			}
			if !namable(pkg, f.Type(), seen) {
				return false
			}
		}
		return true
	case *types.Signature:
		for v := range t.Params().Variables() {
			if !namable(pkg, v.Type(), seen) {
				return false
			}
		}
		for v := range t.Results().Variables() {
			if !namable(pkg, v.Type(), seen) {
				return false
			}
		}
		return true
	case *types.Interface:
		for m := range t.Methods() {
			if m.Pkg() != nil && m.Pkg() != pkg && !m.Exported() {
				return false
			}
		}
		return true
	}
	return true
}
