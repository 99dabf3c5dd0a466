package spec

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// Validate resolves references in place without changing the bytes, so
// that the client generator can take the validated document as it is.
func TestValidateResolvesInPlace(t *testing.T) {
	doc, _ := Fragment(apiPage("api/x.md", "x", "GET /x/{id}"), Options{})
	before, err := Marshal(doc, "json")
	if err != nil {
		t.Fatal(err)
	}
	if err := Validate(doc); err != nil {
		t.Fatal(err)
	}
	after, _ := Marshal(doc, "json")
	if !bytes.Equal(before, after) {
		t.Error("Validate changed the marshaled document")
	}
	def := op(t, doc, "/x/{xId}", "GET").Responses.Value("default")
	if def == nil || def.Ref == "" || def.Value == nil {
		t.Fatalf("default response ref not resolved: %+v", def)
	}
	// A schema that refers to a missing schema is reported.
	doc.Components.Schemas["microsoft.graph.broken"] = &openapi3.SchemaRef{Value: &openapi3.Schema{
		Type:       &openapi3.Types{"object"},
		Properties: openapi3.Schemas{"p": {Ref: "#/components/schemas/microsoft.graph.nowhere"}},
	}}
	if err := Validate(doc); err == nil || !strings.Contains(err.Error(), "nowhere") {
		t.Errorf("missing schema ref: err = %v", err)
	}
}

// validateDoc is a small document that passes kin-openapi's validation:
// a schema graph two levels deep under a response and a request body,
// with examples on both.
const validateDoc = `{
  "openapi": "3.0.3",
  "info": {"title": "t", "version": "1"},
  "paths": {
    "/things/{id}": {
      "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
      "get": {
        "responses": {"200": {"description": "ok", "content": {"application/json": {
          "schema": {"$ref": "#/components/schemas/thing"},
          "examples": {"e": {"value": {"id": "1", "inner": {"list": ["a"]}}}}}}}}
      }
    },
    "/things": {
      "post": {
        "requestBody": {"content": {"application/json": {
          "schema": {"$ref": "#/components/schemas/thing"},
          "example": {"inner": {"list": ["a"]}}}}},
        "responses": {"204": {"description": "done"}}
      }
    }
  },
  "components": {"schemas": {
    "thing": {"type": "object", "properties": {
      "id": {"type": "string", "readOnly": true},
      "inner": {"$ref": "#/components/schemas/inner"}}},
    "inner": {"type": "object", "properties": {
      "list": {"type": "array", "items": {"type": "string"}}}}
  }}
}`

