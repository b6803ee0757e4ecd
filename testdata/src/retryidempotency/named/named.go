// Package named imports crypto/rand under another name: the fix reuses it.
package named

import (
	cr "crypto/rand"
	"net/http"

	"github.com/hashicorp/go-retryablehttp"
)

var _ = cr.Reader

func send(rc *retryablehttp.Client) error {
	req, err := retryablehttp.NewRequest(http.MethodPatch, "https://api.example.com/x", nil)
	if err != nil {
		return err
	}
	_, err = rc.Do(req) // want `PATCH request is retried by go-retryablehttp`
	return err
}
