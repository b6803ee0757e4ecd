package retry

import (
	"go/token"
	"go/types"
	"testing"
)

// TestFuncSpecIs checks that a -funcs entry names exactly the functions
// whose qualified name it spells, also where the package path has dots
// after its last slash.
func TestFuncSpecIs(t *testing.T) {
	sig := func(recv *types.Var) *types.Signature { return types.NewSignatureType(recv, nil, nil, nil, nil, false) }
	dotted := types.NewPackage("gopkg.in/x.v3", "x")
	named := types.NewNamed(types.NewTypeName(token.NoPos, dotted, "T", nil), types.NewStruct(nil, nil), nil)
	method := types.NewFunc(token.NoPos, dotted, "M", sig(types.NewVar(token.NoPos, dotted, "t", types.NewPointer(named))))
	function := types.NewFunc(token.NoPos, dotted, "F", sig(nil))
	typePkg := types.NewPackage("gopkg.in/x.v3.T", "T") // a package whose path ends as a type would
	lookalike := types.NewFunc(token.NoPos, typePkg, "M", sig(nil))
	plain := types.NewPackage("example.com/p", "p")
	plainFunc := types.NewFunc(token.NoPos, plain, "F", sig(nil))
	fns := []*types.Func{method, function, lookalike, plainFunc}
	for _, entry := range []string{
		"gopkg.in/x.v3.T.M:0", "gopkg.in/x.v3.F:0", "gopkg.in/x.v3.M:0", "gopkg.in/x.F:0",
		"example.com/p.F:0", "example.com/p.T.F:0", "example.com/q.F:0",
	} {
		s, err := parseFuncSpec(entry)
		if err != nil {
			t.Fatalf("%s: %v", entry, err)
		}
		matched := 0
		for _, fn := range fns {
			want := qualifiedName(fn) == s.name
			if got := s.is(fn); got != want {
				t.Errorf("%s names %s: got %v, want %v", entry, fn.FullName(), got, want)
			}
			if want {
				matched++
			}
		}
		t.Logf("%s names %d of the functions", entry, matched)
	}
}
