package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/mod/module"
	"golang.org/x/mod/zip"

	"github.com/transportvet/transportvet/internal/tvtest"
)

const docsURL = "https://github.com/transportvet/transportvet/blob/main/docs/"

// TestHelp checks that help says what transportvet is, lists the five
// checks (not retry, which reports nothing by itself) and how to run one,
// and that help CHECK ends with the URL of the check's documentation.
func TestHelp(t *testing.T) {
	res := standalone(t, shared, "help")
	checkExit(t, "help", res, 0)
	for _, want := range []string{
		"transportvet reports Go HTTP and gRPC client code",
		"\n  dispatcher  ", "\n  retryidempotency  ", "\n  retrybody  ", "\n  retrystorm  ", "\n  transportclose  ",
		"  transportvet -retrybody ./...\n",
		"GOFLAGS=-tags=a,b",
		"Exit status:",
	} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("help lacks %q:\n%s", want, res.stdout)
		}
	}
	if strings.Contains(res.stdout, "\n  retry ") || strings.Contains(res.stdout, "Printf") {
		t.Errorf("help lists retry or shows x/tools' boilerplate:\n%s", res.stdout)
	}

	for _, check := range []string{"dispatcher", "retryidempotency", "retrybody", "retrystorm", "transportclose"} {
		res := standalone(t, shared, "help", check)
		checkExit(t, "help "+check, res, 0)
		if want := "\nDocumentation: " + docsURL + check + ".md\n"; !strings.HasSuffix(res.stdout, want) || strings.Contains(res.stdout, "See docs/") {
			t.Errorf("help %s does not end with %q:\n%s", check, want, res.stdout)
		}
	}
	// retry's flags stay reachable.
	if res := standalone(t, shared, "help", "retry"); !strings.Contains(res.stdout, "-retry.funcs") {
		t.Errorf("help retry:\n%s", res.stdout)
	}
}

// TestVersion checks -V=full, which go vet runs to key its cache (so
// go vet -vettool, which the other tests run, accepts it), on a local
// build.
func TestVersion(t *testing.T) {
	res := standalone(t, shared, "-V=full")
	checkExit(t, "-V=full", res, 0)
	if ok, _ := regexp.MatchString(`^transportvet version \S+ go\S+ buildID=[0-9a-f]{64}\n$`, res.stdout); !ok {
		t.Errorf("-V=full printed %q", res.stdout)
	}
}

