package runtime

// APIVersionOptions contains options for API versions
type APIVersionOptions struct {
	// Location indicates where to set the version on a request, for example in a header or query param.
	Location APIVersionLocation
	// Name is the name of the header or query parameter, for example "api-version".
	Name string
}

// APIVersionLocation indicates which part of a request identifies the service version
type APIVersionLocation int

const (
	// APIVersionLocationQueryParam indicates a query parameter
	APIVersionLocationQueryParam = 0
	// APIVersionLocationHeader indicates a header
	APIVersionLocationHeader = 1
	// APIVersionLocationPath indicates a path segment
	APIVersionLocationPath = 2
)
