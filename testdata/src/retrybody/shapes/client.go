// Package shapes is retrybody's story told the way an object-store client
// is written: client.go holds the client and its request helper,
// objects.go the status-driven downloads (responses leaked or closed on
// the way to the next attempt), uploads.go the uploads (bodies consumed by
// the first attempt, or rebuilt for each).
package shapes

import (
	"context"
	"io"
	"net/http"
	"time"
)

const (
	defaultRetries = 3
	contentType    = "application/octet-stream"
)

// Client is an object-store client.
type Client struct {
	baseURL    string
	token      string
	httpClient *http.Client
	maxRetries int
	minWait    time.Duration
}

// NewClient returns a client for baseURL.
func NewClient(baseURL, token string) *Client {
	return &Client{
		baseURL:    baseURL,
		token:      token,
		httpClient: &http.Client{Timeout: time.Minute},
		maxRetries: defaultRetries,
		minWait:    200 * time.Millisecond,
	}
}

func (c *Client) backoff(attempt int) time.Duration {
	return c.minWait << attempt
}

// newRequest builds an authenticated request.
func (c *Client) newRequest(ctx context.Context, method, path string, body io.Reader) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, method, c.baseURL+path, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	if body != nil {
		req.Header.Set("Content-Type", contentType)
	}
	return req, nil
}
