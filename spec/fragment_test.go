package spec

import (
	"reflect"
	"strings"
	"testing"

	"github.com/graphdocgen/graphdocgen/parser"
	"github.com/graphdocgen/graphdocgen/xgraph"
)

func permanentDeletePage() *parser.Page {
	p := apiPage("api/event-permanentdelete.md", "event: permanentDelete",
		"POST /users/{usersId}/events/{eventId}/permanentDelete",
		"POST /users/{usersId}/messages/{messageId}/event/instances/{eventId}/permanentDelete",
	)
	p.Permissions = parser.Permissions{Found: true, Permissions: xgraph.Permissions{
		DelegatedWork: xgraph.Alternatives{{"Calendars.ReadWrite"}, {"Calendars.Read", "Mail.Send"}}, Application: xgraph.Alternatives{{"Calendars.ReadWrite"}}}}
	p.Examples = []parser.Example{
		{BlockType: "request", Name: "eventthis.permanentdelete", Method: "POST",
			URL: "https://graph.microsoft.com/v1.0/users/b4c8/messages/AAM=/event/instances/AAE=/permanentDelete",
			Pos: parser.Pos{File: p.Path, Line: 60}},
		{BlockType: "response", Name: "eventthis.permanentdelete", Status: 204, Truncated: true, Pos: parser.Pos{File: p.Path, Line: 70}},
	}
	return p
}

func TestFragmentAction(t *testing.T) {
	doc, diags := Fragment(permanentDeletePage(), Options{})
	noDiags(t, diags)
	mustValid(t, doc)
	o := op(t, doc, "/users/{userId}/messages/{messageId}/event/instances/{eventId}/permanentDelete", "POST")
	if o.OperationID != "post.users.userId.messages.messageId.event.instances.eventId.permanentDelete" {
		t.Errorf("operationId = %s", o.OperationID)
	}
	if o.Summary != "event: permanentDelete" || o.Description != "Does event: permanentDelete." {
		t.Errorf("summary/description = %q / %q", o.Summary, o.Description)
	}
	ext := asJSON(t, o.Extensions).(map[string]any)
	if ext[extAction] != "permanentDelete" {
		t.Errorf("x-graph-action = %v", ext[extAction])
	}
	if ext[extSource] != "api/event-permanentdelete.md:21" || ext[extPage] != "api/event-permanentdelete.md" {
		t.Errorf("source/page = %v / %v", ext[extSource], ext[extPage])
	}
	wantPerm := map[string]any{
		"delegatedWork":     []any{[]any{"Calendars.ReadWrite"}, []any{"Calendars.Read", "Mail.Send"}},
		"delegatedPersonal": []any{}, "application": []any{[]any{"Calendars.ReadWrite"}},
	}
	if !reflect.DeepEqual(ext[extPermissions], wantPerm) {
		t.Errorf("permissions = %v", ext[extPermissions])
	}
	// Security: one requirement object per alternative, with all its
	// scopes; "and" is never two alternatives.
	if o.Security == nil || !reflect.DeepEqual(asJSON(t, *o.Security), []any{
		map[string]any{"delegatedWork": []any{"Calendars.ReadWrite"}},
		map[string]any{"delegatedWork": []any{"Calendars.Read", "Mail.Send"}},
		map[string]any{"application": []any{"Calendars.ReadWrite"}},
	}) {
		t.Errorf("security = %v", o.Security)
	}
	// Path parameters: required strings with their docs names.
	var docNames []string
	for _, p := range o.Parameters {
		if p.Value.In != "path" || !p.Value.Required || p.Value.Schema.Value.Type.Slice()[0] != "string" {
			t.Errorf("parameter %s: in %s required %v", p.Value.Name, p.Value.In, p.Value.Required)
		}
		docNames = append(docNames, p.Value.Extensions[extDocName].(string))
	}
	if !reflect.DeepEqual(docNames, []string{"usersId", "messageId", "eventId"}) {
		t.Errorf("doc names = %v", docNames)
	}
	// 204: no content, plus the default error.
	r := o.Responses.Value("204")
	if r == nil || len(r.Value.Content) != 0 {
		t.Errorf("204 response = %+v", r)
	}
	if d := o.Responses.Value("default"); d == nil || d.Ref != "#/components/responses/error" {
		t.Errorf("default response = %+v", d)
	}
	// The example matched the second variant, not the first.
	exs, _ := ext[extExamples].([]any)
	if len(exs) != 1 {
		t.Fatalf("examples on the instances variant = %v", ext[extExamples])
	}
	ex := exs[0].(map[string]any)
	if ex["name"] != "eventthis.permanentdelete" || ex["source"] != "api/event-permanentdelete.md:60" || ex["truncated"] != true {
		t.Errorf("example = %v", ex)
	}
	if req := ex["request"].(map[string]any); req["path"] != "/users/b4c8/messages/AAM=/event/instances/AAE=/permanentDelete" || req["method"] != "POST" {
		t.Errorf("example request = %v", req)
	}
	if resp := ex["response"].(map[string]any); resp["status"] != float64(204) {
		t.Errorf("example response = %v", resp)
	}
	first := op(t, doc, "/users/{userId}/events/{eventId}/permanentDelete", "POST")
	if _, ok := first.Extensions[extExamples]; ok {
		t.Error("example attached to the first variant too")
	}
	if doc.Components.Schemas[errorSchema] == nil || doc.Components.Responses["error"] == nil {
		t.Error("shared error components missing")
	}
}

