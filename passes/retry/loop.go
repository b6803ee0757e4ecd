package retry

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/cfg"

	"github.com/transportvet/transportvet/internal/code"
	"github.com/transportvet/transportvet/internal/flow"
	"github.com/transportvet/transportvet/internal/httpreq"
	"github.com/transportvet/transportvet/internal/knowledge"
)

// loop returns the Loop region of loop, whose body is body and label its
// label (or nil), in the function fn, or nil if it is not a retry loop.
// See Loop for the rules.
func (c *collector) loop(loop ast.Stmt, body *ast.BlockStmt, label *ast.Ident, fn ast.Node) *Region {
	return c.cached(loop, func() *Region { return c.newLoop(loop, body, fn) })
}

// cached returns a copy of the region that find finds for node, finding
// it once: regions of loops do not depend on the helpers that the rounds
// of findRegions learn.
func (c *collector) cached(node ast.Node, find func() *Region) *Region {
	reg, ok := c.loops[node]
	if !ok {
		reg = find()
		if c.loops == nil {
			c.loops = make(map[ast.Node]*Region)
		}
		c.loops[node] = reg
	}
	if reg == nil {
		return nil
	}
	cp := *reg
	return &cp
}

func (c *collector) newLoop(loop ast.Stmt, body *ast.BlockStmt, fn ast.Node) *Region {
	info := c.pass.TypesInfo
	if body == nil {
		return nil
	}
	// The loop's own variables: those of the for clause, the key of a
	// range over an integer. They change every iteration.
	clause := make(map[*types.Var]bool)
	var (
		counter  *types.Var
		iter     *types.Func // the retry iterator a range loop ranges over
		iterFact *IteratorFact
	)
	count := func(v *types.Var) {
		if v != nil && counter == nil && isInteger(v.Type()) {
			counter = v
		}
	}
	switch l := loop.(type) {
	case *ast.RangeStmt:
		tv, ok := info.Types[l.X]
		if !ok || tv.Type == nil {
			return nil
		}
		if !isInteger(tv.Type) {
			// Over data, or a channel or function, unless it is a
			// retry iterator, which yields one value per attempt.
			switch tv.Type.Underlying().(type) {
			case *types.Chan, *types.Signature:
			default:
				return nil
			}
			if iter, iterFact = c.iterator(l.X); iter == nil {
				return nil
			}
		}
		for _, e := range []ast.Expr{l.Key, l.Value} {
			if v := c.varOf(e); e != nil && v != nil {
				clause[v] = true
				count(v)
			}
		}
	case *ast.ForStmt:
		if init, ok := l.Init.(*ast.AssignStmt); ok {
			for _, lhs := range init.Lhs {
				if v := c.varOf(lhs); v != nil {
					clause[v] = true
					count(v)
				}
				// for r.reads = 1; ; r.reads++: the loop's variable
				// lives in r, which changes with it.
				if sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok {
					if root := c.rootVar(sel); root != nil {
						clause[root] = true
					}
				}
			}
		}
	default:
		return nil
	}
	if !c.hasFallible(body) && !c.hasCoded(forCond(loop)) {
		return nil // nothing to retry: most loops, and cheap to tell
	}
	if ch := c.receivesWork(body); ch != nil {
		c.reject(loop, "it receives work from %s: a worker loop", types.ExprString(ch))
		return nil
	}
	g := flow.Of(c.cfgs, fn)
	if g == nil {
		return nil
	}
	lg := newLoopGraph(c.pass.TypesInfo, g, loop)
	lg.fn = fn
	if iterFact != nil && iterFact.Backoff {
		lg.backoff = iter
	}
	reg := c.repeats(lg, loop, body, flow.LoopHead(g, loop), clause)
	if reg != nil {
		if counter != nil {
			reg.Counter = counter
		}
		reg.Iterator = iter
	}
	return reg
}

