package retry_test

import (
	"fmt"
	"go/ast"
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/transportvet/transportvet/internal/tvtest"
	"github.com/transportvet/transportvet/passes/retry"
)

// describer returns a test-only analyzer that reports each region of
// under's Result at its Node (a Callback at its retry API Call), and,
// at each call of a function named mark, whether the region enclosing it
// repeats it.
func describer(under *analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     "describe",
		Doc:      "test-only: describe the retry regions",
		Requires: []*analysis.Analyzer{under},
		Run: func(pass *analysis.Pass) (any, error) {
			res := pass.ResultOf[under].(*retry.Result)
			for _, reg := range res.Regions {
				var at ast.Node = reg.Node
				msg := reg.Kind.String() + " region"
				switch reg.Kind {
				case retry.Loop:
					msg += fmt.Sprintf(" attempt %s", types.ExprString(reg.Attempt.Fun))
					if reg.Counter != nil {
						msg += " counter " + reg.Counter.Name()
					}
				case retry.Callback:
					msg += " by " + reg.API.Name()
					if reg.Target != nil {
						msg += " target " + reg.Target.Name()
					}
					if reg.Body == nil {
						msg += " elsewhere"
					}
					at = reg.Call
				case retry.Client:
					msg += " by " + reg.API.Name()
				}
				pass.Reportf(at.Pos(), "%s", msg)
			}
			for _, f := range pass.Files {
				ast.Inspect(f, func(n ast.Node) bool {
					call, ok := n.(*ast.CallExpr)
					if !ok {
						return true
					}
					if id, ok := call.Fun.(*ast.Ident); !ok || id.Name != "mark" {
						return true
					}
					if reg := res.Enclosing(call.Pos()); reg != nil {
						pass.Reportf(call.Pos(), "repeated by %s", reg.Kind)
					} else {
						pass.Reportf(call.Pos(), "runs once")
					}
					return true
				})
			}
			return nil, nil
		},
	}
}

func TestLoops(t *testing.T) {
	analysistest.Run(t, tvtest.TestData(), describer(retry.Analyzer), "retry/a")
}

func TestCallbacksAndClients(t *testing.T) {
	analysistest.Run(t, tvtest.TestData(), describer(retry.Analyzer), "retry/b", "retry/client")
}

func TestHelpers(t *testing.T) {
	analysistest.Run(t, tvtest.TestData(), describer(retry.Analyzer), "retry/helpers", "retry/helpersuser")
}

func TestFuncsFlag(t *testing.T) {
	a := retry.NewAnalyzer()
	if err := a.Flags.Set("funcs", "retry/funcs.myRetry:1,retry/funcs.Retrier.Do:0"); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, tvtest.TestData(), describer(a), "retry/funcs")
}

func TestFuncsFlagErrors(t *testing.T) {
	for _, bad := range []string{"pkg.Func", "pkg.Func:x", "pkg.Func:-1", "nodot:1", "a/b.:1", "a/b:1", "a/b.F :1"} {
		a := retry.NewAnalyzer()
		if err := a.Flags.Set("funcs", bad); err == nil {
			t.Errorf("-funcs %q: no error", bad)
		}
	}
	a := retry.NewAnalyzer()
	if err := a.Flags.Set("funcs", "gopkg.in/x.v3.Func:2"); err != nil {
		t.Errorf("-funcs with a dotted path: %v", err)
	}
}

// TestAzurePipeline checks that every send through an Azure SDK pipeline
// is a Client region (its retry policy is on by default), in clients
// written as the SDK's generator writes them, unless the pipeline is made
// with options that turn retries off.
func TestAzurePipeline(t *testing.T) {
	analysistest.Run(t, tvtest.TestData(), describer(retry.Analyzer), "retry/azure")
}

// TestExplain checks -explain's diagnostics: a region and the loops with
// a fallible call that are not one, each saying why, in source order (the
// output of two runs must not differ).
func TestExplain(t *testing.T) {
	a := retry.NewAnalyzer()
	if err := a.Flags.Set("explain", "true"); err != nil {
		t.Fatal(err)
	}
	for _, r := range analysistest.Run(t, tvtest.TestData(), a, "retry/explain") {
		for i := 1; i < len(r.Diagnostics); i++ {
			if r.Diagnostics[i].Pos < r.Diagnostics[i-1].Pos {
				t.Errorf("diagnostic %d at %s comes after one at %s", i, r.Pass.Fset.Position(r.Diagnostics[i].Pos), r.Pass.Fset.Position(r.Diagnostics[i-1].Pos))
			}
		}
	}
}
