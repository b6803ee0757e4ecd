package retry

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/transportvet/transportvet/internal/httpreq"
)

// loop returns the Loop region of loop, whose body is body and label its
// label (or nil), or nil if it is not a retry loop. See Loop for the rules.
func (c *collector) loop(loop ast.Stmt, body *ast.BlockStmt, label *ast.Ident) *Region {
	info := c.pass.TypesInfo
	if body == nil {
		return nil
	}
	varied := make(map[*types.Var]bool)
	// The counter is the first integer variable of the for clause or the
	// range key, else the first one incremented in the body.
	var counter *types.Var
	vary := func(v *types.Var) {
		if v != nil {
			varied[v] = true
		}
	}
	count := func(v *types.Var) {
		if v != nil && counter == nil && isInteger(v.Type()) {
			counter = v
		}
	}
	switch l := loop.(type) {
	case *ast.RangeStmt:
		tv, ok := info.Types[l.X]
		if !ok || tv.Type == nil || !isInteger(tv.Type) {
			return nil // over data, a channel or a function
		}
		if l.Key != nil {
			vary(c.varOf(l.Key))
			count(c.varOf(l.Key))
		}
	case *ast.ForStmt:
		if init, ok := l.Init.(*ast.AssignStmt); ok {
			for _, lhs := range init.Lhs {
				vary(c.varOf(lhs))
				count(c.varOf(lhs))
			}
		}
		if l.Post != nil {
			c.writes(l.Post, nil, vary)
		}
	default:
		return nil
	}
	c.writes(body, body, vary)
	if counter == nil {
		ast.Inspect(body, func(n ast.Node) bool {
			if inc, ok := n.(*ast.IncDecStmt); ok {
				if id, ok := ast.Unparen(inc.X).(*ast.Ident); ok {
					if v, ok := info.Uses[id].(*types.Var); ok && varied[v] {
						count(v)
					}
				}
			}
			return counter == nil
		})
	}
	if c.receivesWork(body) {
		return nil
	}
	att := c.attempt(body, label)
	if att == nil {
		return nil
	}
	if c.feeds(att.call, body, varied) {
		return nil
	}
	if !c.countsOnly(body, varied) {
		return nil
	}
	return &Region{Kind: Loop, Node: loop, Body: body, Attempt: att.call, Counter: counter, once: att.once}
}

func isInteger(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

// writes calls vary for each variable that n assigns or increments and
// that is declared outside body (any variable if body is nil).
func (c *collector) writes(n ast.Node, body *ast.BlockStmt, vary func(*types.Var)) {
	outside := func(v *types.Var) bool {
		return body == nil || v.Pos() < body.Pos() || v.Pos() >= body.End()
	}
	ast.Inspect(n, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.AssignStmt:
			for _, lhs := range m.Lhs {
				id, ok := ast.Unparen(lhs).(*ast.Ident)
				if !ok {
					continue
				}
				if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok && outside(v) {
					vary(v)
				}
			}
		case *ast.IncDecStmt:
			if id, ok := ast.Unparen(m.X).(*ast.Ident); ok {
				if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok && outside(v) {
					vary(v)
				}
			}
		}
		return true
	})
}

// receivesWork reports whether body receives from a channel other than a
// context's Done() or a time channel: a worker loop.
func (c *collector) receivesWork(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		u, ok := n.(*ast.UnaryExpr)
		if !ok || u.Op != token.ARROW {
			return !found
		}
		tv, ok := c.pass.TypesInfo.Types[u.X]
		if !ok || tv.Type == nil {
			found = true
			return false
		}
		ch, ok := tv.Type.Underlying().(*types.Chan)
		if !ok {
			found = true
			return false
		}
		if !isSignal(ch.Elem()) {
			found = true
		}
		return !found
	})
	return found
}