// The fast validation gives kin-openapi's verdict, and Validate its
// messages, on a document that passes and on documents that fail in each
// part the fast path handles on its own: a schema deep in the graph, an
// example against its schema (in the request and the response
// direction), the rest of the document, a component's name. It leaves
// the document as it was.
func TestValidateFastSameVerdict(t *testing.T) {
	cases := []struct {
		name     string
		breakDoc func(doc *openapi3.T)
		valid    bool
	}{
		{"valid", func(*openapi3.T) {}, true},
		{"deep schema", func(doc *openapi3.T) {
			doc.Components.Schemas["inner"].Value.Properties["list"].Value.Items = nil
		}, false},
		{"response example", func(doc *openapi3.T) {
			mt := op(t, doc, "/things/{id}", "GET").Responses.Value("200").Value.Content["application/json"]
			mt.Examples["e"].Value.Value = map[string]any{"inner": map[string]any{"list": []any{1.0}}}
		}, false},
		{"read-only property in a request example", func(doc *openapi3.T) {
			mt := op(t, doc, "/things", "POST").RequestBody.Value.Content["application/json"]
			mt.Example = map[string]any{"id": "1"}
		}, false},
		{"read-only property in a response example", func(doc *openapi3.T) {
			mt := op(t, doc, "/things/{id}", "GET").Responses.Value("200").Value.Content["application/json"]
			mt.Examples["e"].Value.Value = map[string]any{"id": "2"}
		}, true},
		{"undeclared path parameter", func(doc *openapi3.T) {
			doc.Paths.Value("/things/{id}").Parameters = nil
		}, false},
		{"component name", func(doc *openapi3.T) {
			doc.Components.Schemas["not a name"] = &openapi3.SchemaRef{Value: &openapi3.Schema{}}
		}, false},
		{"operation security requirement of a declared scheme", func(doc *openapi3.T) {
			declareScheme(doc)
			op(t, doc, "/things", "POST").Security = &openapi3.SecurityRequirements{{"oauth": {"a"}}}
		}, true},
		{"operation security requirement of an undeclared scheme", func(doc *openapi3.T) {
			declareScheme(doc)
			op(t, doc, "/things", "POST").Security = &openapi3.SecurityRequirements{{"oauth": {}}, {"nowhere": {}}}
		}, false},
		{"operation security requirement without schemes", func(doc *openapi3.T) {
			op(t, doc, "/things/{id}", "GET").Security = &openapi3.SecurityRequirements{{"oauth": {}}}
		}, false},
		{"document security requirement of an undeclared scheme", func(doc *openapi3.T) {
			declareScheme(doc)
			doc.Security = openapi3.SecurityRequirements{{"nowhere": {}}}
		}, false},
		{"conflicting paths", func(doc *openapi3.T) {
			doc.Paths.Set("/things/{other}", doc.Paths.Value("/things/{id}"))
		}, false},
		{"path without a slash", func(doc *openapi3.T) {
			doc.Paths.Set("things", &openapi3.PathItem{})
		}, false},
		{"unresolved media type schema", func(doc *openapi3.T) {
			mt := op(t, doc, "/things", "POST").RequestBody.Value.Content["application/json"]
			mt.Schema = &openapi3.SchemaRef{Ref: "#/components/schemas/nowhere"}
		}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := openapi3.NewLoader().LoadFromData([]byte(validateDoc))
			if err != nil {
				t.Fatal(err)
			}
			c.breakDoc(doc)
			before, err := Marshal(doc, "json")
			if err != nil {
				t.Fatal(err)
			}
			kin := doc.Validate(context.Background(), validationOptions()...)
			if (kin == nil) != c.valid {
				t.Fatalf("kin-openapi: %v, want valid %v (the case is wrong)", kin, c.valid)
			}
			if fast := validFast(doc); fast != c.valid {
				t.Errorf("validFast = %v, kin-openapi: %v", fast, kin)
			}
			after, _ := Marshal(doc, "json")
			if !bytes.Equal(before, after) {
				t.Error("validFast changed the document")
			}
			// (Validate resolves references first: an unresolved one is
			// reported as such.)
			err = Validate(doc)
			if (err == nil) != c.valid || err != nil && !strings.Contains(err.Error(), "resolve references") &&
				!strings.Contains(err.Error(), strings.Split(kin.Error(), " | ")[0]) {
				t.Errorf("Validate: %v\nkin-openapi: %v", err, kin)
			}
		})
	}
}

// On the v1.0 docs, the fast validation, Build's and kin-openapi's agree.
func TestValidateFastCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("whole-corpus build")
	}
	doc, diags := Build(loadCorpus(t, "graph-docs-2021-07/v1.0"), Options{Version: "v1.0"})
	kin := doc.Validate(context.Background(), validationOptions()...)
	if fast := validFast(doc); fast != (kin == nil) {
		t.Errorf("validFast = %v, kin-openapi: %v", fast, kin)
	}
	// Build's verdict leaves out the examples fitExamples checked.
	invalid := false
	for _, d := range diags {
		invalid = invalid || d.Rule == "invalid-openapi"
	}
	if invalid != (kin != nil) {
		t.Errorf("Build reports invalid-openapi %v, kin-openapi: %v", invalid, kin)
	}
}

// declareScheme gives doc an OAuth2 security scheme named oauth.
func declareScheme(doc *openapi3.T) {
	doc.Components.SecuritySchemes = openapi3.SecuritySchemes{"oauth": {Value: &openapi3.SecurityScheme{
		Type: "oauth2",
		Flows: &openapi3.OAuthFlows{AuthorizationCode: &openapi3.OAuthFlow{
			AuthorizationURL: "https://login.example.com/authorize",
			TokenURL:         "https://login.example.com/token",
			Scopes:           map[string]string{"a": "scope a"},
		}},
	}}}
}

