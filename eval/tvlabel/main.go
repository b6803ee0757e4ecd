// Command tvlabel is transportvet with each analyzer's Run wrapped in
// pprof.Do, so that a CPU profile of it (-cache=false -cpuprofile=FILE)
// says which analyzer, on which kind of package, spent each sample:
//
//	go tool pprof -tags FILE
//	go tool pprof -top -cum -tagfocus='an=^retry$' FILE
//
// The labels are an (the analyzer's name, the analyzers transportvet
// Requires included: inspect, ctrlflow, ...) and kind: std (a standard
// library package), xtest (an external test package or a test main),
// testvariant (a package compiled with its in-package _test.go files), or
// pkg (any other package, a root or a dependency). The findings are
// transportvet's; only the profile differs. Profiles of it are comparable
// across commits, where those of the plain binary lump every analyzer into
// the driver's execution.
package main

import (
	"context"
	"runtime/pprof"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/transportvet/transportvet/analyzer"
	"github.com/transportvet/transportvet/internal/driver"
)

func main() {
	analyzers := analyzer.Analyzers()
	labelled := make(map[*analysis.Analyzer]bool)
	for _, a := range analyzers {
		label(a, labelled)
	}
	driver.Main(driver.Suite{
		Name:      "tvlabel",
		Doc:       "tvlabel is transportvet with pprof labels on each analyzer's Run (eval/README.md).",
		URL:       "https://github.com/transportvet/transportvet/blob/main/eval/README.md",
		Analyzers: analyzers,
		Checks:    analyzer.Checks(),
	})
}

// label wraps the Run of a and of every analyzer it Requires, once each.
// It changes the package-level Analyzer values in place: the Requires
// edges and pass.ResultOf keys must stay the same pointers.
func label(a *analysis.Analyzer, labelled map[*analysis.Analyzer]bool) {
	if labelled[a] {
		return
	}
	labelled[a] = true
	for _, r := range a.Requires {
		label(r, labelled)
	}
	run, name := a.Run, a.Name
	a.Run = func(pass *analysis.Pass) (res any, err error) {
		pprof.Do(context.Background(), pprof.Labels("an", name, "kind", kind(pass)), func(context.Context) {
			res, err = run(pass)
		})
		return res, err
	}
}

// kind classifies the package of pass for the kind label.
func kind(pass *analysis.Pass) string {
	path := pass.Pkg.Path()
	first, _, _ := strings.Cut(path, "/")
	switch {
	case !strings.Contains(first, "."):
		return "std"
	case strings.HasSuffix(path, "_test"), strings.HasSuffix(path, ".test"):
		return "xtest"
	}
	for _, f := range pass.Files {
		if strings.HasSuffix(pass.Fset.File(f.Pos()).Name(), "_test.go") {
			return "testvariant"
		}
	}
	return "pkg"
}
