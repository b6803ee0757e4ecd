// Package ifaceuser is godo's util package: it polls through the service
// interface of another package.
package ifaceuser

import (
	"context"
	"fmt"
	"time"

	"retrystorm/iface"
)

// WaitForActive is godo's util.WaitForActive (new-retry-loops.md R6): a
// failed GET is sent again at once, through the interface.
func WaitForActive(ctx context.Context, client *iface.Client, uri string) error { // want WaitForActive:"retrystorm: network maywait"
	completed := false
	failCount := 0
	for !completed { // want `retry loop has no delay between attempts`
		a, err := client.Actions.GetByURI(ctx, uri)
		if err != nil {
			if failCount <= 3 {
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

// Silent: an interface with no network implementation.
func retryLocal(ctx context.Context, l iface.Local) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = l.Get(ctx); err == nil {
			return nil
		}
	}
	return err
}
