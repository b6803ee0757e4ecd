package retryidempotency

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"iter"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"

	"github.com/transportvet/transportvet/internal/analysisdoc"
	"github.com/transportvet/transportvet/internal/code"
	"github.com/transportvet/transportvet/internal/fixpoint"
	"github.com/transportvet/transportvet/internal/httpreq"
	"github.com/transportvet/transportvet/internal/imports"
	"github.com/transportvet/transportvet/internal/index"
	"github.com/transportvet/transportvet/internal/knowledge"
	"github.com/transportvet/transportvet/internal/report"
	"github.com/transportvet/transportvet/passes/reqbuild"
	"github.com/transportvet/transportvet/passes/retry"
)

//go:embed doc.go
var doc string

// Analyzer is the retryidempotency check.
var Analyzer = &analysis.Analyzer{
	Name:      "retryidempotency",
	Doc:       analysisdoc.MustExtract(doc, "retryidempotency"),
	URL:       "https://github.com/transportvet/transportvet/blob/main/docs/retryidempotency.md",
	Requires:  []*analysis.Analyzer{inspect.Analyzer, index.Analyzer, retry.Analyzer, reqbuild.Analyzer},
	Run:       run,
	FactTypes: []analysis.Fact{new(SendsFact), new(ParamSendsFact), new(RetriesMethodFact)},
}

// checker holds the state of one pass.
type checker struct {
	pass    *analysis.Pass
	regions *retry.Result
	// builders are the request builders the package declares or calls.
	builders *reqbuild.Result
	// In-package facts, computed to a fixed point before reporting.
	sendFacts  map[*types.Func]*SendsFact
	paramFacts map[*types.Func]*ParamSendsFact
	coreFacts  map[*types.Func]*RetriesMethodFact
}

func run(pass *analysis.Pass) (any, error) {
	report.Directives(pass) // before any early return: see report.Directives
	if !httpreq.Relevant(pass.Pkg) {
		return nil, nil
	}
	c := &checker{
		pass:       pass,
		regions:    pass.ResultOf[retry.Analyzer].(*retry.Result),
		builders:   pass.ResultOf[reqbuild.Analyzer].(*reqbuild.Result),
		sendFacts:  make(map[*types.Func]*SendsFact),
		paramFacts: make(map[*types.Func]*ParamSendsFact),
		coreFacts:  make(map[*types.Func]*RetriesMethodFact),
	}
	x := pass.ResultOf[index.Analyzer].(*index.Index)
	// Facts: a function's facts follow from its body and the facts of the
	// functions it calls. Each function is analyzed in source order, and
	// again whenever a function it calls has gained a fact since: the
	// fixed point of re-analyzing every function until nothing changes,
	// in the same order, without the rounds over functions that nothing
	// changed for.
	infos := make(map[*ast.FuncDecl]*funcInfo)
	fixpoint.Sweeps(x.Funcs(), func(f *index.Func) []*index.Func { return x.Callers(f.Obj) }, func(f *index.Func) bool {
		fi := c.analyzeFunc(f)
		infos[f.Decl] = fi
		return c.learn(f, fi)
	})
	// Export only what another package can call.
	for fn, f := range c.sendFacts {
		if fn.Exported() {
			pass.ExportObjectFact(fn, f)
		}
	}
	for fn, f := range c.paramFacts {
		if fn.Exported() {
			pass.ExportObjectFact(fn, f)
		}
	}
	for fn, f := range c.coreFacts {
		if fn.Exported() {
			pass.ExportObjectFact(fn, f)
		}
	}
	r := report.New(pass)
	for _, f := range x.Funcs() {
		c.check(r, infos[f.Decl])
		c.checkFreshKeys(r, infos[f.Decl])
		c.checkCoreCalls(r, f)
	}
	c.checkTargets(r)
	return nil, nil
}

// learn derives the facts of fd from its sites; it reports whether a new
// fact was learned.
func (c *checker) learn(f *index.Func, fi *funcInfo) bool {
	fd := f.Decl
	fn, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
	if !ok || fi.setsKey {
		return false
	}
	changed := false
	if c.sendFacts[fn] == nil {
		for _, s := range fi.sites {
			if s.risky() {
				where := s.where
				if s.via == nil {
					where = c.where(s.call.Pos())
				}
				c.sendFacts[fn] = &SendsFact{Method: s.method, Where: where}
				changed = true
				break
			}
		}
	}
	if c.coreFacts[fn] == nil {
		if core := c.coreOf(f, fi); core != nil {
			c.coreFacts[fn] = core
			changed = true
		}
	}
	// Parameters sent as they come.
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil {
		return changed
	}
	var params []int
	where := ""
	for i := 0; i < sig.Params().Len(); i++ {
		p := sig.Params().At(i)
		st := fi.vars[p]
		if st == nil || !isRequestType(p.Type()) || len(st.sendCalls) == 0 {
			continue
		}
		if _, keyed, unsure, _ := fi.resolve(p, 0); keyed || unsure {
			continue
		}
		params = append(params, i)
		if where == "" {
			where = c.where(st.sendCalls[0].Pos())
		}
	}
	if len(params) > 0 {
		old := c.paramFacts[fn]
		if old == nil || len(old.Params) != len(params) {
			c.paramFacts[fn] = &ParamSendsFact{Params: params, Where: where}
			changed = true
		}
	}
	return changed
}

