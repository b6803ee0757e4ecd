package code

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"
)

const src = `package p

import "io"

type T struct{ f *T }

type E interface{ Error() string }

var V *T

func f(err error, t *T, e E, x int) {
	_ = err != nil
	_ = nil == err
	_ = (err == nil)
	_ = (err) != (nil)
	_ = t == nil
	_ = t.f != nil
	_ = e != nil
	_ = io.EOF != nil
	_ = x > 0
	_ = err
	_ = t.f
	_ = V
	_ = io.EOF
	_ = t
	_ = (t)
	_ = x + 1
}

func g(t *T) {
	nil := t
	_ = t == nil
}
`

// parse type-checks src and returns its info and the right-hand sides of
// the _ = ... statements of f and of g, in order.
func parse(t *testing.T) (*types.Info, []ast.Expr, []ast.Expr) {
	t.Helper()
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{
		Types:      make(map[ast.Expr]types.TypeAndValue),
		Defs:       make(map[*ast.Ident]types.Object),
		Uses:       make(map[*ast.Ident]types.Object),
		Selections: make(map[*ast.SelectorExpr]*types.Selection),
	}
	conf := types.Config{Importer: importer.Default()}
	if _, err := conf.Check("p", fset, []*ast.File{file}, info); err != nil {
		t.Fatal(err)
	}
	values := func(name string) []ast.Expr {
		var out []ast.Expr
		for _, d := range file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Name.Name != name {
				continue
			}
			for _, s := range fd.Body.List {
				if as, ok := s.(*ast.AssignStmt); ok && as.Tok == token.ASSIGN {
					out = append(out, as.Rhs[0])
				}
			}
		}
		return out
	}
	return info, values("f"), values("g")
}

// name returns a short name for the variable v ("err", "t.f", "io.EOF"),
// or "" for nil.
func name(v *types.Var) string {
	switch {
	case v == nil:
		return ""
	case v.IsField():
		return "t." + v.Name()
	case v.Pkg() != nil && v.Pkg().Path() == "io":
		return "io." + v.Name()
	}
	return v.Name()
}

func TestIsNil(t *testing.T) {
	info, f, g := parse(t)
	operand := func(e ast.Expr, y bool) ast.Expr {
		b := ast.Unparen(e).(*ast.BinaryExpr)
		if y {
			return b.Y
		}
		return b.X
	}
	tests := []struct {
		e    ast.Expr
		want bool
	}{
		{operand(f[0], true), true},  // err != nil
		{operand(f[1], false), true}, // nil == err
		{operand(f[3], true), true},  // (nil)
		{operand(f[0], false), false},
		{f[9], false},
		{f[12], false},
		{operand(g[0], true), false}, // nil shadowed
	}
	for _, tt := range tests {
		if got := IsNil(info, tt.e); got != tt.want {
			t.Errorf("IsNil(%s) = %v, want %v", types.ExprString(tt.e), got, tt.want)
		}
	}
}

func TestVarOf(t *testing.T) {
	info, f, _ := parse(t)
	for i, want := range map[int]string{9: "err", 10: "t.f", 11: "V", 12: "io.EOF", 13: "t", 14: "t", 15: ""} {
		if got := name(VarOf(info, f[i])); got != want {
			t.Errorf("VarOf(%s) = %q, want %q", types.ExprString(f[i]), got, want)
		}
	}
}

func TestIdentVar(t *testing.T) {
	info, f, _ := parse(t)
	for i, want := range map[int]string{9: "err", 10: "", 11: "V", 12: "", 13: "t", 14: "t", 15: ""} {
		if got := name(IdentVar(info, f[i])); got != want {
			t.Errorf("IdentVar(%s) = %q, want %q", types.ExprString(f[i]), got, want)
		}
	}
	// A defining identifier: the parameter err of f.
	for id, obj := range info.Defs {
		if id.Name == "err" && obj != nil {
			if got := IdentVar(info, id); got != obj {
				t.Errorf("IdentVar(defining %s) = %v, want %v", id.Name, got, obj)
			}
		}
	}
}

func TestNilCompare(t *testing.T) {
	info, f, g := parse(t)
	type result struct {
		x  string
		op token.Token
		ok bool
	}
	tests := map[int]result{
		0: {"err", token.NEQ, true},
		1: {"err", token.EQL, true},
		2: {"err", token.EQL, true},
		3: {"err", token.NEQ, true},
		4: {"t", token.EQL, true},
		5: {"t.f", token.NEQ, true},
		7: {"io.EOF", token.NEQ, true},
		8: {},
		9: {},
	}
	for i, want := range tests {
		x, op, ok := NilCompare(info, f[i])
		got := result{op: op, ok: ok}
		if x != nil {
			got.x = types.ExprString(x)
		}
		if got != want {
			t.Errorf("NilCompare(%s) = %v, want %v", types.ExprString(f[i]), got, want)
		}
	}
	if _, _, ok := NilCompare(info, g[0]); ok {
		t.Errorf("NilCompare(%s) with nil shadowed: ok", types.ExprString(g[0]))
	}
}

