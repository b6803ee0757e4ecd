// Package httpreq identifies, by *types.Func identity, the calls that send an
// HTTP request and the calls that construct one, across net/http,
// hashicorp/go-retryablehttp, go-resty/resty/v2 and the Azure SDK's core
// (azcore). The knowledge is the two tables Sends and Constructors; the
// functions below only read them.
//
// It is shared by the retry-family analyzers (retryidempotency, retrybody,
// retrystorm), so that "this call sends a request" has one definition.
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
)

// Package paths of the HTTP client libraries the tables describe.
const (
	NetHTTP   = "net/http"
	Retryable = "github.com/hashicorp/go-retryablehttp"
	Resty     = "github.com/go-resty/resty/v2"

	// The Azure SDK's core, azcore v1.24.0: its pipeline and request are
	// declared in internal/exported, and exported as the aliases
	// runtime.Pipeline and policy.Request.
	AzcoreExported = "github.com/Azure/azure-sdk-for-go/sdk/azcore/internal/exported"
	AzcoreRuntime  = "github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	AzcorePolicy   = "github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

// None marks an argument index that does not apply.
const None = -1

// Recv is the index that designates a method's receiver in Send.Request.
const Recv = -2

// A Send describes a function or method that sends an HTTP request.
type Send struct {
	Pkg  string // package path
	Type string // receiver's named type ("Client", "RoundTripper"), "" for a package function
	Name string

	// Request is the index of the argument that is the request sent
	// (*http.Request, *retryablehttp.Request, azcore's *policy.Request),
	// Recv when the receiver is the request (resty's *Request), None when
	// the helper builds the request itself (http.Post).
	Request int
	// Method is the request method when the function fixes it ("POST" for
	// http.Post, resty's (*Request).Post), "" when the request carries it.
	Method string
	// MethodArg is the index of the argument that gives the method
	// (resty's (*Request).Execute), or None.
	MethodArg int
	// Body is the index of the body argument of a helper that builds the
	// request (http.Post: 2, http.PostForm: 1), or None.
	Body int
	// Retries is true when the sender itself retries a failed send
	// (go-retryablehttp's Client and RoundTripper, which retry every method
	// by default up to 4 retries; azcore's Pipeline, whose retry policy
	// retries every method by default up to 3 times; resty retries only
	// once SetRetryCount(n>0) is set on its client, so resty's entries
	// have Retries false and the caller must check the client).
	Retries bool
	// Source documents the entry.
	Source string
}

// Sends is every known send. Sources: net/http client.go and
// roundtrip.go (Go 1.26); go-retryablehttp v0.7.8 client.go and
// roundtripper.go; resty v2.17.2 request.go; azcore v1.24.0
// internal/exported/pipeline.go, runtime/pipeline.go and
// runtime/policy_retry.go.
var Sends = []Send{
	{NetHTTP, "Client", "Do", 0, "", None, None, false, "net/http (*Client).Do"},
	{NetHTTP, "Client", "Get", None, "GET", None, None, false, "net/http (*Client).Get"},
	{NetHTTP, "Client", "Head", None, "HEAD", None, None, false, "net/http (*Client).Head"},
	{NetHTTP, "Client", "Post", None, "POST", None, 2, false, "net/http (*Client).Post(url, contentType, body)"},
	{NetHTTP, "Client", "PostForm", None, "POST", None, 1, false, "net/http (*Client).PostForm(url, data)"},
	{NetHTTP, "", "Get", None, "GET", None, None, false, "net/http Get"},
	{NetHTTP, "", "Head", None, "HEAD", None, None, false, "net/http Head"},
	{NetHTTP, "", "Post", None, "POST", None, 2, false, "net/http Post(url, contentType, body)"},
	{NetHTTP, "", "PostForm", None, "POST", None, 1, false, "net/http PostForm(url, data)"},
	{NetHTTP, "RoundTripper", "RoundTrip", 0, "", None, None, false, "net/http RoundTripper interface"},
	{NetHTTP, "Transport", "RoundTrip", 0, "", None, None, false, "net/http (*Transport).RoundTrip"},

	{Retryable, "Client", "Do", 0, "", None, None, true, "retryablehttp (*Client).Do(*Request)"},
	{Retryable, "Client", "Get", None, "GET", None, None, true, "retryablehttp (*Client).Get"},
	{Retryable, "Client", "Head", None, "HEAD", None, None, true, "retryablehttp (*Client).Head"},
	{Retryable, "Client", "Post", None, "POST", None, 2, true, "retryablehttp (*Client).Post(url, bodyType, body)"},
	{Retryable, "Client", "PostForm", None, "POST", None, 1, true, "retryablehttp (*Client).PostForm(url, data)"},
	{Retryable, "", "Get", None, "GET", None, None, true, "retryablehttp Get (default client)"},
	{Retryable, "", "Head", None, "HEAD", None, None, true, "retryablehttp Head (default client)"},
	{Retryable, "", "Post", None, "POST", None, 2, true, "retryablehttp Post (default client)"},
	{Retryable, "", "PostForm", None, "POST", None, 1, true, "retryablehttp PostForm (default client)"},
	{Retryable, "RoundTripper", "RoundTrip", 0, "", None, None, true, "retryablehttp (*RoundTripper).RoundTrip"},

	{Resty, "Request", "Get", Recv, "GET", None, None, false, "resty (*Request).Get"},
	{Resty, "Request", "Head", Recv, "HEAD", None, None, false, "resty (*Request).Head"},
	{Resty, "Request", "Post", Recv, "POST", None, None, false, "resty (*Request).Post"},
	{Resty, "Request", "Put", Recv, "PUT", None, None, false, "resty (*Request).Put"},
	{Resty, "Request", "Delete", Recv, "DELETE", None, None, false, "resty (*Request).Delete"},
	{Resty, "Request", "Options", Recv, "OPTIONS", None, None, false, "resty (*Request).Options"},
	{Resty, "Request", "Patch", Recv, "PATCH", None, None, false, "resty (*Request).Patch"},
	{Resty, "Request", "Execute", Recv, "", 0, None, false, "resty (*Request).Execute(method, url)"},
	{Resty, "Request", "Send", Recv, "", None, None, false, "resty (*Request).Send: method from Request.Method"},

	// runtime.NewPipeline always adds the retry policy (runtime/pipeline.go).
	// By default it tries a request up to 4 times (MaxRetries 3), after a
	// transport error or a 408, 429, 500, 502, 503 or 504, whatever the
	// method, and rewinds the body (RewindBody) before each try
	// (runtime/policy_retry.go); RetryOptions.MaxRetries < 0 turns it off.
	{AzcoreExported, "Pipeline", "Do", 0, "", None, None, true, "azcore runtime.Pipeline.Do(*policy.Request): internal/exported (Pipeline).Do, through the retry policy runtime.NewPipeline always adds"},
}

// BufferedSends are the sends that read the response body into memory and
// close the connection's body before they return: an unclosed response of
// theirs holds no connection. Source: azcore v1.24.0
// runtime/policy_body_download.go (runtime.NewPipeline always adds
// bodyDownloadPolicy; it reads the body with Payload, which closes it,
// unless runtime.SkipBodyDownload was called on the request, for a
// streamed download).
var BufferedSends = []struct{ Pkg, Type, Name string }{
	{AzcoreExported, "Pipeline", "Do"},
}

// Buffered reports whether fn is one of BufferedSends.
func Buffered(fn *types.Func) bool {
	for _, b := range BufferedSends {
		if Is(fn, b.Pkg, b.Type, b.Name) {
			return true
		}
	}
	return false
}

// A Constructor describes a function or method that returns a new request.
type Constructor struct {
	Pkg  string
	Type string // receiver's named type, "" for a package function
	Name string

	// Method is the request method when the constructor fixes it (a
	// request builder that passes a constant, see passes/reqbuild), or "".
	Method string
	// MethodArg is the index of the method argument, or None.
	MethodArg int
	// Body is the index of the body argument, or None.
	Body int
	// From is the index of an argument whose request the result copies
	// (retryablehttp.FromRequest, (*http.Request).Clone: Recv), or None.
	From   int
	Source string
}

// Constructors is every known request constructor. Sources: net/http
// request.go (Go 1.26); go-retryablehttp v0.7.8 client.go; resty v2.17.2
// client.go; azcore v1.24.0 runtime/request.go and
// internal/exported/request.go.
var Constructors = []Constructor{
	{NetHTTP, "", "NewRequest", "", 0, 2, None, "net/http NewRequest(method, url, body)"},
	{NetHTTP, "", "NewRequestWithContext", "", 1, 3, None, "net/http NewRequestWithContext(ctx, method, url, body)"},
	{NetHTTP, "Request", "WithContext", "", None, None, Recv, "net/http (*Request).WithContext: shallow copy"},
	{NetHTTP, "Request", "Clone", "", None, None, Recv, "net/http (*Request).Clone: deep copy"},
	{Retryable, "", "NewRequest", "", 0, 2, None, "retryablehttp NewRequest(method, url, rawBody)"},
	{Retryable, "", "NewRequestWithContext", "", 1, 3, None, "retryablehttp NewRequestWithContext(ctx, method, url, rawBody)"},
	{Retryable, "", "FromRequest", "", None, None, 0, "retryablehttp FromRequest(*http.Request)"},
	{Retryable, "Request", "WithContext", "", None, None, Recv, "retryablehttp (*Request).WithContext"},
	{Resty, "Client", "R", "", None, None, None, "resty (*Client).R"},
	{Resty, "Client", "NewRequest", "", None, None, None, "resty (*Client).NewRequest"},
	// azcore's requests have no body argument: SetBody or MarshalAsJSON
	// sets it later, as a ReadSeekCloser the retry policy rewinds.
	{AzcoreRuntime, "", "NewRequest", "", 1, None, None, "azcore runtime.NewRequest(ctx, httpMethod, endpoint)"},
	{AzcoreRuntime, "", "NewRequestForNextLink", "", 1, None, None, "azcore runtime.NewRequestForNextLink(ctx, httpMethod, endpoint, nextLink)"},
	{AzcoreExported, "", "NewRequest", "", 1, None, None, "azcore internal/exported NewRequest(ctx, httpMethod, endpoint), behind runtime.NewRequest"},
	{AzcoreExported, "Request", "WithContext", "", None, None, Recv, "azcore (*policy.Request).WithContext: shallow copy"},
	{AzcoreExported, "Request", "Clone", "", None, None, Recv, "azcore (*policy.Request).Clone: deep copy"},
}

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
// interface method).
func Is(fn *types.Func, pkg, typ, name string) bool {
	if fn == nil || fn.Pkg() == nil || fn.Name() != name || fn.Pkg().Path() != pkg {
		return false
	}
	return RecvName(fn) == typ
}

// RecvName returns the name of fn's receiver's named type (through a
// pointer), "" for a package function or an unnamed receiver.
func RecvName(fn *types.Func) string {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return ""
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		return t.Obj().Name()
	}
	return ""
}

