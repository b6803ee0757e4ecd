//go:build go1.21

package oldgo

import (
	"net"
	"net/http"
	"net/http/httputil"
)

// This file's build constraint raises its Go version to go1.21, where every
// replacement exists.
func transportNew() *http.Transport {
	return &http.Transport{
		DialTLS: func(network, addr string) (net.Conn, error) { return nil, nil }, // want `http.Transport.DialTLS is deprecated: .*\(since go1.14\)`
	}
}

var proxyNew = &httputil.ReverseProxy{Director: func(*http.Request) {}} // want `httputil.ReverseProxy.Director is deprecated: use Rewrite.*\(since go1.20\)`
