package azure

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// Submit - Submits an order. The service does not dedupe it.
func (client *OrdersClient) Submit(ctx context.Context, order Order, options *OrdersClientSubmitOptions) (OrdersClientSubmitResponse, error) { // want Submit:`sends POST at zz_orders_client.go:24`
	var err error
	const operationName = "OrdersClient.Submit"
	ctx = context.WithValue(ctx, runtime.CtxAPINameKey{}, operationName)
	req, err := client.submitCreateRequest(ctx, order, options)
	if err != nil {
		return OrdersClientSubmitResponse{}, err
	}
	httpResp, err := client.internal.Pipeline().Do(req) // want `POST request is retried by the Azure SDK pipeline \(its retry policy retries every method by default\) without an Idempotency-Key header: a retry after a timeout can repeat its side effect; set the key header the service honours on req.Raw\(\).Header`
	if err != nil {
		return OrdersClientSubmitResponse{}, err
	}
	if !runtime.HasStatusCode(httpResp, http.StatusCreated) {
		err = runtime.NewResponseError(httpResp)
		return OrdersClientSubmitResponse{}, err
	}
	resp, err := client.submitHandleResponse(httpResp)
	return resp, err
}

// submitCreateRequest creates the Submit request.
func (client *OrdersClient) submitCreateRequest(ctx context.Context, order Order, _ *OrdersClientSubmitOptions) (*policy.Request, error) {
	urlPath := "/orders"
	req, err := runtime.NewRequest(ctx, http.MethodPost, runtime.JoinPaths(client.endpoint, urlPath))
	if err != nil {
		return nil, err
	}
	reqQP := req.Raw().URL.Query()
	reqQP.Set("api-version", "2025-01-01")
	req.Raw().URL.RawQuery = reqQP.Encode()
	req.Raw().Header["Accept"] = []string{"application/json"}
	req.Raw().Header["Content-Type"] = []string{"application/json"}
	if err := runtime.MarshalAsJSON(req, order); err != nil {
		return nil, err
	}
	return req, nil
}

// submitHandleResponse handles the Submit response.
func (client *OrdersClient) submitHandleResponse(resp *http.Response) (OrdersClientSubmitResponse, error) {
	result := OrdersClientSubmitResponse{}
	if err := runtime.UnmarshalAsJSON(resp, &result.Order); err != nil {
		return OrdersClientSubmitResponse{}, err
	}
	return result, nil
}

// Place - Places an order; the service supports repeatable requests.
func (client *OrdersClient) Place(ctx context.Context, order Order, options *OrdersClientPlaceOptions) (OrdersClientPlaceResponse, error) {
	var err error
	const operationName = "OrdersClient.Place"
	ctx = context.WithValue(ctx, runtime.CtxAPINameKey{}, operationName)
	req, err := client.placeCreateRequest(ctx, order, options)
	if err != nil {
		return OrdersClientPlaceResponse{}, err
	}
	httpResp, err := client.internal.Pipeline().Do(req) // silent: keyed by Repeatability-Request-ID
	if err != nil {
		return OrdersClientPlaceResponse{}, err
	}
	if !runtime.HasStatusCode(httpResp, http.StatusCreated) {
		err = runtime.NewResponseError(httpResp)
		return OrdersClientPlaceResponse{}, err
	}
	resp, err := client.placeHandleResponse(httpResp)
	return resp, err
}

// placeCreateRequest creates the Place request.
func (client *OrdersClient) placeCreateRequest(ctx context.Context, order Order, options *OrdersClientPlaceOptions) (*policy.Request, error) {
	urlPath := "/orders:place"
	req, err := runtime.NewRequest(ctx, http.MethodPost, runtime.JoinPaths(client.endpoint, urlPath))
	if err != nil {
		return nil, err
	}
	reqQP := req.Raw().URL.Query()
	reqQP.Set("api-version", "2025-01-01")
	req.Raw().URL.RawQuery = reqQP.Encode()
	req.Raw().Header["Accept"] = []string{"application/json"}
	req.Raw().Header["Content-Type"] = []string{"application/json"}
	if options != nil && options.RepeatabilityFirstSent != nil {
		req.Raw().Header["Repeatability-First-Sent"] = []string{options.RepeatabilityFirstSent.Format(time.RFC1123)}
	}
	if options != nil && options.RepeatabilityRequestID != nil {
		req.Raw().Header["Repeatability-Request-ID"] = []string{*options.RepeatabilityRequestID}
	}
	if err := runtime.MarshalAsJSON(req, order); err != nil {
		return nil, err
	}
	return req, nil
}

// placeHandleResponse handles the Place response.
func (client *OrdersClient) placeHandleResponse(resp *http.Response) (OrdersClientPlaceResponse, error) {
	result := OrdersClientPlaceResponse{}
	if val := resp.Header.Get("Repeatability-Result"); val != "" {
		result.RepeatabilityResult = &val
	}
	if err := runtime.UnmarshalAsJSON(resp, &result.Order); err != nil {
		return OrdersClientPlaceResponse{}, err
	}
	return result, nil
}

