// Package a is retrystorm's story of hand-written retry loops: which retry a
// network call with no delay (reported), and which wait, or retry
// something that is not a network call (silent).
package a

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"

	"github.com/cenkalti/backoff/v4"
	"golang.org/x/time/rate"
	"google.golang.org/grpc"

	"retrystorm/helpers"
)

// A bounded loop that re-sends at once: a storm even if bounded.
func noDelayBounded(c *http.Client, req *http.Request) (*http.Response, error) {
	var err error
	for attempt := 0; attempt < 5; attempt++ { // want `retry loop has no delay between attempts: a failing dependency turns it into a retry storm; wait with exponential backoff and jitter \(retrystorm\)`
		var resp *http.Response
		resp, err = c.Do(req)
		if err == nil {
			return resp, nil
		}
	}
	return nil, err
}

// An unbounded loop that re-dials at once.
func noDelayDial(addr string) net.Conn {
	for { // want `retry loop has no delay between attempts`
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			continue
		}
		return conn
	}
}

// The loop sleeps on one failure path but retries at once on another.
func noDelayOnOneBranch(c *http.Client, url string) error {
	for i := 0; i < 3; i++ { // want `retry loop has no delay between attempts`
		resp, err := c.Get(url)
		if err == nil {
			resp.Body.Close()
			return nil
		}
		if errors.Is(err, context.DeadlineExceeded) {
			time.Sleep(time.Second)
			continue
		}
	}
	return errors.New("gave up")
}

// A gRPC call through a generated client: a method taking a context and
// ...grpc.CallOption.
type EchoClient interface {
	Echo(ctx context.Context, in *EchoRequest, opts ...grpc.CallOption) (*EchoReply, error)
}

type EchoRequest struct{}
type EchoReply struct{}

func noDelayGRPC(ctx context.Context, cli EchoClient) (*EchoReply, error) {
	var err error
	for i := 0; i < 3; i++ { // want `retry loop has no delay between attempts`
		var r *EchoReply
		if r, err = cli.Echo(ctx, &EchoRequest{}); err == nil {
			return r, nil
		}
	}
	return nil, err
}

// grpc.WaitForReady(true) blocks the call until the channel is ready,
// paced by its connection backoff: silent. So are call options passed as a
// slice, which may hold it.
func waitForReady(ctx context.Context, cli EchoClient) (*EchoReply, error) {
	var err error
	for i := 0; i < 3; i++ {
		var r *EchoReply
		if r, err = cli.Echo(ctx, &EchoRequest{}, grpc.WaitForReady(true)); err == nil {
			return r, nil
		}
	}
	return nil, err
}

func spreadOptions(ctx context.Context, cli EchoClient, opts []grpc.CallOption) (*EchoReply, error) {
	var err error
	for i := 0; i < 3; i++ {
		var r *EchoReply
		if r, err = cli.Echo(ctx, &EchoRequest{}, opts...); err == nil {
			return r, nil
		}
	}
	return nil, err
}

// Fail fast (the default) is reported.
func failFast(ctx context.Context, cli EchoClient) (*EchoReply, error) {
	var err error
	for i := 0; i < 3; i++ { // want `retry loop has no delay between attempts`
		var r *EchoReply
		if r, err = cli.Echo(ctx, &EchoRequest{}, grpc.WaitForReady(false)); err == nil {
			return r, nil
		}
	}
	return nil, err
}

// Invoke on a grpc.ClientConnInterface.
func noDelayInvoke(ctx context.Context, cc grpc.ClientConnInterface) error {
	var err error
	for i := 0; i < 3; i++ { // want `retry loop has no delay between attempts`
		if err = cc.Invoke(ctx, "/echo.Echo/Echo", &EchoRequest{}, &EchoReply{}); err == nil {
			return nil
		}
	}
	return err
}

// A function of another package whose fact says it makes a network call.
func noDelayThroughFact(c *http.Client) error {
	var err error
	for i := 0; i < 3; i++ { // want `retry loop has no delay between attempts`
		if err = helpers.Fetch(c, "http://example.com"); err == nil {
			return nil
		}
	}
	return err
}

