package retry

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/cfg"

	"github.com/transportvet/transportvet/internal/code"
	"github.com/transportvet/transportvet/internal/flow"
	"github.com/transportvet/transportvet/internal/httpreq"
	"github.com/transportvet/transportvet/internal/knowledge"
)

// A loop's attempt is decided on its control-flow graph: the loop repeats
// the attempt after a failure signal when every path from the attempt back
// to the attempt takes, as the last branch that depends on the attempt's
// outcome, the failure side of that branch; and at least one such path
// exists. Success then never goes round: it leaves the loop (return,
// break, goto out) or stays in it without attempting again (a stream read
// after a reconnect).
//
// The outcome of an attempt is carried by its signals: the variables its
// results are assigned to, and the variables computed from them in the
// loop (status := resp.StatusCode, retry := shouldRetry(resp, err)). A
// branch whose condition mentions a signal depends on the outcome; which
// side is the failure side is known for
//   - err != nil (failure) and err == nil (success), for an error signal;
//   - err == ErrX, errors.Is and errors.As (failure when true);
//   - a response status compared with a constant: a set of codes that are
//     all 3xx and above is a failure, all 2xx a success (== 200 is a
//     success and != 200 a failure, whatever the other 2xx codes); a
//     switch on the status compares each case with the tag;
//   - a gRPC code compared with a constant (codes.OK is the success);
//   - negations, && and || of these.
// For any other condition on a signal (a predicate, a map of retryable
// codes, a field of the result), the side from which the attempt can be
// reached again is the failure side when the other side always leaves the
// loop, and the success side when it is the other way round; otherwise
// the branch decides nothing.

// polarity is what taking a branch tells about an attempt's outcome.
type polarity int

const (
	neutral    polarity = iota // the branch does not depend on the outcome
	failure                    // the attempt failed
	success                    // the attempt succeeded
	unknown                    // depends on whether it failed, side unknown
	payload                    // depends on what it returned, side unknown
	mixed                      // the attempt may have failed or succeeded
	later                      // a later operation on what it returned failed
	polled                     // it succeeded, and what it returned is not done yet
	classified                 // it failed in a way chosen to retry, or succeeded
)

// An outcome holds the signals of one attempt of a loop.
type outcome struct {
	c    *collector
	call *ast.CallExpr
	// defs are the assignments in the loop of each variable assigned
	// there, in source order, with the kind of signal each stores: a use
	// of the variable reads the last one before it (or, before the first,
	// the last of the previous iteration). So req, err := newRequest()
	// and resp, err := c.Do(req) give err two meanings.
	defs map[*types.Var][]*def
	// tags maps the case expressions of switches in the loop to the
	// switch's tag: a case is a comparison tag == expr.
	tags map[ast.Expr]ast.Expr
	// lits are the function literals assigned to variables in the loop.
	lits map[*types.Var]*ast.FuncLit
	// errDiscarded says the attempt's error result is assigned to _.
	errDiscarded bool
	// coded is the attempt's result that codes its failure (see
	// coded), and codedVar the variable it is assigned to, if any.
	coded    *codedResult
	codedVar *types.Var
}

// A def is one assignment of a variable, and the signal it stores.
type def struct {
	pos  token.Pos
	kind signalKind
	own  bool // the attempt's own assignment of its results
	// later says the value comes from another fallible operation on the
	// attempt's results (resp, err = c.Do(req) for the attempt that made
	// req, err = checkResponse(resp)): its failure is a later one.
	later bool
	// scope is the block or clause whose statements hold the assignment:
	// a use outside it may still read an earlier assignment.
	scope ast.Node
}

// signalKind is what a variable holds of an attempt's outcome.
type signalKind int

const (
	noSignal  signalKind = iota
	payloadOf            // what the attempt returned (a page, a job's state)
	failingOf            // whether it failed: its error, or a value computed from a failure signal
	statusOf             // a response status code (a failure signal too)
)

