package shapes

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"retry/shapesutil"
)

// RetryState is handed to the retry handlers (slack-go).
type RetryState struct {
	Attempt    int
	MaxRetries int
}

// A RetryHandler decides whether to retry and how long to wait.
type RetryHandler interface {
	ShouldRetry(state *RetryState, req *http.Request, resp *http.Response, err error) (bool, time.Duration)
}

type retryClient struct {
	client     *http.Client
	handlers   []RetryHandler
	maxRetries int
}

// Do is slack-go's retryClient.Do: a range over the attempts, an early
// return on anything but an error, 429 or 5xx, handlers consulted in an
// inner loop, the response drained and a context-aware sleep before the
// next attempt.
func (c *retryClient) Do(req *http.Request) (*http.Response, error) {
	var lastErr error
	maxAttempts := c.maxRetries + 1
	for attempt := range maxAttempts { // want `loop region attempt c.client.Do counter attempt`
		state := &RetryState{Attempt: attempt, MaxRetries: c.maxRetries}
		if attempt > 0 && req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			req.Body = body
		}

		resp, err := c.client.Do(req)
		if err != nil {
			lastErr = err
		}
		if err == nil && resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode < http.StatusInternalServerError {
			mark() // want `runs once`
			return resp, nil
		}
		if attempt >= c.maxRetries {
			if err != nil {
				return nil, err
			}
			return resp, nil
		}

		var wait time.Duration
		retry := false
		for _, h := range c.handlers {
			if r, w := h.ShouldRetry(state, req, resp, err); r {
				retry, wait = true, w
				break
			}
		}
		if !retry {
			if err != nil {
				return nil, err
			}
			return resp, nil
		}
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
		}
		mark() // want `repeated by loop`
		if !sleepCtx(req.Context(), wait) {
			return nil, req.Context().Err()
		}
	}
	return nil, lastErr
}

// RequestParams are the body and the result of a request.
type RequestParams struct {
	Body     any
	Response any
}

// doRequest is linodego's httpClient.doRequest: req, resp and err are
// declared before the loop and overwritten by each attempt; the response
// is checked and decoded by a closure; a predicate over (resp, err)
// decides; the wait comes from Retry-After.
func (c *Client) doRequest(ctx context.Context, method, path string, params RequestParams) error {
	var (
		req  *http.Request
		resp *http.Response
		err  error
	)
	for range c.maxRetries { // want `loop region attempt c.httpClient.Do`
		req, err = c.newRequest(ctx, method, path, params.Body)
		if err != nil {
			return err
		}

		processResponse := func() error {
			defer func() {
				if closeErr := resp.Body.Close(); closeErr != nil && err == nil {
					err = closeErr
				}
			}()
			if err = checkResponse(resp); err != nil {
				return err
			}
			if params.Response != nil {
				if err = json.NewDecoder(resp.Body).Decode(params.Response); err != nil {
					return err
				}
			}
			return nil
		}

		resp, err = c.httpClient.Do(req)
		if err == nil {
			if err = processResponse(); err == nil {
				mark() // want `runs once`
				return nil
			}
		}

		if !shouldRetry(resp, err) {
			break
		}

		wait, retryErr := retryAfter(resp)
		if retryErr != nil {
			return retryErr
		}
		mark() // want `repeated by loop`
		time.Sleep(wait)
	}
	return err
}

// send rebuilds the request for each attempt into a variable declared
// before the loop, returns at once on the caller's deadline, calls the
// OnRetry hook with the counter, and retries 429 and 503 from a switch on
// the status.
func (c *Client) send(ctx context.Context, method, path string, body any) (*http.Response, error) {
	var (
		req  *http.Request
		resp *http.Response
		err  error
	)
	for attempt := 0; attempt <= c.maxRetries; attempt++ { // want `loop region attempt c.httpClient.Do counter attempt`
		req, err = c.newRequest(ctx, method, path, body)
		if err != nil {
			return nil, err
		}
		resp, err = c.httpClient.Do(req)
		if err != nil {
			if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
				return nil, err
			}
			if c.OnRetry != nil {
				c.OnRetry(attempt, err)
			}
			if !sleepCtx(ctx, c.backoff.Backoff(attempt)) {
				return nil, ctx.Err()
			}
			continue
		}
		switch resp.StatusCode {
		case http.StatusTooManyRequests, http.StatusServiceUnavailable:
			resp.Body.Close()
			mark() // want `repeated by loop`
			c.logger.Printf("%s %s: %s, attempt %d", method, path, resp.Status, attempt+1)
			if !sleepCtx(ctx, c.backoff.Backoff(attempt)) {
				return nil, ctx.Err()
			}
			continue
		}
		mark() // want `runs once`
		return resp, nil
	}
	return nil, fmt.Errorf("%s %s: giving up after %d attempts", method, path, c.maxRetries+1)
}

