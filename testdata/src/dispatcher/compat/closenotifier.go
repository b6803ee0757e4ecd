package compat

import (
	"net/http"
)

// A handler that waits on the channel depends on CloseNotifier: reported.
func handler(w http.ResponseWriter, r *http.Request) {
	<-w.(http.CloseNotifier).CloseNotify() // want `http.CloseNotifier is deprecated: use Request.Context, which is canceled when the client's connection closes \(since go1.7\) \(dispatcher\)`
}

func handlerChan(w http.ResponseWriter, r *http.Request) <-chan bool {
	ch := w.(http.CloseNotifier).CloseNotify() // want `http.CloseNotifier is deprecated`
	return ch
}

func handlerCommaOk(w http.ResponseWriter, r *http.Request) {
	if cn, ok := w.(http.CloseNotifier); ok { // want `http.CloseNotifier is deprecated`
		cn.CloseNotify()
	}
}

// A single-value assertion panics without the interface: a dependency.
func handlerAssert(w http.ResponseWriter) {
	_ = w.(http.CloseNotifier) // want `http.CloseNotifier is deprecated`
}

func param(cn http.CloseNotifier) { // want `http.CloseNotifier is deprecated`
	var other http.CloseNotifier = cn // want `http.CloseNotifier is deprecated`
	_ = other
}

// An unnamed parameter is not an embedded field.
type hook func(http.CloseNotifier) // want `http.CloseNotifier is deprecated`

func typeSwitchUsed(w http.ResponseWriter) {
	switch v := w.(type) {
	case http.CloseNotifier: // want `http.CloseNotifier is deprecated`
		<-v.CloseNotify()
	}
}

// A function, not a method, named CloseNotify forwards nothing.
func CloseNotify(w http.ResponseWriter) <-chan bool {
	return w.(http.CloseNotifier).CloseNotify() // want `http.CloseNotifier is deprecated`
}

// A CloseNotify method with another signature does not implement the
// interface.
type notifier struct{ w http.ResponseWriter }

func (n notifier) CloseNotify(w http.ResponseWriter) <-chan bool {
	return w.(http.CloseNotifier).CloseNotify() // want `http.CloseNotifier is deprecated`
}

// Silent: a ResponseWriter delegator keeps CloseNotifier for the handlers
// it wraps (prometheus/client_golang v1.25.0, promhttp/delegator.go).
type responseWriterDelegator struct {
	http.ResponseWriter
	status int
}

type closeNotifierDelegator struct{ *responseWriterDelegator }

// (a) The forwarding method.
func (d closeNotifierDelegator) CloseNotify() <-chan bool {
	return d.ResponseWriter.(http.CloseNotifier).CloseNotify()
}

// (b) Embedded in struct and interface types.
type compatWriter struct {
	http.ResponseWriter
	http.CloseNotifier
}

type notifyingWriter interface {
	http.ResponseWriter
	http.CloseNotifier
}

func pick(d *responseWriterDelegator) http.ResponseWriter {
	return struct {
		*responseWriterDelegator
		http.Flusher
		http.CloseNotifier
	}{d, nil, closeNotifierDelegator{d}}
}

// (c) Feature detection: the asserted value is discarded.
func newDelegator(w http.ResponseWriter) http.ResponseWriter {
	d := &responseWriterDelegator{ResponseWriter: w}
	if _, ok := w.(http.CloseNotifier); ok {
		return pick(d)
	}
	var _, ok = w.(http.CloseNotifier)
	if ok {
		return compatWriter{w, closeNotifierDelegator{d}}
	}
	switch w.(type) {
	case http.CloseNotifier:
		return pick(d)
	}
	switch v := w.(type) {
	case http.CloseNotifier:
		return pick(d) // v is not used as a CloseNotifier here
	case http.Flusher:
		v.Flush()
	}
	switch v := w.(type) {
	case http.CloseNotifier, http.Flusher:
		_ = v // v is an http.ResponseWriter in a case listing two types
	}
	return d
}

// (d) A test that the delegator forwards CloseNotify calls it and drops the
// channel (promhttp/instrument_server_test.go:586).
func testForwards(d http.ResponseWriter) {
	d.(http.CloseNotifier).CloseNotify()
}
