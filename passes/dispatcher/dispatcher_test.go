package dispatcher

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/transportvet/transportvet/internal/tvtest"
)

func TestRename(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, tvtest.TestData(), newAnalyzer(), "dispatcher/a")
}

func TestGRPC(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, tvtest.TestData(), newAnalyzer(), "dispatcher/grpc")
}

func TestGRPCImports(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, tvtest.TestData(), newAnalyzer(), "dispatcher/grpcnamed")
}
