// Package transportclose defines an Analyzer; see its section below.
//
// # Analyzer transportclose
//
// transportclose: report transports and connections that are never closed
//
// It reports two mistakes that leak connections and the goroutines serving
// them.
//
// A local leak: a value that holds connections is created in a function,
// does not escape it, and is not released on some path to a return. The
// values are *http.Transport (&http.Transport{...}, new(http.Transport),
// (*http.Transport).Clone), *http2.Transport of golang.org/x/net/http2,
// *grpc.ClientConn (grpc.NewClient, Dial, DialContext), *http.ClientConn
// ((*http.Transport).NewClientConn) and the types named with the -types flag,
// also when created by a function that returns a new one on every call and
// keeps none (a fact records such functions for other packages).
// Released means CloseIdleConnections or Close is called, directly, deferred,
// or in a deferred function literal, on the value or on the local http.Client
// that holds it. Escapes means returned, stored anywhere, sent, captured by a
// function literal that is not called at once or deferred, or passed to any
// function but a few known not to keep it; or that a value derived from it
// (a stream opened on it, a response read through it, a method's result)
// escapes in one of these ways and may still need it open. A local http.Client built around
// the value, and a generated gRPC client pb.NewXClient(conn), are followed
// like the value itself. Paths end at calls that never return (panic,
// os.Exit, log.Fatal). A Transport whose literal sets DisableKeepAlives to
// true keeps no idle connection and is not reported, nor is one that never
// sends a request in the function, or has RegisterProtocol called on it;
// for a Transport, only paths after its first request count. A
// transport created only as the receiver of one request,
// (&http.Client{Transport: &http.Transport{}}).Get(url), is reported too.
// The suggested fix adds a
// deferred release after the creation (after its if err != nil check), when
// the value is never released on any path.
//
//	tr := &http.Transport{}           // reported
//	c := &http.Client{Transport: tr}
//	return c.Get(url)
//
// A wrapper that hides CloseIdleConnections: a named type with its own
// RoundTrip method that holds a transport in a field (of type
// http.RoundTripper, or of a type with CloseIdleConnections) used by its
// RoundTrip, directly or through an accessor method that returns it, but
// has no CloseIdleConnections method itself.
// (*http.Client).CloseIdleConnections then silently does nothing. Reported at the type when it is exported or
// used as an http.RoundTripper in its package; not reported when it has
// WrappedRoundTripper() http.RoundTripper, which client-go unwraps. The
// suggested fix adds a forwarding method when there is one such field.
//
// Neither is reported in _test.go files unless -tests is set, nor is a
// wrapper in package main, exported or not.
//
// Flags:
//
//	-transportclose.tests
//
// reports in _test.go files too.
//
//	-transportclose.types=example.com/pool.Conn,example.com/x.Client
//
// adds closable types: &T{...}, T{...}, new(T) and functions of T's package
// named New... whose first result is T or *T create them; their
// CloseIdleConnections or Close method (without arguments) releases them.
//
// # Where things are
//
// The rule: transportclose.go (the Analyzer and its flags), leak.go
// (closables created in a function and not released on some path),
// fresh.go (functions that return a new closable value, as facts),
// derive.go (values derived from a transport that keep it in use),
// wrapper.go (RoundTripper wrappers without CloseIdleConnections), and
// catalog.go (the closable types of a run, with the -types flag's). The
// tables are in internal/knowledge/transport.go: Closables,
// TransportConstructors, NonRetaining, DataTypes; whether a call sends a
// request is knowledge.Sends through httpreq.SendsRequest. Tests:
// transportclose_test.go, on the packages of testdata/src/transportclose.
// Docs: docs/transportclose.md.
package transportclose
