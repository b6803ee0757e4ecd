package analyzer

import (
	"cmp"
	"fmt"
	"go/token"
	"go/types"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/transportvet/transportvet/internal/tvtest"
)

// TestMinimalDriver runs the whole suite, on every test package of every
// check, under a driver that sets only the Pass fields every driver must
// set (the analyzer, the syntax and types, ResultOf, Report and the fact
// functions) and leaves the optional ones nil or empty: ReadFile,
// OtherFiles, IgnoredFiles, Module, TypeErrors. Staticcheck's runner, nogo
// and other drivers do so. It checks that no analyzer panics and that the
// findings, suggested fixes included, are those of x/tools' checker, which
// sets every field.
func TestMinimalDriver(t *testing.T) {
	t.Parallel()
	testdata := tvtest.TestData()
	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax,
		Dir:   testdata,
		Env:   append(os.Environ(), "GOPATH="+testdata, "GO111MODULE=off", "GOPROXY=off", "GOFLAGS="),
		Tests: true,
	}
	var patterns []string
	for _, a := range Checks() {
		patterns = append(patterns, a.Name+"/...")
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	// Some test packages hold type errors on purpose (a check must not
	// crash on them when run despite errors); the suite does not run on
	// those, under either driver.
	var roots []*packages.Package
	for _, p := range pkgs {
		if !p.IllTyped {
			roots = append(roots, p)
		}
	}
	if len(roots) < 20 {
		t.Fatalf("only %d well-typed test packages loaded from %s", len(roots), testdata)
	}

	graph, err := checker.Analyze(Analyzers(), roots, nil)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for act := range graph.All() {
		if act.Err != nil {
			t.Errorf("checker: %s on %s: %v", act.Analyzer.Name, act.Package.ID, act.Err)
		}
		if act.IsRoot {
			for _, d := range act.Diagnostics {
				want = append(want, describeFinding(act.Package.Fset, act.Analyzer, d))
			}
		}
	}

	got := runMinimal(t, Analyzers(), roots)

	slices.Sort(want)
	want = slices.Compact(want)
	slices.Sort(got)
	got = slices.Compact(got)
	if len(want) < 50 {
		t.Fatalf("the checker found only %d findings in the test packages", len(want))
	}
	fixes := 0
	for _, w := range want {
		if strings.Contains(w, "\n\tfix ") {
			fixes++
		}
	}
	if fixes < 20 {
		t.Fatalf("the checker suggested only %d fixes in the test packages", fixes)
	}
	for _, d := range onlyInOne(want, got) {
		t.Error(d)
	}
	if !t.Failed() {
		t.Logf("%d findings, %d with fixes, the same under both drivers", len(want), fixes)
	}
}

// onlyInOne returns the lines of the findings in only one of want and got.
func onlyInOne(want, got []string) []string {
	var out []string
	for _, w := range want {
		if _, ok := slices.BinarySearch(got, w); !ok {
			out = append(out, "only under the checker:\n"+w)
		}
	}
	for _, g := range got {
		if _, ok := slices.BinarySearch(want, g); !ok {
			out = append(out, "only under the minimal driver:\n"+g)
		}
	}
	return out
}

// describeFinding renders a diagnostic, its related information and its fixes'
// edits as text, to compare the two drivers.
func describeFinding(fset *token.FileSet, a *analysis.Analyzer, d analysis.Diagnostic) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s-%s %s: %s", fset.Position(d.Pos), fset.Position(cmp.Or(d.End, d.Pos)), a.Name, d.Message)
	for _, r := range d.Related {
		fmt.Fprintf(&b, "\n\trelated %s: %s", fset.Position(r.Pos), r.Message)
	}
	for _, f := range d.SuggestedFixes {
		fmt.Fprintf(&b, "\n\tfix %s", f.Message)
		// The checker sorts a fix's edits (it validates them); their
		// order means nothing.
		var edits []string
		for _, e := range f.TextEdits {
			edits = append(edits, fmt.Sprintf("\n\t\t%s-%s %q", fset.Position(e.Pos), fset.Position(cmp.Or(e.End, e.Pos)), e.NewText))
		}
		slices.Sort(edits)
		b.WriteString(strings.Join(edits, ""))
	}
	return b.String()
}