// newOutcome returns the signals of call, whose results are assigned by
// node (see flow.Results), in loop.
func (c *collector) newOutcome(call *ast.CallExpr, node ast.Node, loop ast.Node, tags map[ast.Expr]ast.Expr) *outcome {
	info := c.pass.TypesInfo
	o := &outcome{c: c, call: call, defs: make(map[*types.Var][]*def), tags: tags, lits: make(map[*types.Var]*ast.FuncLit)}
	type write struct {
		d   *def
		v   *types.Var
		rhs ast.Expr // nil: unknown or none
	}
	var writes []write
	var scopes []ast.Node
	add := func(v *types.Var, pos token.Pos, rhs ast.Expr) {
		if v == nil || v.IsField() {
			return
		}
		d := &def{pos: pos, scope: scopes[len(scopes)-1]}
		o.defs[v] = append(o.defs[v], d)
		if lit, ok := ast.Unparen(rhs).(*ast.FuncLit); ok {
			o.lits[v] = lit
		}
		writes = append(writes, write{d, v, rhs})
	}
	scopes = append(scopes, loop)
	ast.Inspect(loop, func(n ast.Node) bool {
		if n == nil {
			scopes = scopes[:len(scopes)-1]
			return true
		}
		switch n.(type) {
		case *ast.FuncLit:
			return false
		}
		scopes = append(scopes, scopes[len(scopes)-1])
		switch n := n.(type) {
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			scopes[len(scopes)-1] = n
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				var rhs ast.Expr
				switch {
				case len(n.Lhs) == len(n.Rhs):
					rhs = n.Rhs[i]
				case len(n.Rhs) == 1:
					rhs = n.Rhs[0]
				}
				add(code.IdentVar(info, lhs), n.End(), rhs)
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				var rhs ast.Expr
				switch {
				case len(n.Names) == len(n.Values):
					rhs = n.Values[i]
				case len(n.Values) == 1:
					rhs = n.Values[0]
				}
				add(code.IdentVar(info, name), n.End(), rhs)
			}
		}
		return true
	})
	results := flow.Results(info, node, call)
	if len(results) > 0 && results[len(results)-1] == nil {
		o.errDiscarded = true
	}
	if o.coded = c.coded(call); o.coded != nil && o.coded.index < len(results) {
		o.codedVar = results[o.coded.index]
	}
	for _, w := range writes {
		if w.rhs != nil && ast.Unparen(w.rhs) == call && node.Pos() <= w.d.pos && w.d.pos <= node.End() {
			if slices.Contains(results, w.v) {
				w.d.own = true
				w.d.kind = payloadOf
				// An error, and an HTTP response (its status, its
				// Retry-After: retryable(resp) is a retry predicate),
				// tell whether the attempt failed.
				if httpreq.IsError(w.v.Type()) || httpreq.IsResponse(w.v.Type()) {
					w.d.kind = failingOf
				}
			}
		}
	}
	// Values computed from signals are signals too.
	for changed := true; changed; {
		changed = false
		for _, w := range writes {
			if w.rhs == nil || ast.Unparen(w.rhs) == call {
				continue
			}
			k := noSignal
			switch {
			case o.isStatus(w.rhs):
				k = statusOf
			case o.mentionsFailing(w.rhs):
				k = failingOf
			case o.mentions(w.rhs):
				k = payloadOf
			}
			if k > w.d.kind {
				w.d.kind, changed = k, true
			}
			if k != noSignal && !w.d.later && (o.operatesOn(w.rhs) || !o.mentionsDirect(w.rhs)) {
				w.d.later, changed = true, true
			}
		}
	}
	return o
}

// kindAt returns the signal that the use id of a variable reads.
func (o *outcome) kindAt(id *ast.Ident) signalKind {
	k, _ := o.kindOf(id, id.Pos())
	return k
}

// kindOf returns the signal that id's variable holds at pos, and whether
// it holds only later signals (see def.later). Assignments in a block
// that does not hold pos may or may not have run: the use may read any of
// them and the last assignment before them.
func (o *outcome) kindOf(id *ast.Ident, pos token.Pos) (signalKind, bool) {
	v, ok := o.c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return noSignal, false
	}
	defs := o.defs[v]
	var live []*def
	for _, d := range defs {
		if d.pos > pos {
			break
		}
		if d.scope.Pos() <= pos && pos < d.scope.End() {
			live = live[:0] // it ran on every way here
		}
		live = append(live, d)
	}
	if len(live) == 0 {
		live = defs // the previous iteration's
	}
	kind, later := noSignal, true
	for _, d := range live {
		if d.kind > kind {
			kind = d.kind
		}
		if d.kind != noSignal && !d.later {
			later = false
		}
	}
	return kind, later && kind != noSignal
}

// closure returns the function literal that call calls through a local
// variable assigned only that literal in the loop, or nil.
func (o *outcome) closure(call *ast.CallExpr) *ast.FuncLit {
	v := code.IdentVar(o.c.pass.TypesInfo, call.Fun)
	if v == nil || len(o.defs[v]) != 1 {
		return nil
	}
	return o.lits[v]
}

// mentions reports whether e mentions a signal or is the attempt call.
func (o *outcome) mentions(e ast.Node) bool {
	return o.find(e, func(k signalKind) bool { return k != noSignal })
}

// mentionsFailing reports whether e mentions a signal that tells failure,
// a status code, or the attempt call.
func (o *outcome) mentionsFailing(e ast.Node) bool {
	return o.find(e, func(k signalKind) bool { return k >= failingOf })
}

func (o *outcome) find(e ast.Node, want func(signalKind) bool) bool {
	return o.findAt(e, want, false, token.NoPos, 0)
}

// mentionsDirect reports whether e mentions a signal that is not later
// (see def.later), or the attempt call.
func (o *outcome) mentionsDirect(e ast.Node) bool {
	return o.findAt(e, func(k signalKind) bool { return k != noSignal }, true, token.NoPos, 0)
}

// operatesOn reports whether e calls, with a signal among its arguments
// or receiver, a fallible function other than the attempt: another
// operation on what the attempt returned.
func (o *outcome) operatesOn(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		if _, isLit := n.(*ast.FuncLit); isLit {
			return false
		}
		if call != o.call && fallible(o.c.pass.TypesInfo, call) && !o.isPredicate(call) {
			for _, a := range call.Args {
				if o.mentions(a) {
					found = true
				}
			}
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && o.mentions(sel.X) {
				found = true
			}
		}
		return !found
	})
	return found
}