// repeats returns the Loop region of node, whose repeated statements are
// body, on lg, or nil: the rules of the Loop kind past the loop's own
// shape. head is the block where an iteration starts (nil for a
// recursion, whose every call starts afresh), and clause the variables
// that change with every iteration by construction (a for clause's, a
// recursion's counter).
func (c *collector) repeats(lg *loopGraph, node ast.Node, body *ast.BlockStmt, head *cfg.Block, clause map[*types.Var]bool) *Region {
	info := c.pass.TypesInfo
	var counter *types.Var
	for v := range clause {
		if isInteger(v.Type()) && (counter == nil || v.Pos() < counter.Pos()) {
			counter = v
		}
	}
	carried := make(map[*types.Var]loopState)
	if head != nil {
		carried = c.carried(lg, node, body, clause, head)
	}
	for v := range clause {
		if carried[v] == noState {
			carried[v] = progressState
		}
	}
	if counter == nil {
		ast.Inspect(body, func(n ast.Node) bool {
			var x ast.Expr // n++, n += 1
			switch n := n.(type) {
			case *ast.IncDecStmt:
				x = n.X
			case *ast.AssignStmt:
				if n.Tok == token.ADD_ASSIGN && len(n.Lhs) == 1 {
					x = n.Lhs[0]
				}
			}
			if id, ok := ast.Unparen(x).(*ast.Ident); ok && x != nil {
				if v, ok := info.Uses[id].(*types.Var); ok && carried[v] != noState && isInteger(v.Type()) {
					counter = v
				}
			}
			return counter == nil
		})
	}
	att := c.attempt(lg, node, body)
	if att == nil {
		return nil // attempt says why
	}
	progress := make(map[*types.Var]bool)
	counters := make(map[*types.Var]bool)
	results := att.results()
	for v, st := range carried {
		// The attempt's own results, carried into the next attempt,
		// are a cursor: pager, err = pager.Next(ctx).
		if st == progressState || clause[v] || st == selfState && (results[v] || c.fieldProgress(node, v, att)) {
			progress[v] = true
		}
		if st != noState && isInteger(v.Type()) {
			counters[v] = true
		}
	}
	if v := c.feeds(att.call, body, progress); v != nil {
		c.reject(node, "%s changes from one iteration to the next and feeds %s: pagination or polling with changing inputs", v.Name(), types.ExprString(att.call.Fun))
		return nil
	}
	if use := c.dataUse(body, counters, helperDepth); use != nil {
		c.reject(node, "counter %s is used as data, not only counted, at %s", use.Name, c.pass.Fset.Position(use.Pos()))
		return nil
	}
	return &Region{Kind: Loop, Node: node, Body: body, Attempt: att.call, Counter: counter, Signals: att.signals, Unsent: att.unsent, Polls: att.polls, once: att.once}
}

func isInteger(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

// receivesWork returns a channel that body receives from other than a
// context's Done() or a time channel (a worker loop), or nil.
func (c *collector) receivesWork(body *ast.BlockStmt) ast.Expr {
	var found ast.Expr
	ast.Inspect(body, func(n ast.Node) bool {
		u, ok := n.(*ast.UnaryExpr)
		if !ok || u.Op != token.ARROW {
			return found == nil
		}
		tv, ok := c.pass.TypesInfo.Types[u.X]
		if !ok || tv.Type == nil {
			found = u.X
			return false
		}
		if ch, ok := tv.Type.Underlying().(*types.Chan); !ok || !isSignal(ch.Elem()) {
			found = u.X
		}
		return found == nil
	})
	return found
}

// isSignal reports whether a channel of t carries no work: struct{} (a
// context's Done) or time.Time (time.After, Timer.C, Ticker.C).
func isSignal(t types.Type) bool {
	if s, ok := t.Underlying().(*types.Struct); ok && s.NumFields() == 0 {
		return true
	}
	return httpreq.IsNamed(t, "time", "Time")
}

// An attempt is the fallible call of a retry loop.
type attempt struct {
	call    *ast.CallExpr
	o       *outcome
	lg      *loopGraph
	failed  map[*cfg.Block]bool // see verdict.failed
	unsent  bool                // every way round proves nothing was sent
	polls   bool                // see verdict.polls
	once    []span
	signals []string
}

// attempt returns the first fallible call of the loop's body (a call whose
// last result is an error, not in a function literal) that the loop
// repeats only after a failure of it (see decide), or nil.
func (c *collector) attempt(lg *loopGraph, loop ast.Node, body *ast.BlockStmt) *attempt {
	info := c.pass.TypesInfo
	var calls []*ast.CallExpr
	collect := func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if (fallible(info, n) || c.coded(n) != nil) && !c.isCall(n, knowledge.ErrorMakers.Has) {
				calls = append(calls, n)
			}
		}
		return true
	}
	// for !c.ping(ctx) { ... }: the condition runs in every iteration;
	// only a call that codes its failure in a value can be tested there
	// (for ctx.Err() == nil is a guard, not an attempt).
	if cond := forCond(loop); cond != nil {
		ast.Inspect(cond, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok && c.coded(call) != nil {
				calls = append(calls, call)
			}
			_, lit := n.(*ast.FuncLit)
			return !lit
		})
	}
	ast.Inspect(body, collect)
	var (
		tags     map[ast.Expr]ast.Expr
		why      []string
		fallback *attempt // the first attempt
		direct   *attempt // the first attempt decided by its own outcome alone
	)
	defer func() {
		if len(why) > 0 && fallback == nil {
			c.reject(loop, "no attempt is repeated only after it fails: %s", strings.Join(why, "; "))
		}
	}()
	for _, call := range calls {
		b, i := flow.Locate(lg.g, call)
		if b == nil {
			continue
		}
		node := b.Nodes[i]
		if ds, ok := node.(*ast.DeclStmt); ok {
			if gd, ok := ds.Decl.(*ast.GenDecl); ok && len(gd.Specs) == 1 {
				node = gd.Specs[0]
			}
		}
		if _, isCond := node.(ast.Expr); !isCond && flow.Results(info, node, call) == nil {
			continue // neither assigned nor tested: not an attempt
		}
		if p := c.consumes(call, body); p != nil {
			why = append(why, types.ExprString(call.Fun)+": it works on what "+types.ExprString(p.Fun)+" returned, new in every iteration")
			continue
		}
		if tags == nil {
			tags = switchTags(loop)
		}
		o := c.newOutcome(call, node, loop, tags)
		if c.isParamCall(lg.fn, call) {
			o.verdicts()
		}
		v := lg.decide(o, b, i)
		if !v.ok {
			why = append(why, types.ExprString(call.Fun)+": "+v.why)
			continue
		}
		if c.failsOnSuccess(lg, v.successExits, v.reach) {
			why = append(why, types.ExprString(call.Fun)+": success fails (a test that expects every attempt to fail)")
			continue
		}
		why = nil
		att := &attempt{call: call, o: o, lg: lg, failed: v.failed, signals: v.signals, unsent: !v.sent, polls: v.polls}
		for _, b := range v.once {
			for _, n := range b.Nodes {
				att.once = append(att.once, span{n.Pos(), n.End()})
			}
		}
		// A send is the operation when there is one (c.do(req), not the
		// request it sends nor the error it makes of the response);
		// else the first attempt decided by its own outcome alone.
		if httpreq.SendsRequest(httpreq.Callee(info, call)) {
			return att
		}
		if !v.indirect && direct == nil {
			direct = att
		}
		if fallback == nil {
			fallback = att
		}
	}
	if direct != nil {
		return direct
	}
	return fallback
}

