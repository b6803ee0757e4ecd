package knowledge

import "go/types"

// This file is the knowledge of network calls and waits besides HTTP
// sends (http.go): which calls open a connection or make a gRPC call, and
// which block until a delay has passed. passes/retrystorm reads it.

// GRPC is grpc-go's import path.
const GRPC = "google.golang.org/grpc"

// Dials are the standard library functions and methods that open a
// network connection (net/dial.go, crypto/tls/tls.go, Go 1.26).
var Dials = []Func{
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
}

var dials = NewSet(Dials)

// IsDial reports whether fn is one of Dials.
func IsDial(fn *types.Func) bool { return dials.Has(fn) }

// GRPCCalls are the methods through which every gRPC call goes: Invoke
// for a unary call, NewStream for a stream, on the interface generated
// clients hold and on *grpc.ClientConn (grpc-go v1.85.0 call.go,
// stream.go, clientconn.go). Generated client methods are known by their
// shape instead (passes/retrystorm).
var GRPCCalls = []Func{
	{GRPC, "ClientConnInterface", "Invoke"},
	{GRPC, "ClientConnInterface", "NewStream"},
	{GRPC, "ClientConn", "Invoke"},
	{GRPC, "ClientConn", "NewStream"},
}

var grpcCalls = NewSet(GRPCCalls)

// IsGRPCCall reports whether fn is one of GRPCCalls.
func IsGRPCCall(fn *types.Func) bool { return grpcCalls.Has(fn) }

// WaitMethods are the library methods that block until a delay has passed
// (golang.org/x/time/rate v0.16.0 rate.go: Wait and WaitN block until the
// limiter permits an event or ctx is done).
var WaitMethods = []Func{
	{"golang.org/x/time/rate", "Limiter", "Wait"},
	{"golang.org/x/time/rate", "Limiter", "WaitN"},
}

var waitMethods = NewSet(WaitMethods)

// IsWaitMethod reports whether fn is one of WaitMethods.
func IsWaitMethod(fn *types.Func) bool { return waitMethods.Has(fn) }
