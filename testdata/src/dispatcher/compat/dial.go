package compat

import (
	"context"
	"crypto/tls"
	"net"
	"net/http"
)

// Setting Transport.Dial or Transport.DialTLS is the deprecated act:
// reported wherever the field is written.
func setDial(tr *http.Transport, d *net.Dialer) {
	tr.Dial = d.Dial                     // want `http.Transport.Dial is deprecated: use DialContext, which lets the transport cancel dials that are no longer needed \(since go1.7\) \(dispatcher\)`
	(tr.Dial) = d.Dial                   // want `http.Transport.Dial is deprecated`
	_ = &http.Transport{Dial: d.Dial}    // want `http.Transport.Dial is deprecated`
	_ = http.Transport{DialTLS: tlsDial} // want `http.Transport.DialTLS is deprecated: use DialTLSContext, which lets the transport cancel dials that are no longer needed \(since go1.14\) \(dispatcher\)`
	tr.DialTLS = tlsDial                 // want `http.Transport.DialTLS is deprecated`
	p := &tr.DialTLS                     // want `http.Transport.DialTLS is deprecated`
	*p = nil
}

// Copying another transport's Dial still sets the field on out: reported
// there, and only there.
func copyDial(out, in *http.Transport) {
	out.Dial = in.Dial       // want `http.Transport.Dial is deprecated`
	out.DialTLS = in.DialTLS // want `http.Transport.DialTLS is deprecated`
}

func tlsDial(network, addr string) (net.Conn, error) {
	return tls.Dial(network, addr, nil)
}

// Reading Transport.Dial and Transport.DialTLS honours callers that still
// set them, as net/http/httptest's Server.Start does: silent.
func honourDial(tr *http.Transport) {
	var d net.Dialer
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if tr.Dial != nil {
			return tr.Dial(network, addr)
		}
		return d.DialContext(ctx, network, addr)
	}
	tr.DialTLSContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if (tr.DialTLS) != nil {
			return tr.DialTLS(network, addr)
		}
		return (&tls.Dialer{}).DialContext(ctx, network, addr)
	}
}

func readDial(tr *http.Transport) {
	f := tr.Dial
	g := tr.DialTLS
	passOn(tr.Dial)
	passOn(tr.DialTLS)
	_, _ = f, g
	_ = []func(string, string) (net.Conn, error){tr.Dial, tr.DialTLS}
	_ = map[string]func(string, string) (net.Conn, error){"dial": tr.Dial}
}

func passOn(dial func(network, addr string) (net.Conn, error)) {}
