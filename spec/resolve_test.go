package spec

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/parser"
)

// unresolved lists every reference of doc with a $ref and no Value, found
// by reflection over everything the document holds (unexported fields
// too), as a pointer to its Value field.
func unresolved(doc *openapi3.T) []reflect.Value {
	var out []reflect.Value
	seen := map[unsafe.Pointer]bool{}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() {
				return
			}
			p := v.UnsafePointer()
			if seen[p] {
				return
			}
			seen[p] = true
			walk(reflect.NewAt(v.Type().Elem(), p).Elem())
		case reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Struct:
			if !v.CanAddr() {
				c := reflect.New(v.Type()).Elem()
				c.Set(v)
				v = c
			}
			if r, val := v.FieldByName("Ref"), v.FieldByName("Value"); r.IsValid() && val.IsValid() &&
				r.Kind() == reflect.String && r.String() != "" && val.Kind() == reflect.Pointer && val.IsNil() {
				out = append(out, val.Addr())
			}
			for i := 0; i < v.NumField(); i++ {
				f := v.Field(i)
				walk(reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem())
			}
		case reflect.Slice, reflect.Array:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		case reflect.Map:
			for it := v.MapRange(); it.Next(); {
				walk(it.Value())
			}
		}
	}
	walk(reflect.ValueOf(doc))
	return out
}

// sameResolution resolves doc with resolveLocal and with kin-openapi's
// loader, and requires every reference to get the same Value (the same
// pointer) from both. It returns resolveLocalGraph's monotone.
func sameResolution(t *testing.T, doc *openapi3.T) (monotone bool) {
	t.Helper()
	return sameResolutionBy(t, doc, walkLocalPaths(doc))
}

// sameResolutionBy is sameResolution with resolveLocalGraph's walk of
// the paths started (w).
func sameResolutionBy(t *testing.T, doc *openapi3.T, w *localWalk) (monotone bool) {
	t.Helper()
	refs := unresolved(doc)
	if len(refs) == 0 {
		t.Fatal("no reference to resolve (the case is wrong)")
	}
	ok, monotone := w.resolve()
	if !ok {
		t.Fatal("resolveLocal declined the document")
	}
	local := make([]unsafe.Pointer, len(refs))
	for i, r := range refs {
		local[i] = r.Elem().UnsafePointer()
		r.Elem().SetZero()
	}
	if err := openapi3.NewLoader().ResolveRefsIn(doc, nil); err != nil {
		t.Fatal(err)
	}
	diff := 0
	for i, r := range refs {
		if got := r.Elem().UnsafePointer(); got != local[i] {
			diff++
		}
	}
	t.Logf("%d references", len(refs))
	if diff > 0 {
		t.Errorf("%d of %d references resolved otherwise than by the loader", diff, len(refs))
	}
	return monotone
}

// On the v1.0 docs, resolveLocal takes the document and resolves each of
// its references as kin-openapi's loader does, and its schema graph is
// monotone (the validation then leaves out the response examples
// fitExamples checked); so does Build's resolution, whose walk of the
// paths runs beside dropRestatedInherited (assembleWalking).
func TestResolveLocalCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("whole v1.0 tree")
	}
	pages := loadCorpus(t, "graph-docs-2021-07/v1.0")
	sorted := slices.Clone(pages)
	slices.SortStableFunc(sorted, func(a, b *parser.Page) int { return strings.Compare(a.Path, b.Path) })
	doc, _ := assemble(sorted, Options{Version: "v1.0"})
	if !sameResolution(t, doc) {
		t.Error("the schema graph is not monotone")
	}
	doc, _, w := assembleWalking(sorted, Options{Version: "v1.0"}, 2, true)
	if !sameResolutionBy(t, doc, w) {
		t.Error("Build's walk: the schema graph is not monotone")
	}
}

// resolveDoc has references of each kind Build makes: schemas (in a
// cycle, through allOf, items and additionalProperties), parameters and
// responses, from components and from paths.
const resolveDoc = `{
  "openapi": "3.0.3",
  "info": {"title": "t", "version": "1"},
  "paths": {
    "/things/{id}": {
      "parameters": [{"$ref": "#/components/parameters/id"}],
      "get": {
        "parameters": [{"name": "q", "in": "query", "schema": {"$ref": "#/components/schemas/inner"}}],
        "responses": {
          "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/thing"}}}},
          "default": {"$ref": "#/components/responses/error"}}
      },
      "patch": {
        "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/thing"}}}},
        "responses": {"default": {"$ref": "#/components/responses/error"}}
      }
    }
  },
  "components": {
    "parameters": {"id": {"name": "id", "in": "path", "required": true, "schema": {"$ref": "#/components/schemas/key"}}},
    "responses": {"error": {"description": "error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/error"}}}}},
    "schemas": {
      "key": {"type": "string"},
      "error": {"type": "object", "properties": {"inner": {"$ref": "#/components/schemas/error"}}},
      "thing": {"allOf": [{"$ref": "#/components/schemas/inner"}, {"type": "object", "properties": {
        "list": {"type": "array", "items": {"$ref": "#/components/schemas/thing"}},
        "map": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/key"}}}}]},
      "inner": {"type": "object", "properties": {"back": {"$ref": "#/components/schemas/thing"}}}
    }
  }
}`

