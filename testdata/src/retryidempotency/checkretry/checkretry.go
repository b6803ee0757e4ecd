// Package checkretry tells its retrying clients not to retry POST: the
// predicates visibly check the method, so nothing is reported.
package checkretry

import (
	"context"
	"net/http"

	"github.com/go-resty/resty/v2"
	"github.com/hashicorp/go-retryablehttp"
)

func newClient() *retryablehttp.Client {
	rc := retryablehttp.NewClient()
	rc.CheckRetry = func(ctx context.Context, resp *http.Response, err error) (bool, error) {
		if resp != nil && resp.Request.Method == http.MethodPost {
			return false, nil
		}
		return retryablehttp.DefaultRetryPolicy(ctx, resp, err)
	}
	return rc
}

func post(rc *retryablehttp.Client) {
	rc.Post("https://api.example.com/x", "text/plain", nil)
}

func restyClient() *resty.Client {
	return resty.New().SetRetryCount(3).AddRetryCondition(func(r *resty.Response, err error) bool {
		return r.Request.Method == http.MethodGet
	})
}

func restyPost() {
	resty.New().SetRetryCount(3).R().Post("https://api.example.com/x")
}
