// Package bad does not type-check: retry and retryidempotency must not
// panic, and what type-checks is still reported.
package bad

import (
	"net/http"

	"github.com/cenkalti/backoff/v4"
)

var x int = "not an int"

func broken(c *http.Client) error {
	return backoff.Retry(func() error {
		req, err := http.NewRequest(http.MethodPost, url, nil)
		if err != nil {
			return err
		}
		_, err = c.Do(req) // want `POST request is retried by backoff.Retry`
		_ = undefinedVar
		return err
	}, &backoff.ZeroBackOff{})
}

func loop(c *http.Client) {
	for i := 0; i < missing; i++ {
		req, _ := http.NewRequest(methodVar, "u", nil)
		if _, err := c.Do(req); err != nil {
			continue
		}
		return
	}
}
