// Package required finds the results of the analyzers a pass requires.
package required

import "golang.org/x/tools/go/analysis"

// Result returns the result of type T among those of the analyzers the
// pass requires, or T's zero value when there is none. It finds the result
// by type rather than by analyzer, so that a copy of the analyzers (the
// type-error tests run copies set to run despite errors) works too.
func Result[T any](pass *analysis.Pass) T {
	for _, r := range pass.ResultOf {
		if t, ok := r.(T); ok {
			return t
		}
	}
	var zero T
	return zero
}
