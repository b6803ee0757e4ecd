// Package shapesutil holds the retry predicates and helpers a client
// keeps in a package of its own, as go-retryablehttp's DefaultRetryPolicy.
package shapesutil

import (
	"context"
	"io"
	"net/http"
)

// RetryPolicy only reads the response.
func RetryPolicy(ctx context.Context, resp *http.Response, err error) (bool, error) { // want RetryPolicy:`reads response \[1\]`
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if err != nil {
		return true, nil
	}
	return resp.StatusCode == 0 || resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented, nil
}

// Drain closes the body: no fact, the response is handed on.
func Drain(resp *http.Response) {
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

var kept []*http.Response

// Keep stores the response: no fact.
func Keep(resp *http.Response) { kept = append(kept, resp) }
