package retrybody

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"

	"github.com/transportvet/transportvet/internal/analysisdoc"
	"github.com/transportvet/transportvet/internal/code"
	"github.com/transportvet/transportvet/internal/httpreq"
	"github.com/transportvet/transportvet/internal/report"
	"github.com/transportvet/transportvet/internal/required"
	"github.com/transportvet/transportvet/passes/reqbuild"
	"github.com/transportvet/transportvet/passes/retry"
)

//go:embed doc.go
var doc string

// Analyzer is the retrybody check.
var Analyzer = &analysis.Analyzer{
	Name:     "retrybody",
	Doc:      analysisdoc.MustExtract(doc, "retrybody"),
	URL:      "https://github.com/transportvet/transportvet/blob/main/docs/retrybody.md",
	Run:      run,
	Requires: []*analysis.Analyzer{ctrlflow.Analyzer, retry.Analyzer, reqbuild.Analyzer},
}

func run(pass *analysis.Pass) (any, error) {
	if !httpreq.Relevant(pass.Pkg) {
		return nil, nil
	}
	regions := required.Result[*retry.Result](pass)
	if regions == nil || len(regions.Regions) == 0 {
		return nil, nil
	}
	c := &checker{
		pass:     pass,
		cfgs:     required.Result[*ctrlflow.CFGs](pass),
		builders: required.Result[*reqbuild.Result](pass),
		r:        report.New(pass),
		assigns:  make(map[*types.Var][]ast.Expr),
		decls:    make(map[*types.Func]*ast.FuncDecl),
		reads:    make(map[readKey]bool),
	}
	if c.cfgs == nil {
		return nil, nil
	}
	c.index()
	for _, reg := range regions.Regions {
		if reg.Body == nil || reg.Kind == retry.Client {
			continue
		}
		c.checkConsumedBodies(reg)
		if reg.Kind == retry.Loop {
			c.checkLeakedResponses(reg)
		}
	}
	return nil, nil
}

type checker struct {
	pass *analysis.Pass
	cfgs *ctrlflow.CFGs
	// builders are the request builders the package declares or calls.
	builders *reqbuild.Result
	r        *report.Reporter
	// assigns maps each local variable to the values assigned to it; nil
	// stands for a write whose value is unknown (a tuple element other than
	// a call's, an increment, an address taken).
	assigns map[*types.Var][]ast.Expr
	// decls maps the functions of the package to their declarations.
	decls map[*types.Func]*ast.FuncDecl
	// reads caches readsOnly's answers.
	reads map[readKey]bool
}

// index records the writes of every local variable.
func (c *checker) index() {
	info := c.pass.TypesInfo
	for _, f := range c.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if fn, ok := info.Defs[n.Name].(*types.Func); ok && n.Body != nil {
					c.decls[fn] = n
				}
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					v := code.IdentVar(info, lhs)
					if v == nil {
						continue
					}
					var val ast.Expr
					switch {
					case len(n.Lhs) == len(n.Rhs):
						val = n.Rhs[i]
					case len(n.Rhs) == 1 && i == 0:
						val = n.Rhs[0] // req, err := http.NewRequest(...)
					}
					if n.Tok != token.ASSIGN && n.Tok != token.DEFINE {
						val = nil
					}
					c.assigns[v] = append(c.assigns[v], val)
				}
			case *ast.ValueSpec:
				for i, name := range n.Names {
					v := code.IdentVar(info, name)
					if v == nil || len(n.Values) == 0 {
						continue
					}
					var val ast.Expr
					switch {
					case len(n.Names) == len(n.Values):
						val = n.Values[i]
					case len(n.Values) == 1 && i == 0:
						val = n.Values[0]
					}
					c.assigns[v] = append(c.assigns[v], val)
				}
			case *ast.IncDecStmt:
				if v := code.IdentVar(info, n.X); v != nil {
					c.assigns[v] = append(c.assigns[v], nil)
				}
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					if v := code.IdentVar(info, n.X); v != nil {
						c.assigns[v] = append(c.assigns[v], nil)
					}
				}
			}
			return true
		})
	}
}

// assignedIn reports whether v, or its Body or GetBody field, is assigned
// within n, or its address is taken there.
func (c *checker) assignedIn(v *types.Var, n ast.Node) bool {
	info := c.pass.TypesInfo
	is := func(e ast.Expr) bool {
		switch e := ast.Unparen(e).(type) {
		case *ast.Ident:
			return code.IdentVar(info, e) == v
		case *ast.SelectorExpr:
			if id, ok := ast.Unparen(e.X).(*ast.Ident); ok && info.Uses[id] == v {
				return e.Sel.Name == "Body" || e.Sel.Name == "GetBody"
			}
		}
		return false
	}
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if is(l) {
					found = true
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && is(n.X) {
				found = true
			}
		}
		return !found
	})
	return found
}

// usesIn counts the uses of v within n.
func (c *checker) usesIn(v *types.Var, n ast.Node) int {
	count := 0
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == v {
			count++
		}
		return true
	})
	return count
}

func within(n ast.Node, pos token.Pos) bool {
	return n != nil && n.Pos() <= pos && pos < n.End()
}
