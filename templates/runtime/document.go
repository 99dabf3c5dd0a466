// Package runtime is the fixed part of every client graphdocgen generates:
// the Client, its options and errors, Optional, Date, TimeOfDay and
// Duration, paging, downloads and upload sessions (transfer.go) and the
// request machinery every operation uses. It is ordinary Go, compiled,
// vetted and tested here; the generator embeds its files and copies them
// into each generated package with the package clause rewritten
// (templates/runtimecopy.go).
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
//
// # Paging and delta (paging.go)
//
// Every generated collection response R has typed ODataNextLink,
// ODataDeltaLink and ODataCount fields and the methods Items, NextLink and
// DeltaLink (the CollectionResponse constraint). From a function that
// fetches the first page:
//
//   - All(ctx, c, first) ranges over the items of every page and
//     Pages(ctx, c, first) over the pages, as iter.Seq2 values, following
//     each @odata.nextLink with NextPage;
//   - NewPager(c, first) does both (p.All(ctx), p.Pages(ctx)) and, after a
//     range that went through every page without a break or an error,
//     p.DeltaLink() returns the final page's @odata.deltaLink;
//   - DeltaPage(ctx, c, deltaLink) fetches the first page of the next
//     delta round from a saved deltaLink; it is the first function of the
//     next round's Pager (see the Pager example).
//
// NextPage and DeltaPage follow a link only when it is on the base URL's
// origin (scheme, host and port) and has no userinfo: any other is an
// error naming the link, and no request is sent, since it would carry the
// token.
package runtime

// defaultBaseURL is the base URL of the API, the server of the document
// the package was generated from.
const defaultBaseURL = "https://graph.microsoft.com/v1.0"
