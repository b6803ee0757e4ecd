package analyzer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
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

// TestAnalyzersFresh checks that callers cannot change the suite another
// caller sees.
func TestAnalyzersFresh(t *testing.T) {
	a := Analyzers()
	a[0] = nil
	if Analyzers()[0] == nil {
		t.Fatal("Analyzers returns a shared slice")
	}
}
