package parser

import (
	"github.com/graphdocgen/graphdocgen/graphpath"
	"github.com/graphdocgen/graphdocgen/xgraph"
)

// This file is the page model: the language-neutral description of one docs
// page that the spec stage turns into OpenAPI. Nothing in it refers to
// goldmark; every element that comes from the page carries its Pos.

// PageKind says which kind of docs page a file is, from its front matter
// doc_type (apiPageType, resourcePageType, enumPageType, ...).
type PageKind string

const (
	// KindAPI is an API reference page (doc_type: apiPageType).
	KindAPI PageKind = "api"
	// KindResource is a resource type page (doc_type: resourcePageType).
	KindResource PageKind = "resource"
	// KindEnum is an enumeration page (doc_type: enumPageType).
	KindEnum PageKind = "enum"
	// KindOther is any other markdown page (overviews, conceptual pages).
	KindOther PageKind = "other"
)

// Page is everything graphdocgen reads from one docs page.
type Page struct {
	// Path is the page's path relative to the docs root, with forward
	// slashes, such as "api/event-get.md". Diagnostics use it as the file.
	Path string
	// File is the path diagnostics and positions name: the file as the
	// user gave it, or the tree's path joined with Path.
	File string
	Kind PageKind

	Title Text // front matter title, else the first H1
	// Heading is the page's first H1 ("# workbookRange resource type"),
	// empty when it has none. A type page is named by its heading (or its
	// JSON representation's @odata.type), not by its front matter title:
	// two enum pages are both titled "Members".
	Heading     Text
	Description Text // front matter description
	Namespace   Text // the "Namespace: microsoft.graph" line, empty when absent
	Summary     Text // the first paragraph of the H1 section after the Namespace line, empty when absent
	DocType     string
	// Annotation is the trailing page annotation
	// (<!-- { "type": "#page.annotation", ... } -->), when present.
	Annotation *PageAnnotation

	// API pages.
	Requests    []RequestSection
	Headers     []Header
	Query       Query
	Body        RequestBody
	Response    Response
	Permissions Permissions
	Examples    []Example

	// Resource and enum pages.
	Resource *Resource
}

// Pos is a position in a source file. Line and Col are 1-based; Col counts
// bytes, as go/token does.
type Pos struct {
	File string
	Line int
	Col  int
}

// Text is a piece of page text with the position it starts at. Markdown
// markup is removed: links keep their text, code spans their content.
type Text struct {
	Value string
	Pos   Pos
}

// PageAnnotation is the page-level annotation comment.
type PageAnnotation struct {
	Description  string
	Suppressions []string
	Pos          Pos
}

// RequestSection is one fenced HTTP block under an "HTTP request" heading
// (a page may have several: drive-get.md documents each drive address in a
// section of its own). Its lines are the path variants of one or more
// operations.
type RequestSection struct {
	Heading string // the nearest heading above the block
	Note    string // the paragraph right above the block, if any
	Lines   []RequestLine
	Pos     Pos
}

// RequestLine is one "METHOD /path" line of an HTTP request block.
type RequestLine struct {
	Method string // upper case: GET, POST, PATCH, PUT, DELETE
	// Raw is the line as written, after the method and with HTML entities
	// decoded, such as "/users/{id | userPrincipalName}/events/{id}".
	Raw string
	// Segments is the path split at '/' outside braces, quotes and parentheses,
	// without the leading empty segment. A trailing "?..." is not part of it.
	Segments []Segment
	// Query is the fixed query part after '?' (without the '?'), such as
	// "$filter=startswith(displayName,'a')" or
	// "startDateTime={start_datetime}&endDateTime={end_datetime}".
	Query string
	// Comment is a trailing comment on the line, if any.
	Comment string
	Pos     Pos
}

// SegmentKind tells literal segments from placeholders (graphpath.Kind).
type SegmentKind = graphpath.Kind

// The segment kinds; graphpath documents them.
const (
	SegLiteral  = graphpath.Literal
	SegParam    = graphpath.Param
	SegFunction = graphpath.Function
	SegKey      = graphpath.Key
)

// Segment is one path segment, as the path model graphpath reads it.
type Segment = graphpath.Segment

// Arg is one argument of a function or key segment.
type Arg = graphpath.Arg