func TestFixedQuery(t *testing.T) {
	p := apiPage("api/user-list-calendarview.md", "List calendarView",
		"GET /me/calendarView?startDateTime={start_datetime}&endDateTime={end_datetime}",
		"GET /me/events?$filter=type eq 'x'")
	p.Response = parser.Response{Kind: parser.RespCollection, Type: link("event"), Statuses: []int{200}}
	p.Query = parser.Query{OData: true, ODataNames: []string{"$select", "$top", "$skipToken"},
		Params: []parser.Param{{Name: "startDateTime", Type: typ("String"), Description: "The start."}}}
	doc, diags := Fragment(p, Options{})
	noDiags(t, diags)
	mustValid(t, doc)
	o := op(t, doc, "/me/calendarView", "GET")
	if o.Extensions[extQuery] != "startDateTime={start_datetime}&endDateTime={end_datetime}" {
		t.Errorf("x-graph-query = %v", o.Extensions[extQuery])
	}
	type pinfo struct {
		name, ref string
		req       bool
		doc       any
	}
	var got []pinfo
	for _, pr := range o.Parameters {
		if pr.Ref != "" {
			got = append(got, pinfo{ref: pr.Ref})
			continue
		}
		got = append(got, pinfo{name: pr.Value.Name, req: pr.Value.Required, doc: pr.Value.Extensions[extDocName]})
	}
	want := []pinfo{
		{ref: "#/components/parameters/select"},
		{ref: "#/components/parameters/top"},
		{name: "$skiptoken"},
		{name: "startDateTime", req: true, doc: "start_datetime"},
		{name: "endDateTime", req: true, doc: "end_datetime"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parameters:\n got %+v\nwant %+v", got, want)
	}
	o2 := op(t, doc, "/me/events", "GET")
	if o2.Extensions[extQuery] != "$filter=type eq 'x'" {
		t.Errorf("fixed filter query = %v", o2.Extensions[extQuery])
	}
	for _, pr := range o2.Parameters {
		if pr.Value != nil && pr.Value.Required {
			t.Errorf("a fixed value became a required parameter: %s", pr.Value.Name)
		}
	}
	// Collection response.
	r := o.Responses.Value("200").Value.Content["application/json"].Schema
	if r.Ref != "#/components/schemas/microsoft.graph.eventCollectionResponse" {
		t.Fatalf("collection response ref = %s", r.Ref)
	}
	cr := doc.Components.Schemas["microsoft.graph.eventCollectionResponse"].Value
	if cr.Properties["value"].Value.Items.Ref != "#/components/schemas/microsoft.graph.event" || cr.Properties["@odata.nextLink"] == nil {
		t.Errorf("collection response schema = %s", jsonString(t, cr))
	}
	if !isStub(doc.Components.Schemas["microsoft.graph.event"]) {
		t.Error("event has no stub")
	}
}

func TestResponses(t *testing.T) {
	tests := []struct {
		name     string
		resp     parser.Response
		status   string
		ct       string
		ref      string
		location bool
		schema   string // JSON of a generated schema, keyed by ref
	}{
		{"object", parser.Response{Kind: parser.RespObject, Type: link("user"), Statuses: []int{200}}, "200", "application/json",
			"#/components/schemas/microsoft.graph.user", false, ""},
		{"created", parser.Response{Kind: parser.RespObject, Type: typ("microsoft.graph.event"), Statuses: []int{201}}, "201", "application/json",
			"#/components/schemas/microsoft.graph.event", false, ""},
		{"collection", parser.Response{Kind: parser.RespCollection, Type: typ("directoryObject"), Statuses: []int{200}}, "200", "application/json",
			"#/components/schemas/microsoft.graph.directoryObjectCollectionResponse", false, ""},
		{"object collection type", parser.Response{Kind: parser.RespObject, Type: coll("group")}, "200", "application/json",
			"#/components/schemas/microsoft.graph.groupCollectionResponse", false, ""},
		{"primitive", parser.Response{Kind: parser.RespPrimitive, Type: typ("Boolean"), Statuses: []int{200}}, "200", "application/json",
			"#/components/schemas/userCheckResponse", false, `{"properties":{"value":{"type":"boolean"}},"type":"object","x-graph-generated":true,"x-graph-source":"api/user-check.md"}`},
		{"primitive collection", parser.Response{Kind: parser.RespCollection, Type: coll("String"), Statuses: []int{200}}, "200", "application/json",
			"#/components/schemas/userCheckResponse", false, `{"properties":{"value":{"items":{"type":"string"},"type":"array"}},"type":"object","x-graph-generated":true,"x-graph-source":"api/user-check.md"}`},
		{"stream", parser.Response{Kind: parser.RespStream, Statuses: []int{200}}, "200", "application/octet-stream", "", false, ""},
		{"redirect", parser.Response{Kind: parser.RespRedirect, Statuses: []int{302}, Location: true}, "302", "", "", true, ""},
		{"redirect without status", parser.Response{Kind: parser.RespRedirect}, "302", "", "", true, ""},
		{"accepted", parser.Response{Kind: parser.RespNone, Statuses: []int{202}, Location: true}, "202", "", "", true, ""},
		{"none", parser.Response{Kind: parser.RespNone}, "204", "", "", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := apiPage("api/user-check.md", "user: check", "GET /users/{id}/check")
			p.Response = tt.resp
			doc, diags := Fragment(p, Options{})
			noDiags(t, diags)
			mustValid(t, doc)
			o := op(t, doc, "/users/{userId}/check", "GET")
			r := o.Responses.Value(tt.status)
			if r == nil {
				t.Fatalf("no %s response; have %v", tt.status, o.Responses.Keys())
			}
			if tt.ct == "" {
				if len(r.Value.Content) != 0 {
					t.Errorf("content = %s", jsonString(t, r.Value.Content))
				}
			} else {
				mt := r.Value.Content[tt.ct]
				if mt == nil {
					t.Fatalf("no %s content: %s", tt.ct, jsonString(t, r.Value.Content))
				}
				if tt.ref != "" && mt.Schema.Ref != tt.ref {
					t.Errorf("schema ref = %q, want %q", mt.Schema.Ref, tt.ref)
				}
				if tt.ct == "application/octet-stream" && mt.Schema.Value.Format != "binary" {
					t.Errorf("stream schema = %s", jsonString(t, mt.Schema))
				}
			}
			if _, ok := r.Value.Headers["Location"]; ok != tt.location {
				t.Errorf("Location header = %v, want %v", ok, tt.location)
			}
			if tt.schema != "" {
				key := strings.TrimPrefix(tt.ref, "#/components/schemas/")
				if got := jsonString(t, doc.Components.Schemas[key]); got != tt.schema {
					t.Errorf("schema %s = %s\nwant %s", key, got, tt.schema)
				}
			}
		})
	}
}

