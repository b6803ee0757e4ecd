package testfiles

import (
	"net/http"
	"testing"
)

// Fakes and local transports in tests are not reported without
// -transportclose.tests: a test process ends soon, and a fake's
// connections are an httptest server's that the test closes.

type recorder struct {
	next http.RoundTripper
	reqs []*http.Request
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.reqs = append(r.reqs, req)
	return r.next.RoundTrip(req)
}

// Recorder is exported, and still silent in a test file.
type Recorder struct{ Next http.RoundTripper }

func (r *Recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	return r.Next.RoundTrip(req)
}

func TestFetch(t *testing.T) {
	c := &http.Client{Transport: &recorder{next: &http.Transport{}}}
	c.Get("http://example.com")
	tr := &http.Transport{}
	(&http.Client{Transport: tr}).Get("http://example.com")
	(&http.Client{Transport: &http.Transport{}}).Get("http://example.com")
}
