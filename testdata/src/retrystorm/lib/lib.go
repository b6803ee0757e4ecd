// Package lib is retrystorm's story of retry-library settings that amount
// to retrying a network call with no delay.
package lib

import (
	"context"
	"net/http"
	"time"

	backoff4 "github.com/cenkalti/backoff/v4"
	backoff5 "github.com/cenkalti/backoff/v5"

	"github.com/avast/retry-go/v4"
	"github.com/failsafe-go/failsafe-go"
	"github.com/failsafe-go/failsafe-go/retrypolicy"
)

func get(c *http.Client, url string) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// backoff v4: ZeroBackOff, unbounded.
func zeroV4(c *http.Client) error {
	return backoff4.Retry(func() error {
		return get(c, "http://example.com")
	}, &backoff4.ZeroBackOff{}) // want `backoff.ZeroBackOff retries with no delay and no bound: a failing dependency turns it into a retry storm; wait with exponential backoff and jitter \(retrystorm\)`
}

// Through a local variable.
func zeroV4Var(c *http.Client) error {
	b := new(backoff4.ZeroBackOff)
	return backoff4.Retry(func() error {
		return get(c, "http://example.com")
	}, b) // want `backoff.ZeroBackOff retries with no delay and no bound`
}

// Bounded by WithMaxRetries: silent.
func zeroV4Bounded(c *http.Client) error {
	return backoff4.Retry(func() error {
		return get(c, "http://example.com")
	}, backoff4.WithMaxRetries(&backoff4.ZeroBackOff{}, 3))
}

// Not a network call: silent.
func zeroV4Local() error {
	n := 0
	return backoff4.Retry(func() error {
		n++
		return nil
	}, &backoff4.ZeroBackOff{})
}

// backoff v5: ZeroBackOff with the elapsed-time bound removed.
func zeroV5(ctx context.Context, c *http.Client) (bool, error) {
	return backoff5.Retry(ctx, func() (bool, error) {
		return true, get(c, "http://example.com")
	}, backoff5.WithBackOff(&backoff5.ZeroBackOff{}), backoff5.WithMaxElapsedTime(0)) // want `backoff.ZeroBackOff retries with no delay and no bound`
}

// backoff v5's default MaxElapsedTime (15 minutes) bounds it: silent.
func zeroV5Default(ctx context.Context, c *http.Client) (bool, error) {
	return backoff5.Retry(ctx, func() (bool, error) {
		return true, get(c, "http://example.com")
	}, backoff5.WithBackOff(&backoff5.ZeroBackOff{}))
}

// A bound on tries: silent.
func zeroV5Tries(ctx context.Context, c *http.Client) (bool, error) {
	return backoff5.Retry(ctx, func() (bool, error) {
		return true, get(c, "http://example.com")
	}, backoff5.WithBackOff(&backoff5.ZeroBackOff{}), backoff5.WithMaxElapsedTime(0), backoff5.WithMaxTries(5))
}

// retry-go: unbounded, no delay, no jitter.
func retryGoNoDelay(c *http.Client) error {
	return retry.Do(func() error {
		return get(c, "http://example.com")
	}, retry.Attempts(0), retry.Delay(0), retry.DelayType(retry.FixedDelay)) // want `retry-go retries with no delay and no bound`
}

func retryGoUntilSucceeded(c *http.Client) error {
	return retry.Do(func() error {
		return get(c, "http://example.com")
	}, retry.UntilSucceeded(), retry.DelayType(retry.FixedDelay), retry.Delay(0)) // want `retry-go retries with no delay and no bound`
}

// Delay(0) with the default delay type still waits a random jitter of up
// to MaxJitter: silent.
func retryGoJitter(c *http.Client) error {
	return retry.Do(func() error {
		return get(c, "http://example.com")
	}, retry.Attempts(0), retry.Delay(0))
}

// Bounded: silent.
func retryGoBounded(c *http.Client) error {
	return retry.Do(func() error {
		return get(c, "http://example.com")
	}, retry.Attempts(3), retry.Delay(0), retry.DelayType(retry.FixedDelay))
}

// failsafe-go: a retry policy with no delay.
func failsafeNoDelay(c *http.Client) error {
	policy := retrypolicy.NewBuilder[any]().WithMaxRetries(5).Build()
	return failsafe.With[any](policy).Run(func() error { // want `retry policy has no delay between attempts`
		return get(c, "http://example.com")
	})
}

func failsafeDefaults(c *http.Client) error {
	return failsafe.With(retrypolicy.NewWithDefaults[any]()).Run(func() error { // want `retry policy has no delay between attempts`
		return get(c, "http://example.com")
	})
}

// A policy with a backoff: silent.
func failsafeBackoff(c *http.Client) error {
	policy := retrypolicy.NewBuilder[any]().WithBackoff(100*time.Millisecond, 10*time.Second).Build()
	return failsafe.With[any](policy).Run(func() error {
		return get(c, "http://example.com")
	})
}

// A constant wait of nothing is ZeroBackOff by another name.
func constantZeroV4(c *http.Client) error {
	return backoff4.Retry(func() error {
		return get(c, "http://example.com")
	}, backoff4.NewConstantBackOff(0)) // want `backoff.ZeroBackOff retries with no delay and no bound`
}

// Silent: a constant wait of a second.
func constantSecondV4(c *http.Client) error {
	return backoff4.Retry(func() error {
		return get(c, "http://example.com")
	}, backoff4.NewConstantBackOff(1e9))
}