// fallible reports whether call's last result is an error.
func fallible(info *types.Info, call *ast.CallExpr) bool {
	tv, ok := info.Types[call]
	if !ok || tv.Type == nil || tv.IsType() {
		return false
	}
	t := tv.Type
	if tup, ok := t.(*types.Tuple); ok {
		if tup.Len() == 0 {
			return false
		}
		t = tup.At(tup.Len() - 1).Type()
	}
	return httpreq.IsError(t)
}

// loopState is whether a variable carries state from one iteration of a
// loop to the next.
type loopState int

const (
	noState       loopState = iota // not written in the loop, or written before read
	selfState                      // read before written; written from itself and invariants
	progressState                  // read before written; written from what the loop computed
)

// carried returns, for the variables declared outside body that the loop
// writes (assigns, increments, or writes a field or element of), whether
// they carry state into the next iteration: an iteration may read the
// value an earlier one wrote (on some path from the loop's head, a read
// comes before any assignment of the whole variable). A variable
// overwritten at the top of every iteration (var req *Request; for {
// req, err = newRequest() ...) is a per-attempt local. A carried variable
// is progress when some write computes it from another variable the loop
// writes (cursor = resp.Next, offset += len(items)); the loop's own
// variables (clause) always are.
func (c *collector) carried(lg *loopGraph, loop ast.Node, body *ast.BlockStmt, clause map[*types.Var]bool, head *cfg.Block) map[*types.Var]loopState {
	info := c.pass.TypesInfo
	written := make(map[*types.Var][]ast.Node) // the writes of each variable
	outside := func(v *types.Var) bool { return v.Pos() < body.Pos() || v.Pos() >= body.End() }
	root := func(e ast.Expr) *types.Var {
		for {
			switch x := ast.Unparen(e).(type) {
			case *ast.Ident:
				v, _ := info.Uses[x].(*types.Var)
				return v
			case *ast.SelectorExpr:
				if _, ok := info.Selections[x]; !ok {
					return nil // pkg.V
				}
				e = x.X
			case *ast.IndexExpr:
				if tv, ok := info.Types[x.X]; ok && tv.Type != nil {
					if _, isMap := tv.Type.Underlying().(*types.Map); isMap {
						return nil // a map is shared, not carried
					}
				}
				e = x.X
			case *ast.StarExpr:
				e = x.X
			default:
				return nil
			}
		}
	}
	ast.Inspect(lg.loop, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if v := root(lhs); v != nil && outside(v) && !v.IsField() {
					written[v] = append(written[v], n)
				}
			}
		case *ast.IncDecStmt:
			if v := root(n.X); v != nil && outside(v) {
				written[v] = append(written[v], n)
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if v := root(n.X); v != nil && outside(v) {
					written[v] = append(written[v], n)
				}
			}
		}
		return true
	})
	states := make(map[*types.Var]loopState)
	for v, writes := range written {
		if !clause[v] && (head == nil || !c.readFirst(lg, head, v)) {
			continue
		}
		states[v] = selfState
		for _, w := range writes {
			if c.computedFromLoop(w, v, written, lg.loop) {
				states[v] = progressState
				break
			}
		}
	}
	return states
}

// readFirst reports whether, on some path of the loop from head, v is read
// before it is assigned as a whole.
func (c *collector) readFirst(lg *loopGraph, head *cfg.Block, v *types.Var) bool {
	accesses := func(b *cfg.Block, s struct{}) (struct{}, bool, bool) {
		for _, n := range b.Nodes {
			if read, kill := c.access(n, v); read || kill {
				return s, true, read
			}
		}
		return s, false, false
	}
	inLoop := func(b *cfg.Block, k int, s struct{}) (struct{}, bool, bool) {
		return s, !b.Succs[k].Live || flow.Leaves(b.Succs[k], lg.loop), false
	}
	return flow.FindPath([]*cfg.Block{head}, struct{}{}, accesses, inLoop) != nil
}

