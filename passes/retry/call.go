package retry

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"github.com/transportvet/transportvet/internal/httpreq"
	"github.com/transportvet/transportvet/internal/imports"
	"github.com/transportvet/transportvet/internal/knowledge"
)

// call looks for a Callback or Client region at call, inside function fn.
func (c *collector) call(call *ast.CallExpr, fn ast.Node) {
	callee := httpreq.Callee(c.pass.TypesInfo, call)
	if callee == nil {
		return
	}
	if api, arg := c.retryAPI(callee); arg >= 0 {
		if api != nil && api.RetryPolicy && !c.retryExecutor(call, 0) {
			return
		}
		if arg >= len(call.Args) {
			return
		}
		node, body, target := c.callback(call.Args[arg], 0)
		if node == nil && target == nil {
			// Retrying a parameter of the enclosing function makes that
			// function a retry helper.
			if decl, ok := fn.(*ast.FuncDecl); ok {
				c.retriedParams = append(c.retriedParams, retriedParam{decl, call.Args[arg]})
			}
			return
		}
		reg := &Region{Kind: Callback, Func: fn, Call: call, API: callee, Target: target, Entry: api}
		if body != nil {
			reg.Node, reg.Body = node, body
		}
		c.regions = append(c.regions, reg)
		return
	}
	if c.retryingSend(call, callee) {
		c.regions = append(c.regions, &Region{Kind: Client, Node: call, Func: fn, Call: call, API: callee})
	}
}

// retryAPI returns the table entry (nil for a -funcs entry) and retried
// argument index of fn, or -1.
func (c *collector) retryAPI(fn *types.Func) (*knowledge.RetryAPI, int) {
	a, ok := c.apis[fn]
	if !ok {
		a = c.staticAPI(fn)
		c.apis[fn] = a
	}
	if a.notRetry {
		return nil, -1
	}
	if a.entry != nil {
		return a.entry, a.arg
	}
	if arg, ok := c.helpers[fn.Origin()]; ok {
		return nil, arg
	}
	return nil, a.arg
}

// apiInfo is what retryAPI learns of a function that does not change while
// the package's own retry helpers are found: whether it is never a retry,
// its knowledge.RetryAPIs entry, or the index from a HelperFact or -funcs.
type apiInfo struct {
	notRetry bool
	entry    *knowledge.RetryAPI
	arg      int
}

func (c *collector) staticAPI(fn *types.Func) apiInfo {
	if knowledge.IsNotRetry(fn) {
		return apiInfo{notRetry: true, arg: -1}
	}
	if a := knowledge.RetryAPIOf(fn); a != nil {
		return apiInfo{entry: a, arg: a.Arg}
	}
	origin := fn.Origin()
	if origin.Pkg() != nil && origin.Pkg() != c.pass.Pkg {
		var f HelperFact
		if c.pass.ImportObjectFact(origin, &f) {
			return apiInfo{arg: f.Arg}
		}
	}
	if len(c.cfg.funcs.specs) > 0 {
		named := fn
		if o := fn.Origin(); o != nil && o != fn {
			named = o
		}
		for _, s := range c.cfg.funcs.specs {
			if s.is(named) {
				return apiInfo{arg: s.arg}
			}
		}
	}
	return apiInfo{arg: -1}
}

// callback resolves the retried function argument e: a function literal,
// possibly through a conversion or a local variable assigned once, or a
// named function or method value. It returns the literal or declaration
// and its body (when declared in this package), and the named function.
func (c *collector) callback(e ast.Expr, depth int) (ast.Node, *ast.BlockStmt, *types.Func) {
	info := c.pass.TypesInfo
	// A variable, not a field: a field's value is not followed.
	e, depth = c.resolve(e, depth, func(e ast.Expr) *types.Var {
		if v := c.varOf(e); v != nil && !v.IsField() {
			return v
		}
		return nil
	})
	switch x := e.(type) {
	case *ast.FuncLit:
		return x, x.Body, nil
	case *ast.CallExpr:
		if tv, ok := info.Types[x.Fun]; ok && tv.IsType() && len(x.Args) == 1 {
			return c.callback(x.Args[0], depth+1)
		}
		return nil, nil, nil
	case *ast.IndexExpr, *ast.IndexListExpr: // an instantiated generic function
		var base ast.Expr
		if ix, ok := x.(*ast.IndexExpr); ok {
			base = ix.X
		} else {
			base = x.(*ast.IndexListExpr).X
		}
		return c.callback(base, depth+1)
	}
	var obj types.Object
	switch x := e.(type) {
	case *ast.Ident:
		obj = info.Uses[x]
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[x]; ok {
			if sel.Kind() != types.MethodVal {
				return nil, nil, nil
			}
			obj = sel.Obj()
		} else {
			obj = info.Uses[x.Sel]
		}
	}
	if fn, ok := obj.(*types.Func); ok {
		fn = fn.Origin()
		if decl := c.decl(fn); decl != nil {
			return decl, decl.Body, fn
		}
		return nil, nil, fn
	}
	return nil, nil, nil
}

