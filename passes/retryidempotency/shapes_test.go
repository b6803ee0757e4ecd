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

// TestAzurePipeline runs the check on an Azure SDK client as the SDK's
// generator writes it: a POST or PATCH sent through the pipeline, whose
// retry policy retries every method, is reported unless a key is set on
// req.Raw().Header (Repeatability-Request-ID, as generated code sets it
// from the options, or Idempotency-Key). No fix is offered: the fix's
// req.Header.Set does not apply to an azcore request.
func TestAzurePipeline(t *testing.T) {
	for _, res := range analysistest.Run(t, tvtest.TestData(), retryidempotency.Analyzer, "retryidempotency/azure") {
		for _, d := range res.Diagnostics {
			if len(d.SuggestedFixes) > 0 {
				t.Errorf("%s: a fix is offered: %s", res.Pass.Fset.Position(d.Pos), d.Message)
			}
		}
	}
}
