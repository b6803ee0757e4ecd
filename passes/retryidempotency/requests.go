package retryidempotency

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"

	"github.com/transportvet/transportvet/internal/code"
	"github.com/transportvet/transportvet/internal/httpreq"
	"github.com/transportvet/transportvet/internal/index"
	"github.com/transportvet/transportvet/internal/knowledge"
)

// A site is a send of a request, or a call to a function that sends one.
type site struct {
	call   *ast.CallExpr
	method string // upper case; "" when unknown
	keyed  bool   // an idempotency key is set on the request
	unsure bool   // the request escapes, or its method is not a constant
	// req is the request variable, built by a constructor in this
	// function when built is true (the fix needs both).
	req   *types.Var
	built bool
	// via is the function called, for a send through a function with a
	// fact; where is the position of the send it makes.
	via   *types.Func
	where string
	resty bool
}

// risky reports whether the site sends a non-idempotent request without a
// key, as far as the code proves.
func (s *site) risky() bool {
	return !s.unsure && !s.keyed && httpreq.NonIdempotent(s.method)
}

// reqState is what a function does with one request variable.
type reqState struct {
	methods   []string // methods from constructors ("" = not constant)
	assigned  []string // methods from Method assignments ("" = not constant)
	derived   []*types.Var
	unknown   bool // assigned from something that is neither a constructor nor a copy
	keyed     bool
	escaped   bool
	built     bool
	sendCalls []*ast.CallExpr
	// methodParams are the parameters of the function that constructors
	// take the method from (c.do(ctx, method, path): req, err :=
	// http.NewRequest(method, ...)).
	methodParams []int
}

// funcInfo tracks the requests of one function declaration, including the
// function literals in it.
type funcInfo struct {
	c       *checker
	decl    *ast.FuncDecl
	vars    map[*types.Var]*reqState
	setsKey bool
	sites   []*site
	// keySets are the req.Header.Set(key, value) calls that set an
	// idempotency key.
	keySets []*ast.CallExpr
	// keys are the keys the fixes of the function set, by operation,
	// chosen in site order so that two operations never get one name.
	keys map[operation]keyChoice
}

// analyzeFunc tracks the requests of f when it calls a send: a function
// with no send has no site and sends none of its parameters.
func (c *checker) analyzeFunc(f *index.Func) *funcInfo {
	fi := &funcInfo{c: c, decl: f.Decl, vars: make(map[*types.Var]*reqState)}
	var sends []*ast.CallExpr
	for _, call := range f.Calls {
		if c.isSend(call.Callee) {
			sends = append(sends, call.Expr)
		}
	}
	if len(sends) == 0 {
		return fi
	}
	fi.scan()
	fi.collectSites(sends)
	return fi
}

// isSend reports whether a call of fn sends a request: a send of
// httpreq's table, a call of a function with a SendsFact, or a call passing
// a request to a parameter that a function sends as it comes.
func (c *checker) isSend(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	return knowledge.SendOf(fn) != nil || c.sends(fn) != nil || c.paramFact(fn) != nil
}

func (fi *funcInfo) state(v *types.Var) *reqState {
	st := fi.vars[v]
	if st == nil {
		st = new(reqState)
		fi.vars[v] = st
	}
	return st
}

// isRequestType reports whether t is a request of net/http,
// go-retryablehttp, resty or azcore (or a pointer to one).
func isRequestType(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Name() != "Request" {
		return false
	}
	switch n.Obj().Pkg().Path() {
	case knowledge.NetHTTP, knowledge.Retryable, knowledge.Resty, knowledge.AzcoreExported:
		return true
	}
	return false
}

// scan records, for each request variable, how it is built, changed,
// keyed and used.
func (fi *funcInfo) scan() {
	info := fi.c.pass.TypesInfo
	var stack []ast.Node
	ast.Inspect(fi.decl, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		switch n := n.(type) {
		case *ast.AssignStmt:
			fi.assign(n)
		case *ast.Ident:
			v, ok := info.Uses[n].(*types.Var)
			if !ok || !isRequestType(v.Type()) || v.IsField() {
				return true
			}
			fi.use(v, stack)
		}
		return true
	})
}

