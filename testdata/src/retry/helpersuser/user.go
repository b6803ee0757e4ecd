// Package helpersuser calls the retry helpers of package helpers: their
// facts make the calls regions.
package helpersuser

import "retry/helpers"

func use() {
	helpers.Backoff(func() error { return nil }) // want `callback region by Backoff`
	helpers.Chained(func() error { return nil }) // want `callback region by Chained`
}
