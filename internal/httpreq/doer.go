package httpreq

import (
	"go/ast"
	"go/types"

	"github.com/transportvet/transportvet/internal/code"
	"github.com/transportvet/transportvet/internal/knowledge"
)

// This file is the shape rule: a function or method with the signature of
// (*http.Client).Do sends a request, whoever declares it.

// IsDoer reports whether fn has the signature of (*http.Client).Do,
// func(*http.Request) (*http.Response, error), not variadic. Clients
// inject such functions and interfaces ("Doer": gojek/heimdall's Doer, the
// wrappers around *http.Client that tests replace), so a call of one is
// taken as an HTTP send, as a call of (*http.Client).Do is.
func IsDoer(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Params().Len() != 1 || sig.Results().Len() != 2 || sig.Variadic() {
		return false
	}
	return IsRequest(sig.Params().At(0).Type()) && IsResponse(sig.Results().At(0).Type()) &&
		IsError(sig.Results().At(1).Type())
}

// SendsRequest reports whether a call of fn sends an HTTP request: fn is a
// send of the knowledge.Sends table or a Doer (IsDoer).
func SendsRequest(fn *types.Func) bool {
	return knowledge.SendOf(fn) != nil || IsDoer(fn)
}

// SentRequest returns the request argument of call when call sends a
// request it is given, and the Sends entry of the callee: the argument at
// the entry's Request index, or the only argument of a Doer (the entry is
// then nil). The argument is nil when the callee builds its own request
// (http.Post) or sends its receiver (resty), and both are nil when call
// sends nothing.
func SentRequest(info *types.Info, call *ast.CallExpr) (ast.Expr, *knowledge.Send) {
	fn := Callee(info, call)
	if send := knowledge.SendOf(fn); send != nil {
		if send.Request < 0 {
			return nil, send
		}
		return Arg(call, send.Request), send
	}
	if IsDoer(fn) && len(call.Args) == 1 {
		return call.Args[0], nil
	}
	return nil, nil
}

// IsError reports whether t is the predeclared error type (code.IsError).
func IsError(t types.Type) bool {
	return code.IsError(t)
}

// IsRequest reports whether t is *net/http.Request.
func IsRequest(t types.Type) bool {
	p, ok := t.(*types.Pointer)
	return ok && IsNamed(p.Elem(), knowledge.NetHTTP, "Request")
}

// IsAzcoreRequest reports whether t is a pointer to azcore's request,
// policy.Request (an alias of internal/exported.Request).
func IsAzcoreRequest(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	return ok && IsNamed(p.Elem(), knowledge.AzcoreExported, "Request")
}

// IsResponse reports whether t is *net/http.Response.
func IsResponse(t types.Type) bool {
	p, ok := t.(*types.Pointer)
	return ok && IsNamed(p.Elem(), knowledge.NetHTTP, "Response")
}

// IsNamed reports whether t, through aliases, is the named type pkg.name
// (an instance of a generic type counts as its origin's name).
func IsNamed(t types.Type, pkg, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj() == nil || n.Obj().Pkg() == nil {
		return false
	}
	return n.Obj().Pkg().Path() == pkg && n.Obj().Name() == name
}
