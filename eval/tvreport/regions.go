package main

// tvreport regions: retry-region recognition measured against hand-read
// ground truth (shared/corpus/retry-loops.md, eval/new-retry-loops.md).
//
//	tvreport regions -modules eval/modules.txt -truth FILE... -packages
//	tvreport regions -modules eval/modules.txt -truth FILE... -o PREFIX JSON...
//
// -packages prints the import paths of the packages holding a ground-truth
// location, for eval/regions.sh to run `transportvet -retry -retry.explain`
// on. Otherwise it reads that run's -json output and writes PREFIX.md and
// PREFIX.json: one row per ground-truth location with what -explain said
// there and a verdict (ok, MISS, FALSE REGION), then the totals.

import (
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// A truthEntry is one row of a ground-truth table.
type truthEntry struct {
	Source   string // base name of the ground-truth file
	ID       string // the "#" column, or R1, R2, ... (regions), N1, N2, ... (not)
	Module   string // as written: "gojek/heimdall", "gitlab"
	Loop     string // the loop cell as written
	Expected bool   // in a "Retry regions" table (true) or a "Not retry regions" one
	Locs     []loc
}

// A loc is a file of the module and a line (or a range of lines, from
// "gitlab.go:1186–1191"), as written in the loop cell.
type loc struct {
	File   string
	Lo, Hi int
}

// parseTruth reads the two kinds of tables of a ground-truth file, by the
// names of their columns, and the aliases its preamble gives to modules
// (`- gitlab.com/gitlab-org/api/client-go@v1.46.0 ("gitlab")`).
func parseTruth(source, text string) (entries []truthEntry, aliases map[string]string) {
	aliases = make(map[string]string)
	var (
		expected *bool // the kind of the current section; nil outside one
		header   []string
		n        = make(map[string]int)
	)
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		if m := aliasRE.FindStringSubmatch(line); m != nil {
			aliases[m[2]] = m[1]
		}
		if strings.HasPrefix(line, "#") {
			h := strings.ToLower(strings.TrimLeft(line, "# "))
			header = nil
			switch {
			case strings.HasPrefix(h, "not retry region"):
				expected = new(false)
			case strings.HasPrefix(h, "retry region"):
				expected = new(true)
			default:
				expected = nil
			}
			continue
		}
		if !strings.HasPrefix(line, "|") {
			header = nil
			continue
		}
		cells := splitRow(line)
		if header == nil {
			// A header row is followed by its |---| separator.
			if i+1 < len(lines) && strings.Trim(strings.TrimSpace(lines[i+1]), "|-: ") == "" {
				header = cells
				i++
			}
			continue
		}
		if expected == nil {
			continue
		}
		col := func(name string) string {
			for j, h := range header {
				h = strings.ToLower(h)
				if (h == name || strings.HasPrefix(h, name+" ")) && j < len(cells) {
					return cells[j]
				}
			}
			return ""
		}
		e := truthEntry{Source: source, ID: col("#"), Module: col("module"), Loop: col("loop"), Expected: *expected}
		if e.ID == "" {
			// Number the rows of each kind: R1, R2, ... and N1, N2, ...
			kind := "N"
			if e.Expected {
				kind = "R"
			}
			n[kind]++
			e.ID = kind + strconv.Itoa(n[kind])
		}
		e.Locs = parseLocs(e.Loop)
		if e.Module == "" || len(e.Locs) == 0 {
			continue // no file:line: nothing to look at
		}
		entries = append(entries, e)
	}
	return entries, aliases
}

var aliasRE = regexp.MustCompile(`^[-*]\s+([^\s@]+)@\S+\s+\("([^"]+)"\)`)

// splitRow splits a markdown table row into its trimmed cells; a '|' in a
// code span or escaped as \| does not split.
func splitRow(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	line = strings.TrimSuffix(line, "|")
	var cells []string
	var b strings.Builder
	code := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '\\' && i+1 < len(line) && line[i+1] == '|':
			b.WriteByte('|')
			i++
			continue
		case c == '`':
			code = !code
		case c == '|' && !code:
			cells = append(cells, strings.TrimSpace(b.String()))
			b.Reset()
			continue
		}
		b.WriteByte(c)
	}
	return append(cells, strings.TrimSpace(b.String()))
}

var (
	codeRE = regexp.MustCompile("`[^`]*`")
	// A location: "dir/file.go:12", "file.go:12–15", or ":97" (another
	// line of the last file named).
	locRE = regexp.MustCompile(`((?:[\w.\-]+/)*[\w.\-]+\.go)?:(\d+)(?:\s*[–-]\s*(\d+))?`)
)

