package driver

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"io"
	"net/url"
	"os"
	"slices"
	"sort"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// skippedMsg is the error of an action on a package that does not
// type-check, and failedPrereq starts that of an action whose
// prerequisite failed: both follow from an error reported elsewhere.
const (
	skippedMsg   = "analysis skipped due to errors in package"
	failedPrereq = "failed prerequisites"
)

// An outcome is what one load and analysis of the packages found.
type outcome struct {
	graph *checker.Graph
	// findings are the root diagnostics, each once, in file and line order.
	findings []*finding
	problems
	// files are the Go files of the loaded packages, which fixes may edit,
	// and generated those of them that are generated (ast.IsGenerated).
	files     map[string]bool
	generated map[string]bool
}

// problems are what makes the exit status 1.
type problems struct {
	// loadErrors are the errors of the packages, each once, one line each.
	loadErrors []string
	// illTyped are the packages named on the command line that were not
	// analyzed because they, or a dependency, do not load or type-check.
	illTyped []string
	// failures are the errors of analyzers themselves (bugs), one line each.
	failures []string
}

func (p *problems) any() bool {
	return len(p.loadErrors) > 0 || len(p.illTyped) > 0 || len(p.failures) > 0
}

// A finding is one diagnostic of one check.
type finding struct {
	analyzer *analysis.Analyzer
	pkg      *packages.Package
	diag     analysis.Diagnostic
	posn     token.Position
	end      token.Position
}

// analyze loads the packages that patterns name, with the file contents of
// overlay in place of those on disk, and runs the selected analyzers on
// them. Its error is a failure to load anything at all.
func (c *command) analyze(patterns []string, overlay map[string][]byte) (*outcome, error) {
	mode := packages.LoadSyntax
	if needFacts(c.analyzers) {
		// Facts come from the analysis of dependencies, from source.
		mode = packages.LoadAllSyntax
	}
	cfg := &packages.Config{
		Mode:    mode | packages.NeedModule,
		Tests:   c.opts.tests,
		Overlay: overlay,
	}
	if c.opts.tags != "" {
		cfg.BuildFlags = []string{"-tags=" + c.opts.tags}
	}
	t0 := time.Now()
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, fmt.Errorf("%s", oneLine(err.Error()))
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	if c.opts.dbg('v') {
		c.log.Printf("loaded %d packages in %v", len(pkgs), time.Since(t0))
	}

	res := &outcome{files: make(map[string]bool), generated: make(map[string]bool)}
	res.collectLoadErrors(pkgs)

	opts := &checker.Options{Sequential: c.opts.dbg('p'), SanityCheck: c.opts.dbg('s')}
	if c.opts.dbg('f') {
		opts.FactLog = c.stderr
	}
	analyzers, original := c.analyzers, map[*analysis.Analyzer]*analysis.Analyzer(nil)
	if len(overlay) > 0 {
		analyzers, original = withOverlay(c.analyzers, overlay)
	}
	t0 = time.Now()
	graph, err := checker.Analyze(analyzers, pkgs, opts)
	if err != nil {
		return nil, err
	}
	if c.opts.dbg('v') {
		c.log.Printf("analyzed in %v", time.Since(t0))
	}
	res.graph = graph
	res.collect(graph, original)
	if c.opts.dbg('t') {
		printTimes(c.stderr, graph)
	}
	return res, nil
}

// collectLoadErrors records the errors of pkgs and their dependencies, the
// packages that were not analyzed because of them, and the files of all.
func (res *outcome) collectLoadErrors(pkgs []*packages.Package) {
	seen := make(map[string]bool)
	add := func(line string) {
		if !seen[line] {
			seen[line] = true
			res.loadErrors = append(res.loadErrors, line)
		}
	}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			if e.Pos == "" {
				add(oneLine(e.Msg))
			} else {
				add(e.Pos + ": " + oneLine(e.Msg))
			}
		}
		if p.Module != nil && p.Module.Error != nil {
			add(oneLine(p.Module.Error.Err))
		}
		for _, f := range p.GoFiles {
			res.files[f] = true
		}
	})
	ill := make(map[string]bool)
	for _, p := range pkgs {
		// A package that has files but no errors of its own may be ill
		// typed because of a dependency; one without files is a pattern
		// that matched nothing, already said by its error.
		if p.IllTyped && len(p.GoFiles) > 0 && !ill[p.PkgPath] {
			ill[p.PkgPath] = true
			res.illTyped = append(res.illTyped, p.PkgPath)
		}
	}
	sort.Strings(res.illTyped)
}