// getJSON retries the statuses of a map, after a != 200 check; an error
// other than a deadline is retried too.
func (c *Client) getJSON(ctx context.Context, path string, out any) error {
	retryable := map[int]bool{
		http.StatusTooManyRequests:    true,
		http.StatusBadGateway:         true,
		http.StatusServiceUnavailable: true,
		http.StatusGatewayTimeout:     true,
	}
	var lastErr error
	for attempt := 1; attempt <= defaultMaxRetries; attempt++ { // want `loop region attempt c.httpClient.Do counter attempt`
		req, err := c.newRequest(ctx, http.MethodGet, path, nil)
		if err != nil {
			return err
		}
		resp, err := c.httpClient.Do(req)
		if err != nil {
			if errors.Is(err, context.DeadlineExceeded) {
				return err
			}
			lastErr = err
			time.Sleep(c.backoff.Backoff(attempt))
			continue
		}
		if resp.StatusCode != http.StatusOK {
			resp.Body.Close()
			lastErr = fmt.Errorf("GET %s: %s", path, resp.Status)
			if retryable[resp.StatusCode] {
				mark() // want `repeated by loop`
				time.Sleep(c.backoff.Backoff(attempt))
				continue
			}
			return lastErr
		}
		err = json.NewDecoder(resp.Body).Decode(out)
		resp.Body.Close()
		mark() // want `runs once`
		return err
	}
	return lastErr
}

// get retries with the continue nested in an inner if: a 429 or 5xx with
// a Retry-After waits that long; other failures fall out of the ifs to
// the backoff at the end of the body.
func (c *Client) get(ctx context.Context, path string) (*http.Response, error) {
	req, err := c.newRequest(ctx, http.MethodGet, path, nil)
	if err != nil {
		return nil, err
	}
	for attempt := 0; attempt < c.maxRetries; attempt++ { // want `loop region attempt c.httpClient.Do counter attempt`
		resp, err := c.httpClient.Do(req)
		if err == nil {
			if resp.StatusCode < http.StatusInternalServerError && resp.StatusCode != http.StatusTooManyRequests {
				mark() // want `runs once`
				return resp, nil
			}
			shapesutil.DrainAndClose(resp)
			if ra, _ := retryAfter(resp); ra > 0 {
				mark() // want `repeated by loop`
				if err := shapesutil.Sleep(ctx, ra); err != nil {
					return nil, err
				}
				continue
			}
		}
		if err := shapesutil.Sleep(ctx, shapesutil.Backoff(attempt, time.Second, time.Minute)); err != nil {
			return nil, err
		}
	}
	return nil, errors.New("shapes: retries exhausted")
}

// post asks an imported predicate, with the bound in the same condition.
func (c *Client) post(ctx context.Context, path string, body any) (*http.Response, error) {
	for attempt := 0; ; attempt++ { // want `loop region attempt c.httpClient.Do counter attempt`
		req, err := c.newRequest(ctx, http.MethodPost, path, body)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Idempotency-Key", "k")
		resp, err := c.httpClient.Do(req)
		if !shapesutil.Retryable(resp, err) || attempt == c.maxRetries {
			mark() // want `runs once`
			return resp, err
		}
		if err == nil {
			shapesutil.DrainAndClose(resp)
		}
		if err := shapesutil.Sleep(ctx, c.backoff.Backoff(attempt)); err != nil {
			return nil, err
		}
	}
}

