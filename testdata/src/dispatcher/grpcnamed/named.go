// Package grpcnamed checks that fixes add imports without clashing with
// the names a file already uses.
package grpcnamed

import (
	"fmt"

	rpc "google.golang.org/grpc"
)

// insecure is taken in this package, so the fix imports the package as
// grpcinsecure.
var insecure = fmt.Sprint("plain")

func renamed() rpc.DialOption {
	return rpc.WithInsecure() // want `grpc.WithInsecure is deprecated`
}

func backoff() (*rpc.ClientConn, error) {
	return rpc.NewClient("passthrough:///svc:443", rpc.WithBackoffMaxDelay(100)) // want `grpc.WithBackoffMaxDelay is deprecated`
}