func TestErrCheck(t *testing.T) {
	info, f, _ := parse(t)
	type result struct {
		v      string
		nonNil bool
		ok     bool
	}
	tests := map[int]result{
		0:  {"err", true, true},
		1:  {"err", false, true},
		2:  {"err", false, true},
		3:  {"err", true, true},
		4:  {}, // not an error
		5:  {}, // a field
		6:  {}, // an interface like error, not error
		7:  {}, // a package variable, not an identifier
		8:  {}, // not a comparison with nil
		9:  {}, // not a comparison
		15: {}, // an arithmetic expression
	}
	for i, want := range tests {
		v, nonNil, ok := ErrCheck(info, f[i])
		if got := (result{name(v), nonNil, ok}); got != want {
			t.Errorf("ErrCheck(%s) = %v, want %v", types.ExprString(f[i]), got, want)
		}
	}
}

func TestNilTest(t *testing.T) {
	info, f, g := parse(t)
	type result struct {
		v      string
		nonNil bool
		ok     bool
	}
	tests := map[int]result{
		0:  {"err", true, true},
		1:  {"err", false, true},
		2:  {"err", false, true},
		3:  {"err", true, true},
		4:  {"t", false, true}, // any type
		5:  {},                 // a field, not an identifier
		6:  {"e", true, true},  // an interface like error
		7:  {},                 // a package variable, not an identifier
		8:  {},                 // not a comparison with nil
		9:  {},                 // not a comparison
		15: {},                 // an arithmetic expression
	}
	for i, want := range tests {
		v, nonNil, ok := NilTest(info, f[i])
		if got := (result{name(v), nonNil, ok}); got != want {
			t.Errorf("NilTest(%s) = %v, want %v", types.ExprString(f[i]), got, want)
		}
	}
	if _, _, ok := NilTest(info, g[0]); ok {
		t.Errorf("NilTest(%s) with nil shadowed: ok", types.ExprString(g[0]))
	}
}

func TestIsError(t *testing.T) {
	if !IsError(types.Universe.Lookup("error").Type()) {
		t.Error("IsError(error) = false")
	}
	if IsError(nil) || IsError(types.Typ[types.Int]) {
		t.Error("IsError(nil or int) = true")
	}
}

func TestProves(t *testing.T) {
	// atom: the identifier a, evaluating to true.
	atom := func(e ast.Expr, truth bool) bool {
		id, ok := e.(*ast.Ident)
		return ok && id.Name == "a" && truth
	}
	for _, c := range []struct {
		cond  string
		truth bool
		want  bool
	}{
		{"a", true, true},
		{"a", false, false},
		{"!a", false, true},
		{"(a)", true, true},
		{"a && b", true, true},   // both hold: a does
		{"a && b", false, false}, // either fails: a may hold or not
		{"a || b", true, false},  // one holds: maybe b
		{"a || a", true, true},
		{"!(a || b)", false, false},
		{"!(!a || b)", true, true}, // !a false and b false: a holds
		{"!a || !a", false, true},
		{"b", true, false},
	} {
		e, err := parser.ParseExpr(c.cond)
		if err != nil {
			t.Fatal(err)
		}
		if got := Proves(e, c.truth, atom); got != c.want {
			t.Errorf("Proves(%s, %v) = %v, want %v", c.cond, c.truth, got, c.want)
		}
	}
}

func TestUsedObject(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", `package p

import "io"

type T struct{ f int }

var t T

var (
	a = io.EOF
	b = t.f
	c = (io.EOF)
	d = t
	e = 1 + 2
)
`, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Uses: make(map[*ast.Ident]types.Object)}
	if _, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a": "EOF", "b": "f", "c": "EOF", "d": "t", "e": ""}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR || len(gd.Specs) < 2 {
			continue
		}
		for _, s := range gd.Specs {
			vs := s.(*ast.ValueSpec)
			got := ""
			if obj := UsedObject(info, vs.Values[0]); obj != nil {
				got = obj.Name()
			}
			if w := want[vs.Names[0].Name]; got != w {
				t.Errorf("UsedObject(%s) = %q, want %q", vs.Names[0].Name, got, w)
			}
		}
	}
}
