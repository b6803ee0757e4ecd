package knowledge

import (
	"go/types"
	"slices"
)

// This file is the knowledge of HTTP clients: which calls send a request
// (Sends) or build one (Constructors), which request bodies net/http can
// rebuild, which headers are idempotency keys, which values are new at
// every call, and which errors say that a request never left. internal/httpreq
// reads it for the calls of a package; the retry-family passes read both.

// Package paths of the HTTP client libraries the tables describe.
const (
	NetHTTP   = "net/http"
	Retryable = "github.com/hashicorp/go-retryablehttp"
	Resty     = "github.com/go-resty/resty/v2"
	HTTP2     = "golang.org/x/net/http2"

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
	Func

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
// roundtrip.go (Go 1.26); golang.org/x/net v0.62.0 http2/transport_common.go;
// go-retryablehttp v0.7.8 client.go and roundtripper.go; resty v2.17.2
// request.go; azcore v1.24.0 internal/exported/pipeline.go,
// runtime/pipeline.go and runtime/policy_retry.go. A method of the shape
// of (*http.Client).Do, such as (*http2.Transport).RoundTrip, is a send by
// its shape (internal/httpreq.IsDoer) and needs no entry.
var Sends = []Send{
	{Func{NetHTTP, "Client", "Do"}, 0, "", None, None, false, "net/http (*Client).Do"},
	{Func{NetHTTP, "Client", "Get"}, None, "GET", None, None, false, "net/http (*Client).Get"},
	{Func{NetHTTP, "Client", "Head"}, None, "HEAD", None, None, false, "net/http (*Client).Head"},
	{Func{NetHTTP, "Client", "Post"}, None, "POST", None, 2, false, "net/http (*Client).Post(url, contentType, body)"},
	{Func{NetHTTP, "Client", "PostForm"}, None, "POST", None, 1, false, "net/http (*Client).PostForm(url, data)"},
	{Func{NetHTTP, "", "Get"}, None, "GET", None, None, false, "net/http Get"},
	{Func{NetHTTP, "", "Head"}, None, "HEAD", None, None, false, "net/http Head"},
	{Func{NetHTTP, "", "Post"}, None, "POST", None, 2, false, "net/http Post(url, contentType, body)"},
	{Func{NetHTTP, "", "PostForm"}, None, "POST", None, 1, false, "net/http PostForm(url, data)"},
	{Func{NetHTTP, "RoundTripper", "RoundTrip"}, 0, "", None, None, false, "net/http RoundTripper interface"},
	{Func{NetHTTP, "Transport", "RoundTrip"}, 0, "", None, None, false, "net/http (*Transport).RoundTrip"},
	{Func{HTTP2, "Transport", "RoundTripOpt"}, 0, "", None, None, false, "x/net http2 (*Transport).RoundTripOpt(req, opt): RoundTrip with options"},

	{Func{Retryable, "Client", "Do"}, 0, "", None, None, true, "retryablehttp (*Client).Do(*Request)"},
	{Func{Retryable, "Client", "Get"}, None, "GET", None, None, true, "retryablehttp (*Client).Get"},
	{Func{Retryable, "Client", "Head"}, None, "HEAD", None, None, true, "retryablehttp (*Client).Head"},
	{Func{Retryable, "Client", "Post"}, None, "POST", None, 2, true, "retryablehttp (*Client).Post(url, bodyType, body)"},
	{Func{Retryable, "Client", "PostForm"}, None, "POST", None, 1, true, "retryablehttp (*Client).PostForm(url, data)"},
	{Func{Retryable, "", "Get"}, None, "GET", None, None, true, "retryablehttp Get (default client)"},
	{Func{Retryable, "", "Head"}, None, "HEAD", None, None, true, "retryablehttp Head (default client)"},
	{Func{Retryable, "", "Post"}, None, "POST", None, 2, true, "retryablehttp Post (default client)"},
	{Func{Retryable, "", "PostForm"}, None, "POST", None, 1, true, "retryablehttp PostForm (default client)"},
	{Func{Retryable, "RoundTripper", "RoundTrip"}, 0, "", None, None, true, "retryablehttp (*RoundTripper).RoundTrip"},

	{Func{Resty, "Request", "Get"}, Recv, "GET", None, None, false, "resty (*Request).Get"},
	{Func{Resty, "Request", "Head"}, Recv, "HEAD", None, None, false, "resty (*Request).Head"},
	{Func{Resty, "Request", "Post"}, Recv, "POST", None, None, false, "resty (*Request).Post"},
	{Func{Resty, "Request", "Put"}, Recv, "PUT", None, None, false, "resty (*Request).Put"},
	{Func{Resty, "Request", "Delete"}, Recv, "DELETE", None, None, false, "resty (*Request).Delete"},
	{Func{Resty, "Request", "Options"}, Recv, "OPTIONS", None, None, false, "resty (*Request).Options"},
	{Func{Resty, "Request", "Patch"}, Recv, "PATCH", None, None, false, "resty (*Request).Patch"},
	{Func{Resty, "Request", "Execute"}, Recv, "", 0, None, false, "resty (*Request).Execute(method, url)"},
	{Func{Resty, "Request", "Send"}, Recv, "", None, None, false, "resty (*Request).Send: method from Request.Method"},

	// runtime.NewPipeline always adds the retry policy (runtime/pipeline.go).
	// By default it tries a request up to 4 times (MaxRetries 3), after a
	// transport error or a 408, 429, 500, 502, 503 or 504, whatever the
	// method, and rewinds the body (RewindBody) before each try
	// (runtime/policy_retry.go); RetryOptions.MaxRetries < 0 turns it off.
	{Func{AzcoreExported, "Pipeline", "Do"}, 0, "", None, None, true, "azcore runtime.Pipeline.Do(*policy.Request): internal/exported (Pipeline).Do, through the retry policy runtime.NewPipeline always adds"},
}

var sends = NewTable(Sends, func(s *Send) Func { return s.Func })

// SendOf returns the Sends entry for fn, or nil.
func SendOf(fn *types.Func) *Send { return sends.Lookup(fn) }

// BufferedSends are the sends that read the response body into memory and
// close the connection's body before they return: an unclosed response of
// theirs holds no connection. Source: azcore v1.24.0
// runtime/policy_body_download.go (runtime.NewPipeline always adds
// bodyDownloadPolicy; it reads the body with Payload, which closes it,
// unless runtime.SkipBodyDownload was called on the request, for a
// streamed download).
var BufferedSends = NewSet([]Func{
	{AzcoreExported, "Pipeline", "Do"},
})

// A Constructor describes a function or method that returns a new request.
type Constructor struct {
	Func

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
	{Func{NetHTTP, "", "NewRequest"}, "", 0, 2, None, "net/http NewRequest(method, url, body)"},
	{Func{NetHTTP, "", "NewRequestWithContext"}, "", 1, 3, None, "net/http NewRequestWithContext(ctx, method, url, body)"},
	{Func{NetHTTP, "Request", "WithContext"}, "", None, None, Recv, "net/http (*Request).WithContext: shallow copy"},
	{Func{NetHTTP, "Request", "Clone"}, "", None, None, Recv, "net/http (*Request).Clone: deep copy"},
	{Func{Retryable, "", "NewRequest"}, "", 0, 2, None, "retryablehttp NewRequest(method, url, rawBody)"},
	{Func{Retryable, "", "NewRequestWithContext"}, "", 1, 3, None, "retryablehttp NewRequestWithContext(ctx, method, url, rawBody)"},
	{Func{Retryable, "", "FromRequest"}, "", None, None, 0, "retryablehttp FromRequest(*http.Request)"},
	{Func{Retryable, "Request", "WithContext"}, "", None, None, Recv, "retryablehttp (*Request).WithContext"},
	{Func{Resty, "Client", "R"}, "", None, None, None, "resty (*Client).R"},
	{Func{Resty, "Client", "NewRequest"}, "", None, None, None, "resty (*Client).NewRequest"},
	// azcore's requests have no body argument: SetBody or MarshalAsJSON
	// sets it later, as a ReadSeekCloser the retry policy rewinds.
	{Func{AzcoreRuntime, "", "NewRequest"}, "", 1, None, None, "azcore runtime.NewRequest(ctx, httpMethod, endpoint)"},
	{Func{AzcoreRuntime, "", "NewRequestForNextLink"}, "", 1, None, None, "azcore runtime.NewRequestForNextLink(ctx, httpMethod, endpoint, nextLink)"},
	{Func{AzcoreExported, "", "NewRequest"}, "", 1, None, None, "azcore internal/exported NewRequest(ctx, httpMethod, endpoint), behind runtime.NewRequest"},
	{Func{AzcoreExported, "Request", "WithContext"}, "", None, None, Recv, "azcore (*policy.Request).WithContext: shallow copy"},
	{Func{AzcoreExported, "Request", "Clone"}, "", None, None, Recv, "azcore (*policy.Request).Clone: deep copy"},
}

var constructors = NewTable(Constructors, func(c *Constructor) Func { return c.Func })

// ConstructorOf returns the Constructors entry for fn, or nil.
func ConstructorOf(fn *types.Func) *Constructor { return constructors.Lookup(fn) }

// BodySetters are the functions that take an azcore request and set its
// body, its Content-Type and Content-Length, or an operation value, and no
// other header: a request passed to one is not handed to code that may
// set a key. Sources: azcore v1.24.0 runtime/request.go (each ends in
// exported.SetBody or SetOperationValue) and internal/exported/request.go.
var BodySetters = NewSet([]Func{
	{AzcoreRuntime, "", "MarshalAsJSON"},
	{AzcoreRuntime, "", "MarshalAsXML"},
	{AzcoreRuntime, "", "MarshalAsByteArray"},
	{AzcoreRuntime, "", "SetMultipartFormData"},
	{AzcoreRuntime, "", "SkipBodyDownload"},
	{AzcoreExported, "", "SetBody"},
})

// An Object names a package-level object (a type, variable, constant or
// function) by its package's path and its name.
type Object struct{ Pkg, Name string }

// GetBodyTypes are the body types for which net/http's NewRequest and
// NewRequestWithContext set Request.GetBody, so that req.GetBody() can
// rebuild a consumed body and never fails (net/http/request.go, Go 1.26:
// the type switch on body in NewRequestWithContext). A body of any other
// type leaves GetBody nil. The body is a pointer to one of them.
var GetBodyTypes = []Object{
	{"bytes", "Buffer"},
	{"bytes", "Reader"},
	{"strings", "Reader"},
}

// IdempotentMethods are the request methods that are idempotent by RFC
// 9110 section 9.2.2.
var IdempotentMethods = []string{"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"}

// NonIdempotentMethods are the request methods whose retry can repeat a
// side effect. Other non-standard methods are neither idempotent nor known
// to be unsafe, and are left alone.
var NonIdempotentMethods = []string{"POST", "PATCH", "CONNECT"}

// IdempotencyKeys are the canonical header names that make a request
// replayable for net/http's transport (isReplayable in net/http/request.go)
// and by the IETF draft "The Idempotency-Key HTTP Header Field". They are
// the names a fix sets; internal/httpreq.IsIdempotencyKey accepts more.
var IdempotencyKeys = []string{"Idempotency-Key", "X-Idempotency-Key"}

// IdempotencyWord is what every idempotency key header name holds, in any
// casing: the draft's Idempotency-Key and X-Idempotency-Key, and the names
// APIs chose before it (Idempotency-Token, X-Idempotency-Id).
const IdempotencyWord = "idempotency"

// KeyHeaders are the idempotency key headers whose names do not hold
// "idempotency", as their standards spell them: the request ID of OASIS
// Repeatable Requests Version 1.0 (section 2.1; provisional in the IANA
// HTTP Field Name Registry), which Azure services that support retrying a
// POST honour, with Repeatability-First-Sent (Azure REST API Guidelines,
// "Repeatability of requests"). Azure's generated Go clients set it from
// their options as req.Raw().Header["Repeatability-Request-ID"], in this
// spelling.
var KeyHeaders = []string{"Repeatability-Request-ID"}

// FreshValues are the functions whose every call returns a new value: a
// random number or text, a UUID or ULID, the current time. An idempotency
// key made by one of them in each attempt is a new key for every retry,
// and the server sees each retry as a new operation. Each entry holds for
// a package function or a method of the name (Type Any). Sources: the
// packages' documentation (crypto/rand, math/rand, math/rand/v2, time;
// google/uuid v1.6.0 uuid.go and version4.go, version7.go; gofrs/uuid v5
// generator.go; oklog/ulid v2 ulid.go; rs/xid id.go).
var FreshValues = NewSet([]Func{
	{"crypto/rand", Any, "Text"}, {"crypto/rand", Any, "Read"}, {"crypto/rand", Any, "Int"}, {"crypto/rand", Any, "Prime"},
	{"math/rand", Any, Any}, // every function
	{"math/rand/v2", Any, Any},
	{"time", Any, "Now"},
	{"github.com/google/uuid", Any, "New"}, {"github.com/google/uuid", Any, "NewString"}, {"github.com/google/uuid", Any, "NewRandom"},
	{"github.com/google/uuid", Any, "NewV7"}, {"github.com/google/uuid", Any, "NewUUID"}, {"github.com/google/uuid", Any, "Must"},
	{"github.com/gofrs/uuid", Any, "NewV1"}, {"github.com/gofrs/uuid", Any, "NewV4"}, {"github.com/gofrs/uuid", Any, "NewV6"},
	{"github.com/gofrs/uuid", Any, "NewV7"}, {"github.com/gofrs/uuid", Any, "Must"},
	{"github.com/gofrs/uuid/v5", Any, "NewV1"}, {"github.com/gofrs/uuid/v5", Any, "NewV4"}, {"github.com/gofrs/uuid/v5", Any, "NewV6"},
	{"github.com/gofrs/uuid/v5", Any, "NewV7"}, {"github.com/gofrs/uuid/v5", Any, "Must"},
	{"github.com/oklog/ulid/v2", Any, "Make"}, {"github.com/oklog/ulid/v2", Any, "MustNew"}, {"github.com/oklog/ulid/v2", Any, "New"},
	{"github.com/rs/xid", Any, "New"},
})

// UnsentErrors are the errors (values, and types for errors.As) raised
// before a request leaves the client: a refused connection (no server
// accepted it) and a failed name lookup (no address to send to). A retry
// after one of them cannot repeat a side effect. Sources: syscall's
// ECONNREFUSED (connect(2)); net.DNSError, returned by the resolver before
// any dial (net/lookup.go).
var UnsentErrors = []Object{
	{"syscall", "ECONNREFUSED"},
	{"net", "DNSError"},
}

// TimeoutErrors are the errors and codes that say an attempt ran out of
// time: the attempt waited its deadline before it failed. Sources:
// context.DeadlineExceeded and os.ErrDeadlineExceeded (Go 1.26), grpc-go
// v1.85.0 codes.DeadlineExceeded; os.IsTimeout reports the same.
var TimeoutErrors = []Object{
	{"context", "DeadlineExceeded"},
	{"os", "ErrDeadlineExceeded"},
	{"os", "IsTimeout"},
	{"google.golang.org/grpc/codes", "DeadlineExceeded"},
}

// IsTimeout reports whether pkg.name is one of TimeoutErrors.
func IsTimeout(pkg, name string) bool { return slices.Contains(TimeoutErrors, Object{pkg, name}) }

// IsUnsent reports whether pkg.name is one of UnsentErrors.
func IsUnsent(pkg, name string) bool { return slices.Contains(UnsentErrors, Object{pkg, name}) }
