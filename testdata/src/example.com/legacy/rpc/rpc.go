// Package rpc is a fake library whose deprecated names lack "Dispatch": they
// are in scope only when -dispatcher.packages names the package.
package rpc

// Conn is a connection.
type Conn struct{}

// Client returns a client over the connection.
func (c *Conn) Client() int { return 0 }

// OldClient is the old name of Client.
//
// Deprecated: Use Client instead.
func (c *Conn) OldClient() int { return 0 }

// Open opens a connection.
func Open(addr string) *Conn { return &Conn{} }

// Connect is the old name of Open.
//
// Deprecated: Use Open instead.
func Connect(addr string) *Conn { return Open(addr) }
