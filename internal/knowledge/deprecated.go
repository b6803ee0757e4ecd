package knowledge

import (
	"go/types"
	"strings"
)

// This file is the knowledge of deprecated transport APIs: which
// standard-library and grpc-go APIs passes/dispatcher reports, what
// replaces them, which rewrite is equivalent, and where each entry comes
// from. The logic that reads these tables is in passes/dispatcher
// (stdlib.go and grpc.go).

// A StdlibDeprecation is a deprecated net/http or net/http/httputil API.
type StdlibDeprecation struct {
	// Key names the object as honnef.co/go/tools/knowledge.StdlibDeprecations
	// does: "pkg.Name", "(pkg.Type).FieldOrValueMethod" or
	// "(*pkg.Type).PointerMethod" (see LookupKey).
	Key string
	// Name is how messages call the deprecated API.
	Name string
	// Use says what replaces it, for the message.
	Use string
	// Since is the Go version that introduced the replacement, used when
	// staticcheck's knowledge.StdlibDeprecations has no entry for Key. When
	// it has one, its AlternativeAvailableSince wins and Since must agree
	// (tested).
	Since string
	// Source is where the deprecation is documented.
	Source string
	// SetOnly marks a struct field reported only where it is set
	// (passes/dispatcher/compat.go): setting a deprecated field is the
	// deprecated act, while reading it honours callers that still set it,
	// as net/http reads Request.Cancel and httptest's Server reads
	// Transport.Dial.
	SetOnly bool
}

// StdlibDeprecations lists the standard-library deprecations the check
// reports. Other standard-library deprecations are staticcheck SA1019's
// business.
var StdlibDeprecations = []StdlibDeprecation{
	{
		Key:     "(net/http.Transport).Dial",
		Name:    "http.Transport.Dial",
		Use:     "DialContext, which lets the transport cancel dials that are no longer needed",
		Since:   "go1.7",
		Source:  "net/http Transport.Dial doc comment: \"Deprecated: Use DialContext instead\"; DialContext added in go1.7 (api/go1.7.txt)",
		SetOnly: true,
	},
	{
		Key:     "(net/http.Transport).DialTLS",
		Name:    "http.Transport.DialTLS",
		Use:     "DialTLSContext, which lets the transport cancel dials that are no longer needed",
		Since:   "go1.14",
		Source:  "net/http Transport.DialTLS doc comment: \"Deprecated: Use DialTLSContext instead\"; DialTLSContext added in go1.14 (api/go1.14.txt)",
		SetOnly: true,
	},
	{
		Key:    "(*net/http.Transport).CancelRequest",
		Name:   "http.Transport.CancelRequest",
		Use:    "a cancelable request context (http.NewRequestWithContext or Request.WithContext); CancelRequest cannot cancel HTTP/2 requests",
		Since:  "go1.5",
		Source: "net/http Transport.CancelRequest doc comment: \"Deprecated: Use Request.WithContext to create a request with a cancelable context instead\"; marked //deprecated in api/go1.16.txt",
	},
	{
		Key:     "(net/http.Request).Cancel",
		Name:    "http.Request.Cancel",
		Use:     "the request's context (http.NewRequestWithContext or Request.WithContext); with both set it is undefined whether Cancel is respected",
		Since:   "go1.7",
		Source:  "net/http Request.Cancel doc comment: \"Deprecated: Set the Request's context with NewRequestWithContext instead\"; Request.WithContext added in go1.7",
		SetOnly: true,
	},
	{
		Key:    "net/http.CloseNotifier",
		Name:   "http.CloseNotifier",
		Use:    "Request.Context, which is canceled when the client's connection closes",
		Since:  "go1.7",
		Source: "net/http CloseNotifier doc comment: \"Deprecated: the CloseNotifier interface predates Go's context package. New code should use Request.Context instead\"; marked //deprecated in api/go1.16.txt",
	},
	{
		Key:    "net/http/httputil.ClientConn",
		Name:   "httputil.ClientConn",
		Use:    "http.Client or http.Transport; ClientConn is unused by Go's HTTP stack and does not handle keep-alives, HTTP/2 or cancellation",
		Since:  "go1.0",
		Source: "net/http/httputil ClientConn doc comment: \"Deprecated: Use Client or Transport in package net/http instead\"",
	},
	{
		Key:    "net/http/httputil.NewClientConn",
		Name:   "httputil.NewClientConn",
		Use:    "http.Client or http.Transport; ClientConn is unused by Go's HTTP stack and does not handle keep-alives, HTTP/2 or cancellation",
		Since:  "go1.0",
		Source: "net/http/httputil NewClientConn doc comment: \"Deprecated: Use the Client or Transport in package net/http instead\"",
	},
	{
		Key:    "net/http/httputil.NewProxyClientConn",
		Name:   "httputil.NewProxyClientConn",
		Use:    "http.Client with http.Transport.Proxy",
		Since:  "go1.0",
		Source: "net/http/httputil NewProxyClientConn doc comment: \"Deprecated: Use the Client or Transport in package net/http instead\"",
	},
	{
		Key:    "net/http/httputil.ServerConn",
		Name:   "httputil.ServerConn",
		Use:    "http.Server; ServerConn is unused by Go's HTTP stack",
		Since:  "go1.0",
		Source: "net/http/httputil ServerConn doc comment: \"Deprecated: Use the Server in package net/http instead\"",
	},
	{
		Key:    "net/http/httputil.NewServerConn",
		Name:   "httputil.NewServerConn",
		Use:    "http.Server; ServerConn is unused by Go's HTTP stack",
		Since:  "go1.0",
		Source: "net/http/httputil NewServerConn doc comment: \"Deprecated: Use the Server in package net/http instead\"",
	},
	{
		Key:    "(net/http/httputil.ReverseProxy).Director",
		Name:   "httputil.ReverseProxy.Director",
		Use:    "Rewrite; a Director cannot stop hop-by-hop headers from removing the headers it sets",
		Since:  "go1.20",
		Source: "net/http/httputil ReverseProxy.Director doc comment: \"Deprecated: Use Rewrite instead\" (api/go1.26.txt, golang/go#73161); Rewrite added in go1.20 (api/go1.20.txt)",
	},
}