// SendOf returns the Sends entry for fn, or nil.
func SendOf(fn *types.Func) *Send {
	for i := range Sends {
		s := &Sends[i]
		if Is(fn, s.Pkg, s.Type, s.Name) {
			return s
		}
	}
	return nil
}

// ConstructorOf returns the Constructors entry for fn, or nil.
func ConstructorOf(fn *types.Func) *Constructor {
	for i := range Constructors {
		c := &Constructors[i]
		if Is(fn, c.Pkg, c.Type, c.Name) {
			return c
		}
	}
	return nil
}

// SendCall returns the Sends entry of the function call calls, or nil.
func SendCall(info *types.Info, call *ast.CallExpr) *Send {
	return SendOf(Callee(info, call))
}

// ConstructorCall returns the Constructors entry of the function call
// calls, or nil.
func ConstructorCall(info *types.Info, call *ast.CallExpr) *Constructor {
	return ConstructorOf(Callee(info, call))
}

// Arg returns the argument of call at index i: the receiver expression for
// Recv (call.Fun must be a selector), nil for None or out of range.
func Arg(call *ast.CallExpr, i int) ast.Expr {
	switch {
	case i == Recv:
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
	if s := SendOf(fn); s != nil {
		if s.Method != "" {
			return s.Method, true
		}
		if s.MethodArg != None {
			return ConstMethod(info, Arg(call, s.MethodArg))
		}
		return "", false
	}
	if c := ConstructorOf(fn); c != nil {
		if c.Method != "" {
			return c.Method, true
		}
		if c.MethodArg != None {
			return ConstMethod(info, Arg(call, c.MethodArg))
		}
	}
	return "", false
}

// BodySetters are the functions that take an azcore request and set its
// body, its Content-Type and Content-Length, or an operation value, and no
// other header: a request passed to one is not handed to code that may
// set a key. Sources: azcore v1.24.0 runtime/request.go (each ends in
// exported.SetBody or SetOperationValue) and internal/exported/request.go.
var BodySetters = []struct{ Pkg, Name string }{
	{AzcoreRuntime, "MarshalAsJSON"},
	{AzcoreRuntime, "MarshalAsXML"},
	{AzcoreRuntime, "MarshalAsByteArray"},
	{AzcoreRuntime, "SetMultipartFormData"},
	{AzcoreRuntime, "SkipBodyDownload"},
	{AzcoreExported, "SetBody"},
}

// IsBodySetter reports whether fn is one of BodySetters.
func IsBodySetter(fn *types.Func) bool {
	for _, b := range BodySetters {
		if Is(fn, b.Pkg, "", b.Name) {
			return true
		}
	}
	return false
}

// RawOf returns x when e is x.Raw() on an azcore request x, or nil. Raw
// returns the *http.Request the azcore request wraps and sends (azcore
// v1.24.0 internal/exported/request.go): its headers, method and URL are
// the azcore request's own, so req.Raw().Header.Set is a header set on
// req.
func RawOf(info *types.Info, e ast.Expr) ast.Expr {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 || !Is(Callee(info, call), AzcoreExported, "Request", "Raw") {
		return nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	return sel.X
}

// Idempotent reports whether the (upper-case) method is idempotent by RFC
// 9110 section 9.2.2: GET, HEAD, OPTIONS, TRACE, PUT, DELETE.
func Idempotent(method string) bool {
	switch method {
	case "GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE":
		return true
	}
	return false
}

// NonIdempotent reports whether the (upper-case) method is one whose retry
// can repeat a side effect: POST, PATCH, CONNECT. Other non-standard methods
// are neither idempotent nor known to be unsafe, and are left alone.
func NonIdempotent(method string) bool {
	switch method {
	case "POST", "PATCH", "CONNECT":
		return true
	}
	return false
}

// IdempotencyKeys are the canonical header names that make a request
// replayable for net/http's transport (isReplayable in net/http/request.go)
// and by the IETF draft "The Idempotency-Key HTTP Header Field". They are
// the names a fix sets; IsIdempotencyKey accepts more.
var IdempotencyKeys = []string{"Idempotency-Key", "X-Idempotency-Key"}

// idempotencyWord is what every idempotency key header name holds, in any
// casing: the draft's Idempotency-Key and X-Idempotency-Key, and the names
// APIs chose before it (Idempotency-Token, X-Idempotency-Id).
const idempotencyWord = "idempotency"

// FreshValues are the functions whose every call returns a new value: a
// random number or text, a UUID or ULID, the current time. An idempotency
// key made by one of them in each attempt is a new key for every retry,
// and the server sees each retry as a new operation. Sources: the
// packages' documentation (crypto/rand, math/rand, math/rand/v2, time;
// google/uuid v1.6.0 uuid.go and version4.go, version7.go; gofrs/uuid v5
// generator.go; oklog/ulid v2 ulid.go; rs/xid id.go).
var FreshValues = map[string]map[string]bool{
	"crypto/rand":              {"Text": true, "Read": true, "Int": true, "Prime": true},
	"math/rand":                nil, // every function
	"math/rand/v2":             nil,
	"time":                     {"Now": true},
	"github.com/google/uuid":   {"New": true, "NewString": true, "NewRandom": true, "NewV7": true, "NewUUID": true, "Must": true},
	"github.com/gofrs/uuid":    {"NewV1": true, "NewV4": true, "NewV6": true, "NewV7": true, "Must": true},
	"github.com/gofrs/uuid/v5": {"NewV1": true, "NewV4": true, "NewV6": true, "NewV7": true, "Must": true},
	"github.com/oklog/ulid/v2": {"Make": true, "MustNew": true, "New": true},
	"github.com/rs/xid":        {"New": true},
}

// IsFresh reports whether fn returns a new value at every call (see
// FreshValues).
func IsFresh(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	names, ok := FreshValues[fn.Pkg().Path()]
	if !ok {
		return false
	}
	return names == nil || names[fn.Name()]
}

// UnsentErrors are the errors (values, and types for errors.As) raised
// before a request leaves the client: a refused connection (no server
// accepted it) and a failed name lookup (no address to send to). A retry
// after one of them cannot repeat a side effect. Sources: syscall's
// ECONNREFUSED (connect(2)); net.DNSError, returned by the resolver before
// any dial (net/lookup.go).
var UnsentErrors = map[string]map[string]bool{
	"syscall": {"ECONNREFUSED": true},
	"net":     {"DNSError": true},
}

// TimeoutErrors are the errors and codes that say an attempt ran out of
// time: the attempt waited its deadline before it failed. Sources:
// context.DeadlineExceeded and os.ErrDeadlineExceeded (Go 1.26), grpc-go
// v1.85.0 codes.DeadlineExceeded; os.IsTimeout reports the same.
var TimeoutErrors = map[string]map[string]bool{
	"context":                      {"DeadlineExceeded": true},
	"os":                           {"ErrDeadlineExceeded": true, "IsTimeout": true},
	"google.golang.org/grpc/codes": {"DeadlineExceeded": true},
}

// IsTimeout reports whether pkg.name is one of TimeoutErrors.
func IsTimeout(pkg, name string) bool { return TimeoutErrors[pkg][name] }

// IsUnsent reports whether pkg.name is one of UnsentErrors.
func IsUnsent(pkg, name string) bool { return UnsentErrors[pkg][name] }

// KeyHeaders are the idempotency key headers whose names do not hold
// "idempotency", as their standards spell them: the request ID of OASIS
// Repeatable Requests Version 1.0 (section 2.1; provisional in the IANA
// HTTP Field Name Registry), which Azure services that support retrying a
// POST honour, with Repeatability-First-Sent (Azure REST API Guidelines,
// "Repeatability of requests"). Azure's generated Go clients set it from
// their options as req.Raw().Header["Repeatability-Request-ID"], in this
// spelling.
var KeyHeaders = []string{"Repeatability-Request-ID"}

// IsIdempotencyKey reports whether name, a header name in any casing, is
// an idempotency key header: it contains "idempotency" (Idempotency-Key,
// X-Idempotency-Key, Idempotency-Token), or is one of KeyHeaders
// (Repeatability-Request-ID). A server that dedupes requests names its
// header so; which name it honours is its API's business, and a request
// that sets one is taken as keyed.
func IsIdempotencyKey(name string) bool {
	return strings.Contains(strings.ToLower(name), idempotencyWord) ||
		slices.ContainsFunc(KeyHeaders, func(k string) bool { return strings.EqualFold(k, name) })
}

// IsCanonicalIdempotencyKey reports whether name is an idempotency key
// header (IsIdempotencyKey) written in canonical form
// (textproto.CanonicalMIMEHeaderKey): the form a direct write to an
// http.Header map must use, since it bypasses canonicalization and Get
// and net/http's own checks look up the canonical key. One of KeyHeaders
// in its standard's spelling counts too: no Go code looks it up (net/http
// checks only Idempotency-Key and X-Idempotency-Key), the map write sends
// it as spelt, and the server matches names in any casing (RFC 9110
// section 5.1).
func IsCanonicalIdempotencyKey(name string) bool {
	return IsIdempotencyKey(name) && (textproto.CanonicalMIMEHeaderKey(name) == name || slices.Contains(KeyHeaders, name))
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
	return imports.Any(pkg, NetHTTP, Retryable, Resty)
}
