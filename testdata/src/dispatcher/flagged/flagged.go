// Package flagged uses a library whose deprecated names lack "Dispatch":
// with -dispatcher.packages=example.com/legacy/... they are renamed too.
package flagged

import "example.com/legacy/rpc"

func use() int {
	c := rpc.Connect("svc") // want `rpc.Connect is deprecated: use rpc.Open`
	return c.OldClient()    // want `rpc.Conn.OldClient is deprecated: use rpc.Conn.Client`
}
