package retrystorm

import (
	"go/ast"
	"go/constant"
	"go/types"
	"slices"

	"github.com/transportvet/transportvet/internal/code"
	"github.com/transportvet/transportvet/internal/httpreq"
	"github.com/transportvet/transportvet/internal/knowledge"
	"github.com/transportvet/transportvet/passes/retry"
)

// checkLibraries reports retry-library calls whose settings amount to
// retrying a network call with no delay:
//
//   - backoff v4: Retry* with a *backoff.ZeroBackOff (retry.go: the
//     operation runs again after NextBackOff() == 0, with no bound);
//   - backoff v5: Retry with WithBackOff(ZeroBackOff), no WithMaxTries and
//     WithMaxElapsedTime(0) (retry.go: the default MaxElapsedTime of 15
//     minutes is a bound, 0 removes it);
//   - retry-go v4: Do or DoWithData with Attempts(0) or UntilSucceeded(),
//     Delay(0) and DelayType(retry.FixedDelay) (options.go: the default
//     delay type adds BackOffDelay, which never returns 0, and a random
//     jitter up to MaxJitter, so Delay(0) alone still waits);
//   - failsafe-go: an executor whose retry policy is
//     retrypolicy.NewWithDefaults() or a builder chain with no delay
//     method (retrypolicy: "no delay" is the default).
func (c *checker) checkLibraries() {
	seen := make(map[*ast.CallExpr]bool)
	for _, reg := range c.regions.Regions {
		if reg.Kind != retry.Callback || reg.Call == nil || reg.API == nil || reg.API.Pkg() == nil || seen[reg.Call] {
			continue
		}
		seen[reg.Call] = true
		if reg.Body == nil || !c.hasNetworkCall(reg.Body) {
			continue
		}
		if at := c.noDelaySetting(reg); at != nil {
			c.r.Reportf(at, "%s: a failing dependency turns it into a retry storm; wait with exponential backoff and jitter", noDelayWhat(reg.API))
		}
	}
}

func noDelayWhat(api *types.Func) string {
	if api.Pkg() == nil {
		return "retry policy has no delay between attempts"
	}
	switch api.Pkg().Path() {
	case knowledge.BackoffV4, knowledge.BackoffV5:
		return "backoff.ZeroBackOff retries with no delay and no bound"
	case knowledge.RetryGo:
		return "retry-go retries with no delay and no bound (Attempts(0), Delay(0), FixedDelay)"
	}
	return "retry policy has no delay between attempts"
}

// noDelaySetting returns the expression that sets no delay for the retry
// API call of reg, or nil.
func (c *checker) noDelaySetting(reg *retry.Region) ast.Expr {
	call := reg.Call
	switch reg.API.Pkg().Path() {
	case knowledge.BackoffV4:
		if len(call.Args) > 1 && c.isZeroBackOff(call.Args[1], knowledge.BackoffV4) {
			return call.Args[1]
		}
	case knowledge.BackoffV5:
		if call.Ellipsis.IsValid() {
			return nil
		}
		var zero ast.Expr
		unbounded := false
		for _, opt := range call.Args[min(2, len(call.Args)):] {
			oc, fn := c.optionCall(opt, knowledge.BackoffV5)
			switch fn {
			case "WithBackOff":
				zero = nil
				if len(oc.Args) == 1 && c.isZeroBackOff(oc.Args[0], knowledge.BackoffV5) {
					zero = oc.Args[0]
				}
			case "WithMaxTries":
				return nil
			case "WithMaxElapsedTime":
				unbounded = len(oc.Args) == 1 && c.isConstZero(oc.Args[0])
			case "":
				return nil // an option we cannot see through
			}
		}
		if unbounded {
			return zero
		}
	case knowledge.RetryGo:
		if call.Ellipsis.IsValid() {
			return nil
		}
		var attempts, delay, fixed ast.Expr
		unbounded, zeroDelay := false, false
		for _, opt := range call.Args[min(1, len(call.Args)):] {
			oc, fn := c.optionCall(opt, knowledge.RetryGo)
			switch fn {
			case "Attempts":
				attempts = opt
				unbounded = len(oc.Args) == 1 && c.isConstZero(oc.Args[0])
			case "UntilSucceeded":
				attempts, unbounded = opt, true
			case "Delay":
				delay = opt
				zeroDelay = len(oc.Args) == 1 && c.isConstZero(oc.Args[0])
			case "DelayType":
				fixed = nil
				if len(oc.Args) == 1 {
					if id := selOrIdent(oc.Args[0]); id != nil {
						if fn, ok := c.pass.TypesInfo.Uses[id].(*types.Func); ok && httpreq.Is(fn, knowledge.RetryGo, "", "FixedDelay") {
							fixed = opt
						}
					}
				}
			case "":
				return nil
			}
		}
		if unbounded && zeroDelay && fixed != nil && attempts != nil {
			return delay
		}
	case knowledge.Failsafe:
		return c.failsafeNoDelay(call)
	}
	return nil
}

// optionCall returns opt as a call of a function of package pkg and that
// function's name, or "" when opt is something else.
func (c *checker) optionCall(opt ast.Expr, pkg string) (*ast.CallExpr, string) {
	oc, ok := ast.Unparen(opt).(*ast.CallExpr)
	if !ok {
		return nil, ""
	}
	fn := c.callee(oc)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != pkg {
		return nil, ""
	}
	return oc, fn.Name()
}

func selOrIdent(e ast.Expr) *ast.Ident {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return e
	case *ast.SelectorExpr:
		return e.Sel
	}
	return nil
}

func (c *checker) isConstZero(e ast.Expr) bool {
	tv, ok := c.pass.TypesInfo.Types[e]
	return ok && tv.Value != nil && constant.Sign(tv.Value) == 0
}

