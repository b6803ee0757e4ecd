package retrystorm_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/lostcancel"

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
// select fix across result shapes (ctx.go.golden) and per-attempt contexts
// (attempt.go.golden).
func TestContextIgnored(t *testing.T) {
	tvtest.RunWithSuggestedFixes(t, tvtest.TestData(), retrystorm.Analyzer, "retrystorm/ctx", "retrystorm/attempt", "retrystorm/gathered")
}

// TestContextFixIdempotent runs the check on the fixed code
// (ctx.go.golden as a package): it compiles, offers no fix again, and only
// the waits without a fix remain.
func TestContextFixIdempotent(t *testing.T) {
	tvtest.RunOnFixed(t, tvtest.TestData(), []string{"github.com", "retrystorm"}, []string{"retrystorm/ctx"}, retrystorm.Analyzer)
}

// TestAttemptFixed runs the check, and go vet's lostcancel, on the fixed
// code of retrystorm/attempt (attempt.go.golden): it compiles, offers no
// fix again, and no fix leaves a cancel function uncalled.
func TestAttemptFixed(t *testing.T) {
	tvtest.RunOnFixed(t, tvtest.TestData(), []string{"retrystorm/attempt"}, []string{"retrystorm/attempt"}, retrystorm.Analyzer, lostcancel.Analyzer)
}

// TestTypeErrors runs a variant of the analyzer, and of the analyzers it
// needs, that runs despite type errors (the production analyzers do not):
// it must not panic, and offers no fix built from a missing type.
func TestTypeErrors(t *testing.T) {
	tvtest.RunWithSuggestedFixes(t, tvtest.TestData(), tvtest.DespiteErrors(retrystorm.Analyzer), "retrystorm/bad")
}

// TestContextFixCount guards TestContextIgnored: analysistest compares a
// golden file only with the fixes it gets, so a change that withheld every
// fix would pass there. Each fix adds one select to ctx.go.golden.
func TestContextFixCount(t *testing.T) {
	dir := filepath.Join(tvtest.TestData(), "src", "retrystorm", "ctx")
	src, err := os.ReadFile(filepath.Join(dir, "ctx.go"))
	if err != nil {
		t.Fatal(err)
	}
	golden, err := os.ReadFile(filepath.Join(dir, "ctx.go.golden"))
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Count(string(golden), "select {") - strings.Count(string(src), "select {")
	got := 0
	for _, res := range analysistest.Run(t, tvtest.TestData(), retrystorm.Analyzer, "retrystorm/ctx") {
		for _, d := range res.Diagnostics {
			got += len(d.SuggestedFixes)
		}
	}
	if want <= 0 || got != want {
		t.Errorf("got %d fixes in retrystorm/ctx, want %d (the selects ctx.go.golden adds)", got, want)
	}
}

// TestFacts checks the facts exported through chains of calls in one
// package, recursion, function literals, methods and generic functions.
func TestFacts(t *testing.T) {
	analysistest.Run(t, tvtest.TestData(), retrystorm.Analyzer, "retrystorm/facts")
}