// assign records the writes of a request variable.
func (fi *funcInfo) assign(as *ast.AssignStmt) {
	info := fi.c.pass.TypesInfo
	for i, lhs := range as.Lhs {
		v := code.IdentVar(info, lhs)
		if v == nil || !isRequestType(v.Type()) {
			continue
		}
		var rhs ast.Expr
		switch {
		case len(as.Lhs) == len(as.Rhs):
			rhs = as.Rhs[i]
		case len(as.Rhs) == 1 && i == 0:
			rhs = as.Rhs[0] // req, err := http.NewRequest(...)
		}
		fi.write(v, rhs)
	}
}

func (fi *funcInfo) write(v *types.Var, rhs ast.Expr) {
	info := fi.c.pass.TypesInfo
	st := fi.state(v)
	call, ok := ast.Unparen(rhs).(*ast.CallExpr)
	if !ok {
		st.unknown = true
		return
	}
	ctor, keyed := fi.c.builders.Constructor(info, call)
	if keyed {
		st.keyed = true // c.newRequest sets the key itself
	}
	switch {
	case ctor == nil:
		if fi.restyBuilder(call) {
			fi.restyWrite(v, call, st)
			return
		}
		st.unknown = true
	case ctor.From != knowledge.None:
		from := ast.Unparen(httpreq.Arg(call, ctor.From))
		if id, ok := from.(*ast.Ident); ok {
			if u, ok := info.Uses[id].(*types.Var); ok && u != v {
				st.derived = append(st.derived, u)
				return
			} else if ok && u == v {
				return // req = req.WithContext(ctx)
			}
		}
		st.unknown = true
	case ctor.Method != "":
		// A request builder that fixes the method (Azure's
		// createXRequest).
		st.methods = append(st.methods, ctor.Method)
		st.built = true
	case ctor.MethodArg != knowledge.None:
		arg := httpreq.Arg(call, ctor.MethodArg)
		m, ok := httpreq.ConstMethod(info, arg)
		if !ok {
			m = ""
			if p := fi.paramIndex(arg); p >= 0 {
				st.methodParams = append(st.methodParams, p)
			}
		}
		st.methods = append(st.methods, m)
		st.built = true
	default:
		// resty's Client.R(): the method comes with the send.
		fi.restyClientKeys(call, st)
		st.built = true
	}
}

// restyWrite records r := c.R().SetBody(x)...: the keys set along the
// chain, and where the request comes from.
func (fi *funcInfo) restyWrite(v *types.Var, call *ast.CallExpr, st *reqState) {
	info := fi.c.pass.TypesInfo
	var e ast.Expr = call
	for depth := 0; depth < 16; depth++ {
		switch x := ast.Unparen(e).(type) {
		case *ast.CallExpr:
			if fi.keyCall(x) {
				st.keyed = true
				fi.setsKey = true
			}
			if httpreq.ConstructorCall(info, x) != nil {
				fi.restyClientKeys(x, st)
				st.built = true
				return
			}
			sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr)
			if !ok || !fi.restyBuilder(x) {
				st.unknown = true
				return
			}
			e = sel.X
		case *ast.Ident:
			if u, ok := info.Uses[x].(*types.Var); ok && u != v {
				st.derived = append(st.derived, u)
			}
			return
		default:
			st.unknown = true
			return
		}
	}
	st.unknown = true
}

// restyBuilder reports whether call is a resty Request method returning
// its receiver (SetBody, SetHeader...).
func (fi *funcInfo) restyBuilder(call *ast.CallExpr) bool {
	fn := httpreq.Callee(fi.c.pass.TypesInfo, call)
	return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == knowledge.Resty &&
		httpreq.RecvName(fn) == "Request" && returnsSelf(fn)
}

func returnsSelf(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil || sig.Results().Len() != 1 {
		return false
	}
	return types.Identical(sig.Results().At(0).Type(), sig.Recv().Type())
}

