// Package integration tests the custom golangci-lint build (../build.sh) the
// way users run it: golangci-lint run, with a .golangci.yml that enables the
// transportvet module plugin, on the repository's example module and on the
// suppression package of the e2e tests (as a module of its own), both copied
// to temporary directories.
//
// It compares golangci-lint's findings and fixes with those of the
// standalone transportvet command on the same code, so it holds whatever
// findings the analyzers have today, and it checks //nolint:transportvet,
// //transportvet:ignore, the plugin's settings and SARIF output.
//
// GOLANGCI_LINT names a prebuilt binary (test.sh passes the one build.sh
// made); without it, TestMain runs build.sh itself.
package integration

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var (
	// golangciLint and transportvet are the binaries under test.
	golangciLint, transportvet string
	// root is the transportvet repository.
	root string
	// lintCache is golangci-lint's cache for this test run.
	lintCache string
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	wd, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	root = filepath.Join(wd, "..", "..")
	tmp, err := os.MkdirTemp("", "transportvet-golangci")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(tmp)
	lintCache = filepath.Join(tmp, "lint-cache")
	exe := ""
	if runtime.GOOS == "windows" {
		exe = ".exe"
	}
	transportvet = filepath.Join(tmp, "transportvet"+exe)
	build := exec.Command("go", "build", "-o", transportvet, "./cmd/transportvet")
	build.Dir = root
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building transportvet:", err)
		return 1
	}
	golangciLint = os.Getenv("GOLANGCI_LINT")
	if golangciLint == "" {
		golangciLint = filepath.Join(tmp, "golangci-lint"+exe)
		build := exec.Command("bash", filepath.Join(root, "golangci", "build.sh"), golangciLint)
		build.Stdout, build.Stderr = os.Stdout, os.Stderr
		if err := build.Run(); err != nil {
			fmt.Fprintln(os.Stderr, "building golangci-lint:", err)
			return 1
		}
	}
	return m.Run()
}

