package driver

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
	"honnef.co/go/tools/config"
	"honnef.co/go/tools/go/buildid"
	"honnef.co/go/tools/lintcmd/cache"

	"github.com/transportvet/transportvet/internal/runner"
)

// Report mode runs on staticcheck's runner (honnef.co/go/tools/lintcmd/runner),
// in the copy of internal/runner, which decodes each dependency's export
// data and facts once per run rather than once per importing package: it
// analyzes one package at a time, its dependencies from their export data
// and the facts the runner cached for them, and keeps each package's facts
// and findings in a content-addressed cache on disk, keyed by the
// package's files, its dependencies' facts, the binary and the analyzers'
// options. A package that did not change is not analyzed again, and a
// package's syntax and type information are dropped as soon as it is
// done, which bounds memory by the largest packages and the dependencies'
// types still needed rather than the whole program.

// cacheEnv names the environment variable that sets the cache directory.
const cacheEnv = "TRANSPORTVET_CACHE"

// failedCategory is the category of the diagnostic by which an analyzer's
// wrapper records that the analyzer failed: the runner keeps no errors of
// analyzers, only diagnostics.
const failedCategory = "transportvet:failed"

// runnerMu serializes runs of the runner in one process: the cache's salt
// (cache.SetSalt) is a variable of staticcheck's package.
var runnerMu sync.Mutex

// cacheDir returns the cache directory: $TRANSPORTVET_CACHE, which must be
// absolute, or transportvet in the user's cache directory
// (os.UserCacheDir: $XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches
// on macOS, %LocalAppData% on Windows).
func cacheDir(name string) (string, error) {
	if dir := os.Getenv(cacheEnv); dir != "" {
		if !filepath.IsAbs(dir) {
			return "", fmt.Errorf("%s=%s is not an absolute path", cacheEnv, dir)
		}
		return dir, nil
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory: %v; set %s or run with -cache=false", err, cacheEnv)
	}
	return filepath.Join(dir, name), nil
}

