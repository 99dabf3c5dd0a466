package spec

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/graphpath"
	"github.com/graphdocgen/graphdocgen/internal/asciifold"
	"github.com/graphdocgen/graphdocgen/parser"
	"github.com/graphdocgen/graphdocgen/xgraph"
)

// Options configure the document.
type Options struct {
	// Version is the docs version, "v1.0" (the default) or "beta".
	Version string
	// ServerURL is the service root; the default is
	// https://graph.microsoft.com/<Version>.
	ServerURL string
	// TakePages hands the pages to Build and BuildValidating: every
	// element of the caller's slice is set to nil at once, and each page
	// is let go as soon as its fragment is built, so that a collection
	// during the build does not mark the pages already in fragments. For
	// a caller that has no use for the pages after the build.
	TakePages bool
}

func (o Options) withDefaults() Options {
	if o.Version == "" {
		o.Version = "v1.0"
	}
	if o.ServerURL == "" {
		o.ServerURL = "https://graph.microsoft.com/" + o.Version
	}
	return o
}

// builder builds the fragment of one page.
type builder struct {
	p    *parser.Page
	opts Options
	idx  *typeIndex
	// shared are the components the fragment shares (the index's, or its
	// own without an index).
	shared *sharedParts
	ns     string // the page's namespace below microsoft.graph, "" for microsoft.graph
	doc    *openapi3.T
	diags  parser.Diagnostics
	// refs are the schema keys referenced so far, with where.
	refs map[string]parser.Pos
	ops  []builtOp
	// lazyStubs: the stubs are mergeStub (buildFragment).
	lazyStubs bool
}

// builtOp is an operation of the fragment with the path variant it came
// from.
type builtOp struct {
	v  variant
	op *openapi3.Operation
}

// Fragment turns one page into an OpenAPI fragment: API pages give
// operations (with the schemas their bodies and responses need), resource
// and enum pages give schemas. Types the page refers to but does not define
// are stubs. The fragment carries the shared components, so it validates on
// its own; an example body that does not fit its schema is kept only in
// the operation's examples (xgraph.Operation.Examples), as in Build.
// Problems are returned as diagnostics positioned in the page.
func Fragment(p *parser.Page, opts Options) (*openapi3.T, parser.Diagnostics) {
	var idx *typeIndex
	if p != nil {
		idx = newTypeIndex([]*parser.Page{p})
	}
	doc, diags, _ := fragment(p, opts, idx)
	if p != nil && resolveRefs(doc) == nil {
		diags = append(diags, fitExamples(doc, map[string]string{p.Path: p.File})...)
		diags.Sort()
	}
	return doc, diags
}

// fragment builds the fragment of p; stubbed lists the types it refers
// to but does not define, each with where it is first used.
func fragment(p *parser.Page, opts Options, idx *typeIndex) (doc *openapi3.T, diags parser.Diagnostics, stubbed map[string]parser.Pos) {
	return buildFragment(p, opts, idx, false)
}

// buildFragment is fragment; with lazyStubs, for a fragment that only
// assemble's merge reads, the stubs of the fragment are all mergeStub (it
// makes a stub of its own for each that it keeps): most stubs are of
// types other pages define, and were made only to be dropped by the
// merge; and its root has no vocabulary (the merge is given it:
// prepareMergeOf, fragmentOf), one extension map and three boxed strings
// fewer a page.
func buildFragment(p *parser.Page, opts Options, idx *typeIndex, lazyStubs bool) (doc *openapi3.T, diags parser.Diagnostics, stubbed map[string]parser.Pos) {
	opts = opts.withDefaults()
	b := &builder{p: p, opts: opts, idx: idx, refs: map[string]parser.Pos{}, lazyStubs: lazyStubs}
	// The fragments of one Build share one set of shared components (the
	// index's): Merge gives the merged document its own, so a fragment's
	// are never changed, and one set per page would be most of the memory
	// the fragments hold until they are merged.
	if idx != nil {
		b.shared = idx.shared
	} else {
		b.shared = newShared()
	}
	b.doc = newDoc(opts, b.shared)
	if p == nil {
		return b.doc, nil, nil
	}
	b.ns = idx.pageNamespace(p)
	if !lazyStubs {
		xgraph.WriteFragment(b.doc, fragmentOf(p))
	}
	if p.Resource != nil {
		b.resource()
	} else if p.Kind == parser.KindResource || p.Kind == parser.KindEnum {
		b.warnf(p.Title.Pos, "no-resource", "%s page defines no type", p.Kind)
	}
	if len(p.Requests) > 0 {
		b.operations()
		b.examples()
	}
	stubbed = b.stubs()
	b.diags.Sort()
	return b.doc, b.diags, stubbed
}

// fragmentOf is the vocabulary of the root of p's fragment.
func fragmentOf(p *parser.Page) xgraph.Fragment {
	return xgraph.Fragment{Page: p.Path, File: pageFile(p), Title: p.Title.Value}
}

// pageFile is the file positions name for p: its File, else its Path.
func pageFile(p *parser.Page) string { return cmp.Or(p.File, p.Path) }

func (b *builder) warnf(pos parser.Pos, rule, format string, args ...any) {
	if pos.File == "" {
		pos.File = b.file()
	}
	b.diags = append(b.diags, parser.Warnf(pos, rule, format, args...))
}

// warnOnce is warnf for a problem of the page rather than of one path
// line: each operation of the page meets it again, and it is given once,
// at its first position.
func (b *builder) warnOnce(pos parser.Pos, rule, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	for _, d := range b.diags {
		if d.Rule == rule && d.Message == msg {
			return
		}
	}
	b.warnf(pos, rule, "%s", msg)
}

func (b *builder) file() string { return pageFile(b.p) }

// source is "PAGE:LINE".
func (b *builder) source(pos parser.Pos) string {
	if pos.Line > 0 {
		// fmt.Sprintf("%s:%d", ...) in one allocation
		var buf [96]byte
		return string(strconv.AppendInt(append(append(buf[:0], b.p.Path...), ':'), int64(pos.Line), 10))
	}
	return b.p.Path
}

// newDoc returns an empty document with the shared parts: info, servers,
// security, and the shared components: shared's, or new ones when shared
// is nil.
func newDoc(opts Options, shared *sharedParts) *openapi3.T {
	doc := &openapi3.T{
		OpenAPI:    "3.0.3",
		Paths:      openapi3.NewPaths(),
		Components: &openapi3.Components{Schemas: openapi3.Schemas{}},
	}
	if shared == nil {
		shared = newShared()
	}
	doc.Info, doc.Servers, doc.Security = shared.head(opts)
	shared.addTo(doc)
	return doc
}