// A function of this package that makes a network call.
func ping(c *http.Client) error {
	resp, err := c.Head("http://example.com/health")
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func noDelayThroughLocal(c *http.Client) error {
	var err error
	for i := 0; i < 3; i++ { // want `retry loop has no delay between attempts`
		if err = ping(c); err == nil {
			return nil
		}
	}
	return err
}

// An injected Doer has the shape of (*http.Client).Do: an HTTP send.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

func noDelayDoer(d Doer, url string) (*http.Response, error) {
	var err error
	for attempt := 0; attempt < 3; attempt++ { // want `retry loop has no delay between attempts`
		var req *http.Request
		if req, err = http.NewRequest(http.MethodGet, url, nil); err != nil {
			return nil, err
		}
		var resp *http.Response
		if resp, err = d.Do(req); err == nil {
			return resp, nil
		}
	}
	return nil, err
}

// --- Silent: each kind of wait. ---

func sleeps(c *http.Client, url string) (*http.Response, error) {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		var resp *http.Response
		resp, err = c.Get(url)
		if err == nil {
			return resp, nil
		}
		time.Sleep(time.Duration(attempt) * time.Second)
	}
	return nil, err
}

func afterReceive(addr string) net.Conn {
	for {
		conn, err := net.Dial("tcp", addr)
		if err == nil {
			return conn
		}
		<-time.After(time.Second)
	}
}

func timerReceive(addr string) net.Conn {
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		conn, err := net.Dial("tcp", addr)
		if err == nil {
			return conn
		}
		t.Reset(time.Second)
		<-t.C
	}
}

// (A range over a ticker is no retry region for the retry analyzer either.)
func tickerRange(addr string) net.Conn {
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	for range ticker.C {
		conn, err := net.Dial("tcp", addr)
		if err == nil {
			return conn
		}
	}
	return nil
}

func selectCtx(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	for {
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

func limiter(ctx context.Context, lim *rate.Limiter, c *http.Client, req *http.Request) (*http.Response, error) {
	for {
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		if err := lim.Wait(ctx); err != nil {
			return nil, err
		}
	}
}

// A backoff library's ticker: its C is a chan time.Time.
func backoffTicker(addr string) net.Conn {
	ticker := backoff.NewTicker(backoff.NewExponentialBackOff())
	defer ticker.Stop()
	for attempt := 0; attempt < 5; attempt++ {
		conn, err := net.Dial("tcp", addr)
		if err == nil {
			return conn
		}
		<-ticker.C
	}
	return nil
}

// A helper of another package that always waits (fact).
func helperWaits(c *http.Client) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = helpers.Fetch(c, "http://example.com"); err == nil {
			return nil
		}
		helpers.Pause(time.Second)
	}
	return err
}

// A helper of this package that always waits.
func pause(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func localHelperWaits(ctx context.Context, c *http.Client) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = ping(c); err == nil {
			return nil
		}
		if werr := pause(ctx, time.Second); werr != nil {
			return werr
		}
	}
	return err
}

// A wait before each attempt but the first.
func waitBeforeRetry(c *http.Client, url string) (*http.Response, error) {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		if attempt > 0 {
			time.Sleep(time.Second)
		}
		var resp *http.Response
		resp, err = c.Get(url)
		if err == nil {
			return resp, nil
		}
	}
	return nil, err
}

// A helper that waits on some path only (its backoff may be zero) is taken
// as the loop's delay.
func helperMayWait(c *http.Client) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = ping(c); err == nil {
			return nil
		}
		helpers.MaybePause(err)
	}
	return err
}

// A sleep injected for tests (a function value with a time.Duration) may
// wait.
var sleep = time.Sleep

func injectedSleep(c *http.Client) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = ping(c); err == nil {
			return nil
		}
		sleep(time.Second)
	}
	return err
}

// A select with a default case does not wait: still reported.
func selectDefault(ctx context.Context, addr string) (net.Conn, error) {
	for { // want `retry loop has no delay between attempts`
		conn, err := net.Dial("tcp", addr)
		if err == nil {
			return conn, nil
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		default:
		}
	}
}

// Silenced, with a reason.
func silenced(addr string) net.Conn {
	for { //transportvet:ignore retrystorm the caller re-dials at most once a minute
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			continue
		}
		return conn
	}
}

// --- Silent: not a network call, or not a retry. ---

var errBusy = errors.New("busy")

func tryLock() error { return errBusy }

// A local retry of something that is not a network call.
func localRetry() error {
	var err error
	for i := 0; i < 3; i++ {
		if err = tryLock(); err == nil {
			return nil
		}
	}
	return err
}

// The retried operation is local; the network call only reports each
// failure: silent.
func localRetryWithReport(c *http.Client) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = tryLock(); err == nil {
			return nil
		}
		_ = ping(c)
	}
	return err
}

// A loop over items sends once per item: it is not a retry region.
func perItem(c *http.Client, urls []string) {
	for _, u := range urls {
		resp, err := c.Get(u)
		if err != nil {
			continue
		}
		resp.Body.Close()
	}
}

// Only the success path goes round again (a reconnect loop after a served
// connection): the failure path waits.
func reconnect(addr string, serve func(net.Conn)) {
	for {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		serve(conn)
	}
}
