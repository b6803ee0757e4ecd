// Package httpreq answers, for the calls and types of a package, what the
// HTTP tables of internal/knowledge say: does this call send a request or
// build one (by *types.Func identity, or by the shape of
// (*http.Client).Do), which argument is the request, which method does it
// use, is this type a request, a response, a body net/http can rebuild, is
// this header name an idempotency key.
//
// What belongs here: predicates over go/ast and go/types that read those
// tables. The tables themselves, with their sources, are in
// internal/knowledge; the rules that use the answers are in the passes.
//
// It is shared by the retry-family analyzers (retryidempotency, retrybody,
// retrystorm) and transportclose, so that "this call sends a request" has
// one definition.
package httpreq

import (
	"go/ast"
	"go/constant"
	"go/types"
	"net/textproto"
	"slices"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/transportvet/transportvet/internal/imports"
	"github.com/transportvet/transportvet/internal/knowledge"
)

// Callee returns the function or method called by call, including interface
// methods, or nil.
func Callee(info *types.Info, call *ast.CallExpr) *types.Func {
	if info == nil || call == nil {
		return nil
	}
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	return fn
}

// Is reports whether fn is the function pkg.name (typ == "") or the method
// typ.name of the named type pkg.typ (pointer or value receiver, or
// interface method): knowledge.Func{pkg, typ, name}.Is(fn).
func Is(fn *types.Func, pkg, typ, name string) bool {
	return knowledge.Func{Pkg: pkg, Type: typ, Name: name}.Is(fn)
}

// RecvName returns the name of fn's receiver's named type (through a
// pointer), "" for a package function or an unnamed receiver
// (knowledge.RecvName).
func RecvName(fn *types.Func) string { return knowledge.RecvName(fn) }

// SendCall returns the Sends entry of the function call calls, or nil.
func SendCall(info *types.Info, call *ast.CallExpr) *knowledge.Send {
	return knowledge.SendOf(Callee(info, call))
}

// ConstructorCall returns the Constructors entry of the function call
// calls, or nil.
func ConstructorCall(info *types.Info, call *ast.CallExpr) *knowledge.Constructor {
	return knowledge.ConstructorOf(Callee(info, call))
}

// Arg returns the argument of call at index i: the receiver expression for
// knowledge.Recv (call.Fun must be a selector), nil for knowledge.None or
// out of range.
func Arg(call *ast.CallExpr, i int) ast.Expr {
	switch {
	case i == knowledge.Recv:
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			return sel.X
		}
		return nil
	case i < 0 || i >= len(call.Args):
		return nil
	}
	return call.Args[i]
}

// ConstMethod returns the upper-cased value of e when it is a constant
// string (a literal, http.MethodPost, a named constant), or false. The empty
// string means GET, as in http.NewRequest.
func ConstMethod(info *types.Info, e ast.Expr) (string, bool) {
	if info == nil || e == nil {
		return "", false
	}
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	m := strings.ToUpper(constant.StringVal(tv.Value))
	if m == "" {
		m = "GET"
	}
	return m, true
}

// Method returns the constant method of the request sent or built by call,
// as far as the call alone shows it: the fixed method of a helper, or the
// constant method argument of a constructor or of resty's Execute. It
// returns false when the method is carried by a request built elsewhere or
// is not a constant.
func Method(info *types.Info, call *ast.CallExpr) (string, bool) {
	fn := Callee(info, call)
	if s := knowledge.SendOf(fn); s != nil {
		if s.Method != "" {
			return s.Method, true
		}
		if s.MethodArg != knowledge.None {
			return ConstMethod(info, Arg(call, s.MethodArg))
		}
		return "", false
	}
	if c := knowledge.ConstructorOf(fn); c != nil {
		if c.Method != "" {
			return c.Method, true
		}
		if c.MethodArg != knowledge.None {
			return ConstMethod(info, Arg(call, c.MethodArg))
		}
	}
	return "", false
}

// RawOf returns x when e is x.Raw() on an azcore request x, or nil. Raw
// returns the *http.Request the azcore request wraps and sends (azcore
// v1.24.0 internal/exported/request.go): its headers, method and URL are
// the azcore request's own, so req.Raw().Header.Set is a header set on
// req.
func RawOf(info *types.Info, e ast.Expr) ast.Expr {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 || !Is(Callee(info, call), knowledge.AzcoreExported, "Request", "Raw") {
		return nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	return sel.X
}

// Idempotent reports whether the (upper-case) method is idempotent by RFC
// 9110 section 9.2.2 (knowledge.IdempotentMethods).
func Idempotent(method string) bool {
	return slices.Contains(knowledge.IdempotentMethods, method)
}

// NonIdempotent reports whether the (upper-case) method is one whose retry
// can repeat a side effect (knowledge.NonIdempotentMethods).
func NonIdempotent(method string) bool {
	return slices.Contains(knowledge.NonIdempotentMethods, method)
}

// IsIdempotencyKey reports whether name, a header name in any casing, is
// an idempotency key header: it contains "idempotency" (Idempotency-Key,
// X-Idempotency-Key, Idempotency-Token), or is one of knowledge.KeyHeaders
// (Repeatability-Request-ID). A server that dedupes requests names its
// header so; which name it honours is its API's business, and a request
// that sets one is taken as keyed.
func IsIdempotencyKey(name string) bool {
	return strings.Contains(strings.ToLower(name), knowledge.IdempotencyWord) ||
		slices.ContainsFunc(knowledge.KeyHeaders, func(k string) bool { return strings.EqualFold(k, name) })
}

// IsCanonicalIdempotencyKey reports whether name is an idempotency key
// header (IsIdempotencyKey) written in canonical form
// (textproto.CanonicalMIMEHeaderKey): the form a direct write to an
// http.Header map must use, since it bypasses canonicalization and Get
// and net/http's own checks look up the canonical key. One of knowledge.KeyHeaders
// in its standard's spelling counts too: no Go code looks it up (net/http
// checks only Idempotency-Key and X-Idempotency-Key), the map write sends
// it as spelt, and the server matches names in any casing (RFC 9110
// section 5.1).
func IsCanonicalIdempotencyKey(name string) bool {
	return IsIdempotencyKey(name) && (textproto.CanonicalMIMEHeaderKey(name) == name || slices.Contains(knowledge.KeyHeaders, name))
}

// IsKeyName reports whether name, a Go identifier, names an idempotency
// key: in any casing, with underscores ignored, it contains "idempoten"
// (idempotencyKey, IdempotentToken, idempotency_key) or "idemkey" /
// "idempkey" (idemKey, idempKey). A string parameter so named is the key
// its caller gives for the operation.
func IsKeyName(name string) bool {
	n := strings.ReplaceAll(strings.ToLower(name), "_", "")
	return strings.Contains(n, "idempoten") || strings.Contains(n, "idemkey") || strings.Contains(n, "idempkey")
}

// Relevant reports whether pkg imports, directly or transitively, one of
// the HTTP client packages the tables describe. Analyzers leave at once
// when it is false.
func Relevant(pkg *types.Package) bool {
	return imports.Any(pkg, knowledge.NetHTTP, knowledge.Retryable, knowledge.Resty)
}
