package apidiff

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// memDoc builds a document in memory the way package spec does: refs
// unresolved (Value nil), extensions as Go values.
func memDoc(ops map[string]*openapi3.Operation, schemas openapi3.Schemas) *openapi3.T {
	doc := &openapi3.T{OpenAPI: "3.0.3", Paths: openapi3.NewPaths(),
		Components: &openapi3.Components{Schemas: schemas}}
	for key, o := range ops {
		var method, path string
		for i := range key {
			if key[i] == ' ' {
				method, path = key[:i], key[i+1:]
				break
			}
		}
		item := doc.Paths.Value(path)
		if item == nil {
			item = &openapi3.PathItem{}
			doc.Paths.Set(path, item)
		}
		item.SetOperation(method, o)
	}
	return doc
}

func getOp(perms map[string][]any, resp *openapi3.SchemaRef) *openapi3.Operation {
	o := openapi3.NewOperation()
	o.OperationID = "get.me.things"
	o.Extensions = map[string]any{"x-graph-source": "api/thing-list.md:10", "x-graph-page": "api/thing-list.md"}
	if perms != nil {
		o.Extensions["x-graph-permissions"] = perms
	}
	o.Responses = openapi3.NewResponses()
	desc := "OK"
	o.Responses.Set("200", &openapi3.ResponseRef{Value: &openapi3.Response{Description: &desc,
		Content: openapi3.Content{"application/json": {Schema: resp}}}})
	return o
}

func TestPermissionRules(t *testing.T) {
	type P = map[string][]any
	ref := &openapi3.SchemaRef{Ref: "#/components/schemas/microsoft.graph.thing"}
	tests := []struct {
		name     string
		old, new P
		changes  int
		breaking bool
	}{
		{"same", P{"application": {"A"}}, P{"application": {"A"}}, 0, false},
		{"reordered", P{"application": {"A", "B"}}, P{"application": {"B", "A"}}, 1, false},
		{"less privileged option added", P{"application": {"B"}}, P{"application": {"A", "B"}}, 1, false},
		{"permission no longer accepted", P{"application": {"A", "B"}}, P{"application": {"B"}}, 1, true},
		{"replaced by a broader one", P{"application": {"A"}}, P{"application": {"A.All"}}, 1, true},
		{"support dropped", P{"application": {"A"}}, P{"application": {}}, 1, true},
		{"support added", P{"application": {}}, P{"application": {"A"}}, 1, false},
		{"key missing counts as unsupported", P{"application": {"A"}}, P{}, 1, true},
		{"undocumented old", nil, P{"application": {"A"}}, 0, false},
		{"undocumented new", P{"application": {"A"}}, nil, 0, false},
		// An alternative is a set of scopes ("A and B"), in any order.
		{"and: same set", P{"application": {[]string{"A", "B"}}}, P{"application": {[]string{"B", "A"}}}, 0, false},
		{"and: the old one-scope form", P{"application": {"A"}}, P{"application": {[]string{"A"}}}, 0, false},
		{"and: a scope more needed", P{"application": {"A"}}, P{"application": {[]string{"A", "B"}}}, 1, true},
		{"and: a scope less needed", P{"application": {[]string{"A", "B"}}}, P{"application": {"A"}}, 1, false},
		{"and: an alternative added", P{"application": {[]string{"A", "B"}}}, P{"application": {[]string{"A", "B"}, "C"}}, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			schemas := openapi3.Schemas{"microsoft.graph.thing": {Value: &openapi3.Schema{Type: &openapi3.Types{"object"}}}}
			old := memDoc(map[string]*openapi3.Operation{"GET /me/things": getOp(tt.old, ref)}, schemas)
			new := memDoc(map[string]*openapi3.Operation{"GET /me/things": getOp(tt.new, ref)}, schemas)
			r := compare(t, old, new)
			if len(r.Changes) != tt.changes {
				t.Fatalf("%d changes, want %d: %+v", len(r.Changes), tt.changes, r.Changes)
			}
			for _, c := range r.Changes {
				if c.Kind != KindPermissionsChanged || c.Breaking != tt.breaking {
					t.Errorf("%s breaking=%v, want permissions-changed breaking=%v", c.Detail, c.Breaking, tt.breaking)
				}
			}
		})
	}
}

