package driver

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

func TestMain(m *testing.M) {
	// Report mode keeps its results in the cache; the tests' go in a
	// directory of their own.
	dir, err := os.MkdirTemp("", "transportvet-driver-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv(cacheEnv, dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// TestModes checks that report mode prints the same, byte for byte, and
// exits the same, on the cached runner (the default, cold and then warm)
// and in one process (-cache=false): findings, errors, -json, -format=sarif,
// -NAME selection and -tags.
func TestModes(t *testing.T) {
	module(t, map[string]string{
		"p/funcs.go":  funcs,
		"p/p.go":      "package p\n\nfunc f() {\n\tlegacy()\n\t_ = before(1)\n}\n",
		"p/p_test.go": "package p\n\nfunc g() { legacy() }\n",
		"p/tagged.go": "//go:build special\n\npackage p\n\nfunc h() { legacy() }\n",
		"q/q.go":      "package q\n\nimport \"example.com/m/p\"\n\nvar _ = p.X\n",
		"bad/bad.go":  "package bad\n\nfunc f() int { return \"x\" }\n",
		"clean/c.go":  "package clean\n",
	})
	for _, args := range [][]string{
		{"./p", "./clean"},
		{"./clean"},
		{"./..."},
		{"-json", "./..."},
		{"-format=json", "./p"},
		{"-format=sarif", "./..."},
		{"-format=sarif", "./p"},
		{"-legacy", "./p"},
		{"-legacy=false", "./p"},
		{"-test=false", "./p"},
		{"-tags=special", "./p"},
		{"-c=1", "./p"},
		{"./nosuch/..."},
	} {
		code, stdout, stderr := run(t, append([]string{"-cache=false"}, args...)...)
		for _, round := range []string{"cold", "warm"} {
			if round == "cold" {
				emptyCache(t)
			}
			code2, stdout2, stderr2 := run(t, args...)
			if code2 != code || stdout2 != stdout || stderr2 != stderr {
				t.Errorf("%v, cached (%s): exit %d\nstdout\n%s\nstderr\n%s\nwant as with -cache=false: exit %d\nstdout\n%s\nstderr\n%s",
					args, round, code2, stdout2, stderr2, code, stdout, stderr)
			}
		}
	}
}

// emptyCache empties the cache directory of report mode.
func emptyCache(t *testing.T) {
	t.Helper()
	dir := os.Getenv(cacheEnv)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCacheInvalidation checks that a warm run sees a changed file, and an
// analyzer option changed on the command line, which the runner's keys do
// not cover by themselves.
func TestCacheInvalidation(t *testing.T) {
	word := &analysis.Analyzer{
		Name: "word",
		Doc:  "report calls to legacy with the word of -word.w",
		URL:  "https://example.com/docs/word.md",
		Run: func(pass *analysis.Pass) (any, error) {
			w := pass.Analyzer.Flags.Lookup("w").Value.String()
			inspectCalls(pass, "legacy", func(call *ast.CallExpr) {
				pass.Report(analysis.Diagnostic{Pos: call.Pos(), Message: "legacy says " + w + " (word)"})
			})
			return nil, nil
		},
	}
	word.Flags.String("w", "hello", "the word")
	s := Suite{Name: "tvtest", URL: "https://example.com/tvtest", Analyzers: []*analysis.Analyzer{word}, Checks: []*analysis.Analyzer{word}}
	dir := module(t, map[string]string{
		"p/funcs.go": funcs,
		"p/p.go":     "package p\n\nfunc f() { legacy() }\n",
	})
	emptyCache(t)
	runSuite := func(args ...string) string {
		var out, errOut bytes.Buffer
		Run(s, args, &out, &errOut)
		return errOut.String()
	}
	p := filepath.Join(dir, "p", "p.go")
	if got, want := runSuite("./..."), p+":3:12: legacy says hello (word)\n"; !strings.HasPrefix(got, want) {
		t.Errorf("first run:\n%s\nwant\n%s", got, want)
	}
	if got, want := runSuite("-word.w=bye", "./..."), p+":3:12: legacy says bye (word)\n"; !strings.HasPrefix(got, want) {
		t.Errorf("with -word.w=bye:\n%s\nwant\n%s", got, want)
	}
	word.Flags.Set("w", "hello")
	if err := os.WriteFile(p, []byte("package p\n\nfunc f() {\n\tlegacy()\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, want := runSuite("./..."), p+":4:2: legacy says hello (word)\n"; !strings.HasPrefix(got, want) {
		t.Errorf("after an edit:\n%s\nwant\n%s", got, want)
	}
}

// TestFailure checks that an analyzer that fails or panics is reported as
// an internal error, with exit status 1, by the cold and by the warm run,
// and that the other packages' findings are still printed.
func TestFailure(t *testing.T) {
	boom := &analysis.Analyzer{
		Name: "boom",
		Doc:  "fails on package boom, panics on package panics",
		Run: func(pass *analysis.Pass) (any, error) {
			switch pass.Pkg.Name() {
			case "boom":
				return nil, errors.New("it went boom")
			case "panics":
				panic("it panicked")
			}
			inspectCalls(pass, "legacy", func(call *ast.CallExpr) {
				pass.Report(analysis.Diagnostic{Pos: call.Pos(), Message: "legacy (boom)"})
			})
			return nil, nil
		},
	}
	s := Suite{Name: "tvtest", URL: "https://example.com/tvtest", Analyzers: []*analysis.Analyzer{boom}, Checks: []*analysis.Analyzer{boom}}
	module(t, map[string]string{
		"p/funcs.go":   funcs,
		"p/p.go":       "package p\n\nfunc f() { legacy() }\n",
		"boom/b.go":    "package boom\n",
		"panics/pa.go": "package panics\n",
	})
	emptyCache(t)
	for _, round := range []string{"cold", "warm"} {
		var out, errOut bytes.Buffer
		code := Run(s, []string{"./..."}, &out, &errOut)
		stderr := errOut.String()
		for _, want := range []string{
			"tvtest: internal error: analyzer boom failed on example.com/m/boom: it went boom (please report it: https://example.com/tvtest/issues)\n",
			"tvtest: internal error: analyzer boom failed on example.com/m/panics: panic: it panicked (please report it: https://example.com/tvtest/issues)\n",
			"p.go:3:12: legacy (boom)\n",
		} {
			if !strings.Contains(stderr, want) {
				t.Errorf("%s: stderr lacks %q:\n%s", round, want, stderr)
			}
		}
		if code != exitError {
			t.Errorf("%s: exit %d, want 1", round, code)
		}
		if strings.Contains(stderr, "goroutine") != (round == "cold") {
			t.Errorf("%s: the panic's stack should be printed by the run that panicked only:\n%s", round, stderr)
		}
	}
}
