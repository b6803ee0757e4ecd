// Package retrybody defines an Analyzer; see its section below.
//
// # Analyzer retrybody
//
// retrybody: report request bodies consumed by a previous attempt and responses leaked per attempt
//
// Inside the retry regions of the retry analyzer, retrybody reports:
//
//   - A *http.Request built outside the region by http.NewRequest* with a
//     body other than nil or http.NoBody, and sent inside it, when nothing
//     in the region reassigns the request or its Body. Only the transport
//     rewinds a body (through GetBody), so the second attempt sends an
//     empty body: "http: ContentLength=N with Body length 0", or nothing at
//     all for a chunked body. Also a reader made outside the region passed
//     as the body of http.NewRequest*, http.Post or (*http.Client).Post
//     inside it. go-retryablehttp rewinds bodies itself and is not
//     reported. A suggested fix resets req.Body from req.GetBody() at the
//     top of the region when the body is a *bytes.Buffer, *bytes.Reader or
//     *strings.Reader, the types for which net/http sets GetBody.
//   - A response of a send in a retry loop that, on a path to the next
//     iteration on which it is not nil, is neither closed, returned, stored
//     nor handed on: each attempt leaks a connection. A suggested fix
//     closes the body before the continue statement that ends every such
//     path.
//
// # Where things are
//
// The rule: retrybody.go (the Analyzer and its facts), body.go (request
// bodies consumed by one attempt and re-sent by the next, and the GetBody
// fix), leak.go (responses left open on the way to the next attempt, and
// the close fix). The retry regions come from passes/retry, request
// builders from passes/reqbuild. The tables are in internal/knowledge
// (http.go): Sends, Constructors, GetBodyTypes, BufferedSends; the
// methods that neither read nor keep a body (harmlessRequestMethods,
// neutralResponseMethods) are in body.go and leak.go. Tests:
// retrybody_test.go and shapes_test.go, on the packages of
// testdata/src/retrybody. Docs: docs/retrybody.md.
package retrybody
