// Package flow owns the walks over a function's control-flow graph
// (golang.org/x/tools/go/cfg, as built by the ctrlflow analyzer) that the
// analyzers share: which block holds a node (Find, Locate, BlockOf), the
// predecessors of each block (Preds), the condition a block branches on
// (Cond, Conditions), where a loop's iterations start and where its
// continue jumps, whether a block leaves the loop, a depth-first search
// for a path that the caller's rule steers at each block and edge
// (FindPath), the blocks from which a block is reached (Reaching), what
// taking a branch tells about whether a variable is nil (Branch, Implies),
// and the backward walks that prove a variable nil at a node (NilAt) or
// tested since the call that set it (TestedAt).
//
// It holds no state: each function reads the CFG and the types it is
// given, so that the analyzers share one definition of these answers.
// Predicates on a single expression (is it nil, which variable does it
// name, is it an error check) live in internal/code; what a pass does
// with a path (what counts as a release, a wait, a use) stays in the
// pass, given to these walks as a function.
package flow

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/cfg"

	"github.com/transportvet/transportvet/internal/code"
)

// Of returns the CFG of fn, a *ast.FuncDecl or *ast.FuncLit, from cfgs, or
// nil for any other node or a function ctrlflow did not build.
func Of(cfgs *ctrlflow.CFGs, fn ast.Node) *cfg.CFG {
	if cfgs == nil {
		return nil
	}
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		return cfgs.FuncDecl(fn)
	case *ast.FuncLit:
		return cfgs.FuncLit(fn)
	}
	return nil
}

// Locate returns the live block of g and the index of its node whose span
// contains n's, or nil and -1 when no live block holds n.
func Locate(g *cfg.CFG, n ast.Node) (*cfg.Block, int) {
	for _, b := range g.Blocks {
		if !b.Live {
			continue
		}
		for i, m := range b.Nodes {
			if m.Pos() <= n.Pos() && n.End() <= m.End() {
				return b, i
			}
		}
	}
	return nil, -1
}

// Find returns the block of g that holds n itself among its nodes, and
// n's index there, or nil and -1. Unlike Locate it matches the node, not a
// span, and also looks in dead blocks: it is for nodes that are statements
// or conditions of the graph.
func Find(g *cfg.CFG, n ast.Node) (*cfg.Block, int) {
	for _, b := range g.Blocks {
		for i, m := range b.Nodes {
			if m == n {
				return b, i
			}
		}
	}
	return nil, -1
}

// Preds returns the predecessors of each block of g, in the order of g's
// blocks, counting only the edges from the blocks that from accepts (all
// of them when from is nil).
func Preds(g *cfg.CFG, from func(*cfg.Block) bool) map[*cfg.Block][]*cfg.Block {
	preds := make(map[*cfg.Block][]*cfg.Block)
	for _, b := range g.Blocks {
		if from != nil && !from(b) {
			continue
		}
		for _, s := range b.Succs {
			preds[s] = append(preds[s], b)
		}
	}
	return preds
}

// Cond returns the expression whose value b branches on, when b ends in an
// expression and has two successors, the one taken when it is true first;
// otherwise nil. Whether that expression is a condition of the source
// (an if or for condition, not a case value of a switch with a tag) is
// Conditions' to say.
func Cond(b *cfg.Block) ast.Expr {
	if len(b.Succs) != 2 || len(b.Nodes) == 0 || b.Succs[0] == b.Succs[1] {
		return nil
	}
	e, _ := b.Nodes[len(b.Nodes)-1].(ast.Expr)
	return e
}

