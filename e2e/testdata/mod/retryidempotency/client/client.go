// Package client is a small API client.
package client

import (
	"context"
	"net/http"
	"strings"
)

// Client talks to the records API.
type Client struct {
	HTTP *http.Client
	Base string
}

// CreateRecord creates a DNS record. It sends a POST without an
// idempotency key, so retrying it can create the record twice.
func (c *Client) CreateRecord(ctx context.Context, name string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.Base+"/records", strings.NewReader(name))
	if err != nil {
		return err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// GetRecord is idempotent.
func (c *Client) GetRecord(ctx context.Context, name string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.Base+"/records/"+name, nil)
	if err != nil {
		return err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
