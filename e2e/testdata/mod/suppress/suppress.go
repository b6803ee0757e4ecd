// Package suppress shows the //transportvet:ignore directive at work on a
// real grpc-go: each grpc.Dial target names its case.
package suppress

import "google.golang.org/grpc"

// Reported: nothing silences it.
func reported() (*grpc.ClientConn, error) {
	return grpc.Dial("passthrough:///reported:443")
}

// Silenced by a directive on its line.
func trailing() (*grpc.ClientConn, error) {
	return grpc.Dial("passthrough:///trailing:443") //transportvet:ignore dispatcher the test server accepts only Dial
}

// Silenced by a directive alone on the line above.
func above() (*grpc.ClientConn, error) {
	//transportvet:ignore dispatcher migrating in a later change
	return grpc.Dial("passthrough:///above:443")
}

// Reported: the directive names another check.
func otherCheck() (*grpc.ClientConn, error) {
	return grpc.Dial("passthrough:///othercheck:443") //transportvet:ignore transportclose the caller closes it
}

// Reported, and so is the directive: it gives no reason.
func noReason() (*grpc.ClientConn, error) {
	//transportvet:ignore dispatcher
	return grpc.Dial("passthrough:///noreason:443")
}

// Reported, and so is the directive: it names no check (dispatchr), which
// the check with the nearest name (dispatcher) reports, once.
func unknownCheck() (*grpc.ClientConn, error) {
	//transportvet:ignore dispatchr misspelled
	return grpc.Dial("passthrough:///unknown:443")
}

// Reported, both by retrybody, although it finds no retry to look at in
// this package: a directive without a reason, or naming no check, is
// reported wherever its check runs.
func retryDirectives() {
	//transportvet:ignore retrybody
	//transportvet:ignore retrybdy misspelled
}
