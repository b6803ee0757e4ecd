// Package client is the kind of client code transportclose reviews.
package client

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"golang.org/x/net/http2"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"example.com/e2e/transportclose/pb"
	"example.com/e2e/transportclose/pool"
)

// Fetch builds a transport per call, as in golang/go#24719.
func Fetch(ctx context.Context, url string) ([]byte, error) {
	tr := &http.Transport{MaxIdleConnsPerHost: 4, IdleConnTimeout: 0} // finding: Fetch
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// Probe uses an HTTP/2 transport per call.
func Probe(req *http.Request) (int, error) {
	tr := &http2.Transport{AllowHTTP: true} // finding: Probe
	resp, err := tr.RoundTrip(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// Greet opens a gRPC connection per call, as in
// hyperledger-labs/fabric-smart-client#1482.
func Greet(ctx context.Context, target, name string) (string, error) {
	conn, err := grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials())) // finding: Greet
	if err != nil {
		return "", fmt.Errorf("dial %s: %w", target, err)
	}
	reply, err := pb.NewGreeterClient(conn).SayHello(ctx, &pb.HelloRequest{Name: name})
	if err != nil {
		return "", err
	}
	return reply.Message, nil
}

// Ping closes its transport only when the request succeeds.
func Ping(url string) error {
	tr := http.DefaultTransport.(*http.Transport).Clone() // finding: Ping
	client := &http.Client{Transport: tr}
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	resp.Body.Close()
	tr.CloseIdleConnections()
	return nil
}

// Send writes to a pooled connection it never closes (reported only with
// -transportclose.types=example.com/e2e/transportclose/pool.Conn).
func Send(addr string, b []byte) error {
	c, err := pool.NewConn(addr) // finding: Send
	if err != nil {
		return err
	}
	return c.Write(b)
}

// Logging hides CloseIdleConnections of the transport it wraps, as in
// kedacore/keda#7901.
type Logging struct { // finding: Logging
	Next http.RoundTripper
}

func (l *Logging) RoundTrip(req *http.Request) (*http.Response, error) {
	return l.Next.RoundTrip(req)
}

// Fallback hides two.
type Fallback struct { // finding: Fallback
	Primary, Secondary http.RoundTripper
}

func (f *Fallback) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := f.Primary.RoundTrip(req)
	if err != nil {
		return f.Secondary.RoundTrip(req)
	}
	return resp, nil
}

// --- nothing to report below ---

// NewClient hands its transport to the caller.
func NewClient() *http.Client {
	tr := &http.Transport{MaxIdleConns: 100}
	return &http.Client{Transport: tr}
}

// Dial hands the connection to the caller.
func Dial(target string) (*grpc.ClientConn, error) {
	return grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials()))
}

// GreetOnce closes what it opens.
func GreetOnce(ctx context.Context, target string) error {
	conn, err := grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = pb.NewGreeterClient(conn).SayHello(ctx, &pb.HelloRequest{})
	return err
}

// OneShot keeps no idle connection.
func OneShot(url string) error {
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Traced embeds *http.Transport, whose CloseIdleConnections it promotes.
type Traced struct {
	*http.Transport
}

func (t *Traced) RoundTrip(req *http.Request) (*http.Response, error) {
	return t.Transport.RoundTrip(req)
}