// docHead is the info, servers and security of a document.
type docHead struct {
	version, server string // the options they were made for
	info            *openapi3.Info
	servers         openapi3.Servers
	security        openapi3.SecurityRequirements
}

func newHead(opts Options) *docHead {
	return &docHead{
		version: opts.Version, server: opts.ServerURL,
		info:    &openapi3.Info{Title: "Microsoft Graph", Version: opts.Version},
		servers: openapi3.Servers{{URL: opts.ServerURL}},
		security: openapi3.SecurityRequirements{
			openapi3.SecurityRequirement{"bearer": []string{}},
		},
	}
}

// head is the info, servers and security of a document of opts: sh's
// for the options sh met first, as the fragments of one Build share them
// (the merge gives the merged document its own, and nothing changes a
// fragment's), new ones for others.
func (sh *sharedParts) head(opts Options) (*openapi3.Info, openapi3.Servers, openapi3.SecurityRequirements) {
	h := sh.docHead.Load()
	if h == nil {
		sh.docHead.CompareAndSwap(nil, newHead(opts))
		h = sh.docHead.Load()
	}
	if h.version != opts.Version || h.server != opts.ServerURL {
		h = newHead(opts)
	}
	return h.info, h.servers, h.security
}

// paramRefPrefix begins the $ref of a parameter component.
const paramRefPrefix = "#/components/parameters/"

// odataParams are the OData query parameters, by component name.
var odataParams = map[string]struct {
	wire, desc, typ string
}{
	"select":  {"$select", "Select properties to be returned.", "string"},
	"expand":  {"$expand", "Expand related entities.", "string"},
	"filter":  {"$filter", "Filter items by property values.", "string"},
	"orderby": {"$orderby", "Order items by property values.", "string"},
	"top":     {"$top", "Show only the first n items.", "integer"},
	"skip":    {"$skip", "Skip the first n items.", "integer"},
	"count":   {"$count", "Include a count of the items.", "boolean"},
	"search":  {"$search", "Search items by search phrases.", "string"},
}

// odataOrder is the order in which OData parameters are listed when a page
// supports them without naming them.
var odataOrder = []string{"select", "expand", "filter", "orderby", "top", "skip", "count", "search"}

// odataSingle are the OData query parameters of an operation on one
// entity (a single GET) that names none.
var odataSingle = []string{"select", "expand"}

// sharedParts are the components every document has: the bearer security
// scheme, the OData query parameters, the error response and its schema.
type sharedParts struct {
	securitySchemes openapi3.SecuritySchemes
	parameters      openapi3.ParametersMap
	responses       openapi3.ResponseBodies
	errorSchema     *openapi3.SchemaRef
	// errorRef and odataRefs are the $refs every operation has to the
	// error response and the OData parameters: one each for all (the
	// resolver gives them the component's value, the same for all;
	// nothing else sets a field of them), each was an allocation an
	// operation.
	errorRef  *openapi3.ResponseRef
	odataRefs map[string]*openapi3.ParameterRef
	security  securityIntern // the operations' requirements, each set once
	docHead   atomic.Pointer[docHead]
}

// newShared makes the shared components.
func newShared() *sharedParts {
	sh := &sharedParts{
		securitySchemes: securitySchemes(nil),
		parameters:      openapi3.ParametersMap{},
		errorRef:        &openapi3.ResponseRef{Ref: "#/components/responses/error"},
		odataRefs:       make(map[string]*openapi3.ParameterRef, len(odataParams)),
	}
	for name, p := range odataParams {
		sh.odataRefs[name] = &openapi3.ParameterRef{Ref: paramRefPrefix + name}
		s := &openapi3.Schema{Type: &openapi3.Types{p.typ}}
		if p.typ == "integer" {
			s.Format = "int32"
			zero := 0.0
			s.Min = &zero
		}
		sh.parameters[name] = &openapi3.ParameterRef{Value: &openapi3.Parameter{
			Name: p.wire, In: openapi3.ParameterInQuery, Description: p.desc,
			Schema: &openapi3.SchemaRef{Value: s},
		}}
	}
	str := func() *openapi3.SchemaRef {
		return &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"string"}}}
	}
	inner := &openapi3.Schema{Type: &openapi3.Types{"object"}, Properties: openapi3.Schemas{
		"request-id": str(), "client-request-id": str(),
		"date": {Value: &openapi3.Schema{Type: &openapi3.Types{"string"}, Format: "date-time"}},
	}}
	mainErr := &openapi3.Schema{Type: &openapi3.Types{"object"}, Required: []string{"code", "message"}, Properties: openapi3.Schemas{
		"code": str(), "message": str(), "innerError": {Value: inner},
	}}
	sh.errorSchema = &openapi3.SchemaRef{Value: &openapi3.Schema{
		Type: &openapi3.Types{"object"}, Required: []string{"error"},
		Properties: openapi3.Schemas{"error": {Value: mainErr}},
	}}
	xgraph.WriteSchema(sh.errorSchema.Value, xgraph.Schema{Generated: true})
	desc := "error"
	sh.responses = openapi3.ResponseBodies{
		"error": {Value: &openapi3.Response{Description: &desc, Content: openapi3.Content{
			"application/json": {Schema: &openapi3.SchemaRef{Ref: schemaRef(errorSchema)}},
		}}},
	}
	return sh
}

// The Microsoft identity platform's endpoints of the OAuth 2.0 security
// schemes: the delegated flows by account type ("organizations": work or
// school accounts, "consumers": personal Microsoft accounts), the client
// credentials flow of an application in its own tenant.
const (
	loginURL       = "https://login.microsoftonline.com/"
	oauthAuthorize = "/oauth2/v2.0/authorize"
	oauthToken     = "/oauth2/v2.0/token"
)

// securitySchemes are the document's security schemes: "bearer" (HTTP
// bearer, the document-wide requirement) and one OAuth 2.0 scheme per
// account type of xgraph.Permissions, named by its account key, which the
// operations' requirements name with the scopes they need. scopes lists
// the scopes each account type's scheme declares (nil: none).
func securitySchemes(scopes map[string][]string) openapi3.SecuritySchemes {
	flowScopes := func(account string) map[string]string {
		m := map[string]string{}
		for _, s := range scopes[account] {
			m[s] = s
		}
		return m
	}
	delegated := func(account, tenant, who string) *openapi3.SecuritySchemeRef {
		return &openapi3.SecuritySchemeRef{Value: &openapi3.SecurityScheme{
			Type: "oauth2", Description: "Delegated permissions, " + who + ".",
			Flows: &openapi3.OAuthFlows{AuthorizationCode: &openapi3.OAuthFlow{
				AuthorizationURL: loginURL + tenant + oauthAuthorize,
				TokenURL:         loginURL + tenant + oauthToken,
				Scopes:           flowScopes(account),
			}},
		}}
	}
	return openapi3.SecuritySchemes{
		"bearer":                        {Value: &openapi3.SecurityScheme{Type: "http", Scheme: "bearer", BearerFormat: "JWT"}},
		xgraph.AccountDelegatedWork:     delegated(xgraph.AccountDelegatedWork, "organizations", "work or school account"),
		xgraph.AccountDelegatedPersonal: delegated(xgraph.AccountDelegatedPersonal, "consumers", "personal Microsoft account"),
		xgraph.AccountApplication: {Value: &openapi3.SecurityScheme{
			Type: "oauth2", Description: "Application permissions; the token URL's {tenant} is the application's tenant.",
			Flows: &openapi3.OAuthFlows{ClientCredentials: &openapi3.OAuthFlow{
				TokenURL: loginURL + "{tenant}" + oauthToken,
				Scopes:   flowScopes(xgraph.AccountApplication),
			}},
		}},
	}
}

