// Package wrap holds transportclose's cases for RoundTrippers that wrap a
// transport: a `want` where the check reports, a comment saying why where it
// is silent.
package wrap

import (
	"net/http"
	"sync/atomic"
)

// --- reported ---

// go-github's BasicAuthTransport: RoundTrip reaches its field through an
// accessor method that falls back to http.DefaultTransport.
type BasicAuth struct { // want `BasicAuth wraps a transport in field Transport`
	Username, Password string
	Transport          http.RoundTripper
}

func (t *BasicAuth) RoundTrip(req *http.Request) (*http.Response, error) {
	req2 := req.Clone(req.Context())
	req2.SetBasicAuth(t.Username, t.Password)
	return t.transport().RoundTrip(req2)
}

func (t *BasicAuth) transport() http.RoundTripper {
	if t.Transport != nil {
		return t.Transport
	}
	return http.DefaultTransport
}

// Logging wraps next and hides its CloseIdleConnections.
type Logging struct { // want `^Logging wraps a transport in field next but has no CloseIdleConnections method: \(\*http.Client\).CloseIdleConnections cannot reach the wrapped transport, whose idle connections then leak; add a CloseIdleConnections method that forwards to it \(transportclose\)$`
	next http.RoundTripper
	n    atomic.Int64
}

func (l *Logging) RoundTrip(req *http.Request) (*http.Response, error) {
	l.n.Add(1)
	return l.next.RoundTrip(req)
}

// Header has a value receiver and is unexported, but is used as a transport.
type header struct { // want `header wraps a transport in field base`
	base  http.RoundTripper
	key   string
	value string
}

func (h header) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.Header.Set(h.key, h.value)
	return h.base.RoundTrip(req)
}

func newClient() *http.Client {
	return &http.Client{Transport: header{base: http.DefaultTransport, key: "k", value: "v"}}
}

// Embedding the RoundTripper interface promotes RoundTrip, not
// CloseIdleConnections.
type Embedded struct { // want `Embedded wraps a transport in field RoundTripper`
	http.RoundTripper
}

func (e *Embedded) RoundTrip(req *http.Request) (*http.Response, error) {
	return e.RoundTripper.RoundTrip(req)
}

// RoundTrip uses the embedded field through a promoted method.
type Promoted struct { // want `Promoted wraps a transport in field Transport`
	*Logging
	Transport http.RoundTripper
}

func (p *Promoted) RoundTrip(req *http.Request) (*http.Response, error) {
	return p.Transport.RoundTrip(req)
}

// A concrete transport in a named field is hidden too.
type Concrete struct { // want `Concrete wraps a transport in field tr`
	tr *http.Transport
}

func (c *Concrete) RoundTrip(req *http.Request) (*http.Response, error) {
	return c.tr.RoundTrip(req)
}

// A client in a field: its CloseIdleConnections reaches its transport.
type ViaClient struct { // want `ViaClient wraps a transport in field client`
	client *http.Client
}

func (v *ViaClient) RoundTrip(req *http.Request) (*http.Response, error) {
	return v.client.Do(req)
}

// Several wrapped transports: reported, but which to forward to (all? the
// primary?) is the author's call, so no fix.
type Fallback struct { // want `Fallback wraps a transport in fields primary, secondary`
	primary, secondary http.RoundTripper
}

func (f *Fallback) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := f.primary.RoundTrip(req)
	if err != nil {
		return f.secondary.RoundTrip(req)
	}
	return resp, nil
}

// A generic wrapper.
type Counting[K comparable] struct { // want `Counting wraps a transport in field next`
	next   http.RoundTripper
	counts map[K]int
}

func (c *Counting[K]) RoundTrip(req *http.Request) (*http.Response, error) {
	return c.next.RoundTrip(req)
}

// Used as an http.RoundTripper variable.
type retrying struct { // want `retrying wraps a transport in field next`
	next http.RoundTripper
}

