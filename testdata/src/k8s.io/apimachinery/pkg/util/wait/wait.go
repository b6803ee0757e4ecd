// Package wait is a stub of k8s.io/apimachinery/pkg/util/wait v0.37.2 for
// analysistest: the declarations transportvet uses, with the real signatures
// (backoff.go, wait.go, poll.go); bodies are trivial.
package wait

import (
	"context"
	"time"
)

// Backoff holds parameters applied to a Backoff function.
type Backoff struct {
	Duration time.Duration
	Factor   float64
	Jitter   float64
	Steps    int
	Cap      time.Duration
}

// Step returns an amount of time to sleep determined by the original
// Duration and Jitter.
func (b *Backoff) Step() time.Duration { return 0 }

// ConditionFunc returns true if the condition is satisfied, or an error
// if the loop should be aborted.
type ConditionFunc func() (done bool, err error)

// ConditionWithContextFunc returns true if the condition is satisfied, or an error
// if the loop should be aborted.
type ConditionWithContextFunc func(context.Context) (done bool, err error)

// ExponentialBackoff repeats a condition check with exponential backoff.
func ExponentialBackoff(backoff Backoff, condition ConditionFunc) error {
	for backoff.Steps > 0 {
		if ok, err := condition(); err != nil || ok {
			return err
		}
		backoff.Steps--
	}
	return nil
}

// ExponentialBackoffWithContext repeats a condition check with exponential backoff.
func ExponentialBackoffWithContext(ctx context.Context, backoff Backoff, condition ConditionWithContextFunc) error {
	return ExponentialBackoff(backoff, func() (bool, error) { return condition(ctx) })
}

// PollUntilContextTimeout will terminate polling after timeout duration by setting a context timeout.
func PollUntilContextTimeout(ctx context.Context, interval, timeout time.Duration, immediate bool, condition ConditionWithContextFunc) error {
	return nil
}

// Until loops until stop channel is closed, running f every period.
func Until(f func(), period time.Duration, stopCh <-chan struct{}) {}

// Interrupted returns true if the error indicates a Poll, ExponentialBackoff, or
// Until loop exited for any reason besides the condition returning true or an
// error.
func Interrupted(err error) bool { return false }
