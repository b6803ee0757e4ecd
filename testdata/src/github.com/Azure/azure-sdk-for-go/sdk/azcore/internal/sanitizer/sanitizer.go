// Package sanitizer is a stub of
// github.com/Azure/azure-sdk-for-go/sdk/azcore/internal/sanitizer v1.24.0
// for analysistest: the declarations the other stubs use, with the real
// signatures (sanitizer.go); bodies are trivial.
package sanitizer

// Sanitizer redacts the headers and query parameters that are not allowed
// from the URLs and headers it logs.
type Sanitizer struct {
	allowedHeaders map[string]struct{}
	allowedQP      map[string]struct{}
}

// Options configures a Sanitizer.
type Options struct {
	AllowedHeaders     []string
	AllowedQueryParams []string
}

// New creates a Sanitizer.
func New(o Options) *Sanitizer { return &Sanitizer{} }
