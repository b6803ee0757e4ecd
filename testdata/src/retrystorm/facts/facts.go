// Package facts checks the facts retrystorm exports through chains of calls
// inside one package, declared in any order: each fact must not depend on
// the order in which the functions are summarized.
package facts

import (
	"context"
	"log"
	"net/http"
	"time"
)

// A chain of four calls down to a network call, declared top-down.

func A1(c *http.Client) { A2(c) } // want A1:"retrystorm: network"

func A2(c *http.Client) { a3(c) } // want A2:"retrystorm: network"

func a3(c *http.Client) { A4(c) }

func A4(c *http.Client) { c.Get("https://example.com") } // want A4:"retrystorm: network"

// A chain down to a sleep: every function on it always sleeps.

func S1(d time.Duration) { S2(d) } // want S1:"retrystorm: maywait sleeps"

func S2(d time.Duration) { s3(d) } // want S2:"retrystorm: maywait sleeps"

func s3(d time.Duration) { time.Sleep(d) }

// A wait on one path only: the callers may wait, but do not always sleep.

func M1(ok bool) { // want M1:"retrystorm: maywait"
	if ok {
		return
	}
	m2()
}

func m2() { S1(time.Second) }

// Mutual recursion that ends in a network call.

func R1(c *http.Client, n int) { // want R1:"retrystorm: network"
	if n > 0 {
		R2(c, n-1)
	}
}

func R2(c *http.Client, n int) { // want R2:"retrystorm: network"
	if n == 0 {
		A4(c)
		return
	}
	R1(c, n)
}

// Mutual recursion with no network call and no wait: no fact.

func E1(n int) int {
	if n > 0 {
		return E2(n - 1)
	}
	return 0
}

func E2(n int) int { return E1(n) }

// A function literal: called at once it is part of the function; stored or
// started in a goroutine it makes a network call but is not a wait.

func L1(c *http.Client) { // want L1:"retrystorm: network maywait sleeps"
	func() { S2(time.Second); A1(c) }()
}

func L2(c *http.Client) { // want L2:"retrystorm: network"
	go S2(time.Second)
	f := func() { A1(c) }
	_ = f
}

// Methods, and a generic function, reached through the chain.

type T struct{ c *http.Client }

func (t T) Get() { A2(t.c) } // want Get:"retrystorm: network"

func (t *T) Wait(ctx context.Context) { // want Wait:"retrystorm: maywait"
	G[int](ctx, 0)
}

func G[X any](ctx context.Context, x X) X { // want G:"retrystorm: maywait"
	select {
	case <-ctx.Done():
	case <-time.After(time.Second):
	}
	return x
}

// A wait the caller reaches only after a callee's summary is known, through a
// call declared later in the file than its caller and an unexported hop.

func Z1(t *T) { z2(t) } // want Z1:"retrystorm: network"

func z2(t *T) { t.Get() }

// Functions that never return normally do not sleep, though no path from
// their entry returns without a sleep.

func P1() {
	func() {
		defer func() { recover() }()
		panic("recovered")
	}()
}

func P2() { // want P2:"retrystorm: maywait"
	defer P1()
	for {
		time.Sleep(time.Second)
	}
}

func P3(err error) {
	defer P1()
	log.Fatal(err)
}
