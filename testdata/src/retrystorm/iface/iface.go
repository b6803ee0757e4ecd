// Package iface is godo's shape: services are interfaces that the client
// implements with HTTP calls, and callers hold the interface.
package iface

import (
	"context"
	"net/http"
)

type Action struct{ Status string }

// ActionsService is godo's DropletActionsService.
type ActionsService interface {
	GetByURI(ctx context.Context, uri string) (*Action, error) // want GetByURI:"retrystorm: network"
	Name() string
}

type Client struct {
	HTTP    *http.Client
	Actions ActionsService
}

// ActionsServiceOp implements ActionsService with an HTTP GET.
type ActionsServiceOp struct{ client *Client }

func (s *ActionsServiceOp) GetByURI(ctx context.Context, uri string) (*Action, error) { // want GetByURI:"retrystorm: network"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, uri, nil)
	if err != nil {
		return nil, err
	}
	resp, err := s.client.HTTP.Do(req)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	return &Action{Status: "completed"}, nil
}

// Name makes no network call: the interface's Name gets no fact.
func (s *ActionsServiceOp) Name() string { return "actions" }

// Local is an interface no type of the package implements with a network
// call: no fact.
type Local interface {
	Get(ctx context.Context) error
}
