// Package b is the story of retry library callbacks.
package b

import (
	"context"
	"time"

	"github.com/avast/retry-go/v4"
	backoff "github.com/cenkalti/backoff/v4"
	backoff5 "github.com/cenkalti/backoff/v5"
	"github.com/failsafe-go/failsafe-go"
	"github.com/failsafe-go/failsafe-go/retrypolicy"
	goretry "github.com/sethvargo/go-retry"
	"k8s.io/apimachinery/pkg/util/wait"
	k8sretry "k8s.io/client-go/util/retry"

	"retry/ext"
)

func mark() {}

func op() error { return nil }

type svc struct{}

func (svc) call() error { return nil }

func backoffV4() {
	backoff.Retry(func() error { // want `callback region by Retry`
		mark() // want `repeated by callback`
		return nil
	}, backoff.NewExponentialBackOff())
	backoff.RetryNotify(func() error { return nil }, &backoff.ZeroBackOff{}, nil)                         // want `callback region by RetryNotify`
	backoff.RetryWithData(func() (int, error) { return 0, nil }, backoff.NewConstantBackOff(time.Second)) // want `callback region by RetryWithData`
	backoff.RetryNotifyWithData(func() (int, error) { return 0, nil }, &backoff.StopBackOff{}, nil)       // want `callback region by RetryNotifyWithData`
	mark()                                                                                                // want `runs once`
}

func backoffV5(ctx context.Context) {
	backoff5.Retry(ctx, func() (string, error) { return "", nil }, backoff5.WithMaxTries(3)) // want `callback region by Retry`
}

func retryGo() {
	retry.Do(func() error { return nil }, retry.Attempts(3), retry.Delay(time.Second)) // want `callback region by Do`
	retry.DoWithData(func() (int, error) { return 1, nil })                            // want `callback region by DoWithData`
}

func goRetry(ctx context.Context) {
	b := goretry.NewConstant(time.Second)
	goretry.Do(ctx, b, func(ctx context.Context) error { return nil })                    // want `callback region by Do`
	goretry.DoValue(ctx, b, func(ctx context.Context) (int, error) { return 0, nil })     // want `callback region by DoValue`
	goretry.Constant(ctx, time.Second, func(ctx context.Context) error { return nil })    // want `callback region by Constant`
	goretry.Exponential(ctx, time.Second, func(ctx context.Context) error { return nil }) // want `callback region by Exponential`
	goretry.Fibonacci(ctx, time.Second, func(ctx context.Context) error { return nil })   // want `callback region by Fibonacci`
}

func k8s(ctx context.Context) {
	k8sretry.OnError(k8sretry.DefaultBackoff, func(error) bool { return true }, func() error { return nil }) // want `callback region by OnError`
	wait.ExponentialBackoff(wait.Backoff{Steps: 3}, func() (bool, error) { return true, nil })               // want `callback region by ExponentialBackoff`
	wait.ExponentialBackoffWithContext(ctx, wait.Backoff{}, func(context.Context) (bool, error) {            // want `callback region by ExponentialBackoffWithContext`
		return true, nil
	})
	// Silent: RetryOnConflict retries only 409s, which the server did not apply.
	k8sretry.RetryOnConflict(k8sretry.DefaultRetry, func() error { return nil })
	// Silent: polling is not retrying.
	wait.PollUntilContextTimeout(ctx, time.Second, time.Minute, true, func(context.Context) (bool, error) { return true, nil })
}

func failsafeGo() {
	rp := retrypolicy.NewBuilder[any]().WithMaxRetries(3).Build()
	failsafe.With[any](rp).Run(func() error { return nil }) // want `callback region by Run`
	exec := failsafe.With(retrypolicy.NewWithDefaults[int]()).OnDone(nil)
	exec.Get(func() (int, error) { return 1, nil }) // want `callback region by Get`
	// Silent: an executor without a retry policy does not retry.
	failsafe.With[any]().Run(func() error { return nil })
}

// The retried function may be named, a method value, a conversion, or a
// local variable holding a literal.
func named(s svc, ctx context.Context) {
	backoff.Retry(op, &backoff.ZeroBackOff{})                    // want `callback region by Retry target op`
	backoff.Retry(s.call, &backoff.ZeroBackOff{})                // want `callback region by Retry target call`
	backoff.Retry(backoff.Operation(op), &backoff.ZeroBackOff{}) // want `callback region by Retry target op`
	backoff.Retry(ext.Op, &backoff.ZeroBackOff{})                // want `callback region by Retry target Op elsewhere`
	f := func() error { return nil }
	retry.Do(f) // want `callback region by Do`
	g := func() error { return nil }
	g = op
	// Silent: g is assigned twice, so what runs is unknown.
	retry.Do(g)
}

func op2() error {
	mark() // want `repeated by callback`
	return nil
}

func namedDecl() {
	backoff.Retry(op2, &backoff.ZeroBackOff{}) // want `callback region by Retry target op2`
}
