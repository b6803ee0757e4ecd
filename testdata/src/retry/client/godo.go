package client

import (
	"context"
	"net/http"

	"github.com/hashicorp/go-retryablehttp"
)

// Godo is godo's client (new-retry-loops.md R5): New replaces the
// caller's *http.Client with go-retryablehttp's StandardClient when
// retries are configured, and every request goes out through a function
// that takes the client as a parameter.
type Godo struct {
	HTTPClient *http.Client
	RetryMax   int
}

func NewGodo(hc *http.Client, retryMax int) *Godo {
	c := &Godo{HTTPClient: hc, RetryMax: retryMax}
	if c.RetryMax > 0 {
		rc := retryablehttp.NewClient()
		rc.RetryMax = c.RetryMax
		c.HTTPClient = rc.StandardClient()
	}
	return c
}

func (c *Godo) Do(ctx context.Context, req *http.Request) (*http.Response, error) {
	return DoRequestWithClient(ctx, c.HTTPClient, req)
}

// DoRequest sends with http.DefaultClient: it does not make the send
// below a retry, nor keeps it from being one.
func DoRequest(ctx context.Context, req *http.Request) (*http.Response, error) {
	return DoRequestWithClient(ctx, http.DefaultClient, req)
}

func DoRequestWithClient(ctx context.Context, client *http.Client, req *http.Request) (*http.Response, error) {
	req = req.WithContext(ctx)
	return client.Do(req) // want `client region by Do`
}

// Plain never sets its client to a retrying one: silent.
type Plain struct {
	HTTPClient *http.Client
}

func (p *Plain) Do(ctx context.Context, req *http.Request) (*http.Response, error) {
	return sendWith(p.HTTPClient, req.WithContext(ctx))
}

func sendWith(client *http.Client, req *http.Request) (*http.Response, error) {
	return client.Do(req)
}
