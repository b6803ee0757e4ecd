package transportclose

import (
	"bytes"
	"encoding/gob"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/transportvet/transportvet/internal/tvtest"
)

func TestLocalLeak(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, tvtest.TestData(), Analyzer, "transportclose/a", "transportclose/cmd")
}

func TestWrapper(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, tvtest.TestData(), Analyzer, "transportclose/wrap")
}

func TestLocalLeakFix(t *testing.T) {
	t.Parallel()
	tvtest.RunWithSuggestedFixes(t, tvtest.TestData(), Analyzer, "transportclose/fixleak")
}

// TestDerivedEscapes checks that a connection whose stream, client or
// response leaves the function is not reported (a deferred Close would end
// what the caller receives), and that one whose derived values stay inside
// is still reported and fixed.
func TestDerivedEscapes(t *testing.T) {
	t.Parallel()
	tvtest.RunWithSuggestedFixes(t, tvtest.TestData(), Analyzer, "transportclose/fixderived")
}

// TestFreshHelpers checks the facts on functions that return a new
// transport on every call, and the leaks of their callers, in the same
// package and in another.
func TestFreshHelpers(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, tvtest.TestData(), Analyzer, "transportclose/helpers", "transportclose/helpersuser")
}

// TestTestFiles checks that _test.go files are not reported by default, and
// are with -tests.
func TestTestFiles(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, tvtest.TestData(), Analyzer, "transportclose/testfiles")
	a := newAnalyzer()
	if err := a.Flags.Set("tests", "true"); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, tvtest.TestData(), a, "transportclose/testfilesflag")
	if got := Analyzer.Flags.Lookup("tests").Value.String(); got != "false" {
		t.Errorf("setting another analyzer's flag changed Analyzer's -tests to %q", got)
	}
}

func TestWrapperFix(t *testing.T) {
	t.Parallel()
	tvtest.RunWithSuggestedFixes(t, tvtest.TestData(), Analyzer, "transportclose/fixwrap")
}

