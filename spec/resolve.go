package spec

import (
	"maps"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/xgraph"
)

// resolveLocal gives every $ref of doc its Value as kin-openapi's loader
// does (Loader.ResolveRefsIn) for the documents Build makes, and reports
// false, with doc as it was, for a document holding anything else (a
// $ref it cannot resolve, a kind of reference or field Build does not
// make): the loader then resolves it, or reports why it cannot.
//
// What the loader does, for a document held in memory: it walks the
// components and the paths, and a $ref whose Value is nil gets the Value
// of the component it names (the component being a value, not a $ref
// itself); a $ref with a Value is left as it is and not descended into.
// It descends into every value it reaches, again at each reference (only
// a cycle stops it), sorting names at each level: most of its time on the
// v1.0 docs. The same walk, each value once, gives the same Values. The
// loader also records where each reference points (used only to
// internalize references of other files), which nothing here reads.
//
// The components and the paths are walked on two goroutines, each
// reading the document and recording the Values to give; they are given
// once both walks succeeded. A reference to a component is not descended
// into: every component is walked as such, as the loader's walk of the
// components does before the paths (so the loader's walk of the paths
// finds each component visited already).
func resolveLocal(doc *openapi3.T) bool {
	ok, _ := resolveLocalGraph(doc)
	return ok
}

// resolveLocalGraph is resolveLocal, also reporting whether the walk saw
// every schema of the document and none has "not" or "oneOf" (monotone:
// see fitAgreement). A $ref that has its Value already is not descended
// into, so its schema may be one the walk does not see: monotone is then
// false.
func resolveLocalGraph(doc *openapi3.T) (ok, monotone bool) {
	return walkLocalPaths(doc).resolve()
}

// localWalk is resolveLocalGraph in two steps (walkLocalPaths, then
// resolve), so that the caller may change the components' schemas while
// the paths are walked.
type localWalk struct {
	// comps and more walk the components (more half their schemas),
	// paths the paths; nil: the document is not for resolveLocal
	comps, more, paths *localResolver
	pathsOK            chan bool
	// writeOnly, once resolve succeeded: a schema walked is writeOnly
	// (with monotone, the walk saw every schema of the document)
	writeOnly bool
}

// walkLocalPaths starts resolveLocalGraph: the walk of the paths, on a
// goroutine of its own. That walk reads of the components only which
// there are (a reference to one is not descended into), so until resolve
// is called the caller may change what the components' schemas hold, not
// which components there are, nor the paths.
func walkLocalPaths(doc *openapi3.T) *localWalk {
	w := &localWalk{}
	if doc.IsOpenAPI31OrLater() || len(doc.Webhooks) > 0 {
		return w
	}
	if c := doc.Components; c != nil && (len(c.Links) > 0 || len(c.Callbacks) > 0) {
		return w
	}
	w.comps, w.more, w.paths = newLocalResolver(doc), newLocalResolver(doc), newLocalResolver(doc)
	w.pathsOK = make(chan bool, 1)
	go func() { w.pathsOK <- w.paths.paths() }()
	return w
}

// resolve is the rest of resolveLocalGraph: the walk of the components,
// and once both walks succeeded the Values given.
func (w *localWalk) resolve() (ok, monotone bool) {
	if w.paths == nil {
		return false, false
	}
	// The components' schemas in two halves, the caller's and another
	// goroutine's, each with a resolver of its own: a schema inside
	// components of both halves is walked by both, as one inside a
	// component and a path is.
	var schemas []*openapi3.SchemaRef
	if c := w.comps.doc.Components; c != nil {
		schemas = slices.Collect(maps.Values(c.Schemas))
	}
	half := len(schemas) / 2
	moreOK := make(chan bool, 1)
	go func() { moreOK <- w.more.schemaList(schemas[half:]) }()
	compsOK := w.comps.components(schemas[:half])
	if !<-moreOK || !<-w.pathsOK || !compsOK {
		return false, false
	}
	w.comps.give()
	w.more.give()
	w.paths.give()
	w.writeOnly = w.comps.writeOnly || w.more.writeOnly || w.paths.writeOnly
	return true, !w.comps.notMonotone && !w.more.notMonotone && !w.paths.notMonotone
}

