package dispatcher

import (
	"bytes"
	"go/format"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	xchecker "golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/transportvet/transportvet/internal/tvtest"
)

// TestFixesIdempotent applies the fixes a second time: it turns every
// fixture package's .golden files (the code after all fixes) into a package
// of its own, and checks that this code type-checks, is gofmt-clean, and
// draws no diagnostic that carries a fix. A fix that produced code which
// does not compile, is badly formatted, or that a second run would rewrite
// again, fails here.
func TestFixesIdempotent(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		pkg   string
		flags map[string]string
	}{
		{pkg: "dispatcher/a"},
		{pkg: "dispatcher/grpc"},
		{pkg: "dispatcher/grpcnamed"},
		{pkg: "dispatcher/stdlib"},
		{pkg: "dispatcher/flagged", flags: map[string]string{"packages": "example.com/legacy/..."}},
	} {
		t.Run(tc.pkg, func(t *testing.T) {
			t.Parallel()
			gopath := t.TempDir()
			src := filepath.Join(tvtest.TestData(), "src")
			if err := os.CopyFS(filepath.Join(gopath, "src"), os.DirFS(src)); err != nil {
				t.Fatal(err)
			}
			dir := filepath.Join(gopath, "src", filepath.FromSlash(tc.pkg))
			goldens := 0
			err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go.golden") {
					return err
				}
				goldens++
				data, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				formatted, err := format.Source(data)
				if err != nil {
					t.Errorf("%s does not parse: %v", path, err)
				} else if !bytes.Equal(formatted, data) {
					t.Errorf("%s is not gofmt-clean", filepath.Base(path))
				}
				if err := os.WriteFile(strings.TrimSuffix(path, ".golden"), data, 0o644); err != nil {
					return err
				}
				return os.Remove(path)
			})
			if err != nil {
				t.Fatal(err)
			}
			if goldens == 0 {
				t.Fatalf("no .golden files in %s", tc.pkg)
			}

			cfg := &packages.Config{
				Mode: packages.LoadAllSyntax,
				Dir:  gopath,
				Env:  append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOWORK=off", "GOFLAGS="),
			}
			pkgs, err := packages.Load(cfg, tc.pkg)
			if err != nil {
				t.Fatal(err)
			}
			if packages.PrintErrors(pkgs) > 0 {
				t.Fatalf("the fixed %s does not load or type-check", tc.pkg)
			}
			a := newAnalyzer()
			for name, value := range tc.flags {
				if err := a.Flags.Set(name, value); err != nil {
					t.Fatal(err)
				}
			}
			graph, err := xchecker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
			if err != nil {
				t.Fatal(err)
			}
			for act := range graph.All() {
				if act.Analyzer != a || !act.IsRoot {
					continue
				}
				if act.Err != nil {
					t.Fatalf("analyzing the fixed %s: %v", tc.pkg, act.Err)
				}
				for _, d := range act.Diagnostics {
					if len(d.SuggestedFixes) > 0 {
						t.Errorf("%s: after the fixes, still a fix: %s (%s)", act.Package.Fset.Position(d.Pos), d.SuggestedFixes[0].Message, d.Message)
					}
				}
			}
		})
	}
}
