package spec

import (
	"encoding/base64"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/internal/fanout"
	"github.com/graphdocgen/graphdocgen/parser"
	"github.com/graphdocgen/graphdocgen/xgraph"
)

// RuleExampleSchemaMismatch is the rule of the warning Build gives for an
// example body that does not fit the schema of its media type.
const RuleExampleSchemaMismatch = "example-schema-mismatch"

// fitExamples keeps in the OpenAPI examples of doc only the bodies that
// validate against their media type's schema as kin-openapi's default
// document validation checks them (a request body as a request: no
// read-only properties; a response body as a response). A body that does
// not fit leaves examples and travels in its entry of the operation's
// examples (xgraph.ExampleRequest.Body, xgraph.ExampleResponse.Body), and is reported as a warning
// at the example's position. files maps a page path to the file its
// diagnostics name. The references of doc must be resolved.
//
// The bodies are checked on all cores (misfits: the check only reads the
// document), and the misfits then leave the examples in the paths' order,
// one operation after the other, as a check in turn would find them.
func fitExamples(doc *openapi3.T, files map[string]string) parser.Diagnostics {
	diags, _ := fitExamplesBy(doc, files, misfitChunk)
	return diags
}

// fitExamplesBy is fitExamples with chunk paths checked at a time, also
// returning the media types it checked (fittedMedia).
func fitExamplesBy(doc *openapi3.T, files map[string]string, chunk int) (parser.Diagnostics, fittedMedia) {
	return fitExamplesIn(doc, files, chunk, false)
}

// fitExamplesIn is fitExamplesBy; noWriteOnly says that no schema of doc
// is writeOnly (the caller knows it: resolveLocalGraph's walk), and the
// response bodies are then checked without the direction (fitPlain),
// which gives the same verdicts and problems.
func fitExamplesIn(doc *openapi3.T, files map[string]string, chunk int, noWriteOnly bool) (parser.Diagnostics, fittedMedia) {
	var diags parser.Diagnostics
	resp := fitResponse
	if noWriteOnly {
		resp = fitPlain
	}
	ms, fitted := misfits(doc, chunk, resp)
	for _, m := range ms {
		diags = m.leave(diags, files)
	}
	return diags, fitted
}

// fittedMedia are the media types fitExamples checked (media), each with
// the direction (validMedia.asReq) and the schema it checked their
// examples in and against. Every example such a media type still has once
// fitExamples is done passed that check (fitExamples only takes examples
// out), which validFast's check of the examples then need not repeat
// where the two checks agree (fitAgreement). monotone, when true, says
// that no schema of the document has "not" or "oneOf" (set by the caller,
// who knows it: resolveLocalGraph); false, the validation looks.
type fittedMedia struct {
	media    map[validMedia]*openapi3.Schema
	monotone bool
}

// misfitChunk is how many paths a worker of misfits checks at a time.
const misfitChunk = 32

// misfits returns the examples of each operation of doc (in the paths'
// matching order, the methods' order) that do not fit, an operation's in
// the order a check in turn makes: the request body, then the responses
// by status, each by media type and example name. The paths are checked
// by GOMAXPROCS workers, chunk at a time; the document is only read.
func misfits(doc *openapi3.T, chunk int, resp fitOptions) ([]opMisfits, fittedMedia) {
	paths := doc.Paths.InMatchingOrder()
	perPath := make([][]opMisfits, len(paths))
	checked := make([][]checkedMedia, len(paths))
	fanout.For(len(paths), 0, chunk, func(_, p int) {
		item := doc.Paths.Value(paths[p])
		for _, method := range methods {
			if op := item.GetOperation(method); op != nil {
				var m opMisfits
				m, checked[p] = operationMisfits(op, checked[p], resp)
				if len(m.examples) > 0 {
					perPath[p] = append(perPath[p], m)
				}
			}
		}
	})
	var out []opMisfits
	n := 0
	for p, ms := range perPath {
		out = append(out, ms...)
		n += len(checked[p])
	}
	fitted := fittedMedia{media: make(map[validMedia]*openapi3.Schema, n)}
	for _, cs := range checked {
		for _, c := range cs {
			fitted.media[c.m] = c.schema
		}
	}
	return out, fitted
}