// TestVersionInstalled installs transportvet as users do, with go install
// MODULE/cmd/transportvet@VERSION, from a module proxy made of this
// checkout as version v1.2.3, and checks that -V=full says v1.2.3.
func TestVersionInstalled(t *testing.T) {
	const path, version = "github.com/transportvet/transportvet", "v1.2.3"
	proxy := t.TempDir()
	dir := filepath.Join(proxy, filepath.FromSlash(path), "@v")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	zf, err := os.Create(filepath.Join(dir, version+".zip"))
	if err != nil {
		t.Fatal(err)
	}
	if err := zipCheckout(zf, module.Version{Path: path, Version: version}, ".."); err != nil {
		t.Fatal(err)
	}
	if err := zf.Close(); err != nil {
		t.Fatal(err)
	}
	gomod, err := os.ReadFile(filepath.Join("..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"list":            version + "\n",
		version + ".info": fmt.Sprintf(`{"Version":%q,"Time":"2026-01-01T00:00:00Z"}`, version),
		version + ".mod":  string(gomod),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gobin := t.TempDir()
	goproxy := "file://" + filepath.ToSlash(proxy)
	if p := os.Getenv("GOPROXY"); p != "" {
		goproxy += "," + p
	} else {
		goproxy += ",https://proxy.golang.org,direct"
	}
	environ := append(os.Environ(), "GOBIN="+gobin, "GOPROXY="+goproxy, "GONOSUMDB="+path, "GOWORK=off")
	res, err := execute(t.TempDir(), environ, "go", "install", path+"/cmd/transportvet@"+version)
	if err != nil {
		t.Fatal(err)
	}
	checkExit(t, "go install", res, 0)
	res, err = execute(t.TempDir(), environ, filepath.Join(gobin, "transportvet"), "-V=full")
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := regexp.MatchString(`^transportvet version v1\.2\.3 go\S+ buildID=[0-9a-f]{64}\n$`, res.stdout); !ok {
		t.Errorf("the installed transportvet -V=full printed %q", res.stdout)
	}
}

// TestJSON checks that -json gives each finding its check's docs URL, says
// nothing of internal analyzers, and exits 0.
func TestJSON(t *testing.T) {
	res := standalone(t, shared, "-json", "./...")
	checkExit(t, "-json", res, 0)
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(res.stdout), &tree); err != nil {
		t.Fatalf("%v\n%s", err, res.stdout)
	}
	seen := make(map[string]int)
	for pkg, byCheck := range tree {
		for check, raw := range byCheck {
			var diags []struct {
				Message string `json:"message"`
				URL     string `json:"url"`
			}
			if err := json.Unmarshal(raw, &diags); err != nil {
				t.Errorf("%s: %s: %s", pkg, check, raw)
				continue
			}
			for _, d := range diags {
				seen[check]++
				if d.URL != docsURL+check+".md" {
					t.Errorf("%s: %s: url %q for %s", pkg, check, d.URL, d.Message)
				}
			}
		}
	}
	for _, check := range []string{"dispatcher", "retryidempotency", "retrybody", "retrystorm", "transportclose"} {
		if seen[check] == 0 {
			t.Errorf("no %s finding in the JSON", check)
		}
	}
}

// TestErrors checks that a bad pattern, and a package that does not
// type-check, are each said in one line, with no internal analyzer's name,
// exit 1, and do not keep the other packages from being analyzed.
func TestErrors(t *testing.T) {
	internal := regexp.MustCompile(`fact_|ctrlflow|reqbuild|failed prerequisites|analysis skipped`)
	res := standalone(t, shared, "./nosuch/...")
	checkExit(t, "bad pattern", res, 1)
	if res.stderr != "transportvet: pattern ./nosuch/...: lstat ./nosuch/: no such file or directory\n" {
		t.Errorf("bad pattern:\n%s", res.stderr)
	}

	dir := t.TempDir()
	tvtest.WriteFiles(t, dir, map[string]string{
		"go.mod":     "module example.com/errs\n\ngo 1.26\n",
		"bad/bad.go": "package bad\n\nfunc f() int { return \"x\" }\n",
		"ok/ok.go":   "package ok\n\nimport (\n\t\"net\"\n\t\"net/http\"\n)\n\nvar T = &http.Transport{Dial: net.Dial}\n",
	})
	res = standalone(t, dir, "./...")
	checkExit(t, "a package that does not type-check", res, 1)
	want := filepath.Join(dir, "bad", "bad.go") + `:3:23: cannot use "x" (untyped string constant) as int value in return statement
transportvet: not analyzed because of the errors above: example.com/errs/bad
` + filepath.Join(dir, "ok", "ok.go") + `:8:25: http.Transport.Dial is deprecated`
	if !strings.HasPrefix(res.stderr, want) || internal.MatchString(res.stderr) {
		t.Errorf("a package that does not type-check:\n%s\nwant it to start with\n%s", res.stderr, want)
	}
	res = standalone(t, dir, "-json", "./bad")
	checkExit(t, "-json on a package that does not type-check", res, 1)
	if internal.MatchString(res.stderr) || regexp.MustCompile(`fact_|ctrlflow|reqbuild|failed prerequisites`).MatchString(res.stdout) {
		t.Errorf("-json names internal analyzers:\n%s\n%s", res.stdout, res.stderr)
	}
}

// TestTags checks -tags, and GOFLAGS=-tags, which the go command reads: a
// file for a build tag, whose type error shows only when it is built.
func TestTags(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"go.mod":    "module example.com/tags\n\ngo 1.26\n",
		"p.go":      "package p\n",
		"tagged.go": "//go:build special\n\npackage p\n\nvar X int = \"special\"\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	checkExit(t, "without tags", standalone(t, dir, "./..."), 0)
	const want = "tagged.go:5:13: cannot use \"special\""
	if res := standalone(t, dir, "-tags=special", "./..."); res.code != 1 || !strings.Contains(res.stderr, want) {
		t.Errorf("-tags=special: exit %d, want 1 and %q:\n%s", res.code, want, res.stderr)
	}
	res, err := execute(dir, env("GOFLAGS=-tags=special"), binary, "./...")
	if err != nil {
		t.Fatal(err)
	}
	if res.code != 1 || !strings.Contains(res.stderr, want) {
		t.Errorf("GOFLAGS=-tags=special: exit %d, want 1 and %q:\n%s", res.code, want, res.stderr)
	}
}

// TestBadFlags checks that an unknown flag and a malformed
// -dispatcher.packages pattern are errors with exit code 2 and one line
// that says what is wrong, standalone and under go vet.
func TestBadFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-dispatcher.nosuch", "./..."}, "transportvet: flag provided but not defined: -dispatcher.nosuch (run 'transportvet help' for usage)\n"},
		{[]string{"-dispatcher.packages=example.com/a b", "./..."}, `invalid value "example.com/a b" for flag -dispatcher.packages: package pattern "example.com/a b" is not an import path`},
		{[]string{"-dispatcher.packages=example.com/.../x", "./..."}, `"..." is allowed only as a final /... element`},
		{[]string{"-dispatcher.packages=a,,b", "./..."}, "empty package pattern"},
		{[]string{"-json", "-diff", "./..."}, "-json and -diff cannot be used together"},
		{nil, "usage: transportvet [flags] packages"},
	} {
		res := standalone(t, shared, tc.args...)
		if res.code != 2 || !strings.Contains(res.stderr, tc.want) || strings.Count(res.stderr, "\n") != 1 {
			t.Errorf("transportvet %v: exit code %d, stderr %q; want 2 and one line with %q", tc.args, res.code, res.stderr, tc.want)
		}
	}
	// go vet passes the malformed value to the tool, which refuses it.
	res := vet(t, shared, "-dispatcher.packages=example.com/a b", "./dispatcher/client")
	if res.code == 0 || !strings.Contains(res.stderr, `invalid value "example.com/a b" for flag -dispatcher.packages`) {
		t.Errorf("go vet with a malformed pattern: exit code %d, stderr:\n%.500s", res.code, res.stderr)
	}
}

