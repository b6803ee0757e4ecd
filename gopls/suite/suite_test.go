package suite

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/transportvet/transportvet/analyzer"
)

// fake returns two analyzers with flags of their own, as the suite's have.
func fake() []*analysis.Analyzer {
	a := &analysis.Analyzer{Name: "alpha", Doc: "alpha"}
	a.Flags.String("packages", "", "import paths")
	a.Flags.Bool("strict", false, "be strict")
	b := &analysis.Analyzer{Name: "beta", Doc: "beta"}
	b.Flags.Int("limit", 3, "a limit")
	return []*analysis.Analyzer{a, b}
}

func flagValue(a *analysis.Analyzer, name string) string {
	return a.Flags.Lookup(name).Value.String()
}

func TestApply(t *testing.T) {
	as := fake()
	if err := Apply(as, "  -alpha.packages=example.com/x,example.com/y\t-alpha.strict\n--beta.limit 7 "); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		a          *analysis.Analyzer
		flag, want string
	}{
		{as[0], "packages", "example.com/x,example.com/y"},
		{as[0], "strict", "true"},
		{as[1], "limit", "7"},
	} {
		if got := flagValue(c.a, c.flag); got != c.want {
			t.Errorf("-%s.%s = %q, want %q", c.a.Name, c.flag, got, c.want)
		}
	}
}

func TestApplyEmpty(t *testing.T) {
	as := fake()
	before := values(as)
	for _, text := range []string{"", "   ", "\n"} {
		if err := Apply(as, text); err != nil {
			t.Errorf("Apply(%q): %v", text, err)
		}
	}
	if values(as) != before {
		t.Errorf("empty text changed flags:\n%s\nwas\n%s", values(as), before)
	}
}

func TestApplyErrors(t *testing.T) {
	for text, want := range map[string]string{
		"-alpha":              "flag provided but not defined: -alpha",
		"-alpha=false":        "flag provided but not defined: -alpha",
		"-fix":                "flag provided but not defined: -fix",
		"-gamma.x=1":          "flag provided but not defined: -gamma.x",
		"-alpha.nosuch":       "flag provided but not defined: -alpha.nosuch",
		"-beta.limit=many":    `invalid value "many" for flag -beta.limit`,
		"-beta.limit":         "flag needs an argument: -beta.limit",
		"-alpha.strict ./...": `"./..." is not a flag`,
	} {
		err := Apply(fake(), text)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Apply(%q) = %v, want an error containing %q", text, err, want)
			continue
		}
		if !strings.Contains(err.Error(), "-alpha.packages -alpha.strict -beta.limit") {
			t.Errorf("Apply(%q) = %v, want the known flags listed", text, err)
		}
	}
}

// TestSuiteFlags checks that every flag of every transportvet analyzer can
// be given, under the name the command line gives it.
func TestSuiteFlags(t *testing.T) {
	as := analyzer.Analyzers()
	fs := flagSet(as)
	n := 0
	for _, a := range as {
		a.Flags.VisitAll(func(f *flag.Flag) {
			n++
			if g := fs.Lookup(a.Name + "." + f.Name); g == nil || g.Value != f.Value {
				t.Errorf("-%s.%s is not the flag %s of %s", a.Name, f.Name, f.Name, a.Name)
			}
		})
	}
	if n == 0 {
		t.Fatal("no analyzer flags: the test proved nothing")
	}
}

func TestCacheDir(t *testing.T) {
	a, b := cacheDir("/c", "-x.y=\"1\"\n"), cacheDir("/c", "-x.y=\"2\"\n")
	if a == b {
		t.Errorf("two sets of options share the cache directory %s", a)
	}
	if a != cacheDir("/c", "-x.y=\"1\"\n") {
		t.Errorf("cacheDir is not a function of its arguments")
	}
	if filepath.Dir(a) != filepath.Join("/c", "gopls") || !strings.HasPrefix(filepath.Base(a), "transportvet-") {
		t.Errorf("cacheDir(/c, ...) = %s, want /c/gopls/transportvet-HASH", a)
	}
	user, err := os.UserCacheDir()
	if err != nil {
		user = os.TempDir()
	}
	if got := cacheDir("", "v"); filepath.Dir(got) != filepath.Join(user, "gopls") {
		t.Errorf("cacheDir without GOPLSCACHE = %s, want it in %s", got, filepath.Join(user, "gopls"))
	}
}

// TestAnalyzers checks what Analyzers does with the environment: the
// defaults leave GOPLSCACHE alone, other options move it.
func TestAnalyzers(t *testing.T) {
	// Analyzers sets the flags of the suite's analyzers, which are
	// package-level variables: leave them as they were.
	for _, a := range analyzer.Analyzers() {
		if a.Name == "transportclose" {
			t.Cleanup(func() { a.Flags.Set("tests", "false") })
		}
	}
	t.Setenv("GOPLSCACHE", "/c")
	t.Setenv(EnvVar, "")
	as, err := Analyzers()
	if err != nil {
		t.Fatal(err)
	}
	if len(as) == 0 {
		t.Fatal("no analyzers")
	}
	if got := os.Getenv("GOPLSCACHE"); got != "/c" {
		t.Errorf("with the default options, GOPLSCACHE = %s, want /c", got)
	}

	t.Setenv(EnvVar, "-transportclose.tests=false")
	if _, err := Analyzers(); err != nil {
		t.Fatal(err)
	}
	if got := os.Getenv("GOPLSCACHE"); got != "/c" {
		t.Errorf("with options that are the defaults, GOPLSCACHE = %s, want /c", got)
	}

	t.Setenv(EnvVar, "-transportclose.tests")
	as, err = Analyzers()
	if err != nil {
		t.Fatal(err)
	}
	got := os.Getenv("GOPLSCACHE")
	if !strings.HasPrefix(got, filepath.Join("/c", "gopls", "transportvet-")) {
		t.Errorf("with -transportclose.tests, GOPLSCACHE = %s, want /c/gopls/transportvet-HASH", got)
	}
	for _, a := range as {
		if a.Name == "transportclose" && flagValue(a, "tests") != "true" {
			t.Errorf("-transportclose.tests not set: %s", flagValue(a, "tests"))
		}
	}

	t.Setenv(EnvVar, "-nosuch")
	if _, err := Analyzers(); err == nil || !strings.HasPrefix(err.Error(), EnvVar+": ") {
		t.Errorf("with -nosuch, Analyzers() = %v, want an error naming %s", err, EnvVar)
	}
}
