// Package none imports nothing, so no check finds anything in it to
// analyze. Yet each check reports the ignore directives below that are its
// to report: the one that names it without a reason, and the misspelled
// name nearest to its own (TestDirectives in package analyzer).
package none

func f() {
	//transportvet:ignore dispatcher
	//transportvet:ignore retryidempotency
	//transportvet:ignore retrybody
	//transportvet:ignore retrystorm
	//transportvet:ignore transportclose

	//transportvet:ignore dispatchr misspelled
	//transportvet:ignore retryidempotence misspelled
	//transportvet:ignore retrybdy misspelled
	//transportvet:ignore retrystrom misspelled
	//transportvet:ignore transportclos misspelled

	//transportvet:ignore dispatcher,retrystorm with a reason, so silent
}
