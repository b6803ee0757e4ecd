package shapes

import (
	"context"
	"errors"
	"net/http"
	"time"

	"retrybody/shapesutil"
)

// GetWithPolicy leaks the response of every retried attempt: the policy of
// another package only reads it (a fact says so).
func (c *Client) GetWithPolicy(ctx context.Context, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.httpClient.Do(req) // want `response resp is not closed before the next attempt`
		retry, perr := shapesutil.RetryPolicy(ctx, resp, err)
		if perr != nil {
			return nil, perr
		}
		if retry {
			time.Sleep(time.Second)
			continue
		}
		return resp, err
	}
	return nil, errors.New("gave up")
}

// Silent: another package's helper drains and closes it.
func (c *Client) GetDrainedElsewhere(ctx context.Context, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.httpClient.Do(req)
		if err != nil {
			continue
		}
		if resp.StatusCode >= 500 {
			shapesutil.Drain(resp)
			time.Sleep(time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("gave up")
}

// Silent: another package keeps it.
func (c *Client) GetKept(ctx context.Context, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.httpClient.Do(req)
		if err != nil {
			continue
		}
		if resp.StatusCode >= 500 {
			shapesutil.Keep(resp)
			time.Sleep(time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("gave up")
}
