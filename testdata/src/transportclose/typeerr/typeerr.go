// Package typeerr has type errors. transportclose must not panic on it, and
// reports only what the types it has prove.
package typeerr

import "net/http"

func stillProvable(url string) error {
	tr := &http.Transport{} // want `this http.Transport is never closed`
	c := &http.Client{Transport: tr}
	_, err := c.Get(url)
	undefinedFunc()
	return err
}

// The callee is unknown: it may keep the transport.
func unknownCallee() {
	tr := &http.Transport{}
	undefinedHelper(tr)
}

// The type of the literal is unknown.
func unknownType() {
	tr := &http.Undefined{}
	_ = tr
}

func badAssign() {
	tr := &http.Transport{MaxIdleConns: "ten"}
	var s string = tr
	_ = s
}

// W's second field has no type, but its first is a transport.
type W struct { // want `W wraps a transport in field next`
	next http.RoundTripper
	bad  Undefined
}

func (w *W) RoundTrip(req *http.Request) (*http.Response, error) {
	return w.next.RoundTrip(req)
}

// Broken RoundTrip signature.
type B struct {
	next http.RoundTripper
}

func (b *B) RoundTrip(req *http.Request) (*http.Response, Undefined) {
	return b.next.RoundTrip(req)
}

var x int = "string"
