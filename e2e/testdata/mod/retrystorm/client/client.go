// Package client retries the way production code does, right and wrong.
package client

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/cenkalti/backoff/v4"
	"github.com/failsafe-go/failsafe-go"
	"github.com/failsafe-go/failsafe-go/retrypolicy"

	"example.com/e2e/retrystorm/netutil"
)

// WaitReady pings with no delay between attempts, through a helper of
// another package (a fact says it makes a network call).
func WaitReady(c *http.Client, url string) error {
	var err error
	for i := 0; i < 10; i++ { // finding: no delay
		if err = netutil.Ping(c, url); err == nil {
			return nil
		}
	}
	return err
}

// Fetch sleeps through cancellation: the fix selects on ctx.Done().
func Fetch(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		time.Sleep(time.Second) // finding: sleep
	}
	return nil, errors.New("gave up")
}

// Status sleeps through a helper of another package: reported, no fix.
func Status(ctx context.Context, c *http.Client, url string) (int, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url)
		if err == nil {
			resp.Body.Close()
			return resp.StatusCode, nil
		}
		netutil.Nap(time.Second) // finding: nap
	}
	return 0, errors.New("gave up")
}

// Put re-sends a consumed body and leaks a 5xx response: both fixed.
func Put(ctx context.Context, c *http.Client, url string, payload []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, url, bytes.NewReader(payload))
	if err != nil {
		return err
	}
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req) // finding: put
		if err != nil {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(time.Second):
			}
			continue
		}
		if resp.StatusCode >= 500 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(time.Second):
			}
			continue
		}
		return resp.Body.Close()
	}
	return errors.New("gave up")
}

// Dial retries with backoff's ZeroBackOff: no delay, no bound.
func Dial(c *http.Client, url string) error {
	return backoff.Retry(func() error {
		return netutil.Ping(c, url)
	}, &backoff.ZeroBackOff{}) // finding: zero
}

// Probe uses a failsafe-go retry policy with no delay.
func Probe(c *http.Client, url string) error {
	policy := retrypolicy.NewBuilder[any]().WithMaxRetries(5).Build()
	return failsafe.With[any](policy).Run(func() error { // finding: failsafe
		return netutil.Ping(c, url)
	})
}

// Healthy waits with backoff and honours ctx: silent.
func Healthy(ctx context.Context, c *http.Client, url string) error {
	return backoff.Retry(func() error {
		return netutil.Ping(c, url)
	}, backoff.WithContext(backoff.NewExponentialBackOff(), ctx))
}
