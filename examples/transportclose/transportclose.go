// Package transportclose shows what the transportclose check finds in
// ordinary client code: transports and connections built per call and
// never closed, and a RoundTripper that hides CloseIdleConnections.
package transportclose

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"net/http"
	"sync/atomic"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/health/grpc_health_v1"
)

// SendWebhook posts payload to url with its own TLS settings. Each call
// builds a Transport and drops it with its idle connection still open: under
// load, file descriptors run out (golang/go#24719).
//
// transportclose: this http.Transport is never closed and does not escape.
// Fix: defer client.CloseIdleConnections(), or better, build one client.
func SendWebhook(ctx context.Context, url string, payload []byte, insecureTLS bool) error {
	client := &http.Client{
		Transport: &http.Transport{
			TLSClientConfig:     &tls.Config{InsecureSkipVerify: insecureTLS},
			MaxIdleConnsPerHost: 2,
		},
		Timeout: 5 * time.Second,
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(payload))
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("webhook %s: %s", url, resp.Status)
	}
	return nil
}

// Healthy dials a gRPC connection per check and never closes it: its
// resolver, balancer and transport goroutines live on
// (hyperledger-labs/fabric-smart-client#1482 grew to ~104k goroutines).
//
// transportclose: this grpc.ClientConn is never closed and does not escape.
// Fix: defer conn.Close() after the error check.
func Healthy(ctx context.Context, target string) (bool, error) {
	conn, err := grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return false, err
	}
	resp, err := grpc_health_v1.NewHealthClient(conn).Check(ctx, &grpc_health_v1.HealthCheckRequest{})
	if err != nil {
		return false, err
	}
	return resp.GetStatus() == grpc_health_v1.HealthCheckResponse_SERVING, nil
}

// Download closes its transport, but not when the request fails.
//
// transportclose: this http.Transport is closed on some paths but not on
// the one to the return at the error.
func Download(url string) (int64, error) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.ResponseHeaderTimeout = 10 * time.Second
	client := &http.Client{Transport: tr}
	resp, err := client.Get(url)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	tr.CloseIdleConnections()
	return resp.ContentLength, nil
}

// Metrics counts requests. It wraps a transport but has no
// CloseIdleConnections, so (*http.Client).CloseIdleConnections on a client
// using it does nothing (kedacore/keda#7901, opentelemetry-go-contrib#3543).
//
// transportclose: Metrics wraps a transport in field next but has no
// CloseIdleConnections method. Fix: add one that forwards to next.
type Metrics struct {
	next     http.RoundTripper
	requests atomic.Int64
}

// NewMetrics wraps next.
func NewMetrics(next http.RoundTripper) *Metrics { return &Metrics{next: next} }

// RoundTrip counts req and sends it on.
func (m *Metrics) RoundTrip(req *http.Request) (*http.Response, error) {
	m.requests.Add(1)
	return m.next.RoundTrip(req)
}

// --- the same code, written so that nothing leaks: no finding ---

// webhookClient is built once and shared.
var webhookClient = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2}, Timeout: 5 * time.Second}

// SendWebhookShared reuses one client.
func SendWebhookShared(ctx context.Context, url string, payload []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(payload))
	if err != nil {
		return err
	}
	resp, err := webhookClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// HealthyOnce closes what it opens.
func HealthyOnce(ctx context.Context, target string) (bool, error) {
	conn, err := grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return false, err
	}
	defer conn.Close()
	resp, err := grpc_health_v1.NewHealthClient(conn).Check(ctx, &grpc_health_v1.HealthCheckRequest{})
	if err != nil {
		return false, err
	}
	return resp.GetStatus() == grpc_health_v1.HealthCheckResponse_SERVING, nil
}

// NewAPIClient hands its transport to the caller, who owns it.
func NewAPIClient() *http.Client {
	return &http.Client{Transport: NewMetrics(&http.Transport{MaxIdleConns: 100})}
}
