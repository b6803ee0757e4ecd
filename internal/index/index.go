// Package index defines an analyzer that indexes a package once, for every
// check that needs it: the functions and methods declared with a body, the
// calls in each (with their static callees), the callers of each function
// of the package, and where each variable is written. It is fact-free, in the spirit
// of x/tools' typeindex: the checks Require it instead of each walking the
// package and resolving every call again.
//
// What belongs here: facts about the syntax of one package that several
// checks ask for and that cost a walk of the whole package to answer.
// Predicates over one expression live in internal/code, questions about
// paths in internal/flow, and what libraries do in the knowledge tables.
package index

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/transportvet/transportvet/internal/code"
)

// Analyzer indexes a package; its Result is an *Index.
var Analyzer = &analysis.Analyzer{
	Name:       "index",
	Doc:        "index the functions of a package and the calls in each, once for every check",
	URL:        "https://github.com/transportvet/transportvet/blob/main/docs/scaling.md",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[*Index](),
	// It reads types only through lookups that tolerate their absence.
	RunDespiteErrors: true,
}

// An Index holds the functions declared in one package. It is built on
// first use, once, whichever check asks first: a package that no check
// looks into (most of the standard library) never pays for it.
type Index struct {
	pass *analysis.Pass
	in   *inspector.Inspector
	once sync.Once
	// funcs are the functions and methods declared with a body, in
	// source order; byObj maps each to its object, and callers each
	// function of the package (its origin) to the funcs that call it.
	funcs   []*Func
	byObj   map[*types.Func]*Func
	callers map[*types.Func][]*Func
	// writes maps each variable and field to where the package writes
	// it, built on first use by Writes.
	writesOnce sync.Once
	writes     map[*types.Var][]Write
}

// A Write is a place where the package writes a variable or a field.
type Write struct {
	// Node is the *ast.AssignStmt or the *ast.ValueSpec (with values)
	// whose left-hand side or name number Index is the variable, the
	// *ast.IncDecStmt that changes it, or the &x (*ast.UnaryExpr) that
	// takes its address, with Index 0.
	Node  ast.Node
	Index int
}

// Lhs returns the expression that w writes: the left-hand side or the
// name, the operand of the increment or of &.
func (w Write) Lhs() ast.Expr {
	switch n := w.Node.(type) {
	case *ast.AssignStmt:
		return n.Lhs[w.Index]
	case *ast.ValueSpec:
		return n.Names[w.Index]
	case *ast.IncDecStmt:
		return n.X
	case *ast.UnaryExpr:
		return n.X
	}
	return nil
}

// Value returns the value that w assigns, when it is known: the
// right-hand side of the same index in an = or := with as many values as
// variables, the value of the same index in a var declaration likewise;
// nil for any other write (a tuple assignment, an operation such as +=,
// an increment, an address taken).
func (w Write) Value() ast.Expr {
	switch n := w.Node.(type) {
	case *ast.AssignStmt:
		if len(n.Lhs) == len(n.Rhs) && (n.Tok == token.ASSIGN || n.Tok == token.DEFINE) {
			return n.Rhs[w.Index]
		}
	case *ast.ValueSpec:
		if len(n.Names) == len(n.Values) {
			return n.Values[w.Index]
		}
	}
	return nil
}

// Writes returns the places where the package writes v, in source order:
// through an identifier, a field selection x.f, or a qualified pkg.V (see
// code.VarOf).
func (x *Index) Writes(v *types.Var) []Write {
	x.writesOnce.Do(x.buildWrites)
	return x.writes[v]
}

// writeTypes are the nodes that write a variable.
var writeTypes = []ast.Node{
	(*ast.AssignStmt)(nil),
	(*ast.ValueSpec)(nil),
	(*ast.IncDecStmt)(nil),
	(*ast.UnaryExpr)(nil),
}

func (x *Index) buildWrites() {
	info := x.pass.TypesInfo
	x.writes = make(map[*types.Var][]Write)
	add := func(e ast.Expr, n ast.Node, i int) {
		if v := code.VarOf(info, e); v != nil {
			x.writes[v] = append(x.writes[v], Write{n, i})
		}
	}
	for c := range x.in.Root().Preorder(writeTypes...) {
		switch n := c.Node().(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				add(lhs, n, i)
			}
		case *ast.ValueSpec:
			if len(n.Values) > 0 {
				for i, name := range n.Names {
					add(name, n, i)
				}
			}
		case *ast.IncDecStmt:
			add(n.X, n, 0)
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				add(n.X, n, 0)
			}
		}
	}
}

// A Func is a function or method declared with a body.
type Func struct {
	Decl *ast.FuncDecl
	// Obj is nil when the declaration does not type-check.
	Obj *types.Func
	// Cursor is the cursor of Decl.
	Cursor inspector.Cursor
	// Calls are the calls in the body of Decl, those in the bodies of
	// the function literals in it included, in source order.
	Calls []Call
}

// A Call is a call expression and its static callee.
type Call struct {
	Expr *ast.CallExpr
	// Callee is the function or method that Expr calls, as
	// typeutil.Callee finds it, or nil (a call of a function value, a
	// conversion, a builtin).
	Callee *types.Func
}

// Funcs returns the functions and methods declared with a body, in source
// order.
func (x *Index) Funcs() []*Func {
	x.once.Do(x.build)
	return x.funcs
}

// Of returns the declared function whose object is fn (its origin), or
// nil.
func (x *Index) Of(fn *types.Func) *Func {
	if fn == nil {
		return nil
	}
	x.once.Do(x.build)
	return x.byObj[fn.Origin()]
}

// Callers returns the functions of the package whose declarations call fn
// (its origin), each once, in source order.
func (x *Index) Callers(fn *types.Func) []*Func {
	if fn == nil {
		return nil
	}
	x.once.Do(x.build)
	return x.callers[fn.Origin()]
}

func run(pass *analysis.Pass) (any, error) {
	return &Index{pass: pass, in: pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)}, nil
}

func (x *Index) build() {
	info := x.pass.TypesInfo
	x.byObj = make(map[*types.Func]*Func)
	x.callers = make(map[*types.Func][]*Func)
	var cur *Func
	for c := range x.in.Root().Preorder((*ast.FuncDecl)(nil), (*ast.CallExpr)(nil)) {
		switch n := c.Node().(type) {
		case *ast.FuncDecl:
			cur = nil
			if n.Body == nil {
				continue
			}
			cur = &Func{Decl: n, Cursor: c}
			cur.Obj, _ = info.Defs[n.Name].(*types.Func)
			x.funcs = append(x.funcs, cur)
			if cur.Obj != nil {
				x.byObj[cur.Obj] = cur
			}
		case *ast.CallExpr:
			if cur == nil || n.Pos() < cur.Decl.Body.Pos() || n.Pos() >= cur.Decl.End() {
				continue // in a signature, or a package-level declaration
			}
			callee, _ := typeutil.Callee(info, n).(*types.Func)
			cur.Calls = append(cur.Calls, Call{Expr: n, Callee: callee})
			if callee != nil && callee.Pkg() == x.pass.Pkg {
				o := callee.Origin()
				if cs := x.callers[o]; len(cs) == 0 || cs[len(cs)-1] != cur {
					x.callers[o] = append(cs, cur)
				}
			}
		}
	}
}
