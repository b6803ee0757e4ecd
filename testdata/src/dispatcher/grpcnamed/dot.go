package grpcnamed

import (
	"context"

	. "google.golang.org/grpc"
)

func dot(ctx context.Context) (*ClientConn, error) {
	return DialContext(ctx, "svc:443", WithInsecure()) // want `grpc.DialContext is deprecated` `grpc.WithInsecure is deprecated`
}
