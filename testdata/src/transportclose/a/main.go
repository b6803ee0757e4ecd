package a

import "net/http"

// A method or function named main outside package main is analyzed.
type app struct{}

func (app) main(req *http.Request) {
	tr := &http.Transport{} // want `this http.Transport is never closed`
	_, _ = tr.RoundTrip(req)
}
