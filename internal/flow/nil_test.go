package flow

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/cfg"

	"github.com/transportvet/transportvet/internal/tvtest"
)

// nilSrc holds functions with one call wait() each, whose comment says
// whether resp is provably nil there (NilAt).
const nilSrc = `package p

type R struct{}

func do() (*R, error) { return nil, nil }
func wait()          {}

// go/cfg holds a var declaration's ValueSpec, not its DeclStmt: a
// declaration without a value, or with nil, is a nil assignment.
func declared() {
	var resp *R
	wait() // nil
	_ = resp
}

func declaredNil() {
	var resp *R = nil
	wait() // nil
	_ = resp
}

func declaredValue(r *R) {
	var resp = r
	wait() // may
	_ = resp
}

func declaredPair() {
	var resp, other *R
	wait() // nil
	_, _ = resp, other
}

func declaredCall() {
	var resp, _ = do()
	wait() // may
	_ = resp
}

func assignedNil(r *R) {
	resp := r
	resp = nil
	wait() // nil
	_ = resp
}

func onError() {
	resp, err := do()
	if err != nil {
		wait() // nil
		return
	}
	_ = resp
}

func onSuccess() {
	resp, err := do()
	if err == nil {
		wait() // may
	}
	_ = resp
}

func onErrorElse() {
	resp, err := do()
	if err == nil {
		return
	} else {
		wait() // nil
	}
	_ = resp
}

func param(resp *R) {
	wait() // may
}

func address() {
	var resp *R
	p := &resp
	wait() // may
	_ = p
}

func closure() {
	var resp *R
	f := func() { resp = new(R) }
	wait() // may
	f()
	_ = resp
}

func reassignedErr() {
	resp, err := do()
	err = nil
	if err != nil {
		wait() // may
	}
	_, _ = resp, err
}

func reassignedAfterCheck() {
	resp, err := do()
	if err != nil {
		err = nil
		wait() // nil
	}
	_, _ = resp, err
}

func loop(n int) {
	var resp *R
	for i := 0; i < n; i++ {
		wait() // may
		resp, _ = do()
	}
	_ = resp
}

func loopNil(n int) {
	var resp *R
	for i := 0; i < n; i++ {
		resp = nil
		wait() // nil
		resp, _ = do()
	}
	_ = resp
}
`

func TestNilAt(t *testing.T) {
	fset, file, _, info := tvtest.Check(t, nilSrc)
	cmap := ast.NewCommentMap(fset, file, file.Comments)
	n := 0
	for _, d := range file.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Body == nil || fn.Name.Name == "do" || fn.Name.Name == "wait" {
			continue
		}
		var resp *types.Var
		for id, obj := range info.Defs {
			if id.Name == "resp" && fn.Pos() <= id.Pos() && id.Pos() < fn.End() {
				resp = obj.(*types.Var)
			}
		}
		g := cfg.New(fn.Body, func(*ast.CallExpr) bool { return true })
		ast.Inspect(fn.Body, func(node ast.Node) bool {
			s, ok := node.(*ast.ExprStmt)
			if !ok || len(cmap[s]) == 0 {
				return true
			}
			n++
			want := strings.TrimSpace(cmap[s][0].Text()) == "nil"
			if got := NilAt(info, g, s, []*types.Var{resp}); got != want {
				t.Errorf("%s: NilAt(resp) = %v, want %v", fn.Name.Name, got, want)
			}
			// No variable at all is trivially nil.
			if !NilAt(info, g, s, nil) {
				t.Errorf("%s: NilAt(no variables) = false", fn.Name.Name)
			}
			return true
		})
		// A node outside g proves nothing.
		if NilAt(info, g, fn, nil) {
			t.Errorf("%s: NilAt(a node outside the graph) = true", fn.Name.Name)
		}
	}
	if n != 16 {
		t.Errorf("checked %d wait() calls, want 16", n)
	}
}

// testedSrc holds functions with calls wait(), whose comment lists the
// nilness wanted of err for which TestedAt holds there, the write
// accepted being the assignment of do()'s results.
const testedSrc = `package p

func do() (int, error) { return 0, nil }
func other() error     { return nil }
func wait()            {}

func checkedNil() {
	_, err := do()
	if err != nil {
		return
	}
	wait() // nil unknown
}

func checkedNonNil() {
	_, err := do()
	if err != nil {
		wait() // nonnil unknown
	}
}

func unchecked() {
	_, err := do()
	wait() // unknown
	_ = err
}

func otherWrite() {
	_, err := do()
	if err != nil {
		return
	}
	err = other()
	wait() //
	_ = err
}

func maybeCalled(c bool) {
	var err error
	if c {
		_, err = do()
	}
	if err == nil {
		wait() //
	}
}

func compound(x bool) {
	_, err := do()
	if err != nil || x {
		return
	}
	wait() // nil unknown
}

func inLoop() {
	for {
		_, err := do()
		if err == nil {
			wait() // nil unknown
		}
	}
}

func param(err error) {
	if err == nil {
		wait() //
	}
}

func closure() {
	_, err := do()
	f := func() { err = nil }
	if err == nil {
		wait() //
	}
	f()
}

func joined() {
	_, err := do()
	if err != nil {
		other()
	}
	wait() // unknown
}

func inReturn() int {
	_, err := do()
	if err == nil {
		return id(wait) // nil unknown
	}
	return 0
}

func id(f func()) int { return 0 }
`

func TestTestedAt(t *testing.T) {
	fset, file, _, info := tvtest.Check(t, testedSrc)
	cmap := ast.NewCommentMap(fset, file, file.Comments)
	n := 0
	for _, d := range file.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Body == nil {
			continue
		}
		var errVar *types.Var
		for id, obj := range info.Defs {
			if id.Name == "err" && fn.Pos() <= id.Pos() && id.Pos() < fn.End() {
				errVar = obj.(*types.Var)
			}
		}
		if errVar == nil {
			continue
		}
		// def accepts the assignment of do()'s results.
		def := func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok || len(as.Rhs) != 1 {
				return false
			}
			call, ok := as.Rhs[0].(*ast.CallExpr)
			id, _ := call.Fun.(*ast.Ident)
			return ok && id != nil && id.Name == "do"
		}
		g := cfg.New(fn.Body, func(*ast.CallExpr) bool { return true })
		ast.Inspect(fn.Body, func(node ast.Node) bool {
			s, ok := node.(ast.Stmt)
			if !ok || len(cmap[s]) == 0 {
				return true
			}
			// The node asked about is the wait in the statement.
			var at ast.Node
			ast.Inspect(s, func(m ast.Node) bool {
				if id, ok := m.(*ast.Ident); ok && id.Name == "wait" {
					at = id
				}
				return at == nil
			})
			if at == nil {
				return true
			}
			n++
			holds := strings.Fields(strings.TrimPrefix(cmap[s][0].Text(), "//"))
			for _, want := range []struct {
				name string
				n    Nilness
			}{{"nil", Nil}, {"nonnil", NonNil}, {"unknown", Unknown}} {
				w := slices.Contains(holds, want.name)
				if got := TestedAt(info, g, at, errVar, want.n, def); got != w {
					t.Errorf("%s: TestedAt(err, %s) = %v, want %v", fn.Name.Name, want.name, got, w)
				}
			}
			return true
		})
	}
	if n != 11 {
		t.Errorf("checked %d waits, want 11", n)
	}
}
