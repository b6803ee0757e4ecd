// Command tvreport reads the -json output of transportvet (or of any
// go/analysis multichecker) for eval/: it turns runs over the corpus into a
// findings report, and it separates analyzer failures from errors of the
// code being analyzed.
//
//	tvreport findings -modules eval/modules.txt -o eval/results/findings run1.json run2.json ...
//	tvreport errors [-stderr run.stderr]... run.json ...
//	go mod edit -json | tvreport localreplaces
//	tvreport triage -findings eval/results/findings.json -rules eval/triage.tsv
//	tvreport regions -modules eval/modules.txt -truth FILE... -o eval/results/regions run.json
//	tvreport testdiff [-counts FILE] before.json after.json
//	tvreport samejson A.json B.json [A2.json B2.json ...]
//
// findings writes PREFIX.json (one record per finding) and PREFIX.md (counts
// per analyzer and per module, then every finding). errors prints every
// analyzer error and panic and exits 1 if there is one; errors caused by the
// analyzed code itself (type errors: "analysis skipped due to errors in
// package") are counted apart and do not fail. localreplaces prints the
// module paths that a go.mod replaces with a directory, for eval/fix.sh to
// drop. triage joins the findings with the verdicts of eval/triage.tsv
// and prints the triage table, the precision, and any finding no rule
// covers. regions matches the -retry.explain diagnostics of a run with
// hand-read ground truth on retry loops (see regions.go). testdiff compares
// two `go test -json` runs, before and after -fix, and lists the tests that
// passed before and not after (see tests.go).
package main

import (
	"bufio"
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	switch os.Args[1] {
	case "findings":
		findingsCmd(os.Args[2:])
	case "errors":
		errorsCmd(os.Args[2:])
	case "localreplaces":
		localReplacesCmd()
	case "triage":
		triageCmd(os.Args[2:])
	case "regions":
		regionsCmd(os.Args[2:])
	case "testdiff":
		testDiffCmd(os.Args[2:])
	case "samejson":
		sameJSONCmd(os.Args[2:])
	default:
		usage()
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: tvreport findings -modules FILE -o PREFIX JSON...\n       tvreport errors [-stderr FILE]... JSON...\n       go mod edit -json | tvreport localreplaces\n       tvreport regions -modules FILE -truth FILE... (-packages | -o PREFIX JSON...)\n       tvreport testdiff [-counts FILE] BEFORE.json AFTER.json\n       tvreport samejson A.json B.json [A2.json B2.json ...]")
	os.Exit(2)
}

// A diagnostic as printed by the standard drivers' -json flag.
type jsonDiag struct {
	Posn           string            `json:"posn"`
	Message        string            `json:"message"`
	SuggestedFixes []json.RawMessage `json:"suggested_fixes"`
}

// A Finding is one diagnostic of the corpus run.
type Finding struct {
	Analyzer string `json:"analyzer"`
	Module   string `json:"module"` // module@version
	Package  string `json:"package"`
	Posn     string `json:"posn"` // module@version/file.go:line:col
	Message  string `json:"message"`
	Fixes    int    `json:"fixes"`
}

// readTree parses one -json output: package ID -> analyzer -> diagnostics
// or {"error": msg}. An empty file (a run that died before printing) is an
// empty tree.
func readTree(file string) (map[string]map[string]json.RawMessage, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	tree := make(map[string]map[string]json.RawMessage)
	if len(strings.TrimSpace(string(data))) == 0 {
		return tree, nil
	}
	// The driver prints one JSON object; tolerate several (one per run).
	dec := json.NewDecoder(strings.NewReader(string(data)))
	for {
		var t map[string]map[string]json.RawMessage
		if err := dec.Decode(&t); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("%s: %v", file, err)
		}
		for id, m := range t {
			if tree[id] == nil {
				tree[id] = make(map[string]json.RawMessage)
			}
			for a, v := range m {
				tree[id][a] = v
			}
		}
	}
	return tree, nil
}

func isError(v json.RawMessage) (string, bool) {
	var e struct {
		Error *string `json:"error"`
	}
	if json.Unmarshal(v, &e) == nil && e.Error != nil {
		return *e.Error, true
	}
	return "", false
}

type module struct{ path, version string }

func readModules(file string) ([]module, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var mods []module
	for line := range strings.Lines(string(data)) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p, v, _ := strings.Cut(line, "@")
		mods = append(mods, module{p, v})
	}
	return mods, nil
}