// Header is one row of the request headers table.
type Header struct {
	Name        string // "Authorization", "Prefer"
	Value       string // for "Prefer: outlook.timezone", the part after ':'
	Type        string
	Description string
	Required    bool // the description says "Required." (not "required when ...")
	// RequiredWith are the OData query options whose use, the
	// description says, requires the header ("eventual. This header and
	// $count are required when using $search, ..." gives $count and
	// $search): the header is then not Required. Lower case, in the order
	// written; only $search and $count are kept, the options whose mere
	// use needs it ("$filter" needs it only in specific usages).
	RequiredWith []string
	// Prose is true for a header the page requires in its sentences
	// rather than in its request headers table (ConsistencyLevel, see
	// proseConsistency); Description is the sentence.
	Prose bool
	Pos   Pos
}

// Query describes the optional (and required) query parameters.
type Query struct {
	// OData is true when the page says the method supports the OData query
	// parameters; ODataNames lists the ones it names ($select, $top, ...),
	// in the order written, without duplicates.
	OData      bool
	ODataNames []string
	// Params are the rows of a query parameter table.
	Params []Param
	Pos    Pos
}

// Param is a row of a parameter table (query or request body).
type Param struct {
	Name        string
	Type        TypeRef
	Description string
	Required    bool // "Required." in the description, or a Required column
	Optional    bool // "Optional." in the description
	Pos         Pos
}

// TypeRef is a Graph type as written in a table cell or sentence:
// "String", "Int32", "String collection", "[recipient](../resources/recipient.md) collection".
type TypeRef struct {
	// Name is the Graph type name: a primitive (String, Int32, Int64,
	// Boolean, Double, Single, Decimal, DateTimeOffset, Date, TimeOfDay,
	// Duration, Guid, Binary, Byte, SByte, Int16, Stream) or a complex,
	// entity or enum type name such as "recipient" or "microsoft.graph.recipient".
	Name string
	// Link is the link target when the type was written as a link, such as
	// "../resources/recipient.md", resolved relative to the docs root as
	// "resources/recipient.md".
	Link string
	// Anchor is the link's fragment, such as "chattype-values" for
	// "../resources/chat.md#chattype-values": a link to a section of a page
	// (the enumeration that section defines), not to the page's own type.
	Anchor     string
	Collection bool
	Raw        string // the cell as written, markup removed
}

// BodyKind is what a request body is.
type BodyKind string

const (
	// BodyUnknown: the page says nothing usable about the request body.
	BodyUnknown BodyKind = ""
	// BodyNone: "Don't supply a request body" / "Do not supply a request body".
	BodyNone BodyKind = "none"
	// BodyResource: a JSON representation of a resource (Type).
	BodyResource BodyKind = "resource"
	// BodyParams: a JSON object with the parameters of the table.
	BodyParams BodyKind = "params"
	// BodyStream: binary content (a file, a photo).
	BodyStream BodyKind = "stream"
)

// RequestBody is the "Request body" section.
type RequestBody struct {
	Kind   BodyKind
	Type   TypeRef // BodyResource
	Params []Param // BodyParams
	// ContentType is a content type the section names for a stream body,
	// such as "text/plain" or "image/jpeg".
	ContentType string
	Text        string // the section's first sentence
	// SaysNone is true when the section says not to supply a request body
	// ("Don't supply a request body for this method."), whatever Kind ends
	// up being: a section that says so and still has a parameter table is
	// Kind BodyParams with SaysNone set. NonePos is where it says so.
	SaysNone bool
	NonePos  Pos
	Pos      Pos
}

// ResponseKind is what comes back on success.
type ResponseKind string

const (
	// RespUnknown: the page names no returned content.
	RespUnknown ResponseKind = ""
	// RespNone: nothing in the body (204, or "doesn't return anything").
	RespNone ResponseKind = "none"
	// RespObject: an object of Type.
	RespObject ResponseKind = "object"
	// RespCollection: a collection of Type in "value".
	RespCollection ResponseKind = "collection"
	// RespPrimitive: a primitive value of Type (String, Int32, Boolean...).
	RespPrimitive ResponseKind = "primitive"
	// RespStream: binary content.
	RespStream ResponseKind = "stream"
	// RespRedirect: a 302 redirect with a Location header.
	RespRedirect ResponseKind = "redirect"
)

