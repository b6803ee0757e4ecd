package driver

import (
	"bytes"
	"cmp"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
)

// maxRounds bounds the rounds of -fix: each round applies every fix that
// merges with the others, then analyzes the fixed code again, so that the
// fixes that overlapped with those applied are suggested anew.
const maxRounds = 10

// runFix applies the suggested fixes (-fix), or prints them as a diff
// (-diff), in as many rounds as it takes, then reports what remains.
//
// With -fix, the files are written after each round and the findings that
// remain are those of a last analysis of the fixed code, printed as without
// -fix; the exit status is 3 if any remain. With -diff, nothing is written:
// each round analyzes the code as the earlier rounds left it in memory
// (packages.Config.Overlay), the diff from the files on disk to the last
// round's code goes to standard output, and the findings whose fix is not
// in it to standard error; the exit status is 3 if there was any finding.
func (c *command) runFix(patterns []string) int {
	overlay := make(map[string][]byte) // -diff: the fixed code so far
	original := make(map[string][]byte)
	var first, last *outcome
	applied, rounds := 0, 0
	changed := make(map[string]bool)
	var skipped map[string]int
	for {
		var ov map[string][]byte
		if c.opts.diff && len(overlay) > 0 {
			ov = overlay
		}
		res, err := c.analyze(patterns, ov)
		if err != nil {
			c.log.Print(err)
			return exitError
		}
		if first == nil {
			first = res
		}
		last = res
		if rounds > 0 && !hasErrors(first) && hasErrors(res) {
			c.printErrors(&res.problems)
			c.log.Printf("the fixes applied so far (%s to %s) leave the errors above: please report it, with the code, at %s/issues",
				plural(applied, "fix", "fixes"), plural(len(changed), "file", "files"), strings.TrimSuffix(c.suite.URL, "/"))
			return exitError
		}
		if rounds == maxRounds {
			break
		}
		var n int
		n, skipped, err = c.applyRound(res, overlay, original, changed)
		if err != nil {
			c.log.Print(err)
			return exitError
		}
		if n == 0 {
			break
		}
		applied += n
		rounds++
		if c.opts.dbg('v') {
			c.log.Printf("round %d: applied %s", rounds, plural(n, "fix", "fixes"))
		}
	}
	pending := 0
	for _, f := range last.findings {
		if len(f.diag.SuggestedFixes) > 0 {
			pending++
		}
	}

	if c.opts.diff {
		return c.finishDiff(first, original, overlay, skipped)
	}

	// -fix: what remains is what the last analysis found on disk.
	hadErr := c.printErrors(&last.problems)
	switch c.opts.format {
	case "json":
		c.printJSON(last.report())
	case "sarif":
		c.printSARIF(last.report())
	default:
		c.printText(resolveFindings(last.findings))
	}
	if applied > 0 {
		c.log.Printf("applied %s to %s%s", plural(applied, "fix", "fixes"), plural(len(changed), "file", "files"), inRounds(rounds))
	}
	c.printSkipped(skipped)
	if rounds == maxRounds && pending > 0 {
		c.log.Printf("stopped after %d rounds of fixes with %s still to apply: run %s -fix again", maxRounds, plural(pending, "fix", "fixes"), c.suite.Name)
	}
	switch {
	case hadErr:
		return exitError
	case c.opts.format != "text":
		return exitOK
	case len(last.findings) > 0:
		return exitFindings
	}
	return exitOK
}

// finishDiff prints the diff of -diff and the findings it leaves.
func (c *command) finishDiff(first *outcome, original, overlay map[string][]byte, skipped map[string]int) int {
	hadErr := c.printErrors(&first.problems)
	files := make([]string, 0, len(overlay))
	for f := range overlay {
		files = append(files, f)
	}
	slices.Sort(files)
	wd, _ := os.Getwd()
	for _, f := range files {
		name := f
		if rel, err := filepath.Rel(wd, f); err == nil && !strings.HasPrefix(rel, "..") {
			name = filepath.ToSlash(rel)
		}
		fmt.Fprint(c.stdout, unified("a/"+name, "b/"+name, string(original[f]), string(overlay[f])))
	}
	// The findings -fix would leave: those without a fix, and those whose
	// fix cannot be applied.
	var left []*finding
	for _, f := range first.findings {
		if len(f.diag.SuggestedFixes) == 0 || fixSkipReason(first, f) != "" {
			left = append(left, f)
		}
	}
	c.printText(resolveFindings(left))
	c.printSkipped(skipped)
	switch {
	case hadErr:
		return exitError
	case len(first.findings) > 0:
		return exitFindings
	}
	return exitOK
}

