package retrystorm

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/cfg"

	"github.com/transportvet/transportvet/internal/code"
	"github.com/transportvet/transportvet/internal/fixtext"
	"github.com/transportvet/transportvet/internal/httpreq"
)

// This file decides whether the select fix's early return may leak a
// response: the fix returns on cancellation, skipping whatever the loop
// would have done with a response it still holds (gojek/heimdall closes
// the previous attempt's body at the top of the next pass). The fix is
// offered only when every response variable in scope at the wait is
// provably nil there.

// isResponseLike reports whether t is a pointer to a struct with a field
// Body of type io.ReadCloser, as *http.Response is, other than
// *http.Request (whose body the transport closes).
func isResponseLike(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok || httpreq.IsRequest(p) {
		return false
	}
	st, ok := p.Elem().Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := 0; i < st.NumFields(); i++ {
		if f := st.Field(i); f.Name() == "Body" && httpreq.IsNamed(f.Type(), "io", "ReadCloser") {
			return true
		}
	}
	return false
}

// mayHoldResponse reports whether some response variable (isResponseLike)
// in scope at stmt, other than a package-level one, may be non-nil when
// stmt runs in fn. A variable is provably nil at stmt when every path of
// fn's control-flow graph that reaches stmt either declares it without a
// value (or assigns it nil) after its last other assignment, or assigns it
// with its error in `v, err = call` and then passes a test that err is not
// nil (the contract of (*http.Client).Do and the Doers that mirror it: on
// error the response is nil, or already closed) with neither reassigned
// in between. Any doubt (no graph, the statement not in it, a variable
// whose address is taken, the function's entry reached) counts as "may".
func (c *checker) mayHoldResponse(fn ast.Node, stmt ast.Stmt) bool {
	scope := fixtext.Scope(c.pass.Pkg, stmt.Pos())
	if scope == nil {
		return true
	}
	var vars []*types.Var
	for s := scope; s != nil && s != c.pass.Pkg.Scope() && s != types.Universe; s = s.Parent() {
		for _, name := range s.Names() {
			if v, ok := s.Lookup(name).(*types.Var); ok && v.Pos() < stmt.Pos() && isResponseLike(v.Type()) {
				vars = append(vars, v)
			}
		}
	}
	if len(vars) == 0 {
		return false
	}
	var g *cfg.CFG
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		g = c.cfgs.FuncDecl(fn)
	case *ast.FuncLit:
		g = c.cfgs.FuncLit(fn)
	}
	if g == nil {
		return true
	}
	var at *cfg.Block
	idx := -1
	for _, b := range g.Blocks {
		for i, n := range b.Nodes {
			if n == stmt {
				at, idx = b, i
			}
		}
	}
	if at == nil {
		return true
	}
	preds := make(map[*cfg.Block][]*cfg.Block)
	for _, b := range g.Blocks {
		for _, s := range b.Succs {
			preds[s] = append(preds[s], b)
		}
	}
	for _, v := range vars {
		w := nilWalk{info: c.pass.TypesInfo, v: v, preds: preds, entry: g.Blocks[0], seen: make(map[nilState]bool)}
		if !w.nilFrom(at, idx, nil) {
			return true
		}
	}
	return false
}

// nilWalk walks a control-flow graph backwards from a statement, proving
// that v is nil there.
type nilWalk struct {
	info  *types.Info
	v     *types.Var
	preds map[*cfg.Block][]*cfg.Block
	entry *cfg.Block
	seen  map[nilState]bool
}

// nilState is a block, and the error variable known non-nil on the way
// from it to the statement (nil while none is).
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
			e = w.guard(p, b)
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
	case *ast.DeclStmt:
		if gd, ok := n.Decl.(*ast.GenDecl); ok && gd.Tok == token.VAR {
			for _, spec := range gd.Specs {
				vs, ok := spec.(*ast.ValueSpec)
				if !ok {
					continue
				}
				for _, name := range vs.Names {
					if w.info.Defs[name] == w.v {
						if len(vs.Values) == 0 {
							return proven
						}
						return unknown
					}
				}
			}
		}
	case *ast.AssignStmt:
		if len(n.Lhs) == 2 && len(n.Rhs) == 1 && err != nil && code.IdentVar(w.info, n.Lhs[0]) == w.v && code.IdentVar(w.info, n.Lhs[1]) == err {
			if _, ok := ast.Unparen(n.Rhs[0]).(*ast.CallExpr); ok && !w.mentions(n.Rhs[0]) {
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

// guard returns the error variable that the edge from p to b proves
// non-nil: p ends with `err != nil` and b is its true successor, or with
// `err == nil` and b is its false successor.
func (w *nilWalk) guard(p, b *cfg.Block) *types.Var {
	if len(p.Succs) != 2 || len(p.Nodes) == 0 || p.Succs[0] == p.Succs[1] {
		return nil
	}
	cond, ok := p.Nodes[len(p.Nodes)-1].(ast.Expr)
	if !ok {
		return nil
	}
	v, nonNil, ok := code.ErrCheck(w.info, cond)
	if !ok {
		return nil
	}
	switch {
	case nonNil && b == p.Succs[0], !nonNil && b == p.Succs[1]:
		return v
	}
	return nil
}

// mentions reports whether v occurs in n.
func (w *nilWalk) mentions(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && code.IdentVar(w.info, id) == w.v {
			found = true
		}
		return !found
	})
	return found
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
			found = found || w.mentions(n)
		}
		return !found
	})
	return found
}
