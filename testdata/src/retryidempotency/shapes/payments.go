package shapes

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// CreateCharge builds and sends a POST in each attempt, and goes round
// on 429 and 503 from a switch on the status: no key.
func (c *Client) CreateCharge(ctx context.Context, amount int64, currency string) (*Charge, error) { // want CreateCharge:`sends POST at payments.go:24`
	form := url.Values{"amount": {fmt.Sprint(amount)}, "currency": {currency}}.Encode()
	for attempt := 0; attempt <= c.maxRetries; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, apiBase+"charges", strings.NewReader(form))
		if err != nil {
			return nil, err
		}
		req.SetBasicAuth(c.secret, "")
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := c.httpClient.Do(req) // want `POST request is retried by this loop without an Idempotency-Key header: a retry after a timeout can repeat its side effect`
		if err != nil {
			if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
				return nil, err
			}
			time.Sleep(c.wait(attempt))
			continue
		}
		switch resp.StatusCode {
		case http.StatusTooManyRequests, http.StatusServiceUnavailable:
			resp.Body.Close()
			time.Sleep(c.wait(attempt))
			continue
		}
		return decodeCharge(resp)
	}
	return nil, errRetriesExhausted
}

// CaptureCharge is a PATCH retried on any status but 200.
func (c *Client) CaptureCharge(ctx context.Context, id string) (*Charge, error) { // want CaptureCharge:`sends PATCH at payments.go:50`
	for attempt := 0; attempt <= c.maxRetries; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPatch, apiBase+"charges/"+id, strings.NewReader("captured=true"))
		if err != nil {
			return nil, err
		}
		resp, err := c.httpClient.Do(req) // want `PATCH request is retried by this loop without an Idempotency-Key header`
		if err == nil && resp.StatusCode == http.StatusOK {
			return decodeCharge(resp)
		}
		if err == nil {
			resp.Body.Close()
		}
		time.Sleep(c.wait(attempt))
	}
	return nil, errRetriesExhausted
}

// CreateCustomer builds its POST with the client's helper.
func (c *Client) CreateCustomer(ctx context.Context, email string) error { // want CreateCustomer:`sends POST at payments.go:70`
	retryable := map[int]bool{http.StatusTooManyRequests: true, http.StatusBadGateway: true, http.StatusServiceUnavailable: true}
	for attempt := 0; attempt <= c.maxRetries; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "customers", "email="+url.QueryEscape(email))
		if err != nil {
			return err
		}
		resp, err := c.httpClient.Do(req) // want `POST request is retried by this loop without an Idempotency-Key header`
		if err != nil {
			time.Sleep(c.wait(attempt))
			continue
		}
		resp.Body.Close()
		if retryable[resp.StatusCode] {
			time.Sleep(c.wait(attempt))
			continue
		}
		if resp.StatusCode >= 400 {
			return fmt.Errorf("create customer: %s", resp.Status)
		}
		return nil
	}
	return errRetriesExhausted
}

// postCancel sends one POST.
func (c *Client) postCancel(ctx context.Context, id string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, apiBase+"charges/"+id+"/cancel", nil)
	if err != nil {
		return nil, err
	}
	req.SetBasicAuth(c.secret, "")
	return c.httpClient.Do(req)
}

// CancelCharge retries a function of the package that sends a POST.
func (c *Client) CancelCharge(ctx context.Context, id string) error { // want CancelCharge:`sends POST at payments.go:95`
	for attempt := 0; attempt <= c.maxRetries; attempt++ {
		resp, err := c.postCancel(ctx, id) // want `shapes.Client.postCancel sends a POST request \(payments.go:\d+\) without an Idempotency-Key header and is retried by this loop`
		if err != nil {
			time.Sleep(c.wait(attempt))
			continue
		}
		resp.Body.Close()
		if resp.StatusCode >= 500 {
			time.Sleep(c.wait(attempt))
			continue
		}
		return nil
	}
	return errRetriesExhausted
}

// --- Silent. ---

// CreateRefund generates one key before the loop and sets it on each
// attempt's request.
func (c *Client) CreateRefund(ctx context.Context, chargeID string, amount int64) (*Charge, error) {
	key := newKey()
	form := url.Values{"charge": {chargeID}, "amount": {fmt.Sprint(amount)}}.Encode()
	for attempt := 0; attempt <= c.maxRetries; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, apiBase+"refunds", strings.NewReader(form))
		if err != nil {
			return nil, err
		}
		req.SetBasicAuth(c.secret, "")
		req.Header.Set("Idempotency-Key", key)
		resp, err := c.httpClient.Do(req)
		if err != nil {
			if errors.Is(err, context.DeadlineExceeded) {
				return nil, err
			}
			time.Sleep(c.wait(attempt))
			continue
		}
		switch resp.StatusCode {
		case http.StatusTooManyRequests, http.StatusServiceUnavailable:
			resp.Body.Close()
			time.Sleep(c.wait(attempt))
			continue
		}
		return decodeCharge(resp)
	}
	return nil, errRetriesExhausted
}

// GetCharge is a GET: safe to retry.
func (c *Client) GetCharge(ctx context.Context, id string) (*Charge, error) {
	for attempt := 0; attempt <= c.maxRetries; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, apiBase+"charges/"+id, nil)
		if err != nil {
			return nil, err
		}
		req.SetBasicAuth(c.secret, "")
		resp, err := c.httpClient.Do(req)
		if err != nil {
			time.Sleep(c.wait(attempt))
			continue
		}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500 {
			resp.Body.Close()
			time.Sleep(c.wait(attempt))
			continue
		}
		return decodeCharge(resp)
	}
	return nil, errRetriesExhausted
}

// ListCharges pages through POST searches: not a retry, so not reported
// though each page is a POST without a key.
func (c *Client) ListCharges(ctx context.Context) ([]string, error) { // want ListCharges:`sends POST at payments.go:182`
	var ids []string
	after := ""
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, apiBase+"charges/search", strings.NewReader("starting_after="+after))
		if err != nil {
			return nil, err
		}
		resp, err := c.httpClient.Do(req)
		if err != nil {
			return nil, err
		}
		ch, err := decodeCharge(resp)
		if err != nil {
			return nil, err
		}
		if ch.ID == "" {
			return ids, nil
		}
		ids = append(ids, ch.ID)
		after = ch.ID
	}
}
