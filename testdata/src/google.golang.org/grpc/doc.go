// Package grpc is a stub of google.golang.org/grpc@v1.85.0 for analysistest.
//
// Every exported declaration mirrors the real signature and keeps the real
// doc comment's "Deprecated:" paragraph verbatim, because analyzers read the
// deprecation notes through honnef.co/go/tools/analysis/facts/deprecated.
// Bodies are trivial. Other analyzers' owners may append declarations; none
// may be removed.
package grpc