// pkgPath turns a package ID ("p", "p [p.test]", "p_test [p.test]",
// "p.test") into the import path of the package under test.
func pkgPath(id string) string {
	id, _, _ = strings.Cut(id, " ")
	id = strings.TrimSuffix(id, ".test")
	return strings.TrimSuffix(id, "_test")
}

// moduleOf returns the module whose path is the longest prefix of pkg.
func moduleOf(mods []module, pkg string) (module, bool) {
	var best module
	found := false
	for _, m := range mods {
		if (pkg == m.path || strings.HasPrefix(pkg, m.path+"/")) && len(m.path) > len(best.path) {
			best, found = m, true
		}
	}
	return best, found
}

// relPosn shortens an absolute position in the module cache, or in a copy
// of it, to module@version/file:line:col.
func relPosn(posn string, m module) string {
	esc := escapePath(m.path) + "@" + m.version + "/"
	if i := strings.Index(posn, esc); i >= 0 {
		return m.path + "@" + m.version + "/" + posn[i+len(esc):]
	}
	return posn
}

// escapePath is the module cache's case encoding: each upper-case letter
// becomes '!' and its lower-case form.
func escapePath(p string) string {
	var b strings.Builder
	for _, r := range p {
		if 'A' <= r && r <= 'Z' {
			b.WriteByte('!')
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func findingsCmd(args []string) {
	fs := flag.NewFlagSet("findings", flag.ExitOnError)
	modulesFile := fs.String("modules", "", "module@version list")
	out := fs.String("o", "", "output prefix: writes PREFIX.json and PREFIX.md")
	title := fs.String("title", "transportvet corpus findings", "title of the markdown report")
	fs.Parse(args)
	if *modulesFile == "" || *out == "" {
		usage()
	}
	mods, err := readModules(*modulesFile)
	check(err)

	var all []Finding
	errs := 0
	seen := make(map[Finding]bool)
	for _, file := range fs.Args() {
		tree, err := readTree(file)
		check(err)
		for id, byAnalyzer := range tree {
			pkg := pkgPath(id)
			m, ok := moduleOf(mods, pkg)
			for name, v := range byAnalyzer {
				if _, isErr := isError(v); isErr {
					errs++
					continue
				}
				if !ok {
					continue // a dependency outside the corpus
				}
				var diags []jsonDiag
				check(json.Unmarshal(v, &diags))
				for _, d := range diags {
					f := Finding{
						Analyzer: name,
						Module:   m.path + "@" + m.version,
						Package:  pkg,
						Posn:     relPosn(d.Posn, m),
						Message:  d.Message,
						Fixes:    len(d.SuggestedFixes),
					}
					// A file of a package and of its test variant is
					// analyzed twice: count its findings once.
					if !seen[f] {
						seen[f] = true
						all = append(all, f)
					}
				}
			}
		}
	}
	slices.SortFunc(all, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Module, b.Module), comparePosn(a.Posn, b.Posn),
			cmp.Compare(a.Analyzer, b.Analyzer), cmp.Compare(a.Message, b.Message))
	})
	if all == nil {
		all = []Finding{}
	}

	data, err := json.MarshalIndent(all, "", "\t")
	check(err)
	check(os.WriteFile(*out+".json", append(data, '\n'), 0o644))

	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", *title)
	fmt.Fprintf(&b, "%d findings (%d with a suggested fix) in %d modules; %d analyzer results were errors (see the errors report).\n\n",
		len(all), countIf(all, func(f Finding) bool { return f.Fixes > 0 }), len(mods), errs)
	b.WriteString("## Per analyzer\n\n| analyzer | findings | with a fix |\n| --- | ---: | ---: |\n")
	for _, k := range keys(all, func(f Finding) string { return f.Analyzer }) {
		fmt.Fprintf(&b, "| %s | %d | %d |\n", k,
			countIf(all, func(f Finding) bool { return f.Analyzer == k }),
			countIf(all, func(f Finding) bool { return f.Analyzer == k && f.Fixes > 0 }))
	}
	b.WriteString("\n## Per module\n\n| module | findings |\n| --- | ---: |\n")
	for _, m := range mods {
		k := m.path + "@" + m.version
		fmt.Fprintf(&b, "| %s | %d |\n", k, countIf(all, func(f Finding) bool { return f.Module == k }))
	}
	b.WriteString("\n## Findings\n\n| # | analyzer | position | message | fix |\n| ---: | --- | --- | --- | --- |\n")
	for i, f := range all {
		fix := ""
		if f.Fixes > 0 {
			fix = "yes"
		}
		fmt.Fprintf(&b, "| %d | %s | %s | %s | %s |\n", i+1, f.Analyzer, f.Posn, strings.ReplaceAll(f.Message, "|", `\|`), fix)
	}
	check(os.WriteFile(*out+".md", []byte(b.String()), 0o644))
	fmt.Printf("%d findings (%d analyzer errors) -> %s.json, %s.md\n", len(all), errs, *out, *out)
}