// The validation only reads the document: it runs beside a reader of
// the whole document (marshaling it, as the client generator reads it)
// without a data race (go test -race), with the verdict of kin-openapi,
// on a document that passes and on ones that fail in each step or take
// the slow path; the steps give the same verdict in turn.
func TestValidateBesideReader(t *testing.T) {
	for name, c := range map[string]struct {
		breakDoc func(doc *openapi3.T)
		valid    bool
	}{
		"valid":       {func(*openapi3.T) {}, true},
		"deep schema": {func(doc *openapi3.T) { doc.Components.Schemas["inner"].Value.Properties["list"].Value.Items = nil }, false},
		"response example": {func(doc *openapi3.T) {
			mt := op(t, doc, "/things/{id}", "GET").Responses.Value("200").Value.Content["application/json"]
			mt.Examples["e"].Value.Value = map[string]any{"inner": map[string]any{"list": []any{1.0}}}
		}, false},
		"undeclared path parameter": {func(doc *openapi3.T) { doc.Paths.Value("/things/{id}").Parameters = nil }, false},
		"webhook":                   {func(doc *openapi3.T) { doc.Webhooks = map[string]*openapi3.PathItem{"w": {}} }, false},
	} {
		t.Run(name, func(t *testing.T) {
			doc, err := openapi3.NewLoader().LoadFromData([]byte(validateDoc))
			if err != nil {
				t.Fatal(err)
			}
			c.breakDoc(doc)
			before, err := Marshal(doc, "json")
			if err != nil {
				t.Fatal(err)
			}
			for _, parallel := range []bool{true, false} {
				verr := make(chan error, 1)
				go func() { verr <- validateResolvedWith(doc, parallel) }()
				during, err := Marshal(doc, "json")
				if err != nil {
					t.Fatal(err)
				}
				if err := <-verr; (err == nil) != c.valid {
					t.Errorf("parallel %v: validation: %v, want valid %v", parallel, err, c.valid)
				}
				if !bytes.Equal(before, during) {
					t.Errorf("parallel %v: the document changed during the validation", parallel)
				}
			}
			if fast := validFastWith(doc, false); fast != c.valid && name != "webhook" {
				t.Errorf("validFastWith(doc, false) = %v, want %v", fast, c.valid)
			}
		})
	}
}

// fitExamples' check of an example and kin-openapi's agree where
// fitAgreement says so: in the request direction the two verdicts are
// the same; in the response direction one that passes fitExamples passes
// kin-openapi, unless a schema has "not" or "oneOf", where fitExamples'
// stricter formats can pass what kin-openapi fails (and fitAgreement
// says no).
func TestFitAgreement(t *testing.T) {
	schemas := map[string]string{
		"object": `{"type": "object", "required": ["a"], "properties": {
			"a": {"type": "string", "format": "base64"},
			"t": {"type": "string", "format": "time", "nullable": true},
			"d": {"type": "string", "format": "date-time"},
			"n": {"type": "integer", "minimum": 1},
			"r": {"type": "string", "readOnly": true},
			"l": {"type": "array", "items": {"type": "string", "enum": ["x", "y"]}, "maxItems": 2}},
			"additionalProperties": {"type": "boolean"}}`,
		"allOf":  `{"allOf": [{"type": "object", "properties": {"a": {"type": "string", "format": "base64"}}}, {"type": "object", "properties": {"b": {"type": "number"}}}]}`,
		"anyOf":  `{"anyOf": [{"type": "string", "format": "time"}, {"type": "integer"}]}`,
		"oneOf":  `{"oneOf": [{"type": "string", "format": "base64"}, {"type": "string"}]}`,
		"not":    `{"not": {"type": "string", "format": "time"}}`,
		"nested": `{"type": "array", "items": {"oneOf": [{"type": "string", "format": "time"}, {"type": "string"}]}}`,
	}
	values := []string{
		`{"a": "AAAA"}`, `{"a": "String"}`, `{"a": "AAAA", "t": "10:00:00"}`, `{"a": "AAAA", "t": "ten"}`,
		`{"a": "AAAA", "t": null}`, `{"a": "AAAA", "d": "2021-07-01T00:00:00Z"}`, `{"a": "AAAA", "d": "July"}`,
		`{"a": "AAAA", "n": 0}`, `{"a": "AAAA", "n": 2.5}`, `{"a": "AAAA", "r": "x"}`, `{"a": "AAAA", "l": ["x", "z"]}`,
		`{"a": "AAAA", "l": ["x", "y", "x"]}`, `{"a": "AAAA", "extra": true}`, `{"a": "AAAA", "extra": 1}`,
		`{"b": 1}`, `{"b": "1"}`, `{}`, `"String"`, `"AAAA"`, `"10:00:00"`, `3`, `null`, `["10:00:00"]`, `["ten"]`,
	}
	disagreed := map[string]bool{}
	for name, text := range schemas {
		var s openapi3.Schema
		if err := s.UnmarshalJSON([]byte(text)); err != nil {
			t.Fatal(err)
		}
		agrees := fitAgreement{roots: []*openapi3.SchemaRef{{Value: &s}}}
		if want := name != "oneOf" && name != "not" && name != "nested"; agrees.on(false) != want {
			t.Errorf("%s: fitAgreement.on(response) = %v, want %v", name, !want, want)
		}
		if !agrees.on(true) {
			t.Errorf("%s: fitAgreement.on(request) = false", name)
		}
		for _, vt := range values {
			for _, asReq := range []bool{true, false} {
				var v any
				if err := json.Unmarshal([]byte(vt), &v); err != nil {
					t.Fatal(err)
				}
				fit := exampleFits(&s, v, asReq) == nil
				mt := &openapi3.MediaType{Examples: openapi3.Examples{"e": {Value: &openapi3.Example{Value: v}}}}
				kin := examplesFit(mt, &s, asReq)
				switch {
				case asReq && fit != kin:
					t.Errorf("%s, %s as a request: fitExamples passes %v, kin-openapi %v", name, vt, fit, kin)
				case !asReq && fit && !kin:
					disagreed[name] = true
					if agrees.on(false) {
						t.Errorf("%s, %s as a response: fitExamples passes, kin-openapi does not, and fitAgreement says they agree", name, vt)
					}
				}
			}
		}
	}
	// The cases for which fitAgreement says no are needed.
	for _, name := range []string{"oneOf", "not", "nested"} {
		if !disagreed[name] {
			t.Errorf("%s: no value on which the checks disagree (the case is wrong)", name)
		}
	}
}

