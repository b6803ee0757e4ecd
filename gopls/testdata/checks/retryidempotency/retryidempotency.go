package retryidempotency

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// Charge posts a charge, retrying failed attempts.
func Charge(ctx context.Context, c *http.Client, url string) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, http.NoBody)
		if err != nil {
			return err
		}
		resp, err := c.Do(req)
		if err == nil {
			return resp.Body.Close()
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
	return errors.New("charge: gave up")
}