// TestUnresolvedRefs checks that documents built in memory, with $refs
// whose Value is nil, are compared through their components.
func TestUnresolvedRefs(t *testing.T) {
	coll := func(item string) *openapi3.SchemaRef {
		return &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"object"}, Properties: openapi3.Schemas{
			"value": {Value: &openapi3.Schema{Type: &openapi3.Types{"array"}, Items: &openapi3.SchemaRef{Ref: "#/components/schemas/" + item}}},
		}}}
	}
	prim := func(typ, format string) *openapi3.SchemaRef {
		return &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"object"}, Properties: openapi3.Schemas{
			"value": {Value: &openapi3.Schema{Type: &openapi3.Types{typ}, Format: format}},
		}}}
	}
	schemas := func(countType, countFormat string) openapi3.Schemas {
		return openapi3.Schemas{
			"microsoft.graph.thing":                    {Value: &openapi3.Schema{Type: &openapi3.Types{"object"}}},
			"microsoft.graph.widget":                   {Value: &openapi3.Schema{Type: &openapi3.Types{"object"}}},
			"microsoft.graph.thingCollectionResponse":  coll("microsoft.graph.thing"),
			"microsoft.graph.widgetCollectionResponse": coll("microsoft.graph.widget"),
			"thingCountResponse":                       prim(countType, countFormat),
		}
	}
	list := func(item string) *openapi3.Operation {
		return getOp(nil, &openapi3.SchemaRef{Ref: "#/components/schemas/microsoft.graph." + item + "CollectionResponse"})
	}
	count := func() *openapi3.Operation {
		o := getOp(nil, &openapi3.SchemaRef{Ref: "#/components/schemas/thingCountResponse"})
		o.OperationID = "get.me.things.count"
		return o
	}
	old := memDoc(map[string]*openapi3.Operation{"GET /me/things": list("thing"), "GET /me/things/count": count()}, schemas("integer", "int32"))
	new := memDoc(map[string]*openapi3.Operation{"GET /me/things": list("widget"), "GET /me/things/count": count()}, schemas("integer", "int64"))
	r := compare(t, old, new)
	var got []string
	for _, c := range r.Changes {
		got = append(got, line(c))
	}
	want := []string{
		"response-type-changed | GET /me/things | application/json collection of microsoft.graph.thing -> application/json collection of microsoft.graph.widget BREAKING",
		"response-type-changed | GET /me/things/count | application/json integer(int32) -> application/json integer(int64) BREAKING",
	}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// TestPathMatching: placeholders' names and letter case do not split an
// operation; paths that would collide keep their exact form.
func TestPathMatching(t *testing.T) {
	ref := &openapi3.SchemaRef{Ref: "#/components/schemas/microsoft.graph.thing"}
	schemas := openapi3.Schemas{"microsoft.graph.thing": {Value: &openapi3.Schema{Type: &openapi3.Types{"object"}}}}
	old := memDoc(map[string]*openapi3.Operation{"GET /me/calendargroup/{id}": getOp(nil, ref)}, schemas)
	new := memDoc(map[string]*openapi3.Operation{"GET /me/calendarGroup/{calendarGroupId}": getOp(nil, ref)}, schemas)
	r := compare(t, old, new)
	if len(r.Changes) != 1 || r.Changes[0].Kind != KindPathRenamed || r.Changes[0].Breaking {
		t.Errorf("changes: %+v", r.Changes)
	}

	both := memDoc(map[string]*openapi3.Operation{"GET /a/{x}": getOp(nil, ref), "GET /A/{y}": getOp(nil, ref)}, schemas)
	one := memDoc(map[string]*openapi3.Operation{"GET /a/{x}": getOp(nil, ref)}, schemas)
	r = compare(t, both, one)
	if r.Removed != 1 || len(r.Changes) != 1 || r.Changes[0].Path != "/A/{y}" {
		t.Errorf("colliding paths: %+v", r.Changes)
	}
}

func TestStubsAreUndocumented(t *testing.T) {
	stub := &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"object"}, Extensions: map[string]any{"x-graph-stub": true}}}
	real := &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"object"},
		Extensions: map[string]any{"x-graph-source": "resources/thing.md:2"}}}
	r := compare(t, memDoc(nil, openapi3.Schemas{"microsoft.graph.thing": stub}), memDoc(nil, openapi3.Schemas{"microsoft.graph.thing": real}))
	if len(r.Changes) != 1 || r.Changes[0].Kind != KindSchemaAdded || r.Changes[0].Source != "resources/thing.md:2" {
		t.Errorf("stub -> documented: %+v", r.Changes)
	}
	r = compare(t, memDoc(nil, openapi3.Schemas{"microsoft.graph.thing": real}), memDoc(nil, openapi3.Schemas{"microsoft.graph.thing": stub}))
	if len(r.Changes) != 1 || r.Changes[0].Kind != KindSchemaRemoved || !r.Changes[0].Breaking {
		t.Errorf("documented -> stub: %+v", r.Changes)
	}
}

func TestRequestBodyAddedRemoved(t *testing.T) {
	ref := &openapi3.SchemaRef{Ref: "#/components/schemas/microsoft.graph.thing"}
	schemas := openapi3.Schemas{"microsoft.graph.thing": {Value: &openapi3.Schema{Type: &openapi3.Types{"object"}}}}
	withBody := func(required bool) *openapi3.Operation {
		o := getOp(nil, ref)
		o.RequestBody = &openapi3.RequestBodyRef{Value: &openapi3.RequestBody{Required: required,
			Content: openapi3.Content{"application/octet-stream": {Schema: &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"string"}, Format: "binary"}}}}}}
		return o
	}
	none := memDoc(map[string]*openapi3.Operation{"PUT /me/things": getOp(nil, ref)}, schemas)
	req := memDoc(map[string]*openapi3.Operation{"PUT /me/things": withBody(true)}, schemas)
	opt := memDoc(map[string]*openapi3.Operation{"PUT /me/things": withBody(false)}, schemas)
	for _, tt := range []struct {
		name     string
		old, new *openapi3.T
		detail   string
		breaking bool
	}{
		{"required added", none, req, "request body added (application/octet-stream string(binary), required)", true},
		{"optional added", none, opt, "request body added (application/octet-stream string(binary), optional)", false},
		{"removed", req, none, "request body removed (was application/octet-stream string(binary))", true},
		{"became required", opt, req, "request body became required", true},
	} {
		r := compare(t, tt.old, tt.new)
		if len(r.Changes) != 1 || r.Changes[0].Kind != KindRequestBodyChanged || r.Changes[0].Detail != tt.detail || r.Changes[0].Breaking != tt.breaking {
			t.Errorf("%s: %+v", tt.name, r.Changes)
		}
	}
}
