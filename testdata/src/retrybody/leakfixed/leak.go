// Package leak (retrybody/leakfixed) is ../leak/leak.go.golden as a package:
// the fixed code compiles, and the check reports only what had no fix.
package leak

import (
	"errors"
	"io"
	"net/http"
	"time"
)

// Leaked on one branch: a 5xx goes round again with its body open. The
// fix closes it before that continue.
func leakedOnRetryableStatus(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		if resp.StatusCode >= 500 {
			time.Sleep(time.Second)
			resp.Body.Close()
			continue
		}
		return resp, nil
	}
	return nil, errors.New("gave up")
}

// The same in a switch.
func leakedInSwitch(c *http.Client, req *http.Request) (*http.Response, error) {
	for {
		resp, err := c.Do(req)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		switch resp.StatusCode {
		case http.StatusServiceUnavailable, http.StatusTooManyRequests:
			time.Sleep(time.Second)
			resp.Body.Close()
			continue
		}
		return resp, nil
	}
}

// Leaked by falling off the end of the loop body: reported, and no fix
// (there is no continue to put the Close before).
func leakedAtEnd(c *http.Client, url string) (*http.Response, error) {
	var resp *http.Response
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		resp, err = c.Get(url) // want `response resp is not closed before the next attempt`
		if err == nil && resp.StatusCode < 500 {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, err
}

// Leaked on two continues: reported, no fix.
func leakedTwice(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url) // want `response resp is not closed before the next attempt`
		if err != nil {
			continue
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			time.Sleep(time.Minute)
			continue
		}
		if resp.StatusCode >= 500 {
			continue
		}
		return resp, nil
	}
	return nil, errors.New("gave up")
}

// Doer is the shape of (*http.Client).Do that clients inject.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

// A send through an injected Doer leaks the same way.
func leakedThroughDoer(d Doer, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := d.Do(req) // want `response resp is not closed before the next attempt`
		if err == nil && resp.StatusCode < 500 {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, errors.New("gave up")
}

// --- Silent. ---

// Closed at the top of the next attempt, as gojek/heimdall does.
func closedAtNextAttempt(d Doer, req *http.Request) (*http.Response, error) {
	var resp *http.Response
	var err error
	for i := 0; i < 3; i++ {
		if resp != nil {
			resp.Body.Close()
		}
		resp, err = d.Do(req)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		if resp.StatusCode >= 500 {
			time.Sleep(time.Second)
			continue
		}
		break
	}
	return resp, err
}

// Closed on every branch that goes round again.
func closedOnAllBranches(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		if resp.StatusCode >= 500 {
			resp.Body.Close()
			time.Sleep(time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("gave up")
}

// Closed when not nil.
func closedIfNotNil(c *http.Client, url string) error {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url)
		if resp != nil {
			resp.Body.Close()
		}
		if err == nil && resp.StatusCode < 500 {
			return nil
		}
		time.Sleep(time.Second)
	}
	return errors.New("gave up")
}

// Deferred: closed when the function returns.
func deferred(c *http.Client, url string) ([]byte, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		defer resp.Body.Close()
		if resp.StatusCode >= 500 {
			time.Sleep(time.Second)
			continue
		}
		return io.ReadAll(resp.Body)
	}
	return nil, errors.New("gave up")
}

// Stored for the caller, who closes them.
func stored(c *http.Client, url string, rejected *[]*http.Response) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		if resp.StatusCode >= 500 {
			*rejected = append(*rejected, resp)
			time.Sleep(time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("gave up")
}

// Handed on to a function that drains and closes it.
func handedOn(c *http.Client, url string, drain func(*http.Response)) error {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		if resp.StatusCode >= 500 {
			drain(resp)
			time.Sleep(time.Second)
			continue
		}
		return resp.Body.Close()
	}
	return errors.New("gave up")
}

// Only the error path goes round again: the response is nil there.
func errorPathOnly(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("gave up")
}
