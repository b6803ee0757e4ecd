package testfilesflag

import (
	"net/http"
	"testing"
)

type recorder struct { // want `recorder wraps a transport in field next`
	next http.RoundTripper
	reqs []*http.Request
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.reqs = append(r.reqs, req)
	return r.next.RoundTrip(req)
}

type Recorder struct{ Next http.RoundTripper } // want `Recorder wraps a transport in field Next`

func (r *Recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	return r.Next.RoundTrip(req)
}

func TestFetch(t *testing.T) {
	c := &http.Client{Transport: &recorder{next: &http.Transport{}}}
	c.Get("http://example.com")
	tr := &http.Transport{} // want `this http.Transport is never closed`
	(&http.Client{Transport: tr}).Get("http://example.com")
	(&http.Client{Transport: &http.Transport{}}).Get("http://example.com") // want `used for one request and dropped`
}
