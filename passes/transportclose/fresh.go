package transportclose

import (
	"go/ast"
	"go/types"

	"github.com/transportvet/transportvet/internal/code"
	"github.com/transportvet/transportvet/internal/fixpoint"
)

// freshFact marks a function that returns a new closable value on every
// call and keeps it nowhere: each call's result is the caller's to close, as
// if the caller had created it. It is exported for the functions that other
// packages can call.
type freshFact struct {
	Kind string // the closable type, as messages name it ("http.Transport")
}

func (*freshFact) AFact() {}

func (f *freshFact) String() string { return "returns a new " + f.Kind + " it does not keep" }

// freshFuncs finds the functions of the package, declared in files, that
// return a new closable value they do not keep: every return statement
// returns nil or a value created there (a composite literal, a known
// constructor, a call of another such function, or a local variable bound
// to one that escapes only by being returned), and one returns such a
// value. It exports a freshFact for those another package can call.
func (l *leaks) freshFuncs(files []*ast.File) {
	decls := make(map[*types.Func]*ast.FuncDecl)
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			fn, ok := l.pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			if _, ok := l.freshResult(fn); ok {
				decls[fn] = fd
			}
		}
	}
	// Being fresh only grows as more functions are found fresh: repeat
	// until nothing changes, so that the order of declarations does not
	// matter.
	fixpoint.Rounds(0, func() bool {
		changed := false
		for fn, fd := range decls {
			if !l.fresh[fn] && l.returnsFresh(fd) {
				l.fresh[fn] = true
				changed = true
			}
		}
		return changed
	})
	for fn := range l.fresh {
		if fn.Exported() {
			k, _ := l.freshResult(fn)
			l.pass.ExportObjectFact(fn, &freshFact{Kind: k.Short})
		}
	}
}

// freshResult returns the closable type of fn's first result, when fn
// returns it alone or with an error.
func (l *leaks) freshResult(fn *types.Func) (closable, bool) {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Results().Len() == 0 || sig.Results().Len() > 2 {
		return closable{}, false
	}
	if sig.Results().Len() == 2 && !code.IsError(sig.Results().At(1).Type()) {
		return closable{}, false
	}
	return l.kindOf(sig.Results().At(0).Type())
}

// isFresh reports whether fn returns a new closable value it does not keep:
// found so in this package, or by a fact from another.
func (l *leaks) isFresh(fn *types.Func) bool {
	if l.fresh[fn] {
		return true
	}
	if fn.Pkg() == nil || fn.Pkg() == l.pass.Pkg {
		return false
	}
	return l.pass.ImportObjectFact(fn, new(freshFact))
}

// returnsFresh reports whether every return statement of fd returns nil or
// a new value it does not keep, and one returns such a value.
func (l *leaks) returnsFresh(fd *ast.FuncDecl) bool {
	info := l.pass.TypesInfo
	byVar := make(map[*types.Var]*creation)
	for _, c := range l.creations(fd.Body) {
		if !c.viaClient {
			byVar[c.v] = c
		}
	}
	checked := make(map[*types.Var]bool)
	fresh, ok := false, true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) == 0 {
				ok = false // named results: not followed
				return false
			}
			r := ast.Unparen(n.Results[0])
			switch {
			case code.IsNil(info, r):
			case l.createdHere(r):
				fresh = true
			default:
				v := code.IdentVar(info, r)
				c := byVar[v]
				if c == nil {
					ok = false
					return false
				}
				if !checked[v] {
					checked[v] = true
					if _, _, kept := l.confinedBut(fd.Body, c, true); !kept {
						ok = false
						return false
					}
				}
				fresh = true
			}
		}
		return true
	})
	return ok && fresh
}

// createdHere reports whether e creates a new closable value.
func (l *leaks) createdHere(e ast.Expr) bool {
	_, _, ok := l.created(e)
	return ok
}
