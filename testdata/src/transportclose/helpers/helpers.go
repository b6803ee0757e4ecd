// Package helpers holds functions that return transports: those that return
// a new one on every call and keep none get a fact (a `want` naming it),
// and their callers' leaks are reported (in this package and in
// helpersuser) like a direct construction.
package helpers

import (
	"net/http"
	"time"

	"google.golang.org/grpc"
)

// --- fresh: a new value per call, kept nowhere ---

// Fresh clones the default transport with another timeout.
func Fresh(timeout time.Duration) *http.Transport { // want Fresh:"returns a new http.Transport it does not keep"
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.ResponseHeaderTimeout = timeout
	return tr
}

// Direct returns the creation itself.
func Direct() *http.Transport { // want Direct:"returns a new http.Transport it does not keep"
	return &http.Transport{MaxIdleConns: 1}
}

// Chained returns what a fresh function of its package returns.
func Chained() *http.Transport { // want Chained:"returns a new http.Transport it does not keep"
	return fresh()
}

// Dial returns a new connection, or nil and an error.
func Dial(target string) (*grpc.ClientConn, error) { // want Dial:"returns a new grpc.ClientConn it does not keep"
	conn, err := grpc.NewClient(target)
	if err != nil {
		return nil, err
	}
	return conn, nil
}

type Config struct{ Timeout time.Duration }

// Transport is a method: the same holds.
func (c *Config) Transport() *http.Transport { // want Transport:"returns a new http.Transport it does not keep"
	return &http.Transport{IdleConnTimeout: c.Timeout}
}

// fresh is unexported: no fact is exported for it (no other package can
// call it), but callers in this package are reported.
func fresh() *http.Transport {
	return &http.Transport{}
}

func perRequest(req *http.Request) error {
	tr := fresh() // want `this http.Transport is never closed`
	_, err := tr.RoundTrip(req)
	return err
}

// --- not fresh: no fact ---

var cache = map[string]*http.Transport{}

// Cached keeps what it returns.
func Cached(host string) *http.Transport {
	if tr, ok := cache[host]; ok {
		return tr
	}
	tr := &http.Transport{}
	cache[host] = tr
	return tr
}

var shared = &http.Transport{}

// Maybe returns a shared transport on one path.
func Maybe(fresh bool) *http.Transport {
	if fresh {
		return &http.Transport{}
	}
	return shared
}

// NoKeepAlive returns a transport that keeps no idle connection.
func NoKeepAlive() *http.Transport {
	return &http.Transport{DisableKeepAlives: true}
}

// Tuned returns its argument.
func Tuned(tr *http.Transport) *http.Transport {
	tr.MaxIdleConns = 1
	return tr
}

// Watched hands the transport to a goroutine as well.
func Watched() *http.Transport {
	tr := &http.Transport{}
	go func() {
		time.Sleep(time.Minute)
		tr.CloseIdleConnections()
	}()
	return tr
}

// Client returns a client, not a transport: out of scope.
func Client() *http.Client {
	return &http.Client{Transport: &http.Transport{}}
}
