// Package nofix is TestRunWithSuggestedFixes's input: the test analyzer
// reports the call below, with a fix or without one.
package nofix

func f() {}

func g() {
	f() // want "call of f"
}
