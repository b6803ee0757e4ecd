// Package codes defines the canonical error codes used by gRPC.
//
// This is a stub of google.golang.org/grpc@v1.85.0/codes.
package codes

// A Code is a status code defined according to the gRPC documentation.
type Code uint32

const (
	// OK is returned on success.
	OK Code = 0
	// Canceled indicates the operation was canceled (typically by the caller).
	Canceled Code = 1
	// Unknown error.
	Unknown Code = 2
	// InvalidArgument indicates client specified an invalid argument.
	InvalidArgument Code = 3
	// DeadlineExceeded means operation expired before completion.
	DeadlineExceeded Code = 4
	// NotFound means some requested entity (e.g., file or directory) was
	// not found.
	NotFound Code = 5
	// Unavailable indicates the service is currently unavailable.
	Unavailable Code = 14
)
