package dispatcher

// This file is the check's knowledge: which standard-library and grpc-go
// APIs it reports, what replaces them, and where each entry comes from. The
// logic that reads these tables lives in stdlib.go and grpc.go.

// A stdlibEntry is a deprecated net/http or net/http/httputil API.
type stdlibEntry struct {
	// key names the object as honnef.co/go/tools/knowledge.StdlibDeprecations
	// does: "pkg.Name", "(pkg.Type).FieldOrValueMethod" or
	// "(*pkg.Type).PointerMethod".
	key string
	// name is how messages call the deprecated API.
	name string
	// use says what replaces it, for the message.
	use string
	// since is the Go version that introduced the replacement, used when
	// knowledge.StdlibDeprecations has no entry for key. When it has one,
	// its AlternativeAvailableSince wins and since must agree (tested).
	since string
	// source is where the deprecation is documented.
	source string
	// setOnly marks a struct field reported only where it is set
	// (setsField, compat.go): setting a deprecated field is the deprecated
	// act, while reading it honours callers that still set it, as net/http
	// reads Request.Cancel and httptest's Server reads Transport.Dial.
	setOnly bool
}

// stdlibCatalog lists the standard-library deprecations the check reports.
// Other standard-library deprecations are staticcheck SA1019's business.
var stdlibCatalog = []stdlibEntry{
	{
		key:     "(net/http.Transport).Dial",
		name:    "http.Transport.Dial",
		use:     "DialContext, which lets the transport cancel dials that are no longer needed",
		since:   "go1.7",
		source:  "net/http Transport.Dial doc comment: \"Deprecated: Use DialContext instead\"; DialContext added in go1.7 (api/go1.7.txt)",
		setOnly: true,
	},
	{
		key:     "(net/http.Transport).DialTLS",
		name:    "http.Transport.DialTLS",
		use:     "DialTLSContext, which lets the transport cancel dials that are no longer needed",
		since:   "go1.14",
		source:  "net/http Transport.DialTLS doc comment: \"Deprecated: Use DialTLSContext instead\"; DialTLSContext added in go1.14 (api/go1.14.txt)",
		setOnly: true,
	},
	{
		key:    "(*net/http.Transport).CancelRequest",
		name:   "http.Transport.CancelRequest",
		use:    "a cancelable request context (http.NewRequestWithContext or Request.WithContext); CancelRequest cannot cancel HTTP/2 requests",
		since:  "go1.5",
		source: "net/http Transport.CancelRequest doc comment: \"Deprecated: Use Request.WithContext to create a request with a cancelable context instead\"; marked //deprecated in api/go1.16.txt",
	},
	{
		key:     "(net/http.Request).Cancel",
		name:    "http.Request.Cancel",
		use:     "the request's context (http.NewRequestWithContext or Request.WithContext); with both set it is undefined whether Cancel is respected",
		since:   "go1.7",
		source:  "net/http Request.Cancel doc comment: \"Deprecated: Set the Request's context with NewRequestWithContext instead\"; Request.WithContext added in go1.7",
		setOnly: true,
	},
	{
		key:    "net/http.CloseNotifier",
		name:   "http.CloseNotifier",
		use:    "Request.Context, which is canceled when the client's connection closes",
		since:  "go1.7",
		source: "net/http CloseNotifier doc comment: \"Deprecated: the CloseNotifier interface predates Go's context package. New code should use Request.Context instead\"; marked //deprecated in api/go1.16.txt",
	},
	{
		key:    "net/http/httputil.ClientConn",
		name:   "httputil.ClientConn",
		use:    "http.Client or http.Transport; ClientConn is unused by Go's HTTP stack and does not handle keep-alives, HTTP/2 or cancellation",
		since:  "go1.0",
		source: "net/http/httputil ClientConn doc comment: \"Deprecated: Use Client or Transport in package net/http instead\"",
	},
	{
		key:    "net/http/httputil.NewClientConn",
		name:   "httputil.NewClientConn",
		use:    "http.Client or http.Transport; ClientConn is unused by Go's HTTP stack and does not handle keep-alives, HTTP/2 or cancellation",
		since:  "go1.0",
		source: "net/http/httputil NewClientConn doc comment: \"Deprecated: Use the Client or Transport in package net/http instead\"",
	},
	{
		key:    "net/http/httputil.NewProxyClientConn",
		name:   "httputil.NewProxyClientConn",
		use:    "http.Client with http.Transport.Proxy",
		since:  "go1.0",
		source: "net/http/httputil NewProxyClientConn doc comment: \"Deprecated: Use the Client or Transport in package net/http instead\"",
	},
	{
		key:    "net/http/httputil.ServerConn",
		name:   "httputil.ServerConn",
		use:    "http.Server; ServerConn is unused by Go's HTTP stack",
		since:  "go1.0",
		source: "net/http/httputil ServerConn doc comment: \"Deprecated: Use the Server in package net/http instead\"",
	},
	{
		key:    "net/http/httputil.NewServerConn",
		name:   "httputil.NewServerConn",
		use:    "http.Server; ServerConn is unused by Go's HTTP stack",
		since:  "go1.0",
		source: "net/http/httputil NewServerConn doc comment: \"Deprecated: Use the Server in package net/http instead\"",
	},
	{
		key:    "(net/http/httputil.ReverseProxy).Director",
		name:   "httputil.ReverseProxy.Director",
		use:    "Rewrite; a Director cannot stop hop-by-hop headers from removing the headers it sets",
		since:  "go1.20",
		source: "net/http/httputil ReverseProxy.Director doc comment: \"Deprecated: Use Rewrite instead\" (api/go1.26.txt, golang/go#73161); Rewrite added in go1.20 (api/go1.20.txt)",
	},
}

