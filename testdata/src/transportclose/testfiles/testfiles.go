// Package testfiles holds transportclose's cases for _test.go files under
// the default flags: what its test file does is not reported, while the
// same code in this file is.
package testfiles

import "net/http"

// Logging hides CloseIdleConnections outside a test file: reported.
type Logging struct { // want `Logging wraps a transport in field Next`
	Next http.RoundTripper
}

func (l *Logging) RoundTrip(req *http.Request) (*http.Response, error) {
	return l.Next.RoundTrip(req)
}

func fetch(url string) error {
	c := &http.Client{Transport: &http.Transport{}} // want `this http.Transport is never closed`
	_, err := c.Get(url)
	return err
}
