package knowledge_test

import (
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/transportvet/transportvet/internal/knowledge"
	"github.com/transportvet/transportvet/internal/tvtest"
)

// A table is one table of functions, seen through its lookup: found(i, fn)
// reports whether the lookup gives entry i for fn.
type table struct {
	name  string
	keys  []knowledge.Func
	found func(i int, fn *types.Func) bool
}

// entries describes a table whose lookup returns its entry.
func entries[E any](name string, es []E, key func(*E) knowledge.Func, lookup func(*types.Func) *E) table {
	t := table{name: name, found: func(i int, fn *types.Func) bool { return lookup(fn) == &es[i] }}
	for i := range es {
		t.keys = append(t.keys, key(&es[i]))
	}
	return t
}

// set describes a Set.
func set(name string, s knowledge.Set) table {
	return table{name: name, keys: s.Funcs(), found: func(_ int, fn *types.Func) bool { return s.Has(fn) }}
}

// funcs describes a table of entries that only a lookup function reads.
func funcs(name string, fs []knowledge.Func, has func(*types.Func) bool) table {
	return table{name: name, keys: fs, found: func(_ int, fn *types.Func) bool { return has(fn) }}
}

// tables is every table of functions in the package.
var tables = []table{
	entries("Sends", knowledge.Sends, func(s *knowledge.Send) knowledge.Func { return s.Func }, knowledge.SendOf),
	entries("Constructors", knowledge.Constructors, func(c *knowledge.Constructor) knowledge.Func { return c.Func }, knowledge.ConstructorOf),
	set("BufferedSends", knowledge.BufferedSends),
	set("BodySetters", knowledge.BodySetters),
	set("FreshValues", knowledge.FreshValues),
	entries("RetryAPIs", knowledge.RetryAPIs, func(a *knowledge.RetryAPI) knowledge.Func { return a.Func }, knowledge.RetryAPIOf),
	funcs("NotRetries", keys(knowledge.NotRetries), knowledge.IsNotRetry),
	set("ExecutorBuilders", knowledge.ExecutorBuilders),
	set("FailureCalls", knowledge.FailureCalls),
	set("AssertsNoError", knowledge.AssertsNoError),
	set("ErrorMakers", knowledge.ErrorMakers),
	set("Dials", knowledge.Dials),
	set("GRPCCalls", knowledge.GRPCCalls),
	set("GRPCUnary", knowledge.GRPCUnary),
	set("WaitMethods", knowledge.WaitMethods),
	entries("TransportConstructors", knowledge.TransportConstructors, func(c *knowledge.TransportConstructor) knowledge.Func { return c.Func }, knowledge.TransportConstructorOf),
	set("NonRetaining", knowledge.NonRetaining),
}

func keys(as []knowledge.RetryAPI) []knowledge.Func {
	var fs []knowledge.Func
	for _, a := range as {
		fs = append(fs, a.Func)
	}
	return fs
}

// unstubbed are the packages of table entries that testdata/src does not
// stub; their entries are checked for their form only.
var unstubbed = []string{
	"github.com/google/uuid", "github.com/gofrs/uuid", "github.com/gofrs/uuid/v5",
	"github.com/oklog/ulid/v2", "github.com/rs/xid",
}

// TestKeys checks that no table names a function twice: no two equal keys,
// and no key that another of the same table (with Any) already covers.
func TestKeys(t *testing.T) {
	for _, tab := range tables {
		for i, a := range tab.keys {
			if a.Pkg == "" || a.Name == "" {
				t.Errorf("%s[%d]: incomplete key %v", tab.name, i, a)
			}
			for j, b := range tab.keys {
				if i != j && covers(a, b) {
					t.Errorf("%s: %v and %v name the same function", tab.name, a, b)
				}
			}
		}
	}
}

// covers reports whether every function b names is named by a too.
func covers(a, b knowledge.Func) bool {
	return a.Pkg == b.Pkg && (a.Type == knowledge.Any || a.Type == b.Type) && (a.Name == knowledge.Any || a.Name == b.Name)
}