// declareScopes replaces doc's security schemes with ones that declare
// every scope its operations' requirements name, sorted. The shared
// schemes (declaring none) are not modified: other documents use them.
func declareScopes(doc *openapi3.T) {
	seen := map[string]map[string]bool{}
	done := map[*openapi3.SecurityRequirements]bool{} // shared by many operations (securityOf)
	for _, item := range doc.Paths.Map() {
		for op := range operationsOf(item) {
			if op.Security == nil || done[op.Security] {
				continue
			}
			done[op.Security] = true
			for _, req := range *op.Security {
				for name, scopes := range req {
					if seen[name] == nil {
						seen[name] = map[string]bool{}
					}
					for _, s := range scopes {
						seen[name][s] = true
					}
				}
			}
		}
	}
	scopes := map[string][]string{}
	for name, set := range seen {
		scopes[name] = sortedKeys(set)
	}
	doc.Components.SecuritySchemes = securitySchemes(scopes)
}

// addTo puts the shared components into doc (replacing any it has). The
// objects are sh's, not copies: documents given one sharedParts share them.
func (sh *sharedParts) addTo(doc *openapi3.T) {
	c := doc.Components
	c.SecuritySchemes = sh.securitySchemes
	c.Parameters = sh.parameters
	c.Responses = sh.responses
	c.Schemas[errorSchema] = sh.errorSchema
}

const errorSchema = "microsoft.graph.ODataError"

// referred records a reference to the schema of a complex type, key, at
// pos (the first one's), for stubs.
func (b *builder) referred(key string, pos parser.Pos) {
	if _, ok := b.refs[key]; !ok {
		b.refs[key] = pos
	}
}

// typeSchema returns the schema of a type reference: a primitive inline, a
// complex or enum type as a $ref, a collection as an array. ok is false
// when the reference names no type.
func (b *builder) typeSchema(t parser.TypeRef, pos parser.Pos) (*openapi3.SchemaRef, bool) {
	t = normalizeType(t)
	item, ok := b.itemSchema(t, pos)
	if !ok {
		return nil, false
	}
	if t.Collection {
		return &openapi3.SchemaRef{Value: &openapi3.Schema{Type: typesArray, Items: item}}, true
	}
	return item, true
}

func (b *builder) itemSchema(t parser.TypeRef, pos parser.Pos) (*openapi3.SchemaRef, bool) {
	t = normalizeType(t)
	if isPrimitive(t) {
		return &openapi3.SchemaRef{Value: primitiveSchema(t.Name)}, true
	}
	var buf [64]byte
	if freeForm[string(asciifold.AppendLower(buf[:0], strings.TrimSpace(t.Name)))] {
		return &openapi3.SchemaRef{Value: &openapi3.Schema{}}, true
	}
	name := b.idx.typeName(t, b.ns)
	if name == "" {
		return nil, false
	}
	if s := primitiveSchema(name); s != nil && t.Link == "" {
		return &openapi3.SchemaRef{Value: s}, true
	}
	key, ref, ok := schemaKeyRef(name)
	if !ok {
		raw := t.Raw
		if raw == "" {
			raw = t.Name
		}
		b.warnf(pos, "unknown-type", "type %q is not a Graph type name; left untyped", raw)
		return &openapi3.SchemaRef{Value: &openapi3.Schema{}}, true
	}
	b.referred(key, pos)
	return &openapi3.SchemaRef{Ref: ref}, true
}

// stubs adds a stub schema for every referenced type the fragment does not
// define, and returns those types with where each is first used.
func (b *builder) stubs() map[string]parser.Pos {
	var out map[string]parser.Pos
	for key, pos := range b.refs {
		if _, ok := b.doc.Components.Schemas[key]; ok {
			continue
		}
		if b.lazyStubs {
			b.doc.Components.Schemas[key] = mergeStub
		} else {
			b.doc.Components.Schemas[key] = stubSchema()
		}
		if out == nil {
			out = map[string]parser.Pos{}
		}
		out[key] = pos
	}
	return out
}

// mergeStub stands for a stub in the fragments assemble merges: one
// shared value, which the merge reads as a stub and replaces by a stub of
// its own (stubSchema) where it keeps one. Nothing changes it.
var mergeStub = stubSchema()

func stubSchema() *openapi3.SchemaRef {
	s := &openapi3.Schema{Type: typesObject}
	xgraph.WriteSchema(s, xgraph.Schema{Stub: true})
	return &openapi3.SchemaRef{Value: s}
}

// operations turns every path line into an operation.
func (b *builder) operations() {
	p := b.p
	seen := map[string]parser.Pos{}
	lines := 0
	for _, sec := range p.Requests {
		lines += len(sec.Lines)
	}
	b.ops = slices.Grow(b.ops, lines) // at most one a line
	for _, sec := range p.Requests {
		for _, line := range sec.Lines {
			method := strings.ToUpper(line.Method)
			switch method {
			case http.MethodGet, http.MethodPost, http.MethodPatch, http.MethodPut, http.MethodDelete, http.MethodHead:
			default:
				b.warnf(line.Pos, "unknown-method", "HTTP method %q is not supported; path line skipped", line.Method)
				continue
			}
			if len(line.Segments) == 0 {
				b.warnf(line.Pos, "empty-path", "path line %q has no path; skipped", line.Raw)
				continue
			}
			v := buildVariant(line)
			var kb [128]byte
			key := string(asciifold.AppendLower(append(append(kb[:0], method...), ' '), v.Path)) // method + " " + lower-case path
			if first, dup := seen[key]; dup {
				if b.addQueryVariant(key, v) {
					continue
				}
				if b.plainAfterVariant(key, v) {
					seen[key] = line.Pos
					continue
				}
				what := v.Path
				if v.Query != "" {
					what += "?" + v.Query
				}
				b.warnf(line.Pos, "duplicate-path", "%s %s is already documented at line %d; skipped", method, what, first.Line)
				continue
			}
			seen[key] = line.Pos
			op := b.operation(v)
			item := b.doc.Paths.Value(v.Path)
			if item == nil {
				item = &openapi3.PathItem{}
				b.doc.Paths.Set(v.Path, item)
			}
			item.SetOperation(method, op)
			b.ops = append(b.ops, builtOp{v: v, op: op})
		}
	}
}

