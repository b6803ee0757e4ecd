package retrystorm

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/cfg"
)

// errState is what a branch tells about the error of the retried call.
type errState int

const (
	errUnknown errState = iota
	errNil              // the call succeeded
	errNonNil           // the call failed
)

// implies returns what cond being truth tells about v (the error result of
// the retried call): v != nil, v == nil, and their combinations with !, &&
// and ||.
func implies(info *types.Info, cond ast.Expr, truth bool, v *types.Var) errState {
	switch e := ast.Unparen(cond).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			return implies(info, e.X, !truth, v)
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.EQL, token.NEQ:
			if !(isVar(info, e.X, v) && isNil(info, e.Y)) && !(isVar(info, e.Y, v) && isNil(info, e.X)) {
				return errUnknown
			}
			if (e.Op == token.NEQ) == truth {
				return errNonNil
			}
			return errNil
		case token.LAND, token.LOR:
			x, y := implies(info, e.X, truth, v), implies(info, e.Y, truth, v)
			// a && b true, or a || b false: both operands hold.
			if (e.Op == token.LAND) == truth {
				if x != errUnknown {
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
	return errUnknown
}

func isVar(info *types.Info, e ast.Expr, v *types.Var) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && v != nil && info.Uses[id] == v
}

func isNil(info *types.Info, e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	_, isNil := info.Uses[id].(*types.Nil)
	return isNil
}

// conditions returns the expressions of fn's body whose value decides a
// two-way branch of its CFG: if and for conditions and the cases of
// switches without a tag.
func conditions(body ast.Node) map[ast.Expr]bool {
	m := make(map[ast.Expr]bool)
	ast.Inspect(body, func(n ast.Node) bool {
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

// branchState returns what taking b.Succs[i] tells about v.
func branchState(info *types.Info, conds map[ast.Expr]bool, b *cfg.Block, i int, v *types.Var) errState {
	if v == nil || len(b.Succs) != 2 || len(b.Nodes) == 0 {
		return errUnknown
	}
	cond, ok := b.Nodes[len(b.Nodes)-1].(ast.Expr)
	if !ok || !conds[cond] {
		return errUnknown
	}
	return implies(info, cond, i == 0, v)
}

// locate returns the block of g and the index of its node that contains
// the span of n, or nil.
func locate(g *cfg.CFG, n ast.Node) (*cfg.Block, int) {
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

// loopHead returns the block where each iteration of loop starts again: the
// condition of a for loop with one, the body of a for loop without, the
// head of a range loop.
func loopHead(g *cfg.CFG, loop ast.Node) *cfg.Block {
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
	for _, b := range g.Blocks {
		if b.Kind == kind && b.Stmt == loop {
			return b
		}
	}
	return nil
}

// leaves reports whether entering b leaves loop: its done block, or a block
// outside its span.
func leaves(b *cfg.Block, loop ast.Node) bool {
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

// errOf returns the variable that receives the last result of call when
// stmt assigns call's results and that result is an error, or nil.
func errOf(info *types.Info, stmt ast.Node, call *ast.CallExpr) *types.Var {
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
	if len(lhs) == 0 {
		return nil
	}
	id, ok := lhs[len(lhs)-1].(*ast.Ident)
	if !ok {
		return nil
	}
	obj := info.Defs[id]
	if obj == nil {
		obj = info.Uses[id]
	}
	v, ok := obj.(*types.Var)
	if !ok || !types.Identical(v.Type(), types.Universe.Lookup("error").Type()) {
		return nil
	}
	return v
}