// TestDeclared checks every entry against the declarations of its package,
// the standard library's or a stub of testdata/src (the real signatures,
// see testdata/src/retry/STUBS.md): some function or method it names is
// declared there, and for every one the table's lookup gives the entry.
func TestDeclared(t *testing.T) {
	var paths []string
	for _, tab := range tables {
		for _, k := range tab.keys {
			if !slices.Contains(paths, k.Pkg) {
				paths = append(paths, k.Pkg)
			}
		}
	}
	pkgs := load(t, paths)
	for _, path := range unstubbed {
		if pkgs[path] != nil {
			t.Errorf("%s is stubbed now: drop it from unstubbed", path)
		}
	}
	for _, tab := range tables {
		for i, k := range tab.keys {
			pkg := pkgs[k.Pkg]
			if pkg == nil {
				if !slices.Contains(unstubbed, k.Pkg) {
					t.Errorf("%s: %v: package %s does not load", tab.name, k, k.Pkg)
				}
				continue
			}
			fns := declared(pkg, k)
			if len(fns) == 0 {
				t.Errorf("%s: %v: no such function or method in %s", tab.name, k, k.Pkg)
			}
			for _, fn := range fns {
				if !tab.found(i, fn) {
					t.Errorf("%s: %v: the lookup does not find %s", tab.name, k, fn.FullName())
				}
			}
		}
	}
}

// load type-checks the packages of paths from the standard library and
// testdata/src, in GOPATH mode as analysistest does. A package that does
// not load is absent from the result.
func load(t *testing.T, paths []string) map[string]*types.Package {
	t.Helper()
	dir := tvtest.TestData()
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedTypes,
		Dir:  filepath.Join(dir, "src"),
		Env:  append(os.Environ(), "GOPATH="+dir, "GO111MODULE=off", "GOPROXY=off", "GOFLAGS="),
	}
	loaded, err := packages.Load(cfg, paths...)
	if err != nil {
		t.Fatal(err)
	}
	pkgs := make(map[string]*types.Package)
	for _, p := range loaded {
		if len(p.Errors) == 0 && p.Types != nil {
			pkgs[p.PkgPath] = p.Types
		}
	}
	return pkgs
}

// declared returns the functions and methods of pkg that k names: package
// functions, and methods of the named types declared in pkg (interface
// methods included).
func declared(pkg *types.Package, k knowledge.Func) []*types.Func {
	var out []*types.Func
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		switch obj := scope.Lookup(name).(type) {
		case *types.Func:
			if k.Is(obj) {
				out = append(out, obj)
			}
		case *types.TypeName:
			named, ok := types.Unalias(obj.Type()).(*types.Named)
			if !ok || obj.IsAlias() {
				continue
			}
			for m := range named.Methods() {
				if k.Is(m) {
					out = append(out, m)
				}
			}
			if it, ok := named.Underlying().(*types.Interface); ok {
				for m := range it.ExplicitMethods() {
					if k.Is(m) {
						out = append(out, m)
					}
				}
			}
		}
	}
	return out
}

// objects is every table of package-level objects.
var objects = map[string][]knowledge.Object{
	"GetBodyTypes":  knowledge.GetBodyTypes,
	"UnsentErrors":  knowledge.UnsentErrors,
	"TimeoutErrors": knowledge.TimeoutErrors,
	"Closables":     closableTypes(),
	"DataTypes":     dataResults(),
}

func closableTypes() []knowledge.Object {
	var out []knowledge.Object
	for _, c := range knowledge.Closables {
		out = append(out, c.Object)
	}
	return out
}

func dataResults() []knowledge.Object {
	var out []knowledge.Object
	for _, d := range knowledge.DataTypes {
		out = append(out, d.Result)
	}
	return out
}

// TestObjects checks that every object the tables name is declared in its
// package, and that every closable type has its release method, without
// parameters.
func TestObjects(t *testing.T) {
	var paths []string
	for _, objs := range objects {
		for _, o := range objs {
			if !slices.Contains(paths, o.Pkg) {
				paths = append(paths, o.Pkg)
			}
		}
	}
	pkgs := load(t, paths)
	for name, objs := range objects {
		for _, o := range objs {
			pkg := pkgs[o.Pkg]
			if pkg == nil {
				t.Errorf("%s: %v: package %s does not load", name, o, o.Pkg)
				continue
			}
			if pkg.Scope().Lookup(o.Name) == nil {
				t.Errorf("%s: %v: no such object in %s", name, o, o.Pkg)
			}
		}
	}
	for _, c := range knowledge.Closables {
		pkg := pkgs[c.Pkg]
		if pkg == nil {
			continue // reported above
		}
		tn, ok := pkg.Scope().Lookup(c.Name).(*types.TypeName)
		if !ok {
			t.Errorf("Closables: %v is not a type", c.Object)
			continue
		}
		m, _, _ := types.LookupFieldOrMethod(types.NewPointer(tn.Type()), true, pkg, c.Release)
		fn, ok := m.(*types.Func)
		if !ok || fn.Signature().Params().Len() != 0 {
			t.Errorf("Closables: %v has no method %s()", c.Object, c.Release)
		}
		if c.Short == "" || c.Holds == "" {
			t.Errorf("Closables: %v: incomplete entry", c.Object)
		}
	}
}
