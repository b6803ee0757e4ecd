package retrybody

import (
	_ "embed"

	"golang.org/x/tools/go/analysis"

	"github.com/transportvet/transportvet/internal/analysisdoc"
)

//go:embed doc.go
var doc string

// Analyzer is the retrybody check.
var Analyzer = &analysis.Analyzer{
	Name: "retrybody",
	Doc:  analysisdoc.MustExtract(doc, "retrybody"),
	URL:  "https://github.com/transportvet/transportvet/blob/main/docs/retrybody.md",
	Run:  run,
}

func run(pass *analysis.Pass) (any, error) {
	return nil, nil // being written
}
