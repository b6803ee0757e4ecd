// Package caller: the context a retry wait must honour comes from a
// caller, never from context.Background() of the function itself.
package caller

import (
	"context"
	"net/http"
	"time"
)

// Reported: the caller's context is in scope.
func withParam(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	var err error
	for i := 0; i < 3; i++ {
		var resp *http.Response
		if resp, err = c.Do(req.WithContext(ctx)); err == nil {
			return resp, nil
		}
		time.Sleep(time.Second) // want `retry wait ignores ctx`
	}
	return nil, err
}

// Reported: a timeout derived from the caller's context.
func derived(parent context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(parent, time.Minute)
	defer cancel()
	var err error
	for i := 0; i < 3; i++ {
		var resp *http.Response
		if resp, err = c.Do(req.WithContext(ctx)); err == nil {
			return resp, nil
		}
		time.Sleep(time.Second) // want `retry wait ignores ctx`
	}
	return nil, err
}

// Silent: the function made its context itself; no caller can cancel it.
func background(c *http.Client, url string) (*http.Response, error) {
	ctx := context.Background()
	var err error
	for i := 0; i < 3; i++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		var resp *http.Response
		if resp, err = c.Do(req); err == nil {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, err
}

// Silent: a timeout on Background is still the function's own.
func backgroundTimeout(c *http.Client, url string) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var err error
	for i := 0; i < 3; i++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		var resp *http.Response
		if resp, err = c.Do(req); err == nil {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, err
}

// Silent: http.NewRequest's context is Background: not "ignores
// req.Context()".
func ownRequest(c *http.Client, url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	for i := 0; i < 3; i++ {
		var resp *http.Response
		if resp, err = c.Do(req); err == nil {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, err
}

// Reported: a request received from the caller carries its context.
func callerRequest(c *http.Client, req *http.Request) (*http.Response, error) {
	var err error
	for i := 0; i < 3; i++ {
		var resp *http.Response
		if resp, err = c.Do(req); err == nil {
			return resp, nil
		}
		time.Sleep(time.Second) // want `retry wait ignores req.Context\(\)`
	}
	return nil, err
}
