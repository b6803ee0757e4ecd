package retry_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/transportvet/transportvet/internal/tvtest"
	"github.com/transportvet/transportvet/passes/retry"
)

// TestShapes runs the region rule on a client written the way real API
// clients are (request core, callers, an imported helper package), with
// retry loops next to pagination, polling, stream, worker and fan-out
// loops.
func TestShapes(t *testing.T) {
	analysistest.Run(t, tvtest.TestData(), describer(retry.Analyzer), "retry/shapes", "retry/shapesutil")
}
