// Package oldgo is a module whose go.mod says go 1.13: a replacement that
// arrived later does not exist for its files, so their uses are silent.
package oldgo

import (
	"net"
	"net/http"
	"net/http/httputil"
)

func transport(d *net.Dialer) *http.Transport {
	return &http.Transport{
		Dial: d.Dial, // want `http.Transport.Dial is deprecated: use DialContext.*\(since go1.7\)`
		// DialTLSContext arrived in go1.14: silent.
		DialTLS: func(network, addr string) (net.Conn, error) { return nil, nil },
	}
}

// Rewrite arrived in go1.20: silent.
var proxy = &httputil.ReverseProxy{Director: func(*http.Request) {}}