// restyClientKeys marks st keyed when the resty client of call (R or
// NewRequest) sets an idempotency key header in its construction chain.
func (fi *funcInfo) restyClientKeys(call *ast.CallExpr, st *reqState) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	for e := sel.X; ; {
		c, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			return
		}
		if fi.keyCall(c) {
			st.keyed = true
			return
		}
		s, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr)
		if !ok {
			return
		}
		e = s.X
	}
}

// keyCall reports whether call sets an idempotency key: resty's
// SetHeader(key, v) or SetHeaders(map literal with key).
func (fi *funcInfo) keyCall(call *ast.CallExpr) bool {
	info := fi.c.pass.TypesInfo
	fn := httpreq.Callee(info, call)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != knowledge.Resty {
		return false
	}
	switch fn.Name() {
	case "SetHeader":
		return len(call.Args) == 2 && fi.isKey(call.Args[0], false)
	case "SetHeaders":
		return len(call.Args) == 1 && fi.litHasKey(call.Args[0], false)
	}
	return false
}

// isKey reports whether e is a constant idempotency key header name: in
// any casing, or, when canonical is set, exactly canonical (a direct map
// write bypasses canonicalization).
func (fi *funcInfo) isKey(e ast.Expr, canonical bool) bool {
	tv, ok := fi.c.pass.TypesInfo.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return false
	}
	name := constant.StringVal(tv.Value)
	if canonical {
		return httpreq.IsCanonicalIdempotencyKey(name)
	}
	return httpreq.IsIdempotencyKey(name)
}

// litHasKey reports whether e is a composite literal with an idempotency
// key among its keys.
func (fi *funcInfo) litHasKey(e ast.Expr, canonical bool) bool {
	lit, ok := ast.Unparen(e).(*ast.CompositeLit)
	if !ok {
		return false
	}
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok && fi.isKey(kv.Key, canonical) {
			return true
		}
	}
	return false
}

// use classifies one use of request variable v; stack ends with its
// identifier.
func (fi *funcInfo) use(v *types.Var, stack []ast.Node) {
	info := fi.c.pass.TypesInfo
	st := fi.state(v)
	i := len(stack) - 1
	child := stack[i]
	parent := stack[i-1]
	// req.Request.Header... on a retryablehttp.Request: the embedded
	// *http.Request is the same request; so is req.Raw() on an azcore
	// request (httpreq.RawOf).
	if sel, ok := parent.(*ast.SelectorExpr); ok && sel.X == child && sel.Sel.Name == "Request" && i >= 2 {
		if s, ok := info.Selections[sel]; ok && s.Kind() == types.FieldVal {
			i--
			child, parent = stack[i], stack[i-1]
		}
	}
	if i >= 3 {
		if call, ok := stack[i-2].(*ast.CallExpr); ok && call.Fun == parent && httpreq.RawOf(info, call) == child {
			i -= 2
			child, parent = stack[i], stack[i-1]
		}
	}
	at := func(k int) ast.Node {
		if k >= 0 && k < len(stack) {
			return stack[k]
		}
		return nil
	}
	switch p := parent.(type) {
	case *ast.SelectorExpr:
		if p.X != child {
			return
		}
		gp := at(i - 2)
		if s, ok := info.Selections[p]; ok && s.Kind() == types.MethodVal {
			call, ok := gp.(*ast.CallExpr)
			if !ok || call.Fun != p {
				st.escaped = true // a method value
				return
			}
			if fi.keyCall(call) {
				st.keyed = true
				fi.setsKey = true
			}
			return
		}
		switch p.Sel.Name {
		case "Header":
			fi.headerUse(st, stack, i-1)
		case "Method":
			if as, ok := gp.(*ast.AssignStmt); ok {
				for k, lhs := range as.Lhs {
					if lhs == p && len(as.Lhs) == len(as.Rhs) {
						m, ok := httpreq.ConstMethod(info, as.Rhs[k])
						if !ok {
							m = ""
						}
						st.assigned = append(st.assigned, m)
					}
				}
			}
		}
	case *ast.CallExpr:
		if p.Fun == child {
			return
		}
		idx := slices.Index(p.Args, ast.Expr(child.(ast.Expr)))
		if idx < 0 {
			return
		}
		fn := httpreq.Callee(info, p)
		if s := knowledge.SendOf(fn); s != nil && s.Request == idx {
			st.sendCalls = append(st.sendCalls, p)
			return
		}
		if ctor := knowledge.ConstructorOf(fn); ctor != nil && ctor.From == idx {
			return
		}
		if fn != nil && fi.c.paramSends(fn, idx) != "" {
			st.sendCalls = append(st.sendCalls, p)
			return
		}
		if fn != nil && fn.Pkg() != nil && harmless[fn.Pkg().Path()] || knowledge.BodySetters.Has(fn) {
			return
		}
		st.escaped = true
	case *ast.AssignStmt:
		if slices.Contains(p.Lhs, ast.Expr(child.(ast.Expr))) {
			return // a write, see assign
		}
		st.escaped = true
	case *ast.BinaryExpr, *ast.ReturnStmt:
		// Compared or returned: nothing can set a header on it here.
	default:
		st.escaped = true
	}
}

