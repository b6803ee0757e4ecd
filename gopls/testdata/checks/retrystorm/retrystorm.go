package retrystorm

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// Fetch retries a GET, sleeping through the caller's cancellation.
func Fetch(ctx context.Context, c *http.Client, url string) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		resp, err := c.Do(req)
		if err == nil {
			return resp.Body.Close()
		}
		time.Sleep(time.Second)
	}
	return errors.New("fetch: gave up")
}
