package retryidempotency_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/transportvet/transportvet/internal/tvtest"
	"github.com/transportvet/transportvet/passes/retryidempotency"
)

func TestRetryIdempotency(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, tvtest.TestData(), retryidempotency.Analyzer, "retryidempotency/a")
}
