// Package ctx is retrystorm's story of retry waits that ignore a context in
// scope, with the fix across result shapes, and of waits that honour it.
package ctx

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"time"

	backoff "github.com/cenkalti/backoff/v4"

	"retrystorm/helpers"
)

// Error only, ctx parameter.
func errorOnly(ctx context.Context, c *http.Client, u string) error {
	var err error
	for i := 0; i < 3; i++ {
		var req *http.Request
		req, err = http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return err
		}
		var resp *http.Response
		if resp, err = c.Do(req); err == nil {
			return resp.Body.Close()
		}
		time.Sleep(time.Duration(i) * time.Second) // want `retry wait ignores ctx: a cancelled caller keeps this loop sleeping and retrying; select on ctx.Done\(\) and a timer \(retrystorm\)`
	}
	return err
}

// Value and error.
func valueAndError(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	for attempt := 1; ; attempt++ {
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		if attempt == 3 {
			return nil, err
		}
		time.Sleep(100 * time.Millisecond << attempt) // want `retry wait ignores ctx`
	}
}

// The wait comes first in each later attempt, and the response is declared
// before the loop without a value: it is nil on the first pass and after a
// failed send, so the fix's return leaks nothing.
func waitFirst(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	var resp *http.Response
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		if attempt > 0 {
			time.Sleep(time.Second) // want `retry wait ignores ctx`
		}
		resp, err = c.Do(req)
		if err == nil {
			return resp, nil
		}
	}
	return nil, err
}

// Named results, and a struct result of another package.
func namedResults(ctx context.Context, c *http.Client, req *http.Request) (status int, when time.Time, err error) {
	for attempt := 0; attempt < 3; attempt++ {
		var resp *http.Response
		resp, err = c.Do(req)
		if err == nil {
			resp.Body.Close()
			return resp.StatusCode, time.Now(), nil
		}
		<-time.After(time.Second) // want `retry wait ignores ctx`
	}
	return 0, time.Time{}, err
}

// The context of the request being retried, and a ctx.Err() check that
// does not make the sleep stop.
func requestContext(c *http.Client, req *http.Request) (*http.Response, error) {
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		lastErr = err
		if req.Context().Err() != nil {
			return nil, req.Context().Err()
		}
		time.Sleep(time.Second) // want `retry wait ignores req.Context\(\): a cancelled caller keeps this loop sleeping and retrying; select on req.Context\(\).Done\(\) and a timer`
	}
	return nil, lastErr
}

// A retry loop in a closure, with ctx of the enclosing function.
func inClosure(ctx context.Context, c *http.Client, req *http.Request) error {
	do := func() (*http.Response, error) {
		for attempt := 0; attempt < 3; attempt++ {
			resp, err := c.Do(req)
			if err == nil {
				return resp, nil
			}
			time.Sleep(time.Second) // want `retry wait ignores ctx`
		}
		return nil, errors.New("gave up")
	}
	resp, err := do()
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A helper that always sleeps: reported at the call, no fix.
func throughHelper(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		helpers.Nap(time.Second) // want `retry wait ignores ctx`
	}
	return nil, errors.New("gave up")
}

// The last result is not an error: reported, no fix.
func noErrorResult(ctx context.Context, c *http.Client, req *http.Request) bool {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req)
		if err == nil {
			resp.Body.Close()
			return true
		}
		time.Sleep(time.Second) // want `retry wait ignores ctx`
	}
	return false
}

// The result type cannot be spelled where the sleep is (url is shadowed):
// reported, no fix.
func shadowedResult(ctx context.Context, c *http.Client, raw string) (url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return url.URL{}, err
	}
	url := u.String()
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url)
		if err == nil {
			resp.Body.Close()
			return *u, nil
		}
		time.Sleep(time.Second) // want `retry wait ignores ctx`
	}
	return *u, errors.New("gave up")
}

// A sleep in a closure called in the loop: a return there would not leave
// the loop, so no fix.
func sleepInNestedFunc(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		func() {
			time.Sleep(time.Second) // want `retry wait ignores ctx`
		}()
	}
	return nil, errors.New("gave up")
}

// Inside a retry-library callback: point to the library's wait, no fix.
func inCallback(ctx context.Context, c *http.Client, req *http.Request) error {
	return backoff.Retry(func() error {
		resp, err := c.Do(req)
		if err != nil {
			time.Sleep(time.Second) // want `retry wait ignores ctx: a cancelled caller keeps this callback sleeping and retrying; let backoff.Retry wait, with backoff.WithContext\(b, ctx\)`
			return err
		}
		return resp.Body.Close()
	}, backoff.NewExponentialBackOff())
}

// Doer is the shape of (*http.Client).Do that clients inject.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

// gojek/heimdall's loop: the request's context, sent through a Doer.
func heimdall(d Doer, request *http.Request) (*http.Response, error) {
	var response *http.Response
	var err error
	for i := 0; i <= 3; i++ {
		if response != nil {
			response.Body.Close()
		}
		response, err = d.Do(request)
		if err != nil {
			time.Sleep(time.Second) // want `retry wait ignores request.Context\(\)`
			continue
		}
		break
	}
	return response, err
}

// gojek/heimdall's 5xx path: the response is open at the sleep, and the
// loop closes it at the top of the next attempt; a return on cancellation
// would leak it. Reported, no fix; the error path above it is fixed.
func heimdall5xx(d Doer, request *http.Request) (*http.Response, error) {
	var response *http.Response
	var err error
	for i := 0; i <= 3; i++ {
		if response != nil {
			response.Body.Close()
		}
		response, err = d.Do(request)
		if err != nil {
			time.Sleep(time.Second) // want `retry wait ignores request.Context\(\)`
			continue
		}
		if response.StatusCode >= http.StatusInternalServerError {
			time.Sleep(time.Second) // want `retry wait ignores request.Context\(\)`
			continue
		}
		break
	}
	return response, err
}

// An error or a 5xx reach the same sleep: the response may be open there.
// Reported, no fix.
func errorOr5xx(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	var resp *http.Response
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		if resp != nil {
			resp.Body.Close()
		}
		resp, err = c.Do(req)
		if err != nil || resp.StatusCode >= http.StatusInternalServerError {
			time.Sleep(time.Second) // want `retry wait ignores ctx`
			continue
		}
		return resp, nil
	}
	return resp, err
}

// --- Silent. ---

// No context anywhere: nothing to suggest.
func noContext(c *http.Client, u string) (*http.Response, error) {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var resp *http.Response
		resp, err = c.Get(u)
		if err == nil {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, err
}

// A select on ctx.Done() and a timer.
func selectTimer(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		t := time.NewTimer(time.Second)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
	}
	return nil, errors.New("gave up")
}

// A select on ctx.Done() and time.After.
func selectAfter(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Second):
		}
	}
	return nil, errors.New("gave up")
}

// A helper that honours ctx.
func helperWithContext(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		if err := helpers.PauseCtx(ctx, time.Second); err != nil {
			return nil, err
		}
	}
	return nil, errors.New("gave up")
}

// A helper that never returns normally is not a wait.
func fatalHelper(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		if attempt == 2 {
			helpers.Fatal(err)
		}
		if err := helpers.PauseCtx(ctx, time.Second); err != nil {
			return nil, err
		}
	}
	return nil, errors.New("gave up")
}

// A sleep outside any retry region.
func notRetry(ctx context.Context) {
	time.Sleep(time.Second)
}