// sends returns the SendsFact of fn, from this package or imported.
func (c *checker) sends(fn *types.Func) *SendsFact {
	fn = fn.Origin()
	if f := c.sendFacts[fn]; f != nil {
		return f
	}
	if fn.Pkg() == c.pass.Pkg {
		return nil
	}
	var f SendsFact
	if c.pass.ImportObjectFact(fn, &f) {
		return &f
	}
	return nil
}

// paramFact returns the ParamSendsFact of fn, from this package or
// imported, or nil.
func (c *checker) paramFact(fn *types.Func) *ParamSendsFact {
	fn = fn.Origin()
	if f := c.paramFacts[fn]; f != nil || fn.Pkg() == c.pass.Pkg {
		return f
	}
	var imported ParamSendsFact
	if c.pass.ImportObjectFact(fn, &imported) {
		return &imported
	}
	return nil
}

// paramSends returns where fn sends its parameter i as it comes, or "".
func (c *checker) paramSends(fn *types.Func, i int) string {
	f := c.paramFact(fn)
	if f == nil {
		return ""
	}
	for _, p := range f.Params {
		if p == i {
			return f.Where
		}
	}
	return ""
}

// checkFreshKeys reports the idempotency keys of fi made anew in every
// attempt of a retry region: the key is meant to be the same for every
// retry of one operation.
func (c *checker) checkFreshKeys(r *report.Reporter, fi *funcInfo) {
	for _, set := range fi.keySets {
		reg := c.regions.Enclosing(set.Pos())
		if reg == nil || reg.Kind == retry.Client {
			continue
		}
		gen := fi.freshAt(set.Args[1], 0)
		if !gen.IsValid() || !reg.Repeats(gen) {
			continue
		}
		r.Report(analysis.Diagnostic{
			Pos: set.Args[1].Pos(),
			End: set.Args[1].End(),
			Message: fmt.Sprintf("idempotency key is made anew in every attempt of %s: the server takes each retry for a new operation and repeats its side effect; generate the key once, before the retries, and set the same one on every attempt",
				describe(reg)),
		})
	}
}

// check reports the risky sites of fi that a retry region repeats.
func (c *checker) check(r *report.Reporter, fi *funcInfo) {
	for _, s := range fi.sites {
		if !s.risky() {
			continue
		}
		reg := c.regions.Enclosing(s.call.Pos())
		if reg == nil || reg.Unsent || c.methodChecked(reg) {
			continue // no retry, or one after nothing was sent, or one that checks the method
		}
		d := analysis.Diagnostic{Pos: s.call.Pos(), End: s.call.End()}
		if s.via != nil {
			d.Message = fmt.Sprintf("%s sends a %s request (%s) without an Idempotency-Key header and is retried by %s: a retry after a timeout can repeat its side effect; set an Idempotency-Key header in it, generated once per operation",
				funcName(s.via), s.method, s.where, describe(reg))
		} else {
			d.Message = fmt.Sprintf("%s request is retried by %s without an Idempotency-Key header: a retry after a timeout can repeat its side effect; %s",
				s.method, describe(reg), advice(s, reg))
			if fix := c.fix(fi, s, reg); fix != nil {
				d.SuggestedFixes = []analysis.SuggestedFix{*fix}
			}
		}
		r.Report(d)
	}
}

// checkTargets reports retry callbacks that are functions of other
// packages with a SendsFact.
func (c *checker) checkTargets(r *report.Reporter) {
	for _, reg := range c.regions.Regions {
		if reg.Kind != retry.Callback || reg.Body != nil || reg.Target == nil {
			continue
		}
		f := c.sends(reg.Target)
		if f == nil || c.methodChecked(reg) {
			continue
		}
		r.Report(analysis.Diagnostic{
			Pos: reg.Call.Pos(),
			End: reg.Call.End(),
			Message: fmt.Sprintf("%s retries %s, which sends a %s request (%s) without an Idempotency-Key header: a retry after a timeout can repeat its side effect; set an Idempotency-Key header in it, generated once per operation",
				describe(reg), funcName(reg.Target), f.Method, f.Where),
		})
	}
}