// isSignal reports whether a channel of t carries no work: struct{} (a
// context's Done) or time.Time (time.After, Timer.C, Ticker.C).
func isSignal(t types.Type) bool {
	if s, ok := t.Underlying().(*types.Struct); ok && s.NumFields() == 0 {
		return true
	}
	if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() != nil {
		return n.Obj().Pkg().Path() == "time" && n.Obj().Name() == "Time"
	}
	return false
}

// An attempt is the fallible call of a retry loop.
type attempt struct {
	call *ast.CallExpr
	once []span
}

// attempt finds the fallible call at the top level of body whose failure
// goes round again and whose success leaves the loop.
func (c *collector) attempt(body *ast.BlockStmt, label *ast.Ident) *attempt {
	list := body.List
	for k, s := range list {
		var (
			call   *ast.CallExpr
			errVar *types.Var
			check  ast.Stmt // *ast.IfStmt or *ast.SwitchStmt
			rest   []ast.Stmt
		)
		if init := checkInit(s); init != nil {
			call, errVar = c.fallibleAssign(init)
			check, rest = s, list[k+1:]
		} else if call, errVar = c.fallibleAssign(s); call != nil {
			for j := k + 1; j < len(list); j++ {
				if checkInit(list[j]) == nil && c.checks(list[j], errVar) {
					check, rest = list[j], list[j+1:]
					break
				}
				if c.assigns(list[j], errVar) || leaves(list[j], scope{label: label}) {
					break
				}
			}
		}
		if call == nil || check == nil {
			continue
		}
		var (
			ok      bool
			success [][]ast.Stmt
		)
		switch check := check.(type) {
		case *ast.IfStmt:
			ok, success = c.ifOutcome(check, errVar, rest, label)
		case *ast.SwitchStmt:
			ok, success = c.switchOutcome(check, errVar, rest, label)
		}
		if !ok || c.failsOnSuccess(success) {
			continue
		}
		var once []span
		for _, list := range success {
			once = append(once, onceSpans(list, label)...)
		}
		return &attempt{call: call, once: once}
	}
	return nil
}

// checkInit returns the init statement of s when s is an if or a switch
// that has one.
func checkInit(s ast.Stmt) ast.Stmt {
	switch s := s.(type) {
	case *ast.IfStmt:
		return s.Init
	case *ast.SwitchStmt:
		return s.Init
	}
	return nil
}

// checks reports whether s is an if or a switch that checks errVar (see
// errForm and errSwitch).
func (c *collector) checks(s ast.Stmt, errVar *types.Var) bool {
	switch s := s.(type) {
	case *ast.IfStmt:
		return c.errForm(s.Cond, errVar) != noCheck
	case *ast.SwitchStmt:
		_, form := c.errSwitch(s, errVar)
		return form != noCheck
	}
	return false
}

// ifOutcome reports whether the if check of errVar, followed in the loop
// body by rest, goes round on failure and leaves on success, and returns
// the success path.
func (c *collector) ifOutcome(check *ast.IfStmt, errVar *types.Var, rest []ast.Stmt, label *ast.Ident) (bool, [][]ast.Stmt) {
	top := scope{label: label}
	switch c.errForm(check.Cond, errVar) {
	case failureThen:
		fail := check.Body.List
		switch els := check.Else.(type) {
		case nil:
			return endsRound(fail, top) && endsLeave(rest, top), [][]ast.Stmt{rest}
		case *ast.BlockStmt:
			return !endsLeave(fail, top) && endsLeave(els.List, top) &&
				(endsRound(fail, top) || !endsLeave(rest, top)), [][]ast.Stmt{els.List}
		}
	case successThen:
		success := check.Body.List
		switch els := check.Else.(type) {
		case nil:
			return endsLeave(success, top) && !endsLeave(rest, top), [][]ast.Stmt{success}
		case *ast.BlockStmt:
			return endsLeave(success, top) && !endsLeave(els.List, top) &&
				(endsRound(els.List, top) || !endsLeave(rest, top)), [][]ast.Stmt{success}
		}
	}
	return false, nil
}

