// Package freshkey: an idempotency key must be the same for every retry
// of one operation.
package freshkey

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
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
