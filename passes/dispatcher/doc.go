// Package dispatcher defines an Analyzer; see its section below.
//
// # Analyzer dispatcher
//
// dispatcher: (being written; see docs/dispatcher.md)
package dispatcher
