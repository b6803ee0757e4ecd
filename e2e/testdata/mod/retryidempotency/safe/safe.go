// Package safe tells go-retryablehttp not to retry anything but GET.
package safe

import (
	"context"
	"net/http"

	"github.com/hashicorp/go-retryablehttp"
)

// New returns a client that retries only GET.
func New() *retryablehttp.Client {
	rc := retryablehttp.NewClient()
	rc.CheckRetry = func(ctx context.Context, resp *http.Response, err error) (bool, error) {
		if resp != nil && resp.Request.Method != http.MethodGet {
			return false, nil
		}
		return retryablehttp.DefaultRetryPolicy(ctx, resp, err)
	}
	return rc
}

// Post is not retried: the CheckRetry above refuses POST.
func Post(rc *retryablehttp.Client) error {
	resp, err := rc.Post("https://api.example.com/x", "text/plain", nil)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
