// Package integration tests the gopls that ../build.sh builds with
// transportvet's analyzers, the way editors and users drive it: "gopls
// check" and "gopls codeaction" on copies of ../testdata/checks (one package
// per check, standard library only), of the repository's examples and of
// e2e/testdata/mod, a headless Neovim attached to it over LSP, and,
// where installed, Emacs with eglot.
//
// Each test compares gopls with the standalone transportvet command on the
// same code, so it holds whatever findings and fixes the analyzers have
// today.
//
// GOPLS names a prebuilt gopls (test.sh passes the one build.sh made);
// without it, TestMain runs build.sh itself.
package integration

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

var (
	// gopls and transportvet are the binaries under test.
	gopls, transportvet string
	// root is the transportvet repository.
	root string
	// goplsCache is the GOPLSCACHE of every gopls the tests start: gopls
	// keeps analysis results there across runs.
	goplsCache string
)

// checks are the transportvet analyzers that report findings by default,
// each with a package of its name in testdata/checks.
var checks = []string{"dispatcher", "retrybody", "retryidempotency", "retrystorm", "transportclose"}

// analyzers are all of transportvet's analyzers: checks, and retry, which
// reports only with -retry.explain.
var analyzers = append([]string{"retry"}, checks...)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	wd, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	root = filepath.Join(wd, "..", "..")
	tmp, err := os.MkdirTemp("", "transportvet-gopls")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(tmp)
	goplsCache = filepath.Join(tmp, "gopls-cache")
	transportvet = filepath.Join(tmp, "transportvet")
	build := exec.Command("go", "build", "-o", transportvet, "./cmd/transportvet")
	build.Dir = root
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building transportvet:", err)
		return 1
	}
	gopls = os.Getenv("GOPLS")
	if gopls == "" {
		gopls = filepath.Join(tmp, "gopls")
		build := exec.Command("bash", filepath.Join(root, "gopls", "build.sh"), gopls)
		build.Stdout, build.Stderr = os.Stdout, os.Stderr
		if err := build.Run(); err != nil {
			fmt.Fprintln(os.Stderr, "building gopls:", err)
			return 1
		}
	}
	return m.Run()
}

type result struct {
	stdout, stderr string
	code           int
}

// command runs name with args in dir, with the environment less
// TRANSPORTVET_FLAGS, plus env.
func command(t *testing.T, dir string, env []string, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, "TRANSPORTVET_FLAGS=") || strings.HasPrefix(kv, "GOPLSCACHE=")
	}), "GOFLAGS=-mod=mod", "GOPLSCACHE="+goplsCache)
	cmd.Env = append(cmd.Env, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("running %s %v: %v", name, args, err)
	}
	t.Logf("%s %s: exit %d in %.1fs", filepath.Base(name), strings.Join(args, " "), cmd.ProcessState.ExitCode(), time.Since(start).Seconds())
	return result{stdout.String(), stderr.String(), cmd.ProcessState.ExitCode()}
}

// copyModule copies the module in dir (relative to the repository root) to a
// new temporary directory and returns it.
func copyModule(t *testing.T, dir string) string {
	t.Helper()
	src := filepath.Join(root, dir)
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// goFiles returns the contents of the .go files under dir, by path
// relative to it.
func goFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := make(map[string]string)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// A finding is one diagnostic: file relative to the module, position, check
// and message (which ends with the check's name).
type finding struct {
	File         string
	Line, Column int
	Check        string
	Message      string
	// Fixes are the messages of the suggested fixes (standalone only).
	Fixes []string `json:"-"`
}

func (f finding) String() string {
	return fmt.Sprintf("%s:%d:%d: [%s] %s", f.File, f.Line, f.Column, f.Check, f.Message)
}

// sorted sorts fs and drops duplicates (the standalone command reports a
// package's findings again for its test variant).
func sorted(fs []finding) []finding {
	slices.SortFunc(fs, func(a, b finding) int { return strings.Compare(a.String(), b.String()) })
	return slices.CompactFunc(fs, func(a, b finding) bool { return a.String() == b.String() })
}

func list(fs []finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "\t%s\n", f)
	}
	return b.String()
}

