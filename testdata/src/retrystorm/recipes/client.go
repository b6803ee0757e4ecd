// Package recipes is etcd's client/v3/experimental/recipes (v3.7.3) in
// the shape retrystorm sees: keys created with a transaction whose compare
// fails when the key exists, which the package reports as ErrKeyExists
// after the call returned a nil error.
package recipes

import "errors"

var (
	ErrKeyExists = errors.New("key already exists")
	// errBusy is returned when the transaction's call failed: a sentinel
	// of a failure, not of an answer.
	errBusy = errors.New("busy")
	// errGone is returned after an answer, and also made from a failure.
	errGone = errors.New("gone")
)
