// Package flagtypes is checked with
// -types=transportclose/pool.Conn,transportclose/pool.Pool,transportclose/pool.NoClose.
package flagtypes

import "transportclose/pool"

func useConn() error {
	c, err := pool.NewConn("db:5432") // want `^this pool.Conn is never closed and does not escape: each call leaks what it holds; call Close when done \(transportclose\)$`
	if err != nil {
		return err
	}
	return c.Do()
}

func literal() {
	p := &pool.Pool{} // want `^this pool.Pool is never closed and does not escape: each call leaks what it holds; call CloseIdleConnections when done \(transportclose\)$`
	p.Get()
}

func newPool() {
	p := new(pool.Pool) // want `this pool.Pool is never closed`
	p.Get()
}

// Silent: closed.
func closed() error {
	c, err := pool.NewConn("db:5432")
	if err != nil {
		return err
	}
	defer c.Close()
	return c.Do()
}

// Silent: Open is not a New function, so it may return a shared value.
func opened() error {
	c := pool.Open("db:5432")
	return c.Do()
}

// Silent: NoClose has no method to release it.
func noClose() {
	n := pool.NewNoClose()
	_ = n
}

// Silent: returned.
func returned() *pool.Pool {
	p := &pool.Pool{}
	return p
}
