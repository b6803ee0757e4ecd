// Package a holds transportclose's cases for the local leak, one function
// each: a `want` where the check reports, a comment saying why where it is
// silent.
package a

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"time"

	"golang.org/x/net/http2"
)

// --- reported: a transport created per call and never closed ---

func perCall(url string) error {
	tr := &http.Transport{MaxIdleConns: 10} // want `^this http.Transport is never closed and does not escape: each call leaks its idle connections; call CloseIdleConnections when done or reuse one Transport \(transportclose\)$`
	c := &http.Client{Transport: tr, Timeout: time.Second}
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func inlineInClient(url string) error {
	c := &http.Client{Transport: &http.Transport{}} // want `this http.Transport is never closed`
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func clientValue(url string) error {
	c := http.Client{Transport: &http.Transport{}} // want `this http.Transport is never closed`
	_, err := c.Head(url)
	return err
}

func newTransport(req *http.Request) error {
	tr := new(http.Transport) // want `this http.Transport is never closed`
	tr.TLSHandshakeTimeout = time.Second
	_, err := tr.RoundTrip(req)
	return err
}

func cloned(req *http.Request) error {
	tr := http.DefaultTransport.(*http.Transport).Clone() // want `this http.Transport is never closed`
	tr.MaxIdleConnsPerHost = 4
	_, err := tr.RoundTrip(req)
	return err
}

func varDecl(req *http.Request) error {
	var tr = &http.Transport{} // want `this http.Transport is never closed`
	_, err := tr.RoundTrip(req)
	return err
}

func keepAlivesFalse(req *http.Request) error {
	tr := &http.Transport{DisableKeepAlives: false} // want `this http.Transport is never closed`
	_, err := tr.RoundTrip(req)
	return err
}

func printed(req *http.Request) {
	tr := &http.Transport{} // want `this http.Transport is never closed`
	fmt.Println(tr)         // fmt keeps nothing
	log.Printf("%v", tr)
	if tr != nil {
		_, _ = tr.RoundTrip(req)
	}
	_ = tr
}

func configuredForHTTP2(req *http.Request) error {
	tr := &http.Transport{} // want `this http.Transport is never closed`
	if err := http2.ConfigureTransport(tr); err != nil {
		return err
	}
	_, err := tr.RoundTrip(req)
	return err
}

func inlineClosure(req *http.Request) {
	tr := &http.Transport{} // want `this http.Transport is never closed`
	func() {
		_, _ = tr.RoundTrip(req)
	}()
}

func inLoop(urls []string) {
	for _, u := range urls {
		c := &http.Client{Transport: &http.Transport{}} // want `this http.Transport is never closed`
		if resp, err := c.Get(u); err == nil {
			resp.Body.Close()
		}
	}
}

func http2Transport(req *http.Request) error {
	tr := &http2.Transport{AllowHTTP: true} // want `^this http2.Transport is never closed and does not escape: each call leaks its idle connections; call CloseIdleConnections when done or reuse one Transport \(transportclose\)$`
	_, err := tr.RoundTrip(req)
	return err
}

var shared = &http.Transport{}

func clientConn(ctx context.Context, req *http.Request) error {
	cc, err := shared.NewClientConn(ctx, "https", "example.com:443") // want `^this http.ClientConn is never closed and does not escape: each call leaks its connection; call Close when done \(transportclose\)$`
	if err != nil {
		return err
	}
	_, err = cc.RoundTrip(req)
	return err
}

// --- reported: released on some paths only ---

func allButOne(url string) error {
	tr := &http.Transport{} // want `^this http.Transport is closed on some paths but not on the one to the return at line 131, which leaks its idle connections; close it on every path, e.g. with defer tr.CloseIdleConnections\(\) right after it is created \(transportclose\)$`
	c := &http.Client{Transport: tr}
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	resp.Body.Close()
	tr.CloseIdleConnections()
	return nil
}

func allButFallThrough(url string, quiet bool) {
	c := &http.Client{Transport: &http.Transport{}} // want `closed on some paths but not on the one to the end of the function at line 147, which leaks`
	if _, err := c.Get(url); err != nil {
		c.CloseIdleConnections()
		return
	}
	if !quiet {
		fmt.Println("ok")
	}
}

// A return before the first request leaks nothing, but the one after it
// does.
func leaksAfterUse(url string) error {
	tr := &http.Transport{} // want `closed on some paths but not on the one to the return at line 159,`
	if url == "" {
		return errors.New("no url")
	}
	c := &http.Client{Transport: tr}
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	resp.Body.Close()
	tr.CloseIdleConnections()
	return nil
}

// --- silent: the only path that skips the release returns before the
// transport is used, when it holds no connection yet ---

func validatedFirst(url string) error {
	tr := &http.Transport{}
	if url == "" {
		return errors.New("no url")
	}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr}
	_, err := c.Get(url)
	return err
}

func configureFailed(req *http.Request) error {
	tr := &http.Transport{}
	if err := http2.ConfigureTransport(tr); err != nil {
		return err
	}
	defer tr.CloseIdleConnections()
	_, err := tr.RoundTrip(req)
	return err
}

// --- silent: released on every path ---

func deferred(url string) error {
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr}
	_, err := c.Get(url)
	return err
}

