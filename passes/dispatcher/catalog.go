package dispatcher

// The check's knowledge, which standard-library and grpc-go APIs it
// reports, what replaces them, which rewrite is equivalent and where each
// entry comes from, is in internal/knowledge/deprecated.go
// (StdlibDeprecations, GRPCDeprecations). The logic that reads these
// tables lives in stdlib.go and grpc.go.

// minConnectTimeout is grpc-go's default minimum connect timeout
// (clientconn.go: minConnectTimeout = 20 * time.Second), which
// WithBackoffConfig leaves in place and WithConnectParams replaces: the
// WithConnectParams fix spells it out to stay equivalent.
const minConnectTimeout = "20 * %sSecond"
