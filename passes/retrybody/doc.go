// Package retrybody defines an Analyzer; see its section below.
//
// # Analyzer retrybody
//
// retrybody: (being written; see docs/retrybody.md)
package retrybody
