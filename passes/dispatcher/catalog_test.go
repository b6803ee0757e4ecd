package dispatcher

import (
	goimporter "go/importer"
	"go/token"
	"go/types"
	"testing"

	"honnef.co/go/tools/knowledge"
)

// TestStdlibCatalog checks every standard-library entry against the real
// standard library and against staticcheck's knowledge: the key names an
// existing object, and where knowledge knows the replacement's version the
// entry agrees with it.
func TestStdlibCatalog(t *testing.T) {
	t.Parallel()
	imp := goimporter.ForCompiler(token.NewFileSet(), "source", nil)
	pkgs := make(map[string]*types.Package)
	for _, path := range []string{"net/http", "net/http/httputil"} {
		pkg, err := imp.Import(path)
		if err != nil {
			t.Fatal(err)
		}
		pkgs[path] = pkg
	}
	for _, e := range stdlibCatalog {
		var obj types.Object
		for _, pkg := range pkgs {
			if o := lookupKey(pkg, e.key); o != nil {
				obj = o
			}
		}
		if obj == nil {
			t.Errorf("%s: no such object in the standard library", e.key)
		}
		if d, ok := knowledge.StdlibDeprecations[e.key]; ok && d.AlternativeAvailableSince != e.since {
			t.Errorf("%s: since = %s, knowledge says %s", e.key, e.since, d.AlternativeAvailableSince)
		}
		if v, ok := obj.(*types.Var); e.setOnly && (!ok || !v.IsField()) {
			t.Errorf("%s: setOnly, but not a struct field", e.key)
		}
		if e.name == "" || e.use == "" || e.source == "" {
			t.Errorf("%s: incomplete entry", e.key)
		}
	}
}
