package driver

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/types"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/transportvet/transportvet/internal/fixtext"
	"github.com/transportvet/transportvet/internal/tvtest"
)

// The test suite: rename reports each call to before(...) with a fix that
// rewrites the whole call to after(...), so that the fixes of nested calls
// overlap; legacy reports each call to legacy() with no fix. Both require
// facts, an analyzer that is not in the suite and whose name must not show.
// hidden is in the suite, for its flag, but not among the checks.
var (
	facts = &analysis.Analyzer{
		Name:      "internalfacts",
		Doc:       "exports a fact per package",
		FactTypes: []analysis.Fact{new(pkgFact)},
		Run: func(pass *analysis.Pass) (any, error) {
			pass.ExportPackageFact(new(pkgFact))
			return nil, nil
		},
	}
	rename = &analysis.Analyzer{
		Name:     "rename",
		Doc:      "report calls to before\n\nThe rename check reports each call to before.",
		URL:      "https://example.com/docs/rename.md",
		Requires: []*analysis.Analyzer{facts},
		Run:      runRename,
	}
	legacy = &analysis.Analyzer{
		Name:     "legacy",
		Doc:      "report calls to legacy",
		URL:      "https://example.com/docs/legacy.md",
		Requires: []*analysis.Analyzer{facts},
		Run: func(pass *analysis.Pass) (any, error) {
			inspectCalls(pass, "legacy", func(call *ast.CallExpr) {
				pass.Report(analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: "legacy is deprecated (legacy)"})
			})
			return nil, nil
		},
	}
	hidden = &analysis.Analyzer{
		Name: "hidden",
		Doc:  "finds what the checks share (reports nothing)",
		Run:  func(*analysis.Pass) (any, error) { return nil, nil },
	}
	hiddenOpt = hidden.Flags.String("opt", "", "an option of hidden")
)

type pkgFact struct{}

func (*pkgFact) AFact()         {}
func (*pkgFact) String() string { return "pkgFact" }

func runRename(pass *analysis.Pass) (any, error) {
	inspectCalls(pass, "before", func(call *ast.CallExpr) {
		tf := pass.Fset.File(call.Pos())
		src, ok := fixtext.Source(pass, tf)
		if !ok {
			panic("cannot read " + tf.Name())
		}
		args := src[tf.Offset(call.Lparen):tf.Offset(call.End())]
		pass.Report(analysis.Diagnostic{
			Pos: call.Pos(), End: call.End(), Message: "before is deprecated: call after (rename)",
			SuggestedFixes: []analysis.SuggestedFix{{
				Message:   "Call after",
				TextEdits: []analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: append([]byte("after"), args...)}},
			}},
		})
	})
	return nil, nil
}

// inspectCalls calls f with each call to the package-level function name.
func inspectCalls(pass *analysis.Pass, name string, f func(*ast.CallExpr)) {
	for _, file := range pass.Files {
		ast.Inspect(file, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if id, ok := call.Fun.(*ast.Ident); ok && id.Name == name {
					f(call)
				}
			}
			return true
		})
	}
}

var suite = Suite{
	Name:      "tvtest",
	Doc:       "tvtest checks calls to before and legacy.",
	URL:       "https://example.com/tvtest",
	Analyzers: []*analysis.Analyzer{rename, hidden, legacy},
	Checks:    []*analysis.Analyzer{rename, legacy},
}

const funcs = `package p

func before(x int) int { return x }
func after(x int) int  { return x }
func legacy()          {}
`

// module writes a module example.com/m with files, makes it the current
// directory, and returns it.
func module(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["go.mod"] = "module example.com/m\n\ngo 1.26\n"
	tvtest.WriteFiles(t, dir, files)
	t.Chdir(dir)
	return dir
}

