// Package freshkey: an idempotency key must be the same for every retry
// of one operation.
package freshkey

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net"
	"net/http"
	"os"
	"strconv"
	"syscall"
	"time"
)

// Reported: a new key in every attempt.
func perAttempt(c *http.Client, url string, body []byte) (*http.Response, error) {
	var err error
	for i := 0; i < 3; i++ {
		req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
		req.Header.Set("Idempotency-Key", rand.Text()) // want `idempotency key is made anew in every attempt of this loop`
		var resp *http.Response
		if resp, err = c.Do(req); err == nil {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, err
}

// Reported: a key header under another name is a key too.
func perAttemptToken(c *http.Client, url string, body []byte) (*http.Response, error) {
	var err error
	for i := 0; i < 3; i++ {
		req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
		req.Header.Set("Idempotency-Token", rand.Text()) // want `idempotency key is made anew in every attempt of this loop`
		var resp *http.Response
		if resp, err = c.Do(req); err == nil {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, err
}

// Reported: through a variable filled in the loop.
func filled(c *http.Client, url string, body []byte) (*http.Response, error) {
	var err error
	for i := 0; i < 3; i++ {
		b := make([]byte, 16)
		rand.Read(b)
		key := hex.EncodeToString(b)
		req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
		req.Header.Set("Idempotency-Key", key) // want `idempotency key is made anew in every attempt of this loop`
		var resp *http.Response
		if resp, err = c.Do(req); err == nil {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, err
}

// Reported: a timestamp is new in every attempt too.
func timestamp(c *http.Client, url string, body []byte) (*http.Response, error) {
	var err error
	for i := 0; i < 3; i++ {
		req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
		req.Header.Set("Idempotency-Key", strconv.FormatInt(time.Now().UnixNano(), 10)) // want `idempotency key is made anew`
		var resp *http.Response
		if resp, err = c.Do(req); err == nil {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, err
}

// Silent: one key before the retries.
func once(c *http.Client, url string, body []byte) (*http.Response, error) {
	key := rand.Text()
	var err error
	for i := 0; i < 3; i++ {
		req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
		req.Header.Set("Idempotency-Key", key)
		var resp *http.Response
		if resp, err = c.Do(req); err == nil {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, err
}

// Silent: a key derived from the content is the same in every attempt.
func derived(c *http.Client, url string, body []byte) (*http.Response, error) {
	var err error
	for i := 0; i < 3; i++ {
		sum := sha256.Sum256(body)
		req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
		req.Header.Set("Idempotency-Key", hex.EncodeToString(sum[:]))
		var resp *http.Response
		if resp, err = c.Do(req); err == nil {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, err
}

// Silent: the caller's headers, copied one by one, may hold the key.
func callerHeaders(c *http.Client, url string, body []byte, h http.Header) (*http.Response, error) {
	var err error
	for i := 0; i < 3; i++ {
		req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
		for k, vs := range h {
			for _, v := range vs {
				req.Header.Add(k, v)
			}
		}
		var resp *http.Response
		if resp, err = c.Do(req); err == nil {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, err
}

// Reported: headers of known names carry no key.
func knownHeaders(c *http.Client, url string, body []byte) (*http.Response, error) {
	var err error
	for i := 0; i < 3; i++ {
		req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		var resp *http.Response
		if resp, err = c.Do(req); err == nil { // want `POST request is retried by this loop without an Idempotency-Key header`
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, err
}

// Silent: only a refused connection is retried: the server never saw
// the request.
func refusedOnly(c *http.Client, url string, body []byte) (*http.Response, error) {
	var err error
	for i := 0; i < 3; i++ {
		req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
		var resp *http.Response
		resp, err = c.Do(req)
		if err == nil {
			return resp, nil
		}
		if !errors.Is(err, syscall.ECONNREFUSED) {
			return nil, err
		}
		time.Sleep(time.Second)
	}
	return nil, err
}

// Silent: only a failed name lookup is retried.
func dnsOnly(c *http.Client, url string, body []byte) (*http.Response, error) {
	var err error
	for i := 0; i < 3; i++ {
		req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
		var resp *http.Response
		resp, err = c.Do(req)
		var dnsErr *net.DNSError
		if err != nil && errors.As(err, &dnsErr) {
			time.Sleep(time.Second)
			continue
		}
		return resp, err
	}
	return nil, err
}

// Reported: a timeout is retried too; the server may have the request.
func refusedOrTimeout(c *http.Client, url string, body []byte) (*http.Response, error) {
	var err error
	for i := 0; i < 3; i++ {
		req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
		var resp *http.Response
		resp, err = c.Do(req) // want `POST request is retried by this loop without an Idempotency-Key header`
		if err == nil {
			return resp, nil
		}
		if !errors.Is(err, syscall.ECONNREFUSED) && !errors.Is(err, os.ErrDeadlineExceeded) {
			return nil, err
		}
		time.Sleep(time.Second)
	}
	return nil, err
}