// collect records the root diagnostics of graph, each once, and the
// failures of its analyzers. original maps the analyzers of graph made by
// withOverlay to those they copy.
func (res *outcome) collect(graph *checker.Graph, original map[*analysis.Analyzer]*analysis.Analyzer) {
	type key struct {
		posn, end token.Position
		analyzer  *analysis.Analyzer
		message   string
	}
	seen := make(map[key]bool)
	for act := range graph.All() {
		for _, f := range act.Package.Syntax {
			if tf := act.Package.Fset.File(f.FileStart); tf != nil && ast.IsGenerated(f) {
				res.generated[tf.Name()] = true
			}
		}
		if act.Err != nil {
			msg := act.Err.Error()
			if msg != skippedMsg && !strings.HasPrefix(msg, failedPrereq) {
				res.failures = append(res.failures, fmt.Sprintf("internal error: analyzer %s failed on %s: %s", act.Analyzer.Name, act.Package.ID, oneLine(msg)))
			}
			continue
		}
		if !act.IsRoot {
			continue
		}
		for _, d := range act.Diagnostics {
			fset := act.Package.Fset
			f := &finding{analyzer: cmp.Or(original[act.Analyzer], act.Analyzer), pkg: act.Package, diag: d, posn: fset.Position(d.Pos), end: fset.Position(cmp.Or(d.End, d.Pos))}
			k := key{f.posn, f.end, f.analyzer, d.Message}
			if seen[k] {
				continue // a file of both p and p's test variant
			}
			seen[k] = true
			res.findings = append(res.findings, f)
		}
	}
	slices.SortStableFunc(res.findings, func(x, y *finding) int {
		return cmp.Or(
			cmp.Compare(x.posn.Filename, y.posn.Filename),
			cmp.Compare(x.posn.Offset, y.posn.Offset),
			cmp.Compare(x.analyzer.Name, y.analyzer.Name),
			cmp.Compare(x.diag.Message, y.diag.Message))
	})
	slices.Sort(res.failures)
	res.failures = slices.Compact(res.failures)
}

// withOverlay returns copies of analyzers, and of those they require, whose
// passes read the files of overlay from it: checker.Analyze gives each pass
// a ReadFile that reads the disk, which would not match the code that -diff
// analyzes after its first round. It also returns the map from copies to
// originals.
func withOverlay(analyzers []*analysis.Analyzer, overlay map[string][]byte) ([]*analysis.Analyzer, map[*analysis.Analyzer]*analysis.Analyzer) {
	return wrapAnalyzers(analyzers, func(a *analysis.Analyzer, pass *analysis.Pass) (any, error) {
		read := pass.ReadFile
		pass.ReadFile = func(name string) ([]byte, error) {
			if data, ok := overlay[name]; ok {
				return data, nil
			}
			if read == nil {
				return os.ReadFile(name)
			}
			return read(name)
		}
		return a.Run(pass)
	})
}

// wrapAnalyzers returns copies of analyzers, and of those they require,
// whose Run is run(original, pass): pass is the Pass the original expects
// (its Analyzer and the keys of its ResultOf are originals), which run may
// change before it calls original.Run. It also returns the map from
// copies to originals.
func wrapAnalyzers(analyzers []*analysis.Analyzer, run func(*analysis.Analyzer, *analysis.Pass) (any, error)) ([]*analysis.Analyzer, map[*analysis.Analyzer]*analysis.Analyzer) {
	copies := make(map[*analysis.Analyzer]*analysis.Analyzer)
	original := make(map[*analysis.Analyzer]*analysis.Analyzer)
	var copyOf func(a *analysis.Analyzer) *analysis.Analyzer
	copyOf = func(a *analysis.Analyzer) *analysis.Analyzer {
		if c := copies[a]; c != nil {
			return c
		}
		c := &analysis.Analyzer{
			Name:             a.Name,
			Doc:              a.Doc,
			URL:              a.URL,
			RunDespiteErrors: a.RunDespiteErrors,
			ResultType:       a.ResultType,
			FactTypes:        a.FactTypes,
		}
		copies[a], original[c] = c, a
		for _, r := range a.Requires {
			c.Requires = append(c.Requires, copyOf(r))
		}
		c.Run = func(pass *analysis.Pass) (any, error) {
			resultOf := make(map[*analysis.Analyzer]any, len(pass.ResultOf))
			for k, v := range pass.ResultOf {
				resultOf[original[k]] = v
			}
			pass.Analyzer, pass.ResultOf = a, resultOf
			return run(a, pass)
		}
		return c
	}
	var out []*analysis.Analyzer
	for _, a := range analyzers {
		out = append(out, copyOf(a))
	}
	return out, original
}

