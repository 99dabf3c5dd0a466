package templates

import (
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// Graph's Json type (a schema with no type and no properties) holds any
// JSON value: the workbook's values are arrays of arrays, so its Go type
// is json.RawMessage, not a struct that only takes objects.
func TestJSONTypeIsRaw(t *testing.T) {
	doc := loadDoc(t, "calendar.yaml")
	doc.Components.Schemas["microsoft.graph.Json"] = &openapi3.SchemaRef{Value: &openapi3.Schema{Description: "Any JSON."}}
	ev := doc.Components.Schemas["microsoft.graph.event"].Value.AllOf[1].Value
	ev.Properties["values"] = &openapi3.SchemaRef{Value: &openapi3.Schema{
		AllOf: openapi3.SchemaRefs{{Ref: "#/components/schemas/microsoft.graph.Json", Value: doc.Components.Schemas["microsoft.graph.Json"].Value}},
	}}
	files, err := Generate(doc, Options{Package: "graph"})
	if err != nil {
		t.Fatal(err)
	}
	models := string(files["models.go"])
	if strings.Contains(models, "type JSON struct") {
		t.Error("Json is a struct")
	}
	flat := strings.Join(strings.Fields(models), " ")
	if !strings.Contains(flat, "Values Optional[json.RawMessage]") && !strings.Contains(flat, "Values json.RawMessage") {
		i := strings.Index(models, "Values ")
		t.Errorf("the Json property is not raw JSON: %q", models[i:min(len(models), i+80)])
	}
}
