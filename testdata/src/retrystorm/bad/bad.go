// Package bad does not type-check: retrystorm must not panic, and must not
// offer a fix built from missing types (broken); the generic function
// type-checks and gets the fix, with *new(T) for its zero value.
package bad

import (
	"context"
	"net/http"
	"time"
)

var x int = "not an int"

func broken(ctx context.Context, c *http.Client, req *http.Request) (Missing, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		time.Sleep(undefined) // want `retry wait ignores ctx`
	}
	return nil, nil
}

func brokenLoop(c *http.Client) {
	for i := 0; i < nope; i++ { // want `retry loop has no delay between attempts`
		resp, err := c.Get(url)
		if err == nil {
			resp.Body.Close()
			return
		}
	}
}

func generic[T any](ctx context.Context, c *http.Client, req *http.Request, f func(*http.Response) (T, error)) (T, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req)
		if err == nil {
			return f(resp)
		}
		time.Sleep(time.Second) // want `retry wait ignores ctx`
	}
	var zero T
	return zero, undefinedToo
}
