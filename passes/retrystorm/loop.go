package retrystorm

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"

	"github.com/transportvet/transportvet/internal/code"
	"github.com/transportvet/transportvet/internal/flow"
	"github.com/transportvet/transportvet/internal/httpreq"
	"github.com/transportvet/transportvet/internal/index"
	"github.com/transportvet/transportvet/internal/knowledge"
	"github.com/transportvet/transportvet/passes/retry"
)

const noDelayMsg = "retry loop has no delay between attempts: a failing dependency turns it into a retry storm; wait with exponential backoff and jitter"

// checkLoops reports the hand-written retry loops that retry a network call
// with no wait between a failed attempt and the next.
func (c *checker) checkLoops() {
	for _, reg := range c.regions.Regions {
		if reg.Kind != retry.Loop || reg.Body == nil {
			continue
		}
		if rng, ok := reg.Node.(*ast.RangeStmt); ok && isTimeChan(c.pass.TypesInfo.TypeOf(rng.X)) {
			continue // for range ticker.C: the head itself waits
		}
		if reg.Iterator != nil {
			continue // for range c.newRetryTimer(...): the iterator waits
		}
		if call := c.immediateRetry(reg); call != nil {
			var end = reg.Body.Lbrace
			c.r.Report(analysis.Diagnostic{Pos: reg.Node.Pos(), End: end, Message: noDelayMsg})
		}
	}
}

// immediateRetry returns the retried network call of the loop region reg
// (its Attempt, or else any network call of its body) from which a path
// that has not succeeded goes back to the loop head and on to the call
// again without waiting, or nil.
func (c *checker) immediateRetry(reg *retry.Region) *ast.CallExpr {
	g := flow.Of(c.cfgs, reg.Func)
	if g == nil {
		return nil
	}
	head := flow.LoopHead(g, reg.Node)
	if head == nil {
		return nil
	}
	conds := flow.Conditions(reg.Node)
	if reg.Attempt != nil {
		// The retry analyzer names the retried call: only it counts, so
		// that a loop retrying a local operation is silent even if it
		// also makes a network call.
		if !c.isNetworkCall(reg.Attempt) || c.mayWaitForReady(reg.Attempt) {
			return nil
		}
		b, i := flow.Locate(g, reg.Attempt)
		if b == nil {
			return nil
		}
		info := c.pass.TypesInfo
		failed := errOf(info, b.Nodes[i], reg.Attempt)
		// A way round that takes a branch proving that the server
		// answered (conflict.go) is a conflict retry, not a storm; it
		// is asked only while failed still holds the attempt's error.
		conflict := c.conflictWay(reg.Attempt, failed)
		isConflict := func(cond ast.Expr, truth, fresh bool) bool {
			return fresh && conflict != nil && conflict(cond, truth)
		}
		if reg.Polls {
			// Some ways round follow a success (a poll's job in
			// progress, a loop that goes round until some failure):
			// they are not retries. Follow the ways on which the
			// attempt's error is not nil, and not a timeout, which
			// waited its deadline before it failed.
			if failed == nil {
				return nil
			}
			skip := func(x *cfg.Block, k int, fresh bool) bool {
				cond := flow.Cond(x)
				return cond != nil && conds[cond] && (nilOrTimeout(info, cond, k == 0, failed) || isConflict(cond, k == 0, fresh))
			}
			if c.waitFree(b, i, reg.Node, head, failed, skip) && !c.waitBefore(b, i, head, reg.Node) {
				return reg.Attempt
			}
			return nil
		}
		// Every way from the attempt back to it follows a failure (the
		// retry analyzer's rule): an error, a 429 or 5xx status, a retry
		// predicate. One that does not wait is a storm, unless the
		// failure is a conflict the server answered.
		skip := func(x *cfg.Block, k int, fresh bool) bool {
			cond := flow.Cond(x)
			return cond != nil && conds[cond] && isConflict(cond, k == 0, fresh)
		}
		if c.waitFree(b, i, reg.Node, b, failed, skip) && !c.waitBefore(b, i, head, reg.Node) {
			return reg.Attempt
		}
		return nil
	}
	var found *ast.CallExpr
	ast.Inspect(reg.Body, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt, *ast.DeferStmt:
			return false
		case *ast.CallExpr:
			if !c.isNetworkCall(n) {
				return true
			}
			b, i := flow.Locate(g, n)
			if b == nil {
				return true
			}
			failed := errOf(c.pass.TypesInfo, b.Nodes[i], n)
			if c.waitFreeBack(b, i, head, reg.Node, conds, failed) && !c.waitBefore(b, i, head, reg.Node) {
				found = n
			}
		}
		return true
	})
	return found
}

