package shapes

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"time"

	"retry/shapesutil"
)

// newRetryTimer is minio-go's retry iterator (api.go, retry.go): a
// goroutine hands out one attempt number at a time and waits between
// them, with exponential backoff, until ctx is done.
func (c *Client) newRetryTimer(ctx context.Context, maxRetry int, unit, capDelay time.Duration) <-chan int {
	attemptCh := make(chan int)
	go func() {
		defer close(attemptCh)
		for i := 0; i < maxRetry; i++ {
			select {
			case attemptCh <- i + 1:
			case <-ctx.Done():
				return
			}
			select {
			case <-time.After(min(capDelay, unit<<i)):
			case <-ctx.Done():
				return
			}
		}
	}()
	return attemptCh
}

// executeMethod ranges over the retry iterator: each value is an attempt.
func (c *Client) executeMethod(ctx context.Context, method, path string) (*http.Response, error) {
	var err error
	for range c.newRetryTimer(ctx, 10, time.Second, time.Minute) { // want `loop region attempt c.httpClient.Do`
		var req *http.Request
		req, err = http.NewRequestWithContext(ctx, method, c.baseURL+path, nil)
		if err != nil {
			return nil, err
		}
		var res *http.Response
		res, err = c.httpClient.Do(req)
		if err != nil {
			continue
		}
		if res.StatusCode == http.StatusServiceUnavailable {
			res.Body.Close()
			continue
		}
		return res, nil
	}
	return nil, err
}

// attempts is the same iterator as a range-over-func sequence.
func attempts(ctx context.Context, n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
			select {
			case <-time.After(time.Duration(i) * time.Second):
			case <-ctx.Done():
				return
			}
		}
	}
}

func (c *Client) headWithSeq(ctx context.Context, path string) (*http.Response, error) {
	var err error
	for attempt := range attempts(ctx, 5) { // want `loop region attempt c.httpClient.Do counter attempt`
		req, rerr := http.NewRequestWithContext(ctx, http.MethodHead, c.baseURL+path, nil)
		if rerr != nil {
			return nil, rerr
		}
		resp, derr := c.httpClient.Do(req)
		if derr == nil {
			return resp, nil
		}
		err = fmt.Errorf("attempt %d: %w", attempt, derr)
	}
	return nil, err
}

// Silent: a channel of work, produced without waiting, is not a retry
// iterator.
func paths(list []string) <-chan string {
	ch := make(chan string)
	go func() {
		defer close(ch)
		for _, p := range list {
			ch <- p
		}
	}()
	return ch
}

func (c *Client) headAll(ctx context.Context, list []string) error {
	for p := range paths(list) {
		req, err := http.NewRequestWithContext(ctx, http.MethodHead, c.baseURL+p, nil)
		if err != nil {
			return err
		}
		if _, err := c.httpClient.Do(req); err == nil {
			return nil
		}
	}
	return nil
}

// getWithAttempts ranges over another package's retry iterator (a fact).
func (c *Client) getWithAttempts(ctx context.Context, path string) (*http.Response, error) {
	err := errors.New("no attempt")
	for n := range shapesutil.Attempts(ctx, 4) { // want `loop region attempt c.httpClient.Do counter n`
		req, rerr := http.NewRequestWithContext(ctx, http.MethodGet, c.baseURL+path, nil)
		if rerr != nil {
			return nil, rerr
		}
		resp, derr := c.httpClient.Do(req)
		if derr == nil && resp.StatusCode < 500 {
			return resp, nil
		}
		if derr == nil {
			resp.Body.Close()
		}
		err = fmt.Errorf("attempt %d: %v", n, derr)
	}
	return nil, err
}

// backoffFunc is grpc's health client's: a strategy in a variable, that
// sleeps and says whether to go on.
var backoffFunc = func(ctx context.Context, retries int) bool {
	select {
	case <-time.After(time.Duration(retries) * time.Second):
		return true
	case <-ctx.Done():
		return false
	}
}

