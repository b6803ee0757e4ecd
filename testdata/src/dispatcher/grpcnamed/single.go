package grpcnamed

import "google.golang.org/grpc"

func single() grpc.DialOption {
	return grpc.WithInsecure() // want `grpc.WithInsecure is deprecated`
}