// checkedMedia is a media type whose examples operationMisfits checked in
// a direction, against schema.
type checkedMedia struct {
	m      validMedia
	schema *openapi3.Schema
}

// opMisfits are the examples of an operation that do not fit.
type opMisfits struct {
	op       *openapi3.Operation
	examples []misfit
}

// misfit is an example of a media type that does not fit its schema: the
// example and its name, the request's (asRequest) or the response's of
// status, and the problem.
type misfit struct {
	mt        *openapi3.MediaType
	name      string
	ex        *openapi3.ExampleRef
	asRequest bool
	status    string
	err       error
}

// operationMisfits checks the examples of op, the responses' with the
// options resp; it only reads it. The media types it checks are appended
// to checked.
func operationMisfits(op *openapi3.Operation, checked []checkedMedia, resp fitOptions) (opMisfits, []checkedMedia) {
	m := opMisfits{op: op}
	// the keys in order, in buffers of the stack for the few most have
	var mediaBuf, nameBuf [4]string
	check := func(c openapi3.Content, asRequest bool, status string) {
		for _, media := range appendSortedKeys(mediaBuf[:0], c) {
			mt := c[media]
			if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
				continue
			}
			if len(mt.Examples) > 0 {
				checked = append(checked, checkedMedia{validMedia{mt, asRequest}, mt.Schema.Value})
			}
			for _, name := range appendSortedKeys(nameBuf[:0], mt.Examples) {
				ex := mt.Examples[name]
				if ex == nil || ex.Value == nil {
					continue
				}
				opts := resp
				if asRequest {
					opts = fitRequest
				}
				if err := exampleFitsWith(mt.Schema.Value, ex.Value.Value, asRequest, opts); err != nil {
					m.examples = append(m.examples, misfit{mt, name, ex, asRequest, status, err})
				}
			}
		}
	}
	if op.RequestBody != nil && op.RequestBody.Value != nil {
		check(op.RequestBody.Value.Content, true, "")
	}
	if op.Responses != nil {
		var keyBuf [4]string
		keys := keyBuf[:0]
		for k := range xgraph.Responses(op.Responses) {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if r := op.Responses.Value(k); r != nil && r.Value != nil {
				check(r.Value.Content, false, k)
			}
		}
	}
	return m, checked
}

