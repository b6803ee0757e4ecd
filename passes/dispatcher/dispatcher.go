package dispatcher

import (
	_ "embed"

	"golang.org/x/tools/go/analysis"

	"github.com/transportvet/transportvet/internal/analysisdoc"
)

//go:embed doc.go
var doc string

// Analyzer is the dispatcher check.
var Analyzer = &analysis.Analyzer{
	Name: "dispatcher",
	Doc:  analysisdoc.MustExtract(doc, "dispatcher"),
	URL:  "https://github.com/transportvet/transportvet/blob/main/docs/dispatcher.md",
	Run:  run,
}

func run(pass *analysis.Pass) (any, error) {
	return nil, nil // being written
}
