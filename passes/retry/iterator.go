package retry

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/transportvet/transportvet/internal/code"
	"github.com/transportvet/transportvet/internal/httpreq"
)

// IteratorFact marks a retry iterator: a function that returns a channel
// or a range-over-func iterator whose producer yields, in a loop, one
// value per attempt and waits between them (minio-go's newRetryTimer). A
// loop ranging over its result is a retry loop whose delay is the
// iterator's.
type IteratorFact struct {
	// Backoff says that the wait grows or changes from one attempt to
	// the next: its duration is computed from a variable that the
	// producer's loop writes (minio-go's exponentialBackoffWait(n) with
	// n++). Unlike a ticker, such an iterator exists only to retry.
	Backoff bool
}

func (*IteratorFact) AFact() {}

func (f *IteratorFact) String() string {
	if f.Backoff {
		return "retry iterator with backoff"
	}
	return "retry iterator"
}

// iterator returns the retry iterator that x, the expression a range loop
// ranges over, calls, and what is known of it; nil if it is none.
func (c *collector) iterator(x ast.Expr) (*types.Func, *IteratorFact) {
	call, ok := ast.Unparen(x).(*ast.CallExpr)
	if !ok {
		return nil, nil
	}
	fn := httpreq.Callee(c.pass.TypesInfo, call)
	if fn == nil {
		return nil, nil
	}
	fn = fn.Origin()
	if c.iterators == nil {
		c.iterators = make(map[*types.Func]*IteratorFact)
	}
	f, ok := c.iterators[fn]
	if !ok {
		if decl := c.decl(fn); decl != nil {
			f = c.isIterator(decl)
		} else if fn.Pkg() != c.pass.Pkg {
			if fact := new(IteratorFact); c.pass.ImportObjectFact(fn, fact) {
				f = fact
			}
		}
		c.iterators[fn] = f
	}
	if f == nil {
		return nil, nil
	}
	return fn, f
}

// isIterator returns the fact of decl if it is a retry iterator: it
// returns a channel or a function, and a loop in it (or in a function
// literal in it) both hands out a value, by a send on a channel or a call
// of a yield function, and waits (time.Sleep, a receive from time.After or
// a timer's channel, a select on them). Else it returns nil.
func (c *collector) isIterator(decl *ast.FuncDecl) *IteratorFact {
	fn, _ := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	if fn == nil {
		return nil
	}
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil || sig.Results().Len() != 1 {
		return nil
	}
	switch sig.Results().At(0).Type().Underlying().(type) {
	case *types.Chan, *types.Signature:
	default:
		return nil
	}
	var found *IteratorFact
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		var body *ast.BlockStmt
		var post ast.Stmt
		switch l := n.(type) {
		case *ast.ForStmt:
			body, post = l.Body, l.Post
		case *ast.RangeStmt:
			body = l.Body
		}
		if body == nil || !c.yields(body) {
			return true
		}
		if delays := c.waits(body); len(delays) > 0 {
			found = &IteratorFact{Backoff: c.changes(delays, body, post)}
		}
		return found == nil
	})
	return found
}

// changes reports whether one of the delays mentions a variable that the
// loop of body (and its post statement) writes: the wait changes from one
// attempt to the next.
func (c *collector) changes(delays []ast.Expr, body *ast.BlockStmt, post ast.Stmt) bool {
	info := c.pass.TypesInfo
	written := make(map[*types.Var]bool)
	for _, n := range []ast.Node{body, post} {
		if n == nil {
			continue
		}
		ast.Inspect(n, func(m ast.Node) bool {
			switch m := m.(type) {
			case *ast.IncDecStmt:
				written[code.VarOf(info, m.X)] = true
			case *ast.AssignStmt:
				for _, l := range m.Lhs {
					written[code.VarOf(info, l)] = true
				}
			}
			return true
		})
	}
	delete(written, nil)
	for _, d := range delays {
		for v := range written {
			if code.Mentions(info, d, v) {
				return true
			}
		}
	}
	return false
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

// waits returns the waits of body, each as its delay: the argument of
// time.Sleep or time.After, or for a receive from another time channel
// (a timer's C), the channel.
func (c *collector) waits(body *ast.BlockStmt) []ast.Expr {
	info := c.pass.TypesInfo
	var delays []ast.Expr
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if fn := httpreq.Callee(info, n); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "time" && fn.Name() == "Sleep" && len(n.Args) == 1 {
				delays = append(delays, n.Args[0])
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				if ch, ok := info.TypeOf(n.X).Underlying().(*types.Chan); ok && httpreq.IsNamed(ch.Elem(), "time", "Time") {
					d := n.X
					if call, ok := ast.Unparen(n.X).(*ast.CallExpr); ok && len(call.Args) == 1 {
						if fn := httpreq.Callee(info, call); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "time" && fn.Name() == "After" {
							d = call.Args[0]
						}
					}
					delays = append(delays, d)
				}
			}
		}
		return true
	})
	return delays
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
			if fn == nil {
				continue
			}
			if f := c.isIterator(decl); f != nil {
				c.pass.ExportObjectFact(fn, f)
			}
		}
	}
}
