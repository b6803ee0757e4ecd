// Package a is the story of retried requests, with and without an
// idempotency key.
package a

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/avast/retry-go/v4"
	"github.com/cenkalti/backoff/v4"
	backoff5 "github.com/cenkalti/backoff/v5"
	"github.com/failsafe-go/failsafe-go"
	"github.com/failsafe-go/failsafe-go/retrypolicy"
	"github.com/go-resty/resty/v2"
	"github.com/hashicorp/go-retryablehttp"
	goretry "github.com/sethvargo/go-retry"
	"k8s.io/apimachinery/pkg/util/wait"
	k8sretry "k8s.io/client-go/util/retry"
)

// A POST rebuilt and re-sent by a hand-written loop.
func loopPost(ctx context.Context, c *http.Client, body []byte) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, "https://api.example.com/orders", bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		resp, err := c.Do(req) // want `POST request is retried by this loop without an Idempotency-Key header: a retry after a timeout can repeat its side effect`
		if err != nil {
			time.Sleep(time.Duration(attempt+1) * time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("gave up")
}

// A PATCH built once, sent by backoff.Retry's callback.
func backoffPatch(c *http.Client) error {
	req, err := http.NewRequest("PATCH", "https://api.example.com/users/1", strings.NewReader(`{}`))
	if err != nil {
		return err
	}
	return backoff.Retry(func() error {
		resp, err := c.Do(req) // want `PATCH request is retried by backoff.Retry without an Idempotency-Key header`
		if err != nil {
			return err
		}
		return resp.Body.Close()
	}, backoff.NewExponentialBackOff())
}

// http.Post has no way to set a header: reported, no fix.
func retryGoPost() error {
	return retry.Do(func() error {
		_, err := http.Post("https://api.example.com/events", "application/json", nil) // want `POST request is retried by retry.Do`
		return err
	}, retry.Attempts(3))
}

// The method comes from a Method assignment.
func goRetryMethodField(ctx context.Context, c *http.Client) error {
	return goretry.Do(ctx, goretry.NewConstant(time.Second), func(ctx context.Context) error {
		req, err := http.NewRequestWithContext(ctx, "", "https://api.example.com/jobs", nil)
		if err != nil {
			return err
		}
		req.Method = "POST"
		_, err = c.Do(req) // want `POST request is retried by retry.Do`
		return goretry.RetryableError(err)
	})
}

func backoffV5(ctx context.Context, c *http.Client) error {
	_, err := backoff5.Retry(ctx, func() (*http.Response, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, "https://api.example.com/pay", nil)
		if err != nil {
			return nil, backoff5.Permanent(err)
		}
		return c.Do(req) // want `POST request is retried by backoff.Retry`
	})
	return err
}

func k8sOnError(c *http.Client) error {
	return k8sretry.OnError(k8sretry.DefaultBackoff, func(error) bool { return true }, func() error {
		req, _ := http.NewRequest(http.MethodPost, "https://api.example.com/ip", nil)
		_, err := c.Do(req) // want `POST request is retried by retry.OnError`
		return err
	})
}

func waitBackoff(c *http.Client) error {
	return wait.ExponentialBackoff(wait.Backoff{Steps: 4}, func() (bool, error) {
		_, err := c.PostForm("https://api.example.com/notes", nil) // want `POST request is retried by wait.ExponentialBackoff`
		return err == nil, nil
	})
}

func failsafeRun(c *http.Client) error {
	rp := retrypolicy.NewBuilder[any]().WithMaxRetries(3).Build()
	return failsafe.With[any](rp).Run(func() error {
		_, err := c.Post("https://api.example.com/apps/restart", "text/plain", nil) // want `POST request is retried by failsafe.Executor.Run`
		return err
	})
}

// go-retryablehttp retries POST by itself.
func retryableClient(rc *retryablehttp.Client) error {
	req, err := retryablehttp.NewRequest(http.MethodPost, "https://api.example.com/ips", []byte(`{}`))
	if err != nil {
		return err
	}
	_, err = rc.Do(req) // want `POST request is retried by go-retryablehttp`
	return err
}

func retryablePost(rc *retryablehttp.Client) {
	rc.Post("https://api.example.com/records", "application/json", nil) // want `POST request is retried by go-retryablehttp`
}

// resty retries once SetRetryCount is on; no fix is offered for resty.
func restyPost() {
	client := resty.New().SetRetryCount(3)
	client.R().SetBody(`{}`).Post("https://api.example.com/notes") // want `POST request is retried by resty`
}

// Silent cases follow.

