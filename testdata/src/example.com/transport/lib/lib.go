// Package lib is a fake HTTP client library that renamed its Dispatcher
// API to Transport, keeping deprecated forwarders.
package lib

import "net/http"

// Transport sends requests.
type Transport struct {
	Base http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	return t.Base.RoundTrip(req)
}

// Dispatcher is the old name of Transport.
//
// Deprecated: Use Transport instead.
type Dispatcher = Transport

// NewTransport returns a Transport over base.
func NewTransport(base http.RoundTripper) *Transport { return &Transport{Base: base} }

// NewDispatcher returns a Dispatcher over base.
//
// Deprecated: Use NewTransport instead.
func NewDispatcher(base http.RoundTripper) *Transport { return NewTransport(base) }

// Client sends requests through its Transport.
type Client struct {
	// Transport carries the requests.
	Transport *Transport

	// Dispatcher is the old name of Transport.
	//
	// Deprecated: Use Transport instead.
	Dispatcher *Transport

	// Timeout bounds each request.
	Timeout int
}

// Do sends req.
func (c *Client) Do(req *http.Request) (*http.Response, error) { return c.Transport.RoundTrip(req) }

// Dispatch is the old name of Do.
//
// Deprecated: Use Do instead.
func (c *Client) Dispatch(req *http.Request) (*http.Response, error) {
	return c.Do(req) // the declaring package's own compatibility code: silent
}

// SetTransport sets the transport.
func (c *Client) SetTransport(t *Transport) { c.Transport = t }

// SetDispatcher is the old name of SetTransport.
//
// Deprecated: Use [Client.SetTransport] instead.
func (c *Client) SetDispatcher(t *Dispatcher) { c.SetTransport(t) }

// DefaultTransportName names the default transport.
const DefaultTransportName = "default"

// DefaultDispatcherName is the old name of DefaultTransportName.
//
// Deprecated: Use DefaultTransportName instead.
const DefaultDispatcherName = "default"

// MaxDispatchers is deprecated but its replacement has another value.
//
// Deprecated: Use MaxTransports instead.
const MaxDispatchers = 4

// MaxTransports bounds the transports.
const MaxTransports = 8

// DispatchQueue is not deprecated although its name contains Dispatch.
type DispatchQueue struct{}

// DispatchAll is deprecated and names no replacement.
//
// Deprecated: Dispatching everything at once is unsafe.
func DispatchAll() {}

// DispatchTo is deprecated and names a replacement of another signature.
//
// Deprecated: Use SendTo instead.
func DispatchTo(addr string) {}

// SendTo sends to addr with a timeout.
func SendTo(addr string, timeout int) {}

// NewDispatchClient is left to the inline analyzer.
//
// Deprecated: Use NewClient instead.
//
//go:fix inline
func NewDispatchClient() *Client { return NewClient() } // want NewDispatchClient:"go:fix inline"

// NewClient returns a Client.
func NewClient() *Client { return &Client{} }

// OldHelper is deprecated, out of scope: its name lacks Dispatch.
//
// Deprecated: Use Helper instead.
func OldHelper() {}

// Helper helps.
func Helper() {}

// Pool is a generic pool of transports.
type Pool[T any] struct{ items []T }

// Get returns an item.
func (p *Pool[T]) Get() T { var zero T; return zero }

// Dispatch is the old name of Get.
//
// Deprecated: Use Get instead.
func (p *Pool[T]) Dispatch() T { return p.Get() }

// declaringPackageUses uses the deprecated names in their own package:
// never reported.
func declaringPackageUses() {
	var d Dispatcher
	_ = d
	_ = NewDispatcher(nil)
	_ = Client{Dispatcher: nil}
	_ = DefaultDispatcherName
}

// LegacyDispatcher is a distinct defined type, not an alias of Transport:
// the two are not interchangeable, so its uses are SA1019's business.
//
// Deprecated: Use Transport instead.
type LegacyDispatcher Transport

// Sender sends requests.
type Sender interface {
	// Send sends req.
	Send(req *http.Request) error

	// Dispatch is the old name of Send.
	//
	// Deprecated: Use Send instead.
	Dispatch(req *http.Request) error
}
