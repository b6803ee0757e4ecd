package retrystorm_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/transportvet/transportvet/internal/tvtest"
	"github.com/transportvet/transportvet/passes/retrystorm"
)

// TestNoDelay covers hand-written retry loops: no delay on a failure path
// (reported) and each kind of wait, non-network and non-retry loops
// (silent).
func TestNoDelay(t *testing.T) {
	analysistest.Run(t, tvtest.TestData(), retrystorm.Analyzer, "retrystorm/a")
}

// TestLibrarySettings covers retry-library settings that amount to no
// delay.
func TestLibrarySettings(t *testing.T) {
	analysistest.Run(t, tvtest.TestData(), retrystorm.Analyzer, "retrystorm/lib")
}

// TestContextIgnored covers waits that ignore a context in scope, and the
// select fix across result shapes (ctx.go.golden).
func TestContextIgnored(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, tvtest.TestData(), retrystorm.Analyzer, "retrystorm/ctx")
}

// TestContextFixIdempotent runs the check on the fixed code (a copy of
// ctx.go.golden): it compiles, and only the waits without a fix remain.
func TestContextFixIdempotent(t *testing.T) {
	analysistest.Run(t, tvtest.TestData(), retrystorm.Analyzer, "retrystorm/ctxfixed")
}

// TestTypeErrors runs a variant of the analyzer, and of the analyzers it
// needs, that runs despite type errors (the production analyzers do not):
// it must not panic, and offers no fix built from a missing type.
func TestTypeErrors(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, tvtest.TestData(), tvtest.DespiteErrors(retrystorm.Analyzer), "retrystorm/bad")
}