// TestModes checks that the report's outputs are the same on the cached
// runner, from the cache TestMain gave it and again warm, as in one
// process (-cache=false): the findings and their exit status (with the
// //transportvet:ignore directives of the suppress package, and its
// generated file), and SARIF, which has every finding's span and fixes.
// (internal/driver's TestModes compares -json and the other flags; each
// -cache=false run here analyzes the real libraries from source.)
func TestModes(t *testing.T) {
	for _, args := range [][]string{
		{"./..."},
		{"-format=sarif", "./..."},
	} {
		want := standalone(t, shared, append([]string{"-cache=false"}, args...)...)
		for _, round := range []string{"first", "again"} {
			got := standalone(t, shared, args...)
			if got != want {
				t.Errorf("transportvet %v (cached, %s run): exit %d\nstdout\n%s\nstderr\n%s\nwant as with -cache=false: exit %d\nstdout\n%s\nstderr\n%s",
					args, round, got.code, got.stdout, got.stderr, want.code, want.stdout, want.stderr)
			}
		}
	}
}

// zipCheckout writes the module zip of the checkout at dir: the files git
// tracks or would track (not those .gitignore excludes, such as eval/'s
// binaries and raw results, which can exceed a module zip's 500 MB), or,
// without git, every file of dir.
func zipCheckout(w io.Writer, m module.Version, dir string) error {
	out, err := exec.Command("git", "-C", dir, "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		return zip.CreateFromDir(w, m, dir)
	}
	var files []zip.File
	for _, name := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil { // not deleted in the work tree
			files = append(files, checkoutFile{dir, name})
		}
	}
	return zip.Create(w, m, files)
}

// checkoutFile is a file of the checkout, for zip.Create.
type checkoutFile struct{ dir, name string }

func (f checkoutFile) Path() string                 { return filepath.ToSlash(f.name) }
func (f checkoutFile) Lstat() (os.FileInfo, error)  { return os.Lstat(filepath.Join(f.dir, f.name)) }
func (f checkoutFile) Open() (io.ReadCloser, error) { return os.Open(filepath.Join(f.dir, f.name)) }
