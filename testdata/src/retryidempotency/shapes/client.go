// Package shapes is retryidempotency's story told the way a payments
// client is written: client.go holds the client, its request helper and
// its status handling; payments.go the API methods, each with its own
// status-driven retry loop.
package shapes

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

const (
	apiBase        = "https://payments.example.com/v1/"
	defaultRetries = 3
)

// Client is a payments API client.
type Client struct {
	secret     string
	httpClient *http.Client
	maxRetries int
	wait       func(attempt int) time.Duration
}

// NewClient returns a client with the default policy.
func NewClient(secret string) *Client {
	return &Client{
		secret:     secret,
		httpClient: &http.Client{Timeout: 20 * time.Second},
		maxRetries: defaultRetries,
		wait:       func(attempt int) time.Duration { return time.Duration(1<<attempt) * 250 * time.Millisecond },
	}
}

// newRequest builds a form-encoded API request.
func (c *Client) newRequest(ctx context.Context, method, path, form string) (*http.Request, error) {
	var body io.Reader
	if form != "" {
		body = strings.NewReader(form)
	}
	req, err := http.NewRequestWithContext(ctx, method, apiBase+path, body)
	if err != nil {
		return nil, err
	}
	req.SetBasicAuth(c.secret, "")
	if form != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return req, nil
}

// newKey returns a fresh idempotency key.
func newKey() string { return rand.Text() }

// Charge is a payment.
type Charge struct {
	ID     string `json:"id"`
	Amount int64  `json:"amount"`
	Status string `json:"status"`
}

// decodeCharge reads a 2xx response into a Charge.
func decodeCharge(resp *http.Response) (*Charge, error) {
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return nil, fmt.Errorf("payments: %s", resp.Status)
	}
	var ch Charge
	if err := json.NewDecoder(resp.Body).Decode(&ch); err != nil {
		return nil, err
	}
	return &ch, nil
}

var errRetriesExhausted = errors.New("payments: retries exhausted")
