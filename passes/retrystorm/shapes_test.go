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
	analysistest.Run(t, tvtest.TestData(), retrystorm.Analyzer, "retrystorm/shapes", "retrystorm/iface", "retrystorm/ifaceuser")
}

// TestCallerContext checks that the context a wait must honour comes from
// a caller: a parameter, a context derived from one, a received request.
func TestCallerContext(t *testing.T) {
	analysistest.Run(t, tvtest.TestData(), retrystorm.Analyzer, "retrystorm/caller")
}

// TestConflict checks the line between a storm and a conflict retry:
// etcd's shapes (kvapi, an interface implemented by gRPC calls; recipes,
// a sentinel returned after a call that answered, in several files;
// leasing, a nil error without a response) are silent where the loop
// goes round only on an answer, and reported where it goes round on a
// failure, and HTTP loops stay reported (conflicthttp).
func TestConflict(t *testing.T) {
	analysistest.Run(t, tvtest.TestData(), retrystorm.Analyzer, "retrystorm/kvapi", "retrystorm/recipes", "retrystorm/leasing", "retrystorm/conflicthttp")
}
