package knowledge_test

import (
	goimporter "go/importer"
	"go/token"
	"go/types"
	"testing"

	sknowledge "honnef.co/go/tools/knowledge"

	"github.com/transportvet/transportvet/internal/knowledge"
)

// TestStdlibDeprecations checks every standard-library entry against the
// real standard library and against staticcheck's knowledge: the key names
// an existing object, and where staticcheck knows the replacement's
// version the entry agrees with it.
func TestStdlibDeprecations(t *testing.T) {
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
	for _, e := range knowledge.StdlibDeprecations {
		var obj types.Object
		for _, pkg := range pkgs {
			if o := knowledge.LookupKey(pkg, e.Key); o != nil {
				obj = o
			}
		}
		if obj == nil {
			t.Errorf("%s: no such object in the standard library", e.Key)
		}
		if d, ok := sknowledge.StdlibDeprecations[e.Key]; ok && d.AlternativeAvailableSince != e.Since {
			t.Errorf("%s: since = %s, knowledge says %s", e.Key, e.Since, d.AlternativeAvailableSince)
		}
		if v, ok := obj.(*types.Var); e.SetOnly && (!ok || !v.IsField()) {
			t.Errorf("%s: setOnly, but not a struct field", e.Key)
		}
		if e.Name == "" || e.Use == "" || e.Source == "" {
			t.Errorf("%s: incomplete entry", e.Key)
		}
	}
}

// TestGRPCDeprecations checks that every grpc-go entry is a package
// function of the grpc stub (testdata/src/google.golang.org/grpc, with
// v1.85.0's signatures) and is complete.
func TestGRPCDeprecations(t *testing.T) {
	pkgs := load(t, []string{knowledge.GRPC})
	grpc := pkgs[knowledge.GRPC]
	if grpc == nil {
		t.Fatalf("%s does not load", knowledge.GRPC)
	}
	for _, e := range knowledge.GRPCDeprecations {
		if e.Pkg != knowledge.GRPC || e.Type != "" {
			t.Errorf("%v: not a function of package grpc", e.Func)
		}
		if _, ok := grpc.Scope().Lookup(e.Name).(*types.Func); !ok {
			t.Errorf("%v: no such function in the grpc stub", e.Func)
		}
		if e.Use == "" || e.Source == "" {
			t.Errorf("%v: incomplete entry", e.Func)
		}
	}
}
