package spec

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/xgraph"
)

// Validate checks the document with kin-openapi: every $ref must resolve,
// every path parameter must be declared, every example must fit its
// schema, and so on: kin-openapi's default validation. All problems are
// reported, one per line.
//
// Validate resolves the document's references in place (each $ref gets
// its Value), as a loader reading the marshaled document would; the
// marshaled bytes do not change. So a document that validated can go to
// the client generator as it is, without a marshal and reload.
//
// The verdict is kin-openapi's (doc.Validate), reached faster (validFast):
// kin-openapi validates the schema graph again from every media type and
// component, with a fresh visited set each time (432k schema visits for
// 14.7k distinct schemas on the v1.0 docs). Validate checks each schema
// once, and runs kin-openapi's own validation only for the messages of a
// document that does not pass.
func Validate(doc *openapi3.T) error {
	if err := resolveRefs(doc); err != nil {
		return fmt.Errorf("openapi document has 1 problem(s):\n\tresolve references: %w", err)
	}
	return validateResolved(doc)
}

// validateResolved is Validate on a document whose references are
// resolved already. It only reads the document, so it may run beside
// others reading it (the client generator); the three steps of validFast
// run on three goroutines.
func validateResolved(doc *openapi3.T) error {
	return validateResolvedWith(doc, true)
}

// validateResolvedWith is validateResolved with validFast's steps on one
// goroutine (parallel false), for a validation that runs beside other
// work, or on three.
func validateResolvedWith(doc *openapi3.T, parallel bool) error {
	return validateFitted(doc, parallel, fittedMedia{})
}

// validateFitted is validateResolvedWith on a document fitExamples has
// fitted, with the media types it checked (see validFastFitted).
func validateFitted(doc *openapi3.T, parallel bool, fitted fittedMedia) error {
	if validFastFitted(doc, parallel, fitted) {
		return nil
	}
	err := doc.Validate(context.Background(), validationOptions()...)
	if err == nil {
		return nil
	}
	var problems []string
	var me openapi3.MultiError
	if errors.As(err, &me) {
		for _, e := range me {
			problems = append(problems, e.Error())
		}
	} else {
		problems = []string{err.Error()}
	}
	return fmt.Errorf("openapi document has %d problem(s):\n\t%s", len(problems), strings.Join(problems, "\n\t"))
}

func validationOptions() []openapi3.ValidationOption {
	return []openapi3.ValidationOption{openapi3.EnableMultiError(), openapi3.AllowExtensionsWithRef()}
}

// validFast reports whether doc.Validate (with validationOptions) would
// find no problem, validating each schema once. It is exact: true exactly
// when kin-openapi's validation passes.
//
// Why it is exact. kin-openapi validates a schema by checking the
// schema's own keywords and recursing into its subschemas, with the same
// options all the way down (a media type drops only the request/response
// direction, which only example values use), memoized in a visited set
// that starts empty at each component schema and media type. So every
// schema reachable from those roots passes, each validated once, exactly
// when each root passes on its own: step 1 validates one synthetic schema
// whose properties are all the roots, in a single visited set. Step 2 is
// kin-openapi's validation of everything else: a shadow of the document
// (validShadow) in which each root is an empty schema. What the
// replacement leaves out besides the schemas themselves is the media
// types' examples validated against their schemas; step 3 does that as
// kin-openapi does (validateExampleValue: all errors, as a request in a
// request body, as a response in a response). Callbacks and webhooks
// would reach media types in other ways; a document with either takes
// the slow path.
//
// The steps only read the document (the shadow is made of copies of
// the containers above the swapped schemas), so validFast may run beside
// other readers of it, and its steps beside each other.
func validFast(doc *openapi3.T) bool {
	return validFastWith(doc, true)
}

// validFastWith is validFast with its steps on three goroutines
// (parallel) or in turn on the calling one.
func validFastWith(doc *openapi3.T, parallel bool) bool {
	return validFastFitted(doc, parallel, fittedMedia{})
}