// Get - Returns an order.
func (client *OrdersClient) Get(ctx context.Context, orderID string, options *OrdersClientGetOptions) (OrdersClientGetResponse, error) {
	req, err := client.getCreateRequest(ctx, orderID, options)
	if err != nil {
		return OrdersClientGetResponse{}, err
	}
	httpResp, err := client.internal.Pipeline().Do(req) // silent: GET
	if err != nil {
		return OrdersClientGetResponse{}, err
	}
	if !runtime.HasStatusCode(httpResp, http.StatusOK) {
		err = runtime.NewResponseError(httpResp)
		return OrdersClientGetResponse{}, err
	}
	result := OrdersClientGetResponse{}
	if err := runtime.UnmarshalAsJSON(httpResp, &result.Order); err != nil {
		return OrdersClientGetResponse{}, err
	}
	return result, nil
}

// getCreateRequest creates the Get request.
func (client *OrdersClient) getCreateRequest(ctx context.Context, orderID string, _ *OrdersClientGetOptions) (*policy.Request, error) {
	urlPath := "/orders/{orderId}"
	if orderID == "" {
		return nil, errors.New("parameter orderID cannot be empty")
	}
	urlPath = strings.ReplaceAll(urlPath, "{orderId}", url.PathEscape(orderID))
	req, err := runtime.NewRequest(ctx, http.MethodGet, runtime.JoinPaths(client.endpoint, urlPath))
	if err != nil {
		return nil, err
	}
	req.Raw().Header["Accept"] = []string{"application/json"}
	return req, nil
}

// Replace - Creates or replaces an order.
func (client *OrdersClient) Replace(ctx context.Context, orderID string, order Order, options *OrdersClientReplaceOptions) (OrdersClientReplaceResponse, error) {
	req, err := client.replaceCreateRequest(ctx, orderID, order, options)
	if err != nil {
		return OrdersClientReplaceResponse{}, err
	}
	httpResp, err := client.internal.Pipeline().Do(req) // silent: PUT
	if err != nil {
		return OrdersClientReplaceResponse{}, err
	}
	if !runtime.HasStatusCode(httpResp, http.StatusOK, http.StatusCreated) {
		err = runtime.NewResponseError(httpResp)
		return OrdersClientReplaceResponse{}, err
	}
	result := OrdersClientReplaceResponse{}
	if err := runtime.UnmarshalAsJSON(httpResp, &result.Order); err != nil {
		return OrdersClientReplaceResponse{}, err
	}
	return result, nil
}

// replaceCreateRequest creates the Replace request.
func (client *OrdersClient) replaceCreateRequest(ctx context.Context, orderID string, order Order, _ *OrdersClientReplaceOptions) (*policy.Request, error) {
	urlPath := "/orders/{orderId}"
	urlPath = strings.ReplaceAll(urlPath, "{orderId}", url.PathEscape(orderID))
	req, err := runtime.NewRequest(ctx, http.MethodPut, runtime.JoinPaths(client.endpoint, urlPath))
	if err != nil {
		return nil, err
	}
	req.Raw().Header["Accept"] = []string{"application/json"}
	if err := runtime.MarshalAsJSON(req, order); err != nil {
		return nil, err
	}
	return req, nil
}

// Update - Updates an order.
func (client *OrdersClient) Update(ctx context.Context, orderID string, patch OrderPatch, options *OrdersClientUpdateOptions) (OrdersClientUpdateResponse, error) { // want Update:`sends PATCH at zz_orders_client.go:198`
	req, err := client.updateCreateRequest(ctx, orderID, patch, options)
	if err != nil {
		return OrdersClientUpdateResponse{}, err
	}
	httpResp, err := client.internal.Pipeline().Do(req) // want `PATCH request is retried by the Azure SDK pipeline`
	if err != nil {
		return OrdersClientUpdateResponse{}, err
	}
	if !runtime.HasStatusCode(httpResp, http.StatusOK) {
		err = runtime.NewResponseError(httpResp)
		return OrdersClientUpdateResponse{}, err
	}
	result := OrdersClientUpdateResponse{}
	if err := runtime.UnmarshalAsJSON(httpResp, &result.Order); err != nil {
		return OrdersClientUpdateResponse{}, err
	}
	return result, nil
}

// updateCreateRequest creates the Update request.
func (client *OrdersClient) updateCreateRequest(ctx context.Context, orderID string, patch OrderPatch, _ *OrdersClientUpdateOptions) (*policy.Request, error) {
	urlPath := "/orders/{orderId}"
	urlPath = strings.ReplaceAll(urlPath, "{orderId}", url.PathEscape(orderID))
	req, err := runtime.NewRequest(ctx, http.MethodPatch, runtime.JoinPaths(client.endpoint, urlPath))
	if err != nil {
		return nil, err
	}
	req.Raw().Header["Accept"] = []string{"application/json"}
	req.Raw().Header["Content-Type"] = []string{"application/merge-patch+json"}
	if err := runtime.MarshalAsJSON(req, patch); err != nil {
		return nil, err
	}
	return req, nil
}