// isPredicate reports whether call only decides about a failure: it
// returns a bool among its results (shouldRetry, err := c.CheckRetry(ctx,
// resp, err)).
func (o *outcome) isPredicate(call *ast.CallExpr) bool {
	tv, ok := o.c.pass.TypesInfo.Types[call]
	if !ok || tv.Type == nil {
		return false
	}
	if tup, ok := tv.Type.(*types.Tuple); ok {
		for v := range tup.Variables() {
			if isBool(v.Type()) {
				return true
			}
		}
		return false
	}
	return isBool(tv.Type)
}

// findAt is find, reading the variables as they are at pos when pos is
// valid (the body of a closure called there); depth bounds the closures
// followed.
func (o *outcome) findAt(e ast.Node, want func(signalKind) bool, direct bool, pos token.Pos, depth int) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			// What a closure reads, it reads when called, not here.
			return false
		case *ast.Ident:
			at := n.Pos()
			if pos.IsValid() {
				at = pos
			}
			if k, later := o.kindOf(n, at); want(k) && !(direct && later) {
				found = true
			}
		case *ast.CallExpr:
			if n == o.call {
				found = true
			} else if lit := o.closure(n); lit != nil && depth < 2 && o.findAt(lit.Body, want, direct, n.Pos(), depth+1) {
				found = true // process := func() error { ... resp ... }; process()
			}
		case *ast.SelectorExpr:
			if want(statusOf) && !direct && o.isStatus(n) {
				found = true // direct: found through n.X, below
			}
		}
		return !found
	})
	return found
}

// singlesOut reports whether cond evaluating to truth singles out a kind
// of failure: an error signal, read other than by a comparison with nil,
// is then of some kind (errors.Is(err, x), err == ErrX, a predicate over
// err.Error()), rather than of none (err != ErrX).
func (o *outcome) singlesOut(cond ast.Expr, truth bool) bool {
	info := o.c.pass.TypesInfo
	switch x := ast.Unparen(cond).(type) {
	case *ast.UnaryExpr:
		if x.Op == token.NOT {
			return o.singlesOut(x.X, !truth)
		}
	case *ast.BinaryExpr:
		switch x.Op {
		case token.LAND, token.LOR:
			return o.singlesOut(x.X, truth) || o.singlesOut(x.Y, truth)
		case token.EQL, token.NEQ:
			if _, _, ok := code.NilCompare(info, x); ok {
				return false
			}
			return (x.Op == token.EQL) == truth && o.readsErr(x)
		}
		return false
	}
	return truth && o.readsErr(cond)
}

// readsErr reports whether e reads an error signal, outside function
// literals.
func (o *outcome) readsErr(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.Ident:
			found = found || o.isErr(n)
		}
		return !found
	})
	return found
}

// isErr reports whether e is an error signal: a signal of type error or
// the attempt call itself, when its only result is an error.
func (o *outcome) isErr(e ast.Expr) bool {
	e = ast.Unparen(e)
	if e == o.call {
		tv, ok := o.c.pass.TypesInfo.Types[e]
		return ok && tv.Type != nil && httpreq.IsError(tv.Type)
	}
	id, ok := e.(*ast.Ident)
	if !ok {
		return false
	}
	v, _ := o.c.pass.TypesInfo.Uses[id].(*types.Var)
	return v != nil && httpreq.IsError(v.Type()) && o.kindAt(id) == failingOf
}

// isStatus reports whether e is an HTTP status code of a signal: the
// StatusCode field of a net/http Response (also through an embedding
// struct), or a signal that holds one.
func (o *outcome) isStatus(e ast.Expr) bool {
	info := o.c.pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return o.kindAt(e) == statusOf
	case *ast.SelectorExpr:
		sel, ok := info.Selections[e]
		if !ok || sel.Kind() != types.FieldVal || !o.mentions(e.X) {
			return false
		}
		f := sel.Obj()
		return f.Name() == "StatusCode" && f.Pkg() != nil && f.Pkg().Path() == "net/http"
	}
	return false
}

// isGRPCCode reports whether e is a gRPC status code of a signal:
// status.Code(err) or a (*status.Status).Code() of one.
func (o *outcome) isGRPCCode(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || !o.mentions(call) {
		return false
	}
	fn := httpreq.Callee(o.c.pass.TypesInfo, call)
	return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == grpcStatus && fn.Name() == "Code"
}

const grpcStatus = "google.golang.org/grpc/status"