// validFastFitted is validFastWith on a document fitExamples has fitted:
// fitted holds the media types it checked (fitExamplesBy). Step 3 does
// not check again the examples of a media type fitted holds in the same
// direction against the same schema where fitExamples' check and
// kin-openapi's agree (fitAgrees): they passed the one, so they pass the
// other. fitted empty is validFastWith.
func validFastFitted(doc *openapi3.T, parallel bool, fitted fittedMedia) bool {
	if len(doc.Webhooks) > 0 || doc.Components != nil && len(doc.Components.Callbacks) > 0 {
		return false
	}
	sh, ok := newValidShadow(doc)
	if !ok {
		return false
	}
	ctx := context.Background()
	// 1. every schema, once
	schemas := func() bool {
		all := make(openapi3.Schemas, len(sh.roots))
		for i, r := range sh.roots {
			all[strconv.Itoa(i)] = r
		}
		return (&openapi3.Schema{Properties: all}).Validate(ctx, validationOptions()...) == nil
	}
	// 2. the rest of the document, with each root an empty schema
	rest := func() bool { return validRest(ctx, sh.doc) }
	// 3. the media types' examples against their schemas
	examples := func() bool {
		agrees := fitAgreement{roots: sh.roots, walked: fitted.monotone, monotone: fitted.monotone}
		for _, m := range sh.medias {
			s := sh.schema[m]
			fs, ok := fitted.media[m]
			if !examplesFitChecked(m.mt, s, m.asReq, ok && fs == s && agrees.on(m.asReq)) {
				return false
			}
		}
		return true
	}
	if !parallel {
		return schemas() && rest() && examples()
	}
	schemasOK, restOK := make(chan bool, 1), make(chan bool, 1)
	go func() { schemasOK <- schemas() }()
	go func() { restOK <- rest() }()
	examplesOK := examples()
	return <-schemasOK && <-restOK && examplesOK
}

// validShadow is what validFast's steps read of a document: the schemas
// at the roots of its schema graph (the component schemas and those of
// the request bodies' and responses' media types), the media types with
// the schema of their examples, and a shadow of the document in which
// each root is replaced by an empty schema. The shadow shares everything
// with the document but the containers on the way to a replaced schema,
// which are copies: the document is not written.
type validShadow struct {
	doc    *openapi3.T
	roots  []*openapi3.SchemaRef
	medias []validMedia
	schema map[validMedia]*openapi3.Schema // the schema of each media's examples

	mediaTypes map[*openapi3.MediaType]*openapi3.MediaType // each shadowed media type's copy
	bodies     map[*openapi3.RequestBody]*openapi3.RequestBody
	responses  map[*openapi3.Response]*openapi3.Response
	failed     bool            // a media type's schema is not resolved
	empty      openapi3.Schema // the value of every replaced schema
}

// validMedia is a media type whose examples are validated as a request
// (asReq) or as a response.
type validMedia struct {
	mt    *openapi3.MediaType
	asReq bool
}