func TestRequestBody(t *testing.T) {
	t.Run("params", func(t *testing.T) {
		p := apiPage("api/event-forward.md", "event: forward", "POST /me/events/{id}/forward")
		p.Body = parser.RequestBody{Kind: parser.BodyParams, Params: []parser.Param{
			{Name: "ToRecipients", Type: parser.TypeRef{Name: "recipient", Link: "resources/recipient.md", Collection: true}, Description: "Recipients.", Required: true},
			{Name: "Comment", Type: typ("String"), Description: "A comment."},
			{Name: "Count", Type: typ("Int64")},
		}}
		doc, diags := Fragment(p, Options{})
		noDiags(t, diags)
		mustValid(t, doc)
		o := op(t, doc, "/me/events/{eventId}/forward", "POST")
		if o.Extensions[extAction] != "forward" {
			t.Errorf("action = %v", o.Extensions[extAction])
		}
		rb := o.RequestBody.Value
		if !rb.Required || rb.Content["application/json"].Schema.Ref != "#/components/schemas/eventForwardRequestBody" {
			t.Fatalf("request body = %s", jsonString(t, rb))
		}
		s := doc.Components.Schemas["eventForwardRequestBody"].Value
		if !reflect.DeepEqual(s.Required, []string{"ToRecipients"}) {
			t.Errorf("required = %v", s.Required)
		}
		if got := jsonString(t, s.Properties["ToRecipients"]); got != `{"description":"Recipients.","items":{"$ref":"#/components/schemas/microsoft.graph.recipient"},"type":"array"}` {
			t.Errorf("ToRecipients = %s", got)
		}
		if got := jsonString(t, s.Properties["Count"]); got != `{"format":"int64","type":"integer"}` {
			t.Errorf("Count = %s", got)
		}
		if !isStub(doc.Components.Schemas["microsoft.graph.recipient"]) {
			t.Error("recipient stub missing")
		}
	})
	t.Run("resource", func(t *testing.T) {
		p := apiPage("api/user-post-events.md", "Create event", "POST /me/events")
		p.Body = parser.RequestBody{Kind: parser.BodyResource, Type: link("event")}
		doc, diags := Fragment(p, Options{})
		noDiags(t, diags)
		mustValid(t, doc)
		o := op(t, doc, "/me/events", "POST")
		if o.RequestBody.Value.Content["application/json"].Schema.Ref != "#/components/schemas/microsoft.graph.event" {
			t.Errorf("body = %s", jsonString(t, o.RequestBody))
		}
		if _, ok := o.Extensions[extAction]; ok {
			t.Error("a create has an action")
		}
	})
	t.Run("stream", func(t *testing.T) {
		p := apiPage("api/profilephoto-update.md", "Update profilePhoto", "PUT /me/photo/$value")
		p.Body = parser.RequestBody{Kind: parser.BodyStream, ContentType: "image/jpeg"}
		doc, diags := Fragment(p, Options{})
		noDiags(t, diags)
		mustValid(t, doc)
		o := op(t, doc, "/me/photo/$value", "PUT")
		if got := jsonString(t, o.RequestBody.Value.Content); got != `{"image/jpeg":{"schema":{"format":"binary","type":"string"}}}` {
			t.Errorf("body = %s", got)
		}
	})
	t.Run("none", func(t *testing.T) {
		p := apiPage("api/event-delete.md", "Delete event", "DELETE /me/events/{id}")
		p.Body = parser.RequestBody{Kind: parser.BodyNone}
		doc, _ := Fragment(p, Options{})
		if o := op(t, doc, "/me/events/{eventId}", "DELETE"); o.RequestBody != nil {
			t.Error("request body for none")
		}
	})
}

