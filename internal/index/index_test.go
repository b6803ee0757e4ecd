package index_test

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/transportvet/transportvet/internal/index"
	"github.com/transportvet/transportvet/internal/tvtest"
)

func TestIndex(t *testing.T) {
	results := analysistest.Run(t, tvtest.TestData(), index.Analyzer, "index/a")
	if len(results) != 1 {
		t.Fatalf("got %d results, want 1", len(results))
	}
	x := results[0].Result.(*index.Index)
	pkg := results[0].Pass.Pkg

	var names []string
	for _, f := range x.Funcs() {
		names = append(names, f.Decl.Name.Name)
	}
	// noBody has no body; source order.
	if want := []string{"helper", "first", "method", "generic", "callsGeneric"}; !slices.Equal(names, want) {
		t.Errorf("Funcs = %v, want %v", names, want)
	}

	lookup := func(name string) *types.Func {
		fn, _ := pkg.Scope().Lookup(name).(*types.Func)
		if fn == nil {
			t.Fatalf("no function %s", name)
		}
		return fn
	}
	first := x.Of(lookup("first"))
	if first == nil || first.Decl.Name.Name != "first" || first.Obj != lookup("first") {
		t.Fatalf("Of(first) = %v", first)
	}
	if _, ok := first.Cursor.Node().(*ast.FuncDecl); !ok {
		t.Errorf("Cursor of first is at %T, want *ast.FuncDecl", first.Cursor.Node())
	}
	// The calls of first, the literal's included, in source order; f()
	// calls a function value: no callee.
	var calls []string
	for _, c := range first.Calls {
		name := "<nil>"
		if c.Callee != nil {
			name = c.Callee.Name()
		}
		calls = append(calls, types.ExprString(c.Expr.Fun)+"="+name)
	}
	if want := "helper=helper helper=helper strings.TrimSpace=TrimSpace f=<nil> helper=helper"; strings.Join(calls, " ") != want {
		t.Errorf("calls of first:\n got %s\nwant %s", strings.Join(calls, " "), want)
	}
	// helper is called by first, recorded once although called three times;
	// strings.ToUpper at package level is in no function.
	if got := x.Callers(lookup("helper")); len(got) != 1 || got[0] != first {
		t.Errorf("Callers(helper) = %v, want [first]", got)
	}
	if got := x.Callers(lookup("first")); len(got) != 1 || got[0].Decl.Name.Name != "method" {
		t.Errorf("Callers(first) = %v, want [method]", got)
	}
	// Instances are found through their origin.
	if got := x.Callers(lookup("generic")); len(got) != 1 || got[0].Decl.Name.Name != "callsGeneric" {
		t.Errorf("Callers(generic) = %v, want [callsGeneric]", got)
	}
	if x.Of(lookup("noBody")) != nil || x.Of(nil) != nil || x.Callers(nil) != nil {
		t.Errorf("Of(noBody), Of(nil) or Callers(nil) is not nil")
	}
}
