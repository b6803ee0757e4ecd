// Command floorvet is the cost floor that eval/bench.sh measures transportvet
// against: the same driver as cmd/transportvet (internal/driver), with one
// analyzer that does nothing but Require inspect and declare a fact type.
//
// Declaring a fact type makes the driver load and type-check every
// dependency from source (packages.LoadAllSyntax), as it must for any suite
// with facts, and Requiring inspect builds the inspector of each package:
// the work that every analyzer pays before it reports anything. The
// difference between transportvet and floorvet is what transportvet's own
// analyzers cost.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"

	"github.com/transportvet/transportvet/internal/driver"
)

// floorFact is declared so that the driver needs facts; it is never
// exported.
type floorFact struct{}

func (*floorFact) AFact()         {}
func (*floorFact) String() string { return "floor" }

var floor = &analysis.Analyzer{
	Name:      "floor",
	Doc:       "floor does nothing: it Requires inspect and declares a fact type, so that the driver loads every package from source",
	URL:       "https://github.com/transportvet/transportvet/blob/main/eval/README.md",
	Requires:  []*analysis.Analyzer{inspect.Analyzer},
	FactTypes: []analysis.Fact{new(floorFact)},
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() {
	driver.Main(driver.Suite{
		Name:      "floorvet",
		Doc:       "floorvet is the cost floor of eval/bench.sh: it loads and type-checks every package, and analyzes nothing.",
		URL:       floor.URL,
		Analyzers: []*analysis.Analyzer{floor},
		Checks:    []*analysis.Analyzer{floor},
	})
}