// parseLocs extracts the locations a loop cell names. The cell's first
// sentence is the loop: code spans and parenthesized remarks (where the
// client is built, where the predicate is) are dropped, except a remark
// starting with "also", which names more locations; so is every sentence
// after the first ("It acts at every resty call, e.g. ...").
func parseLocs(cell string) []loc {
	s := codeRE.ReplaceAllString(cell, " ")
	var b strings.Builder
	depth, keep := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '(':
			if depth == 0 {
				keep = strings.HasPrefix(strings.TrimSpace(s[i+1:]), "also ")
			}
			depth++
			b.WriteByte(' ')
		case c == ')' && depth > 0:
			depth--
			b.WriteByte(' ')
		case depth == 0 || keep:
			b.WriteByte(c)
		}
	}
	s = b.String()
	if i := strings.Index(s, ". "); i >= 0 {
		s = s[:i]
	}
	var locs []loc
	file := ""
	for _, m := range locRE.FindAllStringSubmatch(s, -1) {
		if m[1] != "" {
			file = m[1]
		}
		if file == "" {
			continue
		}
		lo, _ := strconv.Atoi(m[2])
		hi := lo
		if m[3] != "" {
			hi, _ = strconv.Atoi(m[3])
		}
		locs = append(locs, loc{file, lo, max(lo, hi)})
	}
	return locs
}

// matchModule finds the corpus module a ground-truth module name stands
// for: an alias of the preamble, or the module whose path, without a /vN
// major suffix, ends with the name (also without one).
func matchModule(mods []module, aliases map[string]string, name string) (module, bool) {
	if full, ok := aliases[name]; ok {
		name = full
	}
	short := stripMajor(name)
	var best module
	found := false
	for _, m := range mods {
		p := stripMajor(m.path)
		if strings.EqualFold(p, short) || strings.HasSuffix(strings.ToLower(p), "/"+strings.ToLower(short)) {
			// The shortest match is the closest one.
			if !found || len(m.path) < len(best.path) {
				best, found = m, true
			}
		}
	}
	return best, found
}

var majorRE = regexp.MustCompile(`/v\d+$`)

func stripMajor(p string) string { return majorRE.ReplaceAllString(p, "") }

// A regionRow is one ground-truth location and what -explain said there.
type regionRow struct {
	Source   string `json:"source"`
	ID       string `json:"id"`
	Module   string `json:"module"`  // module@version, or as written when not in the corpus
	Package  string `json:"package"` // "" when the module is not in the corpus
	Posn     string `json:"posn"`    // file:line or file:lo-hi, relative to the module root
	Expected string `json:"expected"`
	Said     string `json:"said"`    // the -explain messages at that location, or why there are none
	SaidPosn string `json:"said_at"` // file:line:col of those messages
	Verdict  string `json:"verdict"` // ok, MISS, FALSE REGION, or n/a
}

const (
	verdictOK          = "ok"
	verdictMiss        = "MISS"
	verdictFalseRegion = "FALSE REGION"
	verdictNA          = "n/a"
)

// resolve finds a location's file in the module: as written, or relative
// to a directory of the previous location of the same cell
// ("examples/a/async/main.go:72, video/main.go:75").
func resolve(exists func(m module, file string) bool, m module, file, prev string) (string, bool) {
	if exists == nil || exists(m, file) {
		return file, true
	}
	for d := path.Dir(prev); prev != "" && d != "."; d = path.Dir(d) {
		if f := path.Join(d, file); exists(m, f) {
			return f, true
		}
	}
	return file, false
}

// A target is a ground-truth location resolved to a corpus package.
type target struct {
	entry  truthEntry
	mod    module
	loc    loc
	pkg    string
	inMod  bool // the module is in the corpus
	exists bool // the file was found in it
}

func targets(mods []module, truths []string, exists func(module, string) bool) []target {
	var ts []target
	for _, file := range truths {
		data, err := os.ReadFile(file)
		check(err)
		entries, aliases := parseTruth(filepath.Base(file), string(data))
		for _, e := range entries {
			m, ok := matchModule(mods, aliases, e.Module)
			prev := ""
			for _, l := range e.Locs {
				t := target{entry: e, mod: m, loc: l, inMod: ok}
				if ok {
					l.File, t.exists = resolve(exists, m, l.File, prev)
					t.loc = l
					prev = l.File
					t.pkg = m.path
					if d := path.Dir(l.File); d != "." {
						t.pkg += "/" + d
					}
				}
				ts = append(ts, t)
			}
		}
	}
	return ts
}

// A diagnostic of the retry analyzer, relative to its module.
type retryDiag struct {
	line, col int
	msg       string
}

// explained collects the retry analyzer's diagnostics of a -json tree by
// module path and file (relative to the module root), the packages with a
// result, and those the analyzer could not analyze. The -json output has
// no entry for a package without diagnostics, so which packages were run
// comes from the caller (ran; nil: all of them).
type explained struct {
	diags    map[string][]retryDiag // "module path\x00file"
	analyzed map[string]bool        // package path
	errs     map[string]string      // package path -> error
	ran      map[string]bool        // package path
}

