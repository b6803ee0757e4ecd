// Package retrystorm defines an Analyzer; see its section below.
//
// # Analyzer retrystorm
//
// retrystorm: report retries of network calls with no delay, and retry waits that ignore the context
//
// Inside the retry regions of the retry analyzer, retrystorm reports:
//
//   - A hand-written retry loop whose retried operation is a network call
//     (an HTTP send, a gRPC call, a dial, or a function that makes one) and
//     from which a path that has not succeeded goes back to the loop head
//     without waiting. A wait is time.Sleep, a receive from a time.Time
//     channel (time.After, a Timer, a Ticker, a backoff Ticker), a select
//     without default with such a case or a ctx.Done() case,
//     (*rate.Limiter).Wait, or a call to a function that may wait (on some
//     path). Bounded or not, an immediate retry of a network call turns a
//     failing dependency into a retry storm. A way round that can only
//     follow an answer of the server is a conflict retry and is not
//     reported: the attempt, a gRPC unary call or a function that returns
//     a nil error only after one did, returned a nil error, or an error
//     that the package makes only after such a call returned nil (etcd's
//     ErrKeyExists).
//   - Retry-library settings that amount to the same: backoff's ZeroBackOff
//     with no bound, retry-go's Attempts(0) with Delay(0) and FixedDelay,
//     failsafe-go retry policies with no delay.
//   - A wait that no context can interrupt (time.Sleep, a bare
//     <-time.After(d), a function that always does one of those) in a retry
//     region while a context.Context is in scope, or the request being
//     retried carries one. A suggested fix replaces the wait in a loop with
//     a select on ctx.Done() and time.After that returns ctx.Err(), when the
//     enclosing function's last result is an error; in a retry-library
//     callback it points to the library's context-aware wait instead.
//
// # Where things are
//
// The rule: retrystorm.go (the Analyzer, and per-function summaries of
// what may wait or reach the network), loop.go (retry loops with no
// delay), conflict.go (what tells a conflict from an overload: calls
// whose nil error is a server's answer, sentinels made only after one),
// library.go (retry-library settings with no delay), sleep.go (waits that
// ignore the context, and the select fix), calls.go (what is a network
// call or a wait), leak.go and zero.go (what the fix's early
// return may leave behind, and the zero values it returns). The retry
// regions come from passes/retry. The tables are in internal/knowledge:
// Sends (http.go), Dials, GRPCCalls, GRPCUnary and WaitMethods (net.go),
// ContextWaits, FailsafeDelays and the retry libraries' paths (retry.go),
// TimeoutErrors (http.go). Tests: retrystorm_test.go and shapes_test.go,
// on the packages of testdata/src/retrystorm. Docs: docs/retrystorm.md.
package retrystorm
