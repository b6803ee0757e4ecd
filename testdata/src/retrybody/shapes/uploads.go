package shapes

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// PutObject builds the request once, before the loop, over
// bytes.NewReader(payload), and sends it again after a 429 or 5xx: the
// second attempt has an empty body.
func (c *Client) PutObject(ctx context.Context, key string, payload []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, c.baseURL+"objects/"+key, bytes.NewReader(payload))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Content-Type", contentType)
	for attempt := 0; attempt <= c.maxRetries; attempt++ {
		resp, err := c.httpClient.Do(req) // want `request req is re-sent with the body the first attempt consumed`
		if err != nil {
			time.Sleep(c.backoff(attempt))
			continue
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= http.StatusInternalServerError {
			time.Sleep(c.backoff(attempt))
			continue
		}
		if resp.StatusCode >= 300 {
			return fmt.Errorf("put %s: %s", key, resp.Status)
		}
		return nil
	}
	return errors.New("put: retries exhausted")
}

// PutObjectVia is PutObject with the request built by the client's
// helper, once, before the loop.
func (c *Client) PutObjectVia(ctx context.Context, key string, payload []byte) error {
	req, err := c.newRequest(ctx, http.MethodPut, "objects/"+key, bytes.NewReader(payload))
	if err != nil {
		return err
	}
	for attempt := 0; attempt <= c.maxRetries; attempt++ {
		resp, err := c.httpClient.Do(req) // want `request req is re-sent with the body the first attempt consumed`
		if err != nil {
			time.Sleep(c.backoff(attempt))
			continue
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			time.Sleep(c.backoff(attempt))
			continue
		}
		return nil
	}
	return errors.New("put: retries exhausted")
}

// AppendObject makes the reader once and a new request over it in each
// attempt: the reader is drained by the first.
func (c *Client) AppendObject(ctx context.Context, key string, payload []byte) error {
	body := bytes.NewReader(payload)
	for attempt := 0; attempt <= c.maxRetries; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+"objects/"+key+"?append", body) // want `body reader body is drained by the first attempt`
		if err != nil {
			return err
		}
		resp, err := c.httpClient.Do(req)
		if err != nil {
			time.Sleep(c.backoff(attempt))
			continue
		}
		resp.Body.Close()
		switch resp.StatusCode {
		case http.StatusTooManyRequests, http.StatusServiceUnavailable:
			time.Sleep(c.backoff(attempt))
			continue
		}
		return nil
	}
	return errors.New("append: retries exhausted")
}

// --- Silent. ---

// CopyObject rebuilds the reader and the request for each attempt, into a
// request variable declared before the loop (linodego's shape).
func (c *Client) CopyObject(ctx context.Context, key string, payload []byte) error {
	var (
		req  *http.Request
		resp *http.Response
		err  error
	)
	for attempt := 0; attempt <= c.maxRetries; attempt++ {
		req, err = http.NewRequestWithContext(ctx, http.MethodPut, c.baseURL+"objects/"+key, bytes.NewReader(payload))
		if err != nil {
			return err
		}
		resp, err = c.httpClient.Do(req)
		if err != nil {
			time.Sleep(c.backoff(attempt))
			continue
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= http.StatusInternalServerError {
			time.Sleep(c.backoff(attempt))
			continue
		}
		return nil
	}
	return err
}

// ReplaceObject builds the request once and rewinds its body from
// GetBody before each retry (slack-go's shape).
func (c *Client) ReplaceObject(ctx context.Context, key string, payload []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, c.baseURL+"objects/"+key, bytes.NewReader(payload))
	if err != nil {
		return err
	}
	for attempt := range c.maxRetries + 1 {
		if attempt > 0 && req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return err
			}
			req.Body = body
		}
		resp, err := c.httpClient.Do(req)
		if err != nil {
			time.Sleep(c.backoff(attempt))
			continue
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode < http.StatusInternalServerError {
			return nil
		}
		time.Sleep(c.backoff(attempt))
	}
	return errors.New("replace: retries exhausted")
}
