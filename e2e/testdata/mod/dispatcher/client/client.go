// Package client dials a gRPC backend and an HTTP upstream with deprecated
// transport APIs.
package client

import (
	"context"
	"net"
	"net/http"
	"time"

	"google.golang.org/grpc"
)

// Backend dials the backend the old way.
func Backend(ctx context.Context) (*grpc.ClientConn, error) {
	return grpc.DialContext(ctx, "backend:50051",
		grpc.WithInsecure(),
		grpc.WithBackoffMaxDelay(10*time.Second),
		grpc.WithUserAgent("client/1.0"),
	)
}

// Blocking dials and waits until connected: not rewritten.
func Blocking(ctx context.Context) (*grpc.ClientConn, error) {
	return grpc.DialContext(ctx, "backend:50051", grpc.WithInsecure(), grpc.WithBlock())
}

func legacyDial(addr string, timeout time.Duration) (net.Conn, error) {
	return net.DialTimeout("tcp", addr, timeout)
}

// Custom dials through a custom dialer.
func Custom() (*grpc.ClientConn, error) {
	return grpc.Dial("backend:50051", grpc.WithInsecure(), grpc.WithDialer(legacyDial))
}

// HTTP returns a transport with a deprecated Dial hook.
func HTTP() *http.Transport {
	d := &net.Dialer{Timeout: 5 * time.Second}
	return &http.Transport{Dial: d.Dial, MaxIdleConns: 10}
}
