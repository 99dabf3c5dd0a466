package templates

import (
	"os"
	"os/exec"
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

// TestFoldedKeyRuntime: in the generated package, a key that differs from
// a property in case only does not fill the field; it is kept in
// AdditionalProperties and sent back with its exact spelling.
func TestFoldedKeyRuntime(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go not found")
	}
	if testing.Short() {
		t.Skip("builds a generated module")
	}
	files, err := Generate(loadDoc(t, "calendar.yaml"), Options{Package: "graph"})
	if err != nil {
		t.Fatal(err)
	}
	files["fold_test.go"] = []byte(`package graph

import (
	"encoding/json"
	"testing"
)

func TestFold(t *testing.T) {
	var e Event
	if err := json.Unmarshal([]byte(` + "`" + `{"Subject":"x","other":1}` + "`" + `), &e); err != nil {
		t.Fatal(err)
	}
	if e.Subject.IsSet() {
		t.Errorf("Subject filled from a folded key")
	}
	if len(e.AdditionalProperties) != 2 || string(e.AdditionalProperties["Subject"]) != ` + "`" + `"x"` + "`" + ` || e.AdditionalProperties["other"] == nil {
		t.Errorf("additional = %v", e.AdditionalProperties)
	}
	b, err := json.Marshal(e)
	if err != nil || string(b) != ` + "`" + `{"Subject":"x","other":1}` + "`" + ` {
		t.Errorf("encoded %s, %v", b, err)
	}
}
`)
	dir := writeModule(t, files)
	cmd := exec.Command(goBin, "test", "-count=1", "-run", "TestFold", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go test: %v\n%s", err, out)
	}
}
