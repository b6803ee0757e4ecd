// Package unflagged uses the same deprecated names as package flagged,
// without -dispatcher.packages: they are out of scope, so silent.
package unflagged

import "example.com/legacy/rpc"

func use() int {
	c := rpc.Connect("svc")
	return c.OldClient()
}
