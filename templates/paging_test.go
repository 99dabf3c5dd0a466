package templates

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// pagingDoc has a List operation of a collection response whose item
// type has properties named like the paging methods, and a collection
// response that has them too.
const pagingDoc = `{
  "openapi": "3.0.3",
  "info": {"title": "Paging", "version": "v1.0"},
  "servers": [{"url": "https://graph.microsoft.com/v1.0"}],
  "paths": {
    "/things": {"get": {"operationId": "listThings", "responses": {
      "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/microsoft.graph.thingCollectionResponse"}}}}}}},
    "/things/{thingId}/parts": {"get": {"operationId": "listParts",
      "parameters": [{"name": "thingId", "in": "path", "required": true, "schema": {"type": "string"}}],
      "responses": {
      "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/microsoft.graph.thingCollectionResponse"}}}}}}}
  },
  "components": {"schemas": {
    "microsoft.graph.thing": {"type": "object", "properties": {
      "items": {"type": "string"}, "nextLink": {"type": "string"}}},
    "microsoft.graph.thingCollectionResponse": {"type": "object", "properties": {
      "value": {"type": "array", "items": {"$ref": "#/components/schemas/microsoft.graph.thing"}},
      "@odata.nextLink": {"type": "string"},
      "items": {"type": "integer", "format": "int32"},
      "nextLink": {"type": "string"}}}
  }}
}`

// TestPagingMethods: a collection response gets Items and NextLink, its
// own properties of those names are renamed, other types keep theirs; the
// package doc shows All with the List method of fewest arguments; the
// package and its tests (TestOpsPaging) build and pass.
func TestPagingMethods(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData([]byte(pagingDoc))
	if err != nil {
		t.Fatal(err)
	}
	files, err := Generate(doc, Options{Package: "graph"})
	if err != nil {
		t.Fatal(err)
	}
	models, docGo := string(files["models.go"]), string(files["doc.go"])
	for _, want := range []string{
		"func (v *ThingCollectionResponse) Items() []Thing {\n\treturn v.Value\n}",
		"func (v *ThingCollectionResponse) NextLink() (string, bool) {\n\treturn v.ODataNextLink.Get()\n}",
		"\tItems2 ",
		"\tNextLink2 ",
	} {
		if !strings.Contains(models, want) {
			t.Errorf("models.go lacks %q", want)
		}
	}
	for _, bad := range []string{"func (v *Thing) Items", "func (v *Thing) NextLink", "\tItems3 "} {
		if strings.Contains(models, bad) {
			t.Errorf("models.go has %q", bad)
		}
	}
	if !strings.Contains(models, "type Thing struct {\n\tItems ") {
		t.Errorf("Thing lost its Items field:\n%s", models)
	}
	for _, want := range []string{
		"//\tfor v, err := range graph.All(ctx, c, func(ctx context.Context) (*graph.ThingCollectionResponse, error) {",
		"//\t\treturn c.ListThings(ctx)",
	} {
		if !strings.Contains(docGo, want) {
			t.Errorf("doc.go lacks %q:\n%s", want, docGo)
		}
	}
	if strings.Contains(docGo, "such a method") {
		t.Errorf("doc.go keeps the old paging sentence")
	}
	if testing.Short() {
		return
	}
	checkStdlibOnly(t, files)
	dir := writeModule(t, files)
	for _, args := range [][]string{{"vet", "./..."}, {"test", "-run", "TestOpsPaging", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}
