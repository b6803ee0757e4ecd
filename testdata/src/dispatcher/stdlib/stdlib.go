// Package stdlib uses net/http's deprecated transport APIs.
package stdlib

import (
	"bufio"
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"time"
)

// Transport.Dial set to a net.Dialer's Dial in a literal becomes
// DialContext.
func transport() *http.Transport {
	d := &net.Dialer{Timeout: 5 * time.Second}
	return &http.Transport{
		Dial:                d.Dial, // want `http.Transport.Dial is deprecated: use DialContext, which lets the transport cancel dials that are no longer needed \(since go1.7\) \(dispatcher\)`
		MaxIdleConnsPerHost: 4,
	}
}

func transportValueDialer() *http.Transport {
	var d net.Dialer
	return &http.Transport{Dial: d.Dial} // want `http.Transport.Dial is deprecated`
}

// Not a net.Dialer method value: reported without a fix.
func transportCustomDial(dial func(network, addr string) (net.Conn, error)) *http.Transport {
	return &http.Transport{Dial: dial} // want `http.Transport.Dial is deprecated`
}

// The literal sets DialContext too, which wins: renaming would duplicate
// the key. Reported without a fix.
func transportBoth(d *net.Dialer) *http.Transport {
	return &http.Transport{DialContext: d.DialContext, Dial: d.Dial} // want `http.Transport.Dial is deprecated`
}

// An assignment could override a DialContext set elsewhere: no fix.
func transportAssign(t *http.Transport, d *net.Dialer) {
	t.Dial = d.Dial // want `http.Transport.Dial is deprecated`
}

func dialTLS(t *http.Transport) {
	t.DialTLS = func(network, addr string) (net.Conn, error) { // want `http.Transport.DialTLS is deprecated: use DialTLSContext, which lets the transport cancel dials that are no longer needed \(since go1.14\)`
		return tls.Dial(network, addr, nil)
	}
}

func cancel(t *http.Transport, req *http.Request) {
	t.CancelRequest(req) // want `http.Transport.CancelRequest is deprecated: use a cancelable request context .* \(since go1.5\)`
}

func requestCancel(req *http.Request) {
	ch := make(chan struct{})
	req.Cancel = ch                 // want `http.Request.Cancel is deprecated: use the request's context .* \(since go1.7\)`
	_ = (&http.Request{Cancel: ch}) // want `http.Request.Cancel is deprecated`
}

func closeNotify(w http.ResponseWriter, r *http.Request) {
	if cn, ok := w.(http.CloseNotifier); ok { // want `http.CloseNotifier is deprecated: use Request.Context, which is canceled when the client's connection closes \(since go1.7\)`
		<-cn.CloseNotify()
	}
}

func persist(c net.Conn) {
	cc := httputil.NewClientConn(c, bufio.NewReader(c)) // want `httputil.NewClientConn is deprecated: use http.Client or http.Transport`
	var _ *httputil.ClientConn = cc                     // want `httputil.ClientConn is deprecated`
	_ = httputil.NewProxyClientConn(c, nil)             // want `httputil.NewProxyClientConn is deprecated`
	sc := httputil.NewServerConn(c, nil)                // want `httputil.NewServerConn is deprecated: use http.Server`
	var _ *httputil.ServerConn = sc                     // want `httputil.ServerConn is deprecated`
}

func director(target *url.URL) *httputil.ReverseProxy {
	return &httputil.ReverseProxy{
		Director: func(r *http.Request) { // want `httputil.ReverseProxy.Director is deprecated: use Rewrite; .* \(since go1.20\)`
			r.URL.Scheme, r.URL.Host = target.Scheme, target.Host
		},
	}
}

// Silent: the replacements, and deprecations outside the catalog.
func silent(ctx context.Context, d *net.Dialer, target *url.URL) {
	_ = &http.Transport{DialContext: d.DialContext}
	_ = &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) { r.SetURL(target) }}
	_ = http.ErrWriteAfterFlush // deprecated, but not a transport API in the catalog
	_ = httputil.ErrPersistEOF  // likewise
	req, _ := http.NewRequestWithContext(ctx, "GET", "http://example.com", nil)
	_ = req
}