// do is go-github's shape: the send's error and CheckResponse's share
// one variable; an *APIError with 429 or a 5xx goes round.
func (c *Client) do(ctx context.Context, req *http.Request, v any) (*Response, error) {
	for attempt := 0; ; attempt++ { // want `loop region attempt c.httpClient.Do counter attempt`
		httpResp, err := c.httpClient.Do(req.WithContext(ctx))
		if err == nil {
			err = checkResponse(httpResp)
		}
		if err == nil {
			resp := &Response{Response: httpResp}
			if v != nil {
				err = json.NewDecoder(httpResp.Body).Decode(v)
			}
			httpResp.Body.Close()
			mark() // want `runs once`
			return resp, err
		}
		if httpResp != nil {
			httpResp.Body.Close()
		}
		var apiErr *APIError
		if errors.As(err, &apiErr) && (apiErr.StatusCode == http.StatusTooManyRequests || apiErr.StatusCode >= 500) && attempt < c.maxRetries {
			mark() // want `repeated by loop`
			if !sleepCtx(ctx, c.backoff.Backoff(attempt)) {
				return nil, ctx.Err()
			}
			continue
		}
		return nil, err
	}
}

// head copies the status into a variable declared before the loop.
func (c *Client) head(ctx context.Context, path string) (http.Header, error) {
	req, err := c.newRequest(ctx, http.MethodHead, path, nil)
	if err != nil {
		return nil, err
	}
	var status int
	for attempt := 0; attempt < c.maxRetries; attempt++ { // want `loop region attempt c.httpClient.Do counter attempt`
		resp, err := c.httpClient.Do(req)
		if err != nil {
			return nil, err
		}
		resp.Body.Close()
		status = resp.StatusCode
		if status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable {
			mark() // want `repeated by loop`
			if !sleepCtx(ctx, c.backoff.Backoff(attempt)) {
				return nil, ctx.Err()
			}
			continue
		}
		return resp.Header, nil
	}
	return nil, fmt.Errorf("HEAD %s: status %d", path, status)
}

// sendOnce sends a request once and wraps the response.
func (c *Client) sendOnce(req *http.Request) (*Response, error) {
	resp, err := c.httpClient.Do(req)
	if err != nil {
		return nil, err
	}
	return &Response{Response: resp}, nil
}

// fetch switches on the status of the package's own Response, which
// embeds *http.Response.
func (c *Client) fetch(ctx context.Context, req *http.Request) (*Response, error) {
	for attempt := range c.maxRetries { // want `loop region attempt c.sendOnce counter attempt`
		resp, err := c.sendOnce(req)
		if err != nil {
			return nil, err
		}
		switch resp.StatusCode {
		case http.StatusTooManyRequests, http.StatusServiceUnavailable:
			resp.Body.Close()
			if !sleepCtx(ctx, c.backoff.Backoff(attempt)) {
				return nil, ctx.Err()
			}
			continue
		}
		return resp, nil
	}
	return nil, errors.New("shapes: retries exhausted")
}

func (c *Client) refreshToken(ctx context.Context) error {
	req, err := c.newRequest(ctx, http.MethodPost, "oauth/token", map[string]string{"grant_type": "refresh_token"})
	if err != nil {
		return err
	}
	resp, err := c.httpClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil {
		return err
	}
	c.token = tok.AccessToken
	return nil
}

// authorized refreshes the token on a 401 and sends again, once.
func (c *Client) authorized(ctx context.Context, path string) (*http.Response, error) {
	for attempt := 0; attempt < 2; attempt++ { // want `loop region attempt c.httpClient.Do counter attempt`
		req, err := c.newRequest(ctx, http.MethodGet, path, nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.httpClient.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized && attempt == 0 {
			resp.Body.Close()
			if err := c.refreshToken(ctx); err != nil {
				return nil, err
			}
			mark() // want `repeated by loop`
			continue
		}
		return resp, nil
	}
	return nil, errors.New("shapes: unauthorized")
}

// ping waits on a select whose timer case continues the labelled loop;
// only a 204 is a success.
func (c *Client) ping(ctx context.Context) error {
	req, err := c.newRequest(ctx, http.MethodGet, "ping", nil)
	if err != nil {
		return err
	}
retry:
	for attempt := 0; ; attempt++ { // want `loop region attempt c.httpClient.Do counter attempt`
		resp, err := c.httpClient.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusNoContent {
				return nil
			}
		}
		if attempt == c.maxRetries {
			return errors.New("ping: no answer")
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(c.backoff.Backoff(attempt)):
			mark() // want `repeated by loop`
			continue retry
		}
	}
}