// retryExecutor reports whether the receiver of call, a failsafe-go
// Executor method, was built by failsafe.With with a retry policy.
func (c *collector) retryExecutor(call *ast.CallExpr, depth int) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	return c.executorRetries(sel.X, depth)
}

func (c *collector) executorRetries(e ast.Expr, depth int) bool {
	e, depth = c.resolve(e, depth, c.identVar)
	x, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := httpreq.Callee(c.pass.TypesInfo, x)
	switch {
	case httpreq.Is(fn, knowledge.Failsafe, "", "With"):
		return slices.ContainsFunc(x.Args, c.isRetryPolicy)
	case knowledge.ExecutorBuilders.Has(fn):
		if fn.Name() == "Compose" && slices.ContainsFunc(x.Args, c.isRetryPolicy) {
			return true
		}
		return c.retryExecutor(x, depth+1)
	}
	return false
}

// isRetryPolicy reports whether e's type is a failsafe-go RetryPolicy.
func (c *collector) isRetryPolicy(e ast.Expr) bool {
	tv, ok := c.pass.TypesInfo.Types[e]
	if !ok || tv.Type == nil {
		return false
	}
	n, ok := types.Unalias(tv.Type).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == knowledge.FailsafeRetryPolicy && n.Obj().Name() == "RetryPolicy"
}

// retryingSend reports whether call sends through a client that retries by
// itself: go-retryablehttp's sends, an *http.Client made by its
// StandardClient, an Azure SDK pipeline, or a resty request whose client
// has SetRetryCount(n > 0).
func (c *collector) retryingSend(call *ast.CallExpr, fn *types.Func) bool {
	s := knowledge.SendOf(fn)
	if s == nil {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if s.Retries {
		switch {
		case !ok:
			return true
		case s.Pkg == knowledge.AzcoreExported:
			return !c.pipelineRetriesOff(sel.X, 0)
		}
		// A client whose RetryMax is set to 0 does not retry.
		return !(s.Type == "Client" && c.retriesOff(sel.X))
	}
	if !ok {
		return false
	}
	switch s.Pkg {
	case knowledge.NetHTTP:
		return s.Type == "Client" && c.standardClient(sel.X, 0)
	case knowledge.Resty:
		return c.restyRequestRetries(sel.X, 0)
	}
	return false
}

// standardClient reports whether e is an *http.Client made by
// go-retryablehttp's (*Client).StandardClient.
func (c *collector) standardClient(e ast.Expr, depth int) bool {
	if depth > maxDepth {
		return false
	}
	info := c.pass.TypesInfo
	switch x := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr)
		return ok && httpreq.Is(httpreq.Callee(info, x), knowledge.Retryable, "Client", "StandardClient") && !c.retriesOff(sel.X)
	case *ast.Ident, *ast.SelectorExpr:
		// A variable or field that the package sets to such a client on
		// some path (godo's New, when retries are configured), or a
		// parameter that a call of its function passes one to
		// (DoRequestWithClient(ctx, c.HTTPClient, req)): the send may
		// retry.
		v := c.varOf(x)
		if v == nil || !c.seesRetryable() {
			return false
		}
		for _, w := range c.funcs.Writes(v) {
			if val := w.Value(); val != nil && c.standardClient(val, depth+1) {
				return true
			}
		}
		ix := c.index()
		if p, ok := ix.params[v]; ok {
			for _, call := range ix.calls[p.fn] {
				if p.i < len(call.Args) && !call.Ellipsis.IsValid() && c.standardClient(call.Args[p.i], depth+1) {
					return true
				}
			}
		}
	}
	return false
}

