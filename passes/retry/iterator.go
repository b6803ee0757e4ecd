package retry

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/transportvet/transportvet/internal/httpreq"
)

// IteratorFact marks a retry iterator: a function that returns a channel
// or a range-over-func iterator whose producer yields, in a loop, one
// value per attempt and waits between them (minio-go's newRetryTimer). A
// loop ranging over its result is a retry loop whose delay is the
// iterator's.
type IteratorFact struct{}

func (*IteratorFact) AFact() {}

func (*IteratorFact) String() string { return "retry iterator" }

// iterator returns the retry iterator that x, the expression a range loop
// ranges over, calls, or nil.
func (c *collector) iterator(x ast.Expr) *types.Func {
	call, ok := ast.Unparen(x).(*ast.CallExpr)
	if !ok {
		return nil
	}
	fn := httpreq.Callee(c.pass.TypesInfo, call)
	if fn == nil {
		return nil
	}
	fn = fn.Origin()
	if c.iterators == nil {
		c.iterators = make(map[*types.Func]bool)
	}
	if is, ok := c.iterators[fn]; ok {
		return ifTrue(is, fn)
	}
	is := false
	if decl := c.index().decls[fn]; decl != nil {
		is = c.isIterator(decl)
	} else if fn.Pkg() != c.pass.Pkg {
		is = c.pass.ImportObjectFact(fn, new(IteratorFact))
	}
	c.iterators[fn] = is
	return ifTrue(is, fn)
}

func ifTrue(b bool, fn *types.Func) *types.Func {
	if b {
		return fn
	}
	return nil
}

// isIterator reports whether decl is a retry iterator: it returns a
// channel or a function, and a loop in it (or in a function literal in
// it) both hands out a value, by a send on a channel or a call of a yield
// function, and waits (time.Sleep, a receive from time.After or a timer's
// channel, a select on them).
func (c *collector) isIterator(decl *ast.FuncDecl) bool {
	fn, _ := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	if fn == nil {
		return false
	}
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil || sig.Results().Len() != 1 {
		return false
	}
	switch sig.Results().At(0).Type().Underlying().(type) {
	case *types.Chan, *types.Signature:
	default:
		return false
	}
	found := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		var body *ast.BlockStmt
		switch l := n.(type) {
		case *ast.ForStmt:
			body = l.Body
		case *ast.RangeStmt:
			body = l.Body
		}
		if body != nil && c.yields(body) && c.waits(body) {
			found = true
		}
		return !found
	})
	return found
}

// yields reports whether body sends on a channel or calls a function
// value whose result is a bool (yield).
func (c *collector) yields(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SendStmt:
			found = true
		case *ast.CallExpr:
			if v := c.varOf(n.Fun); v != nil {
				if s, ok := v.Type().Underlying().(*types.Signature); ok && s.Results().Len() == 1 && isBool(s.Results().At(0).Type()) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// waits reports whether body sleeps or receives from a time channel.
func (c *collector) waits(body *ast.BlockStmt) bool {
	info := c.pass.TypesInfo
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if fn := httpreq.Callee(info, n); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "time" && fn.Name() == "Sleep" {
				found = true
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				if ch, ok := info.TypeOf(n.X).Underlying().(*types.Chan); ok && httpreq.IsNamed(ch.Elem(), "time", "Time") {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// exportIterators exports an IteratorFact for each exported retry
// iterator the package declares.
func (c *collector) exportIterators() {
	for _, f := range c.pass.Files {
		for _, d := range f.Decls {
			decl, ok := d.(*ast.FuncDecl)
			if !ok || decl.Body == nil || !decl.Name.IsExported() {
				continue
			}
			fn, _ := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
			if fn != nil && c.isIterator(decl) {
				c.pass.ExportObjectFact(fn, new(IteratorFact))
			}
		}
	}
}