// advice says what to do about site s in region reg.
func advice(s *site, reg *retry.Region) string {
	switch {
	case s.resty:
		return `set one with SetHeader("Idempotency-Key", key), the key generated once per operation`
	case reg.Kind == retry.Client && isAzure(reg):
		return "set the key header the service honours on req.Raw().Header (Repeatability-Request-ID and Repeatability-First-Sent for an Azure service that supports repeatable requests): the pipeline sends the same request on every try"
	case s.req == nil && reg.Kind == retry.Client:
		return "build the request with retryablehttp.NewRequest and set an Idempotency-Key header on it"
	case s.req == nil:
		return "build the request with http.NewRequest and set an Idempotency-Key header, generated once before the retries"
	case reg.Kind == retry.Client:
		return "set an Idempotency-Key header on it: the client sends the same request on every attempt"
	}
	return "generate one key before the retries and set it on every attempt"
}

// describe names what retries region reg.
func describe(reg *retry.Region) string {
	switch reg.Kind {
	case retry.Loop:
		return "this loop"
	case retry.Callback:
		return funcName(reg.API)
	case retry.Client:
		if reg.API != nil && reg.API.Pkg() != nil && reg.API.Pkg().Path() == knowledge.Resty {
			return "resty (SetRetryCount on its client)"
		}
		if isAzure(reg) {
			return "the Azure SDK pipeline (its retry policy retries every method by default)"
		}
		return "go-retryablehttp (it retries every method by default)"
	}
	return "a retry"
}

// isAzure reports whether reg is a send through an Azure SDK pipeline.
func isAzure(reg *retry.Region) bool {
	return reg.API != nil && reg.API.Pkg() != nil && reg.API.Pkg().Path() == knowledge.AzcoreExported
}

// funcName returns pkg.Func or pkg.Type.Method.
func funcName(fn *types.Func) string {
	if fn == nil {
		return "?"
	}
	name := fn.Name()
	if typ := httpreq.RecvName(fn); typ != "" {
		name = typ + "." + name
	}
	if fn.Pkg() != nil {
		name = fn.Pkg().Name() + "." + name
	}
	return name
}

// methodChecked reports whether the retry visibly checks the request
// method: a comparison or switch on a request's Method field, or a bool
// function of it, in the loop, in the retry API call (its callback and
// options), or, for retrying clients, in a CheckRetry or retry condition
// function of the package.
func (c *checker) methodChecked(reg *retry.Region) bool {
	switch reg.Kind {
	case retry.Loop:
		return c.checksMethod(reg.Node)
	case retry.Callback:
		return c.checksMethod(reg.Call) || (reg.Body != nil && c.checksMethod(reg.Body))
	case retry.Client:
		return c.predicateChecksMethod(reg.API)
	}
	return false
}

// checksMethod reports whether n compares or tests a request's Method.
func (c *checker) checksMethod(n ast.Node) bool {
	if n == nil || reflect.ValueOf(n).IsNil() {
		return false
	}
	info := c.pass.TypesInfo
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if found {
			return false
		}
		switch m := m.(type) {
		case *ast.BinaryExpr:
			found = c.isMethodField(m.X) || c.isMethodField(m.Y)
		case *ast.SwitchStmt:
			found = m.Tag != nil && c.isMethodField(m.Tag)
		case *ast.CallExpr:
			if tv, ok := info.Types[m]; ok && tv.Type != nil && types.Identical(tv.Type, types.Typ[types.Bool]) {
				for _, a := range m.Args {
					if c.isMethodField(a) {
						found = true
					}
				}
			}
		}
		return !found
	})
	return found
}

// isMethodField reports whether e reads the Method field of a request.
func (c *checker) isMethodField(e ast.Expr) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Method" {
		return false
	}
	s, ok := c.pass.TypesInfo.Selections[sel]
	if !ok || s.Kind() != types.FieldVal {
		return false
	}
	return isRequestType(s.Recv())
}

