// Package nested has a deprecated dial option inside the argument of
// another, so that their fixes overlap: transportvet -fix applies the outer
// one, then the inner one in a second round.
package nested

import (
	"time"

	"google.golang.org/grpc"
)

// delay returns the backoff delay that suits a dial option.
func delay(grpc.DialOption) time.Duration { return 10 * time.Second }

// Nested dials with both options deprecated.
func Nested() (*grpc.ClientConn, error) {
	return grpc.NewClient("passthrough:///backend:50051", grpc.WithBackoffMaxDelay(delay(grpc.WithInsecure()))) // finding: outer, inner
}
