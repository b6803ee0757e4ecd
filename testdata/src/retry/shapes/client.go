// Package shapes holds retry loops written the way API clients write them
// (modelled on slack-go, linodego, rehttp, aws-sdk-go-v2's retry
// middleware, go-grpc-middleware's retry interceptor and
// go-retryablehttp), next to the loops of the same clients that are not
// retries: pagination, cursors, polling, stream readers, workers, fan-out.
//
// client.go holds the client and its request helpers; do.go the request
// cores; transport.go the retrying round trippers and middlewares; grpc.go
// the gRPC interceptors and streams; callers.go the API methods built on
// them.
package shapes

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"strconv"
	"time"
)

func mark() {}

const (
	defaultBaseURL    = "https://api.example.com/v2/"
	defaultMaxRetries = 4
	userAgent         = "shapes-go/1.3.0"
)

// A BackoffPolicy computes the wait before the next attempt.
type BackoffPolicy interface {
	Backoff(attempt int) time.Duration
}

type exponential struct {
	min, max time.Duration
}

func (e exponential) Backoff(attempt int) time.Duration {
	d := e.min << attempt
	if d <= 0 || d > e.max {
		return e.max
	}
	return d
}

// Client talks to the example API.
type Client struct {
	baseURL    string
	token      string
	httpClient *http.Client
	backoff    BackoffPolicy
	maxRetries int
	logger     *log.Logger

	// OnRetry, when set, is called before each retry.
	OnRetry func(attempt int, err error)
}

// NewClient returns a client with the default retry policy.
func NewClient(token string) *Client {
	return &Client{
		baseURL:    defaultBaseURL,
		token:      token,
		httpClient: &http.Client{Timeout: 30 * time.Second},
		backoff:    exponential{min: 250 * time.Millisecond, max: 8 * time.Second},
		maxRetries: defaultMaxRetries,
		logger:     log.Default(),
	}
}

// newRequest builds an API request; body, if not nil, is sent as JSON.
func (c *Client) newRequest(ctx context.Context, method, path string, body any) (*http.Request, error) {
	var r io.Reader
	if body != nil {
		buf, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		r = bytes.NewReader(buf)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.baseURL+path, r)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("User-Agent", userAgent)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, nil
}

// shouldRetry is the client's retry predicate.
func shouldRetry(resp *http.Response, err error) bool {
	if err != nil {
		return !errors.Is(err, context.Canceled)
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// retryAfter returns the server's Retry-After, in seconds form only.
func retryAfter(resp *http.Response) (time.Duration, error) {
	if resp == nil {
		return 0, nil
	}
	s := resp.Header.Get("Retry-After")
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("bad Retry-After %q: %w", s, err)
	}
	return time.Duration(n) * time.Second, nil
}

// sleepCtx waits d or until ctx is done; it reports whether it waited.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// APIError is the error of a non-2xx response.
type APIError struct {
	StatusCode int
	Message    string `json:"message"`
}

func (e *APIError) Error() string { return fmt.Sprintf("api: %d %s", e.StatusCode, e.Message) }

// checkResponse turns a non-2xx response into an *APIError.
func checkResponse(resp *http.Response) error {
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return nil
	}
	apiErr := &APIError{StatusCode: resp.StatusCode}
	_ = json.NewDecoder(resp.Body).Decode(apiErr)
	return apiErr
}

// Response wraps an API response with its pagination links.
type Response struct {
	*http.Response
	NextPage   int
	NextCursor string
}

// ListOptions selects a page.
type ListOptions struct {
	Page    int `url:"page,omitempty"`
	PerPage int `url:"per_page,omitempty"`
}