// FindPath searches, depth first and in the order of successors, the paths
// that start at the blocks start in state s, and returns the first block
// at which step reports found, or nil. step is called once for each block
// and state that a path reaches; it returns the state after the block, and
// whether the path ends there (found or not). Since a block is visited at
// most once in each state, the search ends, and a state must be
// comparable.
//
// edge, when not nil, has a say on each edge that a path takes, from a
// block b at which it does not end, in state s after b, to b.Succs[k]: it
// returns the state in which the path enters b.Succs[k], or that the path
// ends on the edge instead (cut), or is found there (FindPath then returns
// b.Succs[k]). A nil edge takes every edge in the state after the block.
func FindPath[S comparable](start []*cfg.Block, s S, step func(b *cfg.Block, s S) (after S, end, found bool), edge func(b *cfg.Block, k int, s S) (next S, cut, found bool)) *cfg.Block {
	type visit struct {
		b *cfg.Block
		s S
	}
	seen := make(map[visit]bool)
	var enter func(b *cfg.Block, s S) *cfg.Block
	enter = func(b *cfg.Block, s S) *cfg.Block {
		if seen[visit{b, s}] {
			return nil
		}
		seen[visit{b, s}] = true
		after, end, found := step(b, s)
		if found {
			return b
		}
		if end {
			return nil
		}
		for k, t := range b.Succs {
			next := after
			if edge != nil {
				var cut bool
				if next, cut, found = edge(b, k, after); found {
					return t
				}
				if cut {
					continue
				}
			}
			if f := enter(t, next); f != nil {
				return f
			}
		}
		return nil
	}
	for _, b := range start {
		if f := enter(b, s); f != nil {
			return f
		}
	}
	return nil
}

// Reaching returns the blocks from which a walk back along preds (edges
// as Preds gives them) reaches to, to included.
func Reaching(to *cfg.Block, preds map[*cfg.Block][]*cfg.Block) map[*cfg.Block]bool {
	seen := map[*cfg.Block]bool{to: true}
	work := []*cfg.Block{to}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		for _, p := range preds[b] {
			if !seen[p] {
				seen[p] = true
				work = append(work, p)
			}
		}
	}
	return seen
}

// LoopHead returns the block of g where each iteration of loop (a
// *ast.ForStmt or *ast.RangeStmt) starts: the condition of a for loop
// with one, the body of a for loop without, the head of a range loop. It
// returns nil for any other node or when g has no such block.
func LoopHead(g *cfg.CFG, loop ast.Node) *cfg.Block {
	var kind cfg.BlockKind
	switch l := loop.(type) {
	case *ast.ForStmt:
		kind = cfg.KindForBody
		if l.Cond != nil {
			kind = cfg.KindForLoop
		}
	case *ast.RangeStmt:
		kind = cfg.KindRangeLoop
	default:
		return nil
	}
	return BlockOf(g, kind, loop)
}

// ContinueTarget returns the block of g that a continue of loop jumps to
// (the post statement of a for loop with one, else the loop head), and the
// loop head (LoopHead). It returns nil, nil when loop has no head in g, and
// a nil cont when g lacks the post block.
func ContinueTarget(g *cfg.CFG, loop ast.Node) (cont, head *cfg.Block) {
	head = LoopHead(g, loop)
	if head == nil {
		return nil, nil
	}
	cont = head
	if l, ok := loop.(*ast.ForStmt); ok && l.Post != nil {
		cont = BlockOf(g, cfg.KindForPost, loop)
	}
	return cont, head
}

// BlockOf returns the block of g of the given kind that stmt made (the
// head of a loop, the block of a label), or nil.
func BlockOf(g *cfg.CFG, kind cfg.BlockKind, stmt ast.Node) *cfg.Block {
	for _, b := range g.Blocks {
		if b.Kind == kind && b.Stmt == stmt {
			return b
		}
	}
	return nil
}

// Leaves reports whether entering b leaves loop: b is loop's done block,
// or b starts outside loop's span. A block with no node and no statement
// is not taken to leave.
func Leaves(b *cfg.Block, loop ast.Node) bool {
	if (b.Kind == cfg.KindForDone || b.Kind == cfg.KindRangeDone) && b.Stmt == loop {
		return true
	}
	var pos token.Pos
	switch {
	case len(b.Nodes) > 0:
		pos = b.Nodes[0].Pos()
	case b.Stmt != nil:
		pos = b.Stmt.Pos()
	default:
		return false
	}
	return pos < loop.Pos() || pos >= loop.End()
}

