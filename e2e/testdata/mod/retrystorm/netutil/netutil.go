// Package netutil holds helpers whose facts cross the package boundary: one
// makes a network call, one always sleeps.
package netutil

import (
	"net/http"
	"time"
)

// Ping makes a network call.
func Ping(c *http.Client, url string) error {
	resp, err := c.Head(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Nap always sleeps, and no context can stop it.
func Nap(d time.Duration) {
	time.Sleep(d)
}
