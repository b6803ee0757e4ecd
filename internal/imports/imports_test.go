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