// newValidShadow makes the shadow of doc; false when validFast cannot
// give the verdict (a schema that is not resolved: kin-openapi reports
// it).
func newValidShadow(doc *openapi3.T) (*validShadow, bool) {
	sh := &validShadow{
		schema:     map[validMedia]*openapi3.Schema{},
		mediaTypes: map[*openapi3.MediaType]*openapi3.MediaType{},
		bodies:     map[*openapi3.RequestBody]*openapi3.RequestBody{},
		responses:  map[*openapi3.Response]*openapi3.Response{},
	}
	shadow := *doc
	if c := doc.Components; c != nil {
		comp := *c
		if len(c.Schemas) > 0 {
			comp.Schemas = make(openapi3.Schemas, len(c.Schemas))
			for name, r := range c.Schemas {
				if r == nil || r.Value == nil {
					return nil, false
				}
				sh.roots = append(sh.roots, r)
				comp.Schemas[name] = sh.emptySchema(r)
			}
		}
		if len(c.RequestBodies) > 0 {
			comp.RequestBodies = make(openapi3.RequestBodies, len(c.RequestBodies))
			for name, r := range c.RequestBodies {
				comp.RequestBodies[name] = sh.bodyRef(r)
			}
		}
		if len(c.Responses) > 0 {
			comp.Responses = make(openapi3.ResponseBodies, len(c.Responses))
			for name, r := range c.Responses {
				comp.Responses[name] = sh.responseRef(r)
			}
		}
		shadow.Components = &comp
	}
	if doc.Paths != nil {
		paths := openapi3.NewPathsWithCapacity(doc.Paths.Len())
		paths.Extensions, paths.Origin = doc.Paths.Extensions, doc.Paths.Origin
		for key, item := range doc.Paths.Map() {
			if item != nil {
				if item, ok := sh.pathItem(item); ok {
					paths.Set(key, item)
				} else {
					return nil, false
				}
				continue
			}
			paths.Set(key, item)
		}
		shadow.Paths = paths
	}
	if sh.failed {
		return nil, false
	}
	sh.doc = &shadow
	return sh, true
}

// emptySchema is r with the empty schema for its value.
func (sh *validShadow) emptySchema(r *openapi3.SchemaRef) *openapi3.SchemaRef {
	s := *r
	s.Value = &sh.empty
	return &s
}

// pathItem is the shadow of item: its operations' shadows (the fixed
// methods', and the additional operations a fixed one does not shadow);
// false for an operation with callbacks.
func (sh *validShadow) pathItem(item *openapi3.PathItem) (*openapi3.PathItem, bool) {
	c := *item
	for _, m := range fixedMethods {
		if op := item.GetOperation(m); op != nil {
			o, ok := sh.operation(op)
			if !ok {
				return nil, false
			}
			c.SetOperation(m, o)
		}
	}
	if len(item.AdditionalOperations) > 0 {
		c.AdditionalOperations = make(map[string]*openapi3.Operation, len(item.AdditionalOperations))
		for method, op := range item.AdditionalOperations {
			if op != nil && !(slices.Contains(fixedMethods[:], method) && item.GetOperation(method) != nil) {
				o, ok := sh.operation(op)
				if !ok {
					return nil, false
				}
				op = o
			}
			c.AdditionalOperations[method] = op
		}
	}
	return &c, true
}

// operation is the shadow of op: its request body's and responses'.
func (sh *validShadow) operation(op *openapi3.Operation) (*openapi3.Operation, bool) {
	if len(op.Callbacks) > 0 {
		return nil, false
	}
	c := *op
	c.RequestBody = sh.bodyRef(op.RequestBody)
	if op.Responses != nil && op.Responses.Len() > 0 {
		rs := openapi3.NewResponsesWithCapacity(op.Responses.Len())
		rs.Extensions, rs.Origin = op.Responses.Extensions, op.Responses.Origin
		for key, r := range xgraph.Responses(op.Responses) {
			rs.Set(key, sh.responseRef(r))
		}
		c.Responses = rs
	}
	return &c, true
}

func (sh *validShadow) bodyRef(r *openapi3.RequestBodyRef) *openapi3.RequestBodyRef {
	if r == nil || r.Value == nil {
		return r
	}
	c := *r
	c.Value = shadowOf(sh.bodies, r.Value, func(b *openapi3.RequestBody) { b.Content = sh.content(b.Content, true) })
	return &c
}

func (sh *validShadow) responseRef(r *openapi3.ResponseRef) *openapi3.ResponseRef {
	if r == nil || r.Value == nil {
		return r
	}
	c := *r
	c.Value = shadowOf(sh.responses, r.Value, func(v *openapi3.Response) { v.Content = sh.content(v.Content, false) })
	return &c
}

