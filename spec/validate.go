package spec

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
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
// resolved already.
func validateResolved(doc *openapi3.T) error {
	return validateResolvedAround(doc, nil)
}

// validateResolvedAround is validateResolved with during (if not nil) run
// first, while the schemas are validated: during may change the document
// but for its schemas (fitExamples removes examples).
func validateResolvedAround(doc *openapi3.T, during func()) error {
	if validFastAround(doc, during) {
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
// kin-openapi's validation of everything else: the document with each
// root replaced by an empty schema (restored before returning). What the
// replacement leaves out besides the schemas themselves is the media
// types' examples validated against their schemas; step 3 does that as
// kin-openapi does (validateExampleValue: all errors, as a request in a
// request body, as a response in a response). Callbacks and webhooks
// would reach media types in other ways; a document with either takes
// the slow path.
//
// The steps read the document and write only the swapped schemas, which
// no other step reads: step 1 runs beside the caller's work (during in
// validFastAround), steps 2 and 3 beside each other.
func validFast(doc *openapi3.T) bool {
	return validFastAround(doc, nil)
}

// validFastAround is validFast with during (if not nil) run on the
// calling goroutine before steps 2 and 3, and beside step 1; during may
// change anything but the schemas and the document's structure (the media
// types and where they are), as fitExamples does, removing examples.
func validFastAround(doc *openapi3.T, during func()) bool {
	ran := false
	runDuring := func() {
		if !ran && during != nil {
			ran = true
			during()
		}
	}
	defer runDuring()
	if len(doc.Webhooks) > 0 || doc.Components != nil && len(doc.Components.Callbacks) > 0 {
		return false
	}
	type media struct {
		mt    *openapi3.MediaType
		asReq bool
	}
	type swap struct {
		mt   *openapi3.MediaType
		orig *openapi3.SchemaRef
	}
	var (
		roots  []*openapi3.SchemaRef
		medias []media
		schema = map[media]*openapi3.Schema{} // the schema of each media's examples
		swaps  []swap
		failed bool
	)
	empty := &openapi3.SchemaRef{Value: &openapi3.Schema{}}
	stub := func(r *openapi3.SchemaRef) *openapi3.SchemaRef {
		s := *r
		s.Value = empty.Value
		return &s
	}
	content := func(c openapi3.Content, asReq bool) {
		for _, mt := range c {
			if mt == nil || mt.Schema == nil {
				continue
			}
			m := media{mt, asReq}
			if _, ok := schema[m]; ok {
				continue
			}
			if v, ok := schema[media{mt, !asReq}]; ok {
				schema[m] = v
				medias = append(medias, m) // its schema is swapped already
				continue
			}
			if mt.Schema.Value == nil {
				failed = true // unresolved: kin-openapi reports it
				continue
			}
			schema[m] = mt.Schema.Value
			roots = append(roots, mt.Schema)
			medias = append(medias, m)
			swaps = append(swaps, swap{mt, mt.Schema})
		}
	}
	body := func(r *openapi3.RequestBodyRef) {
		if r != nil && r.Value != nil {
			content(r.Value.Content, true)
		}
	}
	response := func(r *openapi3.ResponseRef) {
		if r != nil && r.Value != nil {
			content(r.Value.Content, false)
		}
	}
	var componentSchemas openapi3.Schemas
	if c := doc.Components; c != nil {
		if len(c.Schemas) > 0 {
			componentSchemas = make(openapi3.Schemas, len(c.Schemas))
			for name, r := range c.Schemas {
				if r == nil || r.Value == nil {
					return false
				}
				roots = append(roots, r)
				componentSchemas[name] = stub(r)
			}
		}
		for _, r := range c.RequestBodies {
			body(r)
		}
		for _, r := range c.Responses {
			response(r)
		}
	}
	if doc.Paths != nil {
		for _, item := range doc.Paths.Map() {
			if item == nil {
				continue
			}
			for op := range operationsOf(item) {
				if len(op.Callbacks) > 0 {
					return false
				}
				body(op.RequestBody)
				if op.Responses != nil {
					for _, r := range op.Responses.Map() {
						response(r)
					}
				}
			}
		}
	}
	if failed {
		return false
	}
	ctx := context.Background()
	// 1. every schema, once, beside during
	all := make(openapi3.Schemas, len(roots))
	for i, r := range roots {
		all[strconv.Itoa(i)] = r
	}
	schemasOK := make(chan bool, 1)
	go func() {
		schemasOK <- (&openapi3.Schema{Properties: all}).Validate(ctx, validationOptions()...) == nil
	}()
	runDuring()
	if !<-schemasOK {
		return false
	}
	// 2. the rest of the document, with each root swapped for an empty
	// schema, beside 3.
	if componentSchemas != nil {
		orig := doc.Components.Schemas
		doc.Components.Schemas = componentSchemas
		defer func() { doc.Components.Schemas = orig }()
	}
	for _, sw := range swaps {
		sw.mt.Schema = stub(sw.orig)
	}
	defer func() {
		for _, sw := range swaps {
			sw.mt.Schema = sw.orig
		}
	}()
	restOK := make(chan bool, 1)
	go func() { restOK <- validRest(ctx, doc) }()
	// 3. the media types' examples against their schemas
	examplesOK := true
	for _, m := range medias {
		if !examplesFit(m.mt, schema[m], m.asReq) {
			examplesOK = false
			break
		}
	}
	return <-restOK && examplesOK
}

// examplesFit reports whether the examples of a media type fit s as
// kin-openapi's validation checks them.
func examplesFit(mt *openapi3.MediaType, s *openapi3.Schema, asReq bool) bool {
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
		if s.VisitJSON(ex.Value.Value, openapi3.MultiErrors(), dir) != nil {
			return false
		}
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
	doc.Paths = openapi3.NewPaths()
	err := doc.Validate(ctx, validationOptions()...)
	doc.Paths = paths
	if err != nil {
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
