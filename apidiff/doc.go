// Package apidiff computes the API changelog between two OpenAPI documents
// produced by graphdocgen (their shape is described in package spec): the
// operations, parameters, bodies, responses, permissions, docs pages and
// schemas that were added, removed or changed, each classified as breaking
// or not.
//
// # Matching
//
// Operations match by method and path with the path parameters' names and
// the letter case ignored ("/users/{userId}" and "/Users/{id}" are the same
// path: Graph paths are case-insensitive), so a renamed placeholder is
// reported as "path-renamed" rather than as a removal plus an addition.
// A query variant of an operation (x-graph-query-variants, a method of the
// client of its own) is compared as an operation of its own
// (xgraph.VariantOperation: its own page, permissions and parameters),
// matched by method, path and fixed query (placeholder names and case
// ignored); its changes carry the fixed query in Change.Query.
// Schemas match by their component name. Schemas marked x-graph-stub
// count as undocumented (absent).
//
// # Change kinds and what is breaking
//
// Breaking means a client written against the old document may fail
// against the new one (a request that is rejected, a response it cannot
// read, code generated from the old document that no longer compiles
// against the new one's types).
//
//   - page-added, page-removed: an x-graph-page that documents operations
//     appears or disappears. Never breaking by itself: the operations of a
//     removed page carry their own operation-removed entries.
//   - page-changed: an operation is now documented on another page. Not
//     breaking.
//   - operation-added (not breaking), operation-removed (breaking): a
//     (method, path variant) appears or disappears.
//   - variant-added (not breaking), variant-removed (breaking): a query
//     variant appears or disappears (the client's method for it goes).
//     Its other changes have the kinds below.
//   - path-renamed: same operation, path placeholders renamed or letter
//     case changed (and so the operationId). Not breaking on the wire.
//   - parameter-added: breaking when the new parameter is required.
//   - parameter-removed: breaking (a typed client loses the option).
//   - parameter-required-changed: breaking when optional became required.
//   - parameter-type-changed: breaking.
//   - request-body-changed: a body added (breaking when required), removed
//     (breaking), its media types or type changed (breaking), or, for the
//     page's own NAMERequestBody object, a property added (breaking when
//     required), removed (breaking), made required (breaking) or optional
//     (not breaking), or retyped (breaking).
//   - response-type-changed: the success response's media types or type
//     changed. Breaking.
//   - status-changed: the success status changed (breaking), or another
//     documented status was added or removed (not breaking).
//   - permissions-changed: x-graph-permissions for one account type
//     (delegatedWork, delegatedPersonal, application), whose alternatives
//     are each a set of scopes needed together ("A and B"). The rule: it
//     is breaking when an alternative that the old document accepted for
//     that account type is no longer enough, that is no new alternative
//     needs only scopes of it (so "A" becoming "A and B" is breaking,
//     "A and B" becoming "A" is not), which includes support for the
//     account type being dropped (an application consented to exactly
//     those scopes stops working). Support added, alternatives added, or
//     a new least-privileged alternative while the old ones stay accepted
//     are not breaking.
//   - schema-added (not breaking), schema-removed (breaking): a documented
//     components/schemas entry (resources, complex types, enumerations).
//   - base-type-changed (breaking), property-added (not breaking),
//     property-removed (breaking), property-type-changed (breaking),
//     enum-value-added (not breaking), enum-value-removed (breaking).
//
// Schemas that belong to one operation (NAMERequestBody, NAMEResponse,
// microsoft.graph.NAMECollectionResponse) are compared where they are
// used, inside request-body-changed and response-type-changed, not as
// schemas of their own.
//
// # Output
//
// Report.Changes is sorted: operation changes by path, method, kind and
// detail; then page changes by page; then schema changes by schema, kind
// and detail. The same two documents always give the same report.
package apidiff
