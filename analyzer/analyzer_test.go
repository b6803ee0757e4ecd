package analyzer

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/transportvet/transportvet/internal/report"
	"github.com/transportvet/transportvet/internal/tvtest"
)

// TestSuite checks what every analyzer of the suite promises its users: a
// valid analyzer graph, a Doc taken from doc.go, and a URL that names the
// docs page that exists in this repository and is listed in docs/README.md.
func TestSuite(t *testing.T) {
	analyzers := Analyzers()
	if err := analysis.Validate(analyzers); err != nil {
		t.Fatal(err)
	}
	index, err := os.ReadFile(filepath.Join("..", "docs", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const prefix = "https://github.com/transportvet/transportvet/blob/main/"
	for _, a := range analyzers {
		if strings.Contains(a.Doc, "being written") {
			t.Errorf("%s: Doc is still the scaffold's", a.Name)
		}
		page, ok := strings.CutPrefix(a.URL, prefix)
		if !ok {
			t.Errorf("%s: URL %q does not start with %q", a.Name, a.URL, prefix)
			continue
		}
		if _, err := os.Stat(filepath.Join("..", filepath.FromSlash(page))); err != nil {
			t.Errorf("%s: URL names %s, which does not exist: %v", a.Name, page, err)
		}
		if !strings.Contains(string(index), "("+strings.TrimPrefix(page, "docs/")+")") {
			t.Errorf("%s: docs/README.md does not link %s", a.Name, page)
		}
	}
}

// TestChecks checks that the checks are the suite less retry, which reports
// nothing by itself, and that package report knows their names: it reports
// an ignore directive that names another.
func TestChecks(t *testing.T) {
	var names []string
	for _, a := range Checks() {
		names = append(names, a.Name)
	}
	want := []string{"dispatcher", "retryidempotency", "retrybody", "retrystorm", "transportclose"}
	if !slices.Equal(names, want) {
		t.Errorf("Checks() = %v, want %v", names, want)
	}
	if !slices.Equal(report.Checks, names) {
		t.Errorf("report.Checks = %v, want the names of Checks(), %v", report.Checks, names)
	}
}

// TestAnalyzersFresh checks that callers cannot change the suite another
// caller sees.
func TestAnalyzersFresh(t *testing.T) {
	a := Analyzers()
	a[0] = nil
	if Analyzers()[0] == nil {
		t.Fatal("Analyzers returns a shared slice")
	}
}

// TestDirectives checks that every check reports the ignore directives that
// silence nothing and are its to report (report.Directives) in a package
// where it finds nothing to analyze: whether a bad directive is reported
// depends on which checks run, not on what the package imports nor on how
// far a check gets before it returns.
func TestDirectives(t *testing.T) {
	misspelled := map[string]string{
		"dispatcher":       "dispatchr",
		"retryidempotency": "retryidempotence",
		"retrybody":        "retrybdy",
		"retrystorm":       "retrystrom",
		"transportclose":   "transportclos",
	}
	file := filepath.Join(tvtest.TestData(), "src", "directives", "none", "none.go")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	for _, a := range Checks() {
		want := []string{
			fmt.Sprintf("//transportvet:ignore %s: //transportvet:ignore directive has no reason: it silences nothing until it says why the finding does not apply, e.g. //transportvet:ignore %s REASON (%s)", a.Name, a.Name, a.Name),
			fmt.Sprintf("//transportvet:ignore %s misspelled: unknown check %s in //transportvet:ignore: it silences nothing; did you mean %s? (%s)", misspelled[a.Name], misspelled[a.Name], a.Name, a.Name),
		}
		// The package has no // want comments: analysistest's complaints
		// about unexpected diagnostics are what this test looks at itself.
		results := analysistest.Run(new(ignoreErrors), tvtest.TestData(), a, "directives/none")
		var got []string
		for _, res := range results {
			if res.Action.Err != nil {
				t.Fatalf("%s: %v", a.Name, res.Action.Err)
			}
			for _, d := range res.Action.Diagnostics {
				posn := res.Action.Package.Fset.Position(d.Pos)
				got = append(got, strings.TrimSpace(lines[posn.Line-1])+": "+d.Message)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s reported\n\t%s\nwant\n\t%s", a.Name, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
		}
	}
}

// ignoreErrors is an analysistest.Testing that ignores what it is told.
type ignoreErrors struct{}

func (*ignoreErrors) Errorf(string, ...any) {}
