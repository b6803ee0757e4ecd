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
// (inspect) is kept as it is: others find its result by identity.
func DespiteErrors(a *analysis.Analyzer) *analysis.Analyzer {
	if a.RunDespiteErrors {
		return a
	}
	c := *a
	c.RunDespiteErrors = true
	c.Requires = nil
	for _, r := range a.Requires {
		c.Requires = append(c.Requires, DespiteErrors(r))
	}
	return &c
}
