// Package azure is a client written the way the Azure SDK's Go code
// generator writes one: a client per operation group holding an
// *azcore.Client (zz_widgets_client.go) or a runtime.Pipeline of its own
// (zz_jobs_client.go), a createRequest builder per operation returning a
// *policy.Request, and operations that send it with Pipeline().Do. The
// pipeline retries by itself (its retry policy is on by default), so every
// send is a Client region, unless the options the pipeline is made with
// turn retries off (pipeline.go).
package azure

import "time"

const (
	moduleName    = "github.com/contoso/sdk/widgets/armwidgets"
	moduleVersion = "v0.3.0"
)

// Widget - A widget resource.
type Widget struct {
	Name  *string
	Color *string
}

// Job - A background job.
type Job struct {
	ID       *string
	Started  *time.Time
	Finished *time.Time
}

// WidgetsClientCreateOptions contains the optional parameters for the WidgetsClient.Create method.
type WidgetsClientCreateOptions struct {
	// placeholder for future optional parameters
}

// WidgetsClientGetOptions contains the optional parameters for the WidgetsClient.Get method.
type WidgetsClientGetOptions struct {
	// placeholder for future optional parameters
}

// JobsClientStartOptions contains the optional parameters for the JobsClient.Start method.
type JobsClientStartOptions struct {
	// placeholder for future optional parameters
}

// WidgetsClientCreateResponse contains the response from method WidgetsClient.Create.
type WidgetsClientCreateResponse struct {
	Widget
}

// WidgetsClientGetResponse contains the response from method WidgetsClient.Get.
type WidgetsClientGetResponse struct {
	Widget
}

// JobsClientStartResponse contains the response from method JobsClient.Start.
type JobsClientStartResponse struct {
	Job
}
