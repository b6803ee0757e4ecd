// Package coreuser calls another package's retrying core through a fact.
package coreuser

import (
	"context"
	"net/http"

	"retryidempotency/core"
)

func patch(ctx context.Context, c *core.Client) (*http.Response, error) {
	return c.Send(ctx, http.MethodPatch, "widgets/1") // want `core.Client.Send retries the PATCH request it builds \(core.go:29, this loop\) without an Idempotency-Key header`
}

func get(ctx context.Context, c *core.Client) (*http.Response, error) {
	return c.Send(ctx, http.MethodGet, "widgets/1")
}