var posnRE = regexp.MustCompile(`^(.*):(\d+):(\d+)$`)

func comparePosn(a, b string) int {
	ma, mb := posnRE.FindStringSubmatch(a), posnRE.FindStringSubmatch(b)
	if ma == nil || mb == nil {
		return cmp.Compare(a, b)
	}
	return cmp.Or(cmp.Compare(ma[1], mb[1]), cmp.Compare(len(ma[2]), len(mb[2])), cmp.Compare(ma[2], mb[2]),
		cmp.Compare(len(ma[3]), len(mb[3])), cmp.Compare(ma[3], mb[3]))
}

func countIf(fs []Finding, pred func(Finding) bool) int {
	n := 0
	for _, f := range fs {
		if pred(f) {
			n++
		}
	}
	return n
}

func keys(fs []Finding, key func(Finding) string) []string {
	var ks []string
	for _, f := range fs {
		if !slices.Contains(ks, key(f)) {
			ks = append(ks, key(f))
		}
	}
	slices.Sort(ks)
	return ks
}

// The message of an action skipped because its package does not
// type-check: an error of the analyzed code, not of the analyzer.
const skipped = "analysis skipped due to errors in package"

// stringList collects a repeated flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func errorsCmd(args []string) {
	fs := flag.NewFlagSet("errors", flag.ExitOnError)
	var stderrs stringList
	fs.Var(&stderrs, "stderr", "a driver's standard error, searched for panics (repeatable)")
	fs.Parse(args)

	failed := false
	for _, file := range stderrs {
		if crash := panicText(file); crash != "" {
			failed = true
			fmt.Printf("CRASH in %s:\n%s\n", file, crash)
		}
	}

	var analyzerErrs, codeErrs, derived int
	for _, file := range fs.Args() {
		tree, err := readTree(file)
		check(err)
		c := classify(tree)
		for _, msg := range c.analyzerErrs {
			fmt.Printf("ANALYZER ERROR %s (%s)\n", msg, filepath.Base(file))
		}
		analyzerErrs += len(c.analyzerErrs)
		codeErrs += c.codeErrs
		derived += c.derived
	}
	if analyzerErrs > 0 {
		failed = true
	}
	fmt.Printf("analyzer errors: %d; actions skipped because the analyzed package has type errors: %d; actions failed because a prerequisite failed: %d\n",
		analyzerErrs, codeErrs, derived)
	if failed {
		fmt.Println("FAIL: an analyzer crashed or returned an error")
		os.Exit(1)
	}
	fmt.Println("ok: no panic, no analyzer error")
}

// errorCounts is what classify finds in one -json tree.
type errorCounts struct {
	analyzerErrs []string // "ANALYZER on PKG: msg", sorted
	codeErrs     int      // actions skipped: the package does not type-check
	derived      int      // actions failed because a prerequisite failed
}

// classify separates the errors in a -json tree: those of the analyzed
// code, those that only follow from another failure, and the analyzers'
// own.
func classify(tree map[string]map[string]json.RawMessage) errorCounts {
	var c errorCounts
	for id, byAnalyzer := range tree {
		for name, v := range byAnalyzer {
			msg, ok := isError(v)
			switch {
			case !ok:
			case msg == skipped:
				c.codeErrs++
			case strings.HasPrefix(msg, "failed prerequisites"):
				c.derived++ // reported at the prerequisite itself
			default:
				c.analyzerErrs = append(c.analyzerErrs, fmt.Sprintf("%s on %s: %s", name, id, msg))
			}
		}
	}
	slices.Sort(c.analyzerErrs)
	return c
}