// salt returns what, besides a package's inputs, decides its results: the
// binary (its build ID, or its hash) and the values of the analyzers'
// options. The runner hashes neither the options nor which analyzers print.
func (c *command) salt() ([]byte, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	id, err := buildid.ReadFile(exe)
	if err != nil || id == "" {
		if id, err = executableHash(); err != nil {
			return nil, err
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s\n", c.suite.Name, id)
	for _, a := range c.suite.Analyzers {
		a.Flags.VisitAll(func(f *flag.Flag) {
			fmt.Fprintf(&b, "-%s.%s=%q\n", a.Name, f.Name, f.Value.String())
		})
	}
	return []byte(b.String()), nil
}

// runCached analyzes the packages on the cached runner and prints the
// findings.
func (c *command) runCached(patterns []string) int {
	dir, err := cacheDir(c.suite.Name)
	if err != nil {
		c.log.Print(err)
		return exitError
	}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		c.log.Printf("cache: %v", err)
		return exitError
	}
	dc, err := cache.Open(dir)
	if err != nil {
		c.log.Printf("cache: %v", err)
		return exitError
	}
	defer dc.Close() // trims entries unused for days, at most once a day
	salt, err := c.salt()
	if err != nil {
		c.log.Printf("cache: %v", err)
		return exitError
	}

	runnerMu.Lock()
	defer runnerMu.Unlock()
	cache.SetSalt(salt)
	r, err := runner.New(config.Config{}, dc)
	if err != nil {
		c.log.Print(err)
		return exitError
	}
	// Type-check each package with its module's Go version, as
	// go/packages does.
	r.GoVersion = "module"

	cfg := &packages.Config{Tests: c.opts.tests}
	if c.opts.tags != "" {
		cfg.BuildFlags = []string{"-tags=" + c.opts.tags}
	}
	fl := &failureLog{}
	analyzers, _ := wrapAnalyzers(c.analyzers, fl.run)
	t0 := time.Now()
	results, err := r.Run(cfg, analyzers, patterns)
	if err != nil {
		c.log.Print(oneLine(err.Error()))
		return exitError
	}
	if c.opts.dbg('v') {
		c.log.Printf("analyzed %d packages (with dependencies) in %v; cache %s", len(results), time.Since(t0), dir)
	}
	rep, loaded, err := c.fromRunner(results, fl)
	if err != nil {
		c.log.Print(err)
		return exitError
	}
	if !loaded {
		c.log.Printf("%s matched no packages", strings.Join(patterns, " "))
		return exitError
	}
	code := c.printReport(rep)
	_, stacks := fl.list()
	for _, s := range stacks {
		fmt.Fprintln(c.stderr, s) // for the bug report
	}
	return code
}

// fromRunner returns the report of the runner's results. It also reports
// whether any package was loaded.
func (c *command) fromRunner(results []runner.Result, fl *failureLog) (*report, bool, error) {
	rep := new(report)
	selected := make(map[string]*analysis.Analyzer)
	for _, a := range c.analyzers {
		selected[a.Name] = a
	}
	seenErr := make(map[string]bool)
	addErr := func(line string) {
		if !seenErr[line] {
			seenErr[line] = true
			rep.loadErrors = append(rep.loadErrors, line)
		}
	}
	ill := make(map[string]bool)
	failed := make(map[string]bool)
	addFailure := func(line string) {
		if !failed[line] {
			failed[line] = true
			rep.failures = append(rep.failures, line)
		}
	}
	// Results come in no particular order.
	sort.Slice(results, func(i, j int) bool { return results[i].Package.ID < results[j].Package.ID })
	for _, res := range results {
		spec := res.Package
		if res.Failed {
			for _, e := range res.Errors {
				var pe packages.Error
				switch {
				case errors.As(e, &pe) && pe.Pos != "":
					addErr(pe.Pos + ": " + oneLine(pe.Msg))
				case errors.As(e, &pe):
					for _, line := range compilerErrors(pe.Msg) {
						addErr(line)
					}
				default:
					addErr(oneLine(e.Error()))
				}
			}
			if spec.Module != nil && spec.Module.Error != nil {
				addErr(oneLine(spec.Module.Error.Err))
			}
			if res.Initial && len(spec.GoFiles) > 0 {
				if !ill[spec.PkgPath] {
					ill[spec.PkgPath] = true
					rep.illTyped = append(rep.illTyped, spec.PkgPath)
				}
				for _, a := range c.analyzers {
					rep.addJSONError(spec.ID, a.Name, skippedMsg)
				}
			}
			continue
		}
		if res.Skipped {
			addErr(fmt.Sprintf("%s has a file too large to analyze: not analyzed", spec.PkgPath))
			continue
		}
		if !res.Initial {
			continue
		}
		data, err := res.Load()
		if err != nil {
			return nil, false, fmt.Errorf("cache: %v", err)
		}
		for _, d := range data.Diagnostics {
			if d.Category == failedCategory {
				name, msg, _ := strings.Cut(d.Message, ": ")
				addFailure(failure(name, spec.PkgPath, msg))
				rep.addJSONError(spec.ID, name, msg)
				continue
			}
			a := selected[d.Category]
			if a == nil {
				continue // an analyzer the selected ones require
			}
			rep.diags = append(rep.diags, fromRunnerDiag(a, spec.ID, d))
		}
	}
	// Failures on dependencies, whose findings the runner does not keep;
	// seen only by the run that analyzed them.
	failures, _ := fl.list()
	for _, f := range failures {
		addFailure(f)
	}
	sort.Strings(rep.illTyped)
	slices.Sort(rep.failures)
	return rep, len(results) > 0, nil
}

// compilerErrors splits msg, which may be the go command's report of a
// package that does not compile ("# PKG", then one error a line, with
// continuation lines indented), into one line per error, with file names
// made absolute as in the errors of go/packages.
func compilerErrors(msg string) []string {
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(msg), "\n") {
		switch {
		case strings.TrimSpace(line) == "" || strings.HasPrefix(line, "# "):
		case len(out) > 0 && (strings.HasPrefix(line, "\t") || strings.HasPrefix(line, " ")):
			out[len(out)-1] += " " + strings.TrimSpace(line)
		case posRE(line):
			file, rest, _ := strings.Cut(line, ":")
			if abs, err := filepath.Abs(file); err == nil {
				file = abs
			}
			out = append(out, file+":"+rest)
		default:
			out = append(out, strings.TrimSpace(line))
		}
	}
	return out
}

