package xgraph

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// SchemaMarks reads what ReadSchema reads of the three marks.
func TestSchemaMarks(t *testing.T) {
	for _, x := range []Schema{{}, {Source: "resources/user.md:3"}, {Stub: true}, {Generated: true, Source: "api/a.md:1", EnumValues: map[string]EnumValue{"a": {Number: 1}}}} {
		s := &openapi3.Schema{}
		WriteSchema(s, x)
		src, stub, gen, err := SchemaMarks(s)
		want, werr := ReadSchema(s)
		if err != nil || werr != nil || src != want.Source || stub != want.Stub || gen != want.Generated {
			t.Errorf("%+v: SchemaMarks %q %v %v %v, ReadSchema %+v %v", x, src, stub, gen, err, want, werr)
		}
	}
	if src, stub, gen, err := SchemaMarks(nil); src != "" || stub || gen || err != nil {
		t.Error("a nil schema has marks")
	}
}
