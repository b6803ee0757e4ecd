// Package retryidempotency defines an Analyzer; see its section below.
//
// # Analyzer retryidempotency
//
// retryidempotency: (being written; see docs/retryidempotency.md)
package retryidempotency
