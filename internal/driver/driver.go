// Package driver is transportvet's command line: the standalone analysis
// driver (transportvet [flags] packages, with -fix, -diff, -json and
// -format=sarif) and the go vet and go fix protocol, which it leaves to
// x/tools' unitchecker.
//
// A report runs on staticcheck's cached runner (cached.go). -fix, -diff and
// -cache=false analyze in one process; that driver is built on the public
// golang.org/x/tools/go/analysis/checker rather
// than on multichecker, whose driver (go/analysis/internal/checker at
// x/tools v0.52.0) applies overlapping fixes only partly and exits 1,
// exits 0 after -fix whatever findings remain, prints internal analyzers'
// "failed prerequisites" for a package that does not type-check, ignores
// -tags, and cannot say which version it is.
package driver

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"
)

// Exit codes of the standalone command.
const (
	exitOK       = 0 // nothing found (or, with -json, the analysis ran)
	exitError    = 1 // packages did not load or type-check, an analyzer failed, or a fix could not be written
	exitUsage    = 2 // bad flags or arguments
	exitFindings = 3 // findings were reported (with -fix: findings remain)
)

// A Suite is what the command runs and how it describes itself.
type Suite struct {
	// Name is the command's name, e.g. "transportvet".
	Name string
	// Doc says what the command is, in a paragraph, for help.
	Doc string
	// URL is the home of the command's documentation.
	URL string
	// Analyzers are all the analyzers: each has its -NAME and -NAME.FLAG
	// flags, and all run by default.
	Analyzers []*analysis.Analyzer
	// Checks are the analyzers that help lists, in order; the others
	// report nothing by themselves and help does not mention them.
	Checks []*analysis.Analyzer
}

// Main runs the command with os.Args and exits.
//
// The go vet and go fix protocol (-flags, and a single *.cfg argument) is
// left to x/tools' unitchecker through multichecker.Main, unchanged; only
// -V=full, with which go vet asks for the tool's identity, is answered
// here.
func Main(s Suite) {
	if vetProtocol(os.Args[1:]) {
		multichecker.Main(s.Analyzers...)
		panic("unreachable")
	}
	os.Exit(Run(s, os.Args[1:], os.Stdout, os.Stderr))
}

// vetProtocol reports whether args are those of a go vet or go fix
// invocation: -flags, or a final argument naming a unitchecker config file.
func vetProtocol(args []string) bool {
	for _, a := range args {
		switch a {
		case "-flags", "--flags", "-flags=true", "--flags=true":
			return true
		}
	}
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg")
}

// options are the driver's own flags.
type options struct {
	json       bool
	format     string // "text", "json" or "sarif"; -json is -format=json
	cache      bool
	context    int
	fix        bool
	diff       bool
	version    string // "", "short" or "full"
	tests      bool
	tags       string
	debug      string
	cpuprofile string
	memprofile string
	trace      string
}

func (o *options) dbg(b byte) bool { return strings.IndexByte(o.debug, b) >= 0 }

// A command is one run of the standalone command.
type command struct {
	suite          Suite
	opts           options
	stdout, stderr io.Writer
	analyzers      []*analysis.Analyzer // those selected to run
	log            *log.Logger
}

// Run runs the standalone command with args (without the program name)
// and returns its exit code.
func Run(s Suite, args []string, stdout, stderr io.Writer) int {
	c := &command{suite: s, stdout: stdout, stderr: stderr, log: log.New(stderr, s.Name+": ", 0)}
	fs, enabled := c.flags(&c.opts)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			c.help(nil)
			return exitOK
		}
		c.log.Printf("%v (run '%s help' for usage)", err, s.Name)
		return exitUsage
	}
	if c.opts.version != "" {
		c.printVersion()
		return exitOK
	}
	args = fs.Args()
	if len(args) == 0 {
		fmt.Fprintf(stderr, "usage: %s [flags] packages   (run '%s help' for more)\n", s.Name, s.Name)
		return exitUsage
	}
	if args[0] == "help" {
		return c.help(args[1:])
	}
	switch {
	case c.opts.json && c.opts.format != "text" && c.opts.format != "json":
		c.log.Printf("-json and -format=%s cannot be used together", c.opts.format)
		return exitUsage
	case c.opts.json:
		c.opts.format = "json"
	case c.opts.format != "text" && c.opts.format != "json" && c.opts.format != "sarif":
		c.log.Printf("-format=%s: want text, json or sarif (run '%s help' for usage)", c.opts.format, s.Name)
		return exitUsage
	}
	if c.opts.format != "text" && c.opts.diff {
		name := "-format=" + c.opts.format
		if c.opts.json {
			name = "-json"
		}
		c.log.Printf("%s and -diff cannot be used together: -diff prints a diff, %s prints %s", name, name, strings.ToUpper(c.opts.format))
		return exitUsage
	}
	c.analyzers = selected(s.Analyzers, enabled)

	stop, err := c.startProfiles()
	if err != nil {
		c.log.Print(err)
		return exitError
	}
	defer stop()

	switch {
	case c.opts.fix || c.opts.diff:
		return c.runFix(args)
	case c.opts.cache:
		return c.runCached(args)
	default:
		return c.runReport(args)
	}
}

