// This file is not built here: build.sh adds it to gopls's
// internal/settings package (vendor/golang.org/x/tools/gopls/internal/settings/)
// through overlay.json, so that gopls runs transportvet's analyzers as its own.
//
// What it relies on in gopls v0.23.0's internal/settings (analysis.go):
//   - AllAnalyzers, the []*Analyzer that gopls runs (cache.Analyze), lists
//     and documents (api-json), initialized before this init runs;
//   - Analyzer{analyzer: a}: an analyzer on by default, whose diagnostics are
//     warnings with quick fixes.
//
// On a gopls bump, re-check both in analysis.go of the new version (and that
// settings still rejects no analyzer name), then run test.sh: it fails if the
// checks are missing from "gopls api-json" or report nothing.

package settings

import (
	"log"

	"github.com/transportvet/transportvet/gopls/suite"
)

func init() {
	analyzers, err := suite.Analyzers()
	if err != nil {
		log.Fatalf("transportvet: %v", err)
	}
	for _, a := range analyzers {
		for _, b := range AllAnalyzers {
			if b.Analyzer().Name == a.Name {
				log.Fatalf("transportvet: gopls already has an analyzer named %s", a.Name)
			}
		}
		AllAnalyzers = append(AllAnalyzers, &Analyzer{analyzer: a})
	}
}
