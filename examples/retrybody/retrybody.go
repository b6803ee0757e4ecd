// Package retrybody shows hand-written retries that re-send a consumed
// request body and leak a response per attempt. transportvet's retrybody
// check reports them.
package retrybody

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/cenkalti/backoff/v4"
)

// Store is a client of a key-value HTTP API.
type Store struct {
	HTTP *http.Client
	Base string
}

// Put stores a value. The request is built once and re-sent: its body was
// read by the first attempt, so a retry sends an empty body and fails with
// "http: ContentLength=N with Body length 0" (the bug of
// gojek/heimdall#127).
func (s *Store) Put(ctx context.Context, key string, value any) error {
	payload, err := json.Marshal(value)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, s.Base+"/keys/"+key, bytes.NewReader(payload))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	b := backoff.NewExponentialBackOff()
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := s.HTTP.Do(req) // retrybody: request re-sent with a consumed body (fix: reset it from GetBody)
		if err != nil {
			if err := wait(ctx, b); err != nil {
				return err
			}
			continue
		}
		if resp.StatusCode >= 500 {
			if err := wait(ctx, b); err != nil {
				return err
			}
			continue // resp.Body is left open
		}
		return resp.Body.Close()
	}
	return fmt.Errorf("put %s: gave up", key)
}

// Upload streams a document: the reader is drained by the first attempt.
func (s *Store) Upload(ctx context.Context, name string, doc io.Reader) error {
	b := backoff.NewExponentialBackOff()
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.Base+"/docs/"+name, doc) // retrybody: reader reused
		if err != nil {
			return err
		}
		resp, err := s.HTTP.Do(req)
		if err == nil {
			return resp.Body.Close()
		}
		if err := wait(ctx, b); err != nil {
			return err
		}
	}
	return fmt.Errorf("upload %s: gave up", name)
}

// Get reads a value, closing every response it does not return.
func (s *Store) Get(ctx context.Context, key string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.Base+"/keys/"+key, nil)
	if err != nil {
		return nil, err
	}
	b := backoff.NewExponentialBackOff()
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := s.HTTP.Do(req) // no body to consume: silent
		if err != nil {
			if err := wait(ctx, b); err != nil {
				return nil, err
			}
			continue
		}
		if resp.StatusCode >= 500 {
			resp.Body.Close()
			if err := wait(ctx, b); err != nil {
				return nil, err
			}
			continue
		}
		defer resp.Body.Close()
		return io.ReadAll(resp.Body)
	}
	return nil, fmt.Errorf("get %s: gave up", key)
}

// wait waits for b's next backoff, or until ctx is done.
func wait(ctx context.Context, b backoff.BackOff) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(b.NextBackOff()):
		return nil
	}
}
