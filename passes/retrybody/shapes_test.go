package retrybody_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/transportvet/transportvet/internal/tvtest"
	"github.com/transportvet/transportvet/passes/retrybody"
)

// TestShapes runs the check on an object-store client written the way
// real clients are: status-driven loops that leak or close the response,
// bodies built once or rebuilt for each attempt. analysistest.Run ignores
// the suggested fixes.
func TestShapes(t *testing.T) {
	analysistest.Run(t, tvtest.TestData(), retrybody.Analyzer, "retrybody/shapes", "retrybody/shapesutil")
}

// TestAzurePipeline checks that requests and responses of an Azure SDK
// pipeline, which rewinds request bodies before every try and reads and
// closes response bodies itself, are not reported: not in its own
// retries, not in hand-written retries on top of it.
func TestAzurePipeline(t *testing.T) {
	analysistest.Run(t, tvtest.TestData(), retrybody.Analyzer, "retrybody/azure")
}
