// Package retryidempotency defines an Analyzer; see its section below.
//
// # Analyzer retryidempotency
//
// retryidempotency: report non-idempotent HTTP requests that are retried without an Idempotency-Key
//
// A POST that times out may have succeeded on the server; sending it again
// repeats its side effect (a duplicate payment, IP allocation, DNS
// record). The check reports an HTTP request whose method is provably
// POST, PATCH or CONNECT, sent without an idempotency key header (one
// whose name contains "idempotency": Idempotency-Key, X-Idempotency-Key,
// Idempotency-Token; or Repeatability-Request-ID, the OASIS Repeatable
// Requests header Azure services honour), inside a retry region found by
// the retry analyzer: a hand-written retry loop, the callback of a retry
// library (backoff, retry-go, go-retry, client-go's retry.OnError, wait's
// ExponentialBackoff, failsafe-go), or a client that retries by itself
// (go-retryablehttp, the Azure SDK's pipeline, resty with SetRetryCount).
//
// A function that sends such a request, directly or through the functions
// it calls, carries a fact, so that a call to it in a retry region, in
// any package, is reported at the call, naming where the request is sent.
//
// It is silent when the method is not a constant, when a key is set on the
// request (Header.Set or Add in any casing, a map write with the canonical
// name, a resty SetHeader; on req.Raw() for an Azure request), when the
// request is handed to code that might
// set one, when the retry visibly checks the request method, and inside
// client-go's retry.RetryOnConflict, which retries only 409 Conflicts.
//
// The suggested fix, offered when the request is built in the same
// function and the file may use Go 1.24, sets the key the function already
// has (a string variable named as one, such as an idempotencyKey
// parameter), or else generates one key per operation with
// crypto/rand.Text before the retries, and sets it on the request before
// each send. When the key to use is in doubt, or the request is an Azure
// SDK request, no fix is offered.
//
// # Where things are
//
// The rule: retryidempotency.go (the Analyzer and the report), requests.go
// (which requests a function sends, with which method and key), facts.go
// (the same across packages), fix.go (the key a fix adds). The retry
// regions come from passes/retry, request builders from passes/reqbuild.
// The tables are in internal/knowledge (http.go): Sends, Constructors,
// BodySetters, IdempotencyKeys, KeyHeaders, FreshValues, UnsentErrors,
// and the methods that are not idempotent; internal/httpreq reads them for
// a call. Tests: retryidempotency_test.go and shapes_test.go, on the
// packages of testdata/src/retryidempotency. Docs:
// docs/retryidempotency.md.
package retryidempotency
