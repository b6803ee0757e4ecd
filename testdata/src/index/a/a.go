// Package a is what the index test reads: functions, the calls in their
// bodies, and calls that belong to no function body.
package a

import "strings"

var pkgLevel = strings.ToUpper("x") // a call in no function

func helper() string { return "h" }

func first() string {
	s := helper()
	f := func() string { return helper() + strings.TrimSpace(s) }
	return f() + helper()
}

type T struct{}

func (T) method() int { return len(first()) }

func noBody()

func generic[E any](e E) E { return e }

func callsGeneric() int { return generic(1) + generic[int](2) }