// harmless are packages whose functions read a request without setting
// its headers.
var harmless = map[string]bool{
	"fmt": true, "log": true, "log/slog": true, "net/http/httputil": true, "errors": true,
}

// headerUse classifies a use of req.Header; stack[k] is the selector.
func (fi *funcInfo) headerUse(st *reqState, stack []ast.Node, k int) {
	hdr := stack[k]
	var parent, gp ast.Node
	if k >= 1 {
		parent = stack[k-1]
	}
	if k >= 2 {
		gp = stack[k-2]
	}
	switch p := parent.(type) {
	case *ast.SelectorExpr: // req.Header.Set(...)
		call, ok := gp.(*ast.CallExpr)
		if !ok || call.Fun != p {
			st.escaped = true
			return
		}
		switch p.Sel.Name {
		case "Set", "Add":
			if len(call.Args) == 2 && fi.isKey(call.Args[0], false) {
				st.keyed = true
				fi.setsKey = true
				fi.keySets = append(fi.keySets, call)
			} else if tv, ok := fi.c.pass.TypesInfo.Types[call.Args[0]]; !ok || tv.Value == nil {
				// for k, v := range h { req.Header.Set(k, v[0]) }: a
				// header whose name is not known may be the key.
				st.escaped = true
			}
		}
	case *ast.IndexExpr: // req.Header["Idempotency-Key"] = ...
		if as, ok := gp.(*ast.AssignStmt); ok && slices.Contains(as.Lhs, ast.Expr(p)) && fi.isKey(p.Index, true) {
			st.keyed = true
			fi.setsKey = true
		}
	case *ast.AssignStmt: // req.Header = http.Header{...}
		for i, lhs := range p.Lhs {
			if lhs != hdr {
				continue
			}
			if len(p.Lhs) == len(p.Rhs) && fi.litHasKey(p.Rhs[i], true) {
				st.keyed = true
				fi.setsKey = true
			} else if len(p.Lhs) != len(p.Rhs) || !isLit(p.Rhs[i]) {
				st.escaped = true // a header map from elsewhere may hold a key
			}
			return
		}
		st.escaped = true // the header map is shared
	case *ast.CallExpr:
		if fn := httpreq.Callee(fi.c.pass.TypesInfo, p); fn != nil && fn.Pkg() != nil && harmless[fn.Pkg().Path()] {
			return
		}
		st.escaped = true
	default:
		st.escaped = true
	}
}

func isLit(e ast.Expr) bool {
	_, ok := ast.Unparen(e).(*ast.CompositeLit)
	return ok
}

// resolve returns the method, keyed, unsure and built of request variable
// v, following copies (WithContext, Clone, FromRequest).
func (fi *funcInfo) resolve(v *types.Var, depth int) (method string, keyed, unsure, built bool) {
	st := fi.vars[v]
	if st == nil || depth > 8 {
		return "", false, true, false
	}
	keyed, unsure, built = st.keyed, st.escaped || st.unknown, st.built
	methods := st.methods
	if len(st.assigned) > 0 {
		methods = st.assigned
	}
	for _, u := range st.derived {
		m, k, un, b := fi.resolve(u, depth+1)
		if len(st.assigned) == 0 {
			methods = append(methods, m)
		}
		keyed = keyed || k
		unsure = unsure || un
		built = built || b
	}
	if len(methods) == 0 {
		// A parameter, or a resty request: the method comes from
		// elsewhere.
		return "", keyed, unsure, built
	}
	method = methods[0]
	for _, m := range methods {
		if m != method || m == "" {
			return "", keyed, true, built
		}
	}
	return method, keyed, unsure, built
}

