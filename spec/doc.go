// Package spec turns parsed docs pages into one OpenAPI 3 document.
//
// Each page becomes a fragment (Fragment); fragments merge in page-path
// order into one document (Merge); the merged document is validated with
// kin-openapi (Validate). Build does all three. The document is the
// contract between graphdocgen's stages: the client generator reads
// nothing else, so every Graph fact it needs travels here, as standard
// OpenAPI where OpenAPI has a place for it and as an x-graph-* extension
// where it has not. Package xgraph is that vocabulary: its package doc
// lists every extension, and spec writes them only through it.
//
// # The shape of the document
//
// The document is OpenAPI 3.0.3. info.title is "Microsoft Graph",
// info.version the docs version ("v1.0" or "beta"), servers[0] the Graph
// endpoint of that version. The security scheme "bearer" (HTTP bearer,
// JWT) is the document-wide requirement. An operation whose page has a
// permissions table has security requirements of its own instead: one
// requirement object per alternative of xgraph.Permissions, naming the
// OAuth 2.0 scheme of the account type ("delegatedWork": authorization
// code flow of work or school accounts, "delegatedPersonal": of personal
// Microsoft accounts, "application": client credentials) with every scope
// of the alternative, so "Mail.Read and Mail.Send" is one object with both
// scopes. The merged document's schemes declare the scopes its operations
// name; an account type without alternatives ("Not supported.") adds no
// requirement, and an operation with none at all keeps "bearer".
//
// Paths. Every documented path variant is one OpenAPI path. Literal
// segments stay as written ("/me/calendarView", "/$value", "/$ref",
// "/microsoft.graph.delta()"). A whole-segment placeholder whose docs name
// is a generic ID ("{id}", "{id | userPrincipalName}", "{usersId}" after
// "users", "{event-id}" after "events") is named from the segment before
// it, singular, plus "Id": "/users/{id | userPrincipalName}/events/{id}"
// becomes "/users/{userId}/events/{eventId}". Other placeholders keep
// their docs name in lower camel case ("{hostname}", and "{eventId}" in
// "/calendarView/{eventId}", which says more than "calendarViewId"). Placeholders in function and
// key segments keep their docs names ("/delta(token='{token}')",
// "/root:/{itemPath}:"); a placeholder written in angle brackets
// ("range(<address>)") is one too, and blanks outside quotes in an
// argument list are dropped ("f(a={a}, b={b})" gives "f(a={a},b={b})").
// A name used twice in one path gets a numeric
// suffix ("{eventId}", "{eventId2}"). Every parameter carries the
// placeholder as the docs wrote it (xgraph.Parameter.DocName).
//
// A fixed query part of a path line ("?$filter=..." or
// "?startDateTime={start}&endDateTime={end}") is kept apart from the path
// in the operation's fixed query (xgraph), with its placeholders as required query
// parameters named by their keys (startDateTime, endDateTime); a value
// with several placeholders is one parameter whose doc name lists them
// ("id_value, property_value"), and the client takes one argument for
// each. A path line of a (path, method) that another line already
// documents, with a fixed query of its own, is a query variant of that
// operation (xgraph.QueryVariant: its page, line, fixed query, and its
// page's title, description and permissions, which on another page than
// the operation's are not the operation's),
// not a second operation OpenAPI has no room for: "GET
// /me/messages?$filter=singleValueExtendedProperties/Any(...)" on
// singlevaluelegacyextendedproperty-get.md is a variant of "GET
// /me/messages", and the client has a method for each variant. The same
// fixed query twice is a duplicate (duplicate-path on one page); a plain
// line after fixed-query lines of its path and method is none: it is the
// operation, and they are its variants, whichever line comes first.
//
// Operations. operationId is lower(method) + "." + the path's segments
// joined with "." (literal names, function names followed by their
// arguments' placeholder names, or the argument name when its value is
// fixed, and parameter names):
// "post.users.userId.events.eventId.permanentDelete",
// "get.me.drive.items.itemId.workbook.worksheets.worksheetId.range.address".
// Merge keeps it unique (a numeric suffix and a warning in the rare case
// two paths still give one ID). summary is the page title,
// description the page description. The Graph facts OpenAPI has no place
// for (the page and line, the action name, permissions, the fixed query,
// other pages documenting the same operation, an assumed status, the
// examples) are operation extensions; package xgraph documents that
// vocabulary and is the only code that reads and writes it. The success
// status is the lowest 2xx/3xx of the response section, else of the
// response examples, else assumed from the response kind (and marked so).
// The action name (x-graph-action) comes from the path line and the
// title: a function's argument list, a "type: name" title, a POST whose
// last segment the title names as its verb, a GET titled by its last
// segment; else, for a POST, from what all the pages address: a last
// segment no request line continues past, no resource page declares as a
// property, after a path some request line names (so a fragment of one
// page, knowing no other, finds fewer actions than Build).
// Examples go to the variant their request URL matches by the path model
// (graphpath.Match: the variant that matches with the most literal text
// wins, ties to the first; an example on /me matches a /users/{id}
// variant, its alias, scoring less than a /me variant would); one that
// matches no variant goes to the first variant of its method.
//
// Parameters. Path parameters are required strings. Query parameters: the
// OData ones the page supports, as references to components/parameters
// (select, expand, filter, orderby, top, skip, count, search), named as on
// the wire ("$select"), and when the page names none ("supports the OData
// query parameters") the standard set of the operation's kind: all eight
// for a GET of a collection, $select and $expand for one entity, none for
// a stream; the rows of a query parameter table, typed; the
// fixed query's placeholders. Request headers other than Authorization and
// Content-Type become header parameters ("Prefer", "ConsistencyLevel",
// "If-Match"); several rows for one header ("Prefer: outlook.timezone",
// "Prefer: outlook.body-content-type") are one parameter listing the
// values (xgraph.Parameter.Values). A ConsistencyLevel requirement the
// page states only in a sentence is a header parameter too (parser reads
// it, see parser.Header.Prose); one the headers table or sentence ties to
// $search or $count is implied by them (xgraph.Parameter.ImpliedBy).
// A name is one parameter of an operation, in one location, names compared
// by their letters and digits without regard to case (other OpenAPI tools
// make one identifier of "If-None-Match" and "if-none-match"): a path
// placeholder before a header, a header before a query row; a query row
// whose name is a phrase ("$filter with any operator") is none. Each row
// dropped is a warning (duplicate-parameter, bad-parameter). Markdown
// escapes are never part of a name ("[\$filter](...)" is "$filter").
//
// Request body. None: no requestBody. A resource: application/json with a
// $ref to its schema. A parameter table: application/json with a $ref to
// components/schemas/NAMERequestBody, where NAME is the page's file name in
// lower camel case ("eventForwardRequestBody" for api/event-forward.md):
// an object with the table's properties, "required" listing the rows the
// docs call required. On a page that creates or updates (PATCH, PUT, or a
// POST that is no action), a row that names a property of the resource
// the page returns (else of the type its file name starts with:
// event-update.md sets an event) and gives it a weaker type than the
// resource page takes the resource's type: the item type written without
// "collection" where the resource has a collection (event-update.md's
// attendees), String where the resource has an enumeration (importance),
// no type at all. A stream: application/octet-stream, string/binary.
//
// Responses. Keyed by the documented status code; the success response is
// the lowest 2xx/3xx (xgraph.SuccessResponse). 204 and "doesn't return
// anything" have no content. An
// object is application/json with a $ref to
// components/schemas/microsoft.graph.NAME (the type's full name, see
// Schema names). A collection is a $ref to
// components/schemas/microsoft.graph.NAMECollectionResponse, an object
// {"value": array of the type, "@odata.nextLink": string}. A primitive, or
// an enumeration (Graph sends {"value": "member"}), is a $ref to
// components/schemas/NAMEResponse (page file name as above), an object
// with a "value" property of that type. A stream is
// application/octet-stream; a path ending in /$value is the stream, and
// on a page whose Response section documents both a stream and a JSON
// object (profilephoto-get.md) the other paths are the object: GET
// /me/photo is the profilePhoto metadata, GET /me/photo/$value the bytes.
// The type is read structurally: the status paragraph's type link, or,
// when it has none, the link of a later paragraph of the section saying
// the body "includes", "contains" or "returns" [X] (attachment-get.md:
// "the response body includes an [attachment] object"); "a collection
// of [X]" and "[X] collection" are collections, "a String collection" an
// array of strings, and the annotation of a response example,
// "@odata.type": "Collection(microsoft.graph.X)" or "isCollection": true,
// makes a collection where the Response section names X alone (or no type
// the pages define). Each path variant reads the annotation of its own
// example response (a variant without one, the page's first): an
// annotation naming X without "Collection(...)" makes one X only when its
// body is one object (list pages often annotate the item type), and a
// Response section naming another type the pages define (a base type,
// where the example shows a derived one) keeps it; a section that names
// no type does not (the page's type is then only its first example's
// annotation, parser.Response.Annotated), and a stream variant ($value)
// stays a stream. A redirect (302) or an accepted long-running
// operation (202 with Location) has a Location header. Every operation
// also has a "default" response referring to
// components/responses/error (schema microsoft.graph.ODataError: {"error":
// {"code", "message", "innerError": {"request-id", "date",
// "client-request-id"}}}).
//
// Schema names. A type is keyed by its full name:
// components/schemas/microsoft.graph.NAME for the types of microsoft.graph
// (NAME as the docs spell it, "event", "dateTimeTimeZone"), and
// microsoft.graph.NS.NAME for the types of a namespace below it
// ("microsoft.graph.callRecords.session", "microsoft.graph.termStore.group").
// A type is named by what the service calls it: the @odata.type of the
// page's JSON representation annotation when given (range.md, titled
// "Range resource type", defines microsoft.graph.workbookRange; a bare
// "Range" in a type cell, with no link, is then workbookRange too, unless
// a page defines Range itself), else the page's first H1 ("#
// teamVisibilityType enum type"; two enum pages titled "Members" are two
// enumerations), else its front matter title. A difference of case alone
// between the heading and the annotation keeps the heading's spelling
// ("orgContact", annotated "microsoft.graph.orgcontact"), except a capital
// only the heading has ("Drive resource type" is drive). A link to a
// section of a page (chat.md#chattype-values) is the type that section
// defines, named by the link text, not the page's own type; a
// "collection" outside the link text makes an array ("[x](x.md)
// collection"), inside a type name it does not ("[siteCollection](...)").
// The base type is the one linked after "Inherits from", not the
// paragraph's first link. A table under "## NAME properties", NAME the
// page's type, holds its properties; an API page whose front matter says
// resourcePageType is read as an API page (with a warning).
// A page's namespace is the one its "Namespace: microsoft.graph.NS" line
// names ("microsoft.graph" and "microsoft.graph." name microsoft.graph); an
// enum page without that line named enums-NS.md holds the enumerations of
// NS when other pages use that namespace (enums-managedtenants.md). The
// type a resource page defines is in the namespace its JSON
// representation's @odata.type names, else in the page's; the
// enumerations a page defines are in the page's namespace. A namespace is
// spelled as most pages spell it ("termStore", though enums-termstore.md
// writes "termstore"). A type name that only the title capitalizes ("Group
// resource type", @odata.type microsoft.graph.termStore.group) takes the
// @odata.type's spelling. A type reference resolves as follows: a link to
// a resource page among the inputs is that page's type; a name written
// with a namespace ("microsoft.graph.callRecords.modality",
// "microsoft.graph.identitySet") is that type; a bare name ("mediaStream")
// is looked up in the namespace of the linked page when the link has an
// anchor (enums-callrecords.md#modality-values), then in the referring
// page's namespace, then in microsoft.graph, and is a microsoft.graph type
// (a stub) when none defines it. So on a callRecords page "mediaStream"
// is microsoft.graph.callRecords.mediaStream, and on any other page
// microsoft.graph.mediaStream; a response collection of a namespace type
// is microsoft.graph.NS.NAMECollectionResponse.
//
// Schemas. Resource pages give components/schemas/microsoft.graph.NAME
// (or microsoft.graph.NS.NAME, above): an object with
// the properties table's rows and the relationships table's rows (the
// latter marked x-ms-navigationProperty: true), each property
// nullable unless the docs say otherwise ("Not nullable."; OpenAPI 3.0
// allows no nullable beside a $ref, so a nullable property of a complex or
// enumeration type is {"allOf": [{"$ref": ...}], "nullable": true} with
// its description, and a property that is not nullable the bare $ref;
// Graph sends null for such properties and the docs' examples show it),
// readOnly when "Read-only."; a base type ("Inherits from")
// as allOf [{$ref base}, {the own properties}]. A property a base type
// declares and the page lists again ("Inherited from entity.") is not
// restated when its row says no more than the base's declaration, the
// description aside (a String row for the base's enumeration included):
// the base's declaration is the one fact; a row that says otherwise (not
// read-only, not nullable) is kept and overrides it. Graph types map as:
// String: string; Boolean: boolean; Int32/Int16/Byte/SByte: integer
// int32; Int64: integer int64; Double: number double; Single: number
// float; Decimal: number decimal; DateTimeOffset: string date-time; Date:
// string date; TimeOfDay: string time; Duration: string duration; Guid:
// string uuid; Binary: string base64; Stream: string binary; "X
// collection": array of X. The Json type (a page with no properties) is
// any JSON value: a schema with no type. Enumerations become string schemas with an
// enum list, components/schemas/microsoft.graph.ENUMNAME (or
// microsoft.graph.NS.ENUMNAME), with each member's value when the docs
// give one and a mark for flag enums. A type that is referenced but whose
// page is not among the inputs gets a stub: an object marked as one, and
// Build warns at each page's first use of it (unresolved-type, "type
// microsoft.graph.X is not defined by any page given"); the Go client
// holds such a value as raw JSON. Every schema that comes from a page
// carries its source "resources/NAME.md:LINE" (see package xgraph for
// these marks).
//
// Examples. Request and response bodies that decode as JSON travel as
// OpenAPI examples on their media type, keyed by the example name
// (characters other than letters, digits, '.', '-' and '_' become '_'; a
// name used twice on one operation gets "_2"; an unnamed example is
// "exampleN", N its place on the page); bodies that are truncated
// ("truncated": true in the annotation) travel as well, marked truncated
// in the operation's examples, and a body that is not JSON travels as its
// text, marked so (xgraph.Example). A response body goes to the response of its status, else to the
// success response. An operation whose page describes no request body but
// whose example sends JSON gets an application/json {"type": "object"}
// body marked inferred (xgraph.RequestBody, and a warning). Type cells in the OData
// syntax ("Collection(microsoft.graph.permission)") are read as
// collections; a parenthetical after a primitive ("string (timestamp)") is
// dropped.
//
// Validation. Validate resolves every $ref as kin-openapi's loader would
// and validates the document with kin-openapi's default options, all
// problems reported, examples included: an OpenAPI example must validate
// against its media type's schema (a request body as a request, so without
// read-only properties; a response as a response). The docs' examples are
// often inexact (a member in another case, a date-time that is not RFC
// 3339, a read-only id in a create request, a null where the type is not
// nullable, a collection {"value": [...]} where one object is documented),
// so Build (and Fragment) keep in the OpenAPI examples only the bodies
// that fit. Besides validating, an object response example fits an
// object type with properties (not an open type) only when at least one
// of its keys is a property of the type: JSON Schema lets any object
// through, but a client decoding such an example keeps nothing typed
// (request bodies are exempt: {"@odata.id": ...} adds a reference as
// written). A body that does
// not fit leaves the OpenAPI examples (so no generated test uses it),
// travels in its
// x-graph-examples entry as "request"."body" or "response"."body", and is a
// warning (rule example-schema-mismatch, also a lint finding) at the
// example's block, naming the schema and the first problem.
//
// # Merging
//
// Fragments merge in the order of their pages' paths (a fragment names its
// page and file in root extensions, xgraph.Fragment; the merged document
// carries neither). Paths that differ only in the case
// of literal segments or in parameter names ("/ME/events/{event-id}" and
// "/me/events/{id}") are one path: the first spelling wins and the later
// operation's path parameters are renamed to it. Type names are matched
// without regard to case; every schema key and $ref is rewritten to one
// spelling: that of the page with the type's primary definition (below),
// else the first met in page order (a NAMECollectionResponse follows
// NAME). A (path, method) documented by several pages is kept from the
// page that documents that resource's own operation, and each other page
// is a warning (duplicate-operation) naming both pages and the one kept.
// The rule, in order: a plain request line beats a fixed-query variant
// ("GET /me/messages?$filter=..." on an extended-property page never
// replaces user-list-messages.md's "GET /me/messages": it becomes a query
// variant of the kept operation, with no warning, and the variants of
// the operation that is not kept carry over; each fixed query once); then a page whose
// resource, its file name up to the first '-', is a resource the path
// addresses (a literal segment, singular or not, "user" for "me", or two
// adjacent segments run together: "driveitem" for "drives/{id}/items")
// beats one whose resource is not (user-get.md beats chat-get-members.md
// and intune-devices-user-get.md for GET /users/{id}); then fewer
// file-name words that are neither a verb (get, list, create, ...) nor a
// segment of the path (user-list.md beats user-list-manager.md for GET
// /users, driveitem-list-children.md beats driveitem-list-thumbnails.md);
// then path order. The other pages' sources stay, sorted, in the kept
// operation's AlsoDocumented (xgraph.Operation), and their examples are
// attached to the kept operation (example entries with their own
// source, and their bodies), a name already used getting the first free
// "_N" suffix. Schemas with the same name merge: a page's schema
// replaces a stub; two page schemas (the docs split deviceManagement over
// many pages, and intune-devices-user.md defines user again) merge into
// the primary definition: the one from the page whose file stem is the
// type name without regard to case (resources/user.md for user,
// resources/callrecords-session.md for callRecords.session), else from
// the page titled "NAME resource type", else from the first page in path
// order. It keeps its description, base type, properties and
// source; each other definition adds the properties it lacks (in
// page order), its base type when it has none, and for an enumeration
// the members it lacks; the other sources are listed, sorted, in the
// schema's AlsoDocumented (xgraph.Schema), and a warning at each says what it
// added. The result
// is deterministic: the same pages give the same bytes, whatever the order
// they were parsed in.
package spec
