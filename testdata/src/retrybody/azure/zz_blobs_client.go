// Package azure is an Azure SDK client as the SDK's generator writes one
// (zz_blobs_client.go), with hand-written retries on top of it
// (retries.go). The pipeline rewinds a request's body before every try
// (its retry policy calls RewindBody, and SetBody seeks to the start), and
// reads the response body into memory and closes it before Do returns:
// neither a re-sent body nor a response left open loses anything, so
// retrybody is silent on all of it.
package azure

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

const (
	moduleName    = "github.com/contoso/sdk/storage/azblobs"
	moduleVersion = "v1.2.0"
)

// BlobsClient contains the methods for the Blobs group.
// Don't use this type directly, use NewBlobsClient() instead.
type BlobsClient struct {
	internal *azcore.Client
	endpoint string
}

// NewBlobsClient creates a new instance of BlobsClient with the specified values.
func NewBlobsClient(endpoint string, options *azcore.ClientOptions) (*BlobsClient, error) {
	cl, err := azcore.NewClient(moduleName, moduleVersion, runtime.PipelineOptions{}, options)
	if err != nil {
		return nil, err
	}
	return &BlobsClient{internal: cl, endpoint: endpoint}, nil
}

// BlobsClientUploadOptions contains the optional parameters for the BlobsClient.Upload method.
type BlobsClientUploadOptions struct {
	ContentType *string
}

// BlobsClientUploadResponse contains the response from method BlobsClient.Upload.
type BlobsClientUploadResponse struct {
	ETag *string
}

// Upload - Uploads a blob.
func (client *BlobsClient) Upload(ctx context.Context, blobName string, body io.ReadSeekCloser, options *BlobsClientUploadOptions) (BlobsClientUploadResponse, error) {
	req, err := client.uploadCreateRequest(ctx, blobName, body, options)
	if err != nil {
		return BlobsClientUploadResponse{}, err
	}
	httpResp, err := client.internal.Pipeline().Do(req)
	if err != nil {
		return BlobsClientUploadResponse{}, err
	}
	if !runtime.HasStatusCode(httpResp, http.StatusCreated) {
		err = runtime.NewResponseError(httpResp)
		return BlobsClientUploadResponse{}, err
	}
	result := BlobsClientUploadResponse{}
	if val := httpResp.Header.Get("ETag"); val != "" {
		result.ETag = &val
	}
	return result, nil
}

// uploadCreateRequest creates the Upload request.
func (client *BlobsClient) uploadCreateRequest(ctx context.Context, blobName string, body io.ReadSeekCloser, options *BlobsClientUploadOptions) (*policy.Request, error) {
	urlPath := "/{blobName}"
	urlPath = strings.ReplaceAll(urlPath, "{blobName}", url.PathEscape(blobName))
	req, err := runtime.NewRequest(ctx, http.MethodPut, runtime.JoinPaths(client.endpoint, urlPath))
	if err != nil {
		return nil, err
	}
	req.Raw().Header["x-ms-blob-type"] = []string{"BlockBlob"}
	if options != nil && options.ContentType != nil {
		req.Raw().Header["Content-Type"] = []string{*options.ContentType}
	}
	if err := req.SetBody(body, "application/octet-stream"); err != nil {
		return nil, err
	}
	return req, nil
}