// isZeroBackOff reports whether e is &backoff.ZeroBackOff{},
// new(backoff.ZeroBackOff) or backoff.NewConstantBackOff(0) of package pkg,
// or a local variable initialized to one and never assigned again.
func (c *checker) isZeroBackOff(e ast.Expr, pkg string) bool {
	e = c.definition(e)
	switch e := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		if lit, ok := ast.Unparen(e.X).(*ast.CompositeLit); ok {
			return httpreq.IsNamed(c.pass.TypesInfo.TypeOf(lit), pkg, "ZeroBackOff")
		}
	case *ast.CallExpr:
		if id, ok := ast.Unparen(e.Fun).(*ast.Ident); ok && id.Name == "new" && len(e.Args) == 1 {
			if _, builtin := c.pass.TypesInfo.Uses[id].(*types.Builtin); builtin {
				return httpreq.IsNamed(c.pass.TypesInfo.TypeOf(e.Args[0]), pkg, "ZeroBackOff")
			}
		}
		// backoff.NewConstantBackOff(0): a constant wait of nothing
		// is ZeroBackOff by another name (backoff.go).
		if fn := httpreq.Callee(c.pass.TypesInfo, e); httpreq.Is(fn, pkg, "", "NewConstantBackOff") && len(e.Args) == 1 {
			return c.isConstZero(e.Args[0])
		}
	}
	return false
}

// definition returns the initializer of e when e is a local variable that
// is assigned exactly once, by its declaration, and never has its address
// taken; otherwise e itself.
func (c *checker) definition(e ast.Expr) ast.Expr {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return e
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v.Parent() == nil || v.Parent() == c.pass.Pkg.Scope() || v.IsField() {
		return e
	}
	var init ast.Expr
	count := 0
	for _, f := range c.pass.Files {
		if f.FileStart > v.Pos() || v.Pos() >= f.FileEnd {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					if lid, ok := l.(*ast.Ident); ok && code.IdentVar(c.pass.TypesInfo, lid) == v {
						count++
						if len(n.Lhs) == len(n.Rhs) {
							init = n.Rhs[i]
						}
					}
				}
			case *ast.ValueSpec:
				for i, name := range n.Names {
					if c.pass.TypesInfo.Defs[name] == v {
						count++
						if len(n.Names) == len(n.Values) {
							init = n.Values[i]
						}
					}
				}
			case *ast.UnaryExpr:
				if lid, ok := ast.Unparen(n.X).(*ast.Ident); ok && c.pass.TypesInfo.Uses[lid] == v {
					count += 2 // &v: may be assigned anywhere
				}
			}
			return true
		})
	}
	if count != 1 || init == nil {
		return e
	}
	return init
}

// failsafeNoDelay returns the retry policy expression of a failsafe-go
// executor call (failsafe.With(policies...).Get(fn) and chains of
// Compose, WithContext and listeners) when that policy sets no delay.
func (c *checker) failsafeNoDelay(call *ast.CallExpr) ast.Expr {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	x := c.definition(sel.X)
	var policies []ast.Expr
	for {
		xc, ok := ast.Unparen(x).(*ast.CallExpr)
		if !ok {
			return nil
		}
		fn := c.callee(xc)
		if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != knowledge.Failsafe {
			return nil
		}
		if fn.Name() == "With" && httpreq.RecvName(fn) == "" {
			if xc.Ellipsis.IsValid() {
				return nil
			}
			policies = append(policies, xc.Args...)
			break
		}
		if httpreq.RecvName(fn) != "Executor" {
			return nil
		}
		if fn.Name() == "Compose" && len(xc.Args) == 1 {
			policies = append(policies, xc.Args[0])
		}
		s, ok := ast.Unparen(xc.Fun).(*ast.SelectorExpr)
		if !ok {
			return nil
		}
		x = c.definition(s.X)
	}
	for _, p := range policies {
		if c.policyHasNoDelay(c.definition(p)) {
			return p
		}
	}
	return nil
}

// policyHasNoDelay reports whether p is retrypolicy.NewWithDefaults[R]()
// or retrypolicy.NewBuilder[R]()...Build() with no delay method in the
// chain.
func (c *checker) policyHasNoDelay(p ast.Expr) bool {
	pc, ok := ast.Unparen(p).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := c.callee(pc)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != knowledge.FailsafeRetryPolicy {
		return false
	}
	if fn.Name() == "NewWithDefaults" && httpreq.RecvName(fn) == "" {
		return true
	}
	if fn.Name() != "Build" {
		return false
	}
	// Walk the builder chain down to NewBuilder.
	for x := pc; ; {
		s, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr)
		if !ok {
			// NewBuilder[R]() is an index expression or an identifier.
			f := c.callee(x)
			return f != nil && f.Name() == "NewBuilder" && f.Pkg() != nil && f.Pkg().Path() == knowledge.FailsafeRetryPolicy
		}
		f := c.callee(x)
		if f == nil || f.Pkg() == nil {
			return false
		}
		if f.Name() == "NewBuilder" && f.Pkg().Path() == knowledge.FailsafeRetryPolicy && httpreq.RecvName(f) == "" {
			return true
		}
		if slices.Contains(knowledge.FailsafeDelays, f.Name()) {
			return false
		}
		next, ok := ast.Unparen(s.X).(*ast.CallExpr)
		if !ok {
			if isPkgName(c.pass.TypesInfo, s.X) {
				return f.Name() == "NewBuilder" && f.Pkg().Path() == knowledge.FailsafeRetryPolicy
			}
			return false // a builder held in a variable: unknown
		}
		x = next
	}
}

func isPkgName(info *types.Info, e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	_, ok = info.Uses[id].(*types.PkgName)
	return ok
}
