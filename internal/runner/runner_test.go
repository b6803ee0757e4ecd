package runner

import (
	"fmt"
	"go/ast"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
	"honnef.co/go/tools/config"
	"honnef.co/go/tools/go/loader"
	"honnef.co/go/tools/lintcmd/cache"

	"github.com/transportvet/transportvet/internal/tvtest"
)

// sumFact is the fact of the test analyzer: for a function, how many
// functions it reaches through calls, in its package and others.
type sumFact struct{ N int }

func (*sumFact) AFact()           {}
func (f *sumFact) String() string { return fmt.Sprint(f.N) }

// nameFact is a second fact type, so that facts of two types share
// objects.
type nameFact struct{ Name string }

func (*nameFact) AFact() {}

// sums is an analyzer that exports a sumFact and a nameFact for every
// function, computed from those of the functions it calls (so that facts
// travel through the export data of the packages in between), reports each
// function's sum, and counts the packages it ran on.
func sums(ran *sync.Map) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:      "sums",
		Doc:       "sums",
		FactTypes: []analysis.Fact{new(sumFact), new(nameFact)},
	}
	a.Run = func(pass *analysis.Pass) (any, error) {
		n, _ := ran.LoadOrStore(pass.Pkg.Path(), new(int))
		*n.(*int)++
		for _, f := range pass.Files {
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok {
					continue
				}
				sum := 1
				ast.Inspect(fd.Body, func(n ast.Node) bool {
					if id, ok := n.(*ast.Ident); ok {
						if fn, ok := pass.TypesInfo.Uses[id].(*types.Func); ok {
							var f sumFact
							if pass.ImportObjectFact(fn, &f) {
								sum += f.N
							}
						}
					}
					return true
				})
				fn := pass.TypesInfo.Defs[fd.Name].(*types.Func)
				pass.ExportObjectFact(fn, &sumFact{sum})
				pass.ExportObjectFact(fn, &nameFact{fn.FullName()})
				pass.Reportf(fd.Name.Pos(), "%s reaches %d", fn.Name(), sum)
			}
		}
		return nil, nil
	}
	return a
}

// chain writes a module of packages p0 ... p4, each with many functions
// that call those of the package before, and returns its directory.
func chain(t *testing.T) string {
	dir := t.TempDir()
	files := map[string]string{"go.mod": "module example.com/m\n\ngo 1.26\n"}
	for i := range 5 {
		var b strings.Builder
		fmt.Fprintf(&b, "package p%d\n\n", i)
		if i > 0 {
			fmt.Fprintf(&b, "import \"example.com/m/p%d\"\n\n", i-1)
		}
		for j := range 30 {
			call := ""
			if i > 0 {
				call = fmt.Sprintf("p%d.F%d(); p%d.F%d()", i-1, j, i-1, (j+1)%30)
			}
			fmt.Fprintf(&b, "func F%d() { %s }\n", j, call)
		}
		files[fmt.Sprintf("p%d/p.go", i)] = b.String()
	}
	tvtest.WriteFiles(t, dir, files)
	return dir
}

// runOnce runs the sums analyzer on patterns in module dir, with the cache
// in cacheDir, and returns its findings, one line each, sorted, and the
// number of runs of the analyzer on each package.
func runOnce(t *testing.T, dir, cacheDir string, patterns ...string) (findings []string, ran map[string]int) {
	t.Helper()
	c, err := cache.Open(cacheDir)
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(config.Config{}, c)
	if err != nil {
		t.Fatal(err)
	}
	var counts sync.Map
	results, err := r.Run(&packages.Config{Dir: dir}, []*analysis.Analyzer{sums(&counts)}, patterns)
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range results {
		if res.Failed {
			t.Fatalf("%s failed: %v", res.Package, res.Errors)
		}
		data, err := res.Load()
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range data.Diagnostics {
			findings = append(findings, fmt.Sprintf("%s:%d: %s", filepath.Base(filepath.Dir(d.Position.Filename)), d.Position.Line, d.Message))
		}
	}
	sort.Strings(findings)
	ran = make(map[string]int)
	counts.Range(func(k, v any) bool {
		ran[k.(string)] = *v.(*int)
		return true
	})
	return findings, ran
}

