package generated

import "google.golang.org/grpc"

// The package's hand-written file is reported as usual.
func dialHand() (*grpc.ClientConn, error) {
	return grpc.Dial("svc:443") // want `grpc.Dial is deprecated`
}