func (r *retrying) RoundTrip(req *http.Request) (*http.Response, error) {
	return r.next.RoundTrip(req)
}

var _ http.RoundTripper = (*retrying)(nil)

// --- silent ---

// Embedding *http.Transport promotes its CloseIdleConnections.
type EmbedsTransport struct {
	*http.Transport
	name string
}

func (e *EmbedsTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	return e.Transport.RoundTrip(req)
}

// It forwards CloseIdleConnections itself.
type Forwards struct {
	next http.RoundTripper
}

func (f *Forwards) RoundTrip(req *http.Request) (*http.Response, error) {
	return f.next.RoundTrip(req)
}

func (f *Forwards) CloseIdleConnections() {
	if c, ok := f.next.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// It exposes what it wraps, as k8s.io/apimachinery's RoundTripperWrapper:
// client-go's CloseIdleConnectionsFor unwraps it.
type Unwrappable struct {
	rt http.RoundTripper
}

func (u *Unwrappable) RoundTrip(req *http.Request) (*http.Response, error) {
	return u.rt.RoundTrip(req)
}

func (u *Unwrappable) WrappedRoundTripper() http.RoundTripper { return u.rt }

// It wraps no transport: nothing to close.
type Static struct {
	body string
}

func (s *Static) RoundTrip(req *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: 200, Request: req}, nil
}

// A func adapter holds no field.
type RoundTripperFunc func(*http.Request) (*http.Response, error)

func (f RoundTripperFunc) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }

type rtFunc func(*http.Request) (*http.Response, error)

func (f rtFunc) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }

var _ http.RoundTripper = rtFunc(nil)

// Unexported and never used as a transport in this package.
type unused struct {
	next http.RoundTripper
}

func (u *unused) RoundTrip(req *http.Request) (*http.Response, error) { return u.next.RoundTrip(req) }

// What the field holds is up to the instantiation.
type Param[RT http.RoundTripper] struct {
	next RT
}

func (p *Param[RT]) RoundTrip(req *http.Request) (*http.Response, error) {
	return p.next.RoundTrip(req)
}

// A chain in a slice: this check does not look into containers.
type Chain struct {
	links []http.RoundTripper
}

func (c *Chain) RoundTrip(req *http.Request) (*http.Response, error) {
	return c.links[0].RoundTrip(req)
}

// RoundTrip with another signature is not a RoundTripper.
type NotRT struct {
	next http.RoundTripper
}

func (n *NotRT) RoundTrip(req *http.Request) error { return nil }

// A back-pointer used by a helper that RoundTrip calls: the helper returns
// no transport, so it is no accessor and the field wraps nothing.
type Conn2 struct {
	t *http.Transport
}

func (c *Conn2) RoundTrip(req *http.Request) (*http.Response, error) {
	c.touch()
	return nil, nil
}

func (c *Conn2) touch() { _ = c.t.MaxIdleConns }

// An accessor that returns a transport from elsewhere, not the field.
type Elsewhere struct {
	next http.RoundTripper
}

func (e *Elsewhere) RoundTrip(req *http.Request) (*http.Response, error) {
	return e.base().RoundTrip(req)
}

func (e *Elsewhere) base() http.RoundTripper { return http.DefaultTransport }

// A connection with a back-pointer to the transport that owns it, as
// x/net/http2's ClientConn: RoundTrip does not use the field, so it wraps
// nothing.
type Conn struct {
	t    *http.Transport
	idle bool
}

func (c *Conn) RoundTrip(req *http.Request) (*http.Response, error) { return c.roundTrip(req) }

func (c *Conn) roundTrip(req *http.Request) (*http.Response, error) { return nil, nil }

// Without a receiver name, RoundTrip uses no field.
type Unnamed struct {
	next http.RoundTripper
}

func (*Unnamed) RoundTrip(req *http.Request) (*http.Response, error) { return nil, nil }

// An interface declares no fields.
type RTInterface interface {
	http.RoundTripper
	Name() string
}

// An alias declares nothing new.
type Alias = Logging