// files returns the names of the files in the cache directory dir: the
// names of entries are their keys, those of outputs their contents' hash.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(path, "-a") || strings.HasSuffix(path, "-d")) {
			names = append(names, d.Name())
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(names)
	return names
}

// TestFactsThroughUniverse checks that facts reach a package through the
// packages in between, whose export data the universe decodes once, and
// that the cold and the warm run find the same.
func TestFactsThroughUniverse(t *testing.T) {
	dir, cacheDir := chain(t), t.TempDir()
	cold, _ := runOnce(t, dir, cacheDir, "./...")
	// A function of p0 reaches itself, one of p1 itself and two of p0
	// (1 + 2×1), one of p2 1 + 2×3, ..., one of p4 1 + 2×15.
	if want := "p4:5: F0 reaches 31"; !slices.Contains(cold, want) {
		t.Errorf("cold run: no %q in\n%s", want, strings.Join(cold, "\n"))
	}
	warm, ran := runOnce(t, dir, cacheDir, "./...")
	if !slices.Equal(warm, cold) {
		t.Errorf("warm run found\n%s\nwant as the cold run\n%s", strings.Join(warm, "\n"), strings.Join(cold, "\n"))
	}
	if len(ran) > 0 {
		t.Errorf("warm run analyzed %v, want nothing", ran)
	}
}

// TestSameBytes checks that two cold runs write the same cache, and that a
// package analyzed again, because a run names it after another analyzed
// it only as a dependency, writes the same facts, so that the packages
// that import it are not analyzed again.
func TestSameBytes(t *testing.T) {
	dir := chain(t)
	one, two := t.TempDir(), t.TempDir()
	runOnce(t, dir, one, "./...")
	runOnce(t, dir, two, "./...")
	if a, b := files(t, one), files(t, two); !slices.Equal(a, b) {
		t.Errorf("two cold runs wrote different caches:\n%v\n%v", a, b)
	}

	cacheDir := t.TempDir()
	runOnce(t, dir, cacheDir, "./p4")
	_, ran := runOnce(t, dir, cacheDir, "./p2", "./p4")
	if want := map[string]int{"example.com/m/p2": 1}; fmt.Sprint(ran) != fmt.Sprint(want) {
		t.Errorf("after a run on p4, a run on p2 and p4 analyzed %v, want %v", ran, want)
	}
}

// TestUniverseRelease checks that the universe drops a package once every
// package that imports it, directly or not, is done, and not before.
func TestUniverseRelease(t *testing.T) {
	spec := func(path string, imports ...*loader.PackageSpec) *loader.PackageSpec {
		s := &loader.PackageSpec{ID: path, PkgPath: path, Imports: make(map[string]*loader.PackageSpec)}
		for _, imp := range imports {
			s.Imports[imp.PkgPath] = imp
		}
		return s
	}
	// p2 -> p1 -> p0, and q -> p0.
	p0 := spec("p0")
	p1 := spec("p1", p0)
	p2 := spec("p2", p1)
	q := spec("q", p0)
	u := newUniverse()
	u.plan([]*loader.PackageSpec{p2, q})
	for _, s := range []*loader.PackageSpec{p0, p1, p2, q} {
		u.types[s] = types.NewPackage(s.PkgPath, s.PkgPath)
	}
	has := func() string {
		var paths []string
		for s := range u.types {
			paths = append(paths, s.PkgPath)
		}
		slices.Sort(paths)
		return strings.Join(paths, " ")
	}
	for _, step := range []struct {
		done *loader.PackageSpec
		want string
	}{
		{p0, "p0 p1 p2 q"},
		{p1, "p0 p1 p2 q"},
		{p2, "p0 p2 q"}, // p0 is still imported by q
		{q, "p2 q"},     // nothing imports p2 or q
	} {
		u.release(step.done)
		if got := has(); got != step.want {
			t.Errorf("after %s: the universe holds %s, want %s", step.done.PkgPath, got, step.want)
		}
	}
}