// waitFreeBack reports whether a path from node i of block b, on which the
// call's error (failed, if known) is not known to be nil, reaches the loop
// head without waiting.
func (c *checker) waitFreeBack(b *cfg.Block, i int, head *cfg.Block, loop ast.Node, conds map[ast.Expr]bool, failed *types.Var) bool {
	succeeded := func(x *cfg.Block, k int, _ bool) bool {
		return flow.Branch(c.pass.TypesInfo, conds, x, k, failed, nil) == flow.Nil
	}
	return c.waitFree(b, i, loop, head, nil, succeeded)
}

// waitFree reports whether a path from node i of block b, within loop and
// taking no branch that skip rejects, reaches the start of target, and
// target's nodes before node i when target is b, without waiting. skip is
// told whether the variable failed (if not nil) still holds what node i
// set it to: no node of the path has written it since.
func (c *checker) waitFree(b *cfg.Block, i int, loop ast.Node, target *cfg.Block, failed *types.Var, skip func(x *cfg.Block, k int, fresh bool) bool) bool {
	var writes []index.Write
	if failed != nil {
		writes = c.funcs.Writes(failed)
	}
	// A node that writes failed, or takes its address.
	rewrites := func(nodes []ast.Node) bool {
		for _, n := range nodes {
			for _, w := range writes {
				if n.Pos() <= w.Node.Pos() && w.Node.End() <= n.End() {
					return true
				}
			}
		}
		return false
	}
	// A path enters a block at node from (after node i in b, where it
	// starts, and at the first elsewhere), with failed fresh or not.
	type state struct {
		from  int
		fresh bool
	}
	step := func(x *cfg.Block, s state) (state, bool, bool) {
		if c.blockWaits(x, s.from, len(x.Nodes), false) || x.Return() != nil {
			return s, true, false
		}
		return state{0, s.fresh && !rewrites(x.Nodes[s.from:])}, false, false
	}
	edge := func(x *cfg.Block, k int, s state) (state, bool, bool) {
		t := x.Succs[k]
		switch {
		case skip != nil && skip(x, k, s.fresh):
			return s, true, false // the attempt succeeded on this branch
		case t == target:
			return s, true, target != b || !c.blockWaits(b, 0, i, false)
		}
		return s, flow.Leaves(t, loop), false
	}
	return flow.FindPath([]*cfg.Block{b}, state{i + 1, true}, step, edge) != nil
}

// waitBefore reports whether some path from the loop head to node i of
// block b waits: a wait that may run before each attempt (if attempt > 0 {
// time.Sleep(d) }) is taken as the loop's delay.
func (c *checker) waitBefore(b *cfg.Block, i int, head *cfg.Block, loop ast.Node) bool {
	if c.blockWaits(b, 0, i, false) {
		return true
	}
	if b == head {
		return false
	}
	// A path from the head ends at b, and is found where it waits.
	waits := func(x *cfg.Block, s struct{}) (struct{}, bool, bool) {
		return s, x == b, x != b && c.blockWaits(x, 0, len(x.Nodes), false)
	}
	inLoop := func(x *cfg.Block, k int, s struct{}) (struct{}, bool, bool) {
		return s, flow.Leaves(x.Succs[k], loop), false
	}
	return flow.FindPath([]*cfg.Block{head}, struct{}{}, waits, inLoop) != nil
}