// polarity returns what cond evaluating to truth tells about the outcome.
func (o *outcome) polarity(cond ast.Expr, truth bool) polarity {
	info := o.c.pass.TypesInfo
	if tag, ok := o.tags[cond]; ok {
		if code.IsNil(info, cond) {
			return o.nilCompare(tag, token.EQL, truth)
		}
		return o.compare(tag, token.EQL, cond, truth)
	}
	switch e := ast.Unparen(cond).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			return o.polarity(e.X, !truth)
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.LAND, token.LOR:
			x, y := o.polarity(e.X, truth), o.polarity(e.Y, truth)
			if (e.Op == token.LAND) == truth {
				return both(x, y) // both operands hold
			}
			return either(x, y) // one of them holds
		case token.EQL, token.NEQ:
			if x, op, ok := code.NilCompare(info, e); ok {
				return o.nilCompare(x, op, truth)
			}
			return o.compare(e.X, e.Op, e.Y, truth)
		case token.LSS, token.LEQ, token.GTR, token.GEQ:
			return o.compare(e.X, e.Op, e.Y, truth)
		}
	case *ast.CallExpr:
		if fn := httpreq.Callee(info, e); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "errors" &&
			(fn.Name() == "Is" || fn.Name() == "As") && len(e.Args) > 0 && o.isErr(e.Args[0]) {
			if truth {
				return failure // the error is not nil
			}
			return mixed // another error, or none
		}
	}
	if o.isCoded(cond) {
		// for !ping(): a bool that codes the failure, itself tested.
		return o.codedCompare(token.EQL, constant.MakeBool(truth), true)
	}
	return o.generic(cond)
}

// isCoded reports whether e is the attempt's result that codes its
// failure: the attempt call itself, or its variable as assigned by the
// attempt.
func (o *outcome) isCoded(e ast.Expr) bool {
	if o.coded == nil {
		return false
	}
	e = ast.Unparen(e)
	if e == o.call {
		return o.coded.index == 0
	}
	id, ok := e.(*ast.Ident)
	if !ok || o.codedVar == nil || code.IdentVar(o.c.pass.TypesInfo, id) != o.codedVar {
		return false
	}
	k, later := o.kindOf(id, id.Pos())
	return k != noSignal && !later
}

// codedCompare returns the polarity of r op val evaluating to truth, for
// the result r that codes the attempt's failure as the value the coded
// result holds: r equal to that value may be a failure (mixed: a success
// may return it too), r equal to any other value is a success.
func (o *outcome) codedCompare(op token.Token, val constant.Value, truth bool) polarity {
	same := val.Kind() == o.coded.value.Kind() && constant.Compare(val, token.EQL, o.coded.value)
	if (op == token.EQL) == truth {
		if same {
			return mixed
		}
		return success
	}
	if same {
		return success
	}
	return mixed
}

// nilCompare returns the polarity of x op nil evaluating to truth.
func (o *outcome) nilCompare(x ast.Expr, op token.Token, truth bool) polarity {
	if !o.isErr(x) && o.mentions(x) && code.IsError(o.c.pass.TypesInfo.TypeOf(x)) {
		// The error of what the loop did with the payload (err =
		// s.RecvMsg() on the stream it opened): its failure is the
		// operation's, but its success does not undo an earlier failure
		// (err = resetReaders(resp)).
		if (op == token.NEQ) == truth {
			return later
		}
		return mixed
	}
	if o.isErr(x) {
		if (op == token.NEQ) == truth {
			return failure
		}
		return success
	}
	if o.mentions(x) && (op == token.EQL) == truth {
		return failure // resp == nil
	}
	return o.generic(x)
}

// generic returns the polarity of a condition e whose side is not known.
func (o *outcome) generic(e ast.Expr) polarity {
	switch {
	case o.mentionsFailing(e):
		return unknown
	case o.mentions(e):
		return payload
	}
	return neutral
}

// both combines the polarities of two conditions that both hold: a
// failure wins (err == nil && status >= 500 is a failure).
func both(x, y polarity) polarity {
	for _, p := range []polarity{failure, later, success, mixed, unknown, payload} {
		if x == p || y == p {
			return p
		}
	}
	return neutral
}

// either combines the polarities of two conditions one of which holds.
// When one of them may be a success, so may the whole (err == nil ||
// err == io.EOF).
func either(x, y polarity) polarity {
	switch {
	case x == y:
		return x
	case x == success || y == success || x == mixed || y == mixed:
		return mixed
	case x == later && (y == neutral || y == payload), y == later && (x == neutral || x == payload):
		return later // parse(ev) != nil || len(ev.Data) == 0
	case x == payload && (y == payload || y == neutral), y == payload && x == neutral:
		return payload
	}
	return unknown
}

// compare returns the polarity of x op y evaluating to truth.
func (o *outcome) compare(x ast.Expr, op token.Token, y ast.Expr, truth bool) polarity {
	info := o.c.pass.TypesInfo
	if op == token.EQL || op == token.NEQ {
		for _, p := range [][2]ast.Expr{{x, y}, {y, x}} {
			if tv, ok := info.Types[p[1]]; ok && tv.Value != nil && o.isCoded(p[0]) {
				return o.codedCompare(op, tv.Value, truth)
			}
		}
	}
	if o.isErr(x) || o.isErr(y) {
		// err == ErrX, for a sentinel ErrX of a package: the error is
		// that one. Another variable may be nil.
		other := y
		if o.isErr(y) {
			other = x
		}
		if !sentinel(info, other) {
			return unknown
		}
		if (op == token.EQL) == truth {
			return failure
		}
		return mixed // another error, or none
	}
	val := func(e ast.Expr) (int64, bool) {
		tv, ok := info.Types[e]
		if !ok || tv.Value == nil || tv.Value.Kind() != constant.Int {
			return 0, false
		}
		return constant.Int64Val(tv.Value)
	}
	n, ok := val(y)
	subject := x
	if !ok {
		if n, ok = val(x); !ok {
			return o.generic2(x, y)
		}
		subject, op = y, comparisons[op].swapped
	}
	if !truth {
		op = comparisons[op].negated
	}
	switch {
	case o.isStatus(subject):
		return statusPolarity(op, n)
	case o.isGRPCCode(subject):
		switch {
		case op == token.EQL && n == 0, op == token.NEQ && n != 0:
			return success // OK, or anything but some failure code
		case op == token.NEQ && n == 0, op == token.EQL && n != 0:
			if op == token.NEQ && n != 0 {
				return unknown
			}
			return failure
		}
		return unknown
	}
	return o.generic2(x, y)
}

