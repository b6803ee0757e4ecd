// Package pool is a small connection pool, named in the -transportclose.types
// flag by the end-to-end test.
package pool

import "net"

// Conn is one pooled connection; Close releases it.
type Conn struct{ c net.Conn }

// NewConn dials addr.
func NewConn(addr string) (*Conn, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	return &Conn{c: c}, nil
}

// Write writes b.
func (c *Conn) Write(b []byte) error {
	_, err := c.c.Write(b)
	return err
}

// Close closes the connection.
func (c *Conn) Close() error { return c.c.Close() }