func TestHeaderParams(t *testing.T) {
	p := apiPage("api/user-list-events.md", "List events", "GET /me/events")
	p.Headers = []parser.Header{
		{Name: "Authorization", Description: "Bearer {token}. Required.", Required: true},
		{Name: "Content-Type", Description: "application/json"},
		{Name: "Prefer", Value: "outlook.timezone", Description: "Time zone."},
		{Name: "Prefer", Value: "outlook.body-content-type", Description: "Body format."},
		{Name: "ConsistencyLevel", Description: "eventual. Required.", Required: true},
	}
	doc, diags := Fragment(p, Options{})
	noDiags(t, diags)
	mustValid(t, doc)
	got := jsonString(t, op(t, doc, "/me/events", "GET").Parameters)
	want := `[{"description":"Time zone.","in":"header","name":"Prefer","schema":{"type":"string"},"x-graph-values":["outlook.timezone","outlook.body-content-type"]},` +
		`{"description":"eventual. Required.","in":"header","name":"ConsistencyLevel","required":true,"schema":{"type":"string"}}]`
	if got != want {
		t.Errorf("parameters =\n%s\nwant\n%s", got, want)
	}
}

func TestODataAll(t *testing.T) {
	p := apiPage("api/user-list.md", "List users", "GET /users")
	p.Query = parser.Query{OData: true}
	p.Response = parser.Response{Kind: parser.RespCollection, Type: typ("user")}
	doc, _ := Fragment(p, Options{})
	mustValid(t, doc)
	o := op(t, doc, "/users", "GET")
	if len(o.Parameters) != len(odataOrder) || o.Parameters[0].Ref != "#/components/parameters/select" {
		t.Errorf("parameters = %s", jsonString(t, o.Parameters))
	}
	if got := doc.Components.Parameters["top"].Value; got.Name != "$top" || got.Schema.Value.Type.Slice()[0] != "integer" {
		t.Errorf("top parameter = %s", jsonString(t, got))
	}
}

