// Package e2e runs the built transportvet binary the way users do: as
// go vet -vettool and go fix -fixtool, and standalone with -fix, -diff and
// -json, on a module that uses the real libraries.
//
// The tests share one build of the binary and one module, testdata/mod
// (example.com/e2e), which has a package per check and requires the real
// libraries from the Go module proxy, so that the go command downloads and
// compiles them once. TestMain copies it once; the runs that only read it
// (go vet, transportvet, -json) run once each, on that copy, and each test
// checks the findings of its check in their output. A test that changes
// files works on a copy of its own.
package e2e

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

var (
	// binary is the transportvet binary that TestMain builds.
	binary string
	// shared is TestMain's copy of testdata/mod, which no test changes.
	shared string
	// work is TestMain's temporary directory, removed when the tests end.
	work string
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	dir, err := os.MkdirTemp("", "transportvet-e2e")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	work = dir
	// The cached report mode keeps its results here, not in the user's
	// cache directory.
	os.Setenv("TRANSPORTVET_CACHE", filepath.Join(dir, "cache"))
	binary = filepath.Join(dir, "transportvet")
	if runtime.GOOS == "windows" {
		binary += ".exe"
	}
	build := exec.Command("go", "build", "-o", binary, "github.com/transportvet/transportvet/cmd/transportvet")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building transportvet:", err)
		return 1
	}
	shared = filepath.Join(dir, "shared")
	if err := copyDir(filepath.Join("testdata", "mod"), shared); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return m.Run()
}

// copyDir copies the tree src to dst.
func copyDir(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

// copyModule copies the shared module to a new temporary directory, for a
// test that changes it, and returns that directory.
func copyModule(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	if err := copyDir(shared, dst); err != nil {
		t.Fatal(err)
	}
	return dst
}

// result is what one command printed and its exit code.
type result struct {
	stdout, stderr string
	code           int
}

// env is the environment of the commands: the test's, with -mod=mod added
// to GOFLAGS so that the go command may complete go.sum, and no workspace.
func env(extra ...string) []string {
	return append(os.Environ(), append([]string{"GOFLAGS=" + os.Getenv("GOFLAGS") + " -mod=mod", "GOWORK=off"}, extra...)...)
}

// execute runs name with args in dir; its error is a failure to start.
func execute(dir string, environ []string, name string, args ...string) (result, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = environ
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			return result{}, fmt.Errorf("running %s %v: %v", name, args, err)
		}
		code = exit.ExitCode()
	}
	return result{stdout.String(), stderr.String(), code}, nil
}

