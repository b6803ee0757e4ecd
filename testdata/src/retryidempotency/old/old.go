//go:build go1.22

// Package old may not use Go 1.24's crypto/rand.Text: reported, no fix.
package old

import (
	"net/http"

	"github.com/cenkalti/backoff/v4"
)

func send(c *http.Client) error {
	return backoff.Retry(func() error {
		req, _ := http.NewRequest(http.MethodPost, "https://api.example.com/x", nil)
		_, err := c.Do(req) // want `POST request is retried by backoff.Retry`
		return err
	}, &backoff.ZeroBackOff{})
}
