// Package suite hands transportvet's analyzers to gopls, with the options of
// the TRANSPORTVET_FLAGS environment variable applied: gopls passes no flags
// to its analyzers, and its settings cannot carry ours.
//
// The file that the build adds to gopls's internal/settings package
// (../_overlay/transportvet.go) calls Analyzers once, when gopls starts.
package suite

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/transportvet/transportvet/analyzer"
)

// EnvVar names the environment variable that holds the analyzers' options,
// written as on transportvet's command line: -NAME.FLAG=VALUE, or -NAME.FLAG
// for a boolean, separated by spaces, e.g.
//
//	TRANSPORTVET_FLAGS='-retry.funcs=example.com/retry.Do:1 -transportclose.tests'
const EnvVar = "TRANSPORTVET_FLAGS"

// Analyzers returns transportvet's analyzers with the options of
// $TRANSPORTVET_FLAGS set on their flags.
//
// gopls keeps analysis results and facts in its file cache under a key made
// of the analyzers' names and the package, not their flags, so a second
// gopls with other options would be handed the first one's results. When the
// options differ from the defaults, Analyzers therefore points GOPLSCACHE at
// a subdirectory of the usual cache named after the options (see cacheDir).
func Analyzers() ([]*analysis.Analyzer, error) {
	analyzers := analyzer.Analyzers()
	before := values(analyzers)
	if err := Apply(analyzers, os.Getenv(EnvVar)); err != nil {
		return nil, fmt.Errorf("%s: %w", EnvVar, err)
	}
	if after := values(analyzers); after != before {
		if err := os.Setenv("GOPLSCACHE", cacheDir(os.Getenv("GOPLSCACHE"), after)); err != nil {
			return nil, err
		}
	}
	return analyzers, nil
}

// Apply sets the flags that text names on analyzers, as transportvet's
// command line does: each analyzer's flags are parsed under the name
// NAME.FLAG by the standard flag package. text is split at white space, with
// no quoting. Anything but analyzer flags (a check's on/off flag, a driver
// flag such as -fix, a stray word) is an error: gopls's "analyses" setting
// turns checks on and off.
func Apply(analyzers []*analysis.Analyzer, text string) error {
	fs := flagSet(analyzers)
	if err := fs.Parse(strings.Fields(text)); err != nil {
		return fmt.Errorf("%w (known: %s; turn checks on and off with gopls's \"analyses\" setting)", err, known(fs))
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%q is not a flag (known: %s)", fs.Arg(0), known(fs))
	}
	return nil
}

// flagSet returns a FlagSet that holds the flags of analyzers, each as
// NAME.FLAG, as the command line's multichecker names them.
func flagSet(analyzers []*analysis.Analyzer) *flag.FlagSet {
	fs := flag.NewFlagSet(EnvVar, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	for _, a := range analyzers {
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	return fs
}

func known(fs *flag.FlagSet) string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, "-"+f.Name) })
	return strings.Join(names, " ")
}

// values renders the current value of every analyzer flag, one per line.
func values(analyzers []*analysis.Analyzer) string {
	var b strings.Builder
	for _, a := range analyzers {
		a.Flags.VisitAll(func(f *flag.Flag) {
			fmt.Fprintf(&b, "-%s.%s=%q\n", a.Name, f.Name, f.Value.String())
		})
	}
	return b.String()
}

// cacheDir returns the GOPLSCACHE for a gopls whose analyzers have the flag
// values vals: a directory named after their hash inside the gopls cache
// that gopls would use otherwise (under goplscache, or else the user cache
// directory). gopls adds "gopls" and a hash of its executable to it, and
// another gopls's cache collector, which walks all of its own directory,
// deletes what this one leaves unused for days.
func cacheDir(goplscache, vals string) string {
	base := goplscache
	if base == "" {
		var err error
		if base, err = os.UserCacheDir(); err != nil {
			base = os.TempDir()
		}
	}
	sum := sha256.Sum256([]byte(vals))
	return filepath.Join(base, "gopls", fmt.Sprintf("transportvet-%x", sum[:6]))
}