func readExplained(mods []module, files []string) explained {
	ex := explained{diags: make(map[string][]retryDiag), analyzed: make(map[string]bool), errs: make(map[string]string)}
	seen := make(map[string]bool)
	for _, file := range files {
		tree, err := readTree(file)
		check(err)
		ex.add(mods, tree, seen)
	}
	return ex
}

func (ex explained) add(mods []module, tree map[string]map[string]json.RawMessage, seen map[string]bool) {
	for id, byAnalyzer := range tree {
		v, ok := byAnalyzer["retry"]
		if !ok {
			continue
		}
		pkg := pkgPath(id)
		if msg, isErr := isError(v); isErr {
			ex.errs[pkg] = msg
			continue
		}
		ex.analyzed[pkg] = true
		m, ok := moduleOf(mods, pkg)
		if !ok {
			continue
		}
		var diags []jsonDiag
		check(json.Unmarshal(v, &diags))
		prefix := m.path + "@" + m.version + "/"
		// Positions quoted in a message, shortened as the diagnostic's own.
		inMsg := regexp.MustCompile(`\S*/` + regexp.QuoteMeta(escapePath(m.path)+"@"+m.version+"/"))
		for _, d := range diags {
			d.Message = inMsg.ReplaceAllString(d.Message, "")
			rel, ok := strings.CutPrefix(relPosn(d.Posn, m), prefix)
			if !ok {
				continue
			}
			p := posnRE.FindStringSubmatch(rel)
			if p == nil {
				continue
			}
			line, _ := strconv.Atoi(p[2])
			col, _ := strconv.Atoi(p[3])
			key := m.path + "\x00" + p[1]
			// A file of a package and of its test variant is analyzed twice.
			if k := key + "\x00" + rel + "\x00" + d.Message; !seen[k] {
				seen[k] = true
				ex.diags[key] = append(ex.diags[key], retryDiag{line, col, d.Message})
			}
		}
	}
}

// slack is how far from the written line a diagnostic may be: a loop is
// reported at its label or for keyword, which may sit a line or two from
// the line a reader noted.
const slack = 2

// judge fills in what -explain said at a target and the verdict.
func judge(t target, ex explained) regionRow {
	r := regionRow{Source: t.entry.Source, ID: t.entry.ID, Module: t.entry.Module, Posn: fmt.Sprintf("%s:%d", t.loc.File, t.loc.Lo),
		Expected: "not a region", Verdict: verdictNA}
	if t.loc.Hi > t.loc.Lo {
		r.Posn += fmt.Sprintf("–%d", t.loc.Hi)
	}
	if t.entry.Expected {
		r.Expected = "region"
	}
	if !t.inMod {
		r.Said = "module not in corpus"
		return r
	}
	r.Module, r.Package = t.mod.path+"@"+t.mod.version, t.pkg
	switch {
	case !t.exists:
		r.Said = "file not found in the module"
		return r
	case ex.ran != nil && !ex.ran[t.pkg]:
		r.Said = "package not in the run"
		return r
	case ex.errs[t.pkg] != "" && !ex.analyzed[t.pkg]:
		r.Said = "package not analyzed: " + ex.errs[t.pkg]
		return r
	}
	// The diagnostics nearest to the location, within the slack.
	best := slack + 1
	var near []retryDiag
	for _, d := range ex.diags[t.mod.path+"\x00"+t.loc.File] {
		dist := max(t.loc.Lo-d.line, d.line-t.loc.Hi, 0)
		switch {
		case dist > slack:
		case dist < best:
			best, near = dist, []retryDiag{d}
		case dist == best:
			near = append(near, d)
		}
	}
	slices.SortFunc(near, func(a, b retryDiag) int { return cmp.Or(cmp.Compare(a.line, b.line), cmp.Compare(a.col, b.col)) })
	region := false
	var said, at []string
	for _, d := range near {
		region = region || strings.HasPrefix(d.msg, "retry region")
		said = append(said, d.msg)
		at = append(at, fmt.Sprintf("%s:%d:%d", t.loc.File, d.line, d.col))
	}
	r.Said, r.SaidPosn = strings.Join(said, " / "), strings.Join(at, ", ")
	if len(near) == 0 {
		r.Said = "(nothing)"
	}
	switch {
	case t.entry.Expected && region, !t.entry.Expected && !region:
		r.Verdict = verdictOK
	case t.entry.Expected:
		r.Verdict = verdictMiss
	default:
		r.Verdict = verdictFalseRegion
	}
	return r
}

