package retrybody_test

import (
	"testing"

	"github.com/transportvet/transportvet/internal/tvtest"
	"github.com/transportvet/transportvet/passes/retrybody"
)

// TestConsumedBody covers requests and readers reused across attempts, the
// rewinds that make them safe, and the GetBody fix (body.go.golden).
func TestConsumedBody(t *testing.T) {
	tvtest.RunWithSuggestedFixes(t, tvtest.TestData(), retrybody.Analyzer, "retrybody/body")
}

// TestLeakedResponse covers responses leaked on a path to the next attempt,
// the ones closed, returned or deferred, and the close fix
// (leak.go.golden).
func TestLeakedResponse(t *testing.T) {
	tvtest.RunWithSuggestedFixes(t, tvtest.TestData(), retrybody.Analyzer, "retrybody/leak")
}

// TestFixesIdempotent runs the check on the fixed code (the .golden files
// of retrybody/body and retrybody/leak as packages): it compiles, offers no
// fix again, and only the findings without a fix remain.
func TestFixesIdempotent(t *testing.T) {
	tvtest.RunOnFixed(t, tvtest.TestData(), []string{"github.com", "retrybody"}, []string{"retrybody/body", "retrybody/leak"}, retrybody.Analyzer)
}

// TestTypeErrors runs a variant of the analyzer, and of the analyzers it
// needs, that runs despite type errors (the production analyzers do not):
// it must not panic, and offers no fix built from a missing type.
func TestTypeErrors(t *testing.T) {
	tvtest.RunWithSuggestedFixes(t, tvtest.TestData(), tvtest.DespiteErrors(retrybody.Analyzer), "retrybody/bad")
}
