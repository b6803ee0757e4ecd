// Package api is a small API client whose functions send requests; the
// facts it exports let package caller see them.
package api

import (
	"context"
	"net/http"
	"strings"
)

type Client struct {
	HTTP *http.Client
	Base string
}

// CreateNote sends a POST without a key.
func (c *Client) CreateNote(ctx context.Context, text string) error { // want CreateNote:`sends POST at api.go:22`
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.Base+"/notes", strings.NewReader(text))
	if err != nil {
		return err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Create reaches the POST through CreateNote.
func (c *Client) Create(ctx context.Context) error { // want Create:`sends POST at api.go:22`
	return c.CreateNote(ctx, "x")
}

// Restart sends a POST through an unexported helper.
func Restart(c *http.Client) error { // want Restart:`sends POST at api.go:40`
	return restart(c)
}

func restart(c *http.Client) error {
	_, err := c.Post("https://api.example.com/restart", "text/plain", nil)
	return err
}

// Send sends the request it is given, as it comes.
func Send(c *http.Client, req *http.Request) (*http.Response, error) { // want Send:`sends parameter \[1\] at api.go:46`
	return c.Do(req)
}

// SendKeyed sets a key on the request it is given: no fact.
func SendKeyed(c *http.Client, req *http.Request, key string) (*http.Response, error) {
	req.Header.Set("Idempotency-Key", key)
	return c.Do(req)
}

// CreateKeyed sets a key: no fact.
func (c *Client) CreateKeyed(ctx context.Context, key string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.Base+"/notes", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Idempotency-Key", key)
	_, err = c.HTTP.Do(req)
	return err
}

// GetNote is idempotent: no fact.
func (c *Client) GetNote(ctx context.Context) error {
	_, err := c.HTTP.Get(c.Base + "/notes/1")
	return err
}

// Ping sends a POST; package caller retries it by name.
func Ping() error { // want Ping:`sends POST at api.go:74`
	_, err := http.Post("https://api.example.com/ping", "text/plain", nil)
	return err
}

// Retry is the package's own retry helper: it retries op by hand.
func Retry(op func() error) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = op(); err == nil {
			return nil
		}
	}
	return err
}
