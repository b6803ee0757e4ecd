package driver

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"golang.org/x/tools/go/analysis"
)

// help prints the command's help (no names) or the documentation and flags
// of the named analyzers, to standard output.
func (c *command) help(names []string) int {
	s := c.suite
	out := c.stdout
	if len(names) == 0 {
		c.overview(out)
		return exitOK
	}
	for i, name := range names {
		a := c.analyzer(name)
		if a == nil {
			var checks []string
			for _, a := range s.Checks {
				checks = append(checks, a.Name)
			}
			c.log.Printf("unknown check %q (the checks are %s)", name, strings.Join(checks, ", "))
			return exitUsage
		}
		if i > 0 {
			fmt.Fprintln(out)
		}
		fmt.Fprintf(out, "%s: %s\n", a.Name, strings.TrimSpace(a.Doc))
		var flags []*flag.Flag
		a.Flags.VisitAll(func(f *flag.Flag) { flags = append(flags, f) })
		if len(flags) > 0 {
			fmt.Fprintf(out, "\nFlags:\n\n")
			for _, f := range flags {
				printFlag(out, a.Name+"."+f.Name, f)
			}
		}
		if a.URL != "" {
			fmt.Fprintf(out, "\nDocumentation: %s\n", a.URL)
		}
	}
	return exitOK
}

// analyzer returns the analyzer of the suite named name, or nil.
func (c *command) analyzer(name string) *analysis.Analyzer {
	for _, a := range c.suite.Analyzers {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// overview prints what the command is, its checks, how to run them, its
// flags and its exit codes.
func (c *command) overview(out io.Writer) {
	s := c.suite
	n := s.Name
	fmt.Fprintf(out, "%s\n\n", strings.TrimSpace(s.Doc))
	fmt.Fprintf(out, "Usage:\n\n")
	tw := tabwriter.NewWriter(out, 0, 8, 2, ' ', 0)
	fmt.Fprintf(tw, "  %s [flags] packages\treport the findings\n", n)
	fmt.Fprintf(tw, "  %s -fix [flags] packages\tapply the suggested fixes, then report the findings that remain\n", n)
	fmt.Fprintf(tw, "  %s -diff [flags] packages\tprint the suggested fixes as a diff, and the findings without one\n", n)
	fmt.Fprintf(tw, "  %s -format=sarif [flags] packages\tprint the findings as SARIF 2.1.0, for code scanning (-json: as JSON)\n", n)
	fmt.Fprintf(tw, "  %s help [check]\tthis help, or a check's documentation and flags\n", n)
	tw.Flush()

	fmt.Fprintf(out, "\nChecks (all run by default):\n\n")
	tw = tabwriter.NewWriter(out, 0, 8, 2, ' ', 0)
	for _, a := range s.Checks {
		summary, _, _ := strings.Cut(strings.TrimSpace(a.Doc), "\n")
		fmt.Fprintf(tw, "  %s\t%s\n", a.Name, summary)
	}
	tw.Flush()
	example := "CHECK"
	if len(s.Checks) > 0 {
		example = s.Checks[len(s.Checks)/2].Name
	}
	fmt.Fprintf(out, `
To run only some checks, name them: -A -B runs A and B, -A=false all but A.

  %[1]s -%[2]s ./...

A check's options are flags named -CHECK.OPTION; %[1]s help CHECK
lists them.

Flags:

`, n, example)
	c.flagDefaults(out)

	fmt.Fprintf(out, `
Build tags: -tags=a,b, or GOFLAGS=-tags=a,b in the environment, which the go
command (and so go vet) also reads.

Exit status:

  0  no findings (with -fix: none remain; with -json: the analysis ran)
  1  packages did not load or type-check, an analyzer failed, or fixed
     files could not be written; the findings in the other packages are
     still printed
  2  bad flags or arguments
  3  findings were printed (with -fix: findings remain after fixing)

With -json or -format=sarif, findings are in the output and the exit
status is 0 or 1.

Cache: a report keeps each package's results in $%[3]s (default: %[1]s in
the user's cache directory, e.g. ~/.cache/%[1]s) and analyzes again only
the packages that changed, or whose dependencies did; remove the directory
to clear it. -cache=false analyzes every package in one process, as -fix and
-diff do.

As a vet or fix tool, with the go command's own flags and exit status:

  go vet -vettool=$(which %[1]s) ./...
  go fix -fixtool=$(which %[1]s) ./...

Documentation: %[2]s
`, n, s.URL, cacheEnv)
}

// flagDefaults prints the driver's flags: not those of the analyzers, nor
// the hidden ones.
func (c *command) flagDefaults(out io.Writer) {
	fs, _ := c.flags(new(options))
	isAnalyzer := make(map[string]bool)
	for _, a := range c.suite.Analyzers {
		isAnalyzer[a.Name] = true
	}
	fs.VisitAll(func(f *flag.Flag) {
		prefix, _, _ := strings.Cut(f.Name, ".")
		if isAnalyzer[prefix] || hiddenFlags[f.Name] {
			return
		}
		printFlag(out, f.Name, f)
	})
}

// printFlag prints one flag as flag.PrintDefaults does.
func printFlag(out io.Writer, name string, f *flag.Flag) {
	typ, usage := flag.UnquoteUsage(f)
	line := "  -" + name
	if typ != "" {
		line += " " + typ
	}
	line += "\n    \t" + strings.ReplaceAll(usage, "\n", "\n    \t")
	if def := f.DefValue; def != "" && def != "false" && def != "0" && !(name == "c" && def == "-1") {
		line += fmt.Sprintf(" (default %s)", def)
	}
	fmt.Fprintln(out, line)
}
