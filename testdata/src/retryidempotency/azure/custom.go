package azure

import (
	"context"
	"net/http"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// Hand-written operations, next to the generated ones.

// Cancel sets the key the caller gives. Silent.
func (client *OrdersClient) Cancel(ctx context.Context, orderID, idempotencyKey string) error {
	req, err := runtime.NewRequest(ctx, http.MethodPost, runtime.JoinPaths(client.endpoint, "/orders", orderID, ":cancel"))
	if err != nil {
		return err
	}
	req.Raw().Header.Set("Idempotency-Key", idempotencyKey)
	resp, err := client.internal.Pipeline().Do(req)
	if err != nil {
		return err
	}
	if !runtime.HasStatusCode(resp, http.StatusAccepted) {
		return runtime.NewResponseError(resp)
	}
	return nil
}

// Ship writes the request ID into the header map, as generated code does.
// Silent.
func (client *OrdersClient) Ship(ctx context.Context, orderID, requestID string) error {
	req, err := runtime.NewRequest(ctx, http.MethodPost, runtime.JoinPaths(client.endpoint, "/orders", orderID, ":ship"))
	if err != nil {
		return err
	}
	req.Raw().Header["Repeatability-Request-ID"] = []string{requestID}
	_, err = client.internal.Pipeline().Do(req)
	return err
}

// Refund builds its POST in place, without a key.
func (client *OrdersClient) Refund(ctx context.Context, orderID string, amount int) error { // want Refund:`sends POST at custom.go:52`
	req, err := runtime.NewRequest(ctx, http.MethodPost, runtime.JoinPaths(client.endpoint, "/orders", orderID, ":refund"))
	if err != nil {
		return err
	}
	req.Raw().Header["Accept"] = []string{"application/json"}
	if err := runtime.MarshalAsJSON(req, map[string]int{"amount": amount}); err != nil {
		return err
	}
	resp, err := client.internal.Pipeline().Do(req) // want `POST request is retried by the Azure SDK pipeline`
	if err != nil {
		return err
	}
	if !runtime.HasStatusCode(resp, http.StatusOK) {
		return runtime.NewResponseError(resp)
	}
	return nil
}

// Archive hands the request to code that may set a key. Silent.
func (client *OrdersClient) Archive(ctx context.Context, orderID string) error {
	req, err := runtime.NewRequest(ctx, http.MethodPost, runtime.JoinPaths(client.endpoint, "/orders", orderID, ":archive"))
	if err != nil {
		return err
	}
	client.decorate(req.Raw())
	_, err = client.internal.Pipeline().Do(req)
	return err
}

func (client *OrdersClient) decorate(*http.Request) {}

// Note sends its POST through a pipeline whose retries are off. Silent.
func Note(ctx context.Context, endpoint, text string) error { // want Note:`sends POST at custom.go:87`
	pl := runtime.NewPipeline(moduleName, moduleVersion, runtime.PipelineOptions{}, &policy.ClientOptions{
		Retry: policy.RetryOptions{MaxRetries: -1},
	})
	req, err := runtime.NewRequest(ctx, http.MethodPost, endpoint)
	if err != nil {
		return err
	}
	if err := runtime.MarshalAsJSON(req, text); err != nil {
		return err
	}
	_, err = pl.Do(req)
	return err
}
