package a

import (
	"context"
	"net/http"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// Azure's generated builders: one per operation, the method a constant,
// every header written into req.Raw().Header, the body set by
// runtime.MarshalAsJSON.

type WidgetsClient struct {
	endpoint string
}

type WidgetsClientCreateOptions struct {
	RepeatabilityFirstSent *time.Time
	RepeatabilityRequestID *string
}

func (client *WidgetsClient) createCreateRequest(ctx context.Context, widget any, options *WidgetsClientCreateOptions) (*policy.Request, error) { // want createCreateRequest:`builds a request: method POST, body parameter -1, keyed true`
	req, err := runtime.NewRequest(ctx, http.MethodPost, runtime.JoinPaths(client.endpoint, "/widgets"))
	if err != nil {
		return nil, err
	}
	reqQP := req.Raw().URL.Query()
	reqQP.Set("api-version", "2025-01-01")
	req.Raw().URL.RawQuery = reqQP.Encode()
	req.Raw().Header["Accept"] = []string{"application/json"}
	if options != nil && options.RepeatabilityFirstSent != nil {
		req.Raw().Header["Repeatability-First-Sent"] = []string{options.RepeatabilityFirstSent.Format(time.RFC1123)}
	}
	if options != nil && options.RepeatabilityRequestID != nil {
		req.Raw().Header["Repeatability-Request-ID"] = []string{*options.RepeatabilityRequestID}
	}
	if err := runtime.MarshalAsJSON(req, widget); err != nil {
		return nil, err
	}
	return req, nil
}

func (client *WidgetsClient) deleteCreateRequest(ctx context.Context, name string) (*policy.Request, error) { // want deleteCreateRequest:`builds a request: method DELETE, body parameter -1, keyed false`
	req, err := runtime.NewRequest(ctx, http.MethodDelete, runtime.JoinPaths(client.endpoint, "/widgets", name))
	if err != nil {
		return nil, err
	}
	req.Raw().Header.Set("Accept", "application/json")
	return req, nil
}

// A hand-written core: the method is the caller's.
func (client *WidgetsClient) newRequest(ctx context.Context, method, path string) (*policy.Request, error) { // want newRequest:`builds a request: method parameter 1, body parameter -1, keyed false`
	req, err := runtime.NewRequest(ctx, method, runtime.JoinPaths(client.endpoint, path))
	if err != nil {
		return nil, err
	}
	req.Raw().Header.Set("User-Agent", "widgets/1.0")
	return req, err
}

// Silent: the raw request is handed to code that may set a key.
func (client *WidgetsClient) newSigned(ctx context.Context) (*policy.Request, error) {
	req, err := runtime.NewRequest(ctx, http.MethodPost, client.endpoint)
	if err != nil {
		return nil, err
	}
	signRaw(req.Raw())
	return req, nil
}

func signRaw(*http.Request) {}
