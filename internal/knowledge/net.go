package knowledge

// This file is the knowledge of network calls and waits besides HTTP
// sends (http.go): which calls open a connection or make a gRPC call, and
// which block until a delay has passed. passes/retrystorm reads it.

// GRPC is grpc-go's import path.
const GRPC = "google.golang.org/grpc"

// Dials are the standard library functions and methods that open a
// network connection (net/dial.go, crypto/tls/tls.go, Go 1.26).
var Dials = NewSet([]Func{
	{"net", "", "Dial"},
	{"net", "", "DialTimeout"},
	{"net", "", "DialTCP"},
	{"net", "", "DialUDP"},
	{"net", "", "DialIP"},
	{"net", "", "DialUnix"},
	{"net", "Dialer", "Dial"},
	{"net", "Dialer", "DialContext"},
	{"crypto/tls", "", "Dial"},
	{"crypto/tls", "", "DialWithDialer"},
	{"crypto/tls", "Dialer", "Dial"},
	{"crypto/tls", "Dialer", "DialContext"},
})

// GRPCCalls are the methods through which every gRPC call goes: Invoke
// for a unary call, NewStream for a stream, on the interface generated
// clients hold and on *grpc.ClientConn (grpc-go v1.85.0 call.go,
// stream.go, clientconn.go). Generated client methods are known by their
// shape instead (passes/retrystorm).
var GRPCCalls = NewSet([]Func{
	{GRPC, "ClientConnInterface", "Invoke"},
	{GRPC, "ClientConnInterface", "NewStream"},
	{GRPC, "ClientConn", "Invoke"},
	{GRPC, "ClientConn", "NewStream"},
})

// GRPCUnary are the methods of GRPCCalls that make a unary call: a nil
// error from one is the server's answer, since gRPC reports overload,
// unavailability and deadlines as the call's error (status codes
// Unavailable, ResourceExhausted, DeadlineExceeded; grpc-go v1.85.0
// call.go: Invoke returns the status of the RPC). Generated unary methods
// are known by their shape instead (passes/retrystorm).
var GRPCUnary = NewSet([]Func{
	{GRPC, "ClientConnInterface", "Invoke"},
	{GRPC, "ClientConn", "Invoke"},
})

// WaitMethods are the library methods that block until a delay has passed
// (golang.org/x/time/rate v0.16.0 rate.go: Wait and WaitN block until the
// limiter permits an event or ctx is done).
var WaitMethods = NewSet([]Func{
	{"golang.org/x/time/rate", "Limiter", "Wait"},
	{"golang.org/x/time/rate", "Limiter", "WaitN"},
})
