package flow

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/cfg"
)

const src = `package p

type T struct{ f *T }

func send() (*T, error) { return nil, nil }

func f(resp *T, err error, x int, xs []int, t *T) {
	_ = err != nil
	_ = err == nil
	_ = nil != err
	_ = !(err == nil)
	_ = resp == nil
	_ = resp != nil
	_ = err != nil || resp == nil
	_ = err != nil || x > 0
	_ = err == nil && x > 0
	_ = x > 0 && resp != nil
	_ = (err != nil)
	_ = t == nil
	_ = x > 0

	for i := 0; i < x; i++ {
		if i > 1 {
			continue
		}
	}
	for {
		break
	}
	for range xs {
	}
	r, e := send()
	var r2, _ = send()
	t.f, err = send()
	_, _, _ = r, e, r2
}
`

type fixture struct {
	info  *types.Info
	fn    *ast.FuncDecl
	g     *cfg.CFG
	conds []ast.Expr // the values of the _ = ... statements, in order
	loops []ast.Stmt // the loops of f, in order
	vars  map[string]*types.Var
	stmts []ast.Stmt
}

func load(t *testing.T) *fixture {
	t.Helper()
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{
		Types: make(map[ast.Expr]types.TypeAndValue),
		Defs:  make(map[*ast.Ident]types.Object),
		Uses:  make(map[*ast.Ident]types.Object),
	}
	if _, err := new(types.Config).Check("p", fset, []*ast.File{file}, info); err != nil {
		t.Fatal(err)
	}
	fx := &fixture{info: info, vars: make(map[string]*types.Var)}
	for _, d := range file.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Name.Name == "f" {
			fx.fn = fn
		}
	}
	for id, obj := range info.Defs {
		if v, ok := obj.(*types.Var); ok && !v.IsField() && fx.fn.Pos() <= id.Pos() && id.Pos() < fx.fn.End() {
			fx.vars[id.Name] = v
		}
	}
	for _, s := range fx.fn.Body.List {
		fx.stmts = append(fx.stmts, s)
		switch s := s.(type) {
		case *ast.AssignStmt:
			if len(s.Lhs) == 1 && len(s.Rhs) == 1 && s.Lhs[0].(*ast.Ident).Name == "_" {
				fx.conds = append(fx.conds, s.Rhs[0])
			}
		case *ast.ForStmt, *ast.RangeStmt:
			fx.loops = append(fx.loops, s)
		}
	}
	fx.g = cfg.New(fx.fn.Body, func(*ast.CallExpr) bool { return true })
	return fx
}

func TestImplies(t *testing.T) {
	fx := load(t)
	resp, errv, tv := fx.vars["resp"], fx.vars["err"], fx.vars["t"]
	type row struct {
		v, other  *types.Var
		ifTrue    Nilness
		ifFalse   Nilness
		condIndex int
	}
	rows := []row{
		// The error alone.
		{errv, nil, NonNil, Nil, 0},        // err != nil
		{errv, nil, Nil, NonNil, 1},        // err == nil
		{errv, nil, NonNil, Nil, 2},        // nil != err
		{errv, nil, NonNil, Nil, 3},        // !(err == nil)
		{errv, nil, Unknown, Unknown, 4},   // resp == nil: another variable
		{errv, nil, Unknown, Nil, 7},       // err != nil || x > 0
		{errv, nil, Nil, Unknown, 8},       // err == nil && x > 0
		{errv, nil, NonNil, Nil, 10},       // (err != nil)
		{errv, nil, Unknown, Unknown, 12},  // x > 0
		{tv, nil, Nil, NonNil, 11},         // t == nil
		{resp, nil, Unknown, Unknown, 0},   // err != nil without the pair
		{resp, errv, Nil, NonNil, 0},       // err != nil: no response
		{resp, errv, NonNil, Nil, 1},       // err == nil: a response
		{resp, errv, Nil, NonNil, 4},       // resp == nil
		{resp, errv, NonNil, Nil, 5},       // resp != nil
		{resp, errv, Nil, NonNil, 6},       // err != nil || resp == nil: both operands say nil
		{resp, errv, Unknown, NonNil, 7},   // err != nil || x > 0
		{resp, errv, NonNil, Unknown, 9},   // x > 0 && resp != nil
		{resp, errv, Unknown, Unknown, 12}, // x > 0
		{errv, resp, NonNil, Nil, 0},       // the pair the other way round
		{errv, resp, NonNil, Nil, 4},       // resp == nil: an error
	}
	for _, r := range rows {
		cond := fx.conds[r.condIndex]
		if got := Implies(fx.info, cond, true, r.v, r.other); got != r.ifTrue {
			t.Errorf("Implies(%s, true, %s, %v) = %v, want %v", types.ExprString(cond), r.v.Name(), r.other, got, r.ifTrue)
		}
		if got := Implies(fx.info, cond, false, r.v, r.other); got != r.ifFalse {
			t.Errorf("Implies(%s, false, %s, %v) = %v, want %v", types.ExprString(cond), r.v.Name(), r.other, got, r.ifFalse)
		}
	}
}