// addQueryVariant records v, a path line of the same (path, method) as
// an earlier one of the page, as a query variant of that operation when
// v has a fixed query of its own; false when it has none or the same.
func (b *builder) addQueryVariant(key string, v variant) bool {
	if v.Query == "" {
		return false
	}
	for _, bo := range b.ops {
		if bo.v.Method+" "+strings.ToLower(bo.v.Path) != key {
			continue
		}
		x, _ := xgraph.ReadOperation(bo.op)
		if x.Query == v.Query {
			return false
		}
		for _, qv := range x.Variants {
			if qv.Query == v.Query {
				return false
			}
		}
		x.Variants = append(x.Variants, b.queryVariant(v))
		xgraph.WriteOperation(bo.op, x)
		return true
	}
	return false
}

// plainAfterVariant makes v, a plain path line (no fixed query) after a
// line of the same path and method with a fixed query, the operation, and
// the earlier line, with its variants, the operation's query variants:
// "GET /security/alerts?$filter=..." then "GET /security/alerts" is the
// plain list with a $filter variant, not a duplicate. False when v has a
// fixed query, the earlier operation has none (a real duplicate), or the
// two spell the path differently.
func (b *builder) plainAfterVariant(key string, v variant) bool {
	if v.Query != "" {
		return false
	}
	for i, bo := range b.ops {
		if bo.v.Method+" "+strings.ToLower(bo.v.Path) != key {
			continue
		}
		x, _ := xgraph.ReadOperation(bo.op)
		if x.Query == "" || bo.v.Path != v.Path {
			return false
		}
		op := b.operation(v)
		nx, _ := xgraph.ReadOperation(op)
		nx.Variants = append([]xgraph.QueryVariant{b.queryVariant(bo.v)}, x.Variants...)
		xgraph.WriteOperation(op, nx)
		b.doc.Paths.Value(v.Path).SetOperation(v.Method, op)
		b.ops[i] = builtOp{v: v, op: op}
		return true
	}
	return false
}

// queryVariant is v, a path line of the page with a fixed query, as a
// query variant: its line and query, and the page's title, description
// and permissions.
func (b *builder) queryVariant(v variant) xgraph.QueryVariant {
	qv := xgraph.QueryVariant{Page: b.p.Path, Query: v.Query, Source: b.source(v.Line.Pos),
		Summary: b.p.Title.Value, Description: b.p.Description.Value}
	if b.p.Permissions.Found {
		perm := b.p.Permissions.Permissions
		qv.Permissions = &perm
	}
	return qv
}

// operation builds the operation of one path variant.
func (b *builder) operation(v variant) *openapi3.Operation {
	p := b.p
	op := &openapi3.Operation{
		OperationID: operationID(v.Method, v.Path),
		Summary:     p.Title.Value,
		Description: p.Description.Value,
	}
	x := xgraph.Operation{Source: b.source(v.Line.Pos), Page: p.Path, Action: b.action(v), Query: v.Query}
	if p.Permissions.Found {
		// The page's own (WriteOperation stores a copy; a copy here was
		// an allocation an operation).
		perm := &p.Permissions.Permissions
		x.Permissions = perm
		// One requirement object per alternative, with all its scopes;
		// none documented leaves the document's bearer requirement.
		op.Security = b.shared.securityOf(perm)
	}
	xgraph.WriteOperation(op, x)
	// Room for every parameter the page can give (they grew one append
	// at a time): the path's, the OData options', the query table's and
	// fixed query's, the headers'.
	q := p.Query
	n := len(v.Params) + len(q.Params) + len(v.QueryP) + len(p.Headers)
	if q.OData {
		n += max(len(q.ODataNames), len(odataOrder))
	}
	if n > 0 {
		op.Parameters = make(openapi3.Parameters, 0, n)
	}
	for _, pp := range v.Params {
		prm := &openapi3.Parameter{
			Name: pp.Name, In: openapi3.ParameterInPath, Required: true,
			Description: paramDescription(pp.DocName),
			Schema:      stringParamRef,
		}
		xgraph.WriteParameter(prm, xgraph.Parameter{DocName: pp.DocName})
		op.Parameters = append(op.Parameters, &openapi3.ParameterRef{Value: prm})
	}
	b.queryParams(op, v)
	b.headerParams(op)
	if len(op.Parameters) == 0 {
		op.Parameters = nil // as without the room made above
	}
	b.uniqueParams(op, v)
	b.requestBody(op, v)
	b.responses(op, v)
	return op
}

// stringParamSchema is the schema of every path parameter, of the string
// query and header parameters and of the Location header. It is shared
// and never changed: nothing sets a field of a parameter's or a header's
// schema (merging renames parameters, not their schemas).
var stringParamSchema = &openapi3.Schema{Type: typesString}

// stringParamRef is the one reference to stringParamSchema they all
// have, shared as the schema is: nothing sets a field of it (it has no
// $ref for the resolver to give a value, nor marks), and each was an
// allocation of its own.
var stringParamRef = &openapi3.SchemaRef{Value: stringParamSchema}

// paramDescription describes a placeholder with alternatives.
func paramDescription(doc string) string {
	if !strings.Contains(doc, "|") {
		return ""
	}
	var alts []string
	for _, a := range strings.Split(doc, "|") {
		if a = strings.TrimSpace(a); a != "" {
			alts = append(alts, a)
		}
	}
	return "One of: " + strings.Join(alts, ", ") + "."
}

