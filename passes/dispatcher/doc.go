// Package dispatcher defines an Analyzer; see its section below.
//
// # Analyzer dispatcher
//
// dispatcher: report deprecated transport APIs and rewrite them where the rewrite is provably equivalent
//
// The dispatcher check reports each use of a deprecated transport API, names
// what replaces it, and attaches a suggested fix only where the rewrite is
// provably equivalent. Its knowledge comes from three places:
//
//  1. Library renames. A deprecated object (its doc comment has a
//     "Deprecated:" paragraph) whose name contains "Dispatch", or that lives
//     in a package matched by -dispatcher.packages, and whose note names a
//     replacement ("Use Transport instead") that resolves in the same package
//     to an object of identical type: a type alias and its target, functions
//     or methods with identical signatures, fields of identical type,
//     constants of the same type and value. The fix renames the reference:
//     qualified identifiers, selectors, composite-literal keys and type
//     expressions. Objects marked //go:fix inline are left to the inline
//     analyzer.
//  2. The standard library: a table of net/http and net/http/httputil
//     deprecations (Transport.Dial, Transport.DialTLS,
//     Transport.CancelRequest, Request.Cancel, CloseNotifier,
//     httputil.ClientConn and friends, ReverseProxy.Director), reported only
//     where the file's Go version has the replacement. The fields
//     Request.Cancel, Transport.Dial and Transport.DialTLS are reported
//     only where they are set (assigned, a composite-literal key, or their
//     address taken): reading them honours callers that still set them.
//     CloseNotifier is not reported where it keeps compatibility: in the
//     body of a CloseNotify method, embedded in a struct or interface type,
//     in a comma-ok assertion or type-switch case that discards the value,
//     or in an assertion whose CloseNotify result is dropped.
//  3. grpc-go: Dial and DialContext (fixed to NewClient with a
//     passthrough:/// target when no blocking option is visible), WithInsecure
//     (fixed to WithTransportCredentials(insecure.NewCredentials())),
//     WithDialer (fixed to WithContextDialer), WithBackoffMaxDelay and
//     WithBackoffConfig (fixed to WithConnectParams), the blocking options
//     WithBlock, WithTimeout, WithReturnConnectionError and
//     FailOnNonTempDialError (reported only), and every other deprecated
//     identifier of package grpc with its own note (its subpackages'
//     deprecations are left to SA1019).
//
// Uses inside the package that declares the deprecated object, deprecations
// outside this scope (staticcheck's SA1019 reports those) and generated files
// are never reported.
//
// The -dispatcher.packages flag takes a comma-separated list of import paths;
// a path ending in "/..." matches that package and every package below it.
//
// # Where things are
//
// The rule: dispatcher.go (the Analyzer, its flag, and which objects are
// in scope), rename.go (library renames), stdlib.go and compat.go (the
// standard library's deprecations, and the uses that keep compatibility),
// grpc.go (grpc-go's, and their rewrites), edit.go (the text and imports
// of a fix). The tables are in internal/knowledge/deprecated.go:
// StdlibDeprecations and GRPCDeprecations, with staticcheck's
// knowledge.StdlibDeprecations for the versions. Tests: dispatcher_test.go
// and idempotent_test.go, on the packages of testdata/src/dispatcher, and
// internal/knowledge/deprecated_test.go for the tables. Docs:
// docs/dispatcher.md.
package dispatcher
