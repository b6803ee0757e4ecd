package grpcnamed

import (
	"google.golang.org/grpc"
	creds "google.golang.org/grpc/credentials/insecure"
)

// The file already imports insecure as creds: the fix reuses it.
func reuse() grpc.DialOption {
	_ = creds.NewCredentials()
	return grpc.WithInsecure() // want `grpc.WithInsecure is deprecated`
}

// The import's name is shadowed here: reported without a fix.
func shadowedImport(creds int) grpc.DialOption {
	_ = creds
	return grpc.WithInsecure() // want `grpc.WithInsecure is deprecated`
}
