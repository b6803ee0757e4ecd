// Package dispatcher shows client code written against deprecated transport
// APIs: grpc-go's Dial-era options and net/http's pre-context hooks.
// transportvet's dispatcher check reports each use and rewrites those whose
// rewrite is provably equivalent (try transportvet -diff ./dispatcher/).
package dispatcher

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"time"

	"google.golang.org/grpc"
)

// InventoryAddr is the inventory service, reached through the node-local
// sidecar.
const InventoryAddr = "localhost:7443"

// DialInventory connects to the inventory service. Fixed to grpc.NewClient
// with a passthrough:/// target, grpc.WithTransportCredentials and
// grpc.WithConnectParams.
func DialInventory() (*grpc.ClientConn, error) {
	return grpc.Dial(InventoryAddr,
		grpc.WithInsecure(),
		grpc.WithBackoffMaxDelay(30*time.Second),
		grpc.WithUserAgent("checkout/2.3"),
	)
}

// DialInventoryBlocking waits until the connection is up, which NewClient
// does not do: reported, not rewritten. The wait proves little, since the
// connection can drop a second later; an RPC deadline is the real bound.
func DialInventoryBlocking(ctx context.Context) (*grpc.ClientConn, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	conn, err := grpc.DialContext(ctx, InventoryAddr, grpc.WithInsecure(), grpc.WithBlock())
	if err != nil {
		return nil, fmt.Errorf("inventory: %w", err)
	}
	return conn, nil
}

// sidecarDial dials the sidecar over its abstract socket.
func sidecarDial(addr string, timeout time.Duration) (net.Conn, error) {
	return net.DialTimeout("unix", "@sidecar", timeout)
}

// DialViaSidecar uses a custom dialer: fixed to WithContextDialer with the
// wrapper grpc-go's WithDialer builds itself.
func DialViaSidecar() (*grpc.ClientConn, error) {
	return grpc.Dial(InventoryAddr, grpc.WithInsecure(), grpc.WithDialer(sidecarDial))
}

// DialConfigured takes its target from configuration: it may carry a
// resolver scheme, so Dial is reported but not rewritten.
func DialConfigured(target string, opts ...grpc.DialOption) (*grpc.ClientConn, error) {
	return grpc.Dial(target, opts...)
}

// NewUpstreamTransport builds the transport to the pricing upstream. Its
// Dial hook ignores the request's context: fixed to DialContext.
func NewUpstreamTransport() *http.Transport {
	dialer := &net.Dialer{Timeout: 3 * time.Second, KeepAlive: 30 * time.Second}
	return &http.Transport{
		Dial:                dialer.Dial,
		MaxIdleConnsPerHost: 16,
		IdleConnTimeout:     90 * time.Second,
	}
}

// CancelPricing cancels an in-flight request the pre-context way, which
// cannot cancel HTTP/2 requests: reported.
func CancelPricing(t *http.Transport, req *http.Request) {
	t.CancelRequest(req)
}

// NewPricingProxy forwards to the pricing service. Hop-by-hop headers named
// by the client are removed after Director returns, so a client can strip
// the headers Director sets: reported, use Rewrite.
func NewPricingProxy(target *url.URL) *httputil.ReverseProxy {
	return &httputil.ReverseProxy{
		Director: func(r *http.Request) {
			r.URL.Scheme = target.Scheme
			r.URL.Host = target.Host
			r.Header.Set("X-Internal-Caller", "checkout")
		},
	}
}
