// Command transportvet reports Go HTTP and gRPC client code that breaks in
// production: deprecated dispatcher-era transport APIs, transports that are
// never closed, and unsafe retries.
//
// It is an analysis driver: run it on packages directly (transportvet
// ./..., with -fix, -diff and -json), or as a vet tool (go vet
// -vettool=$(which transportvet) ./...), or as a fix tool (go fix
// -fixtool=$(which transportvet) ./...). transportvet help says more.
package main

import (
	"github.com/transportvet/transportvet/analyzer"
	"github.com/transportvet/transportvet/internal/driver"
)

// doc is what transportvet help says transportvet is.
const doc = `transportvet reports Go HTTP and gRPC client code that breaks in
production and that neither the compiler nor go vet sees: deprecated
transport APIs, retries that repeat side effects, re-send consumed bodies
or hammer a failing server, and transports that are never closed. Many
findings come with a fix.`

func main() {
	driver.Main(driver.Suite{
		Name:      "transportvet",
		Doc:       doc,
		URL:       "https://github.com/transportvet/transportvet",
		Analyzers: analyzer.Analyzers(),
		Checks:    analyzer.Checks(),
	})
}
