// Package more holds the rarer shapes: copies of requests, clients made
// by StandardClient, CONNECT, header literals, directives.
package more

import (
	"net/http"
	"time"

	"github.com/cenkalti/backoff/v4"
	"github.com/go-resty/resty/v2"
	"github.com/hashicorp/go-retryablehttp"
)

// A request copied into a retryablehttp.Request keeps its method.
func fromRequest(rc *retryablehttp.Client) error {
	hreq, err := http.NewRequest(http.MethodPost, "https://api.example.com/x", nil)
	if err != nil {
		return err
	}
	rreq, err := retryablehttp.FromRequest(hreq)
	if err != nil {
		return err
	}
	_, err = rc.Do(rreq) // want `POST request is retried by go-retryablehttp`
	return err
}

// The *http.Client of StandardClient retries through go-retryablehttp.
func standard(rc *retryablehttp.Client) error {
	std := rc.StandardClient()
	req, err := http.NewRequest(http.MethodPatch, "https://api.example.com/x", nil)
	if err != nil {
		return err
	}
	_, err = std.Do(req) // want `PATCH request is retried by go-retryablehttp`
	return err
}

// CONNECT is not idempotent either; WithContext copies the request.
func connect(tr *http.Transport) error {
	req, err := http.NewRequest(http.MethodConnect, "https://proxy.example.com:443", nil)
	if err != nil {
		return err
	}
	return backoff.Retry(func() error {
		_, err := tr.RoundTrip(req.WithContext(req.Context())) // want `CONNECT request is retried by backoff.Retry`
		return err
	}, &backoff.ZeroBackOff{})
}

// Silent: the header map literal holds the key.
func headerLiteral(c *http.Client, key string) error {
	return backoff.Retry(func() error {
		req, _ := http.NewRequest(http.MethodPost, "https://api.example.com/x", nil)
		req.Header = http.Header{"Idempotency-Key": {key}}
		_, err := c.Do(req)
		return err
	}, &backoff.ZeroBackOff{})
}

// Silent: resty's SetHeaders with the key.
func restyHeaders(key string) {
	resty.New().SetRetryCount(3).R().SetHeaders(map[string]string{"Idempotency-Key": key}).Post("https://api.example.com/x")
}

// Silent: resty without retries is not retried.
func restyNoRetry() {
	resty.New().R().Post("https://api.example.com/x")
}

// Silent: the method is the caller's.
func param(c *http.Client, req *http.Request) {
	for i := 0; i < 3; i++ {
		if _, err := c.Do(req); err != nil {
			time.Sleep(time.Second)
			continue
		}
		return
	}
}

// Silent: two methods, so none is proven.
func twoMethods(c *http.Client, create bool) {
	req, _ := http.NewRequest(http.MethodPut, "https://api.example.com/x", nil)
	if create {
		req, _ = http.NewRequest(http.MethodPost, "https://api.example.com/x", nil)
	}
	backoff.Retry(func() error {
		_, err := c.Do(req)
		return err
	}, &backoff.ZeroBackOff{})
}

// Silent: the finding is waived with a reason.
func waived(c *http.Client) {
	backoff.Retry(func() error {
		//transportvet:ignore retryidempotency the server dedupes on the order ID
		_, err := c.Post("https://api.example.com/orders", "text/plain", nil)
		return err
	}, &backoff.ZeroBackOff{})
}

// A bare loop and a range over an integer retry too.
func bare(c *http.Client) (*http.Response, error) {
	for {
		req, err := http.NewRequest(http.MethodPost, "https://api.example.com/x", nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.Do(req) // want `POST request is retried by this loop`
		if err == nil {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
}

func rangeInt(c *http.Client) error {
	for attempt := range 3 {
		req, err := http.NewRequest(http.MethodPost, "https://api.example.com/x", nil)
		if err != nil {
			return err
		}
		if _, err := c.Do(req); err != nil { // want `POST request is retried by this loop`
			time.Sleep(time.Duration(attempt) * time.Second)
			continue
		}
		return nil
	}
	return nil
}

type batch struct{ next string }

func postBatch(c *http.Client, cursor string) (*batch, error) {
	req, err := http.NewRequest(http.MethodPost, "https://api.example.com/export?cursor="+cursor, nil)
	if err != nil {
		return nil, err
	}
	if _, err := c.Do(req); err != nil {
		return nil, err
	}
	return &batch{}, nil
}

// Silent: pagination, each POST carries the next cursor.
func paginate(c *http.Client) error {
	cursor := ""
	for {
		b, err := postBatch(c, cursor)
		if err != nil {
			continue
		}
		if b.next == "" {
			return nil
		}
		cursor = b.next
	}
}

// Silent: polling, success goes round too.
func poll(c *http.Client) {
	for {
		if _, err := c.Post("https://api.example.com/heartbeat", "text/plain", nil); err != nil {
			time.Sleep(time.Second)
			continue
		}
		time.Sleep(10 * time.Second)
	}
}

// Silent: the key is set under another name.
func tokenHeader(c *http.Client, token string) error {
	for i := 0; i < 3; i++ {
		req, err := http.NewRequest(http.MethodPost, "https://api.example.com/orders", nil)
		if err != nil {
			return err
		}
		req.Header.Set("Idempotency-Token", token)
		if _, err := c.Do(req); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return nil
}

// Silent: the key under another name, written to the header map in
// canonical form.
func tokenMap(c *http.Client, token string) error {
	for i := 0; i < 3; i++ {
		req, err := http.NewRequest(http.MethodPost, "https://api.example.com/orders", nil)
		if err != nil {
			return err
		}
		req.Header["X-Idempotency-Token"] = []string{token}
		if _, err := c.Do(req); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return nil
}
