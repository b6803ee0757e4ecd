package transportclose

import (
	"net/http"
	"time"
)

// Ping builds a client with its own transport for one request.
func Ping(url string) error {
	client := &http.Client{
		Transport: &http.Transport{MaxIdleConnsPerHost: 1},
		Timeout:   time.Second,
	}
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