// access reports whether CFG node n reads v (before any write of it), or
// assigns it as a whole without reading it.
func (c *collector) access(n ast.Node, v *types.Var) (read, kill bool) {
	uses := func(n ast.Node) bool {
		found := false
		ast.Inspect(n, func(m ast.Node) bool {
			if id, ok := m.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == v {
				found = true
			}
			return !found
		})
		return found
	}
	as, ok := n.(*ast.AssignStmt)
	if !ok || (as.Tok != token.ASSIGN && as.Tok != token.DEFINE) {
		return uses(n), false
	}
	for _, rhs := range as.Rhs {
		if uses(rhs) {
			return true, false
		}
	}
	for _, lhs := range as.Lhs {
		if id, ok := ast.Unparen(lhs).(*ast.Ident); ok {
			if c.pass.TypesInfo.Uses[id] == v {
				kill = true
			}
		} else if uses(lhs) {
			return true, false // v.f = x keeps the rest of v
		}
	}
	return false, kill
}

// computedFromLoop reports whether write w of v computes it from another
// variable that the loop writes.
func (c *collector) computedFromLoop(w ast.Node, v *types.Var, written map[*types.Var][]ast.Node, loop ast.Node) bool {
	as, ok := w.(*ast.AssignStmt)
	if !ok {
		return false // v++, &v: from itself
	}
	if as.Tok == token.ASSIGN || as.Tok == token.DEFINE {
		// A value that does not come from v itself: since = "1".
		self := false
		for _, rhs := range as.Rhs {
			ast.Inspect(rhs, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == v {
					self = true
				}
				return !self
			})
		}
		if !self {
			for _, lhs := range as.Lhs {
				if id, ok := ast.Unparen(lhs).(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == v {
					return true
				}
			}
		}
	}
	for _, lhs := range as.Lhs {
		if _, ok := ast.Unparen(lhs).(*ast.Ident); !ok && c.rootIs(lhs, v) {
			// req.Body = newBody prepares the same request again;
			// opts.Page = resp.NextPage is progress (see fieldProgress).
			return false
		}
	}
	found := false
	for _, rhs := range as.Rhs {
		ast.Inspect(rhs, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if u, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok && u != v && (written[u] != nil || u.Pos() >= loop.Pos() && u.Pos() < loop.End()) {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// feeds returns a variable of progress (see carried) that feeds
// call's arguments or receiver, directly or through variables defined in
// body (pagination, or polling with changing inputs), or nil. Values that describe
// the attempt rather than what it asks for do not count: a context (its
// deadline, its values), a function, a time.Duration or time.Time.
func (c *collector) feeds(call *ast.CallExpr, body *ast.BlockStmt, progress map[*types.Var]bool) *types.Var {
	info := c.pass.TypesInfo
	var found *types.Var
	c.walkInputs(call, body, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		if e, ok := n.(ast.Expr); ok {
			if t := info.TypeOf(e); t != nil && attemptMeta(t) {
				return false // perCallContext(ctx, attempt)
			}
		}
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok && progress[v] {
				found = v
				return false
			}
		}
		return true
	})
	return found
}

// walkInputs calls visit, as ast.Inspect's function, on the expressions
// that feed call's arguments and receiver, following each variable of
// body that visit accepts to the values assigned to it there. What a
// function literal assigns is its output, not an input: only its right
// sides (and the operands of non-identifier left sides) are inputs.
func (c *collector) walkInputs(call *ast.CallExpr, body *ast.BlockStmt, visit func(ast.Node) bool) {
	info := c.pass.TypesInfo
	work := append([]ast.Expr(nil), call.Args...)
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if _, isMethod := info.Selections[sel]; isMethod {
			work = append(work, sel.X)
		}
	}
	seen := make(map[*types.Var]bool)
	for len(work) > 0 {
		e := work[len(work)-1]
		work = work[:len(work)-1]
		ast.Inspect(e, func(n ast.Node) bool {
			if as, ok := n.(*ast.AssignStmt); ok {
				work = append(work, as.Rhs...)
				for _, lhs := range as.Lhs {
					if _, ok := ast.Unparen(lhs).(*ast.Ident); !ok {
						work = append(work, lhs)
					}
				}
				return false
			}
			if n == nil || !visit(n) {
				return false
			}
			if id, ok := n.(*ast.Ident); ok {
				v, ok := info.Uses[id].(*types.Var)
				if ok && !seen[v] && v.Pos() >= body.Pos() && v.Pos() < body.End() {
					seen[v] = true
					work = append(work, c.derives(v, body)...)
				}
			}
			return true
		})
	}
}

// attemptMeta reports whether a value of type t describes an attempt
// rather than what it asks for: a context.Context, a function, a
// time.Duration or a time.Time.
func attemptMeta(t types.Type) bool {
	if _, ok := t.Underlying().(*types.Signature); ok {
		return true
	}
	return httpreq.IsNamed(t, "context", "Context") || httpreq.IsNamed(t, "time", "Duration") || httpreq.IsNamed(t, "time", "Time")
}

// derives returns the expressions in body that v is assigned from,
// including the call of a tuple assignment.
func (c *collector) derives(v *types.Var, body *ast.BlockStmt) []ast.Expr {
	var srcs []ast.Expr
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			return true
		}
		for i, lhs := range as.Lhs {
			if c.varOf(lhs) != v {
				continue
			}
			if len(as.Lhs) == len(as.Rhs) {
				srcs = append(srcs, as.Rhs[i])
			} else if len(as.Rhs) == 1 {
				srcs = append(srcs, as.Rhs[0])
			}
		}
		return true
	})
	return srcs
}