func unmarshalDoc(t *testing.T, data string) *openapi3.T {
	t.Helper()
	var doc openapi3.T
	if err := json.Unmarshal([]byte(data), &doc); err != nil {
		t.Fatal(err)
	}
	return &doc
}

func TestResolveLocalSameAsLoader(t *testing.T) {
	sameResolution(t, unmarshalDoc(t, resolveDoc))
}

// A reference that has its Value keeps it, and is not descended into, as
// the loader does.
func TestResolveLocalKeepsValues(t *testing.T) {
	doc := unmarshalDoc(t, resolveDoc)
	own := &openapi3.Schema{Properties: openapi3.Schemas{"x": {Ref: "#/components/schemas/key"}}}
	mt := doc.Paths.Value("/things/{id}").Get.Responses.Value("200").Value.Content["application/json"]
	mt.Schema.Value = own
	sameResolution(t, doc)
	if mt.Schema.Value != own || own.Properties["x"].Value != nil {
		t.Error("a reference with a Value was changed or descended into")
	}
}

// A document with what resolveLocal does not handle (here a reference to
// a component example, one that does not resolve, one that does not
// parse as a plain name) is declined and left as it was, for the loader.
func TestResolveLocalDeclines(t *testing.T) {
	for name, breakDoc := range map[string]func(doc *openapi3.T){
		"example reference": func(doc *openapi3.T) {
			doc.Components.Examples = openapi3.Examples{"e": {Value: &openapi3.Example{Value: 1.0}}}
			mt := doc.Paths.Value("/things/{id}").Patch.RequestBody.Value.Content["application/json"]
			mt.Examples = openapi3.Examples{"e": {Ref: "#/components/examples/e"}}
		},
		"missing schema": func(doc *openapi3.T) {
			doc.Components.Schemas["inner"].Value.Properties["gone"] = &openapi3.SchemaRef{Ref: "#/components/schemas/nowhere"}
		},
		"escaped name": func(doc *openapi3.T) {
			doc.Components.Schemas["a/b"] = &openapi3.SchemaRef{Value: &openapi3.Schema{}}
			doc.Components.Schemas["inner"].Value.Properties["odd"] = &openapi3.SchemaRef{Ref: "#/components/schemas/a~1b"}
		},
	} {
		t.Run(name, func(t *testing.T) {
			doc := unmarshalDoc(t, resolveDoc)
			breakDoc(doc)
			before := len(unresolved(doc))
			if resolveLocal(doc) {
				t.Fatal("resolveLocal took the document")
			}
			if after := len(unresolved(doc)); after != before {
				t.Errorf("%d unresolved references after declining, want %d", after, before)
			}
		})
	}
}

// resolveLocalGraph says the schema graph is monotone (no "not", no
// "oneOf": see fitAgreement) only when it saw every schema and none has
// either: a "oneOf" or a "not" anywhere (in a component, deep in a
// path's parameter), or a reference with a Value it does not descend
// into, makes it false.
func TestResolveLocalGraphMonotone(t *testing.T) {
	for name, c := range map[string]struct {
		change   func(doc *openapi3.T)
		monotone bool
	}{
		"as made": {func(*openapi3.T) {}, true},
		"oneOf": {func(doc *openapi3.T) {
			doc.Components.Schemas["key"].Value.OneOf = openapi3.SchemaRefs{{Value: &openapi3.Schema{}}}
		}, false},
		"deep not": {func(doc *openapi3.T) {
			q := doc.Paths.Value("/things/{id}").Get.Parameters[0].Value
			q.Schema = &openapi3.SchemaRef{Value: &openapi3.Schema{Items: &openapi3.SchemaRef{Value: &openapi3.Schema{Not: &openapi3.SchemaRef{Value: &openapi3.Schema{}}}}}}
		}, false},
		"a reference with a Value": {func(doc *openapi3.T) {
			mt := doc.Paths.Value("/things/{id}").Get.Responses.Value("200").Value.Content["application/json"]
			mt.Schema.Value = &openapi3.Schema{Not: &openapi3.SchemaRef{Value: &openapi3.Schema{}}}
		}, false},
	} {
		t.Run(name, func(t *testing.T) {
			doc := unmarshalDoc(t, resolveDoc)
			c.change(doc)
			ok, monotone := resolveLocalGraph(doc)
			if !ok {
				t.Fatal("resolveLocalGraph declined the document")
			}
			if monotone != c.monotone {
				t.Errorf("monotone = %v, want %v", monotone, c.monotone)
			}
			if c.monotone && !noNotOrOneOf(doc.Components.Schemas["thing"].Value.AllOf) {
				t.Error("noNotOrOneOf disagrees")
			}
		})
	}
}
