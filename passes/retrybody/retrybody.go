package retrybody

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"

	"github.com/transportvet/transportvet/internal/analysisdoc"
	"github.com/transportvet/transportvet/internal/code"
	"github.com/transportvet/transportvet/internal/httpreq"
	"github.com/transportvet/transportvet/internal/index"
	"github.com/transportvet/transportvet/internal/report"
	"github.com/transportvet/transportvet/passes/reqbuild"
	"github.com/transportvet/transportvet/passes/retry"
)

//go:embed doc.go
var doc string

// Analyzer is the retrybody check.
var Analyzer = &analysis.Analyzer{
	Name:      "retrybody",
	Doc:       analysisdoc.MustExtract(doc, "retrybody"),
	URL:       "https://github.com/transportvet/transportvet/blob/main/docs/retrybody.md",
	Run:       run,
	Requires:  []*analysis.Analyzer{index.Analyzer, ctrlflow.Analyzer, retry.Analyzer, reqbuild.Analyzer},
	FactTypes: []analysis.Fact{new(ReadsResponseFact)},
}

// ReadsResponseFact marks an exported function or method whose
// *http.Response parameters at Params it only reads (fields other than
// Body, neutral methods, nil comparisons, calls that only read it in
// turn): go-retryablehttp's DefaultRetryPolicy(ctx, resp, err). Passing a
// response to it hands nothing on.
type ReadsResponseFact struct {
	Params []int
}

func (*ReadsResponseFact) AFact() {}

func (f *ReadsResponseFact) String() string { return fmt.Sprintf("reads response %v", f.Params) }

func run(pass *analysis.Pass) (any, error) {
	report.Directives(pass) // before any early return: see report.Directives
	if !httpreq.Relevant(pass.Pkg) {
		return nil, nil
	}
	c := &checker{
		pass:  pass,
		funcs: pass.ResultOf[index.Analyzer].(*index.Index),
		decls: make(map[*types.Func]*ast.FuncDecl),
		reads: make(map[readKey]bool),
	}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					c.decls[fn] = fd
				}
			}
		}
	}
	c.exportReaders()
	regions := pass.ResultOf[retry.Analyzer].(*retry.Result)
	if len(regions.Regions) == 0 {
		return nil, nil
	}
	c.cfgs = pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
	c.builders = pass.ResultOf[reqbuild.Analyzer].(*reqbuild.Result)
	c.r = report.New(pass)
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
	// funcs indexes the package: its functions and its writes.
	funcs *index.Index
	// decls maps the functions of the package to their declarations.
	decls map[*types.Func]*ast.FuncDecl
	// reads caches readsOnly's answers.
	reads map[readKey]bool
}

// index records the writes of every local variable.
// exportReaders exports a ReadsResponseFact for each exported function
// and method of the package that only reads a response parameter.
func (c *checker) exportReaders() {
	for fn, decl := range c.decls {
		if !fn.Exported() {
			continue
		}
		var params []int
		ps := fn.Signature().Params()
		for i := range ps.Len() {
			if fn.Signature().Variadic() && i == ps.Len()-1 {
				break
			}
			if httpreq.IsResponse(ps.At(i).Type()) && !c.usesResponseIn(decl.Body, ps.At(i), 1) {
				params = append(params, i)
			}
		}
		if len(params) > 0 {
			c.pass.ExportObjectFact(fn, &ReadsResponseFact{Params: params})
		}
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