func (o *outcome) generic2(x, y ast.Expr) polarity {
	return either(o.generic(x), o.generic(y))
}

// sentinel reports whether e is a package-level variable: an error value
// such as io.EOF or context.Canceled, never nil.
func sentinel(info *types.Info, e ast.Expr) bool {
	v := code.VarOf(info, e)
	return v != nil && !v.IsField() && v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

// statusPolarity classifies the HTTP status codes s for which s op n holds:
// all 2xx is a success, all 3xx to 5xx a failure; == and != of a 2xx
// code are a success and a failure.
func statusPolarity(op token.Token, n int64) polarity {
	if n >= 200 && n < 300 {
		switch op {
		case token.EQL:
			return success
		case token.NEQ:
			return failure
		}
	}
	lo, hi := false, false // some 2xx, some 3xx-5xx code satisfies it
	for s := int64(200); s < 600; s++ {
		var holds bool
		switch op {
		case token.EQL:
			holds = s == n
		case token.NEQ:
			holds = s != n
		case token.LSS:
			holds = s < n
		case token.LEQ:
			holds = s <= n
		case token.GTR:
			holds = s > n
		case token.GEQ:
			holds = s >= n
		}
		if holds {
			if s < 300 {
				lo = true
			} else {
				hi = true
			}
		}
	}
	switch {
	case lo && !hi:
		return success
	case hi && !lo:
		return failure
	}
	return unknown
}

// comparisons maps each comparison operator to the one that holds with
// the operands swapped (x < y is y > x) and to its negation (!(x < y) is
// x >= y).
var comparisons = map[token.Token]struct{ swapped, negated token.Token }{
	token.EQL: {token.EQL, token.NEQ},
	token.NEQ: {token.NEQ, token.EQL},
	token.LSS: {token.GTR, token.GEQ},
	token.LEQ: {token.GEQ, token.GTR},
	token.GTR: {token.LSS, token.LEQ},
	token.GEQ: {token.LEQ, token.LSS},
}

// switchTags maps the case expressions of the switches with a tag in n to
// their tag.
func switchTags(n ast.Node) map[ast.Expr]ast.Expr {
	m := make(map[ast.Expr]ast.Expr)
	ast.Inspect(n, func(n ast.Node) bool {
		if sw, ok := n.(*ast.SwitchStmt); ok && sw.Tag != nil {
			for _, cc := range sw.Body.List {
				for _, e := range cc.(*ast.CaseClause).List {
					m[e] = sw.Tag
				}
			}
		}
		return true
	})
	return m
}

// A loopGraph is the part of a function's CFG that a loop's iterations run
// through.
type loopGraph struct {
	g     *cfg.CFG
	loop  ast.Node
	preds map[*cfg.Block][]*cfg.Block
	conds map[ast.Expr]bool
	// decisive holds the conditions whose branches may take different
	// ways through the loop: a for loop's condition, and the conditions of
	// ifs and switches that hold a return, a branch statement or a panic.
	// An if that only logs on failure decides nothing, unless one side
	// never returns (die(err)).
	decisive map[ast.Expr]bool
	// fn is the *ast.FuncDecl or *ast.FuncLit whose graph g is.
	fn ast.Node
	// again is, for a recursion, the block of the recursive call, and
	// againAt its node: the attempt repeats through it. nil for a loop,
	// which repeats through the attempt itself.
	again   *cfg.Block
	againAt int
	// backoff is the retry iterator with backoff that the loop ranges
	// over, if any: the author asked for a growing wait before each
	// next attempt, so every way round is a retry's, also one after a
	// success (minio-go's long poll reconnects after its stream ends).
	backoff *types.Func
}

func newLoopGraph(info *types.Info, g *cfg.CFG, loop ast.Node) *loopGraph {
	lg := &loopGraph{g: g, loop: loop, conds: flow.Conditions(loop)}
	done := doneBlocks(info, g, loop)
	// Only the loop's blocks are walked back.
	lg.preds = flow.Preds(g, func(b *cfg.Block) bool { return b.Live && !flow.Leaves(b, loop) && !done[b] })
	for e := range switchTags(loop) {
		lg.conds[e] = true
	}
	lg.decisive = make(map[ast.Expr]bool)
	ast.Inspect(loop, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ForStmt:
			if n.Cond != nil {
				lg.decisive[n.Cond] = true
			}
		case *ast.IfStmt:
			if branches(n.Body) || n.Else != nil && branches(n.Else) {
				lg.decisive[n.Cond] = true
			}
		case *ast.SwitchStmt:
			if branches(n.Body) {
				for _, cc := range n.Body.List {
					for _, e := range cc.(*ast.CaseClause).List {
						lg.decisive[e] = true
					}
				}
			}
		}
		return true
	})
	return lg
}