// predicateChecksMethod reports whether a retry predicate for the client
// of send (go-retryablehttp's CheckRetry, resty's RetryConditionFunc)
// declared in this package checks the request method.
func (c *checker) predicateChecksMethod(send *types.Func) bool {
	if send == nil || send.Pkg() == nil {
		return false
	}
	pkg := send.Pkg().Path()
	if pkg == knowledge.NetHTTP { // StandardClient of a retryablehttp.Client
		pkg = knowledge.Retryable
	}
	var pred string
	switch pkg {
	case knowledge.Retryable:
		pred = "CheckRetry"
	case knowledge.Resty:
		pred = "RetryConditionFunc"
	default:
		return false
	}
	var want types.Type
	if obj := imports.TypeName(c.pass.Pkg, pkg, pred); obj != nil {
		want = obj.Type().Underlying()
	}
	if want == nil {
		return false
	}
	info := c.pass.TypesInfo
	for _, f := range c.pass.Files {
		found := false
		ast.Inspect(f, func(n ast.Node) bool {
			var body *ast.BlockStmt
			var typ types.Type
			switch n := n.(type) {
			case *ast.FuncLit:
				body = n.Body
				if tv, ok := info.Types[n]; ok {
					typ = tv.Type
				}
			case *ast.FuncDecl:
				body = n.Body
				if obj := info.Defs[n.Name]; obj != nil && n.Recv == nil {
					typ = obj.Type()
				}
			}
			if body != nil && typ != nil && types.Identical(typ.Underlying(), want) && c.checksMethod(body) {
				found = true
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// coreOf returns the RetriesMethodFact of fd when it is a request core: a
// send of a request whose method is a parameter (see methodParam) in a
// retry region that checks no method and may repeat a side effect, or a
// call passing a parameter as the method of another core.
func (c *checker) coreOf(f *index.Func, fi *funcInfo) *RetriesMethodFact {
	fd := f.Decl
	for _, s := range fi.sites {
		if s.req == nil || s.via != nil {
			continue
		}
		p := fi.methodParam(s.req)
		if p < 0 {
			continue
		}
		reg := c.regions.Enclosing(s.call.Pos())
		if reg == nil || reg.Unsent || c.methodChecked(reg) || c.compares(reg.Body, fd, p) {
			continue
		}
		return &RetriesMethodFact{Param: p, Where: c.where(s.call.Pos()), By: describe(reg)}
	}
	// A wrapper: c.post(ctx, path) is core(ctx, method, path).
	for call, core := range c.coreCalls(f) {
		if p := fi.paramIndex(call.Expr.Args[core.Param]); p >= 0 {
			return &RetriesMethodFact{Param: p, Where: core.Where, By: core.By}
		}
	}
	return nil
}

// core returns the RetriesMethodFact of fn, from this package or
// imported, or nil.
func (c *checker) core(fn *types.Func) *RetriesMethodFact {
	fn = fn.Origin()
	if f := c.coreFacts[fn]; f != nil || fn.Pkg() == c.pass.Pkg {
		return f
	}
	var f RetriesMethodFact
	if c.pass.ImportObjectFact(fn, &f) {
		return &f
	}
	return nil
}

// coreCalls yields the calls in f of request cores (functions with a
// RetriesMethodFact) that pass the core's method argument, with the
// core's fact.
func (c *checker) coreCalls(f *index.Func) iter.Seq2[index.Call, *RetriesMethodFact] {
	return func(yield func(index.Call, *RetriesMethodFact) bool) {
		for _, call := range f.Calls {
			if call.Callee == nil {
				continue
			}
			core := c.core(call.Callee)
			if core == nil || core.Param >= len(call.Expr.Args) {
				continue
			}
			if !yield(call, core) {
				return
			}
		}
	}
}

// checkCoreCalls reports the calls in f of request cores with a constant
// method that is not idempotent.
func (c *checker) checkCoreCalls(r *report.Reporter, f *index.Func) {
	info := c.pass.TypesInfo
	for call, core := range c.coreCalls(f) {
		m, ok := httpreq.ConstMethod(info, call.Expr.Args[core.Param])
		if !ok || !httpreq.NonIdempotent(m) {
			continue
		}
		r.Report(analysis.Diagnostic{
			Pos: call.Expr.Pos(),
			End: call.Expr.End(),
			Message: fmt.Sprintf("%s retries the %s request it builds (%s, %s) without an Idempotency-Key header: a retry after a timeout can repeat its side effect; set an Idempotency-Key header in it, generated once per operation",
				funcName(call.Callee), m, core.Where, core.By),
		})
	}
}

// compares reports whether n compares, or switches on, fd's parameter p
// (if method != http.MethodGet { return }): the retry looks at the
// method.
func (c *checker) compares(n ast.Node, fd *ast.FuncDecl, p int) bool {
	info := c.pass.TypesInfo
	fn, _ := info.Defs[fd.Name].(*types.Func)
	if n == nil || fn == nil {
		return false
	}
	v := fn.Type().(*types.Signature).Params().At(p)
	is := func(e ast.Expr) bool { return code.IdentVar(info, e) == v }
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.BinaryExpr:
			if (m.Op == token.EQL || m.Op == token.NEQ) && (is(m.X) || is(m.Y)) {
				found = true
			}
		case *ast.SwitchStmt:
			if m.Tag != nil && is(m.Tag) {
				found = true
			}
		case *ast.CallExpr:
			for _, a := range m.Args {
				if is(a) && isBoolCall(info, m) {
					found = true // idempotent(method)
				}
			}
		}
		return !found
	})
	return found
}

func isBoolCall(info *types.Info, call *ast.CallExpr) bool {
	t := info.TypeOf(call)
	b, ok := t.(*types.Basic)
	return ok && b.Kind() == types.Bool || ok && b.Kind() == types.UntypedBool
}
