// Package xgraph is the x-graph-* vocabulary: the Graph facts that
// OpenAPI has no place for, as they travel in graphdocgen's OpenAPI
// document from spec (the only writer) to templates, lint, apidiff and
// report. Each part of the document that carries some has a Go type, a
// Read function (from the values spec stores or from what a JSON loader
// decoded) and a Write function; no other package spells an extension
// name. The package also states the success-response rule and the header
// of every generated file, and imports nothing of graphdocgen's.
//
// # Operations (Operation)
//
//   - x-graph-source: "api/NAME.md:LINE", the line of the path variant;
//   - x-graph-page: "api/NAME.md";
//   - x-graph-action: the action or function name when the path ends in
//     one (the page title is "type: name" and the last literal segment is
//     that name, or the segment has an argument list, or a POST's last
//     literal segment is the title's verb phrase: "Send mail" for
//     /me/sendMail, "Copy a DriveItem" for .../copy), such as
//     "permanentDelete", "delta" or "sendMail"; absent for reads, creates,
//     updates, deletes;
//   - x-graph-permissions: {"delegatedWork": [...], "delegatedPersonal":
//     [...], "application": [...]}: per account type the alternatives,
//     least privileged first, as written, each a list of the scopes it
//     needs together ([["Mail.Read", "Mail.Send"], ["Mail.ReadWrite"]]
//     for "Mail.Read and Mail.Send, Mail.ReadWrite"); empty lists for
//     "Not supported."; absent when the page has no permissions section.
//     A reader also takes a bare string for an alternative of one scope
//     (documents of older graphdocgen versions). The same alternatives are
//     the operation's security requirements (Permissions.Security);
//   - x-graph-query: the fixed query part of the path line, when there
//     is one ("startDateTime={start}&endDateTime={end}");
//   - x-graph-query-variants: the other request lines of the same (path,
//     method) with a fixed query of their own, [{"description", "page",
//     "permissions", "query", "source", "summary"}], in page and line
//     order: each is an operation of the client of its own (OpenAPI has
//     one operation per path and method), with the title, description and
//     permissions of its own page, which need not be the operation's;
//   - x-graph-also-documented: the "api/NAME.md:LINE" sources of other
//     pages that document the same (path, method), in page order;
//   - x-graph-status-assumed: true when neither the response section nor
//     a response example gives a success status, so the status is assumed
//     from the response kind;
//   - x-graph-examples: the page's examples that belong to this operation
//     (the example request's URL matches this path variant by the path
//     model, graphpath.Match: the variant that matches with the most
//     literal text wins, ties to the first; examples whose URL matches
//     no variant go to the first variant of their method), each {"name", "source": "api/NAME.md:LINE", "request":
//     {"method", "url", "path", "headers": {...}}, "response": {"status",
//     "headers": {...}}} where "path" is the URL's path without the
//     https://graph.microsoft.com/v1.0 prefix and query, and "url" keeps
//     the query. "truncated": true marks an example the docs abridge;
//     "requestBodyFormat"/"responseBodyFormat": "text" a body that is not
//     JSON and travels as its text. The bodies are not repeated here: the
//     request body is the named entry of requestBody.content[*].examples
//     and the response body the named entry of
//     responses[status].content[*].examples. An example merged in from
//     another page keeps that page's source.
//
// # Parameters (Parameter) and request bodies (RequestBody)
//
//   - x-graph-doc-name: on every path parameter and fixed-query
//     parameter, the placeholder as the docs wrote it ("id |
//     userPrincipalName", "start_datetime"; a fixed-query value with
//     several placeholders lists them, "id_value, property_value");
//   - x-graph-values: on a header parameter, the values the docs list for
//     it ("outlook.timezone", "outlook.body-content-type");
//   - x-graph-implied-by: on a header parameter, the OData query options
//     whose use requires the header with its (first) value, as the
//     header's description says ("eventual. This header and $count are
//     required when using $search": ["$count", "$search"]);
//   - x-graph-inferred: on a request body the page does not describe but
//     whose example sends JSON (the body is then a JSON object).
//
// # Schemas (Schema)
//
//   - x-graph-source: "resources/NAME.md:LINE" on every schema that comes
//     from a page (a generated one names the API page);
//   - x-graph-stub: true on a type that is referenced but whose page is
//     not among the inputs ({"type": "object", "x-graph-stub": true});
//   - x-graph-generated: true on the schemas graphdocgen makes (request
//     bodies, value and collection responses, the error);
//   - x-graph-open-type: true on an open type;
//   - x-graph-enum-values: each enumeration member's value when the docs
//     give one (a number, else the text);
//   - x-graph-flags: true on a flag enumeration;
//   - x-graph-also-documented: the sources of the other definitions
//     merged into a type, sorted;
//   - x-ms-navigationProperty: true on a relationship property (the
//     property's $ref carries it when the property is a bare reference).
//
// # Fragments (Fragment)
//
// A page's fragment names its page in the root extension x-graph-page, its
// file in x-graph-file and its title in x-graph-title; spec reads them
// when merging, and the merged document carries none of them.
//
// # The success response
//
// An operation's success response is its documented response with the
// lowest 2xx or 3xx status (SuccessResponse): the one the generated
// method returns and its test expects, the one report checks, and the one
// a response example goes to when its own status is not documented.
//
// # Generated files
//
// Every file graphdocgen generates starts with Header, "// Code generated
// by graphdocgen. DO NOT EDIT.", and carries no version or timestamp.
package xgraph