func closedViaClient(url string) error {
	c := &http.Client{Transport: &http.Transport{}}
	defer c.CloseIdleConnections()
	_, err := c.Get(url)
	return err
}

func closedViaClientOfVar(url string) error {
	tr := &http.Transport{}
	c := &http.Client{Transport: tr}
	_, err := c.Get(url)
	c.CloseIdleConnections()
	return err
}

func deferredClosure(url string) error {
	tr := &http.Transport{}
	defer func() {
		tr.CloseIdleConnections()
	}()
	c := &http.Client{Transport: tr}
	_, err := c.Get(url)
	return err
}

func closedEveryPath(url string) error {
	tr := &http.Transport{}
	c := &http.Client{Transport: tr}
	if _, err := c.Get(url); err != nil {
		tr.CloseIdleConnections()
		return err
	}
	tr.CloseIdleConnections()
	return nil
}

// Paths through calls that never return end there.
func fatalOnError(url string) {
	tr := &http.Transport{}
	c := &http.Client{Transport: tr}
	resp, err := c.Get(url)
	if err != nil {
		log.Fatal(err)
	}
	if resp.StatusCode != 200 {
		os.Exit(2)
	}
	if resp.ContentLength < 0 {
		panic("no length")
	}
	if resp.Close {
		die("closed")
	}
	tr.CloseIdleConnections()
}

func die(msg string) {
	fmt.Fprintln(os.Stderr, msg)
	os.Exit(1)
}

// A function that never returns leaks nothing per call.
func serveForever(url string) {
	c := &http.Client{Transport: &http.Transport{}}
	for {
		c.Get(url)
		time.Sleep(time.Minute)
	}
}

// --- silent: no idle connections kept ---

// Never used to send a request: it never opens a connection.
func configuredOnly() {
	tr := &http.Transport{}
	tr.Protocols = new(http.Protocols)
	tr.Protocols.SetHTTP2(true)
}

// Requests may all go to the registered protocol: unsure, so silent.
func altProtocol(dir string) {
	tr := &http.Transport{}
	tr.RegisterProtocol("file", http.NewFileTransport(http.Dir(dir)))
	c := &http.Client{Transport: tr}
	c.Get("file:///etc/hosts")
}

func clientNeverUsed() {
	c := &http.Client{Transport: &http.Transport{}}
	c.Timeout = 0
}

func keepAlivesOff(req *http.Request) error {
	tr := &http.Transport{DisableKeepAlives: true}
	_, err := tr.RoundTrip(req)
	return err
}

func keepAlivesOffInClient(url string) error {
	c := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	_, err := c.Get(url)
	return err
}

// A value known only at run time may be true: unsure, so silent.
func keepAlivesMaybe(req *http.Request, off bool) error {
	tr := &http.Transport{DisableKeepAlives: off}
	_, err := tr.RoundTrip(req)
	return err
}

func keepAlivesOffLater(req *http.Request) error {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DisableKeepAlives = true
	_, err := tr.RoundTrip(req)
	return err
}

// --- silent: the transport escapes, so its owner is elsewhere ---

func returned() *http.Transport {
	tr := &http.Transport{}
	return tr
}

func returnedInClient() *http.Client {
	tr := &http.Transport{}
	return &http.Client{Transport: tr}
}

func returnedClient() *http.Client {
	c := &http.Client{Transport: &http.Transport{}}
	return c
}

type api struct {
	tr     *http.Transport
	client *http.Client
}

func (a *api) storedInField() {
	tr := &http.Transport{}
	a.tr = tr
}