// printSkipped says why the fixes of the remaining findings were not
// applied.
func (c *command) printSkipped(skipped map[string]int) {
	reasons := make([]string, 0, len(skipped))
	for r := range skipped {
		reasons = append(reasons, r)
	}
	slices.Sort(reasons)
	for _, r := range reasons {
		c.log.Printf("%s not applied: %s", plural(skipped[r], "fix", "fixes"), r)
	}
}

func hasErrors(res *outcome) bool { return res.any() }

// A candidate is the first suggested fix of a finding, as edits by file.
type candidate struct {
	f     *finding
	edits map[string][]edit
	files []string // the keys of edits, sorted
	key   string   // the files and edits, to make a fix once
}

// fixSkipReason returns why the fix of f cannot be applied, or "".
func fixSkipReason(res *outcome, f *finding) string {
	fset := f.pkg.Fset
	for _, e := range f.diag.SuggestedFixes[0].TextEdits {
		tf := fset.File(e.Pos)
		switch {
		case tf == nil || !res.files[tf.Name()]:
			return "they edit files that are not Go source files of the packages (cgo output)"
		case res.generated[tf.Name()]:
			return "they edit generated files"
		}
	}
	return ""
}

// applyRound applies, to the files on disk (-fix) or to overlay (-diff),
// every first suggested fix of res's findings that merges with those
// before it, and returns how many it applied, and how many it skipped for
// each reason. Fixes that overlap with one applied are left for the next
// round. original receives the content of each file before its first
// fix, and changed the names of the files fixed.
func (c *command) applyRound(res *outcome, overlay, original map[string][]byte, changed map[string]bool) (int, map[string]int, error) {
	skipped := make(map[string]int)
	baseline := make(map[string][]byte)
	pkgOf := make(map[string]*types.Package)
	seen := make(map[string]bool)
	var cands []*candidate
	for _, f := range res.findings {
		if len(f.diag.SuggestedFixes) == 0 {
			continue
		}
		if r := fixSkipReason(res, f); r != "" {
			skipped[r]++
			continue
		}
		cand, err := c.candidate(f, overlay, baseline)
		if err != nil {
			return 0, nil, err
		}
		if seen[cand.key] {
			continue // the same fix, from p and p's test variant
		}
		seen[cand.key] = true
		cands = append(cands, cand)
		for _, file := range cand.files {
			if pkgOf[file] == nil {
				pkgOf[file] = f.pkg.Types
			}
		}
	}
	slices.SortStableFunc(cands, func(x, y *candidate) int {
		return cmp.Or(
			cmp.Compare(x.files[0], y.files[0]),
			cmp.Compare(x.edits[x.files[0]][0].start, y.edits[y.files[0]][0].start),
			cmp.Compare(x.f.analyzer.Name, y.f.analyzer.Name),
			cmp.Compare(x.f.diag.Message, y.f.diag.Message))
	})

	acc := make(map[string][]edit)
	applied := 0
next:
	for _, cand := range cands {
		merged := make(map[string][]edit)
		for _, file := range cand.files {
			m, ok := mergeEdits(acc[file], cand.edits[file])
			if !ok {
				continue next // overlaps a fix applied in this round
			}
			merged[file] = m
		}
		for file, m := range merged {
			acc[file] = m
		}
		applied++
	}

	files := make([]string, 0, len(acc))
	for file := range acc {
		files = append(files, file)
	}
	slices.Sort(files)
	for _, file := range files {
		src := baseline[file]
		fixed, err := applyEdits(src, acc[file])
		if err != nil {
			return 0, nil, fmt.Errorf("internal error: fixing %s: %v", file, err)
		}
		fixed = formatFixed(pkgOf[file], fixed)
		if bytes.Equal(fixed, src) {
			continue
		}
		if _, ok := original[file]; !ok {
			original[file] = src
		}
		changed[file] = true
		if c.opts.diff {
			overlay[file] = fixed
			continue
		}
		if err := os.WriteFile(file, fixed, 0o666); err != nil {
			return 0, nil, fmt.Errorf("writing the fixes: %v", err)
		}
	}
	return applied, skipped, nil
}

