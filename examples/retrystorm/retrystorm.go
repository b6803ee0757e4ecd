// Package retrystorm shows retries that hammer a failing dependency: with no
// delay at all, or with a delay the caller cannot cancel. transportvet's
// retrystorm check reports them.
package retrystorm

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"time"

	"github.com/cenkalti/backoff/v4"
)

// Client calls a pricing service.
type Client struct {
	HTTP *http.Client
	Base string
}

// Quote re-sends at once when the service fails: during an outage every
// client does the same, as fast as it can (tendermint/tendermint#751).
func (c *Client) Quote(ctx context.Context, sku string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.Base+"/quote/"+sku, nil)
	if err != nil {
		return nil, err
	}
	for attempt := 0; attempt < 5; attempt++ { // retrystorm: no delay between attempts
		resp, err := c.HTTP.Do(req)
		if err == nil && resp.StatusCode < 500 {
			return resp, nil
		}
		if err == nil {
			resp.Body.Close()
		}
	}
	return nil, errors.New("quote: gave up")
}

// Prices sleeps between attempts, but through cancellation: when the caller
// gives up, this keeps sleeping and re-sending (the bug of
// gojek/heimdall's retry loop).
func (c *Client) Prices(ctx context.Context) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.Base+"/prices", nil)
	if err != nil {
		return nil, err
	}
	var lastErr error
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := c.HTTP.Do(req)
		if err == nil {
			return resp, nil
		}
		lastErr = err
		time.Sleep(jitter(attempt)) // retrystorm: wait ignores ctx (fix: select on ctx.Done())
	}
	return nil, lastErr
}

// Connect re-dials with no delay, forever, through a backoff policy that
// never waits.
func Connect(addr string) (net.Conn, error) {
	var conn net.Conn
	err := backoff.Retry(func() error {
		var err error
		conn, err = net.Dial("tcp", addr)
		return err
	}, &backoff.ZeroBackOff{}) // retrystorm: ZeroBackOff, no bound
	return conn, err
}

// Stock does it right: exponential backoff with jitter, stopped by ctx.
func (c *Client) Stock(ctx context.Context, sku string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.Base+"/stock/"+sku, nil)
	if err != nil {
		return nil, err
	}
	var lastErr error
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := c.HTTP.Do(req)
		if err == nil {
			return resp, nil
		}
		lastErr = err
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(jitter(attempt)):
		}
	}
	return nil, lastErr
}

// jitter returns a random delay up to 100ms·2^attempt, at most 10s.
func jitter(attempt int) time.Duration {
	d := min(100*time.Millisecond<<attempt, 10*time.Second)
	return time.Duration(rand.Int64N(int64(d)) + 1)
}
