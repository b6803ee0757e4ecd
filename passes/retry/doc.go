// Package retry defines an Analyzer; see its section below.
//
// # Analyzer retry
//
// retry: (being written; see docs/retry.md)
package retry
