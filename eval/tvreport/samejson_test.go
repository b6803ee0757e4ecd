package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestNormalizedJSON checks what samejson treats as the same: the order of
// keys and of findings within a package and analyzer, not their content.
func TestNormalizedJSON(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return file
	}
	a := write("a.json", `{"p": {"x": [{"posn": "f.go:1:1", "message": "m"}, {"posn": "f.go:2:1", "message": "n"}], "y": {"error": "e"}}}`)
	b := write("b.json", `{"p": {"y": {"error": "e"}, "x": [{"message": "n", "posn": "f.go:2:1"}, {"message": "m", "posn": "f.go:1:1"}]}}`)
	c := write("c.json", `{"p": {"y": {"error": "e"}, "x": [{"message": "n", "posn": "f.go:2:2"}, {"message": "m", "posn": "f.go:1:1"}]}}`)
	na, n, err := normalizedJSON(a)
	if err != nil {
		t.Fatal(err)
	}
	nb, _, _ := normalizedJSON(b)
	nc, _, _ := normalizedJSON(c)
	if n != 2 {
		t.Errorf("%d findings, want 2", n)
	}
	for _, k := range unionKeys(na, nb) {
		if na[k] != nb[k] {
			t.Errorf("a and b differ at %s: %s, %s", k, na[k], nb[k])
		}
	}
	if na["p x"] == nc["p x"] {
		t.Errorf("a and c are the same at p x, but a position differs")
	}
}
