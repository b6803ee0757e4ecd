package client

import (
	"context"

	"github.com/go-resty/resty/v2"
)

// Linode is linodego's client (new-retry-loops.md R4): NewLinode turns
// resty's retries on with a constant count in a helper of its own, a
// method lets the caller change the count, and every request comes from
// a wrapper of resty's R.
type Linode struct {
	resty *resty.Client
}

const defaultRetryCount = 1000

func NewLinode() *Linode {
	c := &Linode{resty: resty.New()}
	configureRetries(c)
	return c
}

func configureRetries(c *Linode) {
	c.resty.
		SetRetryCount(defaultRetryCount).
		AddRetryCondition(func(*resty.Response, error) bool { return true })
}

// SetRetryCount hands the count to the caller: its choice, not a zero.
func (c *Linode) SetRetryCount(count int) *Linode {
	c.resty.SetRetryCount(count)
	return c
}

// R wraps resty's R.
func (c *Linode) R(ctx context.Context) *resty.Request {
	return c.resty.R().
		ExpectContentType("application/json").
		SetContext(ctx)
}

func doPOSTRequest[T any](ctx context.Context, client *Linode, endpoint string, body string) (*T, error) {
	var result T
	req := client.R(ctx).SetResult(&result)
	req.SetBody(body)
	if _, err := req.Post(endpoint); err != nil { // want `client region by Post`
		return nil, err
	}
	return &result, nil
}

// Quiet is a client whose retries are turned off by a constant: silent.
type Quiet struct {
	resty *resty.Client
}

func NewQuiet() *Quiet {
	q := &Quiet{resty: resty.New()}
	q.resty.SetRetryCount(3)
	q.resty.SetRetryCount(0)
	return q
}

func (q *Quiet) R(ctx context.Context) *resty.Request {
	return q.resty.R().SetContext(ctx)
}

func (q *Quiet) post(ctx context.Context, endpoint string) error {
	_, err := q.R(ctx).Post(endpoint)
	return err
}
