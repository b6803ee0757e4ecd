package a

import (
	"context"
	"errors"
	"log"
	"time"
)

// The counter passed to a helper of the package that only turns it into a
// delay: still a retry loop.
func helperSleeps(ctx context.Context) error {
	for attempt := 0; attempt < 5; attempt++ { // want `loop region attempt op counter attempt`
		if err := op(); err == nil {
			return nil
		}
		if err := sleepBackoff(ctx, attempt); err != nil {
			return err
		}
	}
	return errors.New("gave up")
}

func sleepBackoff(ctx context.Context, attempt int) error {
	d := time.Duration(1<<attempt) * 100 * time.Millisecond
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Through helpers: one logs, one computes a number that becomes a delay,
// one decides with a comparison; and a method.
func helperChain(p *pacer) error {
	for i := 0; ; i++ { // want `loop region attempt op counter i`
		err := op()
		if err == nil || !shouldRetry(i, err) {
			return err
		}
		logAttempt(i, err)
		wait(i)
		p.pause(i)
	}
}

func logAttempt(n int, err error) { log.Printf("attempt %d: %v", n, err) }

func wait(n int) { time.Sleep(time.Duration(scale(n)) * time.Millisecond) }

func scale(n int) int { return 100 << min(n, 6) }

func shouldRetry(attempt int, err error) bool { return attempt < 3 && retryable(err) }

type pacer struct{ base time.Duration }

func (p *pacer) pause(n int) {
	if n == 0 {
		return
	}
	time.Sleep(p.base * time.Duration(n))
}

var hosts = []string{"a", "b"}

// Silent: the helper indexes data with the counter.
func helperIndexes() error {
	for i := 0; i < 3; i++ {
		log.Print(pickHost(i))
		if err := op(); err == nil {
			return nil
		}
	}
	return nil
}

func pickHost(i int) string { return hosts[i%len(hosts)] }

// Silent: the helper hands the counter to a call that does not count.
func helperRecords() error {
	for i := 0; i < 3; i++ {
		note(i)
		if err := op(); err == nil {
			return nil
		}
	}
	return nil
}

func note(n int) { record(n) }

// Silent: the helper's result, computed from the counter, indexes data.
func helperResultIndexes(items []string) error {
	for i := 0; i < 3; i++ {
		log.Print(items[half(i)])
		if err := op(); err == nil {
			return nil
		}
	}
	return nil
}

// Silent: the helper's result goes to a call that does not count.
func helperResultEscapes() error {
	for i := 0; i < 3; i++ {
		record(half(i))
		if err := op(); err == nil {
			return nil
		}
	}
	return nil
}

func half(n int) int { return n / 2 }

// Silent: a variadic parameter is not checked.
func helperVariadic() error {
	for i := 0; i < 3; i++ {
		logAll(i)
		if err := op(); err == nil {
			return nil
		}
	}
	return nil
}

// Silent: the helper takes the counter's address.
func helperAddress() error {
	for i := 0; i < 3; i++ {
		keep(i)
		if err := op(); err == nil {
			return nil
		}
	}
	return nil
}

// Silent: a recursion deeper than the bound.
func helperRecursion() error {
	for i := 0; i < 3; i++ {
		countdown(i)
		if err := op(); err == nil {
			return nil
		}
	}
	return nil
}

func logAll(ns ...int) { log.Print(ns) }

var kept *int

func keep(n int) { kept = &n }

func countdown(n int) {
	if n > 0 {
		countdown(n - 1)
	}
}

var history []int

// Silent: the helper keeps the counter as data.
func helperAppends() error {
	for i := 0; i < 3; i++ {
		remember(i)
		if err := op(); err == nil {
			return nil
		}
	}
	return nil
}

func remember(n int) { history = append(history, n) }