// helperDepth bounds the chain of helpers of the package that a counter
// may be passed through (see countingCall).
const helperDepth = 3

// dataUse returns a use of counters, or of the values computed from them
// in body, that does not only count (see countingUse), or nil. That is,
// in body, are used only to count in body (see countingUse); depth bounds
// the helpers they may be passed to.
func (c *collector) dataUse(body *ast.BlockStmt, counters map[*types.Var]bool, depth int) *ast.Ident {
	info := c.pass.TypesInfo
	if len(counters) == 0 {
		return nil
	}
	// Integer variables computed from a counter are counters too.
	// So are variables holding a composite literal that holds a counter
	// (&RetryState{Attempt: n}): their uses must count too.
	derive := func(lhs ast.Expr, rhs ast.Expr) bool {
		v := c.varOf(lhs)
		if v == nil || counters[v] || !c.mentions(rhs, counters) {
			return false
		}
		if !isInteger(v.Type()) && !isComposite(rhs) {
			return false
		}
		counters[v] = true
		return true
	}
	for changed := true; changed; {
		changed = false
		ast.Inspect(body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				if len(n.Lhs) == len(n.Rhs) {
					for i, lhs := range n.Lhs {
						changed = derive(lhs, n.Rhs[i]) || changed
					}
				}
			case *ast.ValueSpec:
				if len(n.Names) == len(n.Values) {
					for i, name := range n.Names {
						changed = derive(name, n.Values[i]) || changed
					}
				}
			}
			return true
		})
	}
	var bad *ast.Ident
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		if bad != nil {
			return false
		}
		stack = append(stack, n)
		id, isID := n.(*ast.Ident)
		if !isID {
			return true
		}
		if v, _ := info.Uses[id].(*types.Var); v != nil && counters[v] && !c.countingUse(stack, depth) {
			bad = id
		}
		return true
	})
	return bad
}

func (c *collector) mentions(e ast.Expr, vars map[*types.Var]bool) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, _ := c.pass.TypesInfo.Uses[id].(*types.Var); v != nil && vars[v] {
				found = true
			}
		}
		return !found
	})
	return found
}

// countingUse reports whether the counter identifier at the top of stack
// is used to count (see countsOnly): not an index, a slice bound, an
// element, a value sent, an address taken, or an argument of a call other
// than a counting one (see countingCall).
func (c *collector) countingUse(stack []ast.Node, depth int) bool {
	info := c.pass.TypesInfo
	child := stack[len(stack)-1]
	for i := len(stack) - 2; i >= 0; i-- {
		switch p := stack[i].(type) {
		case *ast.IndexExpr:
			if p.Index == child {
				return false
			}
		case *ast.IndexListExpr:
			return false
		case *ast.KeyValueExpr:
			if p.Key == child {
				return false
			}
		case *ast.CompositeLit:
			if _, isStruct := typeUnder(info, p).(*types.Struct); !isStruct {
				return false // an element of a slice, array or map: data
			}
			// A field of a struct: look further up, at what the struct
			// goes to.
		case *ast.SliceExpr:
			if child != p.X {
				return false
			}
		case *ast.UnaryExpr:
			if _, lit := child.(*ast.CompositeLit); p.Op == token.AND && !lit {
				return false // &n, not &T{N: n}
			}
		case *ast.SendStmt:
			return p.Value != child
		case *ast.CallExpr:
			if child == p.Fun {
				return false
			}
			if tv, ok := info.Types[p.Fun]; ok && tv.IsType() {
				break // conversion: look further up
			}
			if id, ok := ast.Unparen(p.Fun).(*ast.Ident); ok {
				if b, ok := info.Uses[id].(*types.Builtin); ok {
					if !countingBuiltins[b.Name()] {
						return false // append, make, delete...: data
					}
					break // look further up
				}
			}
			if i > 0 && isExprStmt(stack[i-1]) && c.isHook(p) {
				return true // a hook observes the attempt: c.OnRetry(n, err)
			}
			if p == c.selfCall {
				return true // attempt+1, handed to the next attempt
			}
			ok, follow := c.countingCall(p, child, depth)
			if !ok || !follow {
				return ok
			}
			// A helper's result may carry the counter: look further up.
		case ast.Stmt:
			return true
		}
		child = stack[i]
	}
	return true
}

// countingBuiltins are the builtins a counter may be passed to.
var countingBuiltins = map[string]bool{"min": true, "max": true, "print": true, "println": true}