// seesRetryable reports whether the package imports go-retryablehttp,
// directly or not: only then can it call StandardClient, and
// standardClient need not index the package to know that it does not.
func (c *collector) seesRetryable() bool {
	if c.retryable == 0 {
		c.retryable = -1
		if imports.Any(c.pass.Pkg, knowledge.Retryable) {
			c.retryable = 1
		}
	}
	return c.retryable > 0
}

// pipelineRetriesOff reports whether the Azure SDK pipeline e was made by
// runtime.NewPipeline with client options whose Retry.MaxRetries is a
// constant below zero ("one try and no retries", policy.RetryOptions): in
// the call itself, or in the only value of the variable or field that
// holds the pipeline or the options. Any other pipeline retries: the retry
// policy is always added, with 3 retries by default.
func (c *collector) pipelineRetriesOff(e ast.Expr, depth int) bool {
	e, depth = c.resolve(e, depth, c.varOf)
	x, ok := e.(*ast.CallExpr)
	return ok && httpreq.Is(httpreq.Callee(c.pass.TypesInfo, x), knowledge.AzcoreRuntime, "", "NewPipeline") &&
		len(x.Args) == 4 && c.retryOptionsOff(x.Args[3], depth+1)
}

// retryOptionsOff reports whether e, the *policy.ClientOptions argument of
// runtime.NewPipeline, is a literal (or the only value of a variable)
// whose Retry field is a policy.RetryOptions literal with a constant
// MaxRetries below zero. Options held in a variable count only when no
// field of the variable is written (opts.Retry.MaxRetries = n after the
// literal) nor addressed.
func (c *collector) retryOptionsOff(e ast.Expr, depth int) bool {
	info := c.pass.TypesInfo
	e, depth = c.resolve(e, depth, func(e ast.Expr) *types.Var {
		// Asked only of a variable with a value: it walks the package.
		if v := c.identVar(e); v != nil && c.value(v) != nil && !c.fieldsWritten(v) {
			return v
		}
		return nil
	})
	switch x := e.(type) {
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return c.retryOptionsOff(x.X, depth+1)
		}
	case *ast.CompositeLit:
		if !httpreq.IsNamed(info.TypeOf(x), knowledge.AzcorePolicy, "ClientOptions") {
			return false
		}
		retry, ok := ast.Unparen(fieldValue(x, "Retry")).(*ast.CompositeLit)
		if !ok || !httpreq.IsNamed(info.TypeOf(retry), knowledge.AzcorePolicy, "RetryOptions") {
			return false
		}
		n := fieldValue(retry, "MaxRetries")
		if n == nil {
			return false
		}
		tv, ok := info.Types[n]
		return ok && tv.Value != nil && constant.Sign(tv.Value) < 0
	}
	return false
}

