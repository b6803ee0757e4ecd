package knowledge

import "go/types"

// This file is the knowledge of transports: which types hold connections
// that outlive the function creating them, how each is created, how it is
// released, and which calls are known not to keep a transport passed to
// them. passes/transportclose reads it.

// A Closable is a type whose values hold connections (and the goroutines
// serving them) until a release method is called.
type Closable struct {
	Object         // the named type; values are *Pkg.Name
	Short   string // how messages name it, e.g. "http.Transport"
	Release string // the method that releases what it holds
	Holds   string // what a value leaks, for messages
	Reuse   string // advice besides releasing, for messages ("" for none)
	// KeepAlives is true for a type with a DisableKeepAlives field: with it
	// set to true, the type keeps no idle connection, so nothing leaks.
	KeepAlives bool
	// IdleOnly is true for a pool that opens connections only to send
	// requests: one never used to send a request holds nothing, and is not
	// reported; nor is a path that returns before its first request. A
	// type without it holds resources from its creation (grpc.NewClient
	// starts its resolver's and balancer's goroutines at once: grpc-go
	// v1.85.0 clientconn.go, initIdleStateLocked).
	IdleOnly bool
}

// Closables are the known closable types.
var Closables = []Closable{
	// net/http: "Transports should be reused instead of created as needed";
	// CloseIdleConnections "closes any connections which were previously
	// connected from previous requests but are now sitting idle in a
	// "keep-alive" state". A zero IdleConnTimeout means no limit.
	{Object: Object{"net/http", "Transport"}, Short: "http.Transport", Release: "CloseIdleConnections",
		Holds: "its idle connections", Reuse: "reuse one Transport", KeepAlives: true, IdleOnly: true},
	// golang.org/x/net/http2 (v0.62.0 transport_common.go): the same contract.
	{Object: Object{HTTP2, "Transport"}, Short: "http2.Transport", Release: "CloseIdleConnections",
		Holds: "its idle connections", Reuse: "reuse one Transport", IdleOnly: true},
	// google.golang.org/grpc (clientconn.go): "Close tears down the
	// ClientConn and all underlying connections"; until then its resolver,
	// balancer and transport goroutines run.
	{Object: Object{GRPC, "ClientConn"}, Short: "grpc.ClientConn", Release: "Close",
		Holds: "its connections and goroutines", Reuse: "reuse one ClientConn"},
	// net/http (Go 1.26 clientconn.go): "A ClientConn is a client connection
	// to an HTTP server"; Close closes it.
	{Object: Object{"net/http", "ClientConn"}, Short: "http.ClientConn", Release: "Close",
		Holds: "its connection"},
	// golang.org/x/net/http2 (v0.62.0 clientconn.go): Close "closes the client
	// connection immediately".
	{Object: Object{HTTP2, "ClientConn"}, Short: "http2.ClientConn", Release: "Close",
		Holds: "its connection"},
}

// DisableKeepAlives is the field of a Closable with KeepAlives whose
// constant true value means the value holds no idle connection.
const DisableKeepAlives = "DisableKeepAlives"

// A TransportConstructor is a function or method whose first result is a
// new Closable value that the caller owns. Composite literals (&T{...},
// T{...}) and new(T) of a closable type are creations too.
type TransportConstructor struct {
	Func
	ErrResult bool // the last result is an error
}

// TransportConstructors are the known constructors of Closables.
var TransportConstructors = []TransportConstructor{
	{Func{"net/http", "Transport", "Clone"}, false},        // "Clone returns a deep copy of t's exported fields"
	{Func{"net/http", "Transport", "NewClientConn"}, true}, // Go 1.26
	{Func{HTTP2, "Transport", "NewClientConn"}, true},      // x/net v0.62.0 transport.go
	{Func{GRPC, "", "NewClient"}, true},                    // grpc-go v1.85.0 clientconn.go
	{Func{GRPC, "", "Dial"}, true},
	{Func{GRPC, "", "DialContext"}, true},
}

var transportConstructors = NewTable(TransportConstructors, func(c *TransportConstructor) Func { return c.Func })

// TransportConstructorOf returns the TransportConstructors entry for fn,
// or nil.
func TransportConstructorOf(fn *types.Func) *TransportConstructor {
	return transportConstructors.Lookup(fn)
}

// NonRetaining are package functions known not to keep a transport passed
// to them beyond the call. Passing a transport to any other function
// counts as an escape: the callee may keep it, and then it is the callee's
// to close.
var NonRetaining = NewSet([]Func{
	// fmt and log print their operands and keep nothing.
	{"fmt", "", "Print"}, {"fmt", "", "Printf"}, {"fmt", "", "Println"},
	{"fmt", "", "Sprint"}, {"fmt", "", "Sprintf"}, {"fmt", "", "Sprintln"},
	{"fmt", "", "Fprint"}, {"fmt", "", "Fprintf"}, {"fmt", "", "Fprintln"},
	{"log", "", "Print"}, {"log", "", "Printf"}, {"log", "", "Println"},
	// http2.ConfigureTransport (x/net v0.62.0 transport_common.go) installs
	// HTTP/2 support into t1 itself (TLSClientConfig, TLSNextProto); the
	// HTTP/2 transport it builds is reachable only from t1.
	{HTTP2, "", "ConfigureTransport"},
})

// A DataType is a kind of type whose values are data decoded from the
// wire: a value derived from a connection that has such a type does not
// keep the connection in use, whatever references its internal state
// holds. A type is one when it, or its pointer, has the method named, with
// no parameter and one result of the named type Result.
type DataType struct {
	Method string
	Result Object
}

// DataTypes are the known kinds of decoded data.
var DataTypes = []DataType{
	// google.golang.org/protobuf (v1.36 proto.Message): every generated
	// message has ProtoReflect() protoreflect.Message. A unary RPC's reply
	// is decoded from the response; its protoimpl.MessageState holds only
	// pointers to the message's type information.
	{Method: "ProtoReflect", Result: Object{"google.golang.org/protobuf/reflect/protoreflect", "Message"}},
}