// fromRunnerDiag converts a diagnostic of the runner, reported by a on
// package id: the runner gives the analyzer's name as the category of a
// diagnostic that has none, and resolves positions as x/tools' drivers do
// (but leaves an End that is not set unset).
func fromRunnerDiag(a *analysis.Analyzer, id string, d runner.Diagnostic) *diag {
	end := func(posn, end token.Position) token.Position {
		if !end.IsValid() {
			return posn
		}
		return end
	}
	out := &diag{
		analyzer: a,
		pkgID:    id,
		message:  d.Message,
		posn:     d.Position,
		end:      end(d.Position, d.End),
	}
	ad := analysis.Diagnostic{}
	if d.Category != a.Name {
		out.category, ad.Category = d.Category, d.Category
	}
	out.url = docURL(a, ad)
	for _, r := range d.Related {
		out.related = append(out.related, related{r.Position, end(r.Position, r.End), r.Message})
	}
	for _, f := range d.SuggestedFixes {
		rf := fix{message: f.Message}
		for _, e := range f.TextEdits {
			rf.edits = append(rf.edits, textEdit{e.Position, end(e.Position, e.End), e.NewText})
		}
		// x/tools' checker sorts a fix's edits by position when it
		// validates them; the runner keeps the analyzer's order. Sort
		// them, so that every mode prints the same fix.
		slices.SortStableFunc(rf.edits, func(x, y textEdit) int {
			return cmp.Or(
				cmp.Compare(x.posn.Filename, y.posn.Filename),
				cmp.Compare(x.posn.Offset, y.posn.Offset),
				cmp.Compare(x.end.Offset, y.end.Offset))
		})
		out.fixes = append(out.fixes, rf)
	}
	return out
}

// A failureLog records the analyzers that failed, or panicked, in this run.
type failureLog struct {
	mu       sync.Mutex
	failures []string
	stacks   []string
}

// failure returns the line that says analyzer name failed on package path.
func failure(name, path, msg string) string {
	return fmt.Sprintf("internal error: analyzer %s failed on %s: %s", name, path, oneLine(msg))
}

func (fl *failureLog) list() (failures, stacks []string) {
	fl.mu.Lock()
	defer fl.mu.Unlock()
	return slices.Clone(fl.failures), slices.Clone(fl.stacks)
}

// run runs a on pass. If a fails or panics, it records the failure and
// reports it as a diagnostic of category failedCategory, which the runner
// keeps (and caches) with the findings of a package named on the command
// line, so that a later run that reuses them says it too. (The runner
// drops the diagnostics of dependencies: a failure there is said by the
// run that analyzed the dependency, from the log.)
func (fl *failureLog) run(a *analysis.Analyzer, pass *analysis.Pass) (res any, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
			fl.mu.Lock()
			fl.stacks = append(fl.stacks, fmt.Sprintf("analyzer %s panicked on %s: %v\n%s", a.Name, pass.Pkg.Path(), r, debug.Stack()))
			fl.mu.Unlock()
		}
		if err != nil {
			fl.mu.Lock()
			fl.failures = append(fl.failures, failure(a.Name, pass.Pkg.Path(), err.Error()))
			fl.mu.Unlock()
			pos := token.NoPos
			if len(pass.Files) > 0 {
				pos = pass.Files[0].Package
			}
			pass.Report(analysis.Diagnostic{Pos: pos, Category: failedCategory, Message: a.Name + ": " + err.Error()})
		}
	}()
	return a.Run(pass)
}
