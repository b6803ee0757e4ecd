// Package retrystorm defines an Analyzer; see its section below.
//
// # Analyzer retrystorm
//
// retrystorm: (being written; see docs/retrystorm.md)
package retrystorm
