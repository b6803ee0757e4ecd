// Package retry defines an Analyzer; see its section below.
//
// # Analyzer retry
//
// retry: find the code that is retried (reports nothing)
//
// The retry analyzer finds the retry regions of a package, the code that
// runs again for the same logical operation, for the retryidempotency,
// retrybody and retrystorm checks. A region is:
//
//   - the function argument of a retry library API (cenkalti/backoff v4 and
//     v5, avast/retry-go, sethvargo/go-retry, client-go's retry.OnError,
//     apimachinery's wait.ExponentialBackoff, failsafe-go executors built
//     with a retry policy), of an API named by -funcs, or of a retry
//     helper: a function that retries its function parameter (a fact
//     carries this across packages);
//   - a send by a client that retries by itself (go-retryablehttp; resty
//     with SetRetryCount(n > 0));
//   - a hand-written retry loop: a for loop (three-clause, condition, bare,
//     or range over an integer) that repeats a fallible call only after it
//     failed (an error, a 3xx-5xx status, a retry predicate), decided on
//     the control-flow graph, with loop variables used only to count.
//     Ranging over data, pagination, polling and worker loops are not
//     retry loops.
//
// The -explain flag reports every region found, and why each loop with a
// fallible call is not one.
//
// client-go's retry.RetryOnConflict is not a region: it retries only 409
// Conflict responses, which the server did not apply.
//
// The -funcs flag adds retry APIs: a comma-separated list of
// pkg/path.Func:index or pkg/path.Type.Method:index, index being the
// 0-based position of the retried function argument, e.g.
//
//	-retry.funcs=example.com/internal/retryutil.Do:1
//
// # Where things are
//
// The rule: retry.go (the Analyzer, Region, Result and HelperFact),
// collect.go (the walk over a package and its index), call.go (Callback
// and Client regions: retry-library calls, retrying clients), loop.go and
// decide.go (Loop regions: the attempt, decided on the control-flow
// graph), jump.go (retries written with goto or recursion), coded.go
// (results that code an error), iterator.go (retry iterators, as facts),
// flags.go (-funcs, -explain). The tables are in internal/knowledge
// (retry.go): RetryAPIs, NotRetries, ExecutorBuilders, FailureCalls,
// AssertsNoError, ErrorMakers and the libraries' paths; the sends of
// retrying clients are knowledge.Sends (http.go). Tests: retry_test.go,
// shapes_test.go and flags_test.go, on the packages of testdata/src/retry,
// and eval/regions.sh against retry loops read by hand. Docs:
// docs/retry.md.
package retry
