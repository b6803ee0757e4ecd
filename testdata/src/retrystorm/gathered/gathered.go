// Package gathered is retrystorm's story of what a retry gathers across
// attempts: the select fix returns on cancellation, which would drop it.
package gathered

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// MultiError is heimdall's valkyrie.MultiError.
type MultiError struct{ errs []string }

func (m *MultiError) Push(s string) { m.errs = append(m.errs, s) }

func (m *MultiError) HasError() error {
	if len(m.errs) == 0 {
		return nil
	}
	return errors.New("multiple errors")
}

// heimdall's Client.Do (httpclient/client.go:139): each failure is pushed
// to multiErr, which the function returns after the loop. Reported, no
// fix: returning ctx.Err() would drop the attempts' errors.
func do(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	multiErr := &MultiError{}
	var resp *http.Response
	for i := 0; i < 3; i++ {
		var err error
		resp, err = c.Do(req)
		if err != nil {
			multiErr.Push(err.Error())
			time.Sleep(time.Second) // want `retry wait ignores ctx`
			continue
		}
		break
	}
	return resp, multiErr.HasError()
}

// Errors appended to a slice and joined at the end: reported, no fix.
func appended(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	var errs []error
	for i := 0; i < 3; i++ {
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		errs = append(errs, err)
		time.Sleep(time.Second) // want `retry wait ignores ctx`
	}
	return nil, errors.Join(errs...)
}

// A named result overwritten by every attempt, as the last error: the
// cancellation is what ends the retry, and the fix returns it.
func named(ctx context.Context, c *http.Client, req *http.Request) (resp *http.Response, lastErr error) {
	for i := 0; i < 3; i++ {
		resp, lastErr = c.Do(req)
		if lastErr == nil {
			return
		}
		time.Sleep(time.Second) // want `retry wait ignores ctx`
	}
	return
}

// The last error only, overwritten by each attempt: the cancellation is
// what ends the retry, and the fix returns it.
func last(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	var lastErr error
	for i := 0; i < 3; i++ {
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		lastErr = err
		time.Sleep(time.Second) // want `retry wait ignores ctx`
	}
	return nil, lastErr
}
