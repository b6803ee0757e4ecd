// Command transportvet reports Go HTTP and gRPC client code that breaks in
// production: deprecated dispatcher-era transport APIs, transports that are
// never closed, and unsafe retries.
//
// It is a standard analysis driver: run it on packages directly
// (transportvet ./..., with -fix, -diff and -json), or as a vet tool
// (go vet -vettool=$(which transportvet) ./...), or as a fix tool
// (go fix -fixtool=$(which transportvet) ./...).
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/transportvet/transportvet/analyzer"
)

func main() {
	multichecker.Main(analyzer.Analyzers()...)
}