// leave takes the misfits out of their media types' examples, into their
// entries of the operation's examples, and adds their warnings to diags.
// A misfit no longer among its media type's examples is skipped: a media
// type of several operations lost it to an earlier one, as a check in
// turn would no longer have seen it.
func (m opMisfits) leave(diags parser.Diagnostics, files map[string]string) parser.Diagnostics {
	op := m.op
	// The operation's examples are read at its first misfit: most
	// operations have none.
	var x xgraph.Operation
	var entries map[string]*xgraph.Example
	read := false
	entry := func(name string) *xgraph.Example {
		if !read {
			read = true
			x, _ = xgraph.ReadOperation(op)
			x.Examples = slices.Clone(x.Examples)
			entries = map[string]*xgraph.Example{}
			for i := range x.Examples {
				entries[x.Examples[i].Name] = &x.Examples[i]
			}
		}
		return entries[name]
	}
	changed := false
	for _, mf := range m.examples {
		mt, name, ex, err := mf.mt, mf.name, mf.ex, mf.err
		if mt.Examples[name] != ex {
			continue
		}
		delete(mt.Examples, name)
		if len(mt.Examples) == 0 {
			mt.Examples = nil
		}
		what := "response " + mf.status
		if mf.asRequest {
			what = "request"
		}
		pos := parser.Pos{File: "openapi"}
		text := false
		if em := entry(name); em != nil {
			changed = true
			src := ""
			if mf.asRequest {
				text = em.RequestBodyFormat == textFormat
				em.Request.Body = ex.Value.Value
			} else {
				text = em.ResponseBodyFormat == textFormat
				if em.Response == nil {
					em.Response = &xgraph.ExampleResponse{}
				} else {
					r := *em.Response
					em.Response = &r
				}
				em.Response.Body = ex.Value.Value
				src = em.Response.Source
			}
			if src == "" {
				src = em.Source
			}
			page, _, _ := strings.Cut(src, ":")
			pos = sourcePos(src, files[page])
		}
		if text {
			diags = append(diags, parser.Warnf(pos, RuleExampleSchemaMismatch,
				"example %s: the %s body is not JSON, so it cannot fit %s; kept in %s only",
				name, what, schemaLabel(mt.Schema), xgraph.ExamplesExtension))
			continue
		}
		diags = append(diags, parser.Warnf(pos, RuleExampleSchemaMismatch,
			"example %s: the %s body does not fit %s: %v; kept in %s only",
			name, what, schemaLabel(mt.Schema), err, xgraph.ExamplesExtension))
	}
	if changed {
		xgraph.WriteOperation(op, x)
	}
	return diags
}

// exampleFits validates an example value as kin-openapi validates the
// examples of a request body or a response in its default document
// validation, and returns the first problem, if any.
func exampleFits(s *openapi3.Schema, v any, asRequest bool) error {
	opts := fitResponse
	if asRequest {
		opts = fitRequest
	}
	return exampleFitsWith(s, v, asRequest, opts)
}

// exampleFitsWith is exampleFits with the options of the visit (fitRequest
// for a request; fitResponse, or fitPlain, for a response).
func exampleFitsWith(s *openapi3.Schema, v any, asRequest bool, opts fitOptions) error {
	// A misfit's message is the innermost schema error's reason and
	// place, fields of the error: the text kin-openapi makes for each
	// error (the schema and the value as indented JSON, again at each allOf
	// level above it: most of fitExamples' allocations on the v1.0 docs)
	// is not needed, so a customizer makes it short (opts.short). An
	// error of another kind is reported by its text, made by a second
	// visit.
	err := s.VisitJSON(v, opts.short...)
	var se *openapi3.SchemaError
	if err != nil && !errors.As(err, &se) {
		err = s.VisitJSON(v, opts.full...)
	}
	if err == nil && !asRequest {
		// a request body with keys of its own ({"@odata.id": ...} to
		// add a reference) is still sent as written
		return unknownKeys(s, v)
	}
	if err == nil {
		return nil
	}
	if errors.As(err, &se) {
		// allOf and oneOf wrap the problem: report the innermost one.
		for inner := (*openapi3.SchemaError)(nil); se.Origin != nil && errors.As(se.Origin, &inner) && inner != se; {
			se = inner
		}
		msg := se.Reason
		if p := se.JSONPointer(); len(p) > 0 {
			msg = "at /" + strings.Join(p, "/") + ": " + msg
		}
		return errors.New(msg)
	}
	return err
}