// command runs name with args in dir and returns what it printed and its
// exit code. It fails the test only if the command could not be started.
func command(t *testing.T, dir, name string, args ...string) result {
	t.Helper()
	res, err := execute(dir, env(), name, args...)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// vet runs go vet -vettool=transportvet in dir.
func vet(t *testing.T, dir string, args ...string) result {
	t.Helper()
	return command(t, dir, "go", append([]string{"vet", "-vettool=" + binary}, args...)...)
}

// standalone runs transportvet in dir.
func standalone(t *testing.T, dir string, args ...string) result {
	t.Helper()
	return command(t, dir, binary, args...)
}

// A memo runs a command once for all the tests that read its result.
type memo struct {
	once sync.Once
	res  result
	err  error
	dir  string
}

func (m *memo) get(t *testing.T, f func() (string, result, error)) (string, result) {
	t.Helper()
	m.once.Do(func() { m.dir, m.res, m.err = f() })
	if m.err != nil {
		t.Fatal(m.err)
	}
	return m.dir, m.res
}

var vetMemo, reportMemo, fixMemo memo

// sharedVet is go vet -vettool=transportvet ./... on the shared module.
func sharedVet(t *testing.T) result {
	t.Helper()
	_, res := vetMemo.get(t, func() (string, result, error) {
		res, err := execute(shared, env(), "go", "vet", "-vettool="+binary, "./...")
		return shared, res, err
	})
	return res
}

// sharedReport is transportvet ./... on the shared module.
func sharedReport(t *testing.T) result {
	t.Helper()
	_, res := reportMemo.get(t, func() (string, result, error) {
		res, err := execute(shared, env(), binary, "./...")
		return shared, res, err
	})
	return res
}

// fixed returns a copy of the shared module on which transportvet -fix
// ./... ran, and what that printed.
func fixed(t *testing.T) (string, result) {
	t.Helper()
	return fixMemo.get(t, func() (string, result, error) {
		dir, err := os.MkdirTemp(work, "fixed")
		if err != nil {
			return "", result{}, err
		}
		if err := copyDir(shared, dir); err != nil {
			return "", result{}, err
		}
		res, err := execute(dir, env(), binary, "-fix", "./...")
		return dir, res, err
	})
}

// A finding is one line of text output: the file relative to the module
// root, line, column and message.
type finding struct {
	file      string
	line, col int
	message   string
}

func (f finding) String() string {
	return fmt.Sprintf("%s:%d:%d: %s", f.file, f.line, f.col, f.message)
}

var findingLine = regexp.MustCompile(`(?m)^(\S+\.go):(\d+):(\d+): (.*)$`)

// findings parses the findings in out, with file names relative to dir.
func findings(dir, out string) []finding {
	var fs []finding
	for _, m := range findingLine.FindAllStringSubmatch(out, -1) {
		file := m[1]
		if rel, err := filepath.Rel(dir, file); err == nil && filepath.IsAbs(file) {
			file = rel
		}
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		fs = append(fs, finding{filepath.ToSlash(strings.TrimPrefix(file, "./")), line, col, m[4]})
	}
	return fs
}

// A want is a finding expected in a file of the module.
type want struct {
	file    string // relative to the module root
	marker  string // text on its line, or "" if line is set
	line    int    // its line, if marker is ""
	col     int    // its column, or 0 for any
	message string // how its message starts
	fixed   bool   // a suggested fix removes it
}

// checkFindings checks that out, printed by a run in dir, holds exactly
// the findings wants (those a fix removes only if fixedToo) among those of
// the named checks in the files of wants, each message ending with its
// check's name.
func checkFindings(t *testing.T, label, dir, out string, checks []string, wants []want, fixedToo bool) {
	t.Helper()
	files := make(map[string]bool)
	var expected []want
	for _, w := range wants {
		files[w.file] = true
		if w.fixed && !fixedToo {
			continue
		}
		if w.marker != "" {
			w.line = lineOf(t, filepath.Join(dir, w.file), w.marker)
		}
		expected = append(expected, w)
	}
	var got []finding
	for _, f := range findings(dir, out) {
		if files[f.file] && slices.ContainsFunc(checks, func(c string) bool { return strings.HasSuffix(f.message, " ("+c+")") }) {
			got = append(got, f)
		}
	}
	// By line and message: a want may leave the column out.
	byLine := func(file string, line int, msg string) string {
		return fmt.Sprintf("%s:%06d:%s", file, line, msg)
	}
	slices.SortFunc(got, func(a, b finding) int {
		return strings.Compare(byLine(a.file, a.line, a.message), byLine(b.file, b.line, b.message))
	})
	slices.SortFunc(expected, func(a, b want) int {
		return strings.Compare(byLine(a.file, a.line, a.message), byLine(b.file, b.line, b.message))
	})
	if len(got) != len(expected) {
		t.Fatalf("%s: got %d findings of %v, want %d:\n%s", label, len(got), checks, len(expected), out)
	}
	for i, g := range got {
		w := expected[i]
		if g.file != w.file || g.line != w.line || w.col != 0 && g.col != w.col || !strings.HasPrefix(g.message, w.message) {
			t.Errorf("%s: finding %d = %s\nwant %s:%d:%d: %s...", label, i, g, w.file, w.line, w.col, w.message)
		}
	}
}

// lineOf returns the number of the only line of file that contains text,
// or, if text ends with a newline, that ends with text.
func lineOf(t *testing.T, file, text string) int {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	suffix, atEnd := strings.CutSuffix(text, "\n")
	for i, l := range strings.Split(string(data), "\n") {
		if atEnd && strings.HasSuffix(l, suffix) || !atEnd && strings.Contains(l, text) {
			if found != 0 {
				t.Fatalf("%s: %q is on lines %d and %d", file, text, found, i+1)
			}
			found = i + 1
		}
	}
	if found == 0 {
		t.Fatalf("%s: no line holds %q", file, text)
	}
	return found
}

// checkExit fails the test unless res exited with code.
func checkExit(t *testing.T, label string, res result, code int) {
	t.Helper()
	if res.code != code {
		t.Fatalf("%s: exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", label, res.code, code, res.stdout, res.stderr)
	}
}

// checkContains fails the test unless file holds each of texts.
func checkContains(t *testing.T, file string, texts ...string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range texts {
		if !strings.Contains(string(data), s) {
			t.Errorf("%s lacks\n%s\n---\n%s", filepath.Base(file), s, data)
		}
	}
}
