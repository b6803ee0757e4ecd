// Command golangci-lint is golangci-lint v2.15.0 with the transportvet
// module plugin built in: the binary that "golangci-lint custom" would make,
// built from the Go module proxy alone (build.sh), with no git clone.
//
// Enable it in .golangci.yml as a custom linter of type module named
// transportvet; see ../README.md.
package main

import (
	"cmp"
	"fmt"
	"os"
	"runtime/debug"

	"github.com/golangci/golangci-lint/v2/pkg/commands"
	"github.com/golangci/golangci-lint/v2/pkg/exitcodes"

	// Registers the transportvet module plugin.
	_ "github.com/transportvet/transportvet/plugin/golangci"
)

// Set by build.sh with -ldflags -X, as goreleaser and "golangci-lint
// custom" set them.
var (
	// version is golangci-lint's version, a "-custom-gcl-transportvet." and
	// a hash of transportvet's sources. golangci-lint salts its cache with
	// the version, so the hash must change whenever the analyzers do.
	version = ""
	commit  = ""
	date    = ""
)

func main() {
	if err := commands.Execute(buildInfo()); err != nil {
		_, _ = fmt.Fprintf(os.Stderr, "The command is terminated due to an error: %v\n", err)
		os.Exit(exitcodes.Failure)
	}
}

// buildInfo is what golangci-lint version prints. Without a version from
// build.sh it is "(devel)", for which golangci-lint salts its cache with a
// hash of the binary itself, so a plain go build never reuses results of
// older analyzers.
func buildInfo() commands.BuildInfo {
	info := commands.BuildInfo{
		Version: cmp.Or(version, "(devel)"),
		Commit:  commit,
		Date:    cmp.Or(date, "(unknown)"),
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return info
	}
	info.GoVersion = bi.GoVersion
	if info.Commit == "" {
		gcl := "unknown"
		for _, dep := range bi.Deps {
			if dep.Path == "github.com/golangci/golangci-lint/v2" {
				gcl = dep.Version
			}
		}
		info.Commit = fmt.Sprintf("golangci-lint %s with the transportvet plugin", gcl)
	}
	return info
}