type localResolver struct {
	doc *openapi3.T
	// schemas are the schemas walked that hold others. Parameters and
	// responses are walked at each use: Build makes each for one
	// operation (on v1.0, 6,706 parameters and 3,141 responses, none
	// shared), and nothing inside one leads back to one.
	schemas map[*openapi3.Schema]bool

	// notMonotone: a schema walked has "not" or "oneOf", or a $ref with a
	// Value was not descended into
	notMonotone bool
	// writeOnly: a schema walked is writeOnly
	writeOnly bool

	// the references found, each with the Value to give it
	schemaRefs   []resolvedRef[openapi3.SchemaRef, openapi3.Schema]
	paramRefs    []resolvedRef[openapi3.ParameterRef, openapi3.Parameter]
	responseRefs []resolvedRef[openapi3.ResponseRef, openapi3.Response]
}

// resolvedRef is a reference and the Value it is to have.
type resolvedRef[R, V any] struct {
	ref   *R
	value *V
}

func newLocalResolver(doc *openapi3.T) *localResolver {
	return &localResolver{doc: doc, schemas: map[*openapi3.Schema]bool{}}
}

// give gives the references found their Values.
func (r *localResolver) give() {
	for _, x := range r.schemaRefs {
		x.ref.Value = x.value
	}
	for _, x := range r.paramRefs {
		x.ref.Value = x.value
	}
	for _, x := range r.responseRefs {
		x.ref.Value = x.value
	}
}

// componentName is the name a local reference to a component of the
// section (#/components/<section>/<name>) gives, when it is a plain name
// (no escapes, nothing a URL parser would decode).
func componentName(ref, section string) (string, bool) {
	name, ok := strings.CutPrefix(ref, "#/components/"+section+"/")
	if !ok || name == "" {
		return "", false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-') {
			return "", false
		}
	}
	return name, true
}

// components walks the components of the document, of its schemas only
// those given.
func (r *localResolver) components(schemas []*openapi3.SchemaRef) bool {
	c := r.doc.Components
	if c == nil {
		return true
	}
	for _, h := range c.Headers {
		if !r.header(h) {
			return false
		}
	}
	for _, p := range c.Parameters {
		if !r.parameter(p) {
			return false
		}
	}
	for _, b := range c.RequestBodies {
		if !r.requestBody(b) {
			return false
		}
	}
	for _, resp := range c.Responses {
		if !r.response(resp) {
			return false
		}
	}
	if !r.schemaList(schemas) {
		return false
	}
	for _, s := range c.SecuritySchemes {
		if s == nil || s.Value == nil {
			return false // a $ref, or empty
		}
	}
	for _, e := range c.Examples {
		if !example(e) {
			return false
		}
	}
	return true
}

// schemaList walks schemas.
func (r *localResolver) schemaList(schemas []*openapi3.SchemaRef) bool {
	for _, s := range schemas {
		if !r.schema(s) {
			return false
		}
	}
	return true
}

// paths walks the paths of the document.
func (r *localResolver) paths() bool {
	for _, item := range r.doc.Paths.Map() {
		if item == nil {
			continue
		}
		if item.Ref != "" {
			return false
		}
		for _, p := range item.Parameters {
			if !r.parameter(p) {
				return false
			}
		}
		for op := range operationsOf(item) {
			if len(op.Callbacks) > 0 {
				return false
			}
			for _, p := range op.Parameters {
				if !r.parameter(p) {
					return false
				}
			}
			if op.RequestBody != nil && !r.requestBody(op.RequestBody) {
				return false
			}
			for _, resp := range xgraph.Responses(op.Responses) {
				if !r.response(resp) {
					return false
				}
			}
		}
	}
	return true
}

// example: a value; a $ref (which Build does not make) is left to the
// loader.
func example(e *openapi3.ExampleRef) bool {
	return e != nil && e.Value != nil
}

func (r *localResolver) header(h *openapi3.HeaderRef) bool {
	if h == nil || h.Value == nil {
		return false // empty, or a $ref to resolve
	}
	if h.Ref != "" {
		return true
	}
	v := h.Value
	for _, mt := range v.Content {
		if !r.mediaType(mt) {
			return false
		}
	}
	if v.Schema != nil && !r.schema(v.Schema) {
		return false
	}
	for _, e := range v.Examples {
		if !example(e) {
			return false
		}
	}
	return true
}

func (r *localResolver) parameter(p *openapi3.ParameterRef) bool {
	if p == nil || p.Ref == "" && p.Value == nil {
		return false
	}
	if p.Ref != "" {
		if p.Value != nil {
			return true
		}
		name, ok := componentName(p.Ref, "parameters")
		if !ok || r.doc.Components == nil {
			return false
		}
		t := r.doc.Components.Parameters[name]
		if t == nil || t.Ref != "" || t.Value == nil {
			return false
		}
		r.paramRefs = append(r.paramRefs, resolvedRef[openapi3.ParameterRef, openapi3.Parameter]{p, t.Value})
		return true // the component is walked as such
	}
	v := p.Value
	if v.Content != nil && v.Schema != nil {
		return false
	}
	for _, mt := range v.Content {
		if !r.mediaType(mt) {
			return false
		}
	}
	if v.Schema != nil && !r.schema(v.Schema) {
		return false
	}
	for _, e := range v.Examples {
		if !example(e) {
			return false
		}
	}
	return true
}

