package tvtest

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// RunWithSuggestedFixes is analysistest.RunWithSuggestedFixes, and also
// reports, for each package of patterns, every file whose .golden differs
// from it but that no suggested fix edits. analysistest compares only the
// files that fixes edit: a change that withheld every fix of a file would
// pass there. patterns must be package directories under dir/src (no
// "...").
func RunWithSuggestedFixes(t analysistest.Testing, dir string, a *analysis.Analyzer, patterns ...string) []*analysistest.Result {
	results := analysistest.RunWithSuggestedFixes(t, dir, a, patterns...)
	edited := make(map[string]bool)
	for _, r := range results {
		if r.Pass == nil {
			continue
		}
		for _, d := range r.Diagnostics {
			for _, fix := range d.SuggestedFixes {
				for _, e := range fix.TextEdits {
					if f := r.Pass.Fset.File(e.Pos); f != nil {
						edited[filepath.Clean(f.Name())] = true
					}
				}
			}
		}
	}
	for _, pkg := range patterns {
		goldens, err := filepath.Glob(filepath.Join(dir, "src", pkg, "*.golden"))
		if err != nil {
			t.Errorf("%s: %v", pkg, err)
			continue
		}
		for _, golden := range goldens {
			src := strings.TrimSuffix(golden, ".golden")
			if edited[filepath.Clean(src)] {
				continue
			}
			want, err1 := os.ReadFile(golden)
			got, err2 := os.ReadFile(src)
			if err1 != nil || err2 != nil {
				t.Errorf("reading %s and its .golden: %v, %v", src, err2, err1)
				continue
			}
			if !bytes.Equal(want, got) {
				t.Errorf("%s: no suggested fix edits this file, but its .golden differs from it", src)
			}
		}
	}
	return results
}
