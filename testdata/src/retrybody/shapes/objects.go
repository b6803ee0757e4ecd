package shapes

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"retry/shapesutil"
)

// GetObject goes round on 429 and 503 from a switch on the status, with
// the Retry-After continue nested in an inner if, and closes the body on
// neither path.
func (c *Client) GetObject(ctx context.Context, key string) ([]byte, error) {
	for attempt := 0; attempt < c.maxRetries; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "objects/"+key, nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.httpClient.Do(req) // want `response resp is not closed before the next attempt`
		if err != nil {
			if errors.Is(err, context.DeadlineExceeded) {
				return nil, err
			}
			time.Sleep(c.backoff(attempt))
			continue
		}
		switch resp.StatusCode {
		case http.StatusTooManyRequests, http.StatusServiceUnavailable:
			if s := resp.Header.Get("Retry-After"); s != "" {
				if n, err := strconv.Atoi(s); err == nil {
					time.Sleep(time.Duration(n) * time.Second)
					continue
				}
			}
			time.Sleep(c.backoff(attempt))
			continue
		}
		data, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("get %s: %s", key, resp.Status)
		}
		return data, nil
	}
	return nil, errors.New("get: retries exhausted")
}

// HeadObject is the same loop with a request built once (no body) and a
// map of retryable statuses; the body stays open on the retry path.
func (c *Client) HeadObject(ctx context.Context, key string) (http.Header, error) {
	retryable := map[int]bool{http.StatusTooManyRequests: true, http.StatusBadGateway: true, http.StatusServiceUnavailable: true}
	req, err := c.newRequest(ctx, http.MethodHead, "objects/"+key, nil)
	if err != nil {
		return nil, err
	}
	var lastStatus int
	for attempt := 0; attempt < c.maxRetries; attempt++ {
		resp, err := c.httpClient.Do(req) // want `response resp is not closed before the next attempt`
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusOK {
			lastStatus = resp.StatusCode
			if retryable[resp.StatusCode] {
				time.Sleep(c.backoff(attempt))
				continue
			}
			resp.Body.Close()
			return nil, fmt.Errorf("head %s: %d", key, lastStatus)
		}
		resp.Body.Close()
		return resp.Header, nil
	}
	return nil, fmt.Errorf("head %s: %d after %d attempts", key, lastStatus, c.maxRetries)
}

// --- Silent. ---

// StatObject closes the body before each continue.
func (c *Client) StatObject(ctx context.Context, key string) (int64, error) {
	for attempt := 0; attempt < c.maxRetries; attempt++ {
		req, err := c.newRequest(ctx, http.MethodHead, "objects/"+key, nil)
		if err != nil {
			return 0, err
		}
		resp, err := c.httpClient.Do(req)
		if err != nil {
			time.Sleep(c.backoff(attempt))
			continue
		}
		switch resp.StatusCode {
		case http.StatusTooManyRequests, http.StatusServiceUnavailable:
			resp.Body.Close()
			time.Sleep(c.backoff(attempt))
			continue
		}
		resp.Body.Close()
		return resp.ContentLength, nil
	}
	return 0, errors.New("stat: retries exhausted")
}

// ListObjects drains and closes through the helper package.
func (c *Client) ListObjects(ctx context.Context, prefix string) ([]byte, error) {
	for attempt := 0; ; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "objects?prefix="+prefix, nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.httpClient.Do(req)
		if !shapesutil.Retryable(resp, err) || attempt == c.maxRetries {
			if err != nil {
				return nil, err
			}
			defer resp.Body.Close()
			return io.ReadAll(resp.Body)
		}
		if err == nil {
			shapesutil.DrainAndClose(resp)
		}
		if err := shapesutil.Sleep(ctx, c.backoff(attempt)); err != nil {
			return nil, err
		}
	}
}
