// Package e2e runs the built transportvet binary the way users do: as
// go vet -vettool, standalone with -fix and -json, on real modules.
//
// Each test module lives under testdata/ with its own go.mod and go.sum, and
// requires the real libraries (from the Go module proxy) rather than stubs.
// Tests copy the module to a temporary directory before running on it, so
// -fix never edits the repository.
package e2e

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// binary is the path of the transportvet binary built by TestMain.
var binary string

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	dir, err := os.MkdirTemp("", "transportvet-e2e")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	binary = filepath.Join(dir, "transportvet")
	if runtime.GOOS == "windows" {
		binary += ".exe"
	}
	build := exec.Command("go", "build", "-o", binary, "github.com/transportvet/transportvet/cmd/transportvet")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		println("building transportvet:", err.Error())
		return 1
	}
	return m.Run()
}

// copyModule copies the test module testdata/name into a new temporary
// directory and returns that directory.
func copyModule(t *testing.T, name string) string {
	t.Helper()
	src := filepath.Join("testdata", name)
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
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
	if err != nil {
		t.Fatalf("copying %s: %v", src, err)
	}
	return dst
}

// result is what one command printed and its exit code.
type result struct {
	stdout, stderr string
	code           int
}

// command runs name with args in dir and returns what it printed and its
// exit code. It fails the test only if the command could not be started.
func command(t *testing.T, dir, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			t.Fatalf("running %s %v: %v", name, args, err)
		}
		code = exit.ExitCode()
	}
	return result{stdout.String(), stderr.String(), code}
}

// vet runs go vet -vettool=transportvet on dir with the given extra arguments.
func vet(t *testing.T, dir string, args ...string) result {
	t.Helper()
	return command(t, dir, "go", append([]string{"vet", "-vettool=" + binary}, args...)...)
}

// standalone runs the transportvet binary itself on dir.
func standalone(t *testing.T, dir string, args ...string) result {
	t.Helper()
	return command(t, dir, binary, args...)
}

// A marked finding is one expected on the line of a marker comment.
type marked struct {
	marker  string // text on the expected line, e.g. "// finding: charge"
	message string // how the message starts
	fixed   bool   // a suggested fix removes the finding
}

// checkMarked checks that res exited with wantCode and reported exactly the
// findings wants in file of dir (those a fix removes only if fixedToo), each
// message starting with its want's message and ending with suffix, if any.
func checkMarked(t *testing.T, res result, wantCode int, dir, file string, wants []marked, fixedToo bool, suffix string) {
	t.Helper()
	if res.code != wantCode {
		t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", res.code, wantCode, res.stdout, res.stderr)
	}
	got := findings(res.stdout + res.stderr)
	var expected []finding
	for _, w := range wants {
		if w.fixed && !fixedToo {
			continue
		}
		expected = append(expected, finding{file, lineOf(t, dir, file, w.marker, false), w.message})
	}
	order := func(a, b finding) int {
		if a.line != b.line {
			return a.line - b.line
		}
		return strings.Compare(a.message, b.message)
	}
	slices.SortFunc(expected, order)
	slices.SortFunc(got, order)
	if len(got) != len(expected) {
		t.Fatalf("got %d findings, want %d:\n%s%s", len(got), len(expected), res.stdout, res.stderr)
	}
	for i := range got {
		g, w := got[i], expected[i]
		if g.file != w.file || g.line != w.line || !strings.HasPrefix(g.message, w.message) || !strings.HasSuffix(g.message, suffix) {
			t.Errorf("finding %d = %s:%d: %s\nwant %s:%d: %s...%s", i, g.file, g.line, g.message, w.file, w.line, w.message, suffix)
		}
	}
}
