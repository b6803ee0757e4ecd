// Package funcs declares its own retry helpers, named by -retry.funcs.
package funcs

func myRetry(n int, f func() error) error { return f() }

type Retrier struct{}

func (Retrier) Do(f func() error) error { return f() }

func notRetry(n int, f func() error) error { return f() }

func use(r Retrier) {
	myRetry(3, func() error { return nil }) // want `callback region by myRetry`
	r.Do(func() error { return nil })       // want `callback region by Do`
	notRetry(3, func() error { return nil })
}
