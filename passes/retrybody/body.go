package retrybody

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/transportvet/transportvet/internal/code"
	"github.com/transportvet/transportvet/internal/fixtext"
	"github.com/transportvet/transportvet/internal/httpreq"
	"github.com/transportvet/transportvet/internal/index"
	"github.com/transportvet/transportvet/internal/knowledge"
	"github.com/transportvet/transportvet/passes/retry"
)

// harmlessRequestMethods are the *http.Request methods that neither read
// nor replace the body.
var harmlessRequestMethods = map[string]bool{
	"Context": true, "Cookie": true, "Cookies": true, "UserAgent": true,
	"Referer": true, "BasicAuth": true, "ProtoAtLeast": true,
	"AddCookie": true, "SetBasicAuth": true,
}

// checkConsumedBodies reports, in retry region reg, the sends of a request
// built outside the region with a body, and the readers made outside the
// region passed as the body of a request built or posted inside it.
func (c *checker) checkConsumedBodies(reg *retry.Region) {
	info := c.pass.TypesInfo
	ast.Inspect(reg.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		fn := httpreq.Callee(info, call)
		if arg := requestArg(info, call); arg != nil {
			c.checkReusedRequest(reg, call, arg)
		}
		if send := knowledge.SendOf(fn); send != nil && send.Pkg == knowledge.NetHTTP && send.Body != knowledge.None {
			c.checkReusedReader(reg, httpreq.Arg(call, send.Body))
		}
		if ctor := knowledge.ConstructorOf(fn); ctor != nil && ctor.Pkg == knowledge.NetHTTP && ctor.Body != knowledge.None {
			c.checkReusedReader(reg, httpreq.Arg(call, ctor.Body))
		}
		return true
	})
}

// checkReusedRequest reports arg, the request of a send in reg, when it is
// a variable built outside reg by http.NewRequest* with a body that is not
// nil or http.NoBody, and nothing in reg rewinds or replaces it.
func (c *checker) checkReusedRequest(reg *retry.Region, call *ast.CallExpr, arg ast.Expr) {
	info := c.pass.TypesInfo
	id := requestIdent(info, arg)
	if id == nil {
		return
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok || !httpreq.IsRequest(v.Type()) || within(reg.Body, v.Pos()) {
		return
	}
	ctor, body := c.builtBy(v)
	if ctor == nil || body == nil || c.isNoBody(body) || c.assignedIn(v, reg.Body) {
		return
	}
	if !c.onlySentIn(v, reg.Body) {
		return // handed to code that may rewind it
	}
	d := analysis.Diagnostic{
		Pos:     arg.Pos(),
		End:     arg.End(),
		Message: fmt.Sprintf("request %s is re-sent with the body the first attempt consumed: a retry sends an empty body (http: ContentLength=N with Body length 0); rebuild the request in each attempt or reset %s.Body from %s.GetBody()", v.Name(), v.Name(), v.Name()),
	}
	if httpreq.SetsGetBody(info.TypeOf(body)) {
		if fix, ok := c.getBodyFix(reg, v); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	}
	c.r.Report(d)
}

// requestIdent returns the request variable of a send's request argument:
// req, req.WithContext(ctx) or req.Clone(ctx), which share req's body.
func requestIdent(info *types.Info, arg ast.Expr) *ast.Ident {
	switch e := ast.Unparen(arg).(type) {
	case *ast.Ident:
		return e
	case *ast.CallExpr:
		fn := httpreq.Callee(info, e)
		if httpreq.Is(fn, knowledge.NetHTTP, "Request", "WithContext") || httpreq.Is(fn, knowledge.NetHTTP, "Request", "Clone") {
			if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok {
				return requestIdent(info, sel.X)
			}
		}
	}
	return nil
}

// checkReusedReader reports body, the body argument of a request built or
// posted inside reg, when it is a reader variable made outside reg that reg
// neither reassigns nor uses otherwise (a Seek, a Reset).
func (c *checker) checkReusedReader(reg *retry.Region, body ast.Expr) {
	info := c.pass.TypesInfo
	id, ok := ast.Unparen(body).(*ast.Ident)
	if !ok {
		return
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok || v.IsField() || within(reg.Body, v.Pos()) || !isReader(v.Type()) {
		return
	}
	if v.Parent() == nil || v.Parent() == c.pass.Pkg.Scope() {
		return // a package variable: anyone may reset it
	}
	if c.assignedIn(v, reg.Body) || c.usesIn(v, reg.Body) > 1 {
		return
	}
	c.r.Reportf(body, "body reader %s is drained by the first attempt: a retry sends an empty or truncated body; create the reader inside the retry (bytes.NewReader(data)) or rewind it before each attempt", v.Name())
}

// builtBy returns the http.NewRequest* call that is the only assignment of
// v in the package, and its body argument, or nil.
func (c *checker) builtBy(v *types.Var) (*ast.CallExpr, ast.Expr) {
	var writes []index.Write
	for _, w := range c.funcs.Writes(v) {
		if _, ok := ast.Unparen(w.Lhs()).(*ast.Ident); ok {
			writes = append(writes, w)
		}
	}
	if len(writes) != 1 {
		return nil, nil
	}
	call, ok := ast.Unparen(assigned(writes[0])).(*ast.CallExpr)
	if !ok {
		return nil, nil
	}
	ctor, _ := c.builders.Constructor(c.pass.TypesInfo, call)
	if ctor == nil || ctor.Pkg != knowledge.NetHTTP || ctor.Body == knowledge.None {
		return nil, nil
	}
	return call, httpreq.Arg(call, ctor.Body)
}

// assigned returns the value that w assigns to its variable when it is
// known (index.Write.Value), or the call whose first result the first
// variable of a tuple gets (req, err := http.NewRequest(...)); else nil.
func assigned(w index.Write) ast.Expr {
	switch n := w.Node.(type) {
	case *ast.AssignStmt:
		if len(n.Rhs) == 1 && w.Index == 0 && (n.Tok == token.ASSIGN || n.Tok == token.DEFINE) {
			return n.Rhs[0]
		}
	case *ast.ValueSpec:
		if len(n.Values) == 1 && w.Index == 0 {
			return n.Values[0]
		}
	}
	return w.Value()
}

// isNoBody reports whether e is nil or http.NoBody.
func (c *checker) isNoBody(e ast.Expr) bool {
	info := c.pass.TypesInfo
	if code.IsNil(info, e) {
		return true
	}
	obj := code.UsedObject(info, e)
	return obj != nil && obj.Pkg() != nil && obj.Pkg().Path() == knowledge.NetHTTP && obj.Name() == "NoBody"
}

// onlySentIn reports whether every use of request v in body is a send, a
// field other than Body and GetBody, or a harmless method.
func (c *checker) onlySentIn(v *types.Var, body *ast.BlockStmt) bool {
	info := c.pass.TypesInfo
	ok := true
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		id, isID := n.(*ast.Ident)
		if !isID || info.Uses[id] != v || len(stack) < 2 {
			return true
		}
		switch p := stack[len(stack)-2].(type) {
		case *ast.CallExpr:
			if arg := requestArg(info, p); arg != nil && ast.Unparen(arg) == id {
				return true
			}
		case *ast.SelectorExpr:
			if sel := info.Selections[p]; sel != nil {
				switch sel.Kind() {
				case types.FieldVal:
					if p.Sel.Name != "Body" && p.Sel.Name != "GetBody" {
						return true
					}
				case types.MethodVal:
					if harmlessRequestMethods[p.Sel.Name] {
						return true
					}
					if p.Sel.Name == "WithContext" || p.Sel.Name == "Clone" {
						// Shares the body: fine only as a send's argument.
						if len(stack) >= 4 {
							if send, ok := stack[len(stack)-4].(*ast.CallExpr); ok {
								if arg := requestArg(info, send); arg != nil && ast.Unparen(arg) == stack[len(stack)-3] {
									return true
								}
							}
						}
					}
				}
			}
		}
		ok = false
		return true
	})
	return ok
}

