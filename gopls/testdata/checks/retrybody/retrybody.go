package retrybody

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"time"
)

// Put re-sends one request, whose body the first attempt consumed.
func Put(ctx context.Context, c *http.Client, url string, payload []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, url, bytes.NewReader(payload))
	if err != nil {
		return err
	}
	for attempt := 0; attempt < 3; attempt++ {
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
	return errors.New("put: gave up")
}
