package templates

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestRawHolderDecodesAnything: a property whose type no page describes
// (a stub) takes whatever the service sends, a string as an object, and
// encodes it back unchanged; Raw and Decode read it.
func TestRawHolderDecodesAnything(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated package")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go not found")
	}
	doc := loadDoc(t, "calendar.yaml")
	ev := doc.Components.Schemas["microsoft.graph.event"].Value.AllOf[1].Value
	ext := doc.Components.Schemas["microsoft.graph.extension"]
	ev.Properties["status"] = &openapi3.SchemaRef{Ref: "#/components/schemas/microsoft.graph.extension", Value: ext.Value}
	files, err := Generate(doc, Options{Package: "graph"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(files["models.go"]), "type Extension struct {\n\t// AdditionalProperties") {
		t.Fatal("the stub is an empty struct")
	}
	files["raw_test.go"] = []byte(`package graph

import (
	"encoding/json"
	"testing"
)

func TestRaw(t *testing.T) {
	in := ` + "`" + `{"extensions":[{"a":1},7,null],"status":"active"}` + "`" + `
	var ev Event
	if err := json.Unmarshal([]byte(in), &ev); err != nil {
		t.Fatal(err)
	}
	st, ok := ev.Status.Get()
	var s string
	if !ok || st.Decode(&s) != nil || s != "active" || string(st.Raw()) != ` + "`" + `"active"` + "`" + ` {
		t.Errorf("status = %q, %v", st.Raw(), ok)
	}
	if len(ev.Extensions) != 3 || string(ev.Extensions[1].Raw()) != "7" {
		t.Errorf("extensions = %v", ev.Extensions)
	}
	out, err := json.Marshal(ev)
	if err != nil || string(out) != in {
		t.Errorf("encoded %s, %v; want %s", out, err, in)
	}
}
`)
	dir := writeModule(t, files)
	cmd := exec.Command(goBin, "test", "-count=1", "-run", "TestRaw$", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go test in %s: %v\n%s", filepath.Base(dir), err, out)
	}
}