// doneBlocks returns the blocks of loop that set its done flag: for a
// loop for !done { ... done = true ... } (or for ok { ... ok = false
// ... }) whose every assignment of the flag in the loop sets the value
// that ends it, a block that sets it leaves the loop at the condition,
// as a break would.
func doneBlocks(info *types.Info, g *cfg.CFG, loop ast.Node) map[*cfg.Block]bool {
	fs, ok := loop.(*ast.ForStmt)
	if !ok || fs.Cond == nil {
		return nil
	}
	cond, leaving := ast.Unparen(fs.Cond), "false"
	if u, ok := cond.(*ast.UnaryExpr); ok && u.Op == token.NOT {
		cond, leaving = ast.Unparen(u.X), "true"
	}
	v := code.VarOf(info, cond)
	if v == nil || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
		return nil
	}
	// sets reports whether n assigns v, and whether only the leaving value.
	sets := func(n ast.Node) (writes, leaves bool) {
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			return false, false
		}
		for i, l := range as.Lhs {
			if code.VarOf(info, l) != v {
				continue
			}
			if len(as.Lhs) != len(as.Rhs) || as.Tok != token.ASSIGN {
				return true, false
			}
			id, ok := ast.Unparen(as.Rhs[i]).(*ast.Ident)
			return true, ok && id.Name == leaving && info.Uses[id] == types.Universe.Lookup(leaving)
		}
		return false, false
	}
	escapes := false
	ast.Inspect(loop, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			escapes = escapes || code.Mentions(info, n, v)
			return false
		case *ast.UnaryExpr:
			escapes = escapes || n.Op == token.AND && code.VarOf(info, n.X) == v
		case *ast.AssignStmt, *ast.IncDecStmt, *ast.RangeStmt:
			if w, l := sets(n); w && !l {
				escapes = true
			}
		}
		return !escapes
	})
	if escapes {
		return nil
	}
	done := make(map[*cfg.Block]bool)
	for _, b := range g.Blocks {
		for _, n := range b.Nodes {
			if w, _ := sets(n); w && b.Live && !flow.Leaves(b, loop) {
				done[b] = true
			}
		}
	}
	return done
}

// branches reports whether n holds a return, a branch statement (break,
// continue, goto) or a call of panic, outside function literals.
func branches(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt, *ast.BranchStmt:
			found = true
		case *ast.CallExpr:
			if id, ok := ast.Unparen(m.Fun).(*ast.Ident); ok && id.Name == "panic" {
				found = true
			}
		}
		return !found
	})
	return found
}

// cond returns the condition that ends b when b branches two ways on it.
func (lg *loopGraph) cond(b *cfg.Block) ast.Expr {
	if e := flow.Cond(b); e != nil && lg.conds[e] {
		return e
	}
	return nil
}

// A verdict is what decide found about an attempt.
type verdict struct {
	ok bool
	// once are the blocks of the loop from which the attempt is never
	// reached again: they run at most once per call.
	once []*cfg.Block
	// successExits are the blocks where a branch that tells success
	// leaves the loop.
	successExits []*cfg.Block
	// signals names the failure signals of the branches that go round.
	signals []string
	// reach are the blocks of the loop from which the attempt is reached.
	reach map[*cfg.Block]bool
	// why says why the attempt is not repeated only after a failure.
	why string
	// sent says that some way round follows a failure that does not
	// prove the request unsent (see provesUnsent).
	sent bool
	// failed are the blocks that the ways from the attempt reach only
	// after a failure of it (the last deciding branch says so).
	failed map[*cfg.Block]bool
	// indirect says that some way round is decided by the failure of a
	// later operation on the attempt's results, not by the attempt's own
	// (newRequest's result sent by c.Do): another attempt may fit better.
	indirect bool
	// polls says that some way round follows a success whose payload
	// is not done yet: the loop polls, and retries its failures.
	polls bool
}

// decide reports whether the loop goes round to the attempt in node i of
// block at only after a failure of it, and can.
func (lg *loopGraph) decide(o *outcome, at *cfg.Block, i int) verdict {
	if lg.again != nil {
		return lg.decideTo(o, at, i, lg.again, lg.againAt)
	}
	return lg.decideTo(o, at, i, at, -1)
}

