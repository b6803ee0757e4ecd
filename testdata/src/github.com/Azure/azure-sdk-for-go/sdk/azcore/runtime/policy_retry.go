package runtime

import (
	"net/http"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

// NewRetryPolicy creates a policy object configured using the specified options.
// Pass nil to accept the default values; this is the same as passing a zero-value options.
func NewRetryPolicy(o *policy.RetryOptions) policy.Policy {
	if o == nil {
		o = &policy.RetryOptions{}
	}
	return &retryPolicy{options: *o}
}

type retryPolicy struct {
	options policy.RetryOptions
}

// Do sends the request once in the stub; the real policy tries it up to
// MaxRetries+1 times (3 retries by default), rewinding its body first.
func (p *retryPolicy) Do(req *policy.Request) (*http.Response, error) {
	if err := req.RewindBody(); err != nil {
		return nil, err
	}
	return req.Clone(req.Raw().Context()).Next()
}
