package reqbuild_test

import (
	"fmt"
	"go/ast"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/transportvet/transportvet/internal/tvtest"
	"github.com/transportvet/transportvet/passes/reqbuild"
)

func TestBuilders(t *testing.T) {
	analysistest.Run(t, tvtest.TestData(), reqbuild.Analyzer, "reqbuild/a")
}

// TestResult checks that a package sees, through facts, the builders of
// the packages it imports, and what the Result says of each call.
func TestResult(t *testing.T) {
	describe := &analysis.Analyzer{
		Name:     "describe",
		Doc:      "test-only: describe the constructors of calls",
		Requires: []*analysis.Analyzer{reqbuild.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			res := pass.ResultOf[reqbuild.Analyzer].(*reqbuild.Result)
			for _, f := range pass.Files {
				ast.Inspect(f, func(n ast.Node) bool {
					if call, ok := n.(*ast.CallExpr); ok {
						if ctor, keyed := res.Constructor(pass.TypesInfo, call); ctor != nil {
							method := fmt.Sprint(ctor.MethodArg)
							if ctor.Method != "" {
								method = ctor.Method
							}
							pass.Reportf(call.Pos(), "%s: method %s, body %d, keyed %v", ctor.Name, method, ctor.Body, keyed)
						}
					}
					return true
				})
			}
			return nil, nil
		},
	}
	analysistest.Run(t, tvtest.TestData(), describe, "reqbuild/b")
}
