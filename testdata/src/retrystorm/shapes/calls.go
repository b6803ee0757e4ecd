package shapes

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"retry/shapesutil"
)

var errExhausted = errors.New("retries exhausted")

// GetUser sleeps with time.Sleep between attempts while ctx is in scope.
func (c *Client) GetUser(ctx context.Context, id string) ([]byte, error) { // want GetUser:"retrystorm: network maywait"
	for attempt := 0; attempt < c.maxRetries; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "users/"+id, nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.httpClient.Do(req)
		if err != nil {
			if errors.Is(err, context.Canceled) {
				return nil, err
			}
			time.Sleep(c.backoff.Backoff(attempt)) // want `retry wait ignores ctx: a cancelled caller keeps this loop sleeping and retrying; select on ctx.Done\(\) and a timer \(retrystorm\)`
			continue
		}
		switch resp.StatusCode {
		case http.StatusTooManyRequests, http.StatusServiceUnavailable:
			resp.Body.Close()
			time.Sleep(c.backoff.Backoff(attempt)) // want `retry wait ignores ctx`
			continue
		}
		defer resp.Body.Close()
		return io.ReadAll(resp.Body)
	}
	return nil, errExhausted
}

// GetTeam waits Retry-After with time.Sleep, linodego-style: the request
// is rebuilt into a variable declared before the loop, and a predicate
// over (resp, err) decides.
func (c *Client) GetTeam(ctx context.Context, id string) error { // want GetTeam:"retrystorm: network maywait"
	var (
		req  *http.Request
		resp *http.Response
		err  error
	)
	for range c.maxRetries {
		req, err = c.newRequest(ctx, http.MethodGet, "teams/"+id, nil)
		if err != nil {
			return err
		}
		resp, err = c.httpClient.Do(req)
		if err == nil && resp.StatusCode == http.StatusOK {
			resp.Body.Close()
			return nil
		}
		if !shapesutil.Retryable(resp, err) {
			break
		}
		var wait time.Duration
		if err == nil {
			wait = retryAfter(resp)
			resp.Body.Close()
		}
		time.Sleep(max(wait, time.Second)) // want `retry wait ignores ctx`
	}
	return err
}

// ListTeams goes round on 429 and 5xx without waiting.
func (c *Client) ListTeams(ctx context.Context) ([]byte, error) { // want ListTeams:"retrystorm: network"
	for attempt := 0; attempt < c.maxRetries; attempt++ { // want `retry loop has no delay between attempts: a failing dependency turns it into a retry storm; wait with exponential backoff and jitter \(retrystorm\)`
		req, err := c.newRequest(ctx, http.MethodGet, "teams", nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.httpClient.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= http.StatusInternalServerError {
			resp.Body.Close()
			continue
		}
		defer resp.Body.Close()
		return io.ReadAll(resp.Body)
	}
	return nil, errExhausted
}

// ListMembers waits on 429 but goes round on a 5xx at once, from a switch
// whose 5xx case is a continue nested in an if.
func (c *Client) ListMembers(ctx context.Context, team string) ([]byte, error) { // want ListMembers:"retrystorm: network maywait"
	req, err := c.newRequest(ctx, http.MethodGet, "teams/"+team+"/members", nil)
	if err != nil {
		return nil, err
	}
	for attempt := 0; attempt < c.maxRetries; attempt++ { // want `retry loop has no delay between attempts`
		resp, err := c.httpClient.Do(req)
		if err != nil {
			return nil, err
		}
		switch {
		case resp.StatusCode == http.StatusTooManyRequests:
			resp.Body.Close()
			if err := shapesutil.Sleep(ctx, retryAfter(resp)); err != nil {
				return nil, err
			}
			continue
		case resp.StatusCode >= http.StatusInternalServerError:
			resp.Body.Close()
			if resp.StatusCode != http.StatusNotImplemented {
				continue
			}
			return nil, fmt.Errorf("members: %s", resp.Status)
		}
		defer resp.Body.Close()
		return io.ReadAll(resp.Body)
	}
	return nil, errExhausted
}

// SyncTeam goes round at once on a transport error as on a non-200: the
// request is built in the loop, success is err == nil and a 200.
func (c *Client) SyncTeam(ctx context.Context, id string) error { // want SyncTeam:"retrystorm: network"
	for attempt := 0; attempt < c.maxRetries; attempt++ { // want `retry loop has no delay between attempts`
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+"teams/"+id+"/sync", nil)
		if err != nil {
			return err
		}
		resp, err := c.httpClient.Do(req)
		if err == nil && resp.StatusCode == http.StatusOK {
			resp.Body.Close()
			return nil
		}
		if err == nil {
			resp.Body.Close()
		}
	}
	return errExhausted
}

// --- Silent. ---

// GetOrg waits on a select with ctx.Done().
func (c *Client) GetOrg(ctx context.Context, id string) ([]byte, error) { // want GetOrg:"retrystorm: network maywait"
	retryable := map[int]bool{http.StatusTooManyRequests: true, http.StatusBadGateway: true, http.StatusServiceUnavailable: true}
	for attempt := 0; attempt < c.maxRetries; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "orgs/"+id, nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.httpClient.Do(req)
		if err == nil {
			if !retryable[resp.StatusCode] {
				defer resp.Body.Close()
				return io.ReadAll(resp.Body)
			}
			resp.Body.Close()
		} else if errors.Is(err, context.DeadlineExceeded) {
			return nil, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(c.backoff.Backoff(attempt)):
		}
	}
	return nil, errExhausted
}

// GetRepo waits with the helper package's context-aware sleep.
func (c *Client) GetRepo(ctx context.Context, id string) ([]byte, error) { // want GetRepo:"retrystorm: network maywait"
	for attempt := 0; attempt < c.maxRetries; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "repos/"+id, nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.httpClient.Do(req)
		if err == nil && resp.StatusCode < http.StatusInternalServerError && resp.StatusCode != http.StatusTooManyRequests {
			defer resp.Body.Close()
			return io.ReadAll(resp.Body)
		}
		shapesutil.DrainAndClose(resp)
		if err := shapesutil.Sleep(ctx, shapesutil.Backoff(attempt, time.Second, 30*time.Second)); err != nil {
			return nil, err
		}
	}
	return nil, errExhausted
}

// GetIssue waits on the client's rate limiter before each attempt.
func (c *Client) GetIssue(ctx context.Context, id string) ([]byte, error) { // want GetIssue:"retrystorm: network maywait"
	for attempt := 0; attempt < c.maxRetries; attempt++ {
		if err := c.limiter.Wait(ctx); err != nil {
			return nil, err
		}
		req, err := c.newRequest(ctx, http.MethodGet, "issues/"+id, nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.httpClient.Do(req)
		if err != nil {
			continue
		}
		if resp.StatusCode != http.StatusOK {
			resp.Body.Close()
			continue
		}
		defer resp.Body.Close()
		return io.ReadAll(resp.Body)
	}
	return nil, errExhausted
}

// Pages reads every page: pagination, no delay needed.
func (c *Client) Pages(ctx context.Context) ([][]byte, error) { // want Pages:"retrystorm: network"
	var pages [][]byte
	for page := 1; ; page++ {
		req, err := c.newRequest(ctx, http.MethodGet, fmt.Sprintf("events?page=%d", page), nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.httpClient.Do(req)
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		if len(b) == 0 {
			return pages, nil
		}
		pages = append(pages, b)
	}
}