// flags returns the command's flag set, which sets o: the driver's flags, and for each
// analyzer -NAME to select it and -NAME.FLAG for each of its flags, which
// set the analyzer's own flag values, as multichecker does.
func (c *command) flags(o *options) (*flag.FlagSet, map[*analysis.Analyzer]*triState) {
	fs := flag.NewFlagSet(c.suite.Name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	enabled := make(map[*analysis.Analyzer]*triState)
	for _, a := range c.suite.Analyzers {
		ts := new(triState)
		enabled[a] = ts
		fs.Var(ts, a.Name, fmt.Sprintf("run the %s check (and with other -NAME flags, only those)", a.Name))
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	fs.BoolVar(&o.json, "json", false, "print the findings as JSON (-format=json)")
	fs.StringVar(&o.format, "format", "text", "the output: text, json, or sarif (SARIF 2.1.0, for code scanning)")
	fs.BoolVar(&o.cache, "cache", true, "reuse the results of packages that did not change, kept in the cache directory\n(TRANSPORTVET_CACHE); -cache=false analyzes every package anew, in one process")
	fs.IntVar(&o.context, "c", -1, "print each finding's line with this many lines of context around it")
	fs.BoolVar(&o.fix, "fix", false, "apply the suggested fixes, then report the findings that remain")
	fs.BoolVar(&o.diff, "diff", false, "print the suggested fixes as a unified diff instead of applying them")
	fs.Var((*versionFlag)(&o.version), "V", "print the version and exit (-V=full: with the build ID)")
	fs.BoolVar(&o.tests, "test", true, "analyze the test files too")
	fs.StringVar(&o.tags, "tags", "", "comma-separated build tags, as go build -tags")
	fs.StringVar(&o.debug, "debug", "", `debug flags, any subset of "fpstv"`)
	fs.StringVar(&o.cpuprofile, "cpuprofile", "", "write a CPU profile to this file")
	fs.StringVar(&o.memprofile, "memprofile", "", "write a memory profile to this file")
	fs.StringVar(&o.trace, "trace", "", "write a runtime trace to this file")
	// Accepted as multichecker accepts them, for scripts written for vet.
	for _, name := range []string{"source", "v", "all"} {
		fs.Bool(name, false, "no effect (deprecated)")
	}
	return fs, enabled
}

// hiddenFlags are the flags that help does not list.
var hiddenFlags = map[string]bool{"source": true, "v": true, "all": true}

// selected returns the analyzers to run: if some -NAME flag is true, those;
// otherwise all but those whose -NAME flag is false.
func selected(all []*analysis.Analyzer, enabled map[*analysis.Analyzer]*triState) []*analysis.Analyzer {
	var hasTrue, hasFalse bool
	for _, ts := range enabled {
		hasTrue = hasTrue || *ts == setTrue
		hasFalse = hasFalse || *ts == setFalse
	}
	var keep []*analysis.Analyzer
	for _, a := range all {
		switch {
		case hasTrue && *enabled[a] != setTrue:
		case !hasTrue && hasFalse && *enabled[a] == setFalse:
		default:
			keep = append(keep, a)
		}
	}
	return keep
}

// startProfiles starts what -cpuprofile, -memprofile and -trace ask for,
// and returns the function that stops them.
func (c *command) startProfiles() (stop func(), err error) {
	var stops []func()
	stop = func() {
		for i := len(stops) - 1; i >= 0; i-- {
			stops[i]()
		}
	}
	if c.opts.cpuprofile != "" {
		f, err := os.Create(c.opts.cpuprofile)
		if err != nil {
			return stop, err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return stop, err
		}
		stops = append(stops, func() { pprof.StopCPUProfile(); f.Close() })
	}
	if c.opts.trace != "" {
		f, err := os.Create(c.opts.trace)
		if err != nil {
			return stop, err
		}
		if err := trace.Start(f); err != nil {
			return stop, err
		}
		stops = append(stops, func() { trace.Stop(); f.Close() })
	}
	if c.opts.memprofile != "" {
		f, err := os.Create(c.opts.memprofile)
		if err != nil {
			return stop, err
		}
		stops = append(stops, func() {
			runtime.GC()
			if err := pprof.WriteHeapProfile(f); err != nil {
				c.log.Printf("writing the memory profile: %v", err)
			}
			f.Close()
		})
	}
	return stop, nil
}

// A triState is a bool flag that knows whether it was set.
type triState int

const (
	unset triState = iota
	setTrue
	setFalse
)

func (ts *triState) Get() any { return *ts == setTrue }

func (ts *triState) Set(value string) error {
	b, err := strconv.ParseBool(value)
	if err != nil {
		return errors.New("want true or false")
	}
	*ts = setFalse
	if b {
		*ts = setTrue
	}
	return nil
}

func (ts *triState) String() string {
	if *ts == setFalse {
		return "false"
	}
	return "true"
}

func (ts *triState) IsBoolFlag() bool { return true }

// versionFlag is -V, or -V=full as go vet asks.
type versionFlag string

func (v *versionFlag) IsBoolFlag() bool { return true }
func (v *versionFlag) String() string   { return string(*v) }

func (v *versionFlag) Set(s string) error {
	switch s {
	case "true":
		*v = "short"
	case "full":
		*v = "full"
	case "false":
		*v = ""
	default:
		return fmt.Errorf("want -V or -V=full")
	}
	return nil
}

// runReport analyzes the packages in this process, with x/tools' checker,
// and prints the findings (-cache=false).
func (c *command) runReport(patterns []string) int {
	res, err := c.analyze(patterns, nil)
	if err != nil {
		c.log.Print(err)
		return exitError
	}
	return c.printReport(res.report())
}