// Conditions returns the expressions under n whose value decides a two-way
// branch of the CFG: the conditions of if and for statements and the case
// expressions of switches without a tag. A block that ends in one of them
// has its true successor first.
func Conditions(n ast.Node) map[ast.Expr]bool {
	m := make(map[ast.Expr]bool)
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IfStmt:
			m[n.Cond] = true
		case *ast.ForStmt:
			if n.Cond != nil {
				m[n.Cond] = true
			}
		case *ast.SwitchStmt:
			if n.Tag == nil {
				for _, cc := range n.Body.List {
					for _, e := range cc.(*ast.CaseClause).List {
						m[e] = true
					}
				}
			}
		}
		return true
	})
	return m
}

// Nilness is what a condition tells about whether a variable is nil.
type Nilness int

const (
	Unknown Nilness = iota // the condition does not tell
	Nil                    // the variable is nil
	NonNil                 // the variable is not nil
)

// Branch returns what taking b.Succs[i] tells about whether v is nil, when
// b ends in one of conds (see Conditions) and has two successors; other is
// as for Implies. It returns Unknown for a nil v and for any other block.
func Branch(info *types.Info, conds map[ast.Expr]bool, b *cfg.Block, i int, v, other *types.Var) Nilness {
	if v == nil {
		return Unknown
	}
	cond := Cond(b)
	if cond == nil || !conds[cond] {
		return Unknown
	}
	return Implies(info, cond, i == 0, v, other)
}

// Implies returns what cond evaluating to truth tells about whether v is
// nil, from the comparisons with nil that cond makes of v and, if other is
// not nil, of other, a variable that is nil exactly when v is not (the
// response and error results of an HTTP send: net/http returns a nil
// response with a non-nil error and a non-nil response with a nil one),
// combined through !, && and ||.
func Implies(info *types.Info, cond ast.Expr, truth bool, v, other *types.Var) Nilness {
	switch e := ast.Unparen(cond).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			return Implies(info, e.X, !truth, v, other)
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.EQL, token.NEQ:
			w, nonNil, ok := code.NilTest(info, e)
			if !ok || (w != v && w != other) {
				return Unknown
			}
			isNil := nonNil != truth // w == nil holds
			if (w == v) == isNil {
				return Nil
			}
			return NonNil
		case token.LAND, token.LOR:
			x, y := Implies(info, e.X, truth, v, other), Implies(info, e.Y, truth, v, other)
			// a && b true, or a || b false: both operands hold.
			if (e.Op == token.LAND) == truth {
				if x != Unknown {
					return x
				}
				return y
			}
			// Otherwise one of them holds: only what both imply.
			if x == y {
				return x
			}
		}
	}
	return Unknown
}

// Results returns the variables to which stmt, a CFG node, assigns the
// results of call, in order, when stmt is an assignment or a var spec
// whose only value is call; an operand that is not an identifier, or is
// the blank identifier, has a nil entry. It returns nil when stmt does not
// assign call's results.
func Results(info *types.Info, stmt ast.Node, call *ast.CallExpr) []*types.Var {
	var lhs []ast.Expr
	switch s := stmt.(type) {
	case *ast.AssignStmt:
		if len(s.Rhs) != 1 || ast.Unparen(s.Rhs[0]) != call {
			return nil
		}
		lhs = s.Lhs
	case *ast.ValueSpec:
		if len(s.Values) != 1 || ast.Unparen(s.Values[0]) != call {
			return nil
		}
		for _, n := range s.Names {
			lhs = append(lhs, n)
		}
	default:
		return nil
	}
	vars := make([]*types.Var, len(lhs))
	for i, e := range lhs {
		id, ok := e.(*ast.Ident) // a parenthesized operand is not taken
		if !ok || id.Name == "_" {
			continue
		}
		vars[i] = code.IdentVar(info, id)
	}
	return vars
}
