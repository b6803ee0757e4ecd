// Package shapes is retrystorm's story told the way an API client is
// written: client.go holds the client, its backoff policy and its request
// helper; calls.go the API methods, each with a status-driven retry loop
// that waits well, waits ignoring the caller's context, or not at all.
package shapes

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"time"

	"golang.org/x/time/rate"
)

// A BackoffPolicy computes the wait before the next attempt.
type BackoffPolicy interface {
	Backoff(attempt int) time.Duration
}

type linear struct{ step time.Duration }

func (l linear) Backoff(attempt int) time.Duration { return time.Duration(attempt+1) * l.step }

// Client is an API client.
type Client struct {
	baseURL    string
	httpClient *http.Client
	backoff    BackoffPolicy
	limiter    *rate.Limiter
	maxRetries int
}

// NewClient returns a client with a linear backoff.
func NewClient(baseURL string) *Client {
	return &Client{
		baseURL:    baseURL,
		httpClient: http.DefaultClient,
		backoff:    linear{step: 500 * time.Millisecond},
		limiter:    rate.NewLimiter(10, 1),
		maxRetries: 5,
	}
}

func (c *Client) newRequest(ctx context.Context, method, path string, body io.Reader) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, method, c.baseURL+path, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	return req, nil
}

// retryAfter reads a Retry-After in seconds; 0 when there is none.
func retryAfter(resp *http.Response) time.Duration {
	n, err := strconv.Atoi(resp.Header.Get("Retry-After"))
	if err != nil || n < 0 {
		return 0
	}
	return time.Duration(n) * time.Second
}
