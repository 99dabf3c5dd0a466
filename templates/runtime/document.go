// Package runtime is the fixed part of every client graphdocgen generates:
// the Client, its options and errors, Optional, Date, TimeOfDay and
// Duration, paging and the request machinery every operation uses. It is
// ordinary Go, compiled, vetted and tested here; the generator embeds its
// files and copies them into each generated package with the package
// clause rewritten (templates/runtimecopy.go).
//
// Which files are copied:
//   - every non-test .go file except this one, document.go, which stands
//     in for what the generator writes per document (the generated doc.go
//     declares defaultBaseURL from the document's server);
//   - the test files whose names start with "ops_": helpers the generated
//     operation tests share.
//
// The other _test.go files are the runtime's own tests, run by go test
// ./... here and not copied.
package runtime

// defaultBaseURL is the base URL of the API, the server of the document
// the package was generated from.
const defaultBaseURL = "https://graph.microsoft.com/v1.0"