// shadowOf is the shadow of v, made once per value (seen holds those made):
// a copy, changed by shadow.
func shadowOf[T any](seen map[*T]*T, v *T, shadow func(*T)) *T {
	if s, ok := seen[v]; ok {
		return s
	}
	c := *v
	shadow(&c)
	seen[v] = &c
	return &c
}

// content is the shadow of the content of a request body (asReq) or a
// response: each media type with a schema is a copy with an empty
// schema, its schema a root.
func (sh *validShadow) content(c openapi3.Content, asReq bool) openapi3.Content {
	if c == nil {
		return nil
	}
	out := make(openapi3.Content, len(c))
	for name, mt := range c {
		out[name] = mt
		if mt == nil || mt.Schema == nil {
			continue
		}
		m := validMedia{mt, asReq}
		if _, ok := sh.schema[m]; ok {
			out[name] = sh.mediaTypes[mt]
			continue
		}
		if v, ok := sh.schema[validMedia{mt, !asReq}]; ok {
			sh.schema[m] = v
			sh.medias = append(sh.medias, m) // its schema is a root already
			out[name] = sh.mediaTypes[mt]
			continue
		}
		if mt.Schema.Value == nil {
			sh.failed = true // unresolved: kin-openapi reports it
			continue
		}
		sh.schema[m] = mt.Schema.Value
		sh.roots = append(sh.roots, mt.Schema)
		sh.medias = append(sh.medias, m)
		s := *mt
		s.Schema = sh.emptySchema(mt.Schema)
		sh.mediaTypes[mt] = &s
		out[name] = &s
	}
	return out
}

// examplesFit reports whether the examples of a media type fit s as
// kin-openapi's validation checks them.
func examplesFit(mt *openapi3.MediaType, s *openapi3.Schema, asReq bool) bool {
	return examplesFitChecked(mt, s, asReq, false)
}

// examplesFitChecked is examplesFit, knowing that the entries of
// mt.Examples that have a value fit s (fitted) and need no check.
func examplesFitChecked(mt *openapi3.MediaType, s *openapi3.Schema, asReq, fitted bool) bool {
	dir := openapi3.VisitAsResponse()
	if asReq {
		dir = openapi3.VisitAsRequest()
	}
	if mt.Example != nil {
		if s.VisitJSON(mt.Example, openapi3.MultiErrors(), dir) != nil {
			return false
		}
	}
	for _, ex := range mt.Examples {
		if ex == nil || ex.Value == nil {
			return false
		}
		if !fitted && s.VisitJSON(ex.Value.Value, openapi3.MultiErrors(), dir) != nil {
			return false
		}
	}
	return true
}

// fitAgreement tells whether an example that passed fitExamples' check
// (exampleFits) passes kin-openapi's (examplesFit's) too, in a direction,
// against any schema of a document whose schema graph has the roots.
//
// Both are Schema.VisitJSON with kin-openapi's OpenAPI 3.0 validator (no
// option of either asks for the JSON Schema 2020 one) and the same
// direction (but for Build's response check of a document without
// writeOnly schemas, fitPlain, which has none: the visits differ only at
// writeOnly properties and at defaults). Their other options:
//   - fitExamples' message customizer only writes the messages
//     (SchemaError.Error): it changes no verdict;
//   - kin-openapi's MultiErrors collects every error where the validator
//     returns the first: at each check it either returns the error or
//     appends it and returns what it collected, so a value passes with it
//     exactly when it passes without it; neither sets defaults (no
//     DefaultsSet), so the value is not changed either;
//   - as a response, fitExamples also checks the strings of the formats
//     base64 and time (decodedFormats), which kin-openapi's default
//     checks not at all (SchemaStringFormats has neither), and then
//     unknownKeys: a stricter check at the strings, and a check after.
//
// A request example that passed the one passes the other. A response
// example does when being stricter at a string cannot help a value pass:
// when no schema of the graph has "not" or "oneOf" (passing fewer of
// oneOf's alternatives, or failing "not"'s schema, can), since every other
// keyword of the validator (allOf, anyOf, items, properties,
// additionalProperties, and the checks of the value itself) passes a
// value only when its subschemas pass it. For the documents Build makes
// (no "not", no "oneOf") the two agree in both directions.
type fitAgreement struct {
	roots []*openapi3.SchemaRef

	// monotone: no schema has "not" or "oneOf", known once walked (or
	// given: walked and monotone true)
	walked, monotone bool
}

