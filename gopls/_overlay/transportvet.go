// This file is not built here: build.sh adds it to gopls's
// internal/settings package (vendor/golang.org/x/tools/gopls/internal/settings/)
// through overlay.json, so that gopls runs transportvet's analyzers as its own.
//
// What it relies on in gopls v0.23.0:
//   - AllAnalyzers (internal/settings/analysis.go): the analyzers that
//     cache.Analyze runs on every package, those that Analyzer.Enabled
//     allows; a package-level variable, so set before this init runs, and
//     read only by other packages, which are initialized after this one.
//   - Analyzer{analyzer: a} (same file): the other fields' zero values make
//     an analyzer on by default, whose diagnostics are warnings and whose
//     suggested fixes are quick fixes.
//   - the "analyses" setting (settings.go) takes any analyzer name, so that
//     users turn these checks off by name.
//
// On a gopls bump, re-read those three in the new version, then run
// test.sh: it fails if gopls reports other findings than the standalone
// transportvet, or applies other fixes.

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
