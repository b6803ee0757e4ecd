package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestClassify(t *testing.T) {
	var tree map[string]map[string]json.RawMessage
	data := `{
		"example.com/a": {"retrystorm": {"error": "boom"}, "retry": [{"posn": "a.go:1:1", "message": "m"}]},
		"example.com/b": {"retry": {"error": "analysis skipped due to errors in package"}},
		"example.com/c": {"retrystorm": {"error": "failed prerequisites: retry@example.com/b"}}
	}`
	if err := json.Unmarshal([]byte(data), &tree); err != nil {
		t.Fatal(err)
	}
	c := classify(tree)
	if len(c.analyzerErrs) != 1 || !strings.Contains(c.analyzerErrs[0], "retrystorm on example.com/a: boom") {
		t.Errorf("analyzer errors = %q, want the one of retrystorm on example.com/a", c.analyzerErrs)
	}
	if c.codeErrs != 1 || c.derived != 1 {
		t.Errorf("code errors, derived = %d, %d; want 1, 1", c.codeErrs, c.derived)
	}
}

func TestPanicText(t *testing.T) {
	dir := t.TempDir()
	crash := filepath.Join(dir, "crash")
	os.WriteFile(crash, []byte("load ok\npanic: runtime error: index out of range\n\ngoroutine 1 [running]:\nmain.main()\n"), 0o644)
	if got := panicText(crash); !strings.HasPrefix(got, "panic: runtime error") || !strings.Contains(got, "goroutine 1") {
		t.Errorf("panicText = %q, want the panic and its stack", got)
	}
	clean := filepath.Join(dir, "clean")
	os.WriteFile(clean, []byte("/x/a.go:3:1: undefined: y\n"), 0o644)
	if got := panicText(clean); got != "" {
		t.Errorf("panicText of a type error = %q, want none", got)
	}
}

func TestModuleOf(t *testing.T) {
	mods := []module{{"google.golang.org/grpc", "v1.85.0"}, {"github.com/PuerkitoBio/rehttp", "v1.4.0"}}
	for _, tc := range []struct{ id, want string }{
		{"google.golang.org/grpc/xds [google.golang.org/grpc/xds.test]", "google.golang.org/grpc"},
		{"google.golang.org/grpc_test [google.golang.org/grpc.test]", "google.golang.org/grpc"},
		{"google.golang.org/grpcx", ""},
		{"github.com/PuerkitoBio/rehttp", "github.com/PuerkitoBio/rehttp"},
	} {
		m, _ := moduleOf(mods, pkgPath(tc.id))
		if m.path != tc.want {
			t.Errorf("moduleOf(%q) = %q, want %q", tc.id, m.path, tc.want)
		}
	}
	got := relPosn("/root/go/pkg/mod/github.com/!puerkito!bio/rehttp@v1.4.0/rehttp.go:400:14", mods[1])
	if want := "github.com/PuerkitoBio/rehttp@v1.4.0/rehttp.go:400:14"; got != want {
		t.Errorf("relPosn = %q, want %q", got, want)
	}
}
