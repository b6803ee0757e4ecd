// Package helpers declares its own retry helpers: functions that retry
// their function parameter. Calls to them are Callback regions.
package helpers

import (
	"errors"
	"time"

	"github.com/cenkalti/backoff/v4"
)

func mark() {}

// withRetry retries op by hand.
func withRetry(n int, op func() error) error {
	for i := 0; i < n; i++ { // want `loop region attempt op counter i`
		if err := op(); err == nil {
			return nil
		}
		time.Sleep(time.Duration(i) * time.Second)
	}
	return errors.New("gave up")
}

// Backoff retries op with a library.
func Backoff(op func() error) error {
	return backoff.Retry(op, backoff.NewExponentialBackOff())
}

// Chained retries op through another helper.
func Chained(op func() error) error {
	return withRetry(3, op)
}

// once calls op once: not a helper.
func once(op func() error) error {
	return op()
}

// each calls op for each item: not a helper.
func each(items []string, op func(string) error) {
	for _, it := range items {
		if err := op(it); err != nil {
			continue
		}
		return
	}
}

func use() {
	withRetry(3, func() error { // want `callback region by withRetry`
		mark() // want `repeated by callback`
		return nil
	})
	Backoff(func() error { return nil }) // want `callback region by Backoff`
	Chained(func() error { return nil }) // want `callback region by Chained`
	once(func() error {
		mark() // want `runs once`
		return nil
	})
	each(nil, func(string) error { return nil })
}
