// Package helpers holds functions whose facts retrystorm exports: ones that
// make a network call, ones that always wait, ones that always sleep.
package helpers

import (
	"context"
	"log"
	"net"
	"net/http"
	"time"
)

// Fetch makes a network call: its fact says so.
func Fetch(c *http.Client, url string) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Connect dials.
func Connect(addr string) (net.Conn, error) {
	return net.Dial("tcp", addr)
}

// Pause always waits, on every path.
func Pause(d time.Duration) {
	if d > time.Minute {
		time.Sleep(time.Minute)
		return
	}
	time.Sleep(d)
}

// PauseCtx always waits, and honours ctx.
func PauseCtx(ctx context.Context, d time.Duration) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}

// MaybePause waits on one path only: it is not a wait.
func MaybePause(err error) {
	if err == context.DeadlineExceeded {
		time.Sleep(time.Second)
	}
}

// Nap always sleeps, and no context can interrupt it.
func Nap(d time.Duration) {
	time.Sleep(d)
}

// Fatal never returns normally (log.Fatal exits; the defer is never reached
// by a return): it does not wait, though no path returns without a sleep.
func Fatal(err error) {
	defer flush()
	log.Fatal(err)
}

func flush() {}
