package tvtest_test

import (
	"fmt"
	"go/ast"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/transportvet/transportvet/internal/tvtest"
)

// recorder is an analysistest.Testing that keeps the errors.
type recorder struct{ errs []string }

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// callReporter reports each call of f, with a fix that repeats it when
// withFix is set.
func callReporter(withFix bool) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name: "callreporter",
		Doc:  "callreporter reports each call of f",
		Run: func(pass *analysis.Pass) (any, error) {
			for _, file := range pass.Files {
				ast.Inspect(file, func(n ast.Node) bool {
					if es, ok := n.(*ast.ExprStmt); ok {
						if call, ok := es.X.(*ast.CallExpr); ok {
							if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "f" {
								d := analysis.Diagnostic{Pos: call.Pos(), Message: "call of f"}
								if withFix {
									d.SuggestedFixes = []analysis.SuggestedFix{{
										Message:   "call f twice",
										TextEdits: []analysis.TextEdit{{Pos: es.Pos(), End: es.Pos(), NewText: []byte("f()\n\t")}},
									}}
								}
								pass.Report(d)
							}
						}
					}
					return true
				})
			}
			return nil, nil
		},
	}
}

// TestRunWithSuggestedFixes shows that a fix withheld from a file whose
// .golden differs fails the test, and that the fix offered passes it.
func TestRunWithSuggestedFixes(t *testing.T) {
	var withheld recorder
	tvtest.RunWithSuggestedFixes(&withheld, tvtest.TestData(), callReporter(false), "tvtest/nofix")
	if len(withheld.errs) != 1 || !strings.Contains(withheld.errs[0], "no suggested fix edits this file") {
		t.Errorf("fix withheld: got errors %q, want one saying no fix edits nofix.go", withheld.errs)
	}
	var offered recorder
	tvtest.RunWithSuggestedFixes(&offered, tvtest.TestData(), callReporter(true), "tvtest/nofix")
	if len(offered.errs) != 0 {
		t.Errorf("fix offered: got errors %q, want none", offered.errs)
	}
}
