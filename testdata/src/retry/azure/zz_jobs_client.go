package azure

import (
	"context"
	"net/http"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// JobsClient contains the methods for the Jobs group: the older
// generator's shape, with a pipeline of its own.
// Don't use this type directly, use NewJobsClient() instead.
type JobsClient struct {
	endpoint string
	pl       runtime.Pipeline
}

// NewJobsClient creates a new instance of JobsClient with the specified values.
func NewJobsClient(endpoint string, options *policy.ClientOptions) *JobsClient {
	client := &JobsClient{
		endpoint: endpoint,
		pl:       runtime.NewPipeline(moduleName, moduleVersion, runtime.PipelineOptions{}, options),
	}
	return client
}

// Start - Starts a job.
func (client *JobsClient) Start(ctx context.Context, jobID string, options *JobsClientStartOptions) (JobsClientStartResponse, error) {
	req, err := client.startCreateRequest(ctx, jobID, options)
	if err != nil {
		return JobsClientStartResponse{}, err
	}
	resp, err := client.pl.Do(req) // want `client region by Do`
	if err != nil {
		return JobsClientStartResponse{}, err
	}
	if !runtime.HasStatusCode(resp, http.StatusAccepted) {
		return JobsClientStartResponse{}, runtime.NewResponseError(resp)
	}
	return client.startHandleResponse(resp)
}

// startCreateRequest creates the Start request.
func (client *JobsClient) startCreateRequest(ctx context.Context, jobID string, options *JobsClientStartOptions) (*policy.Request, error) {
	req, err := runtime.NewRequest(ctx, http.MethodPost, runtime.JoinPaths(client.endpoint, "/jobs", jobID, ":start"))
	if err != nil {
		return nil, err
	}
	req.Raw().Header["Accept"] = []string{"application/json"}
	return req, nil
}

// startHandleResponse handles the Start response.
func (client *JobsClient) startHandleResponse(resp *http.Response) (JobsClientStartResponse, error) {
	result := JobsClientStartResponse{}
	if err := runtime.UnmarshalAsJSON(resp, &result.Job); err != nil {
		return JobsClientStartResponse{}, err
	}
	return result, nil
}