// printErrors prints the load errors, the packages they kept from being
// analyzed, and the analyzers' failures, one line each, and reports
// whether there was any.
func (c *command) printErrors(res *problems) bool {
	for _, line := range res.loadErrors {
		fmt.Fprintln(c.stderr, c.withName(line))
	}
	if len(res.illTyped) > 0 {
		c.log.Printf("not analyzed because of the errors above: %s", strings.Join(res.illTyped, ", "))
	}
	for _, line := range res.failures {
		c.log.Printf("%s (please report it: %s/issues)", line, strings.TrimSuffix(c.suite.URL, "/"))
	}
	return res.any()
}

// withName prefixes a line that does not start with a position with the
// command's name, as the go command prefixes its own errors with "go: ".
func (c *command) withName(line string) string {
	if posRE(line) {
		return line
	}
	return c.suite.Name + ": " + line
}

// posRE reports whether line starts with a file position, "FILE:LINE".
func posRE(line string) bool {
	file, rest, ok := strings.Cut(line, ":")
	if !ok || file == "" || strings.ContainsAny(file, " \t") {
		return false
	}
	return rest != "" && rest[0] >= '0' && rest[0] <= '9'
}

// oneLine joins the lines of a multi-line message, such as the go
// command's "no required module provides package P; to add it:\n\tgo get P".
func oneLine(msg string) string {
	lines := strings.Split(strings.TrimSpace(msg), "\n")
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	return strings.Join(lines, " ")
}

// needFacts reports whether an analyzer of analyzers, or one they require,
// uses facts.
func needFacts(analyzers []*analysis.Analyzer) bool {
	seen := make(map[*analysis.Analyzer]bool)
	var visit func(a *analysis.Analyzer) bool
	visit = func(a *analysis.Analyzer) bool {
		if seen[a] {
			return false
		}
		seen[a] = true
		return len(a.FactTypes) > 0 || slices.ContainsFunc(a.Requires, visit)
	}
	return slices.ContainsFunc(analyzers, visit)
}

// docURL returns the URL of the documentation of finding f: the
// diagnostic's own URL, resolved against its analyzer's, as
// analysis.Diagnostic.URL says.
func docURL(a *analysis.Analyzer, d analysis.Diagnostic) string {
	raw := d.URL
	if raw == "" && d.Category != "" {
		raw = "#" + d.Category
	}
	base, err := url.Parse(a.URL)
	if err != nil {
		return a.URL
	}
	u, err := url.Parse(raw)
	if err != nil {
		return a.URL
	}
	return base.ResolveReference(u).String()
}

// printTimes prints the analysis time of the actions that took 90% of it,
// as -debug=t asks.
func printTimes(w io.Writer, graph *checker.Graph) {
	var list []*checker.Action
	var total time.Duration
	for act := range graph.All() {
		list = append(list, act)
		total += act.Duration
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Duration > list[j].Duration })
	var sum time.Duration
	for _, act := range list {
		fmt.Fprintf(w, "%s\t%s\n", act.Duration, act)
		sum += act.Duration
		if sum >= total*9/10 {
			break
		}
	}
	if total > sum {
		fmt.Fprintf(w, "%s\tall others\n", total-sum)
	}
}

// readFile returns the content of file: from overlay if there, else from
// disk.
func readFile(overlay map[string][]byte, file string) ([]byte, error) {
	if data, ok := overlay[file]; ok {
		return data, nil
	}
	return os.ReadFile(file)
}
