package retryidempotency_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/transportvet/transportvet/internal/tvtest"
	"github.com/transportvet/transportvet/passes/retryidempotency"
)

func TestRetryIdempotency(t *testing.T) {
	tvtest.RunWithSuggestedFixes(t, tvtest.TestData(), retryidempotency.Analyzer, "retryidempotency/a", "retryidempotency/old", "retryidempotency/clash", "retryidempotency/named", "retryidempotency/more", "retryidempotency/checkretry", "retryidempotency/keys")
}

func TestFactsAcrossPackages(t *testing.T) {
	analysistest.Run(t, tvtest.TestData(), retryidempotency.Analyzer, "retryidempotency/api", "retryidempotency/caller")
}

// TestFixesAreIdempotent runs the check on the .golden files: they must
// compile, and offer no fix again (applying the fix twice is applying it
// once). The only expectations they may miss are those of the diagnostics
// the fix removed.
func TestFixesAreIdempotent(t *testing.T) {
	tvtest.RunOnFixed(t, tvtest.TestData(), []string{"github.com", "k8s.io", "retryidempotency"},
		[]string{"retryidempotency/a", "retryidempotency/clash", "retryidempotency/named", "retryidempotency/more", "retryidempotency/keys"},
		retryidempotency.Analyzer)
}

// TestTypeErrors runs the check, and the retry analyzer it requires, on a
// package that does not type-check.
func TestTypeErrors(t *testing.T) {
	analysistest.Run(t, tvtest.TestData(), tvtest.DespiteErrors(retryidempotency.Analyzer), "retryidempotency/bad")
}
