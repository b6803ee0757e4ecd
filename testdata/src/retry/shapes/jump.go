package shapes

import (
	"context"
	"net/http"
	"time"

	"retry/shapesutil"
)

// getWithGoto retries with a goto back to a label.
func (c *Client) getWithGoto(ctx context.Context, path string) (*http.Response, error) {
	attempt := 0
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.baseURL+path, nil)
	if err != nil {
		return nil, err
	}
again: // want `loop region attempt c.httpClient.Do counter attempt`
	resp, err := c.httpClient.Do(req)
	if err != nil || resp.StatusCode >= 500 {
		if err == nil {
			resp.Body.Close()
		}
		if attempt < 3 {
			attempt++
			mark() // want `repeated by loop`
			time.Sleep(time.Second << attempt)
			goto again
		}
		return nil, err
	}
	mark() // want `runs once`
	return resp, nil
}

// Silent: a goto that moves on to the next item is a loop over data.
func (c *Client) headEach(ctx context.Context, paths []string) error {
	i := 0
next:
	if i < len(paths) {
		req, err := http.NewRequestWithContext(ctx, http.MethodHead, c.baseURL+paths[i], nil)
		if err != nil {
			return err
		}
		if _, err := c.httpClient.Do(req); err == nil {
			i++
			goto next
		}
	}
	return nil
}

// send retries by calling itself with the attempt moved on.
func (c *Client) sendAttempt(ctx context.Context, req *http.Request, attempt int) (*http.Response, error) { // want `loop region attempt c.httpClient.Do counter attempt`
	resp, err := c.httpClient.Do(req)
	if err != nil && attempt < c.maxRetries {
		mark() // want `repeated by loop`
		time.Sleep(c.backoff.Backoff(attempt))
		return c.sendAttempt(ctx, req, attempt+1)
	}
	mark() // want `runs once`
	return resp, err
}

// Silent: recursion over the pages of a list, each call asking for the
// next one.
func (c *Client) listFrom(ctx context.Context, path string, depth int) ([]string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.baseURL+path, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.httpClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	next := resp.Header.Get("Link")
	if next == "" || depth > 10 {
		return nil, nil
	}
	return c.listFrom(ctx, next, depth+1)
}

// Silent: the recursion repeats on success.
func (c *Client) pingForever(ctx context.Context, req *http.Request, n int) error {
	if _, err := c.httpClient.Do(req); err != nil {
		return err
	}
	return c.pingForever(ctx, req, n+1)
}

// createAndWait retries through the client's copy of
// wait.ExponentialBackoff and through a helper that wraps the function:
// both are retry helpers by their regions, not their names.
func (c *Client) createAndWait(ctx context.Context, req *http.Request) error {
	err := shapesutil.Poll(ctx, 5, func() (bool, error) { // want `callback region by Poll`
		resp, err := c.httpClient.Do(req)
		if err != nil {
			return false, nil
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK, nil
	})
	if err != nil {
		return err
	}
	return shapesutil.WithRetry(ctx, func(ctx context.Context) error { // want `callback region by WithRetry`
		_, err := c.httpClient.Do(req.WithContext(ctx))
		return err
	})
}
