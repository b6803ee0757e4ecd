package shapes

import (
	"context"
	"log"
	"net/http"
	"time"
)

// RouteType is grpc's interop GrpclbRouteType.
type RouteType int

const (
	RouteUnknown RouteType = iota
	RouteFallback
	RouteBackend
)

// rpcPath is grpc's interop doRPCAndGetPath (client_linux.go:57): it
// swallows the RPC's error and codes it as RouteUnknown.
func (c *Client) rpcPath(ctx context.Context, timeout time.Duration) RouteType {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.baseURL+"route", nil)
	if err != nil {
		return RouteUnknown
	}
	resp, err := c.httpClient.Do(req)
	if err != nil {
		log.Printf("rpcPath: %v", err)
		return RouteUnknown
	}
	defer resp.Body.Close()
	if resp.Header.Get("X-Route") == "fallback" {
		return RouteFallback
	}
	return RouteBackend
}

// waitForFallback is grpc's waitForFallbackAndDoRPCs (retry-loops.md
// R15): it leaves on the two routes, which are no failure, and goes round
// on the rest, RouteUnknown among them.
func (c *Client) waitForFallback(ctx context.Context, deadline time.Time) bool {
	retries := 0
	for time.Now().Before(deadline) { // want `loop region attempt c.rpcPath`
		g := c.rpcPath(ctx, 20*time.Second)
		if g == RouteFallback {
			return true
		} else if g == RouteBackend {
			log.Fatalf("got route backend")
		} else {
			log.Println("retryable RPC failure on iteration:", retries)
		}
		retries++
	}
	return false
}

// pingOK swallows its error as false.
func (c *Client) pingOK(ctx context.Context) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, c.baseURL+"ping", nil)
	if err != nil {
		return false
	}
	resp, err := c.httpClient.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// waitReady repeats pingOK while it says false, which its failure says.
func (c *Client) waitReady(ctx context.Context) {
	for !c.pingOK(ctx) { // want `loop region attempt c.pingOK`
		time.Sleep(time.Second)
	}
}

// next is a reader's step: false on an error or at the end.
func (c *Client) next(r *lineReader) bool {
	line, err := r.read()
	if err != nil {
		return false
	}
	r.last = line
	return true
}

type lineReader struct{ last string }

func (r *lineReader) read() (string, error) { return "", nil }

// Silent: a loop that goes on while next says true goes round after a
// success; its false, which may be a failure, leaves.
func (c *Client) lines(r *lineReader) []string {
	var out []string
	for c.next(r) {
		out = append(out, r.last)
	}
	return out
}

// never returns false on every return: it codes nothing.
func (c *Client) never(ctx context.Context) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, c.baseURL+"never", nil)
	if err != nil {
		return false
	}
	_ = req
	return false
}

// Silent: never's false tells no failure apart.
func (c *Client) waitNever(ctx context.Context) {
	for i := 0; i < 3 && !c.never(ctx); i++ {
		time.Sleep(time.Second)
	}
}