// After fitExamples, the fast validation that leaves out the examples
// fitExamples checked gives kin-openapi's verdict: on a document that
// passes, and on ones whose examples fitExamples keeps and kin-openapi
// fails (a "oneOf" or "not" its stricter formats pass, an example entry
// without a value, a media type's single example) or fitExamples takes
// out.
func TestValidateFittedSameVerdict(t *testing.T) {
	response := func(t *testing.T, doc *openapi3.T) *openapi3.MediaType {
		return op(t, doc, "/things/{id}", "GET").Responses.Value("200").Value.Content["application/json"]
	}
	request := func(t *testing.T, doc *openapi3.T) *openapi3.MediaType {
		return op(t, doc, "/things", "POST").RequestBody.Value.Content["application/json"]
	}
	cases := []struct {
		name     string
		breakDoc func(t *testing.T, doc *openapi3.T)
		valid    bool
	}{
		{"valid", func(*testing.T, *openapi3.T) {}, true},
		{"oneOf passed by a stricter format", func(t *testing.T, doc *openapi3.T) {
			doc.Components.Schemas["inner"].Value.Properties["code"] = &openapi3.SchemaRef{Value: &openapi3.Schema{OneOf: openapi3.SchemaRefs{
				{Value: &openapi3.Schema{Type: &openapi3.Types{"string"}, Format: "base64"}},
				{Value: &openapi3.Schema{Type: &openapi3.Types{"string"}}},
			}}}
			response(t, doc).Examples["e"].Value.Value = map[string]any{"inner": map[string]any{"code": "String"}}
		}, false},
		{"not passed by a stricter format", func(t *testing.T, doc *openapi3.T) {
			doc.Components.Schemas["inner"].Value.Properties["at"] = &openapi3.SchemaRef{Value: &openapi3.Schema{
				Not: &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"string"}, Format: "time"}},
			}}
			response(t, doc).Examples["e"].Value.Value = map[string]any{"inner": map[string]any{"at": "noon"}}
		}, false},
		{"example entry without a value", func(t *testing.T, doc *openapi3.T) {
			response(t, doc).Examples["empty"] = &openapi3.ExampleRef{}
		}, false},
		{"media type example", func(t *testing.T, doc *openapi3.T) {
			response(t, doc).Example = map[string]any{"inner": "x"}
		}, false},
		{"request example misfit taken out", func(t *testing.T, doc *openapi3.T) {
			mt := request(t, doc)
			mt.Example = nil
			mt.Examples = openapi3.Examples{"r": {Value: &openapi3.Example{Value: map[string]any{"id": "1"}}}}
		}, true},
		{"response example misfit taken out", func(t *testing.T, doc *openapi3.T) {
			response(t, doc).Examples["e"].Value.Value = map[string]any{"inner": map[string]any{"list": []any{1.0}}}
		}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := openapi3.NewLoader().LoadFromData([]byte(validateDoc))
			if err != nil {
				t.Fatal(err)
			}
			c.breakDoc(t, doc)
			_, fitted := fitExamplesBy(doc, nil, misfitChunk)
			kin := doc.Validate(context.Background(), validationOptions()...)
			if (kin == nil) != c.valid {
				t.Fatalf("kin-openapi: %v, want valid %v (the case is wrong)", kin, c.valid)
			}
			if len(fitted.media) == 0 {
				t.Fatal("fitExamples checked no media type (the case is wrong)")
			}
			for _, parallel := range []bool{true, false} {
				if fast := validFastFitted(doc, parallel, fitted); fast != c.valid {
					t.Errorf("parallel %v: validFastFitted = %v, kin-openapi: %v", parallel, fast, kin)
				}
			}
		})
	}
}
