// Package ext declares a function that other packages retry.
package ext

// Op does something fallible.
func Op() error { return nil }
