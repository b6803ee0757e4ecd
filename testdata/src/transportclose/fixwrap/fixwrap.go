// Package fixwrap holds the wrapper cases whose suggested fix is checked
// against fixwrap.go.golden.
package fixwrap

import (
	"net/http"
	"time"
)

// Logging has a pointer receiver named l.
type Logging struct { // want `Logging wraps a transport in field next`
	next http.RoundTripper
}

func (l *Logging) RoundTrip(req *http.Request) (*http.Response, error) {
	return l.next.RoundTrip(req)
}

// Other methods stay where they are.
func (l *Logging) String() string { return "logging" }

// header has a value receiver and is used as a transport.
type header struct { // want `header wraps a transport in field base`
	base http.RoundTripper
	k, v string
}

func (h header) RoundTrip(req *http.Request) (*http.Response, error) {
	req.Header.Set(h.k, h.v)
	return h.base.RoundTrip(req)
}

var client = &http.Client{Transport: header{base: http.DefaultTransport}, Timeout: time.Second}

// C's receiver is named c: the type assertion's variable is named otherwise.
type C struct { // want `C wraps a transport in field next`
	next http.RoundTripper
}

func (c *C) RoundTrip(req *http.Request) (*http.Response, error) {
	return c.next.RoundTrip(req)
}

// Concrete holds a *http.Transport: called directly, if set.
type Concrete struct { // want `Concrete wraps a transport in field tr`
	tr *http.Transport
}

func (c *Concrete) RoundTrip(req *http.Request) (*http.Response, error) {
	return c.tr.RoundTrip(req)
}

// Generic keeps its type parameters in the receiver.
type Generic[K comparable, V any] struct { // want `Generic wraps a transport in field next`
	next http.RoundTripper
	m    map[K]V
}

func (g *Generic[K, V]) RoundTrip(req *http.Request) (*http.Response, error) {
	return g.next.RoundTrip(req)
}

// Fallback has two: reported without a fix.
type Fallback struct { // want `Fallback wraps a transport in fields a, b`
	a, b http.RoundTripper
}

func (f *Fallback) RoundTrip(req *http.Request) (*http.Response, error) {
	return f.a.RoundTrip(req)
}

// Clash has a field named CloseIdleConnections: a method of that name would
// not compile, so no fix.
type Clash struct { // want `Clash wraps a transport in field next`
	next                 http.RoundTripper
	CloseIdleConnections bool
}

func (c *Clash) RoundTrip(req *http.Request) (*http.Response, error) {
	return c.next.RoundTrip(req)
}

// BasicAuth reaches its field through an accessor (go-github): the fix
// forwards to the field; a nil field means http.DefaultTransport, which the
// wrapper does not own.
type BasicAuth struct { // want `BasicAuth wraps a transport in field Transport`
	User, Password string
	Transport      http.RoundTripper
}

func (t *BasicAuth) RoundTrip(req *http.Request) (*http.Response, error) {
	req2 := req.Clone(req.Context())
	req2.SetBasicAuth(t.User, t.Password)
	return t.transport().RoundTrip(req2)
}

func (t *BasicAuth) transport() http.RoundTripper {
	if t.Transport != nil {
		return t.Transport
	}
	return http.DefaultTransport
}