// fieldsWritten reports whether a field of variable v (v.f, v.f.g) is
// assigned, incremented or addressed in a function of the package.
func (c *collector) fieldsWritten(v *types.Var) bool {
	info := c.pass.TypesInfo
	ofV := func(e ast.Expr) bool {
		sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
		for ok {
			if id, isID := ast.Unparen(sel.X).(*ast.Ident); isID {
				return info.Uses[id] == v
			}
			sel, ok = ast.Unparen(sel.X).(*ast.SelectorExpr)
		}
		return false
	}
	for _, f := range c.funcs.Funcs() {
		decl := f.Decl
		if f.Obj == nil {
			continue
		}
		if v.Parent() != c.pass.Pkg.Scope() && (v.Pos() < decl.Pos() || v.Pos() >= decl.End()) {
			continue // a local of another function
		}
		found := false
		ast.Inspect(decl.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				found = found || slices.ContainsFunc(n.Lhs, ofV)
			case *ast.IncDecStmt:
				found = found || ofV(n.X)
			case *ast.UnaryExpr:
				found = found || n.Op == token.AND && ofV(n.X)
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// fieldValue returns the value of field name in the keyed struct literal
// lit, or nil.
func fieldValue(lit *ast.CompositeLit, name string) ast.Expr {
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == name {
				return kv.Value
			}
		}
	}
	return nil
}

// restyRequestRetries reports whether the resty request e comes from a
// client with retries on.
func (c *collector) restyRequestRetries(e ast.Expr, depth int) bool {
	e, depth = c.resolve(e, depth, c.identVar)
	x, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := httpreq.Callee(c.pass.TypesInfo, x)
	if fn == nil {
		return false
	}
	if sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr); ok {
		switch {
		case httpreq.Is(fn, knowledge.Resty, "Client", "R"), httpreq.Is(fn, knowledge.Resty, "Client", "NewRequest"):
			return c.restyClientRetries(sel.X, depth+1)
		case httpreq.RecvName(fn) == "Request" && fn.Pkg() != nil && fn.Pkg().Path() == knowledge.Resty && returnsSelf(fn):
			return c.restyRequestRetries(sel.X, depth+1)
		}
	}
	// linodego's func (c *Client) R(ctx) *resty.Request { return
	// c.resty.R().SetContext(ctx) }: a function of the package whose
	// every return is such a request.
	if decl := c.decl(fn.Origin()); decl != nil {
		return c.returnsAll(decl, func(e ast.Expr) bool { return c.restyRequestRetries(e, depth+1) })
	}
	return false
}

// restyClientRetries reports whether the resty client e has
// SetRetryCount(n) with a constant n > 0: in its construction chain, or
// called on the variable or field that holds it (and never with 0).
func (c *collector) restyClientRetries(e ast.Expr, depth int) bool {
	info := c.pass.TypesInfo
	// A variable or field on which the package calls SetRetryCount is
	// decided by those calls, not followed to its value.
	e, depth = c.resolve(e, depth, func(e ast.Expr) *types.Var {
		if v := c.varOf(e); v != nil && len(c.index().retryCounts[v]) == 0 {
			return v
		}
		return nil
	})
	switch x := e.(type) {
	case *ast.CallExpr:
		fn := httpreq.Callee(info, x)
		sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr)
		if fn == nil || !ok {
			return false
		}
		if httpreq.Is(fn, knowledge.Resty, "Client", "SetRetryCount") && len(x.Args) == 1 {
			return c.positive(x.Args[0])
		}
		if httpreq.RecvName(fn) == "Client" && fn.Pkg() != nil && fn.Pkg().Path() == knowledge.Resty && returnsSelf(fn) {
			return c.restyClientRetries(sel.X, depth+1)
		}
		return false
	}
	v := c.varOf(e)
	if v == nil {
		return false
	}
	// The package turns retries on with a constant count (linodego's
	// configureRetries, run by NewClient) and never off with a constant
	// 0; a count from a parameter is its caller's choice.
	counts := c.index().retryCounts[v]
	return slices.ContainsFunc(counts, c.positive) && !slices.ContainsFunc(counts, c.notPositive)
}

// positive reports whether e is a constant greater than zero.
func (c *collector) positive(e ast.Expr) bool {
	tv, ok := c.pass.TypesInfo.Types[e]
	if !ok || tv.Value == nil {
		return false
	}
	return constant.Sign(tv.Value) > 0
}

// notPositive reports whether e is a constant zero or less.
func (c *collector) notPositive(e ast.Expr) bool {
	tv, ok := c.pass.TypesInfo.Types[e]
	return ok && tv.Value != nil && constant.Sign(tv.Value) <= 0
}

// returnsAll reports whether decl returns, and the first result of every
// return statement in it (outside function literals) satisfies is.
func (c *collector) returnsAll(decl *ast.FuncDecl, is func(ast.Expr) bool) bool {
	if decl.Body == nil {
		return false
	}
	n, all := 0, true
	ast.Inspect(decl.Body, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			n++
			all = all && len(m.Results) > 0 && is(m.Results[0])
		}
		return all
	})
	return n > 0 && all
}

// returnsSelf reports whether method fn returns exactly its receiver's
// type (a builder method such as SetBody or SetTimeout).
func returnsSelf(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil || sig.Results().Len() != 1 {
		return false
	}
	return types.Identical(sig.Results().At(0).Type(), sig.Recv().Type())
}