// collectSites records the sites of the sends of the function, found by
// analyzeFunc in order.
func (fi *funcInfo) collectSites(sends []*ast.CallExpr) {
	info := fi.c.pass.TypesInfo
	for _, call := range sends {
		fn := httpreq.Callee(info, call)
		if s := knowledge.SendOf(fn); s != nil {
			fi.sites = append(fi.sites, fi.sendSite(call, s))
			continue
		}
		if f := fi.c.sends(fn); f != nil {
			fi.sites = append(fi.sites, &site{call: call, method: f.Method, via: fn, where: f.Where})
			continue
		}
		for i, a := range call.Args {
			if where := fi.c.paramSends(fn, i); where != "" {
				s := fi.requestSite(call, a)
				s.via, s.where = fn, where
				fi.sites = append(fi.sites, s)
			}
		}
	}
}

// sendSite describes the direct send call, whose table entry is s.
func (fi *funcInfo) sendSite(call *ast.CallExpr, s *knowledge.Send) *site {
	info := fi.c.pass.TypesInfo
	switch {
	case s.Request == knowledge.None: // http.Post and friends
		return &site{call: call, method: s.Method}
	case s.Request == knowledge.Recv: // resty
		st := &site{call: call, resty: true}
		st.method = s.Method
		if s.MethodArg != knowledge.None {
			if m, ok := httpreq.ConstMethod(info, httpreq.Arg(call, s.MethodArg)); ok {
				st.method = m
			} else {
				st.unsure = true
			}
		}
		fi.restyChain(httpreq.Arg(call, knowledge.Recv), st, 0)
		return st
	}
	return fi.requestSite(call, httpreq.Arg(call, s.Request))
}

// requestSite describes the send of request expression e by call.
func (fi *funcInfo) requestSite(call *ast.CallExpr, e ast.Expr) *site {
	info := fi.c.pass.TypesInfo
	st := &site{call: call}
	for depth := 0; depth < 8; depth++ {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			v, ok := info.Uses[x].(*types.Var)
			if !ok {
				st.unsure = true
				return st
			}
			st.req = v
			st.method, st.keyed, st.unsure, st.built = fi.resolve(v, 0)
			if st.method == "" {
				st.unsure = true
			}
			return st
		case *ast.CallExpr:
			ctor := httpreq.ConstructorCall(info, x)
			if ctor == nil || ctor.From == knowledge.None {
				st.unsure = true
				return st
			}
			e = httpreq.Arg(x, ctor.From)
			continue
		}
		break
	}
	st.unsure = true
	return st
}

// restyChain fills st from the resty request expression e: keys set in
// its builder chain or on its variable, and the method of Send.
func (fi *funcInfo) restyChain(e ast.Expr, st *site, depth int) {
	info := fi.c.pass.TypesInfo
	if depth > 8 {
		st.unsure = true
		return
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if fi.keyCall(x) {
			st.keyed = true
		}
		fn := httpreq.Callee(info, x)
		sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr)
		if fn == nil || !ok {
			st.unsure = true
			return
		}
		if knowledge.ConstructorOf(fn) != nil { // Client.R()
			var rs reqState
			fi.restyClientKeys(x, &rs)
			st.keyed = st.keyed || rs.keyed
			return
		}
		if fi.restyBuilder(x) {
			fi.restyChain(sel.X, st, depth+1)
			return
		}
		st.unsure = true
	case *ast.Ident:
		v, ok := info.Uses[x].(*types.Var)
		if !ok {
			st.unsure = true
			return
		}
		m, keyed, unsure, _ := fi.resolve(v, 0)
		st.keyed = st.keyed || keyed
		st.unsure = st.unsure || unsure
		if st.method == "" {
			st.method = m
		}
	default:
		st.unsure = true
	}
	if st.method == "" {
		st.unsure = true
	}
}

