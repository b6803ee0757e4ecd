package grpcnamed

import "google.golang.org/grpc"

// The file uses the name grpcinsecure (and the package the name insecure):
// the fix picks a name used nowhere.
func shadowedPkg(grpcinsecure int) grpc.DialOption {
	_ = grpcinsecure
	return grpc.WithInsecure() // want `grpc.WithInsecure is deprecated`
}
