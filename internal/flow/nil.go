package flow

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/cfg"

	"github.com/transportvet/transportvet/internal/code"
)

// NilAt reports whether each of vars is provably nil when n, a node of g,
// runs. A variable is provably nil there when every path of g that reaches
// n either declares it without a value (or assigns it nil) after its last
// other assignment, or assigns it with an error in `v, err = call` and
// then passes a test that err is not nil (code.ErrCheck: the contract of
// (*http.Client).Do and the functions that mirror it, whose other result
// is nil on error), with neither reassigned in between. Any doubt (n not
// in g, a variable whose address is taken or that a closure mentions, the
// function's entry reached) counts as not nil.
func NilAt(info *types.Info, g *cfg.CFG, n ast.Node, vars []*types.Var) bool {
	at, idx := Find(g, n)
	if at == nil {
		return false
	}
	preds := Preds(g, nil)
	for _, v := range vars {
		w := nilWalk{info: info, v: v, preds: preds, entry: g.Blocks[0], seen: make(map[nilState]bool)}
		if !w.nilFrom(at, idx, nil) {
			return false
		}
	}
	return true
}

// nilWalk walks a control-flow graph backwards from a node, proving that
// v is nil there.
type nilWalk struct {
	info  *types.Info
	v     *types.Var
	preds map[*cfg.Block][]*cfg.Block
	entry *cfg.Block
	seen  map[nilState]bool
}

// nilState is a block, and the error variable known non-nil on the way
// from it to the node (nil while none is).
type nilState struct {
	b   *cfg.Block
	err *types.Var
}

// nilFrom reports whether v is nil on every path that reaches the end of
// b.Nodes[:end], err being non-nil from there on when it is not nil.
func (w *nilWalk) nilFrom(b *cfg.Block, end int, err *types.Var) bool {
	for i := end - 1; i >= 0; i-- {
		switch w.effect(b.Nodes[i], err) {
		case proven:
			return true
		case unknown:
			return false
		}
	}
	if b == w.entry {
		return false // a parameter, a named result, an outer variable
	}
	for _, p := range w.preds[b] {
		e := err
		if e == nil {
			e = nonNilOn(w.info, p, b)
		}
		st := nilState{p, e}
		if w.seen[st] {
			continue // a cycle proves nothing new
		}
		w.seen[st] = true
		if !w.nilFrom(p, len(p.Nodes), e) {
			return false
		}
	}
	return true
}

type nodeEffect int

const (
	neutral nodeEffect = iota
	proven             // v is nil after the node
	unknown            // v may be non-nil after the node
)

// effect classifies node n for v, err being non-nil after n when not nil.
func (w *nilWalk) effect(n ast.Node, err *types.Var) nodeEffect {
	switch n := n.(type) {
	case *ast.ValueSpec:
		// go/cfg holds each spec of a var declaration, not its DeclStmt.
		for i, name := range n.Names {
			if w.info.Defs[name] != w.v {
				continue
			}
			if len(n.Values) == 0 || len(n.Values) == len(n.Names) && code.IsNil(w.info, n.Values[i]) {
				return proven
			}
			return unknown
		}
	case *ast.AssignStmt:
		if len(n.Lhs) == 2 && len(n.Rhs) == 1 && err != nil && code.IdentVar(w.info, n.Lhs[0]) == w.v && code.IdentVar(w.info, n.Lhs[1]) == err {
			if _, ok := ast.Unparen(n.Rhs[0]).(*ast.CallExpr); ok && !code.Mentions(w.info, n.Rhs[0], w.v) {
				return proven
			}
			return unknown
		}
		if len(n.Lhs) == 1 && len(n.Rhs) == 1 && code.IdentVar(w.info, n.Lhs[0]) == w.v && code.IsNil(w.info, n.Rhs[0]) {
			return proven
		}
	}
	if w.touches(n, err) {
		return unknown
	}
	return neutral
}

// nonNilOn returns the error variable that the edge from p to b proves
// non-nil: p ends with `err != nil` (code.ErrCheck) and b is its true
// successor, or with `err == nil` and b is its false successor.
func nonNilOn(info *types.Info, p, b *cfg.Block) *types.Var {
	cond := Cond(p)
	if cond == nil {
		return nil
	}
	v, nonNil, ok := code.ErrCheck(info, cond)
	if !ok {
		return nil
	}
	switch {
	case nonNil && b == p.Succs[0], !nonNil && b == p.Succs[1]:
		return v
	}
	return nil
}

