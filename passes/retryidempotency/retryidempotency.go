package retryidempotency

import (
	_ "embed"

	"golang.org/x/tools/go/analysis"

	"github.com/transportvet/transportvet/internal/analysisdoc"
)

//go:embed doc.go
var doc string

// Analyzer is the retryidempotency check.
var Analyzer = &analysis.Analyzer{
	Name: "retryidempotency",
	Doc:  analysisdoc.MustExtract(doc, "retryidempotency"),
	URL:  "https://github.com/transportvet/transportvet/blob/main/docs/retryidempotency.md",
	Run:  run,
}

func run(pass *analysis.Pass) (any, error) {
	return nil, nil // being written
}