// action returns the bound action or function a path variant ends in, or
// "".
func (b *builder) action(v variant) string {
	segs := v.Line.Segments
	if len(segs) == 0 {
		return ""
	}
	last := segs[len(segs)-1]
	name := last.Name
	if name == "" {
		name = last.Raw
	}
	if i := strings.IndexByte(name, '('); i >= 0 {
		name = name[:i]
	}
	name = bareName(name)
	if last.Kind == parser.SegFunction && (strings.Contains(last.Raw, "(") || len(last.Args) > 0) {
		return name
	}
	if last.Kind != parser.SegLiteral && last.Kind != parser.SegFunction {
		return ""
	}
	for _, title := range []string{b.p.Title.Value, b.p.Heading.Value} {
		if _, after, ok := strings.Cut(title, ":"); ok {
			if after = strings.TrimSpace(after); after != "" && strings.EqualFold(after, name) {
				return name
			}
		}
	}
	// A POST to a literal segment the title names as its verb phrase is a
	// bound action, whatever the title's form: "Send mail" for
	// /me/sendMail, "Copy a DriveItem" for .../items/{id}/copy, "wipe
	// action" for .../wipe. A create ("Create event" for /me/events)
	// names the created type, not the segment.
	if v.Method == http.MethodPost && last.Kind == parser.SegLiteral && !strings.HasPrefix(name, "$") && !strings.Contains(name, ".") {
		for _, title := range []string{b.p.Title.Value, b.p.Heading.Value} {
			if titleNamesAction(title, name) {
				return name
			}
		}
		// Whatever the title ("Create table" for .../tables/add), a
		// segment the docs never address further nor declare as a
		// property, on a documented resource, is an action.
		if b.idx.boundAction(segs) {
			return name
		}
	}
	// A GET of a literal segment whose title starts with the segment
	// itself is a bound function called without parentheses
	// ("getManagedAppPolicies function" for .../getManagedAppPolicies);
	// a read titles what it gets ("Get manager").
	if v.Method == http.MethodGet && last.Kind == parser.SegLiteral && !strings.HasPrefix(name, "$") && !strings.Contains(name, ".") {
		for _, title := range []string{b.p.Title.Value, b.p.Heading.Value} {
			if f := strings.Fields(title); len(f) > 1 && strings.EqualFold(f[0], name) {
				return name
			}
		}
		// Whatever the title ("Track changes for a Drive" for
		// .../root/delta), the page calls the segment as a function
		// elsewhere ("delta(token='...')" in an example, "range(address=...)"
		// on another request line), or its opening paragraph or response
		// section speaks of "this function" ("This OData function has
		// some default behaviors", "this function returns").
		if b.callsFunction(name) || saysFunction(b.p.Summary.Value) || saysFunction(b.p.Response.Text) {
			return name
		}
	}
	return ""
}

// callsFunction reports whether a request line or example of the page
// ends in a call of the function name, with parentheses.
func (b *builder) callsFunction(name string) bool {
	called := func(segs graphpath.Path) bool {
		if len(segs) == 0 {
			return false
		}
		last := segs[len(segs)-1]
		return last.Kind == graphpath.Function && strings.Contains(last.Raw, "(") && strings.EqualFold(bareName(last.Name), name)
	}
	for _, sec := range b.p.Requests {
		for _, l := range sec.Lines {
			if called(graphpath.Path(l.Segments)) {
				return true
			}
		}
	}
	var sb [12]graphpath.Segment
	for _, ex := range b.p.Examples {
		if ex.URL == "" || !strings.EqualFold(ex.BlockType, "request") {
			continue
		}
		if path, _ := urlPath(ex.URL); called(graphpath.AppendParse(sb[:0], path)) {
			return true
		}
	}
	return false
}

// saysFunction reports whether a text calls the operation "this
// function" or "this OData function" ("If successful, this function
// returns a 200 OK response code"); a text that names another function
// ("use the delta function") does not.
func saysFunction(text string) bool {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r)
	})
	for i, w := range words {
		if w != "function" || i == 0 {
			continue
		}
		if words[i-1] == "this" || words[i-1] == "odata" && i > 1 && words[i-2] == "this" {
			return true
		}
	}
	return false
}

// titleNamesAction reports whether a page title is the verb phrase of the
// action segment seg: the segment's camel-case words ("sendMail": send,
// mail) are, in order, words of the title, the first being the title's
// first word ("Send mail", "Create a reply" for createReply), or the
// title's first word is the segment itself ("checkMemberGroups",
// "windowsDefenderScan action"). Words compare without regard to case.
func titleNamesAction(title, seg string) bool {
	words := strings.FieldsFunc(strings.ToLower(title), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(words) == 0 {
		return false
	}
	if words[0] == strings.ToLower(seg) {
		return true
	}
	sw := camelWords(seg)
	if len(sw) == 0 || sw[0] != words[0] {
		return false
	}
	i := 1
	for _, w := range words[1:] {
		if i < len(sw) && w == sw[i] {
			i++
		}
	}
	return i == len(sw)
}

// camelWords splits a camel-case identifier into its lower-case words:
// "createUploadSession" is create, upload, session.
func camelWords(s string) []string {
	var out []string
	start := 0
	for i, r := range s {
		if i > start && unicode.IsUpper(r) {
			out = append(out, strings.ToLower(s[start:i]))
			start = i
		}
	}
	if start < len(s) {
		out = append(out, strings.ToLower(s[start:]))
	}
	return out
}

// queryParams adds the OData, table and fixed-query parameters.
func (b *builder) queryParams(op *openapi3.Operation, v variant) {
	q := b.p.Query
	have := map[string]int{} // lower-case name -> index in op.Parameters
	add := func(p *openapi3.ParameterRef, name string) {
		have[strings.ToLower(name)] = len(op.Parameters)
		op.Parameters = append(op.Parameters, p)
	}
	fixed := map[string]queryParam{}
	for _, fq := range v.QueryP {
		fixed[strings.ToLower(fq.Name)] = fq
	}
	if q.OData {
		names := q.ODataNames
		if len(names) == 0 {
			// "supports the OData query parameters" with no list: the
			// standard set of the operation's kind.
			std := odataOrder
			if r := responseOf(b.p.Response, v); v.Method != http.MethodGet || r.Kind != parser.RespCollection && !r.Type.Collection {
				std = odataSingle
			}
			if r := responseOf(b.p.Response, v); r.Kind == parser.RespStream {
				std = nil // a stream has no properties to select or expand
			}
			for _, n := range std {
				names = append(names, odataParams[n].wire)
			}
		}
		for _, n := range names {
			key := graphpath.OptionName(n)
			od, known := odataParams[key]
			wire := od.wire // "$" + key, without a string of its own
			if !known {
				wire = "$" + key
			}
			if _, ok := have[wire]; ok {
				continue
			}
			if _, ok := fixed[wire]; ok {
				continue
			}
			if known {
				add(b.shared.odataRefs[key], wire)
				continue
			}
			add(&openapi3.ParameterRef{Value: &openapi3.Parameter{
				Name: wire, In: openapi3.ParameterInQuery,
				Schema: stringParamRef,
			}}, wire)
		}
	}
	for _, row := range q.Params {
		name := strings.TrimSpace(row.Name)
		if name == "" {
			continue
		}
		lname := strings.ToLower(name)
		if i, ok := have[lname]; ok {
			if op.Parameters[i].Ref != "" {
				// A table row gives the OData parameter a type and a
				// description of its own.
				have[lname] = i
				op.Parameters[i] = b.tableParam(row, name, false)
			} else if prev := op.Parameters[i].Value; prev != nil && prev.Name != name {
				// not silently: query names are read without case
				b.warnOnce(row.Pos, "duplicate-parameter", "query parameter %q differs from %q in case only; the first is kept", name, prev.Name)
			}
			continue
		}
		fq, isFixed := fixed[lname]
		p := b.tableParam(row, name, isFixed)
		if isFixed {
			xgraph.WriteParameter(p.Value, xgraph.Parameter{DocName: fq.DocName})
			delete(fixed, lname)
		}
		add(p, name)
	}
	for _, fq := range v.QueryP {
		if _, ok := fixed[strings.ToLower(fq.Name)]; !ok {
			continue
		}
		if _, ok := have[strings.ToLower(fq.Name)]; ok {
			continue
		}
		prm := &openapi3.Parameter{
			Name: fq.Name, In: openapi3.ParameterInQuery, Required: true,
			Schema: stringParamRef,
		}
		xgraph.WriteParameter(prm, xgraph.Parameter{DocName: fq.DocName})
		add(&openapi3.ParameterRef{Value: prm}, fq.Name)
	}
}

func (b *builder) tableParam(row parser.Param, name string, required bool) *openapi3.ParameterRef {
	s, ok := b.typeSchema(row.Type, row.Pos)
	if !ok || s.Ref != "" || (s.Value != nil && s.Value.Type == nil) {
		// Query values of complex types are written as strings.
		s = &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"string"}}}
	}
	return &openapi3.ParameterRef{Value: &openapi3.Parameter{
		Name: name, In: openapi3.ParameterInQuery, Description: row.Description,
		Required: required || row.Required, Schema: s,
	}}
}

