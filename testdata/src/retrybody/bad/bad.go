// Package bad does not type-check: retrybody must not panic, and what
// type-checks is still reported and fixed.
package bad

import (
	"bytes"
	"net/http"
	"time"
)

var x int = "not an int"

func broken(c *http.Client, payload []byte) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodPut, url, bytes.NewReader(payload))
	if err != nil {
		return nil, err
	}
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req) // want `response resp is not closed` `request req is re-sent`
		if err != nil {
			continue
		}
		if resp.StatusCode >= undefined {
			continue
		}
		return resp, nil
	}
	return nil, missing
	time.Sleep(time.Second)
}
