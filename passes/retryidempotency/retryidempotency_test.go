package retryidempotency_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/transportvet/transportvet/internal/tvtest"
	"github.com/transportvet/transportvet/passes/retryidempotency"
)

func TestRetryIdempotency(t *testing.T) {
	tvtest.RunWithSuggestedFixes(t, tvtest.TestData(), retryidempotency.Analyzer, "retryidempotency/a", "retryidempotency/old", "retryidempotency/clash", "retryidempotency/named", "retryidempotency/more", "retryidempotency/checkretry")
}

func TestFactsAcrossPackages(t *testing.T) {
	analysistest.Run(t, tvtest.TestData(), retryidempotency.Analyzer, "retryidempotency/api", "retryidempotency/caller")
}

// recorder collects the errors analysistest reports.
type recorder struct{ errs []string }

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// TestFixesAreIdempotent runs the check on the .golden files: they must
// compile, and offer no fix again (applying the fix twice is applying it
// once). The only expectations they may miss are those of the diagnostics
// the fix removed.
func TestFixesAreIdempotent(t *testing.T) {
	dir := t.TempDir()
	for _, sub := range []string{"github.com", "k8s.io", "retryidempotency"} {
		if err := os.CopyFS(filepath.Join(dir, "src", sub), os.DirFS(filepath.Join(tvtest.TestData(), "src", sub))); err != nil {
			t.Fatal(err)
		}
	}
	pkgs := []string{"retryidempotency/a", "retryidempotency/clash", "retryidempotency/named", "retryidempotency/more"}
	for _, pkg := range pkgs {
		goldens, _ := filepath.Glob(filepath.Join(dir, "src", pkg, "*.go.golden"))
		if len(goldens) == 0 {
			t.Fatalf("%s: no .golden file", pkg)
		}
		for _, g := range goldens {
			if err := os.Rename(g, strings.TrimSuffix(g, ".golden")); err != nil {
				t.Fatal(err)
			}
		}
	}
	rec := new(recorder)
	defer func() { t.Logf("%d expectations missed, as the fixes removed them", len(rec.errs)) }()
	results := analysistest.Run(rec, dir, retryidempotency.Analyzer, pkgs...)
	for _, e := range rec.errs {
		if !strings.Contains(e, "no diagnostic was reported matching") {
			t.Errorf("on the fixed code: %s", e)
		}
	}
	for _, res := range results {
		for _, d := range res.Diagnostics {
			if len(d.SuggestedFixes) > 0 {
				t.Errorf("on the fixed code, %s offers a fix again: %s", res.Pass.Fset.Position(d.Pos), d.Message)
			}
		}
	}
	if len(results) != len(pkgs) {
		t.Errorf("got %d results, want %d", len(results), len(pkgs))
	}
}

// TestTypeErrors runs the check, and the retry analyzer it requires, on a
// package that does not type-check.
func TestTypeErrors(t *testing.T) {
	analysistest.Run(t, tvtest.TestData(), tvtest.DespiteErrors(retryidempotency.Analyzer), "retryidempotency/bad")
}
