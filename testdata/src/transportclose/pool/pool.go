// Package pool is a connection pool library whose types transportclose's
// -types flag names in the flagtypes test.
package pool

// Conn is a connection; Close releases it.
type Conn struct{ addr string }

// NewConn opens a connection.
func NewConn(addr string) (*Conn, error) { return &Conn{addr: addr}, nil }

// Open returns a shared connection: not a New function, so not a creation.
func Open(addr string) *Conn { return shared }

var shared = &Conn{}

func (c *Conn) Do() error    { return nil }
func (c *Conn) Close() error { return nil }

// Pool holds idle connections; CloseIdleConnections releases them.
type Pool struct{ idle []*Conn }

func (p *Pool) Get() *Conn            { return nil }
func (p *Pool) CloseIdleConnections() {}

// NoClose has no release method: naming it in -types has no effect.
type NoClose struct{}

func NewNoClose() *NoClose { return &NoClose{} }
