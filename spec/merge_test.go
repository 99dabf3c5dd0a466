package spec

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/parser"
)

// samplePages is a small page set touching every convention.
func samplePages() []*parser.Page {
	list := apiPage("api/user-list-events.md", "List events", "GET /me/events", "GET /users/{id | userPrincipalName}/events")
	list.Response = parser.Response{Kind: parser.RespCollection, Type: link("event"), Statuses: []int{200}}
	list.Query = parser.Query{OData: true, ODataNames: []string{"$select", "$filter"}}

	get := apiPage("api/event-get.md", "Get event", "GET /me/events/{id}", "GET /users/{id | userPrincipalName}/events/{id}")
	get.Response = parser.Response{Kind: parser.RespObject, Type: typ("Event"), Statuses: []int{200}}

	// A second page documenting GET /me/events/{id} (another parameter name,
	// another case): the first page in path order wins.
	dup := apiPage("api/event-get2.md", "Get event again", "GET /ME/events/{event-id}")
	dup.Response = parser.Response{Kind: parser.RespObject, Type: typ("event"), Statuses: []int{200}}

	fwd := permanentDeletePage()
	fwd.Body = parser.RequestBody{Kind: parser.BodyParams, Params: []parser.Param{
		{Name: "Body", Type: typ("itembody"), Required: true}}}

	base := link("entity")
	event := resourcePage("event", &base,
		prop("subject", typ("String"), "Subject."),
		prop("body", link("itemBody"), "Body."),
		prop("importance", typ("importance"), "Importance."))
	entity := resourcePage("entity", nil, prop("id", typ("String"), "Id. Read-only."))
	itemBody := resourcePage("itemBody", nil, prop("content", typ("String"), ""))
	imp := &parser.Page{Path: "resources/importance.md", Kind: parser.KindEnum, Resource: &parser.Resource{Name: "importance",
		Enums: []parser.Enum{{Name: "importance", Members: []parser.EnumMember{{Name: "low"}, {Name: "high"}}}}}}
	// A second definition of entity: the first in path order is kept.
	entity2 := resourcePage("Entity", nil, prop("other", typ("String"), ""))
	entity2.Path, entity2.File = "resources/zentity.md", "resources/zentity.md"
	return []*parser.Page{list, get, dup, fwd, event, entity, itemBody, imp, entity2}
}

func TestBuildMerge(t *testing.T) {
	doc, diags := Build(samplePages(), Options{})
	if diags.HasErrors() {
		t.Fatalf("errors:\n%s", diags.Error())
	}
	mustValid(t, doc)
	// The duplicate operation and the duplicate type are reported, naming
	// both sources.
	var dupOp, dupType string
	for _, d := range diags {
		switch d.Rule {
		case "duplicate-operation":
			dupOp = d.String()
		case "duplicate-type":
			dupType = d.String()
		}
	}
	if !strings.Contains(dupOp, "api/event-get2.md:20") || !strings.Contains(dupOp, "api/event-get.md:20") {
		t.Errorf("duplicate operation diagnostic = %q", dupOp)
	}
	if !strings.Contains(dupType, "resources/zentity.md:10") || !strings.Contains(dupType, "resources/entity.md:10") {
		t.Errorf("duplicate type diagnostic = %q", dupType)
	}
	o := op(t, doc, "/me/events/{eventId}", "GET")
	if o.Summary != "Get event" {
		t.Errorf("kept %q", o.Summary)
	}
	if doc.Paths.Value("/ME/events/{eventId}") != nil {
		t.Error("a path differing in case was kept")
	}
	// One spelling per type: Event (as written on an API page) and itembody
	// are rewritten to the resource pages' event and itemBody.
	schemas := doc.Components.Schemas
	for _, k := range sortedKeys(schemas) {
		switch strings.ToLower(k) {
		case "microsoft.graph.event", "microsoft.graph.itembody", "microsoft.graph.entity":
			if k != "microsoft.graph.event" && k != "microsoft.graph.itemBody" && k != "microsoft.graph.entity" {
				t.Errorf("non-canonical schema key %s", k)
			}
		}
		if isStub(schemas[k]) {
			t.Errorf("%s is a stub though its page is in the set", k)
		}
	}
	if r := o.Responses.Value("200").Value.Content["application/json"].Schema.Ref; r != "#/components/schemas/microsoft.graph.event" {
		t.Errorf("response ref = %s", r)
	}
	if r := schemas["eventPermanentdeleteRequestBody"].Value.Properties["Body"].Ref; r != "#/components/schemas/microsoft.graph.itemBody" {
		t.Errorf("body param ref = %s", r)
	}
	// The page schema replaced the stub; the enum resolves.
	ev := schemas["microsoft.graph.event"].Value
	if refOf(ev.AllOf[1].Value.Properties["importance"]) != "#/components/schemas/microsoft.graph.importance" ||
		schemas["microsoft.graph.importance"].Value.Enum == nil {
		t.Errorf("enum property = %s", jsonString(t, ev.AllOf[1].Value.Properties["importance"]))
	}
	if _, ok := schemas["microsoft.graph.entity"].Value.Properties["id"]; !ok {
		t.Error("the first entity definition was not kept")
	}
	if doc.Info.Version != "v1.0" || doc.Servers[0].URL != "https://graph.microsoft.com/v1.0" || doc.OpenAPI != "3.0.3" {
		t.Errorf("info/servers = %+v %+v", doc.Info, doc.Servers)
	}
	if doc.Components.SecuritySchemes["bearer"].Value.Scheme != "bearer" || len(doc.Security) != 1 {
		t.Error("bearer security missing")
	}
	// The OAuth 2.0 schemes declare the scopes the operations need.
	for _, name := range []string{"delegatedWork", "delegatedPersonal", "application"} {
		s := doc.Components.SecuritySchemes[name]
		if s == nil || s.Value.Type != "oauth2" || s.Value.Flows == nil {
			t.Errorf("security scheme %s = %+v", name, s)
		}
	}
	if sc := doc.Components.SecuritySchemes["delegatedWork"].Value.Flows.AuthorizationCode.Scopes; !reflect.DeepEqual(sc, map[string]string{
		"Calendars.Read": "Calendars.Read", "Calendars.ReadWrite": "Calendars.ReadWrite", "Mail.Send": "Mail.Send",
	}) {
		t.Errorf("delegatedWork scopes = %v", sc)
	}
	if _, ok := doc.Extensions[extPage]; ok {
		t.Error("the merged document carries a page")
	}
}