// checkLine is a line of "gopls check": FILE:LINE:COL[-[LINE:]COL]: MESSAGE.
var checkLine = regexp.MustCompile(`^(.*?):(\d+):(\d+)(?:-(?:\d+:)?\d+)?: (.*)$`)

// checkSuffix is the check's name at the end of a transportvet message.
var checkSuffix = regexp.MustCompile(` \(([a-z]+)\)$`)

// goplsCheck runs gopls check on every .go file of the module in dir, with
// env added to its environment, and returns transportvet's findings among
// what it prints: the lines whose message ends with one of its analyzers'
// names.
func goplsCheck(t *testing.T, dir string, env ...string) []finding {
	t.Helper()
	files := slices.Sorted(func(yield func(string) bool) {
		for f := range goFiles(t, dir) {
			if !yield(f) {
				return
			}
		}
	})
	res := command(t, dir, env, gopls, append([]string{"check"}, files...)...)
	if res.code != 0 {
		t.Fatalf("gopls check: exit code %d\nstdout:\n%s\nstderr:\n%s", res.code, res.stdout, res.stderr)
	}
	var fs []finding
	for _, line := range strings.Split(strings.TrimSpace(res.stdout), "\n") {
		m := checkLine.FindStringSubmatch(line)
		if m == nil {
			if line != "" {
				t.Errorf("gopls check printed %q, not FILE:LINE:COL: MESSAGE", line)
			}
			continue
		}
		check := ""
		if c := checkSuffix.FindStringSubmatch(m[4]); c != nil && slices.Contains(analyzers, c[1]) {
			check = c[1]
		}
		if check == "" {
			t.Logf("not transportvet's: %s", line)
			continue
		}
		rel, err := filepath.Rel(dir, m[1])
		if err != nil {
			t.Fatal(err)
		}
		l, _ := strconv.Atoi(m[2])
		c, _ := strconv.Atoi(m[3])
		fs = append(fs, finding{File: filepath.ToSlash(rel), Line: l, Column: c, Check: check, Message: m[4]})
	}
	return sorted(fs)
}

// standalone runs transportvet -json with args on the packages of the module
// in dir and returns its findings, with the messages of their fixes.
func standalone(t *testing.T, dir string, args ...string) []finding {
	t.Helper()
	res := command(t, dir, nil, transportvet, append(append([]string{"-json"}, args...), "./...")...)
	if res.code != 0 {
		t.Fatalf("transportvet -json %v: exit code %d\n%s", args, res.code, res.stderr)
	}
	// {"pkgpath": {"analyzer": [{"posn": "file:line:col", "message": ...}]}}
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(res.stdout), &tree); err != nil {
		t.Fatalf("transportvet -json: %v\n%s", err, res.stdout)
	}
	var fs []finding
	for _, byCheck := range tree {
		for check, raw := range byCheck {
			var diags []struct {
				Posn, Message  string
				SuggestedFixes []struct{ Message string } `json:"suggested_fixes"`
			}
			if err := json.Unmarshal(raw, &diags); err != nil {
				t.Fatalf("transportvet -json: %s: %v (%s)", check, err, raw)
			}
			for _, d := range diags {
				rest, col, _ := cutLast(d.Posn, ":")
				file, line, _ := cutLast(rest, ":")
				l, err1 := strconv.Atoi(line)
				c, err2 := strconv.Atoi(col)
				rel, err3 := filepath.Rel(dir, file)
				if err := errors.Join(err1, err2, err3); err != nil {
					t.Fatalf("bad position %q: %v", d.Posn, err)
				}
				f := finding{File: filepath.ToSlash(rel), Line: l, Column: c, Check: check, Message: d.Message}
				for _, fix := range d.SuggestedFixes {
					f.Fixes = append(f.Fixes, fix.Message)
				}
				fs = append(fs, f)
			}
		}
	}
	return sorted(fs)
}

