// Package tvtest holds what the analyzers' tests share.
package tvtest

import (
	"path/filepath"
	"runtime"
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