// on reports whether the checks agree in a direction (asReq: as a
// request).
func (a *fitAgreement) on(asReq bool) bool {
	if asReq {
		return true
	}
	if !a.walked {
		a.walked = true
		a.monotone = noNotOrOneOf(a.roots)
	}
	return a.monotone && decodedFormatsUnchecked()
}

// decodedFormatsUnchecked reports whether kin-openapi's default
// validation checks none of decodedFormats' formats.
func decodedFormatsUnchecked() bool {
	for format := range decodedFormats {
		if _, ok := openapi3.SchemaStringFormats[format]; ok {
			return false
		}
	}
	return true
}

// noNotOrOneOf reports whether no schema of the graph from roots that
// kin-openapi's 3.0 validator visits has "not" or "oneOf" (false at a
// schema not resolved: kin-openapi reports it).
func noNotOrOneOf(roots []*openapi3.SchemaRef) bool {
	seen := map[*openapi3.Schema]bool{}
	stack := slices.Clone(roots)
	for len(stack) > 0 {
		r := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if r == nil {
			continue
		}
		s := r.Value
		if s == nil {
			return false
		}
		if seen[s] {
			continue
		}
		seen[s] = true
		if s.Not != nil || len(s.OneOf) > 0 {
			return false
		}
		if s.Items != nil {
			stack = append(stack, s.Items)
		}
		for _, p := range s.Properties {
			stack = append(stack, p)
		}
		if s.AdditionalProperties.Schema != nil {
			stack = append(stack, s.AdditionalProperties.Schema)
		}
		stack = append(stack, s.AllOf...)
		stack = append(stack, s.AnyOf...)
	}
	return true
}

// validRest reports whether doc.Validate (with validationOptions) passes,
// for a document with neither webhooks nor callbacks. It is exact: the
// paths are validated apart (Paths.Validate, with the options doc.Validate
// would give it) and the document without them, and the one check of the
// paths that doc.Validate makes itself, that every security requirement of
// an operation names a declared security scheme (3.0 and 3.1 only), is
// made here: kin-openapi's makes a JSON pointer per path with a
// strings.Replacer built for each (the paths hold a "/"), most of the
// validation's allocations on the v1.0 docs.
func validRest(ctx context.Context, doc *openapi3.T) bool {
	opts := validationOptions()
	if doc.IsOpenAPI31OrLater() {
		opts = append(opts, openapi3.IsOpenAPI31OrLater())
	}
	if doc.IsOpenAPI32OrLater() {
		opts = append(opts, openapi3.IsOpenAPI32OrLater())
	}
	paths := doc.Paths
	if paths == nil {
		return doc.Validate(ctx, validationOptions()...) == nil
	}
	if paths.Validate(ctx, opts...) != nil {
		return false
	}
	noPaths := *doc
	noPaths.Paths = openapi3.NewPaths()
	if noPaths.Validate(ctx, validationOptions()...) != nil {
		return false
	}
	if v := doc.OpenAPIMajorMinor(); v != "3.0" && v != "3.1" {
		return true
	}
	var schemes openapi3.SecuritySchemes
	if doc.Components != nil {
		schemes = doc.Components.SecuritySchemes
	}
	for _, item := range paths.Map() {
		if item == nil {
			continue
		}
		for op := range operationsOf(item) {
			if op.Security == nil {
				continue
			}
			for _, req := range *op.Security {
				for name := range req {
					if _, ok := schemes[name]; !ok {
						return false
					}
				}
			}
		}
	}
	return true
}