func (a *api) clientStoredInField() {
	c := &http.Client{Transport: &http.Transport{}}
	a.client = c
}

func storedInLiteral() *api {
	tr := &http.Transport{}
	return &api{tr: tr}
}

var global *http.Transport

func storedInGlobal() {
	tr := &http.Transport{}
	global = tr
}

func storedInMap(m map[string]*http.Transport) {
	tr := &http.Transport{}
	m["a"] = tr
}

func storedInSlice(list []*http.Transport) []*http.Transport {
	tr := &http.Transport{}
	return append(list, tr)
}

func sent(ch chan<- *http.Transport) {
	tr := &http.Transport{}
	ch <- tr
}

func newAPI(tr *http.Transport) *api { return &api{tr: tr} }

func handedToConstructor() *api {
	tr := &http.Transport{}
	return newAPI(tr)
}

func handedAsRoundTripper() http.RoundTripper {
	tr := &http.Transport{}
	var rt http.RoundTripper = tr
	return rt
}

func aliased() {
	tr := &http.Transport{}
	other := tr
	_ = other
}

func addressTaken() {
	tr := &http.Transport{}
	p := &tr
	_ = p
}

func goroutine(req *http.Request) {
	tr := &http.Transport{}
	go func() {
		_, _ = tr.RoundTrip(req)
	}()
}

func closureReturned(req *http.Request) func() {
	tr := &http.Transport{}
	return func() {
		_, _ = tr.RoundTrip(req)
	}
}

func closureStored(req *http.Request) {
	tr := &http.Transport{}
	cleanup := func() { tr.CloseIdleConnections() }
	defer cleanup()
}

func methodValue(register func(func())) {
	tr := &http.Transport{}
	register(tr.CloseIdleConnections)
}

func clientPassed(url string) {
	c := &http.Client{Transport: &http.Transport{}}
	use(c)
}

func use(*http.Client) {}

func clientTransportRead() http.RoundTripper {
	c := &http.Client{Transport: &http.Transport{}}
	return c.Transport
}

func clientTransportReplaced(url string) {
	c := &http.Client{Transport: &http.Transport{}}
	c.Transport = http.DefaultTransport
	c.CloseIdleConnections()
}

// --- silent: not a fresh local value ---

func reassigned(req *http.Request) {
	var tr *http.Transport
	tr = &http.Transport{}
	_, _ = tr.RoundTrip(req)
}

func sharedTransport(req *http.Request) {
	tr := shared
	_, _ = tr.RoundTrip(req)
}

func defaultClient(url string) {
	c := &http.Client{Transport: http.DefaultTransport}
	c.Get(url)
}

func http2ClientConn(h2 *http2.Transport, nc net.Conn, req *http.Request) error {
	cc, err := h2.NewClientConn(nc) // want `^this http2.ClientConn is never closed and does not escape: each call leaks its connection; call Close when done \(transportclose\)$`
	if err != nil {
		return err
	}
	_, err = cc.RoundTrip(req)
	return err
}

// Silenced by a directive with a reason.
func ignored(req *http.Request) {
	//transportvet:ignore transportclose the process exits right after
	tr := &http.Transport{}
	_, _ = tr.RoundTrip(req)
}

// --- reported: created for one request and dropped ---

func oneShotClient(url string) error {
	resp, err := (&http.Client{Transport: &http.Transport{}}).Get(url) // want `^this http.Transport is used for one request and dropped, never closed: each call leaks its idle connections; reuse one Transport instead \(transportclose\)$`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func oneShotTransport(req *http.Request) (*http.Response, error) {
	return (&http.Transport{}).RoundTrip(req) // want `used for one request and dropped`
}

// Silent: no idle connection, or closed at once.
func oneShotNoKeepAlive(url string) {
	(&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}).Get(url)
	(&http.Transport{}).CloseIdleConnections()
}

// --- function literals are functions of their own ---

func subtests(run func(string, func()), url string) {
	run("leaks", func() {
		c := &http.Client{Transport: &http.Transport{}} // want `this http.Transport is never closed`
		c.Get(url)
	})
	run("closes", func() {
		c := &http.Client{Transport: &http.Transport{}}
		defer c.CloseIdleConnections()
		c.Get(url)
	})
	go func() {
		tr := &http.Transport{} // want `this http.Transport is never closed`
		(&http.Client{Transport: tr}).Get(url)
	}()
}