// grpcPath is the import path of grpc-go's client and server API. Every
// deprecated identifier of this package is in scope; the entries of
// grpcCatalog get a curated message and, where noted, a fix. The
// deprecations of its subpackages (resolver, balancer, reflection, ...) are
// not transport APIs a client calls: they are left to SA1019.
const grpcPath = "google.golang.org/grpc"

// grpcFix names the rewrite grpc.go offers for a grpc entry.
type grpcFix int

const (
	fixNone         grpcFix = iota // report only
	fixNewClient                   // Dial, DialContext -> NewClient
	fixInsecure                    // WithInsecure() -> WithTransportCredentials(insecure.NewCredentials())
	fixContextDial                 // WithDialer(f) -> WithContextDialer(wrapper of f)
	fixConnectParam                // WithBackoffMaxDelay, WithBackoffConfig -> WithConnectParams
)

// A grpcEntry is a curated deprecated grpc-go function.
type grpcEntry struct {
	name string // the function in package grpc
	use  string // the replacement, for the message
	fix  grpcFix
	// blocking marks the DialOptions that make Dial block and that NewClient
	// ignores: a Dial with one of them is not rewritten.
	blocking bool
	source   string
}

// grpcCatalog lists the grpc-go functions with a curated message, all in
// package google.golang.org/grpc (v1.85.0 doc comments).
var grpcCatalog = []grpcEntry{
	{name: "Dial", use: "grpc.NewClient", fix: fixNewClient,
		source: "clientconn.go Dial: \"Deprecated: use NewClient instead\""},
	{name: "DialContext", use: "grpc.NewClient", fix: fixNewClient,
		source: "clientconn.go DialContext: \"Deprecated: use NewClient instead\""},
	{name: "WithInsecure", use: "grpc.WithTransportCredentials(insecure.NewCredentials())", fix: fixInsecure,
		source: "dialoptions.go WithInsecure: \"Deprecated: use WithTransportCredentials and insecure.NewCredentials() instead\""},
	{name: "WithDialer", use: "grpc.WithContextDialer", fix: fixContextDial,
		source: "dialoptions.go WithDialer: \"Deprecated: use WithContextDialer instead\""},
	{name: "WithBackoffMaxDelay", use: "grpc.WithConnectParams", fix: fixConnectParam,
		source: "dialoptions.go WithBackoffMaxDelay: \"Deprecated: use WithConnectParams instead\""},
	{name: "WithBackoffConfig", use: "grpc.WithConnectParams", fix: fixConnectParam,
		source: "dialoptions.go WithBackoffConfig: \"Deprecated: use WithConnectParams instead\""},
	{name: "WithBlock", use: "grpc.NewClient without it: the channel connects on the first RPC; wait for readiness with Connect and WaitForStateChange if you must",
		blocking: true, source: "dialoptions.go WithBlock: \"Deprecated: this DialOption is not supported by NewClient\""},
	{name: "WithTimeout", use: "grpc.NewClient without it, and a deadline on each RPC's context",
		blocking: true, source: "dialoptions.go WithTimeout: \"Deprecated: this DialOption is not supported by NewClient\""},
	{name: "WithReturnConnectionError", use: "grpc.NewClient without it: RPC errors carry the connection error",
		blocking: true, source: "dialoptions.go WithReturnConnectionError: \"Deprecated: this DialOption is not supported by NewClient\""},
	{name: "FailOnNonTempDialError", use: "grpc.NewClient without it",
		blocking: true, source: "dialoptions.go FailOnNonTempDialError: \"Deprecated: this DialOption is not supported by NewClient\""},
}

// minConnectTimeout is grpc-go's default minimum connect timeout
// (clientconn.go: minConnectTimeout = 20 * time.Second), which
// WithBackoffConfig leaves in place and WithConnectParams replaces: the
// WithConnectParams fix spells it out to stay equivalent.
const minConnectTimeout = "20 * %sSecond"