// decideTo is decide for a repetition that goes through node j of block
// again (a recursive call) rather than through the attempt itself; j is
// -1 for the start of again.
func (lg *loopGraph) decideTo(o *outcome, at *cfg.Block, i int, again *cfg.Block, j int) verdict {
	if again == at && j > i {
		return verdict{why: "it goes round without testing its outcome"}
	}
	// The blocks of the loop from which again is reached without leaving
	// the loop: lg.preds holds only the edges from them.
	reach := flow.Reaching(again, lg.preds)
	// edge classifies the branch from b to its successor k; weak says
	// that it may not turn a known success into a failure (a payload's
	// condition: a poll goes round on a job not done yet).
	var edgeOf func(cond ast.Expr, b *cfg.Block, k int) (polarity, bool)
	edge := func(b *cfg.Block, k int) (p polarity, weak bool) {
		cond := lg.cond(b)
		if cond == nil || !lg.decisive[cond] && reach[b.Succs[0]] == reach[b.Succs[1]] {
			return neutral, false // if err != nil { log(err) }
		}
		p, weak = edgeOf(cond, b, k)
		subject := ast.Node(cond)
		if tag, ok := o.tags[cond]; ok {
			subject = tag // case 429: compares the tag
		}
		if !o.mentionsDirect(subject) {
			// Only what a later operation returned: resp.StatusCode of
			// c.Do(req) for the attempt that built req.
			switch p {
			case failure:
				p = later
			case success:
				p = mixed
			}
		}
		// A side that fails the test says which outcome was unexpected:
		// the other one is what the test expects, its success (if
		// status.Code(err) != codes.Canceled { t.Fatal(err) }).
		if o.mentions(cond) {
			switch this, other := o.c.reportsFailure(b.Succs[k]), o.c.reportsFailure(b.Succs[1-k]); {
			case this && !other:
				p, weak = failure, false
			case other && !this:
				p, weak = success, false
			}
		}
		return p, weak
	}
	edgeOf = func(cond ast.Expr, b *cfg.Block, k int) (p polarity, weak bool) {
		p = o.polarity(cond, k == 0)
		// Which sides of the branch go round to the attempt again.
		here, other := reach[b.Succs[k]], reach[b.Succs[1-k]]
		if p == mixed && o.singlesOut(cond, k == 0) && o.polarity(cond, k != 0) == failure && here && !other {
			// if err != nil && !refused(err) { break }: the loop
			// leaves on some failures and goes round on the others,
			// a choice of what to retry, whatever success does.
			return classified, false
		}
		if p == mixed && o.coded != nil && o.mentions(cond) && o.polarity(cond, k != 0) == success && here && !other {
			// if g == FALLBACK { break }, for g coding the failure as
			// UNKNOWN: the loop leaves on values that are no failure
			// and goes round on the rest, the failure among them.
			return classified, false
		}
		if p != unknown && p != payload {
			return p, false // failure, later, success, mixed
		}
		weak = p == payload
		if weak && o.errDiscarded {
			// msgs, _ := sub.Delivered(): a loop that ignores the
			// attempt's error polls a value; it retries no failure.
			return neutral, false
		}
		switch {
		case here && !other:
			return failure, weak
		case !here && other:
			return success, weak
		}
		return neutral, false
	}
	type state struct {
		b      *cfg.Block
		last   polarity
		unsent bool // the failure proves nothing was sent
	}
	var v verdict
	arrived, bad, direct := false, false, false
	states := make(map[*cfg.Block]int) // the lasts each block is reached with
	var badWay, polls string
	seen := make(map[state]bool)
	signals := make(map[string]bool)
	var visit func(b *cfg.Block, last polarity, sig string, unsent bool)
	visit = func(b *cfg.Block, last polarity, sig string, unsent bool) {
		from := 0
		if b == at {
			from = i + 1
		}
		if o.assertsSuccess(b.Nodes[from:]) {
			last, sig, unsent = success, "an assertion that it succeeded", false
		}
		for k, s := range b.Succs {
			if bad {
				return
			}
			nl, ns, nu := last, sig, unsent
			decided := false // this branch says the attempt succeeded
			switch p, weak := edge(b, k); {
			case p == mixed:
				// Success may have come this way: what was a failure
				// still is; anything else may be a success.
				if last != failure && last != later {
					nl, ns, decided, nu = success, o.describe(lg.cond(b), k == 0), true, false
				}
			case weak && p == failure && (last == success || last == polled):
				// A success whose payload says "not yet" (a job still
				// in progress): a poll's way round, not a retry's.
				if last != polled {
					nl, ns = polled, o.describe(lg.cond(b), k == 0)
				}
			case p != neutral && !(weak && (last == success || last == polled)):
				nl, decided = p, p == success
				if p != last {
					// Name the branch that decided, not one that
					// only confirms it.
					ns = o.describe(lg.cond(b), k == 0)
					nu = false
				}
				if p == failure && o.provesUnsent(lg.cond(b), k == 0) {
					nu = true
				}
				if weak && last == later && p == failure {
					nl = later // still decided by what came after the attempt
				}
			}
			switch {
			case s == again:
				// Round again: only after a failure.
				if nl == later {
					v.indirect = true
					nl = failure
				} else if nl == failure || nl == classified {
					// classified: the way round right after the test
					// that chose which failures go round; a success may
					// go this way too.
					if nl == classified {
						polls = ns
					}
					nl, direct = failure, true
				}
				if lg.backoff != nil && nl != failure {
					arrived, direct, v.sent = true, true, true
					signals["the next attempt of "+lg.backoff.Name()] = true
					continue
				}
				if nl == polled {
					// A poll may also retry: the ways round after a
					// failure decide, if there are any.
					polls = ns
					continue
				}
				if nl != failure {
					bad = true
					badWay = ns
					if nl != success {
						badWay = ""
					}
					return
				}
				arrived = true
				signals[ns] = true
				if !nu {
					v.sent = true
				}
			case !reach[s]:
				if decided {
					v.successExits = append(v.successExits, s)
				}
			default:
				states[s] |= 1 << nl
				if st := (state{s, nl, nu}); !seen[st] {
					seen[st] = true
					visit(s, nl, ns, nu)
				}
			}
		}
	}
	visit(at, neutral, "", false)
	switch {
	case bad && badWay != "":
		return verdict{why: "it goes round after a success (" + badWay + ")"}
	case bad:
		return verdict{why: "it goes round without testing its outcome"}
	case !arrived && polls != "":
		return verdict{why: "it goes round only after a success, polling (" + polls + ")"}
	case !arrived:
		return verdict{why: "the loop never repeats it"}
	case !direct:
		// Only what came after it fails and goes round (a stream read
		// that skips a bad event): it is not the attempt that is retried.
		return verdict{why: "only a later operation's failure goes round, never its own"}
	}
	v.ok, v.reach, v.polls = true, reach, polls != ""
	v.failed = make(map[*cfg.Block]bool)
	for b, st := range states {
		if st&^(1<<failure|1<<later) == 0 {
			v.failed[b] = true
		}
	}
	for _, b := range lg.g.Blocks {
		if b.Live && !reach[b] && len(b.Nodes) > 0 && !flow.Leaves(b, lg.loop) {
			v.once = append(v.once, b)
		}
	}
	for s := range signals {
		v.signals = append(v.signals, s)
	}
	slices.Sort(v.signals)
	return v
}

