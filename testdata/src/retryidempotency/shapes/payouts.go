package shapes

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Payouts build each request in a helper of their own that fixes the
// method, as generated clients do (one builder per operation).

// newPayoutRequest builds the POST of a payout.
func (c *Client) newPayoutRequest(ctx context.Context, amount int64) (*http.Request, error) {
	form := url.Values{"amount": {fmt.Sprint(amount)}}.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, apiBase+"payouts", strings.NewReader(form))
	if err != nil {
		return nil, err
	}
	req.SetBasicAuth(c.secret, "")
	req.Header["Content-Type"] = []string{"application/x-www-form-urlencoded"}
	return req, nil
}

// newPayoutGet builds the GET of a payout.
func (c *Client) newPayoutGet(ctx context.Context, id string) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, apiBase+"payouts/"+id, nil)
	if err != nil {
		return nil, err
	}
	req.SetBasicAuth(c.secret, "")
	return req, nil
}

// CreatePayout goes round on 503 around the builder's POST: no key.
func (c *Client) CreatePayout(ctx context.Context, amount int64) error { // want CreatePayout:`sends POST at payouts.go:44`
	for attempt := 0; attempt <= c.maxRetries; attempt++ {
		req, err := c.newPayoutRequest(ctx, amount)
		if err != nil {
			return err
		}
		resp, err := c.httpClient.Do(req) // want `POST request is retried by this loop without an Idempotency-Key header`
		if err != nil {
			time.Sleep(c.wait(attempt))
			continue
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusServiceUnavailable {
			time.Sleep(c.wait(attempt))
			continue
		}
		return nil
	}
	return errRetriesExhausted
}

// PayoutStatus goes round around the builder's GET. Silent.
func (c *Client) PayoutStatus(ctx context.Context, id string) (int, error) {
	for attempt := 0; attempt <= c.maxRetries; attempt++ {
		req, err := c.newPayoutGet(ctx, id)
		if err != nil {
			return 0, err
		}
		resp, err := c.httpClient.Do(req)
		if err != nil {
			time.Sleep(c.wait(attempt))
			continue
		}
		resp.Body.Close()
		return resp.StatusCode, nil
	}
	return 0, errRetriesExhausted
}