// run runs the command and returns its exit code and output.
func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Run(suite, args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// internalNames are the words that must not show in normal output.
var internalNames = regexp.MustCompile(`internalfacts|failed prerequisites|analysis skipped`)

func TestReport(t *testing.T) {
	dir := module(t, map[string]string{
		"p/funcs.go": funcs,
		"p/p.go":     "package p\n\nfunc f() {\n\tlegacy()\n\t_ = before(1)\n}\n",
		"clean/c.go": "package clean\n",
	})
	code, stdout, stderr := run(t, "./...")
	want := filepath.Join(dir, "p", "p.go") + ":4:2: legacy is deprecated (legacy)\n" +
		filepath.Join(dir, "p", "p.go") + ":5:6: before is deprecated: call after (rename)\n" +
		"docs: https://example.com/docs/rename.md (rename)\n" +
		"docs: https://example.com/docs/legacy.md (legacy)\n"
	if code != exitFindings || stdout != "" || stderr != want {
		t.Errorf("exit %d, stdout %q, stderr\n%s\nwant exit 3 and\n%s", code, stdout, stderr, want)
	}

	// -c=N prints each finding's lines with N lines around them.
	if _, _, stderr := run(t, "-legacy", "-c=1", "./p"); !strings.Contains(stderr, "legacy is deprecated (legacy)\n3\tfunc f() {\n4\t\tlegacy()\n5\t\t_ = before(1)\n") {
		t.Errorf("-c=1:\n%s", stderr)
	}
	if code, _, stderr := run(t, "./clean"); code != exitOK || stderr != "" {
		t.Errorf("on a clean package: exit %d, stderr %q; want 0 and nothing", code, stderr)
	}
	// -NAME runs only the named check; -NAME=false all but it.
	if _, _, stderr := run(t, "-legacy", "./..."); strings.Contains(stderr, "(rename)") || !strings.Contains(stderr, "(legacy)") {
		t.Errorf("-legacy:\n%s", stderr)
	}
	if _, _, stderr := run(t, "-legacy=false", "./..."); !strings.Contains(stderr, "(rename)") || strings.Contains(stderr, "(legacy)") {
		t.Errorf("-legacy=false:\n%s", stderr)
	}
}

// TestFixRounds checks that -fix applies fixes that overlap in as many
// rounds as it takes, reports the findings that have no fix, and exits 3
// while any remain, 0 when none do.
func TestFixRounds(t *testing.T) {
	dir := module(t, map[string]string{
		"p/funcs.go": funcs,
		"p/p.go":     "package p\n\nfunc f() {\n\tlegacy()\n\t_ = before(before(before(1)))\n}\n",
	})
	p := filepath.Join(dir, "p", "p.go")
	code, stdout, stderr := run(t, "-fix", "./...")
	if code != exitFindings {
		t.Errorf("-fix: exit %d, want 3 (legacy() remains)\n%s", code, stderr)
	}
	want := p + ":4:2: legacy is deprecated (legacy)\n" +
		"docs: https://example.com/docs/legacy.md (legacy)\n" +
		"tvtest: applied 3 fixes to 1 file in 3 rounds\n"
	if stdout != "" || stderr != want {
		t.Errorf("-fix printed\n%s%s\nwant\n%s", stdout, stderr, want)
	}
	if got := readString(t, p); !strings.Contains(got, "_ = after(after(after(1)))") {
		t.Errorf("fixed p.go:\n%s", got)
	}

	// Once legacy() is gone, nothing remains: exit 0.
	if err := os.WriteFile(p, []byte("package p\n\nfunc g() { _ = before(2) }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = run(t, "-fix", "./...")
	if code != exitOK || stderr != "tvtest: applied 1 fix to 1 file\n" {
		t.Errorf("-fix with every finding fixable: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := run(t, "./..."); code != exitOK || stderr != "" {
		t.Errorf("after -fix: exit %d\n%s", code, stderr)
	}
}

// TestDiff checks that -diff writes nothing, prints the diff of what -fix
// does, with the rounds of overlapping fixes, and the findings that have no
// fix, and exits 3.
func TestDiff(t *testing.T) {
	const src = "package p\n\nfunc f() {\n\tlegacy()\n\t_ = before(before(1))\n}\n"
	dir := module(t, map[string]string{"p/funcs.go": funcs, "p/p.go": src})
	p := filepath.Join(dir, "p", "p.go")
	code, stdout, stderr := run(t, "-diff", "./...")
	wantDiff := `--- a/p/p.go
+++ b/p/p.go
@@ -2,5 +2,5 @@
 
 func f() {
 	legacy()
-	_ = before(before(1))
+	_ = after(after(1))
 }
`
	wantErr := p + ":4:2: legacy is deprecated (legacy)\n" +
		"docs: https://example.com/docs/legacy.md (legacy)\n"
	if code != exitFindings || stdout != wantDiff || stderr != wantErr {
		t.Errorf("-diff: exit %d, stdout\n%s\nstderr\n%s\nwant 3,\n%s\n%s", code, stdout, stderr, wantDiff, wantErr)
	}
	if got := readString(t, p); got != src {
		t.Errorf("-diff changed p.go:\n%s", got)
	}
	// -fix -diff is -diff.
	if code, stdout2, _ := run(t, "-fix", "-diff", "./..."); code != exitFindings || stdout2 != stdout {
		t.Errorf("-fix -diff: exit %d\n%s", code, stdout2)
	}
	if code, _, stderr := run(t, "-json", "-diff", "./..."); code != exitUsage || !strings.Contains(stderr, "-json and -diff") {
		t.Errorf("-json -diff: exit %d\n%s", code, stderr)
	}
}

// TestFixRemovesUnusedImport checks that the imports whose last use a fix
// removed go, and that the others stay: those still used, blank ones, and
// those new to the package.
func TestFixRemovesUnusedImport(t *testing.T) {
	pkg := types.NewPackage("example.com/m/p", "p")
	pkg.SetImports([]*types.Package{types.NewPackage("fmt", "fmt"), types.NewPackage("strings", "strings"), types.NewPackage("example.com/v2/lib", "lib")})
	src := "package p\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n\t_ \"embed\"\n\t\"example.com/v2/lib\"\n\t\"example.com/new\"\n)\n\nvar _ = fmt.Sprint(1)\n"
	want := "package p\n\nimport (\n\t_ \"embed\"\n\t\"example.com/new\"\n\t\"fmt\"\n)\n\nvar _ = fmt.Sprint(1)\n"
	if got := string(formatFixed(pkg, []byte(src))); got != want {
		t.Errorf("formatFixed gave\n%s\nwant\n%s", got, want)
	}
	if got := string(formatFixed(pkg, []byte("package p\n\nfunc {"))); got != "package p\n\nfunc {" {
		t.Errorf("source that does not parse: %q", got)
	}
}

func TestJSON(t *testing.T) {
	module(t, map[string]string{
		"p/funcs.go": funcs,
		"p/p.go":     "package p\n\nfunc f() { legacy(); _ = before(1) }\n",
	})
	code, stdout, stderr := run(t, "-json", "./...")
	if code != exitOK || stderr != "" {
		t.Fatalf("-json: exit %d, stderr %s", code, stderr)
	}
	var tree map[string]map[string][]jsonDiagnostic
	if err := json.Unmarshal([]byte(stdout), &tree); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	for name, url := range map[string]string{"rename": rename.URL, "legacy": legacy.URL} {
		diags := tree["example.com/m/p"][name]
		if len(diags) != 1 || diags[0].URL != url {
			t.Errorf("%s: %+v, want one finding with url %s", name, diags, url)
		}
	}
	if len(tree["example.com/m/p"]["rename"][0].SuggestedFixes) != 1 {
		t.Errorf("rename's finding has no fix in the JSON")
	}
}

// TestErrors checks that a bad pattern and a package that does not
// type-check are one line each, with no internal analyzer, that the other
// packages are still analyzed, and that the exit status is 1.
func TestErrors(t *testing.T) {
	dir := module(t, map[string]string{
		"p/funcs.go": funcs,
		"p/p.go":     "package p\n\nfunc f() { legacy() }\n",
		"bad/bad.go": "package bad\n\nfunc f() int { return \"x\" }\n",
	})
	code, _, stderr := run(t, "./...")
	want := filepath.Join(dir, "bad", "bad.go") + `:3:23: cannot use "x" (untyped string constant) as int value in return statement
tvtest: not analyzed because of the errors above: example.com/m/bad
` + filepath.Join(dir, "p", "p.go") + `:3:12: legacy is deprecated (legacy)
docs: https://example.com/docs/legacy.md (legacy)
`
	if code != exitError || stderr != want {
		t.Errorf("exit %d, stderr\n%s\nwant 1 and\n%s", code, stderr, want)
	}

	code, _, stderr = run(t, "./nosuch/...")
	if code != exitError || strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "tvtest: ") || internalNames.MatchString(stderr) {
		t.Errorf("bad pattern: exit %d, stderr\n%s", code, stderr)
	}

	code, stdout, stderr := run(t, "-json", "./bad")
	if code != exitError || internalNames.MatchString(stderr) || strings.Contains(stdout, "internalfacts") || strings.Contains(stdout, "failed prerequisites") {
		t.Errorf("-json on a package that does not type-check: exit %d\nstdout\n%s\nstderr\n%s", code, stdout, stderr)
	}
}

// TestTags checks that -tags selects files as go build -tags does.
func TestTags(t *testing.T) {
	module(t, map[string]string{
		"p/funcs.go":  funcs,
		"p/tagged.go": "//go:build special\n\npackage p\n\nfunc g() { legacy() }\n",
	})
	if code, _, stderr := run(t, "./..."); code != exitOK {
		t.Errorf("without -tags: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := run(t, "-tags=special", "./..."); code != exitFindings || !strings.Contains(stderr, "tagged.go:5:12: legacy is deprecated") {
		t.Errorf("-tags=special: exit %d\n%s", code, stderr)
	}
}

// TestVersion checks -V and -V=full, whose line go vet parses ("NAME
// version VERSION ... buildID=ID"), with the module version that go
// install MODULE@VERSION records.
func TestVersion(t *testing.T) {
	saved := readBuildInfo
	defer func() { readBuildInfo = saved }()
	readBuildInfo = func() *debug.BuildInfo {
		return &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "example.com/tvtest", Version: "v1.2.3"}}
	}
	if code, stdout, _ := run(t, "-V"); code != exitOK || stdout != "tvtest version v1.2.3 go1.26.8\n" {
		t.Errorf("-V: exit %d, %q", code, stdout)
	}
	code, stdout, _ := run(t, "-V=full")
	if ok, _ := regexp.MatchString(`^tvtest version v1\.2\.3 go1\.26\.8 buildID=[0-9a-f]{64}\n$`, stdout); code != exitOK || !ok {
		t.Errorf("-V=full: exit %d, %q", code, stdout)
	}
	if code, _, stderr := run(t, "-V=short"); code != exitUsage || !strings.Contains(stderr, "want -V or -V=full") {
		t.Errorf("-V=short: exit %d, %q", code, stderr)
	}
	if got := versionLine("tvtest", nil); got != "tvtest version (devel) unknown" {
		t.Errorf("without build info: %q", got)
	}
}

func TestHelp(t *testing.T) {
	code, stdout, _ := run(t, "help")
	if code != exitOK {
		t.Errorf("help: exit %d", code)
	}
	for _, want := range []string{
		"tvtest checks calls to before and legacy.\n",
		"\n  rename  report calls to before\n  legacy  report calls to legacy\n",
		"  tvtest -legacy ./...\n",
		"-tags string",
		"GOFLAGS=-tags=a,b",
		"  3  findings were printed",
		"go vet -vettool=$(which tvtest) ./...",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("help lacks %q:\n%s", want, stdout)
		}
	}
	for _, hide := range []string{"hidden", "-source", "-rename.", "-v\n"} {
		if strings.Contains(stdout, hide) {
			t.Errorf("help shows %q:\n%s", hide, stdout)
		}
	}

	code, stdout, _ = run(t, "help", "rename")
	want := "rename: report calls to before\n\nThe rename check reports each call to before.\n\nDocumentation: https://example.com/docs/rename.md\n"
	if code != exitOK || stdout != want {
		t.Errorf("help rename: exit %d\n%s\nwant\n%s", code, stdout, want)
	}
	// A hidden analyzer's help and flags stay reachable.
	if _, stdout, _ := run(t, "help", "hidden"); !strings.Contains(stdout, "-hidden.opt string") {
		t.Errorf("help hidden:\n%s", stdout)
	}
	if code, _, stderr := run(t, "help", "nosuch"); code != exitUsage || stderr != "tvtest: unknown check \"nosuch\" (the checks are rename, legacy)\n" {
		t.Errorf("help nosuch: exit %d, %q", code, stderr)
	}
}

func TestBadUsage(t *testing.T) {
	defer func() { *hiddenOpt = "" }()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-nosuch", "./..."}, "tvtest: flag provided but not defined: -nosuch (run 'tvtest help' for usage)\n"},
		{[]string{"-rename=maybe", "./..."}, "tvtest: invalid boolean value \"maybe\" for -rename: want true or false (run 'tvtest help' for usage)\n"},
		{nil, "usage: tvtest [flags] packages   (run 'tvtest help' for more)\n"},
	} {
		code, stdout, stderr := run(t, tc.args...)
		if code != exitUsage || stdout != "" || stderr != tc.want {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, stderr, tc.want)
		}
	}
	// An analyzer's flag is set through the command line.
	fs, _ := (&command{suite: suite}).flags(new(options))
	if err := fs.Parse([]string{"-hidden.opt=x"}); err != nil || *hiddenOpt != "x" {
		t.Errorf("-hidden.opt=x: %v, opt = %q", err, *hiddenOpt)
	}
}

// TestVetProtocol checks which command lines are left to unitchecker.
func TestVetProtocol(t *testing.T) {
	for args, want := range map[string]bool{
		"-flags":                    true,
		"-json /tmp/x/vet.cfg":      true,
		"-V=full":                   false,
		"./...":                     false,
		"-fix ./...":                false,
		"-dispatcher.packages=a ./": false,
	} {
		if got := vetProtocol(strings.Fields(args)); got != want {
			t.Errorf("vetProtocol(%s) = %v, want %v", args, got, want)
		}
	}
}

func readString(t *testing.T, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
