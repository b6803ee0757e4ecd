package report_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/transportvet/transportvet/internal/report"
	"github.com/transportvet/transportvet/internal/tvtest"
)

// rtest reports every call to a function named finding or suffixed that is
// declared in the package under analysis, through a Reporter; its message
// for suffixed already ends with the check's name.
var rtest = &analysis.Analyzer{
	Name: "rtest",
	Doc:  "report calls to finding, for testing package report",
	Run:  run,
}

func run(pass *analysis.Pass) (any, error) {
	report.Directives(pass)
	r := report.New(pass)
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			fn, ok := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
			if !ok || fn.Pkg() != pass.Pkg {
				return true
			}
			switch fn.Name() {
			case "finding":
				r.Reportf(call, "finding called")
			case "suffixed":
				r.Report(analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: "already suffixed (rtest)"})
			}
			return true
		})
	}
	return nil, nil
}

func TestReport(t *testing.T) {
	analysistest.Run(t, tvtest.TestData(), rtest, "report/a", "report/gen")
}

// TestReportWithoutReadFile runs rtest on report/a with a Pass whose
// ReadFile is nil, as a driver may leave it, and checks that it reports
// exactly what it reports under analysistest's driver.
func TestReportWithoutReadFile(t *testing.T) {
	want := diagnostics(t, true)
	got := diagnostics(t, false)
	if !slices.Equal(got, want) {
		t.Errorf("without ReadFile:\n%s\nwith ReadFile:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(want) == 0 {
		t.Fatal("no diagnostics at all")
	}
}

// diagnostics runs rtest on report/a with a hand-made Pass and returns its
// diagnostics as "line: message".
func diagnostics(t *testing.T, withReadFile bool) []string {
	t.Helper()
	pass, got := passOnA(t, withReadFile)
	if _, err := run(pass); err != nil {
		t.Fatal(err)
	}
	slices.Sort(*got)
	return *got
}

// passOnA returns a hand-made Pass of rtest on report/a, and the
// diagnostics it reports as "line: message".
func passOnA(t *testing.T, withReadFile bool) (*analysis.Pass, *[]string) {
	t.Helper()
	dir := filepath.Join(tvtest.TestData(), "src", "report", "a")
	fset := token.NewFileSet()
	name := filepath.Join(dir, "a.go")
	f, err := parser.ParseFile(fset, name, nil, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Uses: make(map[*ast.Ident]types.Object), Types: make(map[ast.Expr]types.TypeAndValue)}
	pkg, err := new(types.Config).Check("report/a", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	got := new([]string)
	pass := &analysis.Pass{
		Analyzer:  rtest,
		Fset:      fset,
		Files:     []*ast.File{f},
		Pkg:       pkg,
		TypesInfo: info,
		Report: func(d analysis.Diagnostic) {
			*got = append(*got, fset.Position(d.Pos).String()+": "+d.Message)
		},
	}
	if withReadFile {
		pass.ReadFile = func(filename string) ([]byte, error) {
			if filename != name {
				t.Errorf("ReadFile(%s): not a file of the package", filename)
			}
			return os.ReadFile(filename)
		}
	}
	return pass, got
}

// TestNewReportsNothing checks that New reports nothing, not even the
// directives of report/a that silence nothing: Directives reports those,
// the same ones each time, in the order of the file.
func TestNewReportsNothing(t *testing.T) {
	pass, got := passOnA(t, true)
	report.New(pass)
	report.New(pass)
	if len(*got) != 0 {
		t.Fatalf("New reported %v", *got)
	}
	report.Directives(pass)
	first := slices.Clone(*got)
	*got = nil
	report.Directives(pass)
	if !slices.Equal(*got, first) {
		t.Errorf("Directives reported\n%s\nthen\n%s", strings.Join(first, "\n"), strings.Join(*got, "\n"))
	}
	if !slices.IsSortedFunc(first, func(x, y string) int {
		return diagLine(t, x) - diagLine(t, y)
	}) {
		t.Errorf("Directives reported out of file order:\n%s", strings.Join(first, "\n"))
	}
	n := 0
	for _, d := range diagnostics(t, true) {
		if strings.Contains(d, "//transportvet:ignore") {
			n++
		}
	}
	if len(first) != n || n == 0 {
		t.Errorf("Directives reported %d diagnostics, rtest %d about directives:\n%s", len(first), n, strings.Join(first, "\n"))
	}
}

// diagLine returns the line of a diagnostic written "file:line:col: message".
func diagLine(t *testing.T, d string) int {
	t.Helper()
	parts := strings.SplitN(d, ":", 3)
	line, err := strconv.Atoi(parts[1])
	if err != nil {
		t.Fatalf("%q: %v", d, err)
	}
	return line
}

// TestDriverNamesChecks checks that, once the driver says it names the
// check of each finding, no message ends with it: not the analyzer's, not
// one that already did, not those of directives.
func TestDriverNamesChecks(t *testing.T) {
	with := diagnostics(t, true)
	report.SetDriverNamesChecks(true)
	defer report.SetDriverNamesChecks(false)
	without := diagnostics(t, true)
	if len(without) != len(with) {
		t.Fatalf("%d diagnostics, %d before", len(without), len(with))
	}
	for i := range with {
		if want := strings.TrimSuffix(with[i], " (rtest)"); without[i] != want || want == with[i] {
			t.Errorf("got %q, want %q", without[i], want)
		}
	}
}

// TestReportKeywordLine shows where the fallback without ReadFile differs:
// a directive after code that holds no identifier, literal or bracketed
// node before it (default:) is taken for a directive alone on its line, so
// it covers the next line too. With ReadFile it covers its own line only.
func TestReportKeywordLine(t *testing.T) {
	const src = `package k

func finding() int { return 0 }

func f(x int) {
	switch x {
	default: //transportvet:ignore rtest the default case is a test double
		finding()
	}
}
`
	for _, withReadFile := range []bool{true, false} {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "k.go", src, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		info := &types.Info{Uses: make(map[*ast.Ident]types.Object), Types: make(map[ast.Expr]types.TypeAndValue)}
		pkg, err := new(types.Config).Check("k", fset, []*ast.File{f}, info)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		pass := &analysis.Pass{
			Analyzer: rtest, Fset: fset, Files: []*ast.File{f}, Pkg: pkg, TypesInfo: info,
			Report: func(analysis.Diagnostic) { n++ },
		}
		if withReadFile {
			pass.ReadFile = func(string) ([]byte, error) { return []byte(src), nil }
		}
		if _, err := run(pass); err != nil {
			t.Fatal(err)
		}
		if want := map[bool]int{true: 1, false: 0}[withReadFile]; n != want {
			t.Errorf("ReadFile provided=%v: %d diagnostics, want %d", withReadFile, n, want)
		}
	}
}

func TestMessage(t *testing.T) {
	pass := &analysis.Pass{Analyzer: rtest, Fset: token.NewFileSet()}
	r := report.New(pass)
	for msg, want := range map[string]string{
		"x is wrong":                  "x is wrong (rtest)",
		"x is wrong (rtest)":          "x is wrong (rtest)",
		"x is wrong (other)":          "x is wrong (other) (rtest)",
		"":                            " (rtest)",
		"see (rtest) for x is wrong.": "see (rtest) for x is wrong. (rtest)",
	} {
		if got := r.Message(msg); got != want {
			t.Errorf("Message(%q) = %q, want %q", msg, got, want)
		}
	}
}

// TestReportNoPos checks that a diagnostic without a position is reported,
// not dropped or a panic.
func TestReportNoPos(t *testing.T) {
	var got []analysis.Diagnostic
	pass := &analysis.Pass{Analyzer: rtest, Fset: token.NewFileSet(), Report: func(d analysis.Diagnostic) { got = append(got, d) }}
	report.New(pass).Report(analysis.Diagnostic{Message: "somewhere"})
	if len(got) != 1 || got[0].Message != "somewhere (rtest)" {
		t.Errorf("got %v, want one diagnostic %q", got, "somewhere (rtest)")
	}
}