func TestResourceSchema(t *testing.T) {
	base := link("outlookItem")
	p := resourcePage("event", &base,
		prop("subject", typ("String"), "The subject. Nullable."),
		prop("isAllDay", typ("Boolean"), "All day."),
		prop("start", link("dateTimeTimeZone"), "Start."),
		prop("categories", coll("String"), "Categories. Not nullable."),
		prop("sensitivity", typ("sensitivity"), "Sensitivity."),
		prop("id", typ("String"), "Id. Read-only."),
		prop("count", typ("Int32"), ""),
		prop("big", typ("Int64"), ""),
		prop("ratio", typ("Double"), ""),
		prop("single", typ("Single"), ""),
		prop("money", typ("Decimal"), ""),
		prop("when", typ("DateTimeOffset"), ""),
		prop("day", typ("Date"), ""),
		prop("time", typ("TimeOfDay"), ""),
		prop("dur", typ("Duration"), ""),
		prop("guid", typ("Guid"), ""),
		prop("bin", typ("Binary"), ""),
		prop("small", typ("Int16"), ""),
		prop("b", typ("Byte"), ""),
		prop("content", typ("Stream"), ""),
		prop("stamp", typ("string (timestamp)"), ""),
		prop("perms", typ("Collection(microsoft.graph.permission)"), ""),
	)
	p.Resource.Relationships = []parser.Property{
		prop("calendar", link("calendar"), "The calendar. Read-only."),
		prop("attachments", coll("attachment"), "Attachments."),
	}
	p.Resource.Enums = []parser.Enum{{Name: "sensitivity", Members: []parser.EnumMember{{Name: "normal"}, {Name: "private"}}, Pos: parser.Pos{Line: 80}}}
	doc, diags := Fragment(p, Options{})
	noDiags(t, diags)
	mustValid(t, doc)
	s := doc.Components.Schemas["microsoft.graph.event"].Value
	if len(s.AllOf) != 2 || s.AllOf[0].Ref != "#/components/schemas/microsoft.graph.outlookItem" {
		t.Fatalf("allOf = %s", jsonString(t, s.AllOf))
	}
	if s.Extensions[extSource] != "resources/event.md:10" || s.Description != "A event." {
		t.Errorf("source/description = %v / %q", s.Extensions[extSource], s.Description)
	}
	props := s.AllOf[1].Value.Properties
	want := map[string]string{
		"subject":     `{"description":"The subject. Nullable.","nullable":true,"type":"string"}`,
		"isAllDay":    `{"description":"All day.","nullable":true,"type":"boolean"}`,
		"start":       `{"allOf":[{"$ref":"#/components/schemas/microsoft.graph.dateTimeTimeZone"}],"description":"Start.","nullable":true}`,
		"categories":  `{"description":"Categories. Not nullable.","items":{"type":"string"},"type":"array"}`,
		"sensitivity": `{"allOf":[{"$ref":"#/components/schemas/microsoft.graph.sensitivity"}],"description":"Sensitivity.","nullable":true}`,
		"id":          `{"description":"Id. Read-only.","nullable":true,"readOnly":true,"type":"string"}`,
		"count":       `{"format":"int32","nullable":true,"type":"integer"}`,
		"big":         `{"format":"int64","nullable":true,"type":"integer"}`,
		"ratio":       `{"format":"double","nullable":true,"type":"number"}`,
		"single":      `{"format":"float","nullable":true,"type":"number"}`,
		"money":       `{"format":"decimal","nullable":true,"type":"number"}`,
		"when":        `{"format":"date-time","nullable":true,"type":"string"}`,
		"day":         `{"format":"date","nullable":true,"type":"string"}`,
		"time":        `{"format":"time","nullable":true,"type":"string"}`,
		"dur":         `{"format":"duration","nullable":true,"type":"string"}`,
		"guid":        `{"format":"uuid","nullable":true,"type":"string"}`,
		"bin":         `{"format":"base64","nullable":true,"type":"string"}`,
		"small":       `{"format":"int32","nullable":true,"type":"integer"}`,
		"b":           `{"format":"int32","nullable":true,"type":"integer"}`,
		"content":     `{"format":"binary","nullable":true,"type":"string"}`,
		"stamp":       `{"nullable":true,"type":"string"}`,
		"perms":       `{"items":{"$ref":"#/components/schemas/microsoft.graph.permission"},"nullable":true,"type":"array"}`,
		"calendar":    `{"allOf":[{"$ref":"#/components/schemas/microsoft.graph.calendar"}],"description":"The calendar. Read-only.","nullable":true,"readOnly":true,"x-ms-navigationProperty":true}`,
		"attachments": `{"description":"Attachments.","items":{"$ref":"#/components/schemas/microsoft.graph.attachment"},"nullable":true,"type":"array","x-ms-navigationProperty":true}`,
	}
	for name, w := range want {
		if got := jsonString(t, props[name]); got != w {
			t.Errorf("property %s = %s\nwant %s", name, got, w)
		}
	}
	if len(props) != len(want) {
		t.Errorf("%d properties, want %d", len(props), len(want))
	}
	// The page's enum is a string schema, not a stub; the other types are stubs.
	if got := jsonString(t, doc.Components.Schemas["microsoft.graph.sensitivity"]); got != `{"enum":["normal","private"],"type":"string","x-graph-source":"resources/event.md:80"}` {
		t.Errorf("enum = %s", got)
	}
	for _, k := range []string{"outlookItem", "dateTimeTimeZone", "calendar", "attachment"} {
		if !isStub(doc.Components.Schemas["microsoft.graph."+k]) {
			t.Errorf("%s is not a stub", k)
		}
	}
}

