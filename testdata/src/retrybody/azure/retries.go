package azure

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/streaming"
)

var errBusy = errors.New("blob service busy")

// PutWithRetry retries a put on 503 by hand: the request, and its body,
// are built once before the loop and sent again. Silent: the pipeline
// rewinds the body before every try.
func (client *BlobsClient) PutWithRetry(ctx context.Context, blobName string, data []byte) error {
	req, err := runtime.NewRequest(ctx, http.MethodPut, runtime.JoinPaths(client.endpoint, blobName))
	if err != nil {
		return err
	}
	if err := req.SetBody(streaming.NopCloser(bytes.NewReader(data)), "application/octet-stream"); err != nil {
		return err
	}
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := client.internal.Pipeline().Do(req)
		if err != nil {
			return err
		}
		if resp.StatusCode == http.StatusServiceUnavailable {
			// Silent: the pipeline has read and closed the body.
			time.Sleep(time.Duration(attempt+1) * time.Second)
			continue
		}
		if !runtime.HasStatusCode(resp, http.StatusCreated) {
			return runtime.NewResponseError(resp)
		}
		return nil
	}
	return errBusy
}

// AppendWithRetry builds a request per attempt around one reader made
// before the loop. Silent: SetBody seeks the reader to its start.
func (client *BlobsClient) AppendWithRetry(ctx context.Context, blobName string, data []byte) error {
	rdr := bytes.NewReader(data)
	for attempt := 0; ; attempt++ {
		req, err := runtime.NewRequest(ctx, http.MethodPost, runtime.JoinPaths(client.endpoint, blobName))
		if err != nil {
			return err
		}
		if err := req.SetBody(streaming.NopCloser(rdr), "application/octet-stream"); err != nil {
			return err
		}
		resp, err := client.internal.Pipeline().Do(req)
		if err == nil && resp.StatusCode < 300 {
			return nil
		}
		if attempt == 2 {
			return errBusy
		}
		time.Sleep(time.Second)
	}
}

// Stage uploads through the generated method, the body made once.
// Silent: Upload's request keeps the body it was given and the pipeline
// rewinds it.
func (client *BlobsClient) Stage(ctx context.Context, blobName string, data []byte) error {
	body := streaming.NopCloser(bytes.NewReader(data))
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		if _, err = client.Upload(ctx, blobName, body, nil); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}