// sameParamKey reports whether parameter names a and b have one identity
// across locations: lower case, letters and digits only, so
// "If-None-Match" and "if-none-match", "row" and "Row" are one name
// (other OpenAPI tools derive one identifier from each). The names are
// compared in place: the letters and digits kept are ASCII, and no byte
// of a multi-byte character is one.
func sameParamKey(a, b string) bool {
	i, j := 0, 0
	for {
		for i < len(a) && !paramKeyByte(a[i]) {
			i++
		}
		for j < len(b) && !paramKeyByte(b[j]) {
			j++
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		if asciifold.LowerByte(a[i]) != asciifold.LowerByte(b[j]) {
			return false
		}
		i++
		j++
	}
}

// paramKeyByte reports whether paramKey keeps c.
func paramKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// paramName is the wire name of a parameter or of the component it
// refers to.
func paramName(p *openapi3.ParameterRef) (name, in string) {
	if p.Value != nil {
		return p.Value.Name, p.Value.In
	}
	if key, ok := strings.CutPrefix(p.Ref, paramRefPrefix); ok {
		if o, ok := odataParams[key]; ok {
			return o.wire, openapi3.ParameterInQuery
		}
		return key, openapi3.ParameterInQuery
	}
	return p.Ref, ""
}

// uniqueParams keeps one parameter per name in an operation, whatever its
// location: a path placeholder before a header, a header before a query
// row (list-children's table lists the if-none-match header among its
// query parameters; the worksheet cell(row=,column=) page lists the
// function's row and column again). A table row whose name is not one word
// ("$filter with any operator") names no parameter. Each dropped row is a
// warning at its path line.
func (b *builder) uniqueParams(op *openapi3.Operation, v variant) {
	rank := func(in string) int {
		switch in {
		case openapi3.ParameterInPath:
			return 0
		case openapi3.ParameterInHeader:
			return 1
		case openapi3.ParameterInQuery:
			return 2
		}
		return 0 // as a map lookup of another location gave
	}
	// The kept names, compared by paramKey in place (an operation has a
	// few parameters; the keys were a string and a map entry each).
	type keptParam struct{ name, in string }
	var keptBuf [16]keptParam
	var keepBuf [16]bool
	kept := keptBuf[:0]
	keep := keepBuf[:0]
	if len(op.Parameters) > len(keepBuf) {
		keep = make([]bool, 0, len(op.Parameters))
	}
	keep = keep[:len(op.Parameters)]
	for pass := 0; pass < 3; pass++ {
		for i, p := range op.Parameters {
			name, in := paramName(p)
			if rank(in) != pass {
				continue
			}
			if strings.ContainsAny(strings.TrimSpace(name), " \t") {
				b.warnf(v.Line.Pos, "bad-parameter", "%s parameter %q is not a parameter name; dropped", in, name)
				continue
			}
			if j := slices.IndexFunc(kept, func(k keptParam) bool { return sameParamKey(k.name, name) }); j >= 0 {
				b.warnOnce(v.Line.Pos, "duplicate-parameter", "%s parameter %q is already a %s parameter; dropped", in, name, kept[j].in)
				continue
			}
			kept = append(kept, keptParam{name, in})
			keep[i] = true
		}
	}
	out := op.Parameters[:0]
	for i, p := range op.Parameters {
		if keep[i] {
			out = append(out, p)
		}
	}
	op.Parameters = out
}

// headerParams adds the request headers other than Authorization and
// Content-Type.
func (b *builder) headerParams(op *openapi3.Operation) {
	seen := map[string]int{}
	values := map[int][]string{}  // index in op.Parameters -> the header's values
	implied := map[int][]string{} // index in op.Parameters -> the options that need it
	var buf [64]byte
	for _, h := range b.p.Headers {
		name := strings.TrimSpace(h.Name)
		if name == "" || strings.ContainsAny(name, " {}") {
			continue
		}
		// the lower case in buf: most rows are Authorization and
		// Content-Type, and each operation of the page reads them
		lb := asciifold.AppendLower(buf[:0], name)
		if string(lb) == "authorization" || string(lb) == "content-type" {
			continue
		}
		if i, ok := seen[string(lb)]; ok {
			// Several rows for one header (Prefer: a, Prefer: b).
			p := op.Parameters[i].Value
			if h.Value != "" {
				values[i] = append(values[i], h.Value)
			}
			p.Required = p.Required || h.Required
			for _, o := range h.RequiredWith {
				if !slices.Contains(implied[i], o) {
					implied[i] = append(implied[i], o)
				}
			}
			continue
		}
		p := &openapi3.Parameter{
			Name: name, In: openapi3.ParameterInHeader, Description: h.Description, Required: h.Required,
			Schema: stringParamRef,
		}
		l := string(lb)
		seen[l] = len(op.Parameters)
		if h.Value != "" {
			values[seen[l]] = []string{h.Value}
		}
		implied[seen[l]] = slices.Clone(h.RequiredWith)
		op.Parameters = append(op.Parameters, &openapi3.ParameterRef{Value: p})
	}
	for _, i := range seen {
		x := xgraph.Parameter{Values: values[i]}
		if len(values[i]) > 0 && !op.Parameters[i].Value.Required {
			// "required when using $search": implied by those options,
			// with the documented value
			x.ImpliedBy = implied[i]
		}
		xgraph.WriteParameter(op.Parameters[i].Value, x)
	}
}

// requestBody adds the request body.
func (b *builder) requestBody(op *openapi3.Operation, v variant) {
	body := b.p.Body
	var content openapi3.Content
	switch body.Kind {
	case parser.BodyResource:
		s, ok := b.typeSchema(body.Type, body.Pos)
		if !ok {
			b.warnf(body.Pos, "untyped-body", "request body names no type; sent as a JSON object")
			s = &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"object"}}}
		}
		content = openapi3.NewContentWithJSONSchemaRef(s)
	case parser.BodyParams:
		key := pageStem(b.p.Path) + "RequestBody"
		if _, ok := b.doc.Components.Schemas[key]; !ok {
			b.doc.Components.Schemas[key] = b.paramsSchema(body.Params)
		}
		content = openapi3.NewContentWithJSONSchemaRef(&openapi3.SchemaRef{Ref: schemaRef(key)})
	case parser.BodyStream:
		ct := body.ContentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		content = openapi3.Content{ct: {Schema: &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"string"}, Format: "binary"}}}}
	default:
		return
	}
	op.RequestBody = &openapi3.RequestBodyRef{Value: &openapi3.RequestBody{Required: true, Content: content}}
}

