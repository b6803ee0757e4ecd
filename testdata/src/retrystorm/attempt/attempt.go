// Package attempt is retrystorm's story of per-attempt contexts: a context
// made inside the retry loop ends with its attempt, so the select fix waits
// on the context in scope at the loop's entry, or is not offered.
package attempt

import (
	"context"
	"net/http"
	"time"
)

// The caller's ctx is shadowed by the attempt's in the loop: waiting on it
// would end the whole retry at the first attempt's timeout, and leave its
// cancel uncalled. Reported, no fix: the caller's ctx has no name at the
// wait.
func shadowed(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		ctx, cancel := context.WithTimeout(ctx, time.Second)
		resp, err := c.Do(req.WithContext(ctx))
		cancel()
		if err == nil {
			return resp, nil
		}
		time.Sleep(time.Second) // want `retry wait ignores ctx`
	}
	return nil, context.DeadlineExceeded
}

// The attempt's context has its own name: the fix waits on the caller's.
func ownName(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		actx, cancel := context.WithTimeout(ctx, time.Second)
		resp, err := c.Do(req.WithContext(actx))
		cancel()
		if err == nil {
			return resp, nil
		}
		time.Sleep(time.Second) // want `retry wait ignores ctx`
	}
	return nil, context.DeadlineExceeded
}

// The caller's ctx narrowed once for the whole retry, before the loop, and
// released by a defer: the retry's context, and the fix waits on it.
func wholeRetry(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req.WithContext(ctx))
		if err == nil {
			return resp, nil
		}
		time.Sleep(time.Second) // want `retry wait ignores ctx`
	}
	return nil, context.DeadlineExceeded
}

// The attempt's cancel runs only after the wait: the fix's return would
// skip it (go vet's lostcancel). Reported, no fix.
func cancelAfterWait(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		actx, cancel := context.WithTimeout(ctx, time.Second)
		resp, err := c.Do(req.WithContext(actx))
		if err == nil {
			cancel()
			return resp, nil
		}
		time.Sleep(time.Second) // want `retry wait ignores ctx`
		cancel()
	}
	return nil, context.DeadlineExceeded
}

// The retry's cancel is called after the loop, not deferred: the fix's
// return would skip it. Reported, no fix.
func cancelAfterLoop(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	rctx, cancel := context.WithTimeout(ctx, time.Minute)
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var resp *http.Response
		resp, err = c.Do(req.WithContext(rctx))
		if err == nil {
			cancel()
			return resp, nil
		}
		time.Sleep(time.Second) // want `retry wait ignores rctx`
	}
	cancel()
	return nil, err
}

// The only context is made in the loop, from the request's: it is the
// attempt's, so there is none the fix may wait on. Reported, no fix.
func onlyPerAttempt(c *http.Client, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		actx, cancel := context.WithTimeout(req.Context(), time.Second)
		resp, err := c.Do(req.WithContext(actx))
		cancel()
		if err == nil {
			return resp, nil
		}
		time.Sleep(time.Second) // want `retry wait ignores actx`
	}
	return nil, context.DeadlineExceeded
}

// The request is built in each attempt, from a request the caller gave:
// its context is the attempt's request's. Reported, no fix.
func requestPerAttempt(c *http.Client, in *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		req := in.Clone(in.Context())
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		time.Sleep(time.Second) // want `retry wait ignores req.Context\(\)`
	}
	return nil, context.DeadlineExceeded
}