// candidate returns the first suggested fix of f as edits by file, reading
// each file it edits into baseline.
func (c *command) candidate(f *finding, overlay, baseline map[string][]byte) (*candidate, error) {
	fset := f.pkg.Fset
	cand := &candidate{f: f, edits: make(map[string][]edit)}
	for _, te := range f.diag.SuggestedFixes[0].TextEdits {
		tf := fset.File(te.Pos)
		name := tf.Name()
		if _, ok := baseline[name]; !ok {
			src, err := readFile(overlay, name)
			if err != nil {
				return nil, fmt.Errorf("reading %s to fix it: %v", name, err)
			}
			if len(src) != tf.Size() {
				return nil, fmt.Errorf("%s changed while %s analyzed it: not fixing anything", name, c.suite.Name)
			}
			baseline[name] = src
		}
		end := te.End
		if !end.IsValid() {
			end = te.Pos
		}
		cand.edits[name] = append(cand.edits[name], edit{tf.Offset(te.Pos), tf.Offset(end), string(te.NewText)})
	}
	var key strings.Builder
	for name, edits := range cand.edits {
		sortEdits(edits)
		cand.files = append(cand.files, name)
	}
	slices.Sort(cand.files)
	for _, name := range cand.files {
		fmt.Fprintf(&key, "%s\x00", name)
		for _, e := range cand.edits[name] {
			fmt.Fprintf(&key, "%d:%d:%q\x00", e.start, e.end, e.new)
		}
	}
	cand.key = key.String()
	return cand, nil
}

// formatFixed formats fixed Go source as gofmt does, after removing the
// imports that the fixes left unused. Source that does not parse is
// returned as it is: the next round's analysis reports its errors.
func formatFixed(pkg *types.Package, src []byte) []byte {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "fixed.go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return src
	}
	removeUnusedImports(fset, pkg, file)
	var buf bytes.Buffer
	if err := format.Node(&buf, fset, file); err != nil {
		return src
	}
	return buf.Bytes()
}

// removeUnusedImports removes the imports of file whose name no identifier
// outside the imports spells: a fix removed the last use of it. It keeps
// blank and dot imports, and those whose name it does not know (an import
// new to the package, whose name is that of its package clause).
func removeUnusedImports(fset *token.FileSet, pkg *types.Package, file *ast.File) {
	if pkg == nil {
		return
	}
	names := make(map[string]string) // import path -> package name
	var visit func(p *types.Package)
	visit = func(p *types.Package) {
		if names[p.Path()] == "" {
			names[p.Path()] = p.Name()
			for _, imp := range p.Imports() {
				visit(imp)
			}
		}
	}
	for _, imp := range pkg.Imports() {
		visit(imp)
	}
	used := make(map[string]bool)
	for _, decl := range file.Decls {
		if gd, ok := decl.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
			continue
		}
		ast.Inspect(decl, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				used[id.Name] = true
			}
			return true
		})
	}
	for _, spec := range slices.Clone(file.Imports) {
		path, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			continue
		}
		explicit := ""
		if spec.Name != nil {
			explicit = spec.Name.Name
		}
		name := cmp.Or(explicit, names[path])
		switch name {
		case "", "_", ".":
			continue
		}
		if !used[name] {
			astutil.DeleteNamedImport(fset, file, explicit, path)
		}
	}
}

// plural returns "1 fix" or "N fixes".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func inRounds(n int) string {
	if n <= 1 {
		return ""
	}
	return fmt.Sprintf(" in %d rounds", n)
}