// countingPkgs are the packages whose functions a counter may be passed
// to: delays, arithmetic, formatting and logging.
var countingPkgs = map[string]bool{
	"time": true, "math": true, "math/rand": true, "math/rand/v2": true,
	"fmt": true, "log": true, "log/slog": true, "strconv": true, "errors": true,
	"testing":           true,
	knowledge.BackoffV4: true, knowledge.BackoffV5: true, knowledge.RetryGo: true, knowledge.GoRetry: true, knowledge.K8sWait: true,
}

// countingCall reports whether passing a counter to call as its argument
// arg keeps it a counter: the call computes a delay (returns a
// time.Duration), or belongs to a time, math, formatting or logging
// package, or is a helper of this package whose parameter for arg is
// itself only used to count (see dataUse), depth bounding the chain of
// helpers. follow says that the call's result may carry the counter: the
// result of a helper, unless it has none or is a bool.
func (c *collector) countingCall(call *ast.CallExpr, arg ast.Node, depth int) (ok, follow bool) {
	info := c.pass.TypesInfo
	if tv, ok := info.Types[call]; ok && tv.Type != nil {
		// A delay, among other results or alone (d, ok := r.Backoff(n,
		// err)), or a context carrying the attempt's number.
		res := []types.Type{tv.Type}
		if tup, ok := tv.Type.(*types.Tuple); ok {
			res = res[:0]
			for v := range tup.Variables() {
				res = append(res, v.Type())
			}
		}
		for i, t := range res {
			if httpreq.IsNamed(t, "time", "Duration") || i == 0 && httpreq.IsNamed(t, "context", "Context") {
				return true, false
			}
		}
	}
	fn := httpreq.Callee(info, call)
	if fn == nil {
		// A function value (a backoff strategy in a variable, a hook
		// in a field) that only decides or delays: its results are
		// bools, errors and durations, so the counter ends there.
		if sig, ok := info.TypeOf(call.Fun).Underlying().(*types.Signature); ok && decidesOnly(sig) {
			return true, false
		}
		return false, false
	}
	if fn.Pkg() == nil {
		return false, false
	}
	path := fn.Pkg().Path()
	if countingPkgs[path] {
		return true, false
	}
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil {
		return false, false
	}
	// A value handed to a ...any parameter is formatted or logged
	// (v.Debug("retrying", "remaining", n)): an any is only printed.
	if i := slices.IndexFunc(call.Args, func(e ast.Expr) bool { return e == arg }); i >= 0 && !call.Ellipsis.IsValid() {
		var pt types.Type
		switch n := sig.Params().Len(); {
		case sig.Variadic() && i >= n-1:
			pt = sig.Params().At(n - 1).Type().(*types.Slice).Elem()
		case i < n:
			pt = sig.Params().At(i).Type()
		}
		if it, ok := types.Unalias(pt).(*types.Interface); ok && it.Empty() || pt != nil && types.Unalias(pt) == types.Universe.Lookup("any").Type() {
			return true, false
		}
	}
	// Loggers (log/slog, zap, logrus, zerolog, klog, logr...): their
	// methods, and functions that build their fields (zap.Uint).
	base := path[strings.LastIndex(path, "/")+1:]
	if strings.Contains(base, "log") || strings.Contains(base, "zap") {
		return true, false
	}
	if depth == 0 || !c.countingParam(fn.Origin(), call, arg, depth-1) {
		return false, false
	}
	res := sig.Results()
	return true, res.Len() > 1 || res.Len() == 1 && !isBool(res.At(0).Type())
}

// countingParam reports whether fn is declared in this package and its
// parameter that receives the argument arg of call is an integer that its
// body uses, only to count. A variadic parameter never is.
func (c *collector) countingParam(fn *types.Func, call *ast.CallExpr, arg ast.Node, depth int) bool {
	decl := c.decl(fn)
	sig, _ := fn.Type().(*types.Signature)
	if decl == nil || sig == nil || call.Ellipsis.IsValid() {
		return false
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s, ok := c.pass.TypesInfo.Selections[sel]; ok && s.Kind() == types.MethodExpr {
			return false // T.M(recv, args): the arguments are shifted
		}
	}
	i := slices.IndexFunc(call.Args, func(e ast.Expr) bool { return e == arg })
	if i < 0 || i >= sig.Params().Len() || sig.Variadic() && i >= sig.Params().Len()-1 {
		return false
	}
	param := sig.Params().At(i)
	if !isInteger(param.Type()) {
		return false
	}
	// A helper that ignores the counter is no evidence of counting: when
	// unsure, not a counter.
	used := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == param {
			used = true
		}
		return !used
	})
	return used && c.dataUse(decl.Body, map[*types.Var]bool{param: true}, depth) == nil
}

func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsBoolean != 0
}

