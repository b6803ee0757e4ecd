package runner

import (
	"cmp"
	"encoding/gob"
	"io"
	"os"
	"reflect"
	"slices"
	"sync"

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

// A factCache holds the facts of the dependencies, decoded from their
// vetx files, each once for all the packages of the run that import it
// (the runner decoded a package's facts again for each importer).
// Facts are not changed once decoded, so importers can share them, as
// they do in x/tools' checker.
type factCache struct {
	mu      sync.Mutex
	entries map[*packageAction]*factEntry
}

type factEntry struct {
	once  sync.Once
	facts []gobFact
	err   error
	// readers is the number of importers that have yet to read the
	// facts; the entry is dropped after the last.
	readers int
}

func newFactCache() *factCache {
	return &factCache{entries: make(map[*packageAction]*factEntry)}
}

// get returns the facts that dep's vetx file holds.
func (c *factCache) get(dep *packageAction) ([]gobFact, error) {
	c.mu.Lock()
	e := c.entries[dep]
	if e == nil {
		e = new(factEntry)
		for _, t := range dep.triggers {
			if t, ok := t.(*packageAction); ok && t.Package != nil {
				e.readers++
			}
		}
		c.entries[dep] = e
	}
	if e.readers--; e.readers <= 0 {
		delete(c.entries, dep)
	}
	c.mu.Unlock()
	e.once.Do(func() { e.facts, e.err = decodeFacts(dep.vetx) })
	return e.facts, e.err
}

// decodeFacts decodes the facts of the vetx file named file.
func decodeFacts(file string) ([]gobFact, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var facts []gobFact
	dec := gob.NewDecoder(f)
	for {
		var gf gobFact
		if err := dec.Decode(&gf); err != nil {
			if err == io.EOF {
				return facts, nil
			}
			return nil, err
		}
		facts = append(facts, gf)
	}
}
