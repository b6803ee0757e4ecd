// Package examples holds realistic client code with the mistakes transportvet
// finds, one subpackage per check. Run transportvet on this module to see
// each finding; see ../README.md.
package examples
