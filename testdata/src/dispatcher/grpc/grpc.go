// Package grpc uses grpc-go's deprecated dial APIs.
package grpc

import (
	"context"
	"net"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
)

const addr = "localhost:50051"

// Dial with visible, non-blocking options becomes NewClient, keeping Dial's
// passthrough resolver.
func dial() (*grpc.ClientConn, error) {
	return grpc.Dial("localhost:50051", grpc.WithInsecure()) // want `grpc.Dial is deprecated: use grpc.NewClient \(dispatcher\)` `grpc.WithInsecure is deprecated: use grpc.WithTransportCredentials\(insecure.NewCredentials\(\)\)`
}

func dialConst() (*grpc.ClientConn, error) {
	return grpc.Dial(addr, grpc.WithUserAgent("svc")) // want `grpc.Dial is deprecated: use grpc.NewClient \(dispatcher\)`
}

func dialPassthrough() (*grpc.ClientConn, error) {
	return grpc.Dial("passthrough:///svc:443") // want `grpc.Dial is deprecated: use grpc.NewClient \(dispatcher\)`
}

func dialUnix() (*grpc.ClientConn, error) {
	return grpc.Dial("unix:///tmp/grpc.sock", grpc.WithAuthority("svc")) // want `grpc.Dial is deprecated: use grpc.NewClient \(dispatcher\)`
}

// DialContext without a blocking option never reads its context.
func dialContext(ctx context.Context) (*grpc.ClientConn, error) {
	return grpc.DialContext(ctx, "10.0.0.1:443") // want `grpc.DialContext is deprecated: use grpc.NewClient \(dispatcher\)`
}

func dialContextBackground() (*grpc.ClientConn, error) {
	return grpc.DialContext(context.Background(), addr) // want `grpc.DialContext is deprecated: use grpc.NewClient \(dispatcher\)`
}

// Blocking options: Dial blocks until connected, NewClient would not.
// Reported without a fix.
func dialBlocking(ctx context.Context) (*grpc.ClientConn, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	return grpc.DialContext(ctx, addr, grpc.WithBlock()) // want `grpc.DialContext is deprecated: use grpc.NewClient \(not rewritten: grpc.WithBlock makes it block until connected, which NewClient does not do\)` `grpc.WithBlock is deprecated: NewClient ignores it`
}

func dialTimeout() (*grpc.ClientConn, error) {
	return grpc.Dial(addr, grpc.WithTimeout(time.Second), grpc.WithReturnConnectionError(), grpc.FailOnNonTempDialError(true)) // want `grpc.Dial is deprecated.*not rewritten: grpc.WithTimeout` `grpc.WithTimeout is deprecated: NewClient ignores it` `grpc.WithReturnConnectionError is deprecated: NewClient ignores it` `grpc.FailOnNonTempDialError is deprecated: NewClient ignores it`
}

// Option lists that cannot be seen: reported without a fix.
func dialSpread(opts []grpc.DialOption) (*grpc.ClientConn, error) {
	return grpc.Dial(addr, opts...) // want `grpc.Dial is deprecated: use grpc.NewClient \(not rewritten: the option list is not statically visible\)`
}

func dialHelper(opt grpc.DialOption) (*grpc.ClientConn, error) {
	return grpc.Dial(addr, opt) // want `not rewritten: the option list is not statically visible`
}

// Targets NewClient would resolve differently: reported without a fix.
func dialVariable(target string) (*grpc.ClientConn, error) {
	return grpc.Dial(target) // want `not rewritten: its target is not a constant`
}

func dialDNS() (*grpc.ClientConn, error) {
	return grpc.Dial("dns:///svc.example.com:443") // want `not rewritten: a dns: target`
}

func dialScheme() (*grpc.ClientConn, error) {
	return grpc.Dial("consul://svc/api") // want `not rewritten: its target names a resolver scheme`
}

// A context variable used only here: deleting it would not compile.
func dialContextOnlyUse() (*grpc.ClientConn, error) {
	ctx := context.Background()
	return grpc.DialContext(ctx, addr) // want `not rewritten: dropping its context argument`
}

// A Dial used as a value: reported, nothing to rewrite.
var dialFunc = grpc.Dial // want `grpc.Dial is deprecated: use grpc.NewClient`

// WithDialer becomes WithContextDialer with grpc-go's own wrapper.
func legacyDialer(addr string, timeout time.Duration) (net.Conn, error) {
	return net.DialTimeout("tcp", addr, timeout)
}

func dialer() (*grpc.ClientConn, error) {
	return grpc.Dial(addr, // want `grpc.Dial is deprecated: use grpc.NewClient`
		grpc.WithDialer(legacyDialer), // want `grpc.WithDialer is deprecated: use grpc.WithContextDialer`
	)
}

// A dialer that is a variable could change before a dial: no fix.
func dialerVar(f func(string, time.Duration) (net.Conn, error)) grpc.DialOption {
	return grpc.WithDialer(f) // want `grpc.WithDialer is deprecated: use grpc.WithContextDialer`
}

// The backoff options become WithConnectParams with grpc-go's defaults
// spelled out.
func backoffMaxDelay() (*grpc.ClientConn, error) {
	return grpc.NewClient("passthrough:///svc:443", grpc.WithBackoffMaxDelay(5*time.Second)) // want `grpc.WithBackoffMaxDelay is deprecated: use grpc.WithConnectParams`
}

func backoffConfig() (*grpc.ClientConn, error) {
	return grpc.NewClient("passthrough:///svc:443", grpc.WithBackoffConfig(grpc.BackoffConfig{MaxDelay: 3 * time.Second})) // want `grpc.WithBackoffConfig is deprecated: use grpc.WithConnectParams` `grpc.BackoffConfig is deprecated: use ConnectParams instead`
}

// With another WithConnectParams the connect timeout would change: no fix.
func backoffAndParams() (*grpc.ClientConn, error) {
	return grpc.NewClient("passthrough:///svc:443", grpc.WithConnectParams(grpc.ConnectParams{MinConnectTimeout: time.Second}), grpc.WithBackoffMaxDelay(time.Second)) // want `grpc.WithBackoffMaxDelay is deprecated: use grpc.WithConnectParams`
}

// Outside a dial call the rest of the option list is unknown: no fix.
func backoffAlone() grpc.DialOption {
	return grpc.WithBackoffMaxDelay(time.Second) // want `grpc.WithBackoffMaxDelay is deprecated: use grpc.WithConnectParams`
}

// Other deprecated grpc identifiers, reported with their own note.
func others(err error) {
	_ = grpc.FailFast(false)         // want `grpc.FailFast is deprecated: use WaitForReady`
	_ = grpc.Code(err)               // want `grpc.Code is deprecated: use status.Code instead`
	_ = grpc.DefaultBackoffConfig    // want `grpc.DefaultBackoffConfig is deprecated: use ConnectParams instead`
	_ = grpc.WithMaxMsgSize(1 << 20) // want `grpc.WithMaxMsgSize is deprecated: use WithDefaultCallOptions\(MaxCallRecvMsgSize\(s\)\) instead`
}

// A deprecation in a grpc subpackage is not a transport API: silent
// (SA1019's business).
func subpackage(info credentials.ProtocolInfo) string {
	return info.SecurityVersion
}

// Not deprecated: silent.
func current(ctx context.Context) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, grpc.WithUserAgent("svc"), grpc.WithIdleTimeout(time.Minute))
}
