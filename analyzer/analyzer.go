// Package analyzer is the transportvet suite: the list of its analyzers, as
// run by cmd/transportvet and by the golangci-lint plugin.
package analyzer

import (
	"golang.org/x/tools/go/analysis"
)

// Analyzers returns the transportvet analyzers, in a new slice each call so
// that no caller can change what another sees.
func Analyzers() []*analysis.Analyzer {
	return []*analysis.Analyzer{}
}
