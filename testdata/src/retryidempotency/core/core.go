// Package core is an API client whose requests all go through one
// retrying core: the method comes from the callers (linodego's
// doRequest, godo's and go-github's Do).
package core

import (
	"context"
	"io"
	"net/http"
	"time"
)

type Client struct {
	base string
	hc   *http.Client
}

// do retries every request it builds, whatever its method.
func (c *Client) do(ctx context.Context, method, path string, body io.Reader) (*http.Response, error) {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var req *http.Request
		req, err = http.NewRequestWithContext(ctx, method, c.base+path, body)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Accept", "application/json")
		var resp *http.Response
		if resp, err = c.hc.Do(req); err == nil && resp.StatusCode < 500 {
			return resp, nil
		}
		if err == nil {
			resp.Body.Close()
		}
		time.Sleep(time.Second)
	}
	return nil, err
}

// Send is an exported wrapper: the method is still the caller's.
func (c *Client) Send(ctx context.Context, method, path string) (*http.Response, error) { // want Send:`retries a request of the method of parameter 1 at core.go:29`
	return c.do(ctx, method, path, nil)
}

// CreateWidget POSTs through the core: retried without a key.
func (c *Client) CreateWidget(ctx context.Context) (*http.Response, error) {
	return c.do(ctx, http.MethodPost, "widgets", nil) // want `core.Client.do retries the POST request it builds \(core.go:29, this loop\) without an Idempotency-Key header`
}

// Silent: a GET is safe to retry.
func (c *Client) GetWidget(ctx context.Context) (*http.Response, error) {
	return c.do(ctx, http.MethodGet, "widgets/1", nil)
}

// keyed sets a key on every request: no core.
func (c *Client) keyed(ctx context.Context, method, key string) (*http.Response, error) {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var req *http.Request
		req, err = http.NewRequestWithContext(ctx, method, c.base, nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Idempotency-Key", key)
		var resp *http.Response
		if resp, err = c.hc.Do(req); err == nil {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, err
}

// Silent: the core sets the key.
func (c *Client) CreateKeyed(ctx context.Context) (*http.Response, error) {
	return c.keyed(ctx, http.MethodPost, "k1")
}

// idempotentOnly retries only what is safe: the loop checks the method.
func (c *Client) idempotentOnly(ctx context.Context, method string) (*http.Response, error) {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var req *http.Request
		req, err = http.NewRequestWithContext(ctx, method, c.base, nil)
		if err != nil {
			return nil, err
		}
		var resp *http.Response
		if resp, err = c.hc.Do(req); err == nil || method != http.MethodGet {
			return resp, err
		}
		time.Sleep(time.Second)
	}
	return nil, err
}

// Silent: the loop checks the method.
func (c *Client) CreateChecked(ctx context.Context) (*http.Response, error) {
	return c.idempotentOnly(ctx, http.MethodPost)
}