// where returns the file:line of pos.
func (c *checker) where(pos token.Pos) string {
	p := c.pass.Fset.Position(pos)
	return fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
}

// freshAt returns where the value e gets a value that is new at every
// evaluation (see knowledge.FreshValues): a call of such a function in e, or
// in a value assigned in the function to a variable e mentions, or such a
// call that fills the variable (rand.Read(b)); token.NoPos when there is
// none.
func (fi *funcInfo) freshAt(e ast.Node, depth int) token.Pos {
	info := fi.c.pass.TypesInfo
	if depth > 4 {
		return token.NoPos
	}
	at := token.NoPos
	ast.Inspect(e, func(n ast.Node) bool {
		if at.IsValid() {
			return false
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			if knowledge.FreshValues.Has(httpreq.Callee(info, n)) {
				at = n.Pos()
			}
		case *ast.Ident:
			v, ok := info.Uses[n].(*types.Var)
			if !ok || v.Pos() < fi.decl.Pos() || v.Pos() >= fi.decl.End() {
				return true
			}
			at = fi.freshVar(v, depth)
		}
		return true
	})
	return at
}

// freshVar returns where local variable v gets a fresh value (see
// freshAt), or token.NoPos.
func (fi *funcInfo) freshVar(v *types.Var, depth int) token.Pos {
	info := fi.c.pass.TypesInfo
	at := token.NoPos
	ast.Inspect(fi.decl.Body, func(n ast.Node) bool {
		if at.IsValid() {
			return false
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				if code.IdentVar(info, lhs) != v {
					continue
				}
				rhs := n.Rhs[0]
				if len(n.Lhs) == len(n.Rhs) {
					rhs = n.Rhs[i]
				}
				if p := fi.freshAt(rhs, depth+1); p.IsValid() {
					at = n.Pos()
				}
			}
		case *ast.CallExpr: // rand.Read(b)
			if knowledge.FreshValues.Has(httpreq.Callee(info, n)) {
				for _, a := range n.Args {
					if code.VarOf(info, stripSlice(a)) == v {
						at = n.Pos()
					}
				}
			}
		}
		return true
	})
	return at
}

// stripSlice returns x for x[:], x[i:j], &x, and e otherwise.
func stripSlice(e ast.Expr) ast.Expr {
	switch x := ast.Unparen(e).(type) {
	case *ast.SliceExpr:
		return x.X
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return x.X
		}
	}
	return e
}

// paramIndex returns the index of the parameter of fi's function that e
// names, when the function never assigns it, or -1.
func (fi *funcInfo) paramIndex(e ast.Expr) int {
	info := fi.c.pass.TypesInfo
	v := code.IdentVar(info, e)
	fn, _ := info.Defs[fi.decl.Name].(*types.Func)
	if v == nil || fn == nil {
		return -1
	}
	sig := fn.Type().(*types.Signature)
	for i := 0; i < sig.Params().Len(); i++ {
		if sig.Params().At(i) != v {
			continue
		}
		assigned := false
		ast.Inspect(fi.decl.Body, func(n ast.Node) bool {
			if as, ok := n.(*ast.AssignStmt); ok {
				for _, l := range as.Lhs {
					if code.IdentVar(info, l) == v {
						assigned = true
					}
				}
			}
			return !assigned
		})
		if assigned {
			return -1
		}
		return i
	}
	return -1
}

// methodParam returns the parameter of fi's function that request v's
// method comes from, when it comes from that one alone and nothing else is
// unsure about v: not keyed, not escaping, not copied, not assigned a
// Method; or -1.
func (fi *funcInfo) methodParam(v *types.Var) int {
	st := fi.vars[v]
	if st == nil || st.keyed || st.escaped || st.unknown || len(st.derived) > 0 || len(st.assigned) > 0 || len(st.methodParams) != len(st.methods) || len(st.methodParams) == 0 {
		return -1
	}
	p := st.methodParams[0]
	for _, q := range st.methodParams {
		if q != p {
			return -1
		}
	}
	return p
}