// regionTotals is the totals line of the report.
func regionTotals(rows []regionRow) string {
	var ok, n, silent, p, na int
	for _, r := range rows {
		switch {
		case r.Verdict == verdictNA:
			na++
		case r.Expected == "region":
			n++
			if r.Verdict == verdictOK {
				ok++
			}
		default:
			p++
			if r.Verdict == verdictOK {
				silent++
			}
		}
	}
	s := fmt.Sprintf("recognized %d of %d regions; non-regions kept silent %d of %d", ok, n, silent, p)
	if na > 0 {
		s += fmt.Sprintf("; %d locations not evaluated (n/a)", na)
	}
	return s
}

func regionsCmd(args []string) {
	fs := flag.NewFlagSet("regions", flag.ExitOnError)
	modulesFile := fs.String("modules", "", "module@version list")
	var truths stringList
	fs.Var(&truths, "truth", "a ground-truth markdown file (repeatable)")
	out := fs.String("o", "", "output prefix: writes PREFIX.md and PREFIX.json")
	title := fs.String("title", "retry-region recognition against hand-read ground truth", "title of the markdown report")
	modcache := fs.String("modcache", "", "the module cache, to find the files the ground truth names (default: go env GOMODCACHE)")
	listPkgs := fs.Bool("packages", false, "print the packages to run the analyzer on, and stop")
	ranFile := fs.String("ran", "", "the packages the analyzer was run on, one a line (default: all the ground truth's)")
	fs.Parse(args)
	if *modulesFile == "" || len(truths) == 0 || (*out == "") == !*listPkgs {
		usage()
	}
	mods, err := readModules(*modulesFile)
	check(err)
	if *modcache == "" {
		*modcache = os.Getenv("GOMODCACHE")
	}
	if *modcache == "" {
		o, err := exec.Command("go", "env", "GOMODCACHE").Output()
		check(err)
		*modcache = strings.TrimSpace(string(o))
	}
	exists := func(m module, file string) bool {
		_, err := os.Stat(filepath.Join(*modcache, escapePath(m.path)+"@"+m.version, filepath.FromSlash(file)))
		return err == nil
	}
	ts := targets(mods, truths, exists)

	if *listPkgs {
		var pkgs []string
		for _, t := range ts {
			if t.inMod && t.exists && !slices.Contains(pkgs, t.pkg) {
				pkgs = append(pkgs, t.pkg)
			}
		}
		for _, p := range pkgs {
			fmt.Println(p)
		}
		return
	}

	ex := readExplained(mods, fs.Args())
	if *ranFile != "" {
		data, err := os.ReadFile(*ranFile)
		check(err)
		ex.ran = make(map[string]bool)
		for _, p := range strings.Fields(string(data)) {
			ex.ran[p] = true
		}
	}
	rows := make([]regionRow, 0, len(ts))
	for _, t := range ts {
		rows = append(rows, judge(t, ex))
	}
	totals := regionTotals(rows)

	data, err := json.MarshalIndent(struct {
		Totals string      `json:"totals"`
		Rows   []regionRow `json:"rows"`
	}{totals, rows}, "", "\t")
	check(err)
	check(os.WriteFile(*out+".json", append(data, '\n'), 0o644))

	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", *title)
	fmt.Fprintf(&b, "Ground truth: %s. One row per location a ground-truth entry names; what `-retry.explain` said is the `retry` diagnostic at that line, or the nearest within %d lines.\n\n", strings.Join(truthNames(truths), ", "), slack)
	fmt.Fprintf(&b, "**%s.**\n\n", totals)
	b.WriteString("| source | # | module | position | expected | -explain said | verdict |\n| --- | --- | --- | --- | --- | --- | --- |\n")
	for _, r := range rows {
		said := r.Said
		if r.SaidPosn != "" {
			said += " (at " + lineCols(r.SaidPosn) + ")"
		}
		verdict := r.Verdict
		if verdict == verdictMiss || verdict == verdictFalseRegion {
			verdict = "**" + verdict + "**"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", r.Source, r.ID, mdCell(r.Module), mdCell(r.Posn), r.Expected, mdCell(said), verdict)
	}
	check(os.WriteFile(*out+".md", []byte(b.String()), 0o644))
	fmt.Printf("%s -> %s.md, %s.json\n", totals, *out, *out)
}

// lineCols shortens "f.go:12:3, f.go:13:2" to ":12:3, :13:2".
func lineCols(posns string) string {
	var s []string
	for p := range strings.SplitSeq(posns, ", ") {
		if m := posnRE.FindStringSubmatch(p); m != nil {
			p = ":" + m[2] + ":" + m[3]
		}
		s = append(s, p)
	}
	return strings.Join(s, ", ")
}

func truthNames(files []string) []string {
	var s []string
	for _, f := range files {
		s = append(s, "`"+filepath.Base(f)+"`")
	}
	return s
}

func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}
