package imports

import (
	"go/types"
	"testing"
)

func TestAny(t *testing.T) {
	http := types.NewPackage("net/http", "http")
	lib := types.NewPackage("example.com/lib", "lib")
	lib.SetImports([]*types.Package{http})
	app := types.NewPackage("example.com/app", "app")
	app.SetImports([]*types.Package{lib})
	// An import cycle (possible in packages with errors) must not loop.
	cyc := types.NewPackage("example.com/cyc", "cyc")
	cyc.SetImports([]*types.Package{cyc, app})

	for _, tc := range []struct {
		pkg   *types.Package
		paths []string
		want  bool
	}{
		{app, []string{"net/http"}, true},         // transitively
		{lib, []string{"time", "net/http"}, true}, // directly
		{http, []string{"net/http"}, true},        // itself
		{app, []string{"time"}, false},            // not imported
		{cyc, []string{"time"}, false},            // cycle, not imported
		{cyc, []string{"net/http"}, true},         // through a cycle
		{nil, []string{"net/http"}, false},        // no package
		{app, nil, false},                         // no paths
	} {
		if got := Any(tc.pkg, tc.paths...); got != tc.want {
			t.Errorf("Any(%v, %q) = %v, want %v", tc.pkg, tc.paths, got, tc.want)
		}
	}
}

func TestDirectAndTypeName(t *testing.T) {
	http := types.NewPackage("net/http", "http")
	transport := types.NewTypeName(0, http, "Transport", nil)
	types.NewNamed(transport, types.NewStruct(nil, nil), nil)
	http.Scope().Insert(transport)
	http.Scope().Insert(types.NewVar(0, http, "DefaultClient", types.Typ[types.Int]))
	lib := types.NewPackage("example.com/lib", "lib")
	lib.SetImports([]*types.Package{http})
	app := types.NewPackage("example.com/app", "app")
	app.SetImports([]*types.Package{lib})

	for _, tc := range []struct {
		pkg  *types.Package
		path string
		want bool
	}{
		{lib, "net/http", true},  // directly
		{http, "net/http", true}, // itself
		{app, "net/http", false}, // only transitively
		{nil, "net/http", false}, // no package
	} {
		if got := Direct(tc.pkg, tc.path); got != tc.want {
			t.Errorf("Direct(%v, %q) = %v, want %v", tc.pkg, tc.path, got, tc.want)
		}
	}
	if got := TypeName(lib, "net/http", "Transport"); got != transport {
		t.Errorf("TypeName(lib, net/http, Transport) = %v, want %v", got, transport)
	}
	for _, tc := range []struct {
		pkg        *types.Package
		path, name string
	}{
		{lib, "net/http", "DefaultClient"}, // not a type
		{lib, "net/http", "Missing"},       // not declared
		{app, "net/http", "Transport"},     // not imported directly
		{nil, "net/http", "Transport"},     // no package
	} {
		if got := TypeName(tc.pkg, tc.path, tc.name); got != nil {
			t.Errorf("TypeName(%v, %q, %q) = %v, want nil", tc.pkg, tc.path, tc.name, got)
		}
	}
}
