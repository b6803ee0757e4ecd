// Package body (retrybody/bodyfixed) is ../body/body.go.golden as a package:
// the fixed code compiles, and the check reports only what had no fix.
package body

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/cenkalti/backoff/v4"
	"github.com/hashicorp/go-retryablehttp"
)

// The request is built once, with a *bytes.Reader body, and re-sent: the
// fix resets the body from GetBody at the top of the loop.
func reusedRequest(c *http.Client, url string, payload []byte) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodPut, url, bytes.NewReader(payload))
	if err != nil {
		return nil, err
	}
	for attempt := 0; attempt < 3; attempt++ {
		req.Body, _ = req.GetBody()
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, errors.New("gave up")
}

// A *strings.Reader body, sent through req.WithContext, in a for loop
// without condition.
func reusedWithContext(ctx context.Context, c *http.Client, url, doc string) error {
	req, err := http.NewRequest(http.MethodPut, url, strings.NewReader(doc))
	if err != nil {
		return err
	}
	for {
		req.Body, _ = req.GetBody()
		resp, err := c.Do(req.WithContext(ctx))
		if err == nil {
			return resp.Body.Close()
		}
		time.Sleep(time.Second)
	}
}

// A *bytes.Buffer body, in a retry-library callback.
func reusedInCallback(c *http.Client, url string, buf *bytes.Buffer) error {
	req, err := http.NewRequest(http.MethodPut, url, buf)
	if err != nil {
		return err
	}
	return backoff.Retry(func() error {
		req.Body, _ = req.GetBody()
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		return resp.Body.Close()
	}, backoff.NewExponentialBackOff())
}

// A body of unknown length is sent chunked: net/http sets no GetBody, so a
// retry sends nothing. Reported, no fix.
func chunkedBody(c *http.Client, url string, r io.Reader) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodPost, url, r)
	if err != nil {
		return nil, err
	}
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req) // want `request req is re-sent with the body the first attempt consumed`
		if err == nil {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, errors.New("gave up")
}

// A reader made before the loop, passed to NewRequest in it.
func reusedReader(ctx context.Context, c *http.Client, url string, payload []byte) (*http.Response, error) {
	body := bytes.NewReader(payload)
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, body) // want `body reader body is drained by the first attempt: a retry sends an empty or truncated body; create the reader inside the retry \(bytes.NewReader\(data\)\) or rewind it before each attempt \(retrybody\)`
		if err != nil {
			return nil, err
		}
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, errors.New("gave up")
}

// A reader parameter passed to (*http.Client).Post in the loop.
func reusedReaderPost(c *http.Client, url string, r io.Reader) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Post(url, "application/json", r) // want `body reader r is drained by the first attempt`
		if err == nil {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, errors.New("gave up")
}

// --- Silent. ---

// Rewound with GetBody in each attempt.
func rewound(c *http.Client, url string, payload []byte) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodPut, url, bytes.NewReader(payload))
	if err != nil {
		return nil, err
	}
	for attempt := 0; attempt < 3; attempt++ {
		req.Body, _ = req.GetBody()
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, errors.New("gave up")
}

// Rebuilt in each attempt.
func rebuilt(c *http.Client, url string, payload []byte) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequest(http.MethodPut, url, bytes.NewReader(payload))
		if err != nil {
			return nil, err
		}
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, errors.New("gave up")
}

// A new reader in each attempt.
func newReaderEachAttempt(c *http.Client, url string, payload []byte) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Post(url, "application/json", bytes.NewReader(payload))
		if err == nil {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, errors.New("gave up")
}

// A reader rewound with Seek in each attempt.
func seeked(c *http.Client, url string, r *bytes.Reader) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		if _, err := r.Seek(0, io.SeekStart); err != nil {
			return nil, err
		}
		resp, err := c.Post(url, "application/json", r)
		if err == nil {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, errors.New("gave up")
}

// No body, and http.NoBody.
func noBody(c *http.Client, url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, errors.New("gave up")
}

func explicitNoBody(c *http.Client, url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodDelete, url, http.NoBody)
	if err != nil {
		return nil, err
	}
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, errors.New("gave up")
}

// A request handed to a helper that may rewind it.
func handedOn(c *http.Client, url string, payload []byte, prepare func(*http.Request)) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodPut, url, bytes.NewReader(payload))
	if err != nil {
		return nil, err
	}
	for attempt := 0; attempt < 3; attempt++ {
		prepare(req)
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, errors.New("gave up")
}

// go-retryablehttp rewinds the body itself.
func retryable(c *retryablehttp.Client, url string, payload []byte) (*http.Response, error) {
	req, err := retryablehttp.NewRequest(http.MethodPut, url, payload)
	if err != nil {
		return nil, err
	}
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, errors.New("gave up")
}

// A loop over items sends each request once: not a retry.
func perItem(c *http.Client, url string, docs []string) {
	for _, d := range docs {
		resp, err := c.Post(url, "text/plain", strings.NewReader(d))
		if err != nil {
			continue
		}
		resp.Body.Close()
	}
}