// errSwitch returns the clauses of sw when its first clause checks errVar
// (`switch { case err != nil: ...` or `case err == nil:`, see errForm, or
// `switch err { case nil: ...`), and the form of that check. A switch with
// a fallthrough, or a break out of the switch anywhere but at the end of a
// clause, is no check: its paths are not those of an if.
func (c *collector) errSwitch(sw *ast.SwitchStmt, errVar *types.Var) ([]*ast.CaseClause, checkForm) {
	var clauses []*ast.CaseClause
	for _, s := range sw.Body.List {
		cc, ok := s.(*ast.CaseClause)
		if !ok || breaksSwitch(cc.Body) {
			return nil, noCheck
		}
		clauses = append(clauses, cc)
	}
	if len(clauses) == 0 || len(clauses[0].List) != 1 {
		return nil, noCheck
	}
	first := clauses[0].List[0]
	if sw.Tag == nil {
		return clauses, c.errForm(first, errVar)
	}
	if c.varOf(sw.Tag) == errVar && c.isNil(first) {
		return clauses, successThen
	}
	return nil, noCheck
}

// plainCheck reports whether e is err != nil or err == nil, alone.
func (c *collector) plainCheck(e ast.Expr, errVar *types.Var) bool {
	b, ok := ast.Unparen(e).(*ast.BinaryExpr)
	return ok && (b.Op == token.EQL || b.Op == token.NEQ) && c.errForm(b, errVar) != noCheck
}

// switchOutcome is ifOutcome for a switch on errVar: its first clause is
// the if's body, its other clauses (and, without a default, the way
// through no clause) the if's else.
func (c *collector) switchOutcome(sw *ast.SwitchStmt, errVar *types.Var, rest []ast.Stmt, label *ast.Ident) (bool, [][]ast.Stmt) {
	clauses, form := c.errSwitch(sw, errVar)
	if form == noCheck {
		return false, nil
	}
	top, in := scope{label: label}, scope{label: label, inSwitch: true}
	// case err != nil: ... case err == nil: ... is as good as a default,
	// and the cases after it never run.
	hasDefault := false
	if len(clauses) > 1 && len(clauses[1].List) == 1 && c.plainCheck(clauses[0].List[0], errVar) {
		if c.plainCheck(clauses[1].List[0], errVar) && c.errForm(clauses[1].List[0], errVar) != form {
			clauses, hasDefault = clauses[:2], true
		}
	}
	var others [][]ast.Stmt
	for _, cc := range clauses[1:] {
		others = append(others, cc.Body)
		hasDefault = hasDefault || cc.List == nil
	}
	if !hasDefault {
		others = append(others, nil)
	}
	first := clauses[0].Body
	switch form {
	case failureThen:
		if len(clauses) == 1 {
			return endsRound(first, in) && endsLeave(rest, top), [][]ast.Stmt{rest}
		}
		if !hasDefault {
			return false, nil // success partly falls through to rest
		}
		for _, list := range others {
			if !endsLeave(list, in) {
				return false, nil
			}
		}
		return !endsLeave(first, in) && (endsRound(first, in) || !endsLeave(rest, top)), others
	case successThen:
		if !endsLeave(first, in) {
			return false, nil
		}
		for _, list := range others {
			if !endsLeave(list, in) && (endsRound(list, in) || !endsLeave(rest, top)) {
				return true, [][]ast.Stmt{first}
			}
		}
	}
	return false, nil
}

