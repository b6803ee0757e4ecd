package tvtest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// RunOnFixed runs each analyzer on the fixed code of pkgs: a copy of the
// trees of dir/src named by trees (which must hold pkgs and what they
// import) in which every .golden file of pkgs takes the place of the file
// it is the golden of. So the fixed code is generated from the goldens,
// never kept as a hand copy that could drift from them. The fixed code
// must type-check, no analyzer may report what its // want comments do not
// expect, none may offer a fix again (applying a fix twice is applying it
// once), and each must report exactly the findings it reports without a
// fix on the original code (compared by message, with "line N" for the
// line numbers that fixes move): a fix removes its own finding and no
// other. The expectations it misses are allowed: they are those of the
// diagnostics the fixes removed. Pass a vet analyzer (lostcancel, say) to
// check that the fixes do not change what the code it checks reports.
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
	fixed := 0
	for _, a := range analyzers {
		// The original code's own tests check what a reports there.
		var unfixed []string
		for _, res := range analysistest.Run(new(recorder), dir, a, pkgs...) {
			if res.Pass == nil {
				continue
			}
			for _, d := range res.Diagnostics {
				if len(d.SuggestedFixes) > 0 {
					fixed++
				} else {
					unfixed = append(unfixed, res.Pass.Pkg.Path()+": "+lineNumber.ReplaceAllString(d.Message, "line N"))
				}
			}
		}
		rec := new(recorder)
		results := analysistest.Run(rec, tmp, a, pkgs...)
		var remaining []string
		for _, res := range results {
			if res.Pass == nil {
				continue
			}
			for _, d := range res.Diagnostics {
				remaining = append(remaining, res.Pass.Pkg.Path()+": "+lineNumber.ReplaceAllString(d.Message, "line N"))
			}
		}
		slices.Sort(unfixed)
		slices.Sort(remaining)
		if !slices.Equal(remaining, unfixed) {
			t.Errorf("%s on the fixed code reports\n\t%s\nwant the findings without a fix on the original code\n\t%s",
				a.Name, strings.Join(remaining, "\n\t"), strings.Join(unfixed, "\n\t"))
		}
		t.Logf("%s: %d findings remain, %d expectations missed, as the fixes removed them", a.Name, len(remaining), rec.missed)
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
	if fixed == 0 {
		t.Errorf("no finding on %v has a fix: the fixed code is the code", pkgs)
	}
}

// lineNumber matches the line numbers in a message, which fixes move.
var lineNumber = regexp.MustCompile(`line \d+`)

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
