package retry

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/transportvet/transportvet/internal/flow"
	"github.com/transportvet/transportvet/internal/httpreq"
)

// Retries written without a for loop: a goto back to a label, and a
// function that calls itself again with its attempt counter moved on.

// gotoLoop returns the Loop region of the statements from labeled, at cur,
// to the last statement of its block that jumps back to it with a goto,
// in fn, or nil. Its Node is labeled and its Body a block made of those
// statements; the iteration starts at the label.
func (c *collector) gotoLoop(cur inspector.Cursor, labeled *ast.LabeledStmt, fn ast.Node) *Region {
	block, ok := cur.Parent().Node().(*ast.BlockStmt)
	if !ok {
		return nil
	}
	label := c.pass.TypesInfo.Defs[labeled.Label]
	start, end := -1, -1
	for k, s := range block.List {
		if s == labeled {
			start = k
		}
		if start >= 0 && c.jumpsTo(s, label) {
			end = k
		}
	}
	if start < 0 || end < 0 {
		return nil
	}
	body := &ast.BlockStmt{Lbrace: labeled.Pos(), List: block.List[start : end+1], Rbrace: block.List[end].End() - 1}
	g := flow.Of(c.cfgs, fn)
	if g == nil || c.receivesWork(body) != nil {
		return nil
	}
	head := flow.BlockOf(g, cfg.KindLabel, labeled)
	if head == nil {
		return nil
	}
	lg := newLoopGraph(c.pass.TypesInfo, g, body)
	lg.fn = fn
	return c.repeats(lg, labeled, body, head, nil)
}

// jumpsTo reports whether s holds a goto to label.
func (c *collector) jumpsTo(s ast.Stmt, label types.Object) bool {
	found := false
	ast.Inspect(s, func(n ast.Node) bool {
		if br, ok := n.(*ast.BranchStmt); ok && br.Tok == token.GOTO && br.Label != nil && c.pass.TypesInfo.Uses[br.Label] == label {
			found = true
		}
		_, lit := n.(*ast.FuncLit)
		return !found && !lit
	})
	return found
}

// recursion returns the region of decl when the function retries by
// calling itself: a call of decl's function, in decl and not in a function
// literal, whose arguments are its own parameters, unchanged but for
// integers moved on by a constant (attempt+1, retries-1), reached only
// after a failure of an attempt of it. Its Node is decl and its Body
// decl's body.
func (c *collector) recursion(decl *ast.FuncDecl) *Region {
	info := c.pass.TypesInfo
	fn, _ := info.Defs[decl.Name].(*types.Func)
	if fn == nil || decl.Body == nil {
		return nil
	}
	sig := fn.Type().(*types.Signature)
	if !countable(sig) {
		return nil // no counter to move on, or nothing that can fail
	}
	var self *ast.CallExpr
	var counter *types.Var
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if !named(n.Fun, fn.Name()) {
				return true // cheap: most calls are of other names
			}
			if callee := httpreq.Callee(info, n); callee != nil && callee.Origin() == fn {
				if v, ok := c.sameArgs(n, sig); ok && self == nil {
					self, counter = n, v
				} else {
					self, counter = nil, nil
					return false // another kind of recursion: over data
				}
			}
		}
		return true
	})
	if self == nil || counter == nil {
		return nil
	}
	g := flow.Of(c.cfgs, decl)
	if g == nil {
		return nil
	}
	again, j := flow.Locate(g, self)
	if again == nil {
		return nil
	}
	lg := newLoopGraph(c.pass.TypesInfo, g, decl.Body)
	lg.fn = decl
	lg.again, lg.againAt = again, j
	c.selfCall = self
	defer func() { c.selfCall = nil }()
	return c.repeats(lg, decl, decl.Body, nil, map[*types.Var]bool{counter: true})
}

// sameArgs reports whether the recursive call passes every parameter of
// sig as it came, but one integer moved on by a constant, and returns that
// one.
func (c *collector) sameArgs(call *ast.CallExpr, sig *types.Signature) (*types.Var, bool) {
	info := c.pass.TypesInfo
	if len(call.Args) != sig.Params().Len() || call.Ellipsis.IsValid() && !sig.Variadic() {
		return nil, false
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sig.Recv() != nil {
		if v := c.varOf(sel.X); v != sig.Recv() {
			return nil, false // another receiver
		}
	}
	var moved *types.Var
	for i, a := range call.Args {
		p := sig.Params().At(i)
		if c.varOf(a) == p {
			continue
		}
		b, ok := ast.Unparen(a).(*ast.BinaryExpr)
		if !ok || (b.Op != token.ADD && b.Op != token.SUB) || c.varOf(b.X) != p || !isInteger(p.Type()) || moved != nil {
			return nil, false
		}
		if tv, ok := info.Types[b.Y]; !ok || tv.Value == nil {
			return nil, false
		}
		moved = p
	}
	return moved, moved != nil
}

// named reports whether fun, a call's function, is an identifier or a
// selector of that name.
func named(fun ast.Expr, name string) bool {
	switch f := ast.Unparen(fun).(type) {
	case *ast.Ident:
		return f.Name == name
	case *ast.SelectorExpr:
		return f.Sel.Name == name
	case *ast.IndexExpr:
		return named(f.X, name)
	case *ast.IndexListExpr:
		return named(f.X, name)
	}
	return false
}

// countable reports whether sig has an integer parameter and an error as
// its last result: what a function that retries by calling itself needs.
func countable(sig *types.Signature) bool {
	res := sig.Results()
	if res.Len() == 0 || !httpreq.IsError(res.At(res.Len()-1).Type()) {
		return false
	}
	for v := range sig.Params().Variables() {
		if isInteger(v.Type()) {
			return true
		}
	}
	return false
}
