package analyzer

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/transportvet/transportvet/internal/report"
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