// describe says which way cond went: the condition, or its negation.
func (o *outcome) describe(cond ast.Expr, truth bool) string {
	s := types.ExprString(cond)
	if tag, ok := o.tags[cond]; ok {
		s = types.ExprString(tag) + " == " + s
	}
	if truth {
		return s
	}
	switch e := ast.Unparen(cond).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT && o.tags[cond] == nil {
			return types.ExprString(e.X) // !retry is false: retry
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
			if o.tags[cond] == nil {
				return types.ExprString(e.X) + " " + comparisons[e.Op].negated.String() + " " + types.ExprString(e.Y)
			}
		}
	}
	return "not (" + s + ")"
}

// assertsSuccess reports whether one of nodes stops the test unless the
// attempt succeeded (require.NoError(t, err)): after it, it did.
func (o *outcome) assertsSuccess(nodes []ast.Node) bool {
	for _, n := range nodes {
		es, ok := n.(*ast.ExprStmt)
		if !ok {
			continue
		}
		call, ok := ast.Unparen(es.X).(*ast.CallExpr)
		if !ok || !o.c.isCall(call, knowledge.AssertsNoError.Has) {
			continue
		}
		for _, a := range call.Args {
			if o.isErr(a) {
				return true
			}
		}
	}
	return false
}

// provesUnsent reports whether cond evaluating to truth proves that the
// attempt's error is one raised before anything was sent: a refused
// connection or a failed name lookup (errors.Is(err,
// syscall.ECONNREFUSED), errors.As(err, &dnsErr) with a *net.DNSError).
func (o *outcome) provesUnsent(cond ast.Expr, truth bool) bool {
	return code.Proves(cond, truth, o.unsentAtom)
}

// unsentAtom is provesUnsent for a condition that is no !, && or ||.
func (o *outcome) unsentAtom(cond ast.Expr, truth bool) bool {
	info := o.c.pass.TypesInfo
	e, ok := cond.(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := httpreq.Callee(info, e)
	if !truth || fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "errors" || len(e.Args) != 2 || !o.isErr(e.Args[0]) {
		return false
	}
	switch fn.Name() {
	case "Is":
		// syscall.ECONNREFUSED is a constant, an error variable a var.
		switch obj := code.UsedObject(info, e.Args[1]).(type) {
		case *types.Var, *types.Const:
			return obj.Pkg() != nil && knowledge.IsUnsent(obj.Pkg().Path(), obj.Name())
		}
		return false
	case "As":
		t := info.TypeOf(e.Args[1])
		if p, ok := t.(*types.Pointer); ok {
			if q, ok := p.Elem().(*types.Pointer); ok {
				if n, ok := types.Unalias(q.Elem()).(*types.Named); ok && n.Obj().Pkg() != nil {
					return knowledge.IsUnsent(n.Obj().Pkg().Path(), n.Obj().Name())
				}
			}
		}
	}
	return false
}

// verdicts makes the attempt's bool results failure signals: the attempt
// is a callback the function was given (condition() (done bool, err
// error), as in a copy of wait.ExponentialBackoff), and its bool is its
// verdict on the attempt, not a payload the function could read.
func (o *outcome) verdicts() {
	for v, defs := range o.defs {
		if !isBool(v.Type()) {
			continue
		}
		for _, d := range defs {
			if d.own {
				d.kind = failingOf
			}
		}
	}
}
