package apidiff

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestRestatementLeftToBase: a newer document that no longer restates an
// inherited property on the derived type (the base declares it) removes
// nothing; a restated String the base declares as an enumeration is a
// type change; a property neither declares any more is removed.
func TestRestatementLeftToBase(t *testing.T) {
	doc := func(derivedOwn string) *openapi3.T {
		t.Helper()
		src := `{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
		"components": {"schemas": {
		"microsoft.graph.kind": {"type": "string", "enum": ["a", "b"]},
		"microsoft.graph.entity": {"type": "object", "properties": {"id": {"type": "string", "readOnly": true}}},
		"microsoft.graph.item": {"allOf": [{"$ref": "#/components/schemas/microsoft.graph.entity"},
			{"type": "object", "properties": {"kind": {"$ref": "#/components/schemas/microsoft.graph.kind"}}}]},
		"microsoft.graph.special": {"allOf": [{"$ref": "#/components/schemas/microsoft.graph.item"},
			{"type": "object", "properties": {` + derivedOwn + `}}]}}}}`
		var d openapi3.T
		if err := json.Unmarshal([]byte(src), &d); err != nil {
			t.Fatal(err)
		}
		return &d
	}
	old := doc(`"id": {"type": "string", "readOnly": true, "description": "Inherited from entity."},
		"kind": {"type": "string"}, "gone": {"type": "string"}, "code": {"type": "string"}`)
	r := compare(t, old, doc(`"code": {"type": "string"}`))
	var got []string
	for _, c := range r.Changes {
		got = append(got, line(c))
	}
	want := []string{
		"property-removed | microsoft.graph.special | gone BREAKING",
		"property-type-changed | microsoft.graph.special | kind: string -> microsoft.graph.kind BREAKING",
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("changes:\n%v\nwant:\n%v", got, want)
	}
}