// getBodyFix resets v.Body from v.GetBody() at the top of the region's
// body. net/http sets GetBody for the body types of knowledge.GetBodyTypes
// and it never fails for them.
func (c *checker) getBodyFix(reg *retry.Region, v *types.Var) (analysis.SuggestedFix, bool) {
	body := reg.Body
	scope := fixtext.Scope(c.pass.Pkg, body.Lbrace+1)
	if scope == nil {
		return analysis.SuggestedFix{}, false
	}
	if _, obj := scope.LookupParent(v.Name(), body.Lbrace+1); obj != v {
		return analysis.SuggestedFix{}, false
	}
	indent := fixtext.Indent(c.pass, reg.Node.Pos()) + "\t"
	if len(body.List) > 0 {
		indent = fixtext.Indent(c.pass, body.List[0].Pos())
	}
	return analysis.SuggestedFix{
		Message: fmt.Sprintf("Reset %s.Body from %s.GetBody() before each attempt", v.Name(), v.Name()),
		TextEdits: []analysis.TextEdit{{
			Pos:     body.Lbrace + 1,
			End:     body.Lbrace + 1,
			NewText: []byte("\n" + indent + v.Name() + ".Body, _ = " + v.Name() + ".GetBody()"),
		}},
	}, true
}

// isReader reports whether t implements io.Reader, by its method set.
func isReader(t types.Type) bool {
	if t == nil {
		return false
	}
	ms := types.NewMethodSet(t)
	for i := 0; i < ms.Len(); i++ {
		m, ok := ms.At(i).Obj().(*types.Func)
		if !ok || m.Name() != "Read" {
			continue
		}
		sig, ok := m.Type().(*types.Signature)
		if !ok || sig.Params().Len() != 1 || sig.Results().Len() != 2 {
			return false
		}
		s, ok := sig.Params().At(0).Type().(*types.Slice)
		if !ok {
			return false
		}
		b, ok := s.Elem().(*types.Basic)
		return ok && b.Kind() == types.Byte && httpreq.IsError(sig.Results().At(1).Type())
	}
	return false
}

// requestArg returns the request argument of call when call sends an
// *http.Request by a sender that does not rewind bodies itself: a send of
// internal/httpreq's table other than go-retryablehttp's, or a call of a
// Doer (httpreq.IsDoer), the shape of (*http.Client).Do.
func requestArg(info *types.Info, call *ast.CallExpr) ast.Expr {
	arg, send := httpreq.SentRequest(info, call)
	if send != nil && send.Retries {
		return nil
	}
	return arg
}
