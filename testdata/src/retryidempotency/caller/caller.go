// Package caller retries the functions of package api.
package caller

import (
	"context"
	"net/http"
	"time"

	"github.com/cenkalti/backoff/v4"

	"retryidempotency/api"
)

func retried(ctx context.Context, c *api.Client, hc *http.Client) error {
	err := backoff.Retry(func() error {
		return c.CreateNote(ctx, "hello") // want `api.Client.CreateNote sends a POST request \(api.go:22\) without an Idempotency-Key header and is retried by backoff.Retry`
	}, backoff.NewExponentialBackOff())
	if err != nil {
		return err
	}
	for i := 0; i < 3; i++ {
		if err := api.Restart(hc); err != nil { // want `api.Restart sends a POST request \(api.go:40\)`
			time.Sleep(time.Second)
			continue
		}
		break
	}
	return backoff.Retry(api.Ping, &backoff.ZeroBackOff{}) // want `backoff.Retry retries api.Ping, which sends a POST request \(api.go:74\)`
}

// A local helper reaches api's POST: the fact crosses both.
func create(ctx context.Context, c *api.Client) error { return c.Create(ctx) }

func viaHelper(ctx context.Context, c *api.Client) error {
	return backoff.Retry(func() error {
		return create(ctx, c) // want `caller.create sends a POST request \(api.go:22\)`
	}, &backoff.ZeroBackOff{})
}

// A POST built here and sent by api.Send, which sends its parameter.
func viaParam(hc *http.Client) error {
	return backoff.Retry(func() error {
		req, err := http.NewRequest(http.MethodPost, "https://api.example.com/x", nil)
		if err != nil {
			return err
		}
		_, err = api.Send(hc, req) // want `api.Send sends a POST request \(api.go:46\)`
		return err
	}, &backoff.ZeroBackOff{})
}

// Silent: keyed, idempotent, not retried.
func silent(ctx context.Context, c *api.Client, hc *http.Client) error {
	backoff.Retry(func() error { return c.CreateKeyed(ctx, "k") }, &backoff.ZeroBackOff{})
	backoff.Retry(func() error { return c.GetNote(ctx) }, &backoff.ZeroBackOff{})
	backoff.Retry(func() error {
		req, _ := http.NewRequest(http.MethodPost, "https://api.example.com/x", nil)
		_, err := api.SendKeyed(hc, req, "k")
		return err
	}, &backoff.ZeroBackOff{})
	backoff.Retry(func() error {
		req, _ := http.NewRequest(http.MethodGet, "https://api.example.com/x", nil)
		_, err := api.Send(hc, req)
		return err
	}, &backoff.ZeroBackOff{})
	return c.CreateNote(ctx, "once")
}

// api.Retry retries its function parameter: the retry analyzer's fact says
// so.
func viaHelperAPI(hc *http.Client) error {
	return api.Retry(func() error {
		_, err := hc.PostForm("https://api.example.com/x", nil) // want `POST request is retried by api.Retry`
		return err
	})
}
