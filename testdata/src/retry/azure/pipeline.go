package azure

import (
	"context"
	"net/http"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// Hand-written next to the generated code: pipelines made here, with the
// options that decide whether they retry.

// probe sends once: MaxRetries < 0 means "one try and no retries"
// (policy.RetryOptions).
func probe(ctx context.Context, endpoint string) error {
	pl := runtime.NewPipeline(moduleName, moduleVersion, runtime.PipelineOptions{}, &policy.ClientOptions{
		Retry: policy.RetryOptions{MaxRetries: -1},
	})
	req, err := runtime.NewRequest(ctx, http.MethodPost, endpoint)
	if err != nil {
		return err
	}
	resp, err := pl.Do(req) // silent: retries off
	if err != nil {
		return err
	}
	return runtime.NewResponseError(resp)
}

// probeWith turns retries off through an options variable.
func probeWith(ctx context.Context, endpoint string) error {
	opts := &policy.ClientOptions{Retry: policy.RetryOptions{MaxRetries: -1, TryTimeout: 0}}
	pl := runtime.NewPipeline(moduleName, moduleVersion, runtime.PipelineOptions{}, opts)
	req, err := runtime.NewRequest(ctx, http.MethodPost, endpoint)
	if err != nil {
		return err
	}
	_, err = pl.Do(req) // silent: retries off
	return err
}

// probeUnless turns retries back on after the literal.
func probeUnless(ctx context.Context, endpoint string, retries int32) error {
	opts := &policy.ClientOptions{Retry: policy.RetryOptions{MaxRetries: -1}}
	if retries > 0 {
		opts.Retry.MaxRetries = retries
	}
	pl := runtime.NewPipeline(moduleName, moduleVersion, runtime.PipelineOptions{}, opts)
	req, err := runtime.NewRequest(ctx, http.MethodPost, endpoint)
	if err != nil {
		return err
	}
	_, err = pl.Do(req) // want `client region by Do`
	return err
}

// Still retrying: no options, the default options, more retries, a count
// the analysis cannot read.
func retrying(ctx context.Context, endpoint string, n int32) {
	req, _ := runtime.NewRequest(ctx, http.MethodPost, endpoint)
	pl := runtime.NewPipeline(moduleName, moduleVersion, runtime.PipelineOptions{}, nil)
	pl.Do(req) // want `client region by Do`
	pl2 := runtime.NewPipeline(moduleName, moduleVersion, runtime.PipelineOptions{}, &policy.ClientOptions{})
	pl2.Do(req) // want `client region by Do`
	pl3 := runtime.NewPipeline(moduleName, moduleVersion, runtime.PipelineOptions{}, &policy.ClientOptions{Retry: policy.RetryOptions{MaxRetries: 5}})
	pl3.Do(req) // want `client region by Do`
	pl4 := runtime.NewPipeline(moduleName, moduleVersion, runtime.PipelineOptions{}, &policy.ClientOptions{Retry: policy.RetryOptions{MaxRetries: n}})
	pl4.Do(req) // want `client region by Do`
}

// A policy's Do is no send: it is a step of the pipeline, called by it.
type stampPolicy struct{}

func (stampPolicy) Do(req *policy.Request) (*http.Response, error) {
	req.Raw().Header.Set("X-Stamp", "1")
	return req.Next()
}