// paramsSchema is the object schema of a request body parameter table.
func (b *builder) paramsSchema(params []parser.Param) *openapi3.SchemaRef {
	s := &openapi3.Schema{Type: &openapi3.Types{"object"}, Properties: openapi3.Schemas{}}
	target := b.bodyTarget()
	for _, row := range params {
		name := strings.TrimSpace(row.Name)
		if name == "" {
			continue
		}
		if !propertyName(name) {
			// A broken table row: a description line read as a row.
			b.warnf(row.Pos, "bad-param-name", "body parameter name %q is not a name; row skipped", name)
			continue
		}
		if _, dup := s.Properties[name]; dup {
			b.warnf(row.Pos, "duplicate-param", "body parameter %q is listed twice; the first is kept", name)
			continue
		}
		ps, ok := b.bodyRowType(target, row)
		if !ok {
			b.warnf(row.Pos, "untyped-param", "body parameter %q has no type; left untyped", name)
			ps = &openapi3.SchemaRef{Value: &openapi3.Schema{}}
		}
		s.Properties[name] = withDescription(ps, row.Description)
		if row.Required {
			s.Required = append(s.Required, name)
		}
	}
	xgraph.WriteSchema(s, xgraph.Schema{Source: b.source(b.p.Body.Pos), Generated: true})
	return &openapi3.SchemaRef{Value: s}
}

// bodyTarget is the resource type whose properties a request body table of
// this page sets: on a page that creates or updates (PATCH, PUT, or POST
// that is no action), the type the page returns, else the type its file
// name starts with (event-update.md updates an event); "" otherwise.
func (b *builder) bodyTarget() string {
	writes := false
	for _, sec := range b.p.Requests {
		for _, line := range sec.Lines {
			switch strings.ToUpper(line.Method) {
			case http.MethodPatch, http.MethodPut:
				writes = true
			case http.MethodPost:
				writes = writes || len(line.Segments) > 0 && b.action(buildVariant(line)) == ""
			}
		}
	}
	if !writes {
		return ""
	}
	r := b.p.Response
	if r.Kind == parser.RespObject && !r.Type.Collection {
		if n := b.idx.typeName(normalizeType(r.Type), b.ns); b.idx.known(n) && !b.idx.isEnum(n) {
			return b.idx.spelling(n)
		}
	}
	stem, _, _ := strings.Cut(linkStem(b.p.Path), "-")
	if n := b.idx.typeName(parser.TypeRef{Name: stem}, b.ns); stem != "" && b.idx.known(n) && !b.idx.isEnum(n) {
		return b.idx.spelling(n)
	}
	return ""
}

// bodyRowType is the schema of a request body table row. A row that names
// a property of the target resource (bodyTarget) with a weaker type than
// the resource declares takes the resource's: the item type without
// "collection" where the resource has a collection of it (event-update.md
// writes attendees as "Attendee"), or String where the resource has an
// enumeration (importance).
func (b *builder) bodyRowType(target string, row parser.Param) (*openapi3.SchemaRef, bool) {
	if target != "" {
		if d, ok := b.idx.property(target, row.Name); ok {
			res, tab := normalizeType(d.t), normalizeType(row.Type)
			rn := b.idx.typeName(res, d.ns)
			if isPrimitive(res) {
				rn = strings.ToLower(bareName(res.Name))
			}
			tn := b.idx.typeName(tab, b.ns)
			if isPrimitive(tab) {
				tn = strings.ToLower(bareName(tab.Name))
			}
			upgrade := strings.TrimSpace(tab.Name) == "" && tab.Link == "" ||
				strings.EqualFold(rn, tn) && res.Collection && !tab.Collection ||
				tn == "string" && !isPrimitive(res) && b.idx.isEnum(rn) && (res.Collection || !tab.Collection)
			if upgrade {
				saved := b.ns
				b.ns = d.ns
				s, ok := b.typeSchema(res, row.Pos)
				b.ns = saved
				return s, ok
			}
		}
	}
	return b.typeSchema(row.Type, row.Pos)
}

// withDescription sets the description of an inline schema; a $ref keeps
// no siblings.
func withDescription(s *openapi3.SchemaRef, desc string) *openapi3.SchemaRef {
	if s.Ref == "" && s.Value != nil && desc != "" {
		s.Value.Description = desc
	}
	return s
}

// responseOf is the response of one path variant: a path ending in $value
// is the stream, a path that does not is the JSON object, when the page
// documents both (r.Alt); a $value path is a stream whatever the page says.
func responseOf(r parser.Response, v variant) parser.Response {
	value := strings.HasSuffix(v.Path, "/$value")
	if r.Alt != nil && value != (r.Kind == parser.RespStream) {
		alt := *r.Alt
		alt.Location = alt.Location || r.Location
		return alt
	}
	if value && (r.Kind == parser.RespObject || r.Kind == parser.RespUnknown) {
		r.Kind, r.Type = parser.RespStream, parser.TypeRef{}
	}
	return r
}

