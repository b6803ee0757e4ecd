// Package analyzer is the transportvet suite: the list of its analyzers, as
// run by cmd/transportvet, by gopls (gopls/suite) and by the golangci-lint
// plugin (plugin/golangci, which this package does not import, so that the
// other drivers do not link it).
package analyzer

import (
	"golang.org/x/tools/go/analysis"

	"github.com/transportvet/transportvet/passes/dispatcher"
	"github.com/transportvet/transportvet/passes/retry"
	"github.com/transportvet/transportvet/passes/retrybody"
	"github.com/transportvet/transportvet/passes/retryidempotency"
	"github.com/transportvet/transportvet/passes/retrystorm"
	"github.com/transportvet/transportvet/passes/transportclose"
)

// Analyzers returns the transportvet analyzers, in a new slice each call so
// that no caller can change what another sees.
//
// retry reports nothing itself: it is listed so that its flags (-retry.funcs)
// reach the command line and the plugin settings.
func Analyzers() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		dispatcher.Analyzer,
		retry.Analyzer,
		retryidempotency.Analyzer,
		retrybody.Analyzer,
		retrystorm.Analyzer,
		transportclose.Analyzer,
	}
}

// Checks returns the analyzers that report findings, in the order of
// Analyzers: all but retry, which finds the retry regions that three of
// them share.
func Checks() []*analysis.Analyzer {
	var checks []*analysis.Analyzer
	for _, a := range Analyzers() {
		if a != retry.Analyzer {
			checks = append(checks, a)
		}
	}
	return checks
}
