package shapes

import (
	"context"
	"errors"
	"io"
	"log"
	"net/http"
	"time"
)

// retryable only reads the status: handing it the response does not
// close it.
func retryable(resp *http.Response) bool {
	return resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500
}

// logged reads the status through another reader.
func logged(resp *http.Response) bool {
	log.Printf("status %d", resp.StatusCode)
	return retryable(resp)
}

// drain reads and closes the body: handing it the response releases it.
func drain(resp *http.Response) {
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

// GetStatus leaks the response of every retried attempt: the predicate
// only reads it.
func (c *Client) GetStatus(ctx context.Context, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.httpClient.Do(req) // want `response resp is not closed before the next attempt`
		if err != nil {
			continue
		}
		if logged(resp) {
			time.Sleep(time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("gave up")
}

// Silent: the helper drains and closes it.
func (c *Client) GetDrained(ctx context.Context, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.httpClient.Do(req)
		if err != nil {
			continue
		}
		if retryable(resp) {
			drain(resp)
			time.Sleep(time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("gave up")
}