// breaksSwitch reports whether list breaks out of its enclosing switch
// other than by its last statement, or falls through.
func breaksSwitch(list []ast.Stmt) bool {
	found := false
	for _, s := range list {
		ast.Inspect(s, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit, *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				return false // their unlabeled breaks are theirs
			case *ast.BranchStmt:
				if n.Tok == token.FALLTHROUGH || n.Tok == token.BREAK && n.Label == nil && n != list[len(list)-1] {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// fallibleAssign returns the call and error variable of s when s assigns
// the result of a call whose last result is an error to a variable.
func (c *collector) fallibleAssign(s ast.Stmt) (*ast.CallExpr, *types.Var) {
	as, ok := s.(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || (as.Tok != token.ASSIGN && as.Tok != token.DEFINE) {
		return nil, nil
	}
	call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
	if !ok {
		return nil, nil
	}
	v := c.varOf(as.Lhs[len(as.Lhs)-1])
	if v == nil || !httpreq.IsError(v.Type()) {
		return nil, nil
	}
	tv, ok := c.pass.TypesInfo.Types[call]
	if !ok || tv.Type == nil {
		return nil, nil
	}
	var last types.Type = tv.Type
	if tup, ok := tv.Type.(*types.Tuple); ok {
		if tup.Len() != len(as.Lhs) {
			return nil, nil
		}
		last = tup.At(tup.Len() - 1).Type()
	}
	if !httpreq.IsError(last) {
		return nil, nil
	}
	return call, v
}

// assigns reports whether s assigns v.
func (c *collector) assigns(s ast.Stmt, v *types.Var) bool {
	found := false
	ast.Inspect(s, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok {
			for _, lhs := range as.Lhs {
				if c.varOf(lhs) == v {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

type checkForm int

const (
	noCheck     checkForm = iota
	failureThen           // if err != nil { failure } ...
	successThen           // if err == nil { success } ...
)

// errForm classifies cond as a check of errVar: err != nil or err == nil,
// alone or as the leftmost operand of && and || chains.
func (c *collector) errForm(cond ast.Expr, errVar *types.Var) checkForm {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok {
		return noCheck
	}
	switch b.Op {
	case token.LAND, token.LOR:
		return c.errForm(b.X, errVar)
	case token.NEQ, token.EQL:
	default:
		return noCheck
	}
	x, y := b.X, b.Y
	if c.isNil(x) {
		x, y = y, x
	}
	if !c.isNil(y) || c.varOf(x) != errVar {
		return noCheck
	}
	if b.Op == token.NEQ {
		return failureThen
	}
	return successThen
}

func (c *collector) isNil(e ast.Expr) bool {
	tv, ok := c.pass.TypesInfo.Types[e]
	return ok && tv.IsNil()
}

// A scope is where a branch statement of the loop's body sits: in the loop
// labeled label (or nil), perhaps inside a switch, where an unlabeled
// break leaves the switch, not the loop.
type scope struct {
	label    *ast.Ident
	inSwitch bool
}

// leaves reports whether s always leaves the loop: a return, a break of
// the loop, or an if whose branches all leave.
func leaves(s ast.Stmt, sc scope) bool {
	switch s := s.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return s.Tok == token.BREAK && targets(s, sc)
	case *ast.BlockStmt:
		return endsLeave(s.List, sc)
	case *ast.IfStmt:
		return s.Else != nil && endsLeave(s.Body.List, sc) && leaves(s.Else, sc)
	case *ast.ExprStmt:
		// panic leaves too, but a loop that panics on success is no retry
		// loop; treat it as not leaving.
	}
	return false
}

// targets reports whether branch statement s, at the top level of the
// loop's body or of a switch clause in it (not inside a nested loop,
// select or other switch), targets the loop.
func targets(s *ast.BranchStmt, sc scope) bool {
	if s.Label != nil {
		return sc.label != nil && s.Label.Name == sc.label.Name
	}
	return s.Tok != token.BREAK || !sc.inSwitch
}

func endsLeave(list []ast.Stmt, sc scope) bool {
	return len(list) > 0 && leaves(list[len(list)-1], sc)
}

func endsRound(list []ast.Stmt, sc scope) bool {
	if len(list) == 0 {
		return false
	}
	s, ok := list[len(list)-1].(*ast.BranchStmt)
	return ok && s.Tok == token.CONTINUE && targets(s, sc)
}

// onceSpans returns the span of the success path that runs once: the
// statements after the last one that may continue the loop.
func onceSpans(success []ast.Stmt, label *ast.Ident) []span {
	last := -1
	for i, s := range success {
		if continues(s, label) {
			last = i
		}
	}
	if last+1 >= len(success) {
		return nil
	}
	return []span{{success[last+1].Pos(), success[len(success)-1].End()}}
}

// continues reports whether s holds a continue of the loop labeled label
// (or, outside nested loops, of the innermost loop).
func continues(s ast.Stmt, label *ast.Ident) bool {
	found := false
	var visit func(n ast.Node, nested bool)
	visit = func(n ast.Node, nested bool) {
		ast.Inspect(n, func(m ast.Node) bool {
			if found {
				return false
			}
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt:
				if m != n {
					visit(m.Body, true)
					return false
				}
			case *ast.RangeStmt:
				if m != n {
					visit(m.Body, true)
					return false
				}
			case *ast.BranchStmt:
				if m.Tok == token.CONTINUE {
					if m.Label == nil && !nested || m.Label != nil && label != nil && m.Label.Name == label.Name {
						found = true
					}
				}
			}
			return true
		})
	}
	visit(s, false)
	return found
}

// feeds reports whether a loop-varied variable feeds call's arguments or
// receiver, directly or through variables defined in body.
func (c *collector) feeds(call *ast.CallExpr, body *ast.BlockStmt, varied map[*types.Var]bool) bool {
	info := c.pass.TypesInfo
	work := append([]ast.Expr(nil), call.Args...)
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if _, isMethod := info.Selections[sel]; isMethod {
			work = append(work, sel.X)
		}
	}
	seen := make(map[*types.Var]bool)
	found := false
	for len(work) > 0 && !found {
		e := work[len(work)-1]
		work = work[:len(work)-1]
		ast.Inspect(e, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok || found {
				return !found
			}
			v, ok := info.Uses[id].(*types.Var)
			if !ok || seen[v] {
				return true
			}
			seen[v] = true
			if varied[v] {
				found = true
				return false
			}
			if v.Pos() >= body.Pos() && v.Pos() < body.End() {
				for _, src := range c.derives(v, body) {
					work = append(work, src)
				}
			}
			return true
		})
	}
	return found
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

// countsOnly reports whether the loop's integer counters, and integer
// values computed from them in body, are used only to count: compared,
// incremented, turned into a delay, logged or formatted.
func (c *collector) countsOnly(body *ast.BlockStmt, varied map[*types.Var]bool) bool {
	counters := make(map[*types.Var]bool)
	for v := range varied {
		if isInteger(v.Type()) {
			counters[v] = true
		}
	}
	return c.onlyCount(body, counters, helperDepth)
}

// helperDepth bounds the chain of helpers of the package that a counter
// may be passed through (see countingCall).
const helperDepth = 3

// onlyCount reports whether counters, and integer values computed from them
// in body, are used only to count in body (see countingUse); depth bounds
// the helpers they may be passed to.
func (c *collector) onlyCount(body *ast.BlockStmt, counters map[*types.Var]bool, depth int) bool {
	info := c.pass.TypesInfo
	if len(counters) == 0 {
		return true
	}
	// Integer variables computed from a counter are counters too.
	derive := func(lhs ast.Expr, rhs ast.Expr) bool {
		v := c.varOf(lhs)
		if v == nil || counters[v] || !isInteger(v.Type()) || !c.mentions(rhs, counters) {
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
	ok := true
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		if !ok {
			return false
		}
		stack = append(stack, n)
		id, isID := n.(*ast.Ident)
		if !isID {
			return true
		}
		if v, _ := info.Uses[id].(*types.Var); v != nil && counters[v] && !c.countingUse(stack, depth) {
			ok = false
		}
		return true
	})
	return ok
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
		case *ast.IndexListExpr, *ast.CompositeLit, *ast.KeyValueExpr:
			return false
		case *ast.SliceExpr:
			if child != p.X {
				return false
			}
		case *ast.UnaryExpr:
			if p.Op == token.AND {
				return false
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
	"testing": true,
	BackoffV4: true, BackoffV5: true, RetryGo: true, GoRetry: true, K8sWait: true,
}

// countingCall reports whether passing a counter to call as its argument
// arg keeps it a counter: the call computes a delay (returns a
// time.Duration), or belongs to a time, math, formatting or logging
// package, or is a helper of this package whose parameter for arg is
// itself only used to count (see onlyCount), depth bounding the chain of
// helpers. follow says that the call's result may carry the counter: the
// result of a helper, unless it has none or is a bool.
func (c *collector) countingCall(call *ast.CallExpr, arg ast.Node, depth int) (ok, follow bool) {
	info := c.pass.TypesInfo
	if tv, ok := info.Types[call]; ok && tv.Type != nil {
		if n, ok := types.Unalias(tv.Type).(*types.Named); ok && n.Obj().Pkg() != nil &&
			n.Obj().Pkg().Path() == "time" && n.Obj().Name() == "Duration" {
			return true, false
		}
	}
	fn := httpreq.Callee(info, call)
	if fn == nil || fn.Pkg() == nil {
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
	// Methods of loggers (log/slog, zap, logrus, zerolog, klog, logr...).
	if sig.Recv() != nil {
		base := path[strings.LastIndex(path, "/")+1:]
		if strings.Contains(base, "log") || strings.Contains(base, "zap") {
			return true, false
		}
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
	decl := c.index().decls[fn]
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
	return used && c.onlyCount(decl.Body, map[*types.Var]bool{param: true}, depth)
}

func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsBoolean != 0
}

// failureCalls are the functions (and methods, by their package) whose
// call at the top level of a loop's success path says that success was
// the unexpected outcome: a test expecting every attempt to fail, an exit.
var failureCalls = map[string]map[string]bool{
	"testing": {"Error": true, "Errorf": true, "Fatal": true, "Fatalf": true, "Fail": true, "FailNow": true},
	"log":     {"Fatal": true, "Fatalf": true, "Fatalln": true, "Panic": true, "Panicf": true, "Panicln": true},
	"os":      {"Exit": true},
}

// errorMakers are the functions whose result is never a nil error.
var errorMakers = map[string]map[string]bool{
	"errors": {"New": true},
	"fmt":    {"Errorf": true},
}

// failsOnSuccess reports whether the success paths treat success as a
// failure, so that the loop expects every attempt to fail rather than
// retrying until one succeeds: one of them calls a failure report (a
// test's Error or Fatal, panic, log.Fatal, os.Exit) at its top level, or
// every path ends in a return and every return on them returns a new
// error (errors.New, fmt.Errorf).
func (c *collector) failsOnSuccess(success [][]ast.Stmt) bool {
	info := c.pass.TypesInfo
	isCall := func(e ast.Expr, table map[string]map[string]bool) bool {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			return false
		}
		fn := httpreq.Callee(info, call)
		return fn != nil && fn.Pkg() != nil && table[fn.Pkg().Path()][fn.Name()]
	}
	isPanic := func(e ast.Expr) bool {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			return false
		}
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		b, _ := info.Uses[id].(*types.Builtin)
		return ok && b != nil && b.Name() == "panic"
	}
	newErrorsOnly := len(success) > 0
	for _, list := range success {
		for _, s := range list {
			if es, ok := s.(*ast.ExprStmt); ok && (isCall(es.X, failureCalls) || isPanic(es.X)) {
				return true
			}
		}
		if len(list) == 0 {
			newErrorsOnly = false
			continue
		}
		if _, ok := list[len(list)-1].(*ast.ReturnStmt); !ok {
			newErrorsOnly = false
		}
		for _, s := range list {
			ast.Inspect(s, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncLit:
					return false
				case *ast.ReturnStmt:
					if !slices.ContainsFunc(n.Results, func(e ast.Expr) bool { return isCall(e, errorMakers) }) {
						newErrorsOnly = false
					}
				}
				return newErrorsOnly
			})
		}
	}
	return newErrorsOnly
}
