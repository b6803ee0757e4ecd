package transportclose

import (
	_ "embed"

	"golang.org/x/tools/go/analysis"

	"github.com/transportvet/transportvet/internal/analysisdoc"
)

//go:embed doc.go
var doc string

// Analyzer is the transportclose check.
var Analyzer = &analysis.Analyzer{
	Name: "transportclose",
	Doc:  analysisdoc.MustExtract(doc, "transportclose"),
	URL:  "https://github.com/transportvet/transportvet/blob/main/docs/transportclose.md",
	Run:  run,
}

func run(pass *analysis.Pass) (any, error) {
	return nil, nil // being written
}
