package templates

import (
	"reflect"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestFoldedKeys: the generated models keep a key that differs from a
// field in case only ("ConferenceId" beside "conferenceId") as an
// additional property with its exact spelling, so such an example fits,
// re-encodes unchanged, and never fills the field.
func TestFoldedKeys(t *testing.T) {
	str := &goType{kind: tString}
	m := &goType{kind: tModel, named: &schemaInfo{fields: []*fieldInfo{{json: "conferenceId", typ: str}, {json: "tollNumber", typ: str}}}}
	ok, stable := fits(m, map[string]any{"ConferenceId": "1", "tollNumber": "2"}, false, 1)
	if !ok || !stable {
		t.Errorf("fits = %v, stable = %v; want true, true", ok, stable)
	}
	if ok, _ := fits(m, map[string]any{"CONFERENCEID": 3.0}, false, 1); !ok {
		t.Error("a number under a folded key is an additional property, but does not fit")
	}
	if ok, _ := fits(m, map[string]any{"conferenceId": 3.0}, false, 1); ok {
		t.Error("a number fits the string field")
	}
	got := stableKeys(m, map[string]any{"ConferenceId": "1", "tollNumber": "2", "other": "x"})
	if !reflect.DeepEqual(got, []string{"ConferenceId", "other", "tollNumber"}) {
		t.Errorf("stable keys = %v", got)
	}
}

// TestTextExampleSkipped: a JSON media type's example the docs wrote as
// broken JSON travels as text; tests do not try to decode it.
func TestTextExampleSkipped(t *testing.T) {
	c := openapi3.NewContentWithJSONSchema(openapi3.NewObjectSchema())
	c["application/json"].Examples = openapi3.Examples{
		"text": {Value: &openapi3.Example{Value: `{"a": 1,}`}},
		"json": {Value: &openapi3.Example{Value: map[string]any{"a": 1.0}}},
	}
	if _, ok := exampleValue(c, "application/json", "text"); ok {
		t.Error("a text example is used as a JSON body")
	}
	if v, ok := exampleValue(c, "application/json", "json"); !ok || v == nil {
		t.Error("the JSON example is lost")
	}
}