// Idempotent methods.
func idempotent(c *http.Client) {
	for _, m := range []string{} {
		_ = m
	}
	for i := 0; i < 3; i++ {
		req, _ := http.NewRequest(http.MethodPut, "https://api.example.com/users/1", nil)
		if _, err := c.Do(req); err != nil {
			continue
		}
		return
	}
	backoff.Retry(func() error {
		req, _ := http.NewRequest(http.MethodDelete, "https://api.example.com/users/1", nil)
		_, err := c.Do(req)
		return err
	}, &backoff.ZeroBackOff{})
	backoff.Retry(func() error {
		_, err := c.Get("https://api.example.com/users/1")
		return err
	}, &backoff.ZeroBackOff{})
}

// A method that is not a constant is unknown.
func unknownMethod(c *http.Client, method string) {
	backoff.Retry(func() error {
		req, _ := http.NewRequest(method, "https://api.example.com/x", nil)
		_, err := c.Do(req)
		return err
	}, &backoff.ZeroBackOff{})
}

// Keys set with Set, Add (any casing), a canonical map write, or
// X-Idempotency-Key.
func keyed(c *http.Client, key string) {
	backoff.Retry(func() error {
		req, _ := http.NewRequest(http.MethodPost, "https://api.example.com/a", nil)
		req.Header.Set("Idempotency-Key", key)
		_, err := c.Do(req)
		return err
	}, &backoff.ZeroBackOff{})
	backoff.Retry(func() error {
		req, _ := http.NewRequest(http.MethodPost, "https://api.example.com/b", nil)
		req.Header.Add("idempotency-key", key)
		_, err := c.Do(req)
		return err
	}, &backoff.ZeroBackOff{})
	backoff.Retry(func() error {
		req, _ := http.NewRequest(http.MethodPost, "https://api.example.com/c", nil)
		req.Header["Idempotency-Key"] = []string{key}
		_, err := c.Do(req)
		return err
	}, &backoff.ZeroBackOff{})
	backoff.Retry(func() error {
		req, _ := http.NewRequest(http.MethodPost, "https://api.example.com/d", nil)
		req.Header.Set("X-Idempotency-Key", key)
		_, err := c.Do(req)
		return err
	}, &backoff.ZeroBackOff{})
	resty.New().SetRetryCount(2).R().SetHeader("Idempotency-Key", key).Post("https://api.example.com/e")
}

// A map write with a non-canonical key is not seen by the transport.
func nonCanonical(c *http.Client, key string) {
	backoff.Retry(func() error {
		req, _ := http.NewRequest(http.MethodPost, "https://api.example.com/c", nil)
		req.Header["idempotency-key"] = []string{key}
		_, err := c.Do(req) // want `POST request is retried by backoff.Retry`
		return err
	}, &backoff.ZeroBackOff{})
}

func sign(req *http.Request) {}

// The request is handed to code that might set a key.
func escapes(c *http.Client) {
	backoff.Retry(func() error {
		req, _ := http.NewRequest(http.MethodPost, "https://api.example.com/a", nil)
		sign(req)
		_, err := c.Do(req)
		return err
	}, &backoff.ZeroBackOff{})
}

// The retry visibly checks the method.
func checksMethod(c *http.Client) error {
	req, _ := http.NewRequest(http.MethodPost, "https://api.example.com/a", nil)
	return backoff.Retry(func() error {
		_, err := c.Do(req)
		if err != nil && req.Method != http.MethodGet {
			return backoff.Permanent(err)
		}
		return err
	}, &backoff.ZeroBackOff{})
}

// RetryOnConflict retries only 409s, which the server did not apply.
func onConflict(c *http.Client) error {
	return k8sretry.RetryOnConflict(k8sretry.DefaultRetry, func() error {
		_, err := c.Post("https://api.example.com/a", "text/plain", nil)
		return err
	})
}

// Not retried: a loop over items sends each once.
func overItems(c *http.Client, items []string) {
	for _, it := range items {
		if _, err := c.Post("https://api.example.com/items", "text/plain", strings.NewReader(it)); err != nil {
			continue
		}
	}
}

// Not retried: the success path after the loop's last continue runs once.
func afterSuccess(c *http.Client, req *http.Request) error {
	for i := 0; i < 3; i++ {
		resp, err := c.Do(req)
		if err != nil {
			continue
		}
		resp.Body.Close()
		c.Post("https://api.example.com/audit", "text/plain", nil)
		return nil
	}
	return errors.New("gave up")
}

// Polling is not retrying.
func polling(c *http.Client) {
	for {
		_, err := c.Post("https://api.example.com/poll", "text/plain", nil)
		if err != nil {
			continue
		}
		time.Sleep(time.Second)
	}
}
