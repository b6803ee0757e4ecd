package editor

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// Sync retries a GET with a client whose transport is never closed
// (transportclose), sleeping through the caller's cancellation (retrystorm).
func Sync(ctx context.Context, url string) error {
	client := &http.Client{Transport: &http.Transport{}}
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		resp, err := client.Do(req)
		if err == nil {
			return resp.Body.Close()
		}
		time.Sleep(time.Second)
	}
	return errors.New("sync: gave up")
}
