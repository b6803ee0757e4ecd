// Package keys is the story of where the fix takes its key from: a name
// free where it goes, one key per operation, and the key the function
// already has.
package keys

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// Two retry loops in one function, two operations: each gets its own key,
// under names that do not clash.
func twoLoops(c *http.Client) error {
	for i := 0; i < 3; i++ {
		req, err := http.NewRequest(http.MethodPost, "https://api.example.com/orders", nil)
		if err != nil {
			return err
		}
		if _, err := c.Do(req); err == nil { // want `POST request is retried by this loop`
			break
		}
		time.Sleep(time.Second)
	}
	for i := 0; i < 3; i++ {
		req, err := http.NewRequest(http.MethodPost, "https://api.example.com/payments", nil)
		if err != nil {
			return err
		}
		if _, err := c.Do(req); err == nil { // want `POST request is retried by this loop`
			return nil
		}
		time.Sleep(time.Second)
	}
	return nil
}

// One request sent on two paths of one loop is one operation: one key.
func twoSends(c *http.Client, fast *http.Client) error {
	for i := 0; i < 3; i++ {
		req, err := http.NewRequest(http.MethodPost, "https://api.example.com/orders", nil)
		if err != nil {
			return err
		}
		if i == 0 {
			if _, err := fast.Do(req); err == nil { // want `POST request is retried by this loop`
				return nil
			}
		} else {
			if _, err := c.Do(req); err == nil { // want `POST request is retried by this loop`
				return nil
			}
		}
		time.Sleep(time.Second)
	}
	return nil
}

// The caller passes the key: the fix sets it.
func keyParam(c *http.Client, idempotencyKey string) error {
	for i := 0; i < 3; i++ {
		req, err := http.NewRequest(http.MethodPost, "https://api.example.com/orders", nil)
		if err != nil {
			return err
		}
		if _, err := c.Do(req); err == nil { // want `POST request is retried by this loop`
			return nil
		}
		time.Sleep(time.Second)
	}
	return nil
}

// Two requests in one loop, two operations: two keys before the loop.
func twoRequests(c *http.Client) error {
	for i := 0; i < 3; i++ {
		order, err := http.NewRequest(http.MethodPost, "https://api.example.com/orders", nil)
		if err != nil {
			return err
		}
		if _, err := c.Do(order); err != nil { // want `POST request is retried by this loop`
			time.Sleep(time.Second)
			continue
		}
		pay, err := http.NewRequest(http.MethodPost, "https://api.example.com/payments", nil)
		if err != nil {
			return err
		}
		if _, err := c.Do(pay); err == nil { // want `POST request is retried by this loop`
			return nil
		}
		time.Sleep(time.Second)
	}
	return nil
}

// A key made once, before the loop, from the content: the fix sets it.
func localKey(c *http.Client, body []byte) error {
	sum := sha256.Sum256(body)
	idemKey := hex.EncodeToString(sum[:])
	for i := 0; i < 3; i++ {
		req, err := http.NewRequest(http.MethodPost, "https://api.example.com/orders", nil)
		if err != nil {
			return err
		}
		if _, err := c.Do(req); err == nil { // want `POST request is retried by this loop`
			return nil
		}
		time.Sleep(time.Second)
	}
	return fmt.Errorf("gave up on %s", idemKey)
}

// go-retryablehttp sends one request for every attempt: the caller's key
// is set on it.
func clientKeyParam(rc *retryablehttp.Client, idempotencyKey string) error {
	req, err := retryablehttp.NewRequest(http.MethodPost, "https://api.example.com/orders", nil)
	if err != nil {
		return err
	}
	_, err = rc.Do(req) // want `POST request is retried by go-retryablehttp`
	return err
}

// The caller's key, and two operations that could take it: which one is
// it for? Reported, no fix.
func keyParamTwoLoops(c *http.Client, idempotencyKey string) error {
	for i := 0; i < 3; i++ {
		req, err := http.NewRequest(http.MethodPost, "https://api.example.com/orders", nil)
		if err != nil {
			return err
		}
		if _, err := c.Do(req); err == nil { // want `POST request is retried by this loop`
			break
		}
		time.Sleep(time.Second)
	}
	for i := 0; i < 3; i++ {
		req, err := http.NewRequest(http.MethodPost, "https://api.example.com/payments", nil)
		if err != nil {
			return err
		}
		if _, err := c.Do(req); err == nil { // want `POST request is retried by this loop`
			return nil
		}
		time.Sleep(time.Second)
	}
	return nil
}

// The key already goes on another request: it is that one's. Reported,
// no fix.
func keySetElsewhere(c *http.Client, idempotencyKey string) error {
	first, err := http.NewRequest(http.MethodPost, "https://api.example.com/orders", nil)
	if err != nil {
		return err
	}
	first.Header.Set("Idempotency-Key", idempotencyKey)
	if _, err := c.Do(first); err != nil {
		return err
	}
	for i := 0; i < 3; i++ {
		req, err := http.NewRequest(http.MethodPost, "https://api.example.com/payments", nil)
		if err != nil {
			return err
		}
		if _, err := c.Do(req); err == nil { // want `POST request is retried by this loop`
			return nil
		}
		time.Sleep(time.Second)
	}
	return nil
}

type key [16]byte

// A key that is not a string: how it is spelled in a header is the API's
// business. Reported, no fix.
func keyNotString(c *http.Client, idempotencyKey key) error {
	for i := 0; i < 3; i++ {
		req, err := http.NewRequest(http.MethodPost, "https://api.example.com/orders", nil)
		if err != nil {
			return err
		}
		if _, err := c.Do(req); err == nil { // want `POST request is retried by this loop`
			return nil
		}
		time.Sleep(time.Second)
	}
	return nil
}

// Two keys: which one? Reported, no fix.
func twoKeys(c *http.Client, idempotencyKey, idemKey string) error {
	for i := 0; i < 3; i++ {
		req, err := http.NewRequest(http.MethodPost, "https://api.example.com/orders", nil)
		if err != nil {
			return err
		}
		if _, err := c.Do(req); err == nil { // want `POST request is retried by this loop`
			return nil
		}
		time.Sleep(time.Second)
	}
	return nil
}

// The key changes in the loop: a key per attempt is no key. Reported, no
// fix.
func keyChanges(c *http.Client, body []byte) error {
	var idemKey string
	for i := 0; i < 3; i++ {
		idemKey = hex.EncodeToString(body) + string(rune('a'+i))
		req, err := http.NewRequest(http.MethodPost, "https://api.example.com/orders", nil)
		if err != nil {
			return err
		}
		if _, err := c.Do(req); err == nil { // want `POST request is retried by this loop`
			return nil
		}
		time.Sleep(time.Second)
	}
	return fmt.Errorf("gave up on %s", idemKey)
}