func (r *localResolver) requestBody(b *openapi3.RequestBodyRef) bool {
	if b == nil || b.Value == nil {
		return false // empty, or a $ref to resolve
	}
	if b.Ref != "" {
		return true
	}
	for _, mt := range b.Value.Content {
		if !r.mediaType(mt) {
			return false
		}
	}
	return true
}

func (r *localResolver) response(resp *openapi3.ResponseRef) bool {
	if resp == nil || resp.Ref == "" && resp.Value == nil {
		return false
	}
	if resp.Ref != "" {
		if resp.Value != nil {
			return true
		}
		name, ok := componentName(resp.Ref, "responses")
		if !ok || r.doc.Components == nil {
			return false
		}
		t := r.doc.Components.Responses[name]
		if t == nil || t.Ref != "" || t.Value == nil {
			return false
		}
		r.responseRefs = append(r.responseRefs, resolvedRef[openapi3.ResponseRef, openapi3.Response]{resp, t.Value})
		return true // the component is walked as such
	}
	v := resp.Value
	if len(v.Links) > 0 {
		return false
	}
	for _, h := range v.Headers {
		if !r.header(h) {
			return false
		}
	}
	for _, mt := range v.Content {
		if !r.mediaType(mt) {
			return false
		}
	}
	return true
}

func (r *localResolver) mediaType(mt *openapi3.MediaType) bool {
	if mt == nil {
		return true
	}
	if mt.Schema != nil && !r.schema(mt.Schema) {
		return false
	}
	if mt.ItemSchema != nil && !r.schema(mt.ItemSchema) {
		return false
	}
	for _, e := range mt.Examples {
		if !example(e) {
			return false
		}
	}
	return true
}

func (r *localResolver) schema(s *openapi3.SchemaRef) bool {
	if s == nil || s.Ref == "" && s.Value == nil {
		return false
	}
	if s.Ref != "" {
		if s.Value != nil {
			r.notMonotone = true
			return true
		}
		name, ok := componentName(s.Ref, "schemas")
		if !ok || r.doc.Components == nil {
			return false
		}
		t := r.doc.Components.Schemas[name]
		if t == nil || t.Ref != "" || t.Value == nil {
			return false
		}
		r.schemaRefs = append(r.schemaRefs, resolvedRef[openapi3.SchemaRef, openapi3.Schema]{s, t.Value})
		return true // the component is walked as such
	}
	v := s.Value
	if v.WriteOnly {
		r.writeOnly = true
	}
	// A schema holding no other (most properties: of a primitive type)
	// is not remembered: a second visit finds what the first did, and
	// nothing more.
	if !isLeaf(v) {
		if r.schemas[v] {
			return true
		}
		r.schemas[v] = true
	}
	if v.Not != nil || len(v.OneOf) > 0 {
		r.notMonotone = true
	}
	// OpenAPI 3.1 keywords, and mappings the loader may resolve, are left
	// to the loader.
	if len(v.PrefixItems) > 0 || v.Contains != nil || len(v.PatternProperties) > 0 ||
		len(v.DependentSchemas) > 0 || len(v.Defs) > 0 || v.PropertyNames != nil ||
		v.UnevaluatedItems.Schema != nil || v.UnevaluatedProperties.Schema != nil ||
		v.If != nil || v.Then != nil || v.Else != nil || v.ContentSchema != nil {
		return false
	}
	if v.Discriminator != nil {
		for _, m := range v.Discriminator.Mapping {
			if strings.Contains(m.Ref, "/") && !strings.HasPrefix(m.Ref, "#") {
				return false
			}
		}
	}
	if v.Items != nil && !r.schema(v.Items) {
		return false
	}
	for _, p := range v.Properties {
		if !r.schema(p) {
			return false
		}
	}
	if a := v.AdditionalProperties.Schema; a != nil && !r.schema(a) {
		return false
	}
	if v.Not != nil && !r.schema(v.Not) {
		return false
	}
	for _, l := range []openapi3.SchemaRefs{v.AllOf, v.AnyOf, v.OneOf} {
		for _, x := range l {
			if !r.schema(x) {
				return false
			}
		}
	}
	return true
}