// Response is the "Response" section.
type Response struct {
	// Statuses are the documented status codes in the order written, such
	// as [200] or [202] or [302]; the first is the success status.
	Statuses []int
	Kind     ResponseKind
	Type     TypeRef
	// Location is true when the section says a Location header is returned
	// (202 Accepted with a monitor URL, 302 redirects).
	Location bool
	// Annotated is true when the section names no type and Kind and Type
	// are the first response example's annotation ("@odata.type"): a page
	// of several path variants may annotate each variant's example with
	// its own type (opentypeextension-post-opentypeextension.md: a message,
	// an openTypeExtension).
	Annotated bool
	Text      string // the sentence that gave the status
	Pos       Pos
	// Alt is the response of the other kind when the section documents a
	// stream and a JSON object (profilephoto-get.md: the photo's bytes for
	// .../photo/$value, its profilePhoto metadata for .../photo); nil
	// otherwise.
	Alt *Response
}

// Permissions are the rows of the permissions table (inline, or the
// [!INCLUDE] file it refers to), in the one model of permissions,
// xgraph.Permissions: per account type the alternatives, each a set of
// scopes needed together ("Mail.Read and Mail.Send" is one alternative).
// "Not supported." and "Not available." give empty lists. Each list keeps
// the order written: least privileged first.
type Permissions struct {
	xgraph.Permissions
	// Include is the include file's path relative to the docs root, when
	// the table came from one.
	Include string
	Found   bool // a permissions table was found
	Pos     Pos
}

// nonNil makes each account type's list non-nil: a table that names an
// account type without scopes ("Not supported.") gives an empty list.
func (p *Permissions) nonNil() {
	for _, l := range []*xgraph.Alternatives{&p.DelegatedWork, &p.DelegatedPersonal, &p.Application} {
		if *l == nil {
			*l = xgraph.Alternatives{}
		}
	}
}

// Example is one request or response example block.
type Example struct {
	// BlockType is "request" or "response" from the annotation.
	BlockType string
	// Name is the annotation's "name" (requests; responses take the name of
	// the request they follow when they have none).
	Name string
	// Annotation is the parsed annotation JSON (nil when the block had none
	// or it did not parse; a diagnostic says so).
	Annotation map[string]any
	// Request fields.
	Method string
	URL    string // as written: absolute, or a path starting with '/'
	// Response fields.
	Status int
	// Both.
	Headers []ExampleHeader
	// Body is the raw body text as written (may be truncated JSON).
	Body string
	// JSON is Body decoded as JSON when it parses; nil otherwise.
	JSON any
	// Truncated is the annotation's "truncated" flag.
	Truncated bool
	// ODataType is the annotation's "@odata.type" for responses.
	ODataType string
	// IsCollection is the annotation's "isCollection".
	IsCollection bool
	Pos          Pos
}

// ExampleHeader is one header line of an example.
type ExampleHeader struct {
	Name  string
	Value string
}

// Resource is what a resource or enum page defines.
type Resource struct {
	// Name is the type name, such as "event": from the first H1 ("event
	// resource type"), else the front matter title, else the JSON block's
	// "@odata.type" (spec lets a given @odata.type decide).
	Name string
	// ODataType is the full name from the JSON representation annotation,
	// such as "microsoft.graph.event", when given.
	ODataType string
	// BaseType is the type the "Inherits from [entity](entity.md)" sentence
	// links (the link after "inherits from", not the paragraph's first),
	// else the JSON annotation's "baseType", if any.
	BaseType   *TypeRef
	Properties []Property
	// Relationships are the navigation properties.
	Relationships []Property
	// Enums are the enumerations the page defines (a "Members" table, a
	// "xyz values" table, or an enum page). Their names are as written.
	Enums []Enum
	// JSON is the JSON representation block decoded (best effort: the
	// docs' representation is often not strict JSON); nil when absent or
	// not decodable.
	JSON    any
	JSONPos Pos
	// OpenType is true when the page says the resource is an open type.
	OpenType bool
	Pos      Pos
}

// Property is a row of a properties or relationships table.
type Property struct {
	Name        string
	Type        TypeRef
	Description string
	ReadOnly    bool // "Read-only." in the description
	Nullable    bool // "Nullable." in the description
	Pos         Pos
}

// Enum is an enumeration with its members.
type Enum struct {
	Name    string
	Members []EnumMember
	Flags   bool // members have power-of-two values
	Pos     Pos
}

// EnumMember is one enumeration member.
type EnumMember struct {
	Name        string
	Value       string // the numeric value when the table gives one
	Description string
	Pos         Pos
}
