package dispatcher

import (
	"net"
	"net/http"
	"time"
)

// NewTransport builds a transport with the pre-context Dial hook.
func NewTransport() *http.Transport {
	d := &net.Dialer{Timeout: 3 * time.Second}
	return &http.Transport{
		Dial: d.Dial,
	}
}
