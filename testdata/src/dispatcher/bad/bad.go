// Package bad does not type-check: the check must not panic.
package bad

import (
	"example.com/transport/lib"
	"google.golang.org/grpc"
)

var x int = "not an int"

func broken() {
	var d lib.Dispatcher // want `lib.Dispatcher is deprecated`
	_ = d.Missing
	_, _ = grpc.Dial(undefined, grpc.WithInsecure()) // want `grpc.Dial is deprecated: use grpc.NewClient \(not rewritten: its target is not a constant` `grpc.WithInsecure is deprecated`
	_ = lib.Nope
}

// Uses that type-check are still reported.
var ok lib.Dispatcher // want `lib.Dispatcher is deprecated: use lib.Transport`
