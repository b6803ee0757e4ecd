package shapes

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

type action struct{ Status string }

func (c *Client) getAction(ctx context.Context, uri string) (*action, error) {
	req, err := c.newRequest(ctx, http.MethodGet, uri, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.httpClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var a action
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		return nil, err
	}
	return &a, nil
}

const activeFailure = 3

// WaitForActive is godo's util.WaitForActive (eval/new-retry-loops.md R6):
// a poll that waits 5 s while the action is in progress, but sends a failed
// GET again at once.
func (c *Client) WaitForActive(ctx context.Context, uri string) error { // want WaitForActive:"retrystorm: network maywait"
	completed := false
	failCount := 0
	for !completed { // want `retry loop has no delay between attempts`
		a, err := c.getAction(ctx, uri)
		if err != nil {
			select {
			case <-ctx.Done():
				return err
			default:
			}
			if failCount <= activeFailure {
				failCount++
				continue
			}
			return err
		}
		switch a.Status {
		case "in-progress":
			select {
			case <-time.After(5 * time.Second):
			case <-ctx.Done():
				return ctx.Err()
			}
		case "completed":
			completed = true
		default:
			return fmt.Errorf("unknown status: [%s]", a.Status)
		}
	}
	return nil
}

// WaitForAvailable waits on the failure path too: silent. Its completed
// way goes round to the condition without a wait, which ends the loop.
func (c *Client) WaitForAvailable(ctx context.Context, uri string) error { // want WaitForAvailable:"retrystorm: network maywait"
	completed := false
	failCount := 0
	for !completed {
		a, err := c.getAction(ctx, uri)
		if err != nil {
			if failCount > activeFailure {
				return err
			}
			failCount++
			select {
			case <-time.After(time.Second << failCount):
				continue
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		switch a.Status {
		case "in-progress":
			select {
			case <-time.After(5 * time.Second):
			case <-ctx.Done():
				return ctx.Err()
			}
		case "completed":
			completed = true
		default:
			return fmt.Errorf("unknown status: [%s]", a.Status)
		}
	}
	return nil
}

// waitForServer is aws-sdk-go-v2's CreateTLSServer wait without its
// sleep: a refused connection is sent again at once.
func waitForServer(addr string) {
	for i := 0; i < 60; i++ { // want `retry loop has no delay between attempts`
		if _, err := http.Get("https://" + addr); err != nil && !strings.Contains(err.Error(), "connection refused") {
			break
		}
	}
}

// untilGoAway is grpc's goaway_test loop: it goes round on success and
// after a timeout, which waited its deadline, until another failure.
// Silent: no way round after a failure skips a wait.
func (c *Client) untilGoAway(ctx context.Context, uri string) {
	for {
		actx, cancel := context.WithTimeout(ctx, 10*time.Millisecond)
		if _, err := c.getAction(actx, uri); err != nil && !errors.Is(err, context.DeadlineExceeded) {
			cancel()
			break
		}
		cancel()
	}
}
