// Package conflicthttp holds HTTP loops that retry at once: a nil error
// from an HTTP send comes with any status, an overload (429, 503) among
// them, so no way round after it is taken for a conflict.
package conflicthttp

import (
	"errors"
	"net/http"
)

var errBusy = errors.New("busy")

// getOrBusy returns errBusy on a 503, after its send returned a nil error.
func getOrBusy(c *http.Client, url string) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusServiceUnavailable {
		return errBusy
	}
	return nil
}

// A 503 coded as a sentinel and retried at once: a storm.
func retryBusy(c *http.Client, url string) error {
	for { // want `retry loop has no delay between attempts`
		err := getOrBusy(c, url)
		if err == nil {
			return nil
		}
		if !errors.Is(err, errBusy) {
			return err
		}
	}
}

// A 5xx retried at once after a nil error: a storm.
func retryStatus(c *http.Client, req *http.Request) (*http.Response, error) {
	for i := 0; i < 3; i++ { // want `retry loop has no delay between attempts`
		resp, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode < 500 {
			return resp, nil
		}
		resp.Body.Close()
	}
	return nil, errors.New("unavailable")
}
