// Package jobs retries calls to the API in every way the retry libraries
// allow.
package jobs

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/avast/retry-go/v4"
	"github.com/cenkalti/backoff/v4"
	backoff5 "github.com/cenkalti/backoff/v5"
	"github.com/hashicorp/go-retryablehttp"
	goretry "github.com/sethvargo/go-retry"

	"example.com/e2e/retryidempotency/client"
)

// EnsureRecord retries CreateRecord, which POSTs without a key.
func EnsureRecord(ctx context.Context, c *client.Client, name string) error {
	return backoff.Retry(func() error {
		return c.CreateRecord(ctx, name) // finding: CreateRecord
	}, backoff.WithContext(backoff.NewExponentialBackOff(), ctx))
}

// Charge POSTs a payment with backoff v5.
func Charge(ctx context.Context, hc *http.Client, body string) (*http.Response, error) {
	return backoff5.Retry(ctx, func() (*http.Response, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, "https://pay.example.com/charges", strings.NewReader(body))
		if err != nil {
			return nil, backoff5.Permanent(err)
		}
		return hc.Do(req) // finding: charge
	}, backoff5.WithMaxTries(4))
}

// Notify POSTs with retry-go through http.Post, which cannot carry a key.
func Notify() error {
	return retry.Do(func() error {
		resp, err := http.Post("https://hooks.example.com/notify", "text/plain", nil) // finding: notify
		if err != nil {
			return err
		}
		return resp.Body.Close()
	}, retry.Attempts(3), retry.Delay(time.Second))
}

// Rename PATCHes with go-retry, with a key: silent.
func Rename(ctx context.Context, hc *http.Client, key string) error {
	return goretry.Do(ctx, goretry.WithMaxRetries(3, goretry.NewExponential(time.Second)), func(ctx context.Context) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodPatch, "https://api.example.com/apps/1", nil)
		if err != nil {
			return err
		}
		req.Header.Set("Idempotency-Key", key)
		resp, err := hc.Do(req)
		if err != nil {
			return goretry.RetryableError(err)
		}
		return resp.Body.Close()
	})
}

// Allocate asks go-retryablehttp, which retries POST by default.
func Allocate(rc *retryablehttp.Client) error {
	resp, err := rc.Post("https://ipam.example.com/ips", "application/json", nil) // finding: allocate
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Restart retries a POST by hand.
func Restart(ctx context.Context, hc *http.Client) error {
	for attempt := 0; attempt < 4; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, "https://api.example.com/apps/1/restart", nil)
		if err != nil {
			return err
		}
		resp, err := hc.Do(req) // finding: restart
		if err != nil {
			time.Sleep(time.Duration(1<<attempt) * 100 * time.Millisecond) // finding: wait (retrystorm)
			continue
		}
		return resp.Body.Close()
	}
	return errors.New("restart: gave up")
}

// Upload posts each item once: a loop over data is no retry.
func Upload(hc *http.Client, items []string) {
	for _, it := range items {
		resp, err := hc.Post("https://api.example.com/items", "text/plain", strings.NewReader(it))
		if err != nil {
			continue
		}
		resp.Body.Close()
	}
}

// Lookup retries a GET: idempotent, silent.
func Lookup(ctx context.Context, c *client.Client, name string) error {
	return retry.Do(func() error { return c.GetRecord(ctx, name) })
}
