package retryidempotency_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/transportvet/transportvet/internal/tvtest"
	"github.com/transportvet/transportvet/passes/retryidempotency"
)

// TestShapes runs the check on a payments client written the way real
// clients are: status-driven loops around POST, PATCH and GET requests,
// with and without a key. analysistest.Run ignores the suggested fixes,
// so the package needs no .golden file.
func TestShapes(t *testing.T) {
	analysistest.Run(t, tvtest.TestData(), retryidempotency.Analyzer, "retryidempotency/shapes")
}

// TestFreshKey checks that a key made anew in every attempt is reported,
// and one made once, or derived from the content, is not.
func TestFreshKey(t *testing.T) {
	analysistest.Run(t, tvtest.TestData(), retryidempotency.Analyzer, "retryidempotency/freshkey")
}

// TestCores checks request cores: a function that retries a request whose
// method its callers give, reported at the callers that give a POST or
// PATCH, in its package and, through a fact, in others.
func TestCores(t *testing.T) {
	analysistest.Run(t, tvtest.TestData(), retryidempotency.Analyzer, "retryidempotency/core", "retryidempotency/coreuser")
}