// TestFixedCodeCompilesAndIsStable loads the .golden files as packages: they
// must type-check, and a second run must offer no fix (applying the fixes
// twice changes nothing more than applying them once) and report exactly
// the findings that had no fix the first time.
func TestFixedCodeCompilesAndIsStable(t *testing.T) {
	t.Parallel()
	src := filepath.Join(tvtest.TestData(), "src")
	gopath := t.TempDir()
	for _, dir := range []string{"golang.org", "google.golang.org", "transportclose/pb", "transportclose/helpers"} {
		copyTree(t, filepath.Join(src, dir), filepath.Join(gopath, "src", dir), ".go")
	}
	fixPkgs := []string{"transportclose/fixleak", "transportclose/fixderived", "transportclose/fixwrap"}
	want := regexp.MustCompile(`(?m) *// want .*$`)
	for _, pkg := range fixPkgs {
		goldens, err := filepath.Glob(filepath.Join(src, pkg, "*.go.golden"))
		if err != nil || len(goldens) == 0 {
			t.Fatalf("no golden files in %s: %v", pkg, err)
		}
		for _, g := range goldens {
			data, err := os.ReadFile(g)
			if err != nil {
				t.Fatal(err)
			}
			data = want.ReplaceAll(data, nil)
			out := filepath.Join(gopath, "src", pkg, strings.TrimSuffix(filepath.Base(g), ".golden"))
			if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(out, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}

	before := diagnostics(t, filepath.Join(tvtest.TestData()), fixPkgs)
	after := diagnostics(t, gopath, fixPkgs)

	var unfixed []string
	for _, d := range before {
		if !d.fixed {
			unfixed = append(unfixed, d.message)
		}
	}
	if len(unfixed) == len(before) {
		t.Fatalf("no finding of %v has a fix: the test proves nothing", fixPkgs)
	}
	var remaining []string
	for _, d := range after {
		if d.fixed {
			t.Errorf("fixed code still gets a fix: %s", d.message)
		}
		remaining = append(remaining, d.message)
	}
	if strings.Join(remaining, "\n") != strings.Join(unfixed, "\n") {
		t.Errorf("fixed code reports\n%s\nwant the findings without a fix\n%s",
			strings.Join(remaining, "\n"), strings.Join(unfixed, "\n"))
	}
}

var lineNumber = regexp.MustCompile(`line \d+`)

type finding struct {
	message string
	fixed   bool
}

// diagnostics loads patterns from the GOPATH gopath, fails the test if they
// do not type-check, and returns what Analyzer reports on them.
func diagnostics(t *testing.T, gopath string, patterns []string) []finding {
	t.Helper()
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  gopath,
		Env:  append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOPROXY=off", "GOFLAGS="),
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	if n := packages.PrintErrors(pkgs); n > 0 {
		t.Fatalf("%s: %d errors loading %v", gopath, n, patterns)
	}
	g, err := checker.Analyze([]*analysis.Analyzer{Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []finding
	for _, act := range g.Roots {
		if act.Err != nil {
			t.Fatal(act.Err)
		}
		for _, d := range act.Diagnostics {
			// Fixes move lines: compare messages without line numbers.
			msg := lineNumber.ReplaceAllString(d.Message, "line N")
			out = append(out, finding{msg, len(d.SuggestedFixes) > 0})
		}
	}
	return out
}

func copyTree(t *testing.T, from, to, ext string) {
	t.Helper()
	err := filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ext) {
			return err
		}
		rel, err := filepath.Rel(from, path)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		target := filepath.Join(to, rel)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestTypesFlag(t *testing.T) {
	t.Parallel()
	a := newAnalyzer()
	if err := a.Flags.Set("types", "transportclose/pool.Conn,transportclose/pool.Pool, transportclose/pool.NoClose"); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, tvtest.TestData(), a, "transportclose/flagtypes")
	if got := Analyzer.Flags.Lookup("types").Value.String(); got != "" {
		t.Errorf("setting another analyzer's flag changed Analyzer's -types to %q", got)
	}
}

func TestTypesFlagMalformed(t *testing.T) {
	t.Parallel()
	for _, v := range []string{
		"Conn",                  // no package
		"pool.",                 // no type
		".Conn",                 // no package
		"example.com/pool",      // no type: "com/pool" is not an identifier
		"example.com/pool.Co-n", // not an identifier
		"example.com/pool.Conn,",
		"/pool.Conn",
		"pool//x.Conn",
		"a b.Conn",
	} {
		if err := newAnalyzer().Flags.Set("types", v); err == nil {
			t.Errorf("-types=%q: no error", v)
		}
	}
	for v, want := range map[string]string{
		"":                                    "",
		"example.com/pool.Conn":               "example.com/pool.Conn",
		"pool.Conn , example.com/x/y.Client2": "pool.Conn,example.com/x/y.Client2",
	} {
		a := newAnalyzer()
		if err := a.Flags.Set("types", v); err != nil {
			t.Errorf("-types=%q: %v", v, err)
		} else if got := a.Flags.Lookup("types").Value.String(); got != want {
			t.Errorf("-types=%q reads back as %q, want %q", v, got, want)
		}
	}
}

// TestTypeErrors runs the check on a package with type errors, as drivers
// such as golangci-lint may (ctrlflow, which it requires, does not run on
// such packages by default, so a variant of it is used here).
func TestTypeErrors(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, tvtest.TestData(), tvtest.DespiteErrors(newAnalyzer()), "transportclose/typeerr")
}

// TestFreshFactGob checks that the fact survives the gob encoding that
// drivers use to pass facts between packages.
func TestFreshFactGob(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(&freshFact{Kind: "http.Transport"}); err != nil {
		t.Fatal(err)
	}
	var got freshFact
	if err := gob.NewDecoder(&buf).Decode(&got); err != nil {
		t.Fatal(err)
	}
	if got.Kind != "http.Transport" {
		t.Errorf("decoded %+v", got)
	}
}
