// Package transportclose defines an Analyzer; see its section below.
//
// # Analyzer transportclose
//
// transportclose: (being written; see docs/transportclose.md)
package transportclose