// fitRequest and fitResponse are exampleFits' options as a request and as
// a response: the direction, as a response decodedFormats (the map itself:
// kin-openapi only reads it), and in short the message customizer. They
// are made once: each example made them again, a map of the formats among
// them.
var (
	fitRequest = fitOptions{
		short: []openapi3.SchemaValidationOption{openapi3.VisitAsRequest(), openapi3.SetSchemaErrorMessageCustomizer(shortSchemaError)},
		full:  []openapi3.SchemaValidationOption{openapi3.VisitAsRequest()},
	}
	fitResponse = fitOptions{
		short: []openapi3.SchemaValidationOption{openapi3.VisitAsResponse(), openapi3.WithStringFormatValidators(decodedFormats),
			openapi3.SetSchemaErrorMessageCustomizer(shortSchemaError)},
		full: []openapi3.SchemaValidationOption{openapi3.VisitAsResponse(), openapi3.WithStringFormatValidators(decodedFormats)},
	}
	// fitPlain is fitResponse without the direction, for a document
	// without writeOnly schemas. kin-openapi's visit as a response
	// differs from a plain one only where a property is writeOnly (it
	// rejects it in the value, does not require it) and where defaults
	// are set (neither visit sets them; the deep copies it makes under
	// oneOf and anyOf protect the value from them); and it sorts the
	// property names of every object schema at each visit to look for
	// those, a sixth of fitExamples' time on v1.0.
	fitPlain = fitOptions{
		short: []openapi3.SchemaValidationOption{openapi3.WithStringFormatValidators(decodedFormats),
			openapi3.SetSchemaErrorMessageCustomizer(shortSchemaError)},
		full: fitResponse.full,
	}
)

// fitOptions are the options of exampleFits' visit (short) and of its
// second visit for the text of an error (full).
type fitOptions struct {
	short, full []openapi3.SchemaValidationOption
}

// shortSchemaError is the text of a schema error whose text is not read.
func shortSchemaError(*openapi3.SchemaError) string { return "schema error" }

// decodedFormats are the string formats the generated client decodes into
// a typed value rather than keeping the string, each checked as the
// client's runtime reads it (templates/runtime: []byte, TimeOfDay).
// kin-openapi's default validation checks neither (it checks date and
// date-time itself), so a response
// example holding a placeholder ("String" for a base64 or a time-of-day
// value) would pass here and then fail to decode in the generated test:
// such an example is a misfit. Request examples are sent as written and
// keep kin-openapi's verdict.
var decodedFormats = map[string]openapi3.StringFormatValidator{
	"base64": openapi3.NewCallbackValidator(func(v string) error {
		_, err := base64.StdEncoding.DecodeString(v)
		return err
	}),
	"time": openapi3.NewCallbackValidator(func(v string) error {
		_, err := time.Parse("15:04:05", v)
		return err
	}),
}

// unknownKeys is the problem of an object example none of whose keys is a
// property of an object schema that has properties: valid JSON Schema (the
// properties are open), but the example is of another type, most often a
// collection ({"value": [...]}) where the docs declare one object. A
// client decoding it keeps nothing typed, so it is no example of the type.
func unknownKeys(s *openapi3.Schema, v any) error {
	obj, ok := v.(map[string]any)
	if !ok || len(obj) == 0 {
		return nil
	}
	props := map[string]bool{}
	if !collectProps(s, props, 0) || len(props) == 0 {
		return nil
	}
	for k := range obj {
		if props[k] {
			return nil
		}
	}
	keys := sortedKeys(obj)
	return errors.New("none of the example's properties (" + strings.Join(keys, ", ") + ") is a property of the type")
}

// collectProps adds the property names of s and its allOf parts to
// props; false when s takes properties of any name (an open type, or
// additionalProperties with a schema), which no example can miss.
func collectProps(s *openapi3.Schema, props map[string]bool, depth int) bool {
	if s == nil || depth > 20 {
		return true
	}
	if x, _ := xgraph.ReadSchema(s); x.OpenType || s.AdditionalProperties.Schema != nil {
		return false
	}
	for k := range s.Properties {
		props[k] = true
	}
	for _, a := range s.AllOf {
		if a != nil && !collectProps(a.Value, props, depth+1) {
			return false
		}
	}
	return true
}

// schemaLabel names the schema of a media type: its component name, else
// "its schema".
func schemaLabel(s *openapi3.SchemaRef) string {
	if s.Ref != "" {
		return strings.TrimPrefix(s.Ref, "#/components/schemas/")
	}
	return "its schema"
}