// LookupKey finds the object a StdlibDeprecation key names in pkg:
// "pkg.Name", "(pkg.Type).Member" or "(*pkg.Type).Member". It returns nil
// if pkg is not the key's package or has no such object.
func LookupKey(pkg *types.Package, key string) types.Object {
	if !strings.HasPrefix(key, "(") {
		name, ok := strings.CutPrefix(key, pkg.Path()+".")
		if !ok || strings.Contains(name, "/") {
			return nil
		}
		return pkg.Scope().Lookup(name)
	}
	recv, member, ok := strings.Cut(strings.TrimPrefix(key, "("), ").")
	if !ok {
		return nil
	}
	recv = strings.TrimPrefix(recv, "*")
	typeName, ok := strings.CutPrefix(recv, pkg.Path()+".")
	if !ok || strings.Contains(typeName, "/") {
		return nil
	}
	tn, ok := pkg.Scope().Lookup(typeName).(*types.TypeName)
	if !ok {
		return nil
	}
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(tn.Type()), false, pkg, member)
	return obj
}

// A GRPCRewrite names the rewrite of a deprecated grpc-go function that is
// equivalent to it, which passes/dispatcher offers as a fix.
type GRPCRewrite int

const (
	RewriteNone          GRPCRewrite = iota // report only
	RewriteNewClient                        // Dial, DialContext -> NewClient
	RewriteInsecure                         // WithInsecure() -> WithTransportCredentials(insecure.NewCredentials())
	RewriteContextDialer                    // WithDialer(f) -> WithContextDialer(wrapper of f)
	RewriteConnectParams                    // WithBackoffMaxDelay, WithBackoffConfig -> WithConnectParams
)

// A GRPCDeprecation is a curated deprecated grpc-go function. Every
// deprecated identifier of package grpc is in scope of the check; these
// get a curated message and, where noted, a rewrite. The deprecations of
// its subpackages (resolver, balancer, reflection, ...) are not transport
// APIs a client calls: they are left to SA1019.
type GRPCDeprecation struct {
	Func           // a function of package grpc
	Use     string // the replacement, for the message
	Rewrite GRPCRewrite
	// Blocking marks the DialOptions that make Dial block and that
	// NewClient ignores: a Dial with one of them is not rewritten.
	Blocking bool
	Source   string
}

// GRPCDeprecations lists the grpc-go functions with a curated message, all
// in package google.golang.org/grpc (v1.85.0 doc comments).
var GRPCDeprecations = []GRPCDeprecation{
	{Func: Func{GRPC, "", "Dial"}, Use: "grpc.NewClient", Rewrite: RewriteNewClient,
		Source: "clientconn.go Dial: \"Deprecated: use NewClient instead\""},
	{Func: Func{GRPC, "", "DialContext"}, Use: "grpc.NewClient", Rewrite: RewriteNewClient,
		Source: "clientconn.go DialContext: \"Deprecated: use NewClient instead\""},
	{Func: Func{GRPC, "", "WithInsecure"}, Use: "grpc.WithTransportCredentials(insecure.NewCredentials())", Rewrite: RewriteInsecure,
		Source: "dialoptions.go WithInsecure: \"Deprecated: use WithTransportCredentials and insecure.NewCredentials() instead\""},
	{Func: Func{GRPC, "", "WithDialer"}, Use: "grpc.WithContextDialer", Rewrite: RewriteContextDialer,
		Source: "dialoptions.go WithDialer: \"Deprecated: use WithContextDialer instead\""},
	{Func: Func{GRPC, "", "WithBackoffMaxDelay"}, Use: "grpc.WithConnectParams", Rewrite: RewriteConnectParams,
		Source: "dialoptions.go WithBackoffMaxDelay: \"Deprecated: use WithConnectParams instead\""},
	{Func: Func{GRPC, "", "WithBackoffConfig"}, Use: "grpc.WithConnectParams", Rewrite: RewriteConnectParams,
		Source: "dialoptions.go WithBackoffConfig: \"Deprecated: use WithConnectParams instead\""},
	{Func: Func{GRPC, "", "WithBlock"}, Use: "grpc.NewClient without it: the channel connects on the first RPC; wait for readiness with Connect and WaitForStateChange if you must",
		Blocking: true, Source: "dialoptions.go WithBlock: \"Deprecated: this DialOption is not supported by NewClient\""},
	{Func: Func{GRPC, "", "WithTimeout"}, Use: "grpc.NewClient without it, and a deadline on each RPC's context",
		Blocking: true, Source: "dialoptions.go WithTimeout: \"Deprecated: this DialOption is not supported by NewClient\""},
	{Func: Func{GRPC, "", "WithReturnConnectionError"}, Use: "grpc.NewClient without it: RPC errors carry the connection error",
		Blocking: true, Source: "dialoptions.go WithReturnConnectionError: \"Deprecated: this DialOption is not supported by NewClient\""},
	{Func: Func{GRPC, "", "FailOnNonTempDialError"}, Use: "grpc.NewClient without it",
		Blocking: true, Source: "dialoptions.go FailOnNonTempDialError: \"Deprecated: this DialOption is not supported by NewClient\""},
}
