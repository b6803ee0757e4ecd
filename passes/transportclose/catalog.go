package transportclose

import "github.com/transportvet/transportvet/internal/knowledge"

// The check's knowledge is in internal/knowledge/transport.go: which types
// hold connections that outlive the function creating them
// (knowledge.Closables), how each is created (TransportConstructors), how
// it is released, which calls are known not to keep a transport passed to
// them (NonRetaining) and which values are decoded data (DataTypes).
// Whether a call sends a request is knowledge.Sends, through
// httpreq.SendsRequest. The logic that reads it is in leak.go.

// A closable is a type the check tracks: one of knowledge.Closables, or one
// named in the -types flag (see config.closables).
type closable struct {
	knowledge.Closable
	// flag is true for a type named in the -types flag. Its release method
	// is looked up per package: CloseIdleConnections, else Close.
	flag bool
}
