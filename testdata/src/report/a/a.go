// Package a is the story of the //transportvet:ignore directive, as seen by
// the test analyzer rtest, which reports every call to finding or suffixed.
package a

func finding() int { return 0 }

func take(...int) {}

func suffixed() {}

func other() {}

func plain() {
	finding() // want `^finding called \(rtest\)$`
	other()   // not a finding: rtest reports only finding and suffixed
}

// A message that already ends with the check's name keeps one suffix.
func suffix() {
	suffixed() // want `^already suffixed \(rtest\)$`
}

// A directive on the line of the finding silences it.
func trailing() {
	finding() //transportvet:ignore rtest the caller retries this itself
}

// A directive alone on the line above silences the line below it.
func above() {
	//transportvet:ignore rtest the caller retries this itself
	finding()

	if true {
		//transportvet:ignore rtest	a tab before the reason is fine too
		finding()
	}
}

// The line above silences only the next line, not the one after it.
func twoAbove() {
	//transportvet:ignore rtest the caller retries this itself

	finding() // want `^finding called \(rtest\)$`
}

// A directive that trails code covers its own line only.
func trailingAbove() {
	finding() //transportvet:ignore rtest this line only
	finding() // want `^finding called \(rtest\)$`
}

// A directive for another check silences nothing of rtest; a list of checks
// silences each of them.
func otherCheck() {
	finding() //transportvet:ignore dispatcher not this check // want `^finding called \(rtest\)$`
	finding() //transportvet:ignore dispatcher,rtest both checks
	finding() //transportvet:ignore rtest,dispatcher both checks
}

// A directive without a reason silences nothing and is itself reported.
func noReason() {
	// want +1 `^//transportvet:ignore directive has no reason: it silences nothing until it says why the finding does not apply, e\.g\. //transportvet:ignore rtest REASON \(rtest\)$`
	//transportvet:ignore rtest
	finding() // want `^finding called \(rtest\)$`

	finding() /* want "finding called" "directive has no reason" */ //transportvet:ignore rtest
}

// A name that is not a check silences nothing and is reported, by the check
// whose name is nearest to it: rtest reports rtset, and dispatcher, not
// rtest, would report dispatchr.
func unknownCheck() {
	finding() //transportvet:ignore rtset misspelled // want `^finding called \(rtest\)$` `^unknown check rtset in //transportvet:ignore: it silences nothing; did you mean rtest\? \(rtest\)$`
	finding() //transportvet:ignore dispatchr misspelled // want `^finding called \(rtest\)$`

	// A list with an unknown name still silences the checks it names.
	finding() //transportvet:ignore rtest,rtset misspelled, but rtest is named // want `unknown check rtset`
}

// Comments that merely look like directives are not directives.
func lookalikes() {
	finding() //transportvet:ignorertest not the directive // want `^finding called \(rtest\)$`
	finding() // transportvet:ignore rtest a space after the slashes // want `^finding called \(rtest\)$`
	finding() /*transportvet:ignore rtest a block comment */ // want `^finding called \(rtest\)$`
	finding() //transportvet:ignore RTEST names are case-sensitive // want `^finding called \(rtest\)$` `^unknown check RTEST in //transportvet:ignore: it silences nothing; did you mean rtest\? \(rtest\)$`
	finding() //transportvet:ignore // want `^finding called \(rtest\)$`
}

// A directive above a statement that spans lines covers its first line
// only.
func multiline() {
	//transportvet:ignore rtest covers the first line of the statement only
	take(finding(),
		finding()) // want `^finding called \(rtest\)$`
}