// watch reconnects with the attempt count handed to a function value that
// only decides (grpc@v1.85.0 health/client.go:63).
func (c *Client) watch(ctx context.Context, path string) error {
	tryCnt := 0
	for { // want `loop region attempt c.httpClient.Do counter tryCnt`
		if tryCnt > 0 && !backoffFunc(ctx, tryCnt-1) {
			return nil
		}
		tryCnt++
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.baseURL+path, nil)
		if err != nil {
			return err
		}
		resp, err := c.httpClient.Do(req)
		if err != nil {
			continue
		}
		tryCnt = 0
		resp.Body.Close()
		return nil
	}
}

type location struct{ region string }

// putObject corrects the region the server names in its error and sends
// again: a field set from the response on a failure is a correction, not
// a next page (minio-go@v7.4.1 api.go:740).
func (c *Client) putObject(ctx context.Context, loc *location) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ { // want `loop region attempt c.httpClient.Do counter attempt`
		req, err := http.NewRequestWithContext(ctx, http.MethodPut, c.baseURL+loc.region, nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.httpClient.Do(req)
		if err != nil {
			continue
		}
		if resp.StatusCode == http.StatusMovedPermanently {
			resp.Body.Close()
			loc.region = resp.Header.Get("X-Region")
			continue
		}
		return resp, nil
	}
	return nil, errors.New("gave up")
}

// postJSON encodes in every attempt: json.Marshal makes the same bytes
// from the same value, so the send is still the operation retried.
func (c *Client) postJSON(ctx context.Context, path string, v any) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ { // want `loop region attempt c.httpClient.Post counter attempt`
		b, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		resp, err := c.httpClient.Post(c.baseURL+path, "application/json", bytes.NewReader(b))
		if err == nil {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, errors.New("gave up")
}

// newRetryTimerContinous is minio-go's endless retry iterator
// (retry-continous.go): the wait grows with the attempt number.
func (c *Client) newRetryTimerContinous(base, max time.Duration) iter.Seq[int] {
	wait := func(attempt int) time.Duration {
		return min(max, base<<min(attempt, 30))
	}
	return func(yield func(int) bool) {
		var next int
		for {
			if !yield(next) {
				return
			}
			next++
			time.Sleep(wait(next))
		}
	}
}

// listen is minio-go's bucket-notification long poll (retry-loops.md R8,
// api-bucket-notification.go:168): an error or a bad status leaves, and a
// stream that ends connects again, after the iterator's growing wait. A
// loop over an iterator with backoff retries whatever the outcome.
func (c *Client) listen(ctx context.Context, path string, out chan<- []byte) {
	for range c.newRetryTimerContinous(time.Second, 30*time.Second) { // want `loop region attempt c.httpClient.Do`
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.baseURL+path, nil)
		if err != nil {
			return
		}
		resp, err := c.httpClient.Do(req)
		if err != nil {
			return
		}
		if resp.StatusCode != http.StatusOK {
			resp.Body.Close()
			return
		}
		var buf bytes.Buffer
		buf.ReadFrom(resp.Body)
		resp.Body.Close()
		out <- buf.Bytes()
	}
}

// every is a fixed-interval iterator: a ticker by another name.
func every(d time.Duration) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; ; i++ {
			if !yield(i) {
				return
			}
			time.Sleep(d)
		}
	}
}

// Silent: a poll at a fixed interval that leaves on a failure. Unlike a
// backoff, a steady wait says nothing about retrying.
func (c *Client) refresh(ctx context.Context, path string, out chan<- []byte) error {
	for range every(time.Minute) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.baseURL+path, nil)
		if err != nil {
			return err
		}
		resp, err := c.httpClient.Do(req)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		buf.ReadFrom(resp.Body)
		resp.Body.Close()
		out <- buf.Bytes()
	}
	return nil
}
