package runner

import (
	"cmp"
	"encoding/gob"
	"io"
	"reflect"
	"slices"

	"golang.org/x/tools/go/analysis"
)

// sortFacts sorts facts by package, object and type of fact: the runner
// collects them from maps, in no particular order.
func sortFacts(facts []gobFact) {
	slices.SortFunc(facts, func(x, y gobFact) int {
		return cmp.Or(
			cmp.Compare(x.PkgPath, y.PkgPath),
			cmp.Compare(x.ObjPath, y.ObjPath),
			cmp.Compare(reflect.TypeOf(x.Fact).String(), reflect.TypeOf(y.Fact).String()))
	})
}

// fixGobTypeIDs encodes, once, a value of each type that the runner
// encodes: the facts of analyzers and the results. encoding/gob numbers
// types in the order a process first encodes them, and writes the numbers
// in the data, so that without this the packages analyzed concurrently at
// the start of a run would decide the numbers, and the same facts would be
// written as different bytes from one run to the next.
func fixGobTypeIDs(analyzers []*analysis.Analyzer) {
	enc := gob.NewEncoder(io.Discard)
	for _, a := range analyzers {
		for _, f := range a.FactTypes {
			fact := reflect.New(reflect.TypeOf(f).Elem()).Interface().(analysis.Fact)
			enc.Encode(gobFact{Fact: fact}) // an error here is an error later
		}
	}
	enc.Encode(ResultData{})
	enc.Encode(TestData{})
}
