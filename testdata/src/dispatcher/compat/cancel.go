// Package compat uses Request.Cancel, Transport.Dial, Transport.DialTLS and
// CloseNotifier both to depend on them (reported) and to stay compatible
// with callers that still use them (silent).
package compat

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// Setting Request.Cancel is the deprecated act: reported wherever the field
// is written.
func setCancel(req *http.Request, ch chan struct{}) {
	req.Cancel = ch               // want `http.Request.Cancel is deprecated: use the request's context .* \(since go1.7\) \(dispatcher\)`
	(req.Cancel) = ch             // want `http.Request.Cancel is deprecated`
	_ = &http.Request{Cancel: ch} // want `http.Request.Cancel is deprecated`
	_ = http.Request{Cancel: ch}  // want `http.Request.Cancel is deprecated`
	p := &req.Cancel              // want `http.Request.Cancel is deprecated`
	*p = ch
}

func setCancelRange(req *http.Request, chans []<-chan struct{}) {
	for _, req.Cancel = range chans { // want `http.Request.Cancel is deprecated`
	}
}

// A field promoted from an embedded http.Request is the same field.
type tracedRequest struct {
	*http.Request
	start time.Time
}

func setPromoted(r tracedRequest, ch chan struct{}) {
	r.Cancel = ch // want `http.Request.Cancel is deprecated`
}

// Copying the caller's Cancel to an outgoing request still sets the field
// there: the left side is reported, the read on the right is not.
func copyCancel(out, in *http.Request) {
	out.Cancel = in.Cancel // want `http.Request.Cancel is deprecated`
}

// Reading Request.Cancel honours callers that still set it, as net/http's
// own transport does (rehttp.go:400 in github.com/PuerkitoBio/rehttp
// v1.4.0): silent.
type retryTransport struct {
	next  http.RoundTripper
	delay time.Duration
}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	done := req.Context().Done()
	for {
		res, err := t.next.RoundTrip(req)
		if err == nil {
			return res, nil
		}
		select {
		case <-time.After(t.delay):
		case <-done:
			return nil, errors.New("net/http: request canceled")
		case <-req.Cancel:
			return nil, errors.New("net/http: request canceled")
		}
	}
}

func readCancel(ctx context.Context, req *http.Request) bool {
	if req.Cancel == nil {
		return false
	}
	c := req.Cancel
	wait(ctx, (req.Cancel))
	_ = c
	return true
}

func wait(ctx context.Context, cancel <-chan struct{}) {
	select {
	case <-ctx.Done():
	case <-cancel:
	}
}