func TestEnumPage(t *testing.T) {
	p := &parser.Page{Path: "resources/weekindex.md", Kind: parser.KindEnum, Resource: &parser.Resource{Name: "weekIndex",
		Enums: []parser.Enum{{Name: "weekIndex", Flags: true, Pos: parser.Pos{Line: 7}, Members: []parser.EnumMember{
			{Name: "first", Value: "1"}, {Name: "second", Value: "2"}, {Name: "last", Value: "0x4"}, {Name: "first", Value: "1"},
		}}}}}
	doc, diags := Fragment(p, Options{})
	noDiags(t, diags)
	mustValid(t, doc)
	got := jsonString(t, doc.Components.Schemas["microsoft.graph.weekIndex"])
	want := `{"enum":["first","second","last"],"type":"string","x-graph-enum-values":{"first":1,"last":4,"second":2},"x-graph-flags":true,"x-graph-source":"resources/weekindex.md:7"}`
	if got != want {
		t.Errorf("enum = %s\nwant %s", got, want)
	}
	if len(doc.Components.Schemas) != 2 { // the enum and the shared error schema
		t.Errorf("schemas: %v", sortedKeys(doc.Components.Schemas))
	}
}

func TestExamples(t *testing.T) {
	p := apiPage("api/event-get.md", "Get event",
		"GET /me/events/{id}",
		"GET /users/{id | userPrincipalName}/events/{id}",
		"GET /me/events/delta()",
		"PATCH /me/events/{id}")
	p.Response = parser.Response{Kind: parser.RespObject, Type: link("event"), Statuses: []int{200}}
	p.Body = parser.RequestBody{Kind: parser.BodyUnknown}
	body := map[string]any{"subject": "Hi"}
	p.Examples = []parser.Example{
		{BlockType: "request", Name: "get_event", Method: "GET", URL: "https://graph.microsoft.com/v1.0/users/a@b.com/events/AAMk=?$select=subject",
			Headers: []parser.ExampleHeader{{Name: "Prefer", Value: "outlook.timezone=\"UTC\""}}, Pos: parser.Pos{Line: 40}},
		{BlockType: "response", Name: "get_event", Status: 200, Body: `{"subject":"Hi"}`, JSON: body, Pos: parser.Pos{Line: 50}},
		{BlockType: "request", Name: "get event", Method: "GET", URL: "https://graph.microsoft.com/v1.0/me/events/delta", Pos: parser.Pos{Line: 60}},
		{BlockType: "response", Name: "get event", Status: 200, Body: `{"subject": "Hi", ...`, Truncated: true, Pos: parser.Pos{Line: 65}},
		{BlockType: "request", Name: "get_event", Method: "GET", URL: "/me/events/AAA", Pos: parser.Pos{Line: 68}},
		{BlockType: "request", Name: "get_event", Method: "GET", URL: "/something/else", Pos: parser.Pos{Line: 70}},
		{BlockType: "request", Name: "", Method: "PATCH", URL: "https://graph.microsoft.com/v1.0/me/events/AAMk=", Body: `{"subject":"Hi"}`, JSON: body, Pos: parser.Pos{Line: 80}},
		{BlockType: "request", Name: "x", Method: "PUT", URL: "/me/events/1", Pos: parser.Pos{Line: 90}},
	}
	doc, diags := Fragment(p, Options{})
	mustValid(t, doc)
	if !hasRule(diags, "body-from-example") || !hasRule(diags, "example-method") {
		t.Errorf("diagnostics = %v", diags)
	}
	names := func(path, method string) []string {
		var out []string
		for _, e := range asJSON(t, op(t, doc, path, method).Extensions[extExamples]).([]any) {
			out = append(out, e.(map[string]any)["name"].(string))
		}
		return out
	}
	if got := names("/users/{userId}/events/{eventId}", "GET"); !reflect.DeepEqual(got, []string{"get_event"}) {
		t.Errorf("users variant examples = %v", got)
	}
	if got := names("/me/events/delta()", "GET"); !reflect.DeepEqual(got, []string{"get_event"}) {
		t.Errorf("delta examples = %v", got)
	}
	// The unmatched example goes to the first GET variant.
	if got := names("/me/events/{eventId}", "GET"); !reflect.DeepEqual(got, []string{"get_event", "get_event_2"}) {
		t.Errorf("first variant examples = %v", got)
	}
	if got := names("/me/events/{eventId}", "PATCH"); !reflect.DeepEqual(got, []string{"example7"}) {
		t.Errorf("patch examples = %v", got)
	}
	users := op(t, doc, "/users/{userId}/events/{eventId}", "GET")
	e := asJSON(t, users.Extensions[extExamples]).([]any)[0].(map[string]any)
	if got := jsonString(t, e); got != `{"name":"get_event","request":{"headers":{"Prefer":"outlook.timezone=\"UTC\""},"method":"GET","path":"/users/a@b.com/events/AAMk=","url":"/users/a@b.com/events/AAMk=?$select=subject"},"response":{"headers":{},"source":"api/event-get.md:50","status":200},"source":"api/event-get.md:40"}` {
		t.Errorf("example entry = %s", got)
	}
	mt := users.Responses.Value("200").Value.Content["application/json"]
	if got := jsonString(t, mt.Examples); got != `{"get_event":{"value":{"subject":"Hi"}}}` {
		t.Errorf("response examples = %s", got)
	}
	delta := op(t, doc, "/me/events/delta()", "GET")
	de := asJSON(t, delta.Extensions[extExamples]).([]any)[0].(map[string]any)
	if de["truncated"] != true || de["responseBodyFormat"] != "text" {
		t.Errorf("truncated example entry = %v", de)
	}
	patch := op(t, doc, "/me/events/{eventId}", "PATCH")
	if got := jsonString(t, patch.RequestBody.Value.Content["application/json"].Examples); got != `{"example7":{"value":{"subject":"Hi"}}}` {
		t.Errorf("request examples = %s", got)
	}
}
