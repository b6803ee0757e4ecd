// Package testfilesflag is testfiles run with -transportclose.tests: its
// test file is checked like any other.
package testfilesflag
