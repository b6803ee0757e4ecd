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
		w := nilWalk{info: info, v: v}
		// The state is the error variable known non-nil on the way from
		// a block to n (nil while none is).
		node := func(n ast.Node, err *types.Var) nodeEffect { return w.effect(n, err) }
		edge := func(p, b *cfg.Block, err *types.Var) (*types.Var, bool) {
			if err == nil {
				err = nonNilOn(info, p, b)
			}
			return err, true
		}
		if !everyPathBack(g, preds, at, idx, (*types.Var)(nil), node, edge) {
			return false
		}
	}
	return true
}

// everyPathBack reports whether every path of g that reaches the end of
// at.Nodes[:end], in state s there, is proven: walking back node by node,
// node says of each whether it proves the path (proven), fails it
// (unknown) or neither (neutral); at the start of a block the walk goes
// on into each predecessor p in the state edge gives for the edge from p,
// unless edge fails it. Reaching the function's entry fails; a block
// met again in the same state proves nothing new.
func everyPathBack[S comparable](g *cfg.CFG, preds map[*cfg.Block][]*cfg.Block, at *cfg.Block, end int, s S,
	node func(n ast.Node, s S) nodeEffect, edge func(p, b *cfg.Block, s S) (S, bool)) bool {
	type visit struct {
		b *cfg.Block
		s S
	}
	seen := make(map[visit]bool)
	var from func(b *cfg.Block, end int, s S) bool
	from = func(b *cfg.Block, end int, s S) bool {
		for i := end - 1; i >= 0; i-- {
			switch node(b.Nodes[i], s) {
			case proven:
				return true
			case unknown:
				return false
			}
		}
		if b == g.Blocks[0] {
			return false // a parameter, a named result, an outer variable
		}
		for _, p := range preds[b] {
			ps, ok := edge(p, b, s)
			if !ok {
				return false
			}
			if seen[visit{p, ps}] {
				continue // a cycle proves nothing new
			}
			seen[visit{p, ps}] = true
			if !from(p, len(p.Nodes), ps) {
				return false
			}
		}
		return true
	}
	return from(at, end, s)
}

// nilWalk holds what the node rules of NilAt and TestedAt ask about: the
// variable proved nil (or tested) and the types.
type nilWalk struct {
	info *types.Info
	v    *types.Var
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
	w := testWalk{nilWalk: nilWalk{info: info, v: v}, want: want, def: def}
	// The state is whether a branch after the block proved the nilness
	// wanted.
	edge := func(p, b *cfg.Block, proved bool) (bool, bool) {
		if !proved {
			if cond := Cond(p); cond != nil {
				switch Implies(info, cond, b == p.Succs[0], v, nil) {
				case want:
					proved = true
				case Nil, NonNil:
					return false, false // proved the other way
				}
			}
		}
		return proved, true
	}
	return everyPathBack(g, Preds(g, nil), at, idx, want == Unknown, w.node, edge)
}

// testWalk holds TestedAt's node rule.
type testWalk struct {
	nilWalk
	want Nilness
	def  func(ast.Node) bool
}

// node says of n, proved being whether a branch after it proved what is
// wanted, whether it is a write of v that def accepts after such a branch
// (proven), another write of v or a node that may change it (unknown), or
// neither.
func (w *testWalk) node(n ast.Node, proved bool) nodeEffect {
	if w.writes(n) {
		if proved && (w.def == nil || w.def(n)) {
			return proven
		}
		return unknown
	}
	if w.touches(n, nil) {
		return unknown // its address taken, or a closure mentions it
	}
	return neutral
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
