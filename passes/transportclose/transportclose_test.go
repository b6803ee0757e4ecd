package transportclose

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/transportvet/transportvet/internal/tvtest"
)

func TestLocalLeak(t *testing.T) {
	analysistest.Run(t, tvtest.TestData(), Analyzer, "transportclose/a")
}