// failsOnSuccess reports whether the paths that leave the loop after a
// success (from the blocks exits, outside reach) treat success as a
// failure, so that the loop expects every attempt to fail rather than
// retrying until one succeeds: each of them calls a failure report (a
// test's Error or Fatal, panic, log.Fatal, os.Exit), or ends in returns
// that all return a new error (errors.New, fmt.Errorf).
func (c *collector) failsOnSuccess(lg *loopGraph, exits []*cfg.Block, reach map[*cfg.Block]bool) bool {
	info := c.pass.TypesInfo
	isCall := c.isCall
	isPanic := func(e ast.Expr) bool {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			return false
		}
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		b, _ := info.Uses[id].(*types.Builtin)
		return ok && b != nil && b.Name() == "panic"
	}
	// fails reports whether the way out from exit fails: it reports a
	// failure in the loop, or every return on it returns a new error.
	fails := func(exit *cfg.Block) bool {
		returns, newErrorsOnly := false, true
		// The way out goes on while it stays in the loop, and ends where
		// it reports a failure.
		reports := flow.FindPath([]*cfg.Block{exit}, struct{}{}, func(b *cfg.Block, s struct{}) (struct{}, bool, bool) {
			if reach[b] || !b.Live {
				return s, true, false
			}
			inLoop := !flow.Leaves(b, lg.loop)
			for _, n := range b.Nodes {
				switch n := n.(type) {
				case *ast.ExprStmt:
					if inLoop && (isCall(n.X, knowledge.FailureCalls.Has) || isPanic(n.X)) {
						return s, true, true
					}
				case *ast.ReturnStmt:
					returns = true
					if !slices.ContainsFunc(n.Results, func(e ast.Expr) bool { return isCall(e, knowledge.ErrorMakers.Has) }) {
						newErrorsOnly = false
					}
				}
			}
			return s, !inLoop, false
		}, nil)
		return reports != nil || returns && newErrorsOnly
	}
	// Every way out after a success fails; one that leaves normally
	// (grpc's interop fallback loop: one route is the one it waits
	// for, the other is fatal) is a success.
	return len(exits) > 0 && !slices.ContainsFunc(exits, func(b *cfg.Block) bool { return !fails(b) })
}

// isComposite reports whether e is a composite literal or its address.
func isComposite(e ast.Expr) bool {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	_, ok := e.(*ast.CompositeLit)
	return ok
}

// typeUnder returns the underlying type of e, through a pointer.
func typeUnder(info *types.Info, e ast.Expr) types.Type {
	t := info.TypeOf(e)
	if t == nil {
		return nil
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	return t.Underlying()
}

// isHook reports whether call calls a function held in a struct field: a
// hook that the user of a retrying client gave it to observe each attempt
// (RequestLogHook, OnRetry).
func (c *collector) isHook(call *ast.CallExpr) bool {
	v := c.varOf(call.Fun)
	if v == nil {
		return false
	}
	if _, ok := v.Type().Underlying().(*types.Signature); !ok {
		return false
	}
	return v.IsField()
}

func isExprStmt(n ast.Node) bool {
	_, ok := n.(*ast.ExprStmt)
	return ok
}

// isCall reports whether e is a call of a function for which is, the
// lookup of a knowledge table (knowledge.FailureCalls.Has, ErrorMakers.Has...),
// reports true.
func (c *collector) isCall(e ast.Expr, is func(*types.Func) bool) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	return is(httpreq.Callee(c.pass.TypesInfo, call))
}

// reject records why loop is not a retry region, for -explain.
func (c *collector) reject(loop ast.Node, format string, args ...any) {
	if c.cfg.explain {
		if c.rejected == nil {
			c.rejected = make(map[ast.Node]string)
		}
		c.rejected[loop] = fmt.Sprintf(format, args...)
	}
}

// rootIs reports whether e is a field, element or indirection of v
// (v.f, v.f[i], *v).
func (c *collector) rootIs(e ast.Expr, v *types.Var) bool {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			return c.pass.TypesInfo.Uses[x] == v
		case *ast.SelectorExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		default:
			return false
		}
	}
}

