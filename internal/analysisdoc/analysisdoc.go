// Package analysisdoc extracts an analyzer's Doc from its package's doc.go, so
// that the documentation lives in one place, as in golang.org/x/tools' passes.
//
// Adapted from golang.org/x/tools/internal/analysis/analyzerutil (BSD-style
// license, Copyright The Go Authors), which is internal to x/tools.
package analysisdoc

import (
	"fmt"
	"go/parser"
	"go/token"
	"strings"
)

// MustExtract is like Extract but panics on error. Use it with a doc.go
// embedded by //go:embed, where an error is a bug found by any test.
func MustExtract(content, name string) string {
	doc, err := Extract(content, name)
	if err != nil {
		panic(err)
	}
	return doc
}

// Extract returns the section "# Analyzer NAME" of the package doc comment in
// content, without its heading and without the "NAME:" that starts its first
// line.
func Extract(content, name string) (string, error) {
	if content == "" {
		return "", fmt.Errorf("empty Go source file")
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", content, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return "", fmt.Errorf("not a Go source file")
	}
	if f.Doc == nil {
		return "", fmt.Errorf("Go source file has no package doc comment")
	}
	for section := range strings.SplitSeq(f.Doc.Text(), "\n# ") {
		body := strings.TrimPrefix(section, "Analyzer "+name)
		if body == section || body == "" || (body[0] != '\r' && body[0] != '\n') {
			continue
		}
		body = strings.TrimSpace(body)
		rest := strings.TrimPrefix(body, name+":")
		if rest == body {
			return "", fmt.Errorf("'Analyzer %s' heading not followed by '%s: summary...' line", name, name)
		}
		return strings.TrimSpace(rest), nil
	}
	return "", fmt.Errorf("package doc comment contains no 'Analyzer %s' heading", name)
}