func TestMergeStubThenPage(t *testing.T) {
	// The API page (stub of user) comes first in path order, the resource
	// page later: the page schema wins whatever the order.
	api := apiPage("api/a-user-get.md", "Get user", "GET /users/{id}")
	api.Response = parser.Response{Kind: parser.RespObject, Type: typ("User")}
	res := resourcePage("user", nil, prop("displayName", typ("String"), ""))
	for _, order := range [][]*parser.Page{{api, res}, {res, api}} {
		var frags []*openapi3.T
		for _, p := range order {
			f, _ := Fragment(p, Options{Version: "beta"})
			frags = append(frags, f)
		}
		doc, diags := Merge(frags, Options{Version: "beta"})
		noDiags(t, diags)
		mustValid(t, doc)
		s := doc.Components.Schemas["microsoft.graph.user"]
		if s == nil || isStub(s) {
			t.Fatalf("user = %s; keys %v", jsonString(t, s), sortedKeys(doc.Components.Schemas))
		}
		if _, ok := doc.Components.Schemas["microsoft.graph.User"]; ok {
			t.Error("both spellings kept")
		}
		if doc.Servers[0].URL != "https://graph.microsoft.com/beta" {
			t.Errorf("server = %s", doc.Servers[0].URL)
		}
	}
}

func TestDeterminism(t *testing.T) {
	var want [2][]byte
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 8; i++ {
		pages := samplePages()
		r.Shuffle(len(pages), func(a, b int) { pages[a], pages[b] = pages[b], pages[a] })
		doc, diags := Build(pages, Options{})
		if diags.HasErrors() {
			t.Fatal(diags.Error())
		}
		for j, format := range []string{"json", "yaml"} {
			b, err := Marshal(doc, format)
			if err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				want[j] = b
			} else if !bytes.Equal(b, want[j]) {
				t.Fatalf("%s output differs for page order %d", format, i)
			}
		}
	}
	if !bytes.HasSuffix(want[0], []byte("}\n")) || !bytes.HasPrefix(want[0], []byte("{\n  \"components\"")) {
		t.Errorf("json layout: %q...", want[0][:40])
	}
	if !bytes.Contains(want[1], []byte("openapi: 3.0.3\n")) {
		t.Error("yaml lacks the openapi version")
	}
}

func TestMergeParamRename(t *testing.T) {
	a := apiPage("api/a.md", "a", "GET /sites/{site-id}/lists/{list-id}")
	b := apiPage("api/b.md", "b", "PATCH /sites/{site-id}/lists/{list-title}")
	doc, diags := Build([]*parser.Page{b, a}, Options{})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	o := op(t, doc, "/sites/{siteId}/lists/{listId}", "PATCH")
	if o.Parameters[1].Value.Name != "listId" || o.Parameters[1].Value.Extensions[extDocName] != "list-title" {
		t.Errorf("renamed parameter = %s", jsonString(t, o.Parameters[1]))
	}
	if o.OperationID != "patch.sites.siteId.lists.listId" {
		t.Errorf("operationId = %s", o.OperationID)
	}
}

func TestValidateReportsProblems(t *testing.T) {
	doc, _ := Fragment(apiPage("api/x.md", "x", "GET /x/{id}"), Options{})
	o := op(t, doc, "/x/{xId}", "GET")
	o.Parameters = nil
	o.Responses.Value("default").Ref = "#/components/responses/missing"
	err := Validate(doc)
	if err == nil {
		t.Fatal("invalid document validated")
	}
	if !strings.Contains(err.Error(), "missing") {
		t.Errorf("error = %v", err)
	}
}

func TestMarshalFormat(t *testing.T) {
	for in, want := range map[string]string{"out.yaml": "yaml", "x.YML": "yaml", "openapi.json": "json", "noext": "json"} {
		if got := FormatFor(in); got != want {
			t.Errorf("FormatFor(%q) = %q", in, got)
		}
	}
	doc, _ := Fragment(nil, Options{})
	if _, err := Marshal(doc, "xml"); err == nil {
		t.Error("xml accepted")
	}
}
