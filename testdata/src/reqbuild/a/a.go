// Package a declares request builders and functions that only look like
// them.
package a

import (
	"context"
	"io"
	"net/http"
	"strings"
)

type Client struct {
	base  string
	token string
	extra http.Header
}

// newRequest is the usual builder: method and body are the caller's.
func (c *Client) newRequest(ctx context.Context, method, path string, body io.Reader) (*http.Request, error) { // want newRequest:`builds a request: method parameter 1, body parameter 3, keyed false`
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.SetBasicAuth("u", "p")
	return req, nil
}

// NewForm builds the body itself: it is fresh for every call.
func NewForm(method, u, form string) (*http.Request, error) { // want NewForm:`builds a request: method parameter 0, body parameter -1, keyed false`
	req, err := http.NewRequest(method, u, strings.NewReader(form))
	if err != nil {
		return nil, err
	}
	req.Header.Add("Content-Type", "application/x-www-form-urlencoded")
	return req, nil
}

// NewKeyed sets an idempotency key on every request it builds.
func NewKeyed(method, u, key string) (*http.Request, error) { // want NewKeyed:`builds a request: method parameter 0, body parameter -1, keyed true`
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Idempotency-Key", key)
	return req, nil
}

// Silent: the method is computed inside.
func newUpper(method, u string) (*http.Request, error) {
	req, err := http.NewRequest(strings.ToUpper(method), u, nil)
	return req, err
}

// Silent: the request is returned straight from the constructor, not
// through a variable.
func newPost(u string) (*http.Request, error) {
	return http.NewRequest(http.MethodPost, u, nil)
}

// newCreate fixes the method: a constant.
func (c *Client) newCreate(ctx context.Context, body io.Reader) (*http.Request, error) { // want newCreate:`builds a request: method POST, body parameter 1, keyed false`
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/items", body)
	if err != nil {
		return nil, err
	}
	req.Header["Content-Type"] = []string{"application/json"}
	return req, nil
}

// NewMapKeyed writes the key into the header map, canonical.
func NewMapKeyed(method, u, key string) (*http.Request, error) { // want NewMapKeyed:`builds a request: method parameter 0, body parameter -1, keyed true`
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header["Idempotency-Key"] = []string{key}
	return req, nil
}

// NewOrder fixes the method: callers in other packages see it through the
// fact.
func NewOrder(u string, body io.Reader) (*http.Request, error) { // want NewOrder:`builds a request: method POST, body parameter 1, keyed false`
	req, err := http.NewRequest("post", u, body)
	return req, err
}

// Silent: a map write of a header whose name is not known.
func newMapNamed(method, u, name string) (*http.Request, error) {
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header[name] = []string{"x"}
	return req, nil
}

// Silent: headers copied from a map may hold a key.
func (c *Client) newWithExtra(method, u string) (*http.Request, error) {
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header = c.extra.Clone()
	return req, nil
}

// Silent: a header whose name is not known.
func newNamed(method, u, name, value string) (*http.Request, error) {
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set(name, value)
	return req, nil
}

// Silent: the request is handed to code that may change it.
func (c *Client) newSigned(method, u string) (*http.Request, error) {
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		return nil, err
	}
	sign(req)
	return req, nil
}

func sign(*http.Request) {}

// Silent: two requests may be returned.
func newEither(method, u string, alt bool) (*http.Request, error) {
	a, _ := http.NewRequest(method, u, nil)
	b, _ := http.NewRequest(method, u+"/alt", nil)
	if alt {
		return b, nil
	}
	return a, nil
}

var shared *http.Request

// Silent: a package-level request.
func newShared(method, u string) (*http.Request, error) {
	var err error
	shared, err = http.NewRequest(method, u, nil)
	return shared, err
}