func cutLast(s, sep string) (string, string, bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// sameFindings fails the test unless gopls and the standalone command found
// the same things.
func sameFindings(t *testing.T, what string, gopls, std []finding) {
	t.Helper()
	if !slices.EqualFunc(gopls, std, func(a, b finding) bool { return a.String() == b.String() }) {
		t.Errorf("%s: gopls check found\n%sstandalone transportvet found\n%s", what, list(gopls), list(std))
	}
}

// byCheck counts findings by check.
func byCheck(fs []finding) map[string]int {
	n := make(map[string]int)
	for _, f := range fs {
		n[f.Check]++
	}
	return n
}

// TestCheck checks that gopls check reports on testdata/checks what
// transportvet reports, and a finding of every check.
func TestCheck(t *testing.T) {
	dir := copyModule(t, "gopls/testdata/checks")
	got := goplsCheck(t, dir)
	sameFindings(t, "testdata/checks", got, standalone(t, dir))
	n := byCheck(got)
	for _, c := range checks {
		if n[c] == 0 {
			t.Errorf("gopls check reported no finding of %s", c)
		}
	}
}

// TestExamples checks that gopls check reports on the example module (which
// requires grpc-go and retry libraries) what transportvet reports on it, and
// on the e2e tests' module (its suppress package), that //transportvet:ignore silences
// under gopls what it silences on the command line, generated files too.
func TestExamples(t *testing.T) {
	for _, mod := range []string{"examples", "e2e/testdata/mod"} {
		t.Run(strings.ReplaceAll(mod, "/", "_"), func(t *testing.T) {
			dir := copyModule(t, mod)
			got := goplsCheck(t, dir)
			sameFindings(t, mod, got, standalone(t, dir))
			t.Logf("gopls check: %d findings of transportvet on %s: %v", len(got), mod, byCheck(got))
			if len(got) == 0 {
				t.Fatalf("no findings on %s: the comparison proved nothing", mod)
			}
		})
	}
}

// TestFlags checks that TRANSPORTVET_FLAGS reaches the analyzers under
// gopls as the same flags reach them on the command line, and that gopls
// does not hand a run with other options the results that it cached for
// the defaults, nor the other way round.
func TestFlags(t *testing.T) {
	dir := copyModule(t, "gopls/testdata/checks")
	const flags = "-retry.explain -transportclose.tests"
	defaults := goplsCheck(t, dir) // fills the cache for the defaults
	with := goplsCheck(t, dir, "TRANSPORTVET_FLAGS="+flags)
	sameFindings(t, "TRANSPORTVET_FLAGS="+flags, with, standalone(t, dir, strings.Fields(flags)...))
	if n := byCheck(with)["retry"]; n == 0 {
		t.Errorf("with -retry.explain, gopls check reported no retry region")
	}
	if !slices.ContainsFunc(with, func(f finding) bool { return strings.HasSuffix(f.File, "_test.go") }) {
		t.Errorf("with -transportclose.tests, gopls check reported nothing in a _test.go file")
	}
	again := goplsCheck(t, dir)
	sameFindings(t, "defaults after TRANSPORTVET_FLAGS", again, defaults)
}

// TestBadFlags checks that gopls refuses to start with options that
// transportvet does not know, and says why.
func TestBadFlags(t *testing.T) {
	for flags, want := range map[string]string{
		"-retry.funcs":                  "flag needs an argument: -retry.funcs",
		"-fix":                          "flag provided but not defined: -fix",
		"-retrystorm=false":             "flag provided but not defined: -retrystorm",
		"-transportclose.tests=maybe":   `invalid boolean value "maybe" for -transportclose.tests`,
		"-retry.funcs=nodot":            "-retry.funcs",
		"-transportclose.tests ./...":   `"./..." is not a flag`,
		"-dispatcher.packages=a -retry": "flag provided but not defined: -retry",
	} {
		res := command(t, root, []string{"TRANSPORTVET_FLAGS=" + flags}, gopls, "version")
		if res.code == 0 || !strings.Contains(res.stderr, "transportvet: TRANSPORTVET_FLAGS: ") || !strings.Contains(res.stderr, want) {
			t.Errorf("TRANSPORTVET_FLAGS=%q: gopls version exited %d, stderr:\n%s\nwant an error naming TRANSPORTVET_FLAGS and saying %q", flags, res.code, res.stderr, want)
		}
	}
	if res := command(t, root, []string{"TRANSPORTVET_FLAGS=  -transportclose.tests=false  "}, gopls, "version"); res.code != 0 {
		t.Errorf("TRANSPORTVET_FLAGS set to the defaults: gopls version exited %d\n%s", res.code, res.stderr)
	}
}

// TestQuickFix checks, for each check, that gopls codeaction -exec applies
// the check's quick fix as transportvet -fix applies it: each package of
// testdata/checks has exactly one fixable finding.
func TestQuickFix(t *testing.T) {
	all := standalone(t, filepath.Join(root, "gopls", "testdata", "checks"))
	for _, check := range checks {
		t.Run(check, func(t *testing.T) {
			var fixable []finding
			for _, f := range all {
				if strings.HasPrefix(f.File, check+"/") && len(f.Fixes) > 0 {
					fixable = append(fixable, f)
				}
			}
			if len(fixable) != 1 || fixable[0].Check != check || len(fixable[0].Fixes) != 1 {
				t.Fatalf("testdata/checks/%s: want one finding of %s with one fix, found\n%s", check, check, list(fixable))
			}
			f := fixable[0]

			std := copyModule(t, "gopls/testdata/checks")
			if res := command(t, std, nil, transportvet, "-fix", "./"+check); res.code != 0 && res.code != 3 {
				t.Fatalf("transportvet -fix: exit code %d\n%s", res.code, res.stderr)
			}
			gp := copyModule(t, "gopls/testdata/checks")
			posn := fmt.Sprintf("%s:%d:%d", filepath.Join(gp, f.File), f.Line, f.Column)
			title := "^" + regexp.QuoteMeta(f.Fixes[0]) + "$"
			if res := command(t, gp, nil, gopls, "codeaction", "-kind=quickfix", "-title="+title, "-exec", "-write", posn); res.code != 0 {
				t.Fatalf("gopls codeaction: exit code %d\nstdout:\n%s\nstderr:\n%s", res.code, res.stdout, res.stderr)
			}

			before, after, want := goFiles(t, filepath.Join(root, "gopls", "testdata", "checks")), goFiles(t, gp), goFiles(t, std)
			if after[f.File] == before[f.File] {
				t.Errorf("gopls codeaction did not change %s", f.File)
			}
			for name := range want {
				if after[name] != want[name] {
					t.Errorf("%s after gopls codeaction %q:\n%s\nafter transportvet -fix:\n%s", name, f.Fixes[0], after[name], want[name])
				}
			}
		})
	}
}

// TestNeovim attaches a real editor to gopls: a headless Neovim (nvim.lua)
// opens testdata/checks/editor/editor.go, which has findings of two checks,
// waits for both as LSP diagnostics, and applies retrystorm's quick fix
// through its code-action menu; the file it writes must be what
// transportvet -retrystorm -fix makes of it. A second Neovim turns
// transportclose off with gopls's "analyses" setting and must see
// retrystorm's diagnostic but not transportclose's.
func TestNeovim(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		if os.Getenv("TRANSPORTVET_NEED_NVIM") != "" {
			t.Fatal("nvim not found, and TRANSPORTVET_NEED_NVIM is set")
		}
		t.Skip("nvim not found (Debian package neovim)")
	}
	script, err := filepath.Abs("nvim.lua")
	if err != nil {
		t.Fatal(err)
	}
	const file = "editor/editor.go"
	const fix = "Wait with a select on ctx.Done() and time.After"
	editor := func(t *testing.T, dir string, env ...string) {
		t.Helper()
		env = append(env, "TV_GOPLS="+gopls, "TV_ROOT="+dir, "TV_FILE="+filepath.Join(dir, file))
		res := command(t, dir, env, "timeout", "150", nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", "luafile "+script)
		t.Logf("Neovim:\n%s%s", res.stdout, res.stderr)
		if res.code != 0 {
			t.Fatalf("nvim exited %d", res.code)
		}
	}

	t.Run("fix", func(t *testing.T) {
		std := copyModule(t, "gopls/testdata/checks")
		if res := command(t, std, nil, transportvet, "-retrystorm", "-fix", "./editor"); res.code != 0 && res.code != 3 {
			t.Fatalf("transportvet -fix: exit code %d\n%s", res.code, res.stderr)
		}
		dir := copyModule(t, "gopls/testdata/checks")
		editor(t, dir, "TV_WANT=retrystorm,transportclose", "TV_FIX="+fix)
		got, want := goFiles(t, dir)[file], goFiles(t, std)[file]
		if got != want {
			t.Errorf("%s written by Neovim:\n%s\nafter transportvet -retrystorm -fix:\n%s", file, got, want)
		}
		if got == goFiles(t, filepath.Join(root, "gopls", "testdata", "checks"))[file] {
			t.Errorf("the quick fix did not change %s", file)
		}
	})
	t.Run("analyses", func(t *testing.T) {
		editor(t, copyModule(t, "gopls/testdata/checks"), "TV_WANT=retrystorm", "TV_DISABLE=transportclose")
	})
}

// TestEmacs runs docs/editors.md's Emacs recipe (eglot.el): eglot starts
// gopls through env with TRANSPORTVET_FLAGS=-retry.explain, and its
// workspace configuration turns gopls's rangeint off; it must see
// retrystorm's, transportclose's and retry's diagnostics in
// testdata/checks/editor/editor.go, and its quick fix for retrystorm must
// write what transportvet -retrystorm -fix writes. Skipped where Emacs with
// eglot is not installed (Debian: emacs-nox and elpa-eglot); .ci/run does
// not install them.
func TestEmacs(t *testing.T) {
	emacs, err := exec.LookPath("emacs")
	if err != nil {
		t.Skip("emacs not found")
	}
	probe := exec.Command(emacs, "--batch", "-Q", "--eval",
		`(progn (require 'package) (add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa") (package-initialize) (require 'eglot))`)
	if out, err := probe.CombinedOutput(); err != nil {
		t.Skipf("emacs cannot load eglot: %v\n%s", err, out)
	}
	script, err := filepath.Abs("eglot.el")
	if err != nil {
		t.Fatal(err)
	}
	const file = "editor/editor.go"
	std := copyModule(t, "gopls/testdata/checks")
	if res := command(t, std, nil, transportvet, "-retrystorm", "-fix", "./editor"); res.code != 0 && res.code != 3 {
		t.Fatalf("transportvet -fix: exit code %d\n%s", res.code, res.stderr)
	}
	dir := copyModule(t, "gopls/testdata/checks")
	if res := command(t, dir, nil, "git", "init", "-q", "."); res.code != 0 { // eglot's project
		t.Fatalf("git init: %s", res.stderr)
	}
	res := command(t, dir, []string{
		"TV_GOPLS=" + gopls, "TV_FILE=" + filepath.Join(dir, file), "TV_FLAGS=-retry.explain",
		"TV_WANT=retrystorm,transportclose,retry", "TV_FIX=Wait with a select on ctx.Done() and time.After",
	}, "timeout", "150", emacs, "--batch", "-Q", "-l", script)
	t.Logf("Emacs:\n%s%s", res.stdout, res.stderr)
	if res.code != 0 {
		t.Fatalf("emacs exited %d", res.code)
	}
	if got, want := goFiles(t, dir)[file], goFiles(t, std)[file]; got != want {
		t.Errorf("%s saved by Emacs:\n%s\nafter transportvet -retrystorm -fix:\n%s", file, got, want)
	}
}
