// Package reqbuild defines an Analyzer; see its section below.
//
// # Analyzer reqbuild
//
// reqbuild: find the functions that build HTTP requests (reports nothing)
//
// API clients build their requests in a helper of their own,
// c.newRequest(ctx, method, path, body), that calls http.NewRequest (or
// another constructor of the table knowledge.Constructors) and sets
// some headers. The reqbuild analyzer finds such helpers, in the package
// and, through facts, in the packages it imports, so that retryidempotency
// knows the method of c.newRequest(ctx, "POST", ...) and retrybody knows
// that its body argument becomes the request's body.
//
// A function is a request builder when it returns one *http.Request (or an
// Azure SDK *policy.Request), and every return of it is nil or a local
// variable assigned once, from a constructor of the table, whose method
// argument is a parameter of the function or a constant (the builders
// Azure's code generator writes, one per operation, pass
// http.MethodPost); that variable is only returned, has its fields set,
// its methods called, its body set by azcore's MarshalAsJSON and the
// other knowledge.BodySetters, or headers of constant names set
// (req.Header.Set("Accept", ...), req.Header["Accept"] = ..., and the same
// on req.Raw() of an azcore request, which is the request it sends). A
// body argument that is a parameter is forwarded; a key header
// (Idempotency-Key, Repeatability-Request-ID) set on the request marks
// the builder as keyed. Anything else the function does with the request
// (hands it, or its Raw(), to another function, copies headers from a map)
// makes it no builder: when unsure, the request is unknown, as before.
//
// # Where things are
//
// The rule: reqbuild.go. The tables are in internal/knowledge (http.go):
// Constructors, BodySetters, and the idempotency key headers that mark a
// builder as keyed. Tests: reqbuild_test.go, on the packages of
// testdata/src/reqbuild. It has no docs page of its own, since it reports
// nothing: docs/retryidempotency.md and docs/retrybody.md say what the
// checks make of a builder.
package reqbuild