// mayWaitForReady reports whether call is a gRPC call that may block until
// its channel is ready, which the channel's connection backoff paces: its
// call options include grpc.WaitForReady(true), or are passed as a slice
// (opts...) that may hold it.
func (c *checker) mayWaitForReady(call *ast.CallExpr) bool {
	fn := c.callee(call)
	if fn == nil || !(isGRPCClientMethod(fn) || fn.Name() == "Invoke" || fn.Name() == "NewStream") {
		return false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || !sig.Variadic() {
		return false
	}
	if call.Ellipsis.IsValid() {
		return true
	}
	for _, a := range call.Args[min(sig.Params().Len()-1, len(call.Args)):] {
		ac, ok := ast.Unparen(a).(*ast.CallExpr)
		if !ok || !isFunc(c.pass.TypesInfo, ac, knowledge.GRPC, "WaitForReady") || len(ac.Args) != 1 {
			continue
		}
		if tv, ok := c.pass.TypesInfo.Types[ac.Args[0]]; ok && tv.Value != nil && tv.Value.String() == "true" {
			return true
		}
	}
	return false
}

// errOf returns the variable that receives the last result of call when
// stmt assigns call's results and that result is an error, or nil.
func errOf(info *types.Info, stmt ast.Node, call *ast.CallExpr) *types.Var {
	vars := flow.Results(info, stmt, call)
	if len(vars) == 0 {
		return nil
	}
	v := vars[len(vars)-1]
	if v == nil || !httpreq.IsError(v.Type()) {
		return nil
	}
	return v
}

// nilOrTimeout reports whether cond evaluating to truth proves that err
// is nil or a timeout (internal/knowledge.TimeoutErrors): err == nil,
// errors.Is(err, context.DeadlineExceeded), status.Code(err) ==
// codes.DeadlineExceeded, os.IsTimeout(err), through !, && and ||.
func nilOrTimeout(info *types.Info, cond ast.Expr, truth bool, err *types.Var) bool {
	return code.Proves(cond, truth, func(cond ast.Expr, truth bool) bool {
		switch e := cond.(type) {
		case *ast.BinaryExpr:
			if e.Op != token.EQL && e.Op != token.NEQ {
				return false
			}
			if v, nonNil, ok := code.NilTest(info, e); ok {
				return v == err && nonNil != truth
			}
			if (e.Op == token.EQL) != truth {
				return false
			}
			return isTimeout(info, e.X) && ofErr(info, e.Y, err) || isTimeout(info, e.Y) && ofErr(info, e.X, err)
		case *ast.CallExpr:
			fn := httpreq.Callee(info, e)
			if !truth || fn == nil || fn.Pkg() == nil || len(e.Args) == 0 || code.IdentVar(info, e.Args[0]) != err {
				return false
			}
			switch {
			case fn.Pkg().Path() == "errors" && fn.Name() == "Is" && len(e.Args) == 2:
				return isTimeout(info, e.Args[1])
			case len(e.Args) == 1:
				return knowledge.IsTimeout(fn.Pkg().Path(), fn.Name()) // os.IsTimeout(err)
			}
		}
		return false
	})
}

// isTimeout reports whether e names one of internal/knowledge.TimeoutErrors.
func isTimeout(info *types.Info, e ast.Expr) bool {
	obj := code.UsedObject(info, e)
	return obj != nil && obj.Pkg() != nil && obj.Parent() == obj.Pkg().Scope() && knowledge.IsTimeout(obj.Pkg().Path(), obj.Name())
}

// ofErr reports whether e is err, or a call that reads it alone
// (status.Code(err)).
func ofErr(info *types.Info, e ast.Expr, err *types.Var) bool {
	if code.IdentVar(info, e) == err {
		return true
	}
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok && len(call.Args) == 1 && code.IdentVar(info, call.Args[0]) == err
}
