package retrystorm_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/transportvet/transportvet/internal/tvtest"
	"github.com/transportvet/transportvet/passes/retrystorm"
)

// TestShapes runs the check on an API client written the way real
// clients are: status-driven loops that sleep ignoring ctx, wait on a
// select or a helper, or do not wait. analysistest.Run ignores the select
// fix, so the package needs no .golden file.
func TestShapes(t *testing.T) {
	analysistest.Run(t, tvtest.TestData(), retrystorm.Analyzer, "retrystorm/shapes")
}

// TestCallerContext checks that the context a wait must honour comes from
// a caller: a parameter, a context derived from one, a received request.
func TestCallerContext(t *testing.T) {
	analysistest.Run(t, tvtest.TestData(), retrystorm.Analyzer, "retrystorm/caller")
}
