// Package shapesutil is the kind of internal helper package API clients
// import: a backoff, a retry predicate over (resp, err), a context-aware
// sleep, a response drain, and a retry helper of their own.
package shapesutil

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"time"
)

// Backoff returns an exponential delay with jitter for attempt (0-based).
func Backoff(attempt int, base, limit time.Duration) time.Duration {
	d := base << attempt
	if d <= 0 || d > limit {
		d = limit
	}
	return d/2 + rand.N(d/2+1)
}

// Retryable reports whether a send should be retried: transport errors
// other than the caller's cancellation, 429 and 5xx but 501.
func Retryable(resp *http.Response, err error) bool {
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return false
		}
		var ne net.Error
		return errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF)
	}
	return resp.StatusCode == http.StatusTooManyRequests ||
		resp.StatusCode >= http.StatusInternalServerError && resp.StatusCode != http.StatusNotImplemented
}

// Sleep waits d, or until ctx is done.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// DrainAndClose reads what is left of a response and closes it, so that
// the connection can be reused.
func DrainAndClose(resp *http.Response) {
	if resp == nil || resp.Body == nil {
		return
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
	_ = resp.Body.Close()
}

// Retry calls op until it succeeds, a permanent error, or attempts run out:
// a retry helper, so that a call of it in another package is a region.
func Retry(ctx context.Context, attempts int, op func(context.Context) error) error {
	var err error
	for attempt := 0; attempt < attempts; attempt++ { // want `loop region attempt op counter attempt`
		if err = op(ctx); err == nil {
			return nil
		}
		var perm *PermanentError
		if errors.As(err, &perm) {
			return perm.Err
		}
		if serr := Sleep(ctx, Backoff(attempt, 100*time.Millisecond, 5*time.Second)); serr != nil {
			return serr
		}
	}
	return err
}

// PermanentError stops Retry.
type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return e.Err.Error() }
func (e *PermanentError) Unwrap() error { return e.Err }

// Attempts hands out n attempt numbers, waiting a backoff between them,
// until ctx is done: a retry iterator other packages range over.
func Attempts(ctx context.Context, n int) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := range n {
			select {
			case ch <- i:
			case <-ctx.Done():
				return
			}
			t := time.NewTimer(Backoff(i, time.Second, time.Minute))
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
				return
			}
		}
	}()
	return ch
}

// ErrWaitTimeout is Poll's error when the condition never held.
var ErrWaitTimeout = errors.New("timed out waiting for the condition")

// Poll is a copy of apimachinery's wait.ExponentialBackoff, as clients
// vendor it: the condition's bool says whether it is done.
func Poll(ctx context.Context, steps int, condition func() (bool, error)) error {
	for i := 0; i < steps; i++ { // want `loop region attempt condition counter i`
		ok, err := condition()
		if err != nil {
			return err
		}
		if ok {
			return nil
		}
		Sleep(ctx, Backoff(i, time.Second, time.Minute))
	}
	return ErrWaitTimeout
}

// WithRetry wraps the caller's function in a closure of its own before
// retrying it.
func WithRetry(ctx context.Context, fn func(context.Context) error) error {
	try := func() error {
		return fn(ctx)
	}
	var err error
	for i := 0; i < 3; i++ { // want `loop region attempt try counter i`
		if err = try(); err == nil {
			return nil
		}
		Sleep(ctx, Backoff(i, time.Second, time.Minute))
	}
	return err
}
