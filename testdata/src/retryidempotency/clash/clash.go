// Package clash already uses the name rand (math/rand), and the name
// idempotencyKey (a function of the package, not a key the function has):
// the fix imports crypto/rand as crand and picks another key name.
package clash

import (
	"fmt"
	"math/rand"
	"net/http"
	"time"
)

func send(c *http.Client) (*http.Response, error) {
	for i := 0; i < 3; i++ {
		req, err := http.NewRequest(http.MethodPost, "https://api.example.com/x", nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.Do(req) // want `POST request is retried by this loop`
		if err == nil {
			return resp, nil
		}
		time.Sleep(time.Duration(rand.Intn(100)) * time.Millisecond)
	}
	return nil, fmt.Errorf("gave up (%s)", idempotencyKey())
}

func idempotencyKey() string { return "none" }
