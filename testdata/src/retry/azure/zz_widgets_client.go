package azure

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// WidgetsClient contains the methods for the Widgets group.
// Don't use this type directly, use NewWidgetsClient() instead.
type WidgetsClient struct {
	internal *azcore.Client
	endpoint string
}

// NewWidgetsClient creates a new instance of WidgetsClient with the specified values.
func NewWidgetsClient(endpoint string, options *azcore.ClientOptions) (*WidgetsClient, error) {
	cl, err := azcore.NewClient(moduleName, moduleVersion, runtime.PipelineOptions{}, options)
	if err != nil {
		return nil, err
	}
	client := &WidgetsClient{
		endpoint: endpoint,
		internal: cl,
	}
	return client, nil
}

// Create - Creates a widget.
func (client *WidgetsClient) Create(ctx context.Context, widgetName string, resource Widget, options *WidgetsClientCreateOptions) (WidgetsClientCreateResponse, error) {
	var err error
	const operationName = "WidgetsClient.Create"
	ctx = context.WithValue(ctx, runtime.CtxAPINameKey{}, operationName)
	req, err := client.createCreateRequest(ctx, widgetName, resource, options)
	if err != nil {
		return WidgetsClientCreateResponse{}, err
	}
	httpResp, err := client.internal.Pipeline().Do(req) // want `client region by Do`
	if err != nil {
		return WidgetsClientCreateResponse{}, err
	}
	if !runtime.HasStatusCode(httpResp, http.StatusOK, http.StatusCreated) {
		err = runtime.NewResponseError(httpResp)
		return WidgetsClientCreateResponse{}, err
	}
	resp, err := client.createHandleResponse(httpResp)
	return resp, err
}

// createCreateRequest creates the Create request.
func (client *WidgetsClient) createCreateRequest(ctx context.Context, widgetName string, resource Widget, options *WidgetsClientCreateOptions) (*policy.Request, error) {
	urlPath := "/widgets/{widgetName}"
	if widgetName == "" {
		return nil, errors.New("parameter widgetName cannot be empty")
	}
	urlPath = strings.ReplaceAll(urlPath, "{widgetName}", url.PathEscape(widgetName))
	req, err := runtime.NewRequest(ctx, http.MethodPost, runtime.JoinPaths(client.endpoint, urlPath))
	if err != nil {
		return nil, err
	}
	reqQP := req.Raw().URL.Query()
	reqQP.Set("api-version", "2024-05-01")
	req.Raw().URL.RawQuery = reqQP.Encode()
	req.Raw().Header["Accept"] = []string{"application/json"}
	if err := runtime.MarshalAsJSON(req, resource); err != nil {
		return nil, err
	}
	return req, nil
}

// createHandleResponse handles the Create response.
func (client *WidgetsClient) createHandleResponse(resp *http.Response) (WidgetsClientCreateResponse, error) {
	result := WidgetsClientCreateResponse{}
	if err := runtime.UnmarshalAsJSON(resp, &result.Widget); err != nil {
		return WidgetsClientCreateResponse{}, err
	}
	return result, nil
}

// Get - Returns a widget.
func (client *WidgetsClient) Get(ctx context.Context, widgetName string, options *WidgetsClientGetOptions) (WidgetsClientGetResponse, error) {
	var err error
	req, err := client.getCreateRequest(ctx, widgetName, options)
	if err != nil {
		return WidgetsClientGetResponse{}, err
	}
	httpResp, err := client.internal.Pipeline().Do(req) // want `client region by Do`
	if err != nil {
		return WidgetsClientGetResponse{}, err
	}
	if !runtime.HasStatusCode(httpResp, http.StatusOK) {
		err = runtime.NewResponseError(httpResp)
		return WidgetsClientGetResponse{}, err
	}
	result := WidgetsClientGetResponse{}
	if err := runtime.UnmarshalAsJSON(httpResp, &result.Widget); err != nil {
		return WidgetsClientGetResponse{}, err
	}
	return result, nil
}

// getCreateRequest creates the Get request.
func (client *WidgetsClient) getCreateRequest(ctx context.Context, widgetName string, options *WidgetsClientGetOptions) (*policy.Request, error) {
	urlPath := "/widgets/{widgetName}"
	urlPath = strings.ReplaceAll(urlPath, "{widgetName}", url.PathEscape(widgetName))
	req, err := runtime.NewRequest(ctx, http.MethodGet, runtime.JoinPaths(client.endpoint, urlPath))
	if err != nil {
		return nil, err
	}
	req.Raw().Header["Accept"] = []string{"application/json"}
	return req, nil
}
