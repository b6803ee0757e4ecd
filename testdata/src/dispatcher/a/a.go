// Package a uses a library's deprecated Dispatcher names: each use is
// renamed to its Transport replacement.
package a

import (
	"net/http"

	"example.com/transport/lib"
)

// An alias in a type expression.
var global lib.Dispatcher // want `lib.Dispatcher is deprecated: use lib.Transport \(dispatcher\)`

func functions() {
	t := lib.NewDispatcher(http.DefaultTransport) // want `lib.NewDispatcher is deprecated: use lib.NewTransport`
	_ = t
	f := lib.NewDispatcher // want `lib.NewDispatcher is deprecated: use lib.NewTransport`
	_ = f
}

func fields(t *lib.Transport) {
	c := &lib.Client{Dispatcher: t, Timeout: 3} // want `lib.Client.Dispatcher is deprecated: use lib.Client.Transport`
	c.Dispatcher = t                            // want `lib.Client.Dispatcher is deprecated: use lib.Client.Transport`
	_ = c.Dispatcher.Base                       // want `lib.Client.Dispatcher is deprecated: use lib.Client.Transport`
}

func methods(c *lib.Client, req *http.Request, t *lib.Transport) {
	c.Dispatch(req)             // want `lib.Client.Dispatch is deprecated: use lib.Client.Do`
	c.SetDispatcher(t)          // want `lib.Client.SetDispatcher is deprecated: use lib.Client.SetTransport`
	m := (*lib.Client).Dispatch // want `lib.Client.Dispatch is deprecated: use lib.Client.Do`
	_ = m
}

func generics(p *lib.Pool[int]) int {
	return p.Dispatch() // want `lib.Pool.Dispatch is deprecated: use lib.Pool.Get`
}

func interfaces(s lib.Sender, req *http.Request) error {
	return s.Dispatch(req) // want `lib.Sender.Dispatch is deprecated: use lib.Sender.Send`
}

func constants() string {
	return lib.DefaultDispatcherName // want `lib.DefaultDispatcherName is deprecated: use lib.DefaultTransportName`
}

func typeExpressions(x any) {
	_ = x.(*lib.Dispatcher)          // want `lib.Dispatcher is deprecated`
	_ = []lib.Dispatcher{}           // want `lib.Dispatcher is deprecated`
	_ = func(d lib.Dispatcher) {}    // want `lib.Dispatcher is deprecated`
	_ = map[string]*lib.Dispatcher{} // want `lib.Dispatcher is deprecated`
}

// Silent cases.

func silent(c *lib.Client) {
	var q lib.DispatchQueue // not deprecated, though its name contains Dispatch
	_ = q
	lib.DispatchAll()           // deprecated, but names no replacement: SA1019's business
	lib.DispatchTo("x")         // the named replacement has another signature
	_ = lib.MaxDispatchers      // the named replacement has another value
	_ = lib.NewDispatchClient() // //go:fix inline: the inline analyzer's business
	lib.OldHelper()             // deprecated, but out of scope: no Dispatch in its name
	var _ lib.LegacyDispatcher  // a defined type, not an alias: not interchangeable
	_ = c.Transport             // the replacement itself
	_ = http.ErrWriteAfterFlush // a standard-library deprecation outside the catalog
	//transportvet:ignore dispatcher kept until v2 of the API
	_ = lib.NewDispatcher(nil)
}

// An embedded field: renaming its type would rename the field, so it is
// reported without a fix.
type wrapper struct {
	*lib.Dispatcher // want `lib.Dispatcher is deprecated: use lib.Transport`
}

// A field of the user's own type shadows the replacement on the promoted
// path: reported without a fix.
type shadow struct {
	lib.Client
	Transport int
}

func shadowed(s *shadow, t *lib.Transport) {
	s.Dispatcher = t // want `lib.Client.Dispatcher is deprecated`
}

// A literal that sets both names: renaming would duplicate the key.
var both = lib.Client{Transport: nil, Dispatcher: nil} // want `lib.Client.Dispatcher is deprecated`
