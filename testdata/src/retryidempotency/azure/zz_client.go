// Package azure is an Azure SDK client for an orders service, written as
// the SDK's Go code generator writes one: a createRequest builder per
// operation returning a *policy.Request (its method a constant), and an
// operation that sends it with client.internal.Pipeline().Do(req). The
// pipeline's retry policy retries every method by default, so a POST or
// PATCH without a key is retried as it is. The service supports
// repeatable requests on one operation (Place): its builder sets
// Repeatability-Request-ID from the options, as generated code does.
// custom.go holds hand-written operations next to the generated ones.
package azure

import (
	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

const (
	moduleName    = "github.com/contoso/sdk/commerce/azorders"
	moduleVersion = "v0.4.1"
)

// OrdersClient contains the methods for the Orders group.
// Don't use this type directly, use NewOrdersClient() instead.
type OrdersClient struct {
	internal *azcore.Client
	endpoint string
}

// NewOrdersClient creates a new instance of OrdersClient with the specified values.
//   - endpoint - Service host
//   - options - pass nil to accept the default values.
func NewOrdersClient(endpoint string, options *azcore.ClientOptions) (*OrdersClient, error) {
	cl, err := azcore.NewClient(moduleName, moduleVersion, runtime.PipelineOptions{}, options)
	if err != nil {
		return nil, err
	}
	client := &OrdersClient{
		endpoint: endpoint,
		internal: cl,
	}
	return client, nil
}
