// Package azcore is a stub of github.com/Azure/azure-sdk-for-go/sdk/azcore
// v1.24.0 for analysistest: the declarations transportvet uses, with the
// real signatures and aliases (core.go, errors.go); Client leaves out its
// tracing fields and Tracer method, whose package is not stubbed. Bodies
// are trivial.
package azcore

import (
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/internal/exported"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// ClientOptions contains optional settings for a client's pipeline.
// Instances can be shared across calls to SDK client constructors when uniform configuration is desired.
// Zero-value fields will have their specified default values applied during use.
type ClientOptions = policy.ClientOptions

// ResponseError is returned when a request is made to a service and
// the service returns a non-success HTTP status code.
type ResponseError = exported.ResponseError

// Client is a basic HTTP client.  It consists of a pipeline and tracing provider.
type Client struct {
	pl runtime.Pipeline

	modVer    string
	namespace string
}

// NewClient creates a new Client instance with the provided values.
//   - moduleName - the fully qualified name of the module where the client is defined; used by the telemetry policy and tracing provider.
//   - moduleVersion - the semantic version of the module; used by the telemetry policy and tracing provider.
//   - plOpts - pipeline configuration options; can be the zero-value
//   - options - optional client configurations; pass nil to accept the default values
func NewClient(moduleName, moduleVersion string, plOpts runtime.PipelineOptions, options *ClientOptions) (*Client, error) {
	if options == nil {
		options = &ClientOptions{}
	}
	pl := runtime.NewPipeline(moduleName, moduleVersion, plOpts, options)
	return &Client{pl: pl, modVer: moduleVersion, namespace: plOpts.Tracing.Namespace}, nil
}

// Pipeline returns the pipeline for this client.
func (c *Client) Pipeline() runtime.Pipeline {
	return c.pl
}
