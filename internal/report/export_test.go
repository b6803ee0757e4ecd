package report

// SetDriverNamesChecks sets what DriverNamesChecks sets, or clears it.
func SetDriverNamesChecks(on bool) { driverNamesChecks.Store(on) }