// panicText returns the panic message and stack trace in a driver's
// standard error, or "".
func panicText(file string) string {
	f, err := os.Open(file)
	check(err)
	defer f.Close()
	var b strings.Builder
	in := false
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if !in && (strings.HasPrefix(line, "panic: ") || strings.HasPrefix(line, "fatal error: ") ||
			strings.Contains(line, "internal error")) {
			in = true
		}
		if in {
			b.WriteString(line + "\n")
			if b.Len() > 16<<10 {
				b.WriteString("...\n")
				break
			}
		}
	}
	return b.String()
}

func localReplacesCmd() {
	var mod struct {
		Replace []struct {
			Old struct{ Path string }
			New struct{ Path, Version string }
		}
	}
	check(json.NewDecoder(os.Stdin).Decode(&mod))
	for _, r := range mod.Replace {
		if r.New.Version == "" {
			fmt.Println(r.Old.Path)
		}
	}
}

type rule struct{ analyzer, pattern, verdict, reason string }

func triageCmd(args []string) {
	fs := flag.NewFlagSet("triage", flag.ExitOnError)
	findingsFile := fs.String("findings", "", "findings.json written by tvreport findings")
	rulesFile := fs.String("rules", "", "triage rules: analyzer, position pattern, verdict, reason (tab-separated)")
	fs.Parse(args)
	data, err := os.ReadFile(*findingsFile)
	check(err)
	var all []Finding
	check(json.Unmarshal(data, &all))
	data, err = os.ReadFile(*rulesFile)
	check(err)
	var rules []rule
	for line := range strings.Lines(string(data)) {
		line = strings.TrimRight(line, "\n")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.SplitN(line, "\t", 4)
		if len(f) != 4 {
			check(fmt.Errorf("%s: bad rule %q", *rulesFile, line))
		}
		rules = append(rules, rule{f[0], f[1], f[2], f[3]})
	}
	counts := make(map[string]int)
	perAnalyzer := make(map[string]map[string]int)
	var untriaged []Finding
	fmt.Println("| # | analyzer | position | verdict | reason |")
	fmt.Println("| ---: | --- | --- | --- | --- |")
	for i, f := range all {
		// Match on module@version/file:line, without the column.
		pos := f.Posn
		if m := posnRE.FindStringSubmatch(pos); m != nil {
			pos = m[1] + ":" + m[2]
		}
		var r *rule
		for j := range rules {
			if rules[j].analyzer != f.Analyzer {
				continue
			}
			if ok, _ := filepath.Match(rules[j].pattern, pos); ok {
				r = &rules[j]
				break
			}
		}
		if r == nil {
			untriaged = append(untriaged, f)
			counts["untriaged"]++
			fmt.Printf("| %d | %s | %s | **untriaged** | |\n", i+1, f.Analyzer, f.Posn)
			continue
		}
		counts[r.verdict]++
		if perAnalyzer[f.Analyzer] == nil {
			perAnalyzer[f.Analyzer] = make(map[string]int)
		}
		perAnalyzer[f.Analyzer][r.verdict]++
		perAnalyzer[f.Analyzer]["all"]++
		fmt.Printf("| %d | %s | %s | %s | %s |\n", i+1, f.Analyzer, f.Posn, r.verdict, r.reason)
	}
	fmt.Println()
	tp, fp, unsure := counts["TP"], counts["FP"], counts["unsure"]
	fmt.Printf("%d findings: %d TP, %d FP, %d unsure, %d untriaged; precision TP/(TP+FP) = %.1f%% (%.1f%% counting unsure as FP)\n",
		len(all), tp, fp, unsure, counts["untriaged"],
		100*float64(tp)/float64(max(tp+fp, 1)), 100*float64(tp)/float64(max(tp+fp+unsure, 1)))
	fmt.Println()
	fmt.Println("| analyzer | findings | TP | FP | unsure | precision TP/(TP+FP) |")
	fmt.Println("| --- | ---: | ---: | ---: | ---: | ---: |")
	for _, a := range keys(all, func(f Finding) string { return f.Analyzer }) {
		n, t, p, u := perAnalyzer[a]["all"], perAnalyzer[a]["TP"], perAnalyzer[a]["FP"], perAnalyzer[a]["unsure"]
		fmt.Printf("| %s | %d | %d | %d | %d | %.0f%% |\n", a, n, t, p, u, 100*float64(t)/float64(max(t+p, 1)))
	}
	for _, f := range untriaged {
		fmt.Fprintf(os.Stderr, "untriaged: %s %s %s\n", f.Analyzer, f.Posn, f.Message)
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "tvreport:", err)
		os.Exit(1)
	}
}
