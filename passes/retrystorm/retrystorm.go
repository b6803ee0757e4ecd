package retrystorm

import (
	_ "embed"

	"golang.org/x/tools/go/analysis"

	"github.com/transportvet/transportvet/internal/analysisdoc"
)

//go:embed doc.go
var doc string

// Analyzer is the retrystorm check.
var Analyzer = &analysis.Analyzer{
	Name: "retrystorm",
	Doc:  analysisdoc.MustExtract(doc, "retrystorm"),
	URL:  "https://github.com/transportvet/transportvet/blob/main/docs/retrystorm.md",
	Run:  run,
}

func run(pass *analysis.Pass) (any, error) {
	return nil, nil // being written
}