func TestLoops(t *testing.T) {
	fx := load(t)
	if len(fx.loops) != 3 {
		t.Fatalf("found %d loops, want 3", len(fx.loops))
	}
	for i, want := range []struct{ head, cont cfg.BlockKind }{
		{cfg.KindForLoop, cfg.KindForPost},     // for i := 0; i < x; i++
		{cfg.KindForBody, cfg.KindForBody},     // for {}
		{cfg.KindRangeLoop, cfg.KindRangeLoop}, // for range xs
	} {
		loop := fx.loops[i]
		head := LoopHead(fx.g, loop)
		if head == nil || head.Kind != want.head || head.Stmt != loop {
			t.Errorf("loop %d: LoopHead = %v, want a %v of the loop", i, head, want.head)
			continue
		}
		cont, head2 := ContinueTarget(fx.g, loop)
		if head2 != head || cont == nil || cont.Kind != want.cont || cont.Stmt != loop {
			t.Errorf("loop %d: ContinueTarget = %v, %v, want a %v and the head", i, cont, head2, want.cont)
		}
		for _, b := range fx.g.Blocks {
			done := (b.Kind == cfg.KindForDone || b.Kind == cfg.KindRangeDone) && b.Stmt == loop
			if done && !Leaves(b, loop) {
				t.Errorf("loop %d: Leaves(its done block) = false", i)
			}
			if b == head && Leaves(b, loop) {
				t.Errorf("loop %d: Leaves(its head) = true", i)
			}
		}
	}
	if LoopHead(fx.g, fx.stmts[0]) != nil {
		t.Errorf("LoopHead of an assignment is not nil")
	}
	if cont, head := ContinueTarget(fx.g, fx.stmts[0]); cont != nil || head != nil {
		t.Errorf("ContinueTarget of an assignment is not nil")
	}
	// The entry block, which holds the first statements, lies before every
	// loop: entering it leaves them.
	if !Leaves(fx.g.Blocks[0], fx.loops[0]) {
		t.Errorf("Leaves(entry block, first loop) = false")
	}
}

func TestBranch(t *testing.T) {
	fx := load(t)
	// The block of the for condition i < x ends in it; the if i > 1 block
	// ends in its condition. Neither tests a nil, so both are Unknown; a
	// block that ends in no condition is Unknown too.
	conds := Conditions(fx.fn.Body)
	n := 0
	for _, b := range fx.g.Blocks {
		if len(b.Succs) == 2 && len(b.Nodes) > 0 && conds[b.Nodes[len(b.Nodes)-1].(ast.Expr)] {
			n++
		}
		for k := range b.Succs {
			if got := Branch(fx.info, conds, b, k, fx.vars["err"], nil); got != Unknown {
				t.Errorf("Branch(block %d, %d) = %v, want Unknown", b.Index, k, got)
			}
		}
	}
	if n != 2 {
		t.Errorf("%d blocks end in a condition, want 2 (i < x, i > 1)", n)
	}
	if got := Branch(fx.info, conds, fx.g.Blocks[0], 0, nil, nil); got != Unknown {
		t.Errorf("Branch with a nil variable = %v", got)
	}
}

func TestLocateAndResults(t *testing.T) {
	fx := load(t)
	last := len(fx.stmts)
	check := func(stmt ast.Stmt, node ast.Node, want ...string) {
		t.Helper()
		var call *ast.CallExpr
		ast.Inspect(stmt, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok && call == nil {
				call = c
			}
			return call == nil
		})
		b, i := Locate(fx.g, call)
		if b == nil || b.Nodes[i] != node {
			t.Fatalf("Locate(%s) = %v, %d, want the block of its statement", types.ExprString(call), b, i)
		}
		got := Results(fx.info, b.Nodes[i], call)
		if len(got) != len(want) {
			t.Fatalf("Results = %v, want %v", got, want)
		}
		for k, v := range got {
			name := ""
			if v != nil {
				name = v.Name()
			}
			if name != want[k] {
				t.Errorf("Results[%d] = %q, want %q", k, name, want[k])
			}
		}
		if Results(fx.info, b.Nodes[i], &ast.CallExpr{}) != nil {
			t.Errorf("Results of another call is not nil")
		}
	}
	check(fx.stmts[last-4], fx.stmts[last-4], "r", "e")                                              // r, e := send()
	check(fx.stmts[last-3], fx.stmts[last-3].(*ast.DeclStmt).Decl.(*ast.GenDecl).Specs[0], "r2", "") // var r2, _ = send()
	check(fx.stmts[last-2], fx.stmts[last-2], "", "err")                                             // t.f, err = send()
}
