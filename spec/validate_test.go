package spec

import (
	"bytes"
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
