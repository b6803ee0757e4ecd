// Command cmd: returning from main.main ends the process, which closes
// everything, so nothing in main itself is reported.
package main

import (
	"net/http"
	"os"
)

func main() {
	tr := &http.Transport{}
	c := &http.Client{Transport: tr}
	if _, err := c.Get(os.Args[1]); err != nil {
		os.Exit(1)
	}
	(&http.Client{Transport: &http.Transport{}}).Get(os.Args[1])
	fetch(os.Args[1])
}

func fetch(url string) {
	c := &http.Client{Transport: &http.Transport{}} // want `this http.Transport is never closed`
	c.Get(url)
}

// An unexported wrapper in package main: no other package can reach it to
// call CloseIdleConnections, and the process's exit closes its
// connections. Silent.
type logging struct{ next http.RoundTripper }

func (l *logging) RoundTrip(req *http.Request) (*http.Response, error) {
	return l.next.RoundTrip(req)
}

var client = &http.Client{Transport: &logging{next: http.DefaultTransport}}

// Exported makes no difference in package main, which no other package
// can import. Silent.
type Logging struct{ Next http.RoundTripper }

func (l *Logging) RoundTrip(req *http.Request) (*http.Response, error) {
	return l.Next.RoundTrip(req)
}
