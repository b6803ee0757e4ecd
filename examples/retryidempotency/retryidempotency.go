// Package retryidempotency shows retried POST requests without an
// Idempotency-Key: each can repeat its side effect when an attempt times
// out after the server applied it. transportvet's retryidempotency check
// reports them.
package retryidempotency

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/cenkalti/backoff/v4"
	"github.com/hashicorp/go-retryablehttp"
)

// IPAM allocates IP addresses.
type IPAM struct {
	HTTP *retryablehttp.Client
	Base string
}

// Allocate asks for a new address. go-retryablehttp retries POST by
// default: a timed-out attempt that the server applied allocates a second
// address (the bug of digitalocean/netbox-ip-controller#14).
func (c *IPAM) Allocate(ctx context.Context, prefix string) (string, error) {
	body, err := json.Marshal(map[string]string{"prefix": prefix})
	if err != nil {
		return "", err
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodPost, c.Base+"/ip-addresses", body)
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.HTTP.Do(req) // retryidempotency: POST retried by go-retryablehttp
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out struct{ Address string }
	return out.Address, json.NewDecoder(resp.Body).Decode(&out)
}

// DNS manages records.
type DNS struct {
	HTTP *http.Client
	Base string
}

// CreateRecord sends one POST; on its own it is fine.
func (d *DNS) CreateRecord(ctx context.Context, name, ip string) error {
	body, _ := json.Marshal(map[string]string{"name": name, "content": ip})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.Base+"/records", bytes.NewReader(body))
	if err != nil {
		return err
	}
	resp, err := d.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("create record: %s", resp.Status)
	}
	return nil
}

// Publish retries CreateRecord with backoff: a retry after a timeout can
// create the record twice (external-dns-unifi-webhook#215).
func Publish(ctx context.Context, d *DNS, name, ip string) error {
	return backoff.Retry(func() error {
		return d.CreateRecord(ctx, name, ip) // retryidempotency: CreateRecord sends a POST
	}, backoff.WithContext(backoff.NewExponentialBackOff(), ctx))
}

// RestartApp retries a POST by hand; the suggested fix adds a key
// generated once, before the loop.
func RestartApp(ctx context.Context, hc *http.Client, app string) error {
	var lastErr error
	for attempt := range 4 {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, "https://deploy.example.com/apps/"+app+"/restart", nil)
		if err != nil {
			return err
		}
		resp, err := hc.Do(req) // retryidempotency: POST retried by this loop
		if err != nil {
			lastErr = err
			time.Sleep(time.Duration(attempt+1) * time.Second)
			continue
		}
		return resp.Body.Close()
	}
	return lastErr
}

// RestartAppSafely sets one key for every attempt: silent.
func RestartAppSafely(ctx context.Context, hc *http.Client, app, key string) error {
	return backoff.Retry(func() error {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, "https://deploy.example.com/apps/"+app+"/restart", nil)
		if err != nil {
			return backoff.Permanent(err)
		}
		req.Header.Set("Idempotency-Key", key)
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		return resp.Body.Close()
	}, backoff.NewExponentialBackOff())
}
