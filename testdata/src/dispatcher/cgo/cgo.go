// Package cgo has a cgo file: the check runs on it as on any other.
package cgo

/*
static int answer(void) { return 42; }
*/
import "C"

import "example.com/transport/lib"

func Answer() int { return int(C.answer()) }

var d lib.Dispatcher // want `lib.Dispatcher is deprecated: use lib.Transport \(dispatcher\)`
