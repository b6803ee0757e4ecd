// Package helpersuser calls the functions of package helpers: the facts
// exported on them say which return a new transport on every call.
package helpersuser

import (
	"context"
	"net/http"
	"time"

	"transportclose/helpers"
)

// --- reported: a fresh transport per call, never closed ---

func perCall(url string) error {
	c := &http.Client{Transport: helpers.Fresh(time.Second)} // want `this http.Transport is never closed`
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func viaVar(req *http.Request) error {
	tr := helpers.Chained() // want `this http.Transport is never closed`
	_, err := tr.RoundTrip(req)
	return err
}

func method(cfg *helpers.Config, req *http.Request) error {
	tr := cfg.Transport() // want `this http.Transport is never closed`
	_, err := tr.RoundTrip(req)
	return err
}

func dropped(url string) {
	(&http.Client{Transport: helpers.Direct()}).Get(url) // want `this http.Transport is used for one request and dropped`
}

// --- silent ---

// A leak, but this package does not import google.golang.org/grpc: the
// check does not run for grpc.ClientConn here (a known limit; fixleak's
// dialHelper, in a package that imports grpc, is reported).
func dial(ctx context.Context, target string) error {
	conn, err := helpers.Dial(target)
	if err != nil {
		return err
	}
	return conn.Invoke(ctx, "/s/m", nil, nil)
}

func closed(req *http.Request) error {
	tr := helpers.Fresh(0)
	defer tr.CloseIdleConnections()
	_, err := tr.RoundTrip(req)
	return err
}

// The helper keeps the transport: not the caller's to close.
func cached(req *http.Request) error {
	_, err := helpers.Cached("example.com").RoundTrip(req)
	return err
}

func maybe(req *http.Request) error {
	tr := helpers.Maybe(true)
	_, err := tr.RoundTrip(req)
	return err
}

func watched(req *http.Request) error {
	tr := helpers.Watched()
	_, err := tr.RoundTrip(req)
	return err
}

// Returned: the caller of this function owns it.
func passedOn() *http.Transport {
	return helpers.Fresh(time.Second)
}
