package driver

import (
	"cmp"
	"encoding/json"
	"fmt"
	"go/token"
	"os"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// A report is what one analysis found, with every position resolved, as the
// outputs print it. Both drivers produce one: the in-process checker (-fix,
// -diff, -cache=false) and the cached runner of report mode.
type report struct {
	// diags are the diagnostics of the root packages, in the order of
	// the packages and of their reporting; a file of both p and p's test
	// variant has its diagnostics under both package IDs.
	diags []*diag
	// jsonErrors are, by package ID and analyzer name, the errors the
	// JSON output shows in place of findings.
	jsonErrors map[string]map[string]string
	problems
}

// A diag is one diagnostic of one check, its positions resolved.
type diag struct {
	analyzer  *analysis.Analyzer
	pkgID     string
	category  string
	url       string // of the check's documentation
	message   string
	posn, end token.Position
	related   []related
	fixes     []fix
}

type related struct {
	posn, end token.Position
	message   string
}

type fix struct {
	message string
	edits   []textEdit
}

// A textEdit replaces the bytes from posn.Offset to end.Offset of the
// file posn.Filename with text.
type textEdit struct {
	posn, end token.Position
	text      []byte
}

// addJSONError records the error that the JSON output shows for analyzer
// name on package id.
func (rep *report) addJSONError(id, name, msg string) {
	if rep.jsonErrors == nil {
		rep.jsonErrors = make(map[string]map[string]string)
	}
	if rep.jsonErrors[id] == nil {
		rep.jsonErrors[id] = make(map[string]string)
	}
	rep.jsonErrors[id][name] = msg
}

// findings returns the diagnostics of rep each once (a file of p and of p's
// test variant is analyzed twice), in file and line order.
func (rep *report) findings() []*diag {
	type key struct {
		posn, end token.Position
		analyzer  *analysis.Analyzer
		message   string
	}
	seen := make(map[key]bool)
	var out []*diag
	for _, d := range rep.diags {
		k := key{d.posn, d.end, d.analyzer, d.message}
		if !seen[k] {
			seen[k] = true
			out = append(out, d)
		}
	}
	sortDiags(out)
	return out
}

func sortDiags(diags []*diag) {
	slices.SortStableFunc(diags, func(x, y *diag) int {
		return cmp.Or(
			cmp.Compare(x.posn.Filename, y.posn.Filename),
			cmp.Compare(x.posn.Offset, y.posn.Offset),
			cmp.Compare(x.analyzer.Name, y.analyzer.Name),
			cmp.Compare(x.message, y.message))
	})
}

// report returns what res found, as the outputs print it. It gives the
// error of each analyzer that failed, and for the checks on a package that
// does not type-check, that they were skipped; unlike x/tools' drivers,
// not "failed prerequisites" for every analyzer that depends on another.
func (res *outcome) report() *report {
	rep := &report{problems: res.problems}
	for act := range res.graph.All() {
		if act.Err != nil {
			msg := act.Err.Error()
			switch {
			case act.IsRoot && act.Package.IllTyped:
				rep.addJSONError(act.Package.ID, act.Analyzer.Name, skippedMsg)
			case msg == skippedMsg || strings.HasPrefix(msg, failedPrereq) && !act.IsRoot:
			default:
				rep.addJSONError(act.Package.ID, act.Analyzer.Name, msg)
			}
			continue
		}
		if !act.IsRoot {
			continue
		}
		for _, d := range act.Diagnostics {
			rep.diags = append(rep.diags, resolve(act.Package.Fset, act.Analyzer, act.Package.ID, d))
		}
	}
	return rep
}

// resolve returns d, reported by a on package id, with its positions
// resolved in fset.
func resolve(fset *token.FileSet, a *analysis.Analyzer, id string, d analysis.Diagnostic) *diag {
	out := &diag{
		analyzer: a,
		pkgID:    id,
		category: d.Category,
		url:      docURL(a, d),
		message:  d.Message,
		posn:     fset.Position(d.Pos),
		end:      fset.Position(cmp.Or(d.End, d.Pos)),
	}
	for _, r := range d.Related {
		out.related = append(out.related, related{fset.Position(r.Pos), fset.Position(cmp.Or(r.End, r.Pos)), r.Message})
	}
	for _, f := range d.SuggestedFixes {
		rf := fix{message: f.Message}
		for _, e := range f.TextEdits {
			rf.edits = append(rf.edits, textEdit{fset.Position(e.Pos), fset.Position(cmp.Or(e.End, e.Pos)), e.NewText})
		}
		out.fixes = append(out.fixes, rf)
	}
	return out
}

// resolveFindings resolves the findings of the checker.
func resolveFindings(findings []*finding) []*diag {
	out := make([]*diag, len(findings))
	for i, f := range findings {
		out[i] = resolve(f.pkg.Fset, f.analyzer, f.pkg.ID, f.diag)
	}
	return out
}

// printReport prints rep's errors and findings in the format the flags
// ask for, and returns the exit status of a report.
func (c *command) printReport(rep *report) int {
	hadErr := c.printErrors(&rep.problems)
	findings := rep.findings()
	switch c.opts.format {
	case "json":
		c.printJSON(rep)
	case "sarif":
		c.printSARIF(rep)
	default:
		c.printText(findings)
	}
	switch {
	case hadErr:
		return exitError
	case c.opts.format != "text":
		return exitOK
	case len(findings) > 0:
		return exitFindings
	}
	return exitOK
}

// printText prints findings to standard error, one line each as go vet
// does ("FILE:LINE:COL: MESSAGE"), then, for each check that reported, a
// line with the URL of its documentation.
func (c *command) printText(findings []*diag) {
	type doc struct{ check, url string }
	var docs []doc
	seen := make(map[doc]bool)
	for _, f := range findings {
		c.printPlain(f.posn, f.end, f.message)
		for _, rel := range f.related {
			c.printPlain(rel.posn, rel.end, "\t"+rel.message)
		}
		if d := (doc{f.analyzer.Name, f.url}); d.url != "" && !seen[d] {
			seen[d] = true
			docs = append(docs, d)
		}
	}
	// In the order of the suite, then of the URLs of one check.
	order := make(map[string]int)
	for i, a := range c.suite.Analyzers {
		order[a.Name] = i
	}
	slices.SortStableFunc(docs, func(x, y doc) int {
		return cmp.Or(cmp.Compare(order[x.check], order[y.check]), cmp.Compare(x.url, y.url))
	})
	for _, d := range docs {
		fmt.Fprintf(c.stderr, "docs: %s (%s)\n", d.url, d.check)
	}
}

// printPlain prints one line of a finding and, with -c=N, its source lines
// with N lines of context.
func (c *command) printPlain(posn, end token.Position, message string) {
	fmt.Fprintf(c.stderr, "%s: %s\n", posn, message)
	if n := c.opts.context; n >= 0 {
		data, _ := os.ReadFile(posn.Filename)
		lines := strings.Split(string(data), "\n")
		if !end.IsValid() {
			end = posn
		}
		for i := posn.Line - n; i <= end.Line+n; i++ {
			if 1 <= i && i <= len(lines) {
				fmt.Fprintf(c.stderr, "%d\t%s\n", i, lines[i-1])
			}
		}
	}
}

// The JSON output is that of x/tools' drivers (go vet -json and
// multichecker -json): an object mapping each package ID to an object
// mapping each analyzer name to its findings, or to {"error": MESSAGE}.
// Each finding also has its documentation's URL.
type (
	jsonDiagnostic struct {
		Category       string        `json:"category,omitempty"`
		Posn           string        `json:"posn"`
		End            string        `json:"end"`
		Message        string        `json:"message"`
		URL            string        `json:"url,omitempty"`
		SuggestedFixes []jsonFix     `json:"suggested_fixes,omitempty"`
		Related        []jsonRelated `json:"related,omitempty"`
	}
	jsonFix struct {
		Message string     `json:"message"`
		Edits   []jsonEdit `json:"edits"`
	}
	jsonEdit struct {
		Filename string `json:"filename"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		New      string `json:"new"`
	}
	jsonRelated struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	}
	jsonError struct {
		Err string `json:"error"`
	}
)

// printJSON prints the findings of rep as JSON to standard output.
func (c *command) printJSON(rep *report) {
	tree := make(map[string]map[string]any)
	add := func(id, name string, v any) {
		if tree[id] == nil {
			tree[id] = make(map[string]any)
		}
		tree[id][name] = v
	}
	for id, byName := range rep.jsonErrors {
		for name, msg := range byName {
			add(id, name, jsonError{msg})
		}
	}
	for _, d := range rep.diags {
		jd := jsonDiagnostic{
			Category: d.category,
			Posn:     d.posn.String(),
			End:      d.end.String(),
			Message:  d.message,
			URL:      d.url,
		}
		for _, f := range d.fixes {
			jf := jsonFix{Message: f.message, Edits: []jsonEdit{}}
			for _, e := range f.edits {
				jf.Edits = append(jf.Edits, jsonEdit{
					Filename: e.posn.Filename,
					Start:    e.posn.Offset,
					End:      e.end.Offset,
					New:      string(e.text),
				})
			}
			jd.SuggestedFixes = append(jd.SuggestedFixes, jf)
		}
		for _, r := range d.related {
			jd.Related = append(jd.Related, jsonRelated{Posn: r.posn.String(), End: r.end.String(), Message: r.message})
		}
		diags, _ := tree[d.pkgID][d.analyzer.Name].([]jsonDiagnostic)
		add(d.pkgID, d.analyzer.Name, append(diags, jd))
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		panic(err) // the tree holds only strings, numbers and slices
	}
	fmt.Fprintf(c.stdout, "%s\n", data)
}
