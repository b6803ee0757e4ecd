// Package tvtest holds what the analyzers' tests share.
package tvtest

import (
	"path/filepath"
	"runtime"

	"golang.org/x/tools/go/analysis"
)

// TestData returns the absolute path of the repository's testdata directory,
// whose src/ holds the analysistest packages of every analyzer and the stubs
// of the third-party libraries they use.
func TestData() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		panic("tvtest: cannot locate source file")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata")
}

// DespiteErrors returns a copy of a, and of the analyzers it requires, set
// to run on packages with type errors (the production analyzers do not), so
// that a test can show that a check neither panics nor offers a fix built
// from a missing type. An analyzer that already runs despite errors
// (inspect) is kept as it is. Each copy runs its original's Run with the
// Pass that Run expects: its Analyzer the original, its ResultOf keyed by
// the originals, so that a pass finds the result of an analyzer it
// requires by that analyzer, as x/tools' passes do.
func DespiteErrors(a *analysis.Analyzer) *analysis.Analyzer {
	return despiteErrors(a, make(map[*analysis.Analyzer]*analysis.Analyzer), make(map[*analysis.Analyzer]*analysis.Analyzer))
}

// despiteErrors is DespiteErrors with a memo of the copies, so that an
// analyzer required by several others (ctrlflow) is copied once: a driver
// refuses two analyzers that register the same fact type. original maps
// each copy back to its original.
func despiteErrors(a *analysis.Analyzer, copies, original map[*analysis.Analyzer]*analysis.Analyzer) *analysis.Analyzer {
	if a.RunDespiteErrors {
		return a
	}
	if c, ok := copies[a]; ok {
		return c
	}
	c := *a
	copies[a], original[&c] = &c, a
	c.RunDespiteErrors = true
	c.Requires = nil
	for _, r := range a.Requires {
		c.Requires = append(c.Requires, despiteErrors(r, copies, original))
	}
	c.Run = func(pass *analysis.Pass) (any, error) {
		resultOf := make(map[*analysis.Analyzer]any, len(pass.ResultOf))
		for k, v := range pass.ResultOf {
			if o, ok := original[k]; ok {
				k = o
			}
			resultOf[k] = v
		}
		p := *pass
		p.Analyzer, p.ResultOf = a, resultOf
		return a.Run(&p)
	}
	return &c
}
