package tvtest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// RunOnFixed runs each analyzer on the fixed code of pkgs: a copy of the
// trees of dir/src named by trees (which must hold pkgs and what they
// import) in which every .golden file of pkgs takes the place of the file
// it is the golden of. The fixed code must type-check, no analyzer may
// report what its // want comments do not expect, and none may offer a
// fix again (applying a fix twice is applying it once). The expectations
// it misses are allowed: they are those of the diagnostics the fixes
// removed. Pass a vet analyzer (lostcancel, say) to check that the fixes
// do not make the code it checks worse.
func RunOnFixed(t *testing.T, dir string, trees, pkgs []string, analyzers ...*analysis.Analyzer) {
	t.Helper()
	tmp := t.TempDir()
	for _, sub := range trees {
		if err := os.CopyFS(filepath.Join(tmp, "src", sub), os.DirFS(filepath.Join(dir, "src", sub))); err != nil {
			t.Fatal(err)
		}
	}
	for _, pkg := range pkgs {
		goldens, _ := filepath.Glob(filepath.Join(tmp, "src", pkg, "*.go.golden"))
		if len(goldens) == 0 {
			t.Fatalf("%s: no .golden file", pkg)
		}
		for _, g := range goldens {
			if err := os.Rename(g, strings.TrimSuffix(g, ".golden")); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, a := range analyzers {
		rec := new(recorder)
		results := analysistest.Run(rec, tmp, a, pkgs...)
		t.Logf("%s: %d expectations missed, as the fixes removed them", a.Name, rec.missed)
		for _, e := range rec.errs {
			t.Errorf("%s on the fixed code: %s", a.Name, e)
		}
		for _, res := range results {
			for _, d := range res.Diagnostics {
				if len(d.SuggestedFixes) > 0 {
					t.Errorf("%s on the fixed code, %s offers a fix again: %s", a.Name, res.Pass.Fset.Position(d.Pos), d.Message)
				}
			}
		}
		if len(results) != len(pkgs) {
			t.Errorf("%s: got %d results, want %d", a.Name, len(results), len(pkgs))
		}
	}
}

// recorder is an analysistest.Testing that counts the expectations missed
// and keeps the other errors.
type recorder struct {
	missed int
	errs   []string
}

func (r *recorder) Errorf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if strings.Contains(msg, "no diagnostic was reported matching") {
		r.missed++
		return
	}
	r.errs = append(r.errs, msg)
}