// runMinimal runs analyzers on roots and their dependencies, in dependency
// order, with Pass values that hold only the required fields, and returns
// the findings on roots, described. A panic fails the test with the
// analyzer and package.
func runMinimal(t *testing.T, analyzers []*analysis.Analyzer, roots []*packages.Package) []string {
	type objKey struct {
		obj types.Object
		typ reflect.Type
	}
	type pkgKey struct {
		pkg *types.Package
		typ reflect.Type
	}
	objFacts := make(map[objKey]analysis.Fact)
	pkgFacts := make(map[pkgKey]analysis.Fact)
	isRoot := make(map[*packages.Package]bool)
	for _, p := range roots {
		isRoot[p] = true
	}
	var out []string
	packages.Visit(roots, nil, func(p *packages.Package) {
		if p.IllTyped {
			return
		}
		results := make(map[*analysis.Analyzer]any)
		var run func(a *analysis.Analyzer)
		run = func(a *analysis.Analyzer) {
			if _, done := results[a]; done {
				return
			}
			resultOf := make(map[*analysis.Analyzer]any)
			for _, r := range a.Requires {
				run(r)
				resultOf[r] = results[r]
			}
			owns := func(f analysis.Fact) {
				for _, ft := range a.FactTypes {
					if reflect.TypeOf(ft) == reflect.TypeOf(f) {
						return
					}
				}
				panic(fmt.Sprintf("%s: fact type %T is not among its FactTypes", a.Name, f))
			}
			pass := &analysis.Pass{
				Analyzer:   a,
				Fset:       p.Fset,
				Files:      p.Syntax,
				Pkg:        p.Types,
				TypesInfo:  p.TypesInfo,
				TypesSizes: p.TypesSizes,
				ResultOf:   resultOf,
				Report: func(d analysis.Diagnostic) {
					if isRoot[p] {
						out = append(out, describeFinding(p.Fset, a, d))
					}
				},
				ImportObjectFact: func(obj types.Object, f analysis.Fact) bool {
					v, ok := objFacts[objKey{obj, reflect.TypeOf(f)}]
					if ok {
						reflect.ValueOf(f).Elem().Set(reflect.ValueOf(v).Elem())
					}
					return ok
				},
				ExportObjectFact: func(obj types.Object, f analysis.Fact) {
					owns(f)
					objFacts[objKey{obj, reflect.TypeOf(f)}] = f
				},
				ImportPackageFact: func(pkg *types.Package, f analysis.Fact) bool {
					v, ok := pkgFacts[pkgKey{pkg, reflect.TypeOf(f)}]
					if ok {
						reflect.ValueOf(f).Elem().Set(reflect.ValueOf(v).Elem())
					}
					return ok
				},
				ExportPackageFact: func(f analysis.Fact) {
					owns(f)
					pkgFacts[pkgKey{p.Types, reflect.TypeOf(f)}] = f
				},
				AllObjectFacts: func() []analysis.ObjectFact {
					var all []analysis.ObjectFact
					for k, f := range objFacts {
						if slices.ContainsFunc(a.FactTypes, func(ft analysis.Fact) bool { return reflect.TypeOf(ft) == k.typ }) {
							all = append(all, analysis.ObjectFact{Object: k.obj, Fact: f})
						}
					}
					return all
				},
				AllPackageFacts: func() []analysis.PackageFact {
					var all []analysis.PackageFact
					for k, f := range pkgFacts {
						if slices.ContainsFunc(a.FactTypes, func(ft analysis.Fact) bool { return reflect.TypeOf(ft) == k.typ }) {
							all = append(all, analysis.PackageFact{Package: k.pkg, Fact: f})
						}
					}
					return all
				},
			}
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Errorf("%s panicked on %s under the minimal driver: %v", a.Name, p.ID, r)
					}
				}()
				res, err := a.Run(pass)
				if err != nil {
					t.Errorf("%s failed on %s under the minimal driver: %v", a.Name, p.ID, err)
				}
				results[a] = res
			}()
			if _, done := results[a]; !done {
				results[a] = nil
			}
		}
		for _, a := range analyzers {
			run(a)
		}
	})
	return out
}