// statusTexts are the keys and the descriptions (http.StatusText) of the
// HTTP statuses, made once: each response had a string of each. The
// descriptions are shared, as nothing sets the text a response's
// Description points to.
var statusTexts = func() (t [600]struct {
	key  string
	desc *string
}) {
	for st := 100; st < len(t); st++ {
		t[st].key = strconv.Itoa(st)
		if desc := http.StatusText(st); desc != "" {
			t[st].desc = &desc
		}
	}
	return t
}()

// statusKey is a status's response key and its description, nil when
// http.StatusText has none.
func statusKey(st int) (string, *string) {
	if st >= 100 && st < len(statusTexts) {
		return statusTexts[st].key, statusTexts[st].desc
	}
	return strconv.Itoa(st), nil
}

// responses adds the documented responses and the default error.
func (b *builder) responses(op *openapi3.Operation, v variant) {
	r := responseOf(b.p.Response, v)
	op.Responses = openapi3.NewResponses()
	op.Responses.Set("default", b.shared.errorRef)
	statuses := r.Statuses
	// The success response is the lowest documented 2xx/3xx, the one
	// rule xgraph.SuccessResponse reads back: the Location header goes
	// there, not to the first listed.
	success := xgraph.SuccessStatus(statuses)
	if success == 0 {
		// The response section gives no success status: take the first
		// response example's, else assume one from the response kind.
		for _, ex := range b.p.Examples {
			if strings.EqualFold(ex.BlockType, "response") && xgraph.IsSuccess(ex.Status) {
				success = ex.Status
				break
			}
		}
	}
	if success != 0 && !slices.Contains(statuses, success) {
		statuses = append([]int{success}, statuses...)
	}
	if success == 0 {
		x, _ := xgraph.ReadOperation(op)
		x.StatusAssumed = true
		xgraph.WriteOperation(op, x)
		switch r.Kind {
		case parser.RespNone:
			success = http.StatusNoContent
		case parser.RespRedirect:
			success = http.StatusFound
		default:
			success = http.StatusOK
		}
		statuses = append([]int{success}, statuses...)
	}
	content := b.successContent(r)
	// A redirect always has a Location header. Otherwise the Location
	// the section mentions is the success response's (a 201 or a 202
	// with the operation's status): not a 200's that the page documents
	// beside a 302 (the reports' JSON form beside their CSV redirect).
	redirect := func(st int) bool {
		return st == http.StatusFound || st == http.StatusSeeOther || st == http.StatusMovedPermanently
	}
	successLocation := r.Location && !slices.ContainsFunc(statuses, redirect)
	for _, st := range statuses {
		key, descp := statusKey(st)
		if op.Responses.Value(key) != nil {
			continue
		}
		if descp == nil {
			desc := "Status " + key
			descp = &desc
		}
		resp := &openapi3.Response{Description: descp}
		if st >= 200 && st < 300 && st != http.StatusNoContent && r.Kind != parser.RespNone {
			resp.Content = content
		}
		if successLocation && st == success || redirect(st) {
			resp.Headers = openapi3.Headers{"Location": {Value: &openapi3.Header{Parameter: openapi3.Parameter{
				Description: "The URL of the result or of the operation's status.",
				Schema:      stringParamRef,
			}}}}
		}
		op.Responses.Set(key, &openapi3.ResponseRef{Value: resp})
	}
}

// successContent is the content of the success response.
func (b *builder) successContent(r parser.Response) openapi3.Content {
	switch r.Kind {
	case parser.RespNone, parser.RespRedirect, parser.RespUnknown:
		return nil
	case parser.RespStream:
		return openapi3.Content{"application/octet-stream": {Schema: &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"string"}, Format: "binary"}}}}
	}
	t := r.Type
	if strings.EqualFold(bareName(t.Name), "stream") {
		return openapi3.Content{"application/octet-stream": {Schema: &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"string"}, Format: "binary"}}}}
	}
	enum := !t.Collection && r.Kind != parser.RespCollection && b.idx.isEnum(b.idx.typeName(normalizeType(t), b.ns))
	if isPrimitive(t) || r.Kind == parser.RespPrimitive && t.Name == "" || enum {
		// A primitive or enumeration value (or a collection of primitives)
		// in "value": Graph wraps every value that is not an object.
		vs, ok := b.typeSchema(t, r.Pos)
		if !ok {
			vs = &openapi3.SchemaRef{Value: &openapi3.Schema{}}
		}
		want := &openapi3.Schema{Type: &openapi3.Types{"object"}, Properties: openapi3.Schemas{"value": vs}}
		xgraph.WriteSchema(want, xgraph.Schema{Source: b.source(r.Pos), Generated: true})
		// One schema per value type: a variant whose own example says
		// "Collection(Edm.String)" gets NAMEResponse2 beside NAMEResponse.
		key := pageStem(b.p.Path) + "Response"
		for n := 2; ; n++ {
			old, ok := b.doc.Components.Schemas[key]
			if !ok {
				b.doc.Components.Schemas[key] = &openapi3.SchemaRef{Value: want}
				break
			}
			if sameJSON(old.Value, want) {
				break
			}
			key = pageStem(b.p.Path) + "Response" + strconv.Itoa(n)
		}
		return openapi3.NewContentWithJSONSchemaRef(&openapi3.SchemaRef{Ref: schemaRef(key)})
	}
	item, ok := b.itemSchema(t, r.Pos)
	if !ok {
		b.warnf(r.Pos, "untyped-response", "response names no type; returned as a JSON object")
		return openapi3.NewContentWithJSONSchemaRef(&openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"object"}}})
	}
	if r.Kind == parser.RespCollection || t.Collection {
		if item.Ref == "" {
			return openapi3.NewContentWithJSONSchemaRef(&openapi3.SchemaRef{Value: collectionSchema(item)})
		}
		key := strings.TrimPrefix(item.Ref, "#/components/schemas/") + "CollectionResponse"
		if _, ok := b.doc.Components.Schemas[key]; !ok {
			b.doc.Components.Schemas[key] = &openapi3.SchemaRef{Value: collectionSchema(item)}
		}
		return openapi3.NewContentWithJSONSchemaRef(&openapi3.SchemaRef{Ref: schemaRef(key)})
	}
	return openapi3.NewContentWithJSONSchemaRef(item)
}

// collectionSchema is {"value": [item], "@odata.nextLink": string}.
func collectionSchema(item *openapi3.SchemaRef) *openapi3.Schema {
	s := &openapi3.Schema{
		Type: &openapi3.Types{"object"},
		Properties: openapi3.Schemas{
			"value":           {Value: &openapi3.Schema{Type: &openapi3.Types{"array"}, Items: item}},
			"@odata.nextLink": {Value: &openapi3.Schema{Type: &openapi3.Types{"string"}, Nullable: true}},
		},
	}
	xgraph.WriteSchema(s, xgraph.Schema{Generated: true})
	return s
}
