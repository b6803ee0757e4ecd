package e2e

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestFix checks transportvet -fix as a CI step would run it: it applies
// every fix, overlapping ones in more rounds, leaves a module that builds
// and is gofmt-clean, still prints the findings that have no fix, and exits
// 3 because they remain; a second -fix changes nothing.
func TestFix(t *testing.T) {
	dir, res := fixed(t)
	checkExit(t, "-fix", res, 3)
	if ok, _ := regexp.MatchString(`(?m)^transportvet: applied \d+ fixes to 6 files in 2 rounds$`, res.stderr); !ok {
		t.Errorf("-fix does not say what it applied in two rounds:\n%s", res.stderr)
	}
	remaining := len(findings(dir, res.stderr))
	if remaining == 0 {
		t.Fatalf("-fix printed no remaining finding:\n%s", res.stderr)
	}
	if res := command(t, dir, "go", "build", "./..."); res.code != 0 {
		t.Fatalf("the fixed module does not build:\n%s%s", res.stdout, res.stderr)
	}
	if res := command(t, dir, "gofmt", "-l", "."); res.code != 0 || strings.TrimSpace(res.stdout) != "" {
		t.Errorf("the fixed module is not gofmt-clean: %q %s", res.stdout, res.stderr)
	}

	again := copyOf(t, dir)
	res2 := standalone(t, again, "-fix", "./...")
	checkExit(t, "second -fix", res2, 3)
	if strings.Contains(res2.stderr, "applied") || len(findings(again, res2.stderr)) != remaining {
		t.Errorf("second -fix:\n%s", res2.stderr)
	}
	sameTrees(t, dir, again, nil)
}

// TestFixNothingLeft checks that -fix exits 0 when it fixed every finding:
// its last analysis found none.
func TestFixNothingLeft(t *testing.T) {
	dir := copyModule(t)
	res := standalone(t, dir, "-retrybody", "-fix", "./retrystorm/...")
	checkExit(t, "-retrybody -fix", res, 0)
	if res.stderr != "transportvet: applied 2 fixes to 1 file\n" {
		t.Errorf("-retrybody -fix printed:\n%s", res.stderr)
	}
}

// TestDiff checks that -diff changes no file, prints the diff of what -fix
// does (git apply makes the same files), prints the findings that -fix
// would leave, and exits 3.
func TestDiff(t *testing.T) {
	dir := copyModule(t)
	res := standalone(t, dir, "-diff", "./...")
	checkExit(t, "-diff", res, 3)
	sameTrees(t, shared, dir, nil)
	fixedDir, fixRes := fixed(t)
	if got, want := len(findings(dir, res.stderr)), len(findings(fixedDir, fixRes.stderr)); got != want {
		t.Errorf("-diff printed %d findings, -fix leaves %d:\n%s", got, want, res.stderr)
	}

	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git to apply the diff with")
	}
	patch := filepath.Join(t.TempDir(), "fix.diff")
	if err := os.WriteFile(patch, []byte(res.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	if res := command(t, dir, "git", "apply", "--unsafe-paths", patch); res.code != 0 {
		t.Fatalf("git apply: %s\n%s", res.stderr, res.stdout)
	}
	sameTrees(t, fixedDir, dir, nil)
}

// TestGoFix checks that go fix -fixtool applies the fixes that transportvet
// -fix applies, but for the overlapping ones (nested.go), which go fix, as
// x/tools' unitchecker does, leaves unapplied with "Re-run".
func TestGoFix(t *testing.T) {
	dir := copyModule(t)
	res := command(t, dir, "go", "fix", "-fixtool="+binary,
		"./dispatcher/client", "./retryidempotency/...", "./retrystorm/...", "./suppress/...", "./transportclose/...")
	checkExit(t, "go fix -fixtool", res, 0)
	fixedDir, _ := fixed(t)
	sameTrees(t, fixedDir, dir, map[string]bool{nestedFile: true})
}

// copyOf copies dir to a new temporary directory.
func copyOf(t *testing.T, dir string) string {
	t.Helper()
	dst := t.TempDir()
	if err := copyDir(dir, dst); err != nil {
		t.Fatal(err)
	}
	return dst
}

// sameTrees checks that the .go files of a and b are the same, but for
// those in skip (relative to the roots).
func sameTrees(t *testing.T, a, b string, skip map[string]bool) {
	t.Helper()
	n := 0
	err := filepath.WalkDir(a, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		rel, _ := filepath.Rel(a, path)
		if skip[filepath.ToSlash(rel)] {
			return nil
		}
		n++
		x, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil {
			return err
		}
		if string(x) != string(y) {
			t.Errorf("%s differs:\n--- %s\n%s\n--- %s\n%s", rel, a, x, b, y)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatalf("no .go file in %s", a)
	}
}
