package driver

import (
	"cmp"
	"encoding/json"
	"fmt"
	"go/token"
	"os"
	"slices"
	"strings"
)

// printText prints findings to standard error, one line each as go vet
// does ("FILE:LINE:COL: MESSAGE"), then, for each check that reported, a
// line with the URL of its documentation.
func (c *command) printText(findings []*finding) {
	type doc struct{ check, url string }
	var docs []doc
	seen := make(map[doc]bool)
	for _, f := range findings {
		c.printPlain(f.posn, f.end, f.diag.Message)
		for _, rel := range f.diag.Related {
			fset := f.pkg.Fset
			c.printPlain(fset.Position(rel.Pos), fset.Position(cmp.Or(rel.End, rel.Pos)), "\t"+rel.Message)
		}
		if d := (doc{f.analyzer.Name, docURL(f.analyzer, f.diag)}); d.url != "" && !seen[d] {
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

// printJSON prints the findings of res as JSON to standard output. It
// gives the error of each analyzer that failed, and for the checks on a
// package that does not type-check, that they were skipped; unlike x/tools'
// drivers, not "failed prerequisites" for every analyzer that depends on
// another.
func (c *command) printJSON(res *outcome) {
	tree := make(map[string]map[string]any)
	add := func(id, name string, v any) {
		if tree[id] == nil {
			tree[id] = make(map[string]any)
		}
		tree[id][name] = v
	}
	for act := range res.graph.All() {
		fset := act.Package.Fset
		if act.Err != nil {
			msg := act.Err.Error()
			switch {
			case act.IsRoot && act.Package.IllTyped:
				add(act.Package.ID, act.Analyzer.Name, jsonError{skippedMsg})
			case msg == skippedMsg || strings.HasPrefix(msg, failedPrereq) && !act.IsRoot:
			default:
				add(act.Package.ID, act.Analyzer.Name, jsonError{msg})
			}
			continue
		}
		if !act.IsRoot || len(act.Diagnostics) == 0 {
			continue
		}
		var diags []jsonDiagnostic
		for _, d := range act.Diagnostics {
			jd := jsonDiagnostic{
				Category: d.Category,
				Posn:     fset.Position(d.Pos).String(),
				End:      fset.Position(cmp.Or(d.End, d.Pos)).String(),
				Message:  d.Message,
				URL:      docURL(act.Analyzer, d),
			}
			for _, fix := range d.SuggestedFixes {
				jf := jsonFix{Message: fix.Message, Edits: []jsonEdit{}}
				for _, e := range fix.TextEdits {
					jf.Edits = append(jf.Edits, jsonEdit{
						Filename: fset.Position(e.Pos).Filename,
						Start:    fset.Position(e.Pos).Offset,
						End:      fset.Position(cmp.Or(e.End, e.Pos)).Offset,
						New:      string(e.NewText),
					})
				}
				jd.SuggestedFixes = append(jd.SuggestedFixes, jf)
			}
			for _, r := range d.Related {
				jd.Related = append(jd.Related, jsonRelated{
					Posn:    fset.Position(r.Pos).String(),
					End:     fset.Position(cmp.Or(r.End, r.Pos)).String(),
					Message: r.Message,
				})
			}
			diags = append(diags, jd)
		}
		add(act.Package.ID, act.Analyzer.Name, diags)
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		panic(err) // the tree holds only strings, numbers and slices
	}
	fmt.Fprintf(c.stdout, "%s\n", data)
}