// touches reports whether n may change v or err: an assignment to either,
// a range over them, their address taken, or a closure that mentions v.
func (w *nilWalk) touches(n ast.Node, err *types.Var) bool {
	hit := func(e ast.Expr) bool {
		v := code.IdentVar(w.info, e)
		return v == w.v || (err != nil && v == err)
	}
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				found = found || hit(l)
			}
		case *ast.RangeStmt:
			found = found || (n.Key != nil && hit(n.Key)) || (n.Value != nil && hit(n.Value))
		case *ast.UnaryExpr:
			found = found || (n.Op == token.AND && hit(n.X))
		case *ast.ValueSpec:
			for _, name := range n.Names {
				found = found || hit(name)
			}
		case *ast.FuncLit:
			found = found || code.Mentions(w.info, n, w.v)
		}
		return !found
	})
	return found
}

// TestedAt reports whether, on every path of g that reaches n (a node of
// g, or an expression in one), v was last written by a node that def
// accepts and then, unless want is Unknown, passed a branch that proves it
// nil (want == Nil) or not nil (want == NonNil) (Implies, through !, &&
// and ||), with no node in between writing v, taking its address or
// capturing it in a closure. A nil def accepts any write. It is how a
// pass asks "did this call's error come back nil, and was it tested,
// before n" (`resp, err := call(); if err != nil { return }; n`). Any
// doubt (n in no live block, the function's entry reached, a branch
// proving the other way) counts as not.
func TestedAt(info *types.Info, g *cfg.CFG, n ast.Node, v *types.Var, want Nilness, def func(ast.Node) bool) bool {
	at, idx := Locate(g, n)
	if at == nil || v == nil {
		return false
	}
	w := testWalk{
		nilWalk: nilWalk{info: info, v: v, preds: Preds(g, nil), entry: g.Blocks[0]},
		want:    want,
		def:     def,
		seen:    make(map[testState]bool),
	}
	return w.from(at, idx, want == Unknown)
}

// testWalk walks a control-flow graph backwards from a node, for TestedAt.
type testWalk struct {
	nilWalk
	want Nilness
	def  func(ast.Node) bool
	seen map[testState]bool
}

// testState is a block, and whether a branch after it proved the nilness
// wanted.
type testState struct {
	b      *cfg.Block
	proved bool
}

// from reports whether every path that reaches the end of b.Nodes[:end],
// a branch after it having proved what is wanted when proved, meets a
// write of v that def accepts after such a branch.
func (w *testWalk) from(b *cfg.Block, end int, proved bool) bool {
	for i := end - 1; i >= 0; i-- {
		n := b.Nodes[i]
		if w.writes(n) {
			return proved && (w.def == nil || w.def(n))
		}
		if w.touches(n, nil) {
			return false // its address taken, or a closure mentions it
		}
	}
	if b == w.entry {
		return false // a parameter, a named result, an outer variable
	}
	for _, p := range w.preds[b] {
		pr := proved
		if !pr {
			if cond := Cond(p); cond != nil {
				switch Implies(w.info, cond, b == p.Succs[0], w.v, nil) {
				case w.want:
					pr = true
				case Nil, NonNil:
					return false // proved the other way
				}
			}
		}
		st := testState{p, pr}
		if w.seen[st] {
			continue // a cycle proves nothing new
		}
		w.seen[st] = true
		if !w.from(p, len(p.Nodes), pr) {
			return false
		}
	}
	return true
}

// writes reports whether n, a node of the graph, assigns v: an assignment
// or a var spec with v on its left, a range whose key or value is v.
func (w *testWalk) writes(n ast.Node) bool {
	hit := func(e ast.Expr) bool { return code.IdentVar(w.info, e) == w.v }
	switch n := n.(type) {
	case *ast.AssignStmt:
		for _, l := range n.Lhs {
			if hit(l) {
				return true
			}
		}
	case *ast.ValueSpec:
		for _, name := range n.Names {
			if hit(name) {
				return true
			}
		}
	case *ast.RangeStmt:
		return n.Key != nil && hit(n.Key) || n.Value != nil && hit(n.Value)
	}
	return false
}