// fieldProgress reports whether the loop writes a field or element of v
// from what its attempt returned (opts.Page = resp.NextPage): the next
// attempt asks for something else.
func (c *collector) fieldProgress(loop ast.Node, v *types.Var, att *attempt) bool {
	o := att.o
	found := false
	ast.Inspect(loop, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok {
			for i, lhs := range as.Lhs {
				if _, isID := ast.Unparen(lhs).(*ast.Ident); isID || !c.rootIs(lhs, v) {
					continue
				}
				rhs := as.Rhs[0]
				if len(as.Lhs) == len(as.Rhs) {
					rhs = as.Rhs[i]
				}
				if !o.mentions(rhs) && as.Tok == token.ASSIGN {
					continue
				}
				// From the results, or op= (offset += n): progress,
				// unless only a failure leads there: a correction the
				// server asked for (metadata.bucketLocation =
				// errResponse.Region), as in minio-go's retries.
				if !att.afterFailure(as) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// results returns the variables the attempt's own assignment writes.
func (a *attempt) results() map[*types.Var]bool {
	m := make(map[*types.Var]bool)
	for v, defs := range a.o.defs {
		for _, d := range defs {
			if d.own {
				m[v] = true
			}
		}
	}
	return m
}

// rootVar returns the variable at the root of a field selection (r in
// r.a.b), or nil.
func (c *collector) rootVar(e ast.Expr) *types.Var {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			v, _ := c.pass.TypesInfo.Uses[x].(*types.Var)
			return v
		case *ast.SelectorExpr:
			if _, ok := c.pass.TypesInfo.Selections[x]; !ok {
				return nil
			}
			e = x.X
		default:
			return nil
		}
	}
}

// reportsFailure reports whether block b, where a branch leads, starts by
// failing the test (testing's Error, Fatal...), before any other call:
// the other side of the branch is what the test expects.
func (c *collector) reportsFailure(b *cfg.Block) bool {
	for _, n := range b.Nodes {
		es, ok := n.(*ast.ExprStmt)
		if !ok {
			continue
		}
		return c.isCall(es.X, knowledge.IsTestFailure)
	}
	return false
}

// hasCoded reports whether n calls, outside function literals, a
// function that codes its failure in a result (see coded).
func (c *collector) hasCoded(n ast.Node) bool {
	found := false
	if n != nil {
		ast.Inspect(n, func(m ast.Node) bool {
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.CallExpr:
				found = found || c.coded(m) != nil
			}
			return !found
		})
	}
	return found
}

// forCond returns the condition of loop if it is a for statement with
// one, else nil.
func forCond(loop ast.Node) ast.Node {
	if fs, ok := loop.(*ast.ForStmt); ok && fs.Cond != nil {
		return fs.Cond
	}
	return nil
}

// hasFallible reports whether body calls, outside function literals, a
// function whose last result is an error.
func (c *collector) hasFallible(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if fallible(c.pass.TypesInfo, n) || c.coded(n) != nil {
				found = true
			}
		}
		return !found
	})
	return found
}

// decidesOnly reports whether every result of sig is a bool, an error or a
// time.Duration (or it has none).
func decidesOnly(sig *types.Signature) bool {
	for v := range sig.Results().Variables() {
		t := v.Type()
		if !isBool(t) && !httpreq.IsError(t) && !httpreq.IsNamed(t, "time", "Duration") {
			return false
		}
	}
	return true
}

// afterFailure reports whether only a failure of the attempt leads to
// node n: its block is reached from the attempt on failed ways only.
func (a *attempt) afterFailure(n ast.Node) bool {
	b, _ := flow.Locate(a.lg.g, n)
	return b != nil && a.failed[b]
}

// consumes returns a read of a stream in body (see reads) whose results
// feed call's arguments or receiver, through variables of body: call then
// works on what the read returned, new in every iteration
// (json.Unmarshal(ev.Data) after ev, err := r.Next()), and is not the
// operation the loop repeats. The inputs of a request made for call
// (req, err := newRequest(); c.Do(req)) are not followed.
func (c *collector) consumes(call *ast.CallExpr, body *ast.BlockStmt) *ast.CallExpr {
	info := c.pass.TypesInfo
	var found *ast.CallExpr
	c.walkInputs(call, body, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if n != call && fallible(info, n) && c.reads(n) {
				found = n
				return false
			}
			if madeRequest(info, n) {
				return false // a request made for call: what it is made of is call's input
			}
		}
		return true
	})
	return found
}

// reads reports whether call is a read of a stream: a method call whose
// arguments are only constants and contexts (ev, err := r.Next(),
// s.Recv(), r.ReadString('\n')), whose result can differ from one call to
// the next only by the receiver's state.
func (c *collector) reads(call *ast.CallExpr) bool {
	info := c.pass.TypesInfo
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	if s, ok := info.Selections[sel]; !ok || s.Kind() != types.MethodVal {
		return false
	}
	for _, a := range call.Args {
		tv, ok := info.Types[a]
		if !ok || tv.Value == nil && !httpreq.IsNamed(tv.Type, "context", "Context") {
			return false
		}
	}
	return !madeRequest(info, call)
}

// madeRequest reports whether call returns a request (net/http's,
// go-retryablehttp's) among its results.
func madeRequest(info *types.Info, call *ast.CallExpr) bool {
	t := info.TypeOf(call)
	vars := []types.Type{t}
	if tup, ok := t.(*types.Tuple); ok {
		vars = vars[:0]
		for v := range tup.Variables() {
			vars = append(vars, v.Type())
		}
	}
	for _, t := range vars {
		if httpreq.IsRequest(t) || httpreq.IsNamed(deref(t), knowledge.Retryable, "Request") {
			return true
		}
	}
	return false
}

func deref(t types.Type) types.Type {
	if p, ok := t.(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// isParamCall reports whether call calls a function parameter of fn (a
// *ast.FuncDecl or *ast.FuncLit): a callback the function was given.
func (c *collector) isParamCall(fn ast.Node, call *ast.CallExpr) bool {
	var ft *ast.FuncType
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		ft = fn.Type
	case *ast.FuncLit:
		ft = fn.Type
	default:
		return false
	}
	v := code.IdentVar(c.pass.TypesInfo, call.Fun)
	return v != nil && ft.Params != nil && ft.Params.Pos() <= v.Pos() && v.Pos() < ft.Params.End()
}
