package retrybody

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/cfg"
)

// respState is what a branch tells about the response of a send.
type respState int

const (
	respUnknown respState = iota
	respNil               // err != nil or resp == nil: nothing to close
	respNonNil            // err == nil or resp != nil
)

// implies returns what cond being truth tells about the response resp and
// error errv of a send: net/http returns a nil response with a non-nil
// error (client.go: "On error, any Response can be ignored"; the only
// exception, a CheckRedirect failure, has its body already closed).
func implies(info *types.Info, cond ast.Expr, truth bool, resp, errv *types.Var) respState {
	switch e := ast.Unparen(cond).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			return implies(info, e.X, !truth, resp, errv)
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.EQL, token.NEQ:
			var v *types.Var
			switch {
			case isNilExpr(info, e.Y):
				v = varOf(info, e.X)
			case isNilExpr(info, e.X):
				v = varOf(info, e.Y)
			}
			if v == nil || (v != resp && v != errv) {
				return respUnknown
			}
			isNil := (e.Op == token.EQL) == truth // v == nil holds
			if (v == errv) == isNil {
				return respNonNil // err == nil, or resp != nil
			}
			return respNil
		case token.LAND, token.LOR:
			x, y := implies(info, e.X, truth, resp, errv), implies(info, e.Y, truth, resp, errv)
			if (e.Op == token.LAND) == truth {
				if x != respUnknown {
					return x
				}
				return y
			}
			if x == y {
				return x
			}
		}
	}
	return respUnknown
}

func varOf(info *types.Info, e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := info.Uses[id].(*types.Var)
	return v
}

func isNilExpr(info *types.Info, e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	_, isNil := info.Uses[id].(*types.Nil)
	return isNil
}

// conditions returns the expressions under n whose value decides a two-way
// branch of the CFG: if and for conditions and the cases of switches
// without a tag.
func conditions(n ast.Node) map[ast.Expr]bool {
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

// branchState returns what taking b.Succs[i] tells about the response.
func branchState(info *types.Info, conds map[ast.Expr]bool, b *cfg.Block, i int, resp, errv *types.Var) respState {
	if len(b.Succs) != 2 || len(b.Nodes) == 0 {
		return respUnknown
	}
	cond, ok := b.Nodes[len(b.Nodes)-1].(ast.Expr)
	if !ok || !conds[cond] {
		return respUnknown
	}
	return implies(info, cond, i == 0, resp, errv)
}

// locate returns the live block of g and the index of its node that holds
// n, or nil.
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

// continueTarget returns the block a continue of loop jumps to, and the
// block where each iteration starts.
func continueTarget(g *cfg.CFG, loop ast.Node) (cont, head *cfg.Block) {
	find := func(kind cfg.BlockKind) *cfg.Block {
		for _, b := range g.Blocks {
			if b.Kind == kind && b.Stmt == loop {
				return b
			}
		}
		return nil
	}
	switch l := loop.(type) {
	case *ast.ForStmt:
		head = find(cfg.KindForBody)
		if l.Cond != nil {
			head = find(cfg.KindForLoop)
		}
		cont = head
		if l.Post != nil {
			cont = find(cfg.KindForPost)
		}
	case *ast.RangeStmt:
		head = find(cfg.KindRangeLoop)
		cont = head
	}
	if head == nil {
		return nil, nil
	}
	return cont, head
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

// cfgOf returns the CFG of a *ast.FuncDecl or *ast.FuncLit, or nil.
func (c *checker) cfgOf(fn ast.Node) *cfg.CFG {
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		return c.cfgs.FuncDecl(fn)
	case *ast.FuncLit:
		return c.cfgs.FuncLit(fn)
	}
	return nil
}
