// Package streaming is a stub of
// github.com/Azure/azure-sdk-for-go/sdk/azcore/streaming v1.24.0 for
// analysistest: NopCloser, with its real signature (progress.go).
package streaming

import (
	"io"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/internal/exported"
)

// NopCloser returns a ReadSeekCloser with a no-op close method wrapping the provided io.ReadSeeker.
// In addition to adding a Close method to an io.ReadSeeker, this can also be used to wrap an
// io.ReadSeekCloser with a no-op Close method to allow explicit control of when the io.ReedSeekCloser
// has its underlying stream closed.
func NopCloser(rs io.ReadSeeker) io.ReadSeekCloser {
	return exported.NopCloser(rs)
}