// copyModule copies the module in dir (relative to the repository root) to a
// new temporary directory, writes config there as .golangci.yml, and returns
// the new directory.
func copyModule(t *testing.T, dir, config string) string {
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
	if err := os.WriteFile(filepath.Join(dst, ".golangci.yml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// suppressModule makes a module of the e2e tests' suppress package, with
// the e2e module's go.mod and go.sum, writes config there as .golangci.yml,
// and returns its directory.
func suppressModule(t *testing.T, config string) string {
	t.Helper()
	dst := t.TempDir()
	for _, name := range []string{"go.mod", "go.sum", "suppress/suppress.go", "suppress/gen.go", ".golangci.yml"} {
		data := []byte(config)
		if name != ".golangci.yml" {
			var err error
			if data, err = os.ReadFile(filepath.Join(root, "e2e", "testdata", "mod", filepath.FromSlash(name))); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(dst, filepath.Base(name)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// config returns a .golangci.yml that runs only transportvet, with settings
// (YAML, indented to sit under settings:) and no limits on the issues shown.
func config(settings string) string {
	if settings == "" {
		settings = "{}"
	}
	return `version: "2"
linters:
  default: none
  enable:
    - transportvet
  settings:
    custom:
      transportvet:
        type: module
        description: transportvet's HTTP and gRPC client checks
        original-url: https://github.com/transportvet/transportvet
        settings: ` + settings + `
issues:
  max-issues-per-linter: 0
  max-same-issues: 0
  uniq-by-line: false
`
}

// result is what a command printed and its exit code.
type result struct {
	stdout, stderr string
	code           int
}

func command(t *testing.T, dir, name string, args ...string) result {
	t.Helper()
	if name == golangciLint && len(args) > 0 && args[0] == "run" {
		// golangci-lint refuses to run next to another golangci-lint (an
		// editor's, say) unless told to; the tests share nothing with one.
		args = append([]string{"run", "--allow-parallel-runners"}, args[1:]...)
	}
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOLANGCI_LINT_CACHE="+lintCache)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("running %s %v: %v", name, args, err)
	}
	return result{stdout.String(), stderr.String(), cmd.ProcessState.ExitCode()}
}

// A finding is one diagnostic: file relative to the module, position, check
// and message (without the check's name).
type finding struct {
	File         string
	Line, Column int
	Check        string
	Message      string
}

func (f finding) String() string {
	return fmt.Sprintf("%s:%d:%d: [%s] %s", f.File, f.Line, f.Column, f.Check, f.Message)
}

// lint runs golangci-lint run in dir with extra args and returns its
// findings, failing the test unless it exits with one of codes.
func lint(t *testing.T, dir string, args ...string) []finding {
	t.Helper()
	out := filepath.Join(t.TempDir(), "issues.json")
	res := command(t, dir, golangciLint, append([]string{"run", "--output.json.path=" + out, "--show-stats=false"}, args...)...)
	if res.code != 0 && res.code != 1 {
		t.Fatalf("golangci-lint run %v: exit code %d\nstdout:\n%s\nstderr:\n%s", args, res.code, res.stdout, res.stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var report struct {
		Issues []struct {
			FromLinter string
			Text       string
			Pos        struct {
				Filename     string
				Line, Column int
			}
		}
	}
	if err := json.Unmarshal(data, &report); err != nil {
		t.Fatalf("golangci-lint JSON: %v\n%s", err, data)
	}
	var fs []finding
	for _, is := range report.Issues {
		if is.FromLinter != "transportvet" {
			t.Errorf("issue from linter %q, want transportvet: %s", is.FromLinter, is.Text)
		}
		// golangci-lint prefixes the message with the analyzer's name.
		check, msg, ok := strings.Cut(is.Text, ": ")
		if !ok {
			t.Errorf("issue text %q does not start with an analyzer name", is.Text)
		}
		fs = append(fs, finding{filepath.ToSlash(is.Pos.Filename), is.Pos.Line, is.Pos.Column, check, msg})
	}
	if (res.code == 1) != (len(fs) > 0) {
		t.Errorf("golangci-lint exit code %d with %d issues", res.code, len(fs))
	}
	return sorted(fs)
}

// standalone runs transportvet -json in dir with extra args and returns its
// findings.
func standalone(t *testing.T, dir string, args ...string) []finding {
	t.Helper()
	res := command(t, dir, transportvet, append([]string{"-json"}, append(args, "./...")...)...)
	if res.code != 0 {
		t.Fatalf("transportvet -json %v: exit code %d\n%s", args, res.code, res.stderr)
	}
	// {"pkgpath": {"analyzer": [{"posn": "file:line:col", "message": ...}]}}
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(res.stdout), &tree); err != nil {
		t.Fatalf("transportvet -json: %v\n%s", err, res.stdout)
	}
	var fs []finding
	for _, checks := range tree {
		for check, raw := range checks {
			var diags []struct{ Posn, Message string }
			if err := json.Unmarshal(raw, &diags); err != nil {
				t.Fatalf("transportvet -json: %s: %v (%s)", check, err, raw)
			}
			for _, d := range diags {
				// The command's messages end with the check's name, which
				// golangci-lint shows before the message instead.
				msg, ok := strings.CutSuffix(d.Message, " ("+check+")")
				if !ok {
					t.Errorf("transportvet -json: message does not end with its check's name: %s", d.Message)
				}
				fs = append(fs, posnFinding(t, dir, d.Posn, check, msg))
			}
		}
	}
	return sorted(fs)
}

func posnFinding(t *testing.T, dir, posn, check, msg string) finding {
	t.Helper()
	rest, col, _ := cutLast(posn, ":")
	file, line, _ := cutLast(rest, ":")
	l, err1 := strconv.Atoi(line)
	c, err2 := strconv.Atoi(col)
	if err1 != nil || err2 != nil {
		t.Fatalf("bad position %q", posn)
	}
	rel, err := filepath.Rel(dir, file)
	if err != nil {
		t.Fatal(err)
	}
	return finding{filepath.ToSlash(rel), l, c, check, msg}
}

func cutLast(s, sep string) (string, string, bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

func sorted(fs []finding) []finding {
	slices.SortFunc(fs, func(a, b finding) int { return strings.Compare(a.String(), b.String()) })
	return fs
}

func list(fs []finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "\t%s\n", f)
	}
	return b.String()
}

// sameFindings fails the test unless golangci-lint and the standalone
// command found the same things, golangci-lint naming each check once.
func sameFindings(t *testing.T, what string, gcl, std []finding) {
	t.Helper()
	if !slices.Equal(gcl, std) {
		t.Errorf("%s: golangci-lint found\n%sstandalone transportvet found\n%s", what, list(gcl), list(std))
	}
	for _, f := range gcl {
		if strings.HasSuffix(f.Message, " ("+f.Check+")") {
			t.Errorf("%s: golangci-lint names the check twice: %s", what, f)
		}
	}
}

// TestExamples checks that golangci-lint reports on the example module what
// transportvet reports on it.
func TestExamples(t *testing.T) {
	dir := copyModule(t, "examples", config(""))
	gcl := lint(t, dir, "./...")
	sameFindings(t, "examples", gcl, standalone(t, dir))
	checks := make(map[string]int)
	for _, f := range gcl {
		checks[f.Check]++
	}
	t.Logf("%d findings on examples/ by check: %v", len(gcl), checks)
	if len(gcl) == 0 {
		t.Fatal("no findings on examples/: the comparison proved nothing")
	}
}

// TestExamplesFix checks that golangci-lint run --fix leaves the example
// module as transportvet -fix does.
func TestExamplesFix(t *testing.T) {
	gclDir := copyModule(t, "examples", config(""))
	stdDir := copyModule(t, "examples", config(""))
	lint(t, gclDir, "--fix", "./...")
	if res := command(t, stdDir, transportvet, "-fix", "./..."); res.code != 0 && res.code != 3 {
		t.Fatalf("transportvet -fix: exit code %d\n%s", res.code, res.stderr)
	}
	gcl, std := goFiles(t, gclDir), goFiles(t, stdDir)
	orig := goFiles(t, filepath.Join(root, "examples"))
	changed := 0
	for _, name := range slices.Sorted(maps.Keys(std)) {
		if std[name] != orig[name] {
			changed++
		}
		if gcl[name] != std[name] {
			t.Errorf("%s after golangci-lint --fix:\n%s\nafter transportvet -fix:\n%s", name, gcl[name], std[name])
		}
	}
	t.Logf("transportvet -fix changed %d files of examples/", changed)
	if changed == 0 {
		t.Fatal("no fix changed examples/: the comparison proved nothing")
	}
}

// goFiles returns the text of every .go file under dir, by relative path.
func goFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := make(map[string]string)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// lineOf returns the number of the only line of file that contains text.
func lineOf(t *testing.T, file, text string) int {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for i, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, text) {
			if n != 0 {
				t.Fatalf("%s: %q on lines %d and %d", file, text, n, i+1)
			}
			n = i + 1
		}
	}
	if n == 0 {
		t.Fatalf("%s: no line holds %q", file, text)
	}
	return n
}

// lines returns the lines of the findings, sorted.
func lines(fs []finding) []int {
	var ls []int
	for _, f := range fs {
		ls = append(ls, f.Line)
	}
	slices.Sort(ls)
	return ls
}

// TestSuppress checks //transportvet:ignore and //nolint:transportvet under
// golangci-lint, on the e2e suppress package (see e2e/suppress_test.go).
func TestSuppress(t *testing.T) {
	dir := suppressModule(t, config("{enable: [dispatcher]}"))
	file := filepath.Join(dir, "suppress.go")
	gcl := lint(t, dir, "./...")
	sameFindings(t, "suppress", gcl, standalone(t, dir, "-dispatcher"))
	want := []int{
		lineOf(t, file, "reported:443"),
		lineOf(t, file, "othercheck:443"),
		lineOf(t, file, "noreason:443") - 1, // the directive without a reason
		lineOf(t, file, "noreason:443"),
		lineOf(t, file, "unknown:443") - 1, // the directive naming no check
		lineOf(t, file, "unknown:443"),
	}
	slices.Sort(want)
	if got := lines(gcl); !slices.Equal(got, want) {
		t.Fatalf("findings on lines %v, want %v:\n%s", got, want, list(gcl))
	}

	// //nolint:transportvet silences every check of the plugin on its line;
	// //nolint:dispatcher does not, since golangci-lint knows only the
	// linter transportvet.
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(data), `"passthrough:///reported:443")`, `"passthrough:///reported:443") //nolint:transportvet // the test server speaks only Dial`, 1)
	text = strings.Replace(text, `"passthrough:///othercheck:443")`, `"passthrough:///othercheck:443") //nolint:dispatcher`, 1)
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	got := lines(lint(t, dir, "./..."))
	if want := slices.DeleteFunc(slices.Clone(want), func(l int) bool { return l == lineOf(t, file, "reported:443") }); !slices.Equal(got, want) {
		t.Errorf("with //nolint:transportvet on the reported line: findings on lines %v, want %v", got, want)
	}
}

// TestFixSuppressed checks that golangci-lint run --fix fixes what it
// reports and nothing that a directive silences, as transportvet -fix does.
func TestFixSuppressed(t *testing.T) {
	gclDir := suppressModule(t, config("{enable: [dispatcher]}"))
	stdDir := suppressModule(t, config(""))
	lint(t, gclDir, "--fix", "./...")
	if res := command(t, stdDir, transportvet, "-dispatcher", "-fix", "./..."); res.code != 0 && res.code != 3 {
		t.Fatalf("transportvet -fix: exit code %d\n%s", res.code, res.stderr)
	}
	gcl, std := goFiles(t, gclDir), goFiles(t, stdDir)
	if !maps.Equal(gcl, std) {
		t.Errorf("golangci-lint --fix:\n%s\ntransportvet -fix:\n%s", gcl["suppress.go"], std["suppress.go"])
	}
	fixed := gcl["suppress.go"]
	for _, want := range []string{
		`grpc.NewClient("passthrough:///reported:443")`,
		`grpc.Dial("passthrough:///trailing:443")`,
		`grpc.Dial("passthrough:///above:443")`,
	} {
		if !strings.Contains(fixed, want) {
			t.Errorf("after --fix, suppress.go lacks %s:\n%s", want, fixed)
		}
	}
}

// TestSettings checks that the plugin's settings select analyzers and set
// options, and that golangci-lint stops on a wrong setting.
func TestSettings(t *testing.T) {
	for _, tc := range []struct {
		settings string
		findings bool   // whether dispatcher's findings remain
		err      string // golangci-lint fails, saying this
	}{
		{settings: "{enable: [retry]}", findings: false},
		{settings: "{disable: [dispatcher]}", findings: false},
		{settings: "{enable: [dispatcher], dispatcher: {packages: [example.com/legacy, example.com/old/...]}}", findings: true},
		{settings: "{enable: [dispatchr]}", err: `unknown analyzer "dispatchr"`},
		{settings: "{dispatcher: {package: example.com/legacy}}", err: `dispatcher: unknown option "package" (known: packages)`},
		{settings: "{dispatcher: {packages: \"not a path\"}}", err: `dispatcher.packages: package pattern "not a path" is not an import path`},
		{settings: "{enable: [dispatcher], disable: [retry]}", err: "enable and disable are both set"},
	} {
		t.Run(tc.settings, func(t *testing.T) {
			dir := suppressModule(t, config(tc.settings))
			if tc.err != "" {
				res := command(t, dir, golangciLint, "run", "./...")
				if res.code == 0 || res.code == 1 || !strings.Contains(res.stderr+res.stdout, tc.err) {
					t.Errorf("exit code %d, want a failure saying %q\nstdout:\n%s\nstderr:\n%s", res.code, tc.err, res.stdout, res.stderr)
				}
				return
			}
			fs := lint(t, dir, "./...")
			dispatcher := slices.ContainsFunc(fs, func(f finding) bool { return f.Check == "dispatcher" })
			if tc.findings != dispatcher {
				t.Errorf("findings:\n%swant dispatcher findings: %v", list(fs), tc.findings)
			}
		})
	}
}

// TestSARIF checks the SARIF that GitHub code scanning reads: golangci-lint
// names the linter as the rule, and the message starts with the check.
func TestSARIF(t *testing.T) {
	dir := suppressModule(t, config("{enable: [dispatcher]}"))
	out := filepath.Join(t.TempDir(), "out.sarif")
	res := command(t, dir, golangciLint, "run", "--output.sarif.path="+out, "./...")
	if res.code != 1 {
		t.Fatalf("exit code %d, want 1 (issues found)\n%s", res.code, res.stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var sarif struct {
		Runs []struct {
			Results []struct {
				RuleID  string `json:"ruleId"`
				Message struct{ Text string }
			}
		}
	}
	if err := json.Unmarshal(data, &sarif); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, run := range sarif.Runs {
		for _, r := range run.Results {
			n++
			if r.RuleID != "transportvet" || !strings.HasPrefix(r.Message.Text, "dispatcher: ") || strings.HasSuffix(r.Message.Text, "(dispatcher)") {
				t.Errorf("SARIF result rule %q, message %q: want rule transportvet and a message starting dispatcher: (only)", r.RuleID, r.Message.Text)
			}
		}
	}
	if n != 6 {
		t.Errorf("%d SARIF results, want 6:\n%s", n, data)
	}
}

// TestVersion checks that the binary says what it is.
func TestVersion(t *testing.T) {
	res := command(t, root, golangciLint, "version")
	if res.code != 0 || !strings.Contains(res.stdout+res.stderr, "has version 2.15.0-custom-gcl-transportvet.") {
		t.Errorf("golangci-lint version: exit code %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	t.Logf("%s", strings.TrimSpace(res.stdout+res.stderr))
}

// TestEditorCommands runs the command lines that editors run (read from
// their sources; see docs/editors.md) and checks that their output is what
// they parse.
func TestEditorCommands(t *testing.T) {
	dir := suppressModule(t, config("{enable: [dispatcher]}"))
	// Move the package below the module root, as most packages are.
	sub := filepath.Join(dir, "client")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"suppress.go", "gen.go"} {
		if err := os.Rename(filepath.Join(dir, name), filepath.Join(sub, name)); err != nil {
			t.Fatal(err)
		}
	}

	// vscode-go (extension/src/goLint.ts, lintTool golangci-lint-v2,
	// lintOnSave package): in the package's directory, text lines
	// FILE:LINE:COL: MESSAGE with absolute paths, exit code 0.
	res := command(t, sub, golangciLint, "run", "--issues-exit-code=0", "--output.text.print-issued-lines=false",
		"--show-stats=false", "--output.text.path=stdout", "--path-mode=abs")
	if res.code != 0 {
		t.Errorf("vscode-go command: exit code %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	prefix := filepath.Join(sub, "suppress.go") + ":"
	var n int
	for _, l := range strings.Split(strings.TrimSpace(res.stdout), "\n") {
		if !strings.HasPrefix(l, prefix) || !strings.Contains(l, ": dispatcher: ") || !strings.HasSuffix(l, " (transportvet)") || strings.Contains(l, "(dispatcher)") {
			t.Errorf("vscode-go command printed %q, want %sLINE:COL: dispatcher: MESSAGE (transportvet)", l, prefix)
		}
		n++
	}
	if n != 6 {
		t.Errorf("vscode-go command printed %d lines, want 6:\n%s", n, res.stdout)
	}

	// golangci-lint-langserver (handler.go): from the workspace root, with
	// the file's directory appended; JSON on stdout, exit code 1 when there
	// are issues; it keeps the issues whose Pos.Filename is the file's path
	// relative to the root.
	res = command(t, dir, golangciLint, "run", "--output.json.path=stdout", "--show-stats=false", "--issues-exit-code=1", sub+string(filepath.Separator))
	if res.code != 1 {
		t.Fatalf("langserver command: exit code %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	var out struct {
		Issues []struct {
			FromLinter string
			Pos        struct{ Filename string }
		}
	}
	if err := json.Unmarshal([]byte(res.stdout), &out); err != nil {
		t.Fatalf("langserver command: %v\n%s", err, res.stdout)
	}
	for _, is := range out.Issues {
		if is.Pos.Filename != "client/suppress.go" || is.FromLinter != "transportvet" {
			t.Errorf("langserver command: issue of %s in %q, want transportvet in client/suppress.go", is.FromLinter, is.Pos.Filename)
		}
	}
	if len(out.Issues) != 6 {
		t.Errorf("langserver command: %d issues, want 6\n%s", len(out.Issues), res.stdout)
	}
}
