package transportclose

// This file is the check's knowledge: which types hold connections that
// outlive the function creating them, how each is created, how it is
// released, and which calls are known not to keep a transport passed to them.
// The logic that reads it is in leak.go.

// A closable is a type whose values hold connections (and the goroutines
// serving them) until a release method is called.
type closable struct {
	pkg, name string // the named type; values are *pkg.name
	short     string // how messages name it, e.g. "http.Transport"
	release   string // the method that releases what it holds
	holds     string // what a value leaks, for messages
	reuse     string // advice besides releasing, for messages ("" for none)
	// keepAlives is true for a type with a DisableKeepAlives field: with it
	// set to true, the type keeps no idle connection, so nothing leaks.
	keepAlives bool
	// idleOnly is true for a pool that opens connections only to send
	// requests: one never used to send a request holds nothing, and is not
	// reported; nor is a path that returns before its first request. A
	// type without it holds resources from its creation (grpc.NewClient
	// starts its resolver's and balancer's goroutines at once: grpc-go
	// v1.85.0 clientconn.go, initIdleStateLocked).
	idleOnly bool
	// flag is true for a type named in the -types flag. Its release method
	// is looked up per package: CloseIdleConnections, else Close.
	flag bool
}

// closables are the known closable types. Types named in the -types flag are
// added per run (see config.closables).
var closables = []closable{
	// net/http: "Transports should be reused instead of created as needed";
	// CloseIdleConnections "closes any connections which were previously
	// connected from previous requests but are now sitting idle in a
	// "keep-alive" state". A zero IdleConnTimeout means no limit.
	{pkg: "net/http", name: "Transport", short: "http.Transport", release: "CloseIdleConnections",
		holds: "its idle connections", reuse: "reuse one Transport", keepAlives: true, idleOnly: true},
	// golang.org/x/net/http2 (v0.62.0 transport_common.go): the same contract.
	{pkg: "golang.org/x/net/http2", name: "Transport", short: "http2.Transport", release: "CloseIdleConnections",
		holds: "its idle connections", reuse: "reuse one Transport", idleOnly: true},
	// google.golang.org/grpc (clientconn.go): "Close tears down the
	// ClientConn and all underlying connections"; until then its resolver,
	// balancer and transport goroutines run.
	{pkg: "google.golang.org/grpc", name: "ClientConn", short: "grpc.ClientConn", release: "Close",
		holds: "its connections and goroutines", reuse: "reuse one ClientConn"},
	// net/http (Go 1.26 clientconn.go): "A ClientConn is a client connection
	// to an HTTP server"; Close closes it.
	{pkg: "net/http", name: "ClientConn", short: "http.ClientConn", release: "Close",
		holds: "its connection"},
	// golang.org/x/net/http2 (v0.62.0 clientconn.go): Close "closes the client
	// connection immediately".
	{pkg: "golang.org/x/net/http2", name: "ClientConn", short: "http2.ClientConn", release: "Close",
		holds: "its connection"},
}

// A constructor is a function or method whose first result is a new
// closable value that the caller owns. Composite literals (&T{...}, T{...})
// and new(T) of a closable type are creations too.
type constructor struct {
	pkg, recv, name string // recv is "" for a function
	errResult       bool   // the last result is an error
}

var constructors = []constructor{
	{pkg: "net/http", recv: "Transport", name: "Clone"},                          // "Clone returns a deep copy of t's exported fields"
	{pkg: "net/http", recv: "Transport", name: "NewClientConn", errResult: true}, // Go 1.26
	{pkg: "golang.org/x/net/http2", recv: "Transport", name: "NewClientConn", errResult: true},
	{pkg: "google.golang.org/grpc", name: "NewClient", errResult: true},
	{pkg: "google.golang.org/grpc", name: "Dial", errResult: true},
	{pkg: "google.golang.org/grpc", name: "DialContext", errResult: true},
}

// A call is a function identified by package path and name.
type call struct{ pkg, name string }

// nonRetaining are functions known not to keep a transport passed to them
// beyond the call. Passing a transport to any other function counts as an
// escape: the callee may keep it, and then it is the callee's to close.
var nonRetaining = []call{
	// fmt and log print their operands and keep nothing.
	{"fmt", "Print"}, {"fmt", "Printf"}, {"fmt", "Println"},
	{"fmt", "Sprint"}, {"fmt", "Sprintf"}, {"fmt", "Sprintln"},
	{"fmt", "Fprint"}, {"fmt", "Fprintf"}, {"fmt", "Fprintln"},
	{"log", "Print"}, {"log", "Printf"}, {"log", "Println"},
	// http2.ConfigureTransport (x/net v0.62.0 transport_common.go) installs
	// HTTP/2 support into t1 itself (TLSClientConfig, TLSNextProto); the
	// HTTP/2 transport it builds is reachable only from t1.
	{"golang.org/x/net/http2", "ConfigureTransport"},
}

// sends are the methods of a transport, or of the http.Client holding it,
// that send a request (and so may leave an idle connection behind).
var sends = map[string]bool{
	"RoundTrip": true, "RoundTripOpt": true, // http.Transport, http2.Transport
	"Do": true, "Get": true, "Head": true, "Post": true, "PostForm": true, // http.Client
}

// disableKeepAlives is the field of a closable with keepAlives whose constant
// true value means the value holds no idle connection.
const disableKeepAlives = "DisableKeepAlives"

// A dataType is a kind of type whose values are data decoded from the wire:
// a value derived from a connection that has such a type does not keep the
// connection in use (see derive.go), whatever references its internal state
// holds. A type is one when it, or its pointer, has the method named, with
// no parameter and one result of the named type.
type dataType struct{ method, pkg, name string }

var dataTypes = []dataType{
	// google.golang.org/protobuf (v1.36 proto.Message): every generated
	// message has ProtoReflect() protoreflect.Message. A unary RPC's reply
	// is decoded from the response; its protoimpl.MessageState holds only
	// pointers to the message's type information.
	{method: "ProtoReflect", pkg: "google.golang.org/protobuf/reflect/protoreflect", name: "Message"},
}
