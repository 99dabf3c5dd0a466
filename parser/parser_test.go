package parser

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/graphdocgen/graphdocgen/xgraph"
)

// pageModern is an API page in the current format, written for the tests.
const pageModern = "---\n" +
	"title: \"widget: polish\"\n" +
	"description: \"Polish a widget.\"\n" +
	"doc_type: apiPageType\n" +
	"ms.date: 02/03/2025\n" +
	"---\n" +
	"\n" +
	"# widget: polish\n" +
	"\n" +
	"Namespace: microsoft.graph\n" +
	"\n" +
	"Make a widget shine.\n" +
	"\n" +
	"## Permissions\n" +
	"\n" +
	"<!-- { \"blockType\": \"permissions\", \"name\": \"widget_polish\" } -->\n" +
	"[!INCLUDE [permissions-table](../includes/permissions/widget-polish-permissions.md)]\n" +
	"\n" +
	"## HTTP request\n" +
	"\n" +
	"<!-- {\n  \"blockType\": \"ignored\"\n}\n-->\n" +
	"``` http\n" +
	"POST /users/{usersId}/widgets/{widgetId}/polish\n" +
	"\n" +
	"# a comment line\n" +
	"POST /me/drive/root:/{item-path}:/polish\n" +
	"```\n" +
	"\n" +
	"## Request headers\n" +
	"\n" +
	"|Name|Description|\n" +
	"|:---|:---|\n" +
	"|Authorization|Bearer {token}. Required.|\n" +
	"|Prefer: outlook.timezone|A time zone. Optional.|\n" +
	"\n" +
	"## Request body\n" +
	"\n" +
	"Don't supply a request body for this method.\n" +
	"\n" +
	"## Response\n" +
	"\n" +
	"If successful, this action returns a `204 No Content` response code.\n" +
	"\n" +
	"## Examples\n" +
	"\n" +
	"### Request\n" +
	"\n" +
	"# [HTTP](#tab/http)\n" +
	"<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"polish_widget\",\n}\n-->\n" +
	"``` http\n" +
	"POST https://graph.microsoft.com/v1.0/users/u1/widgets/w1/polish\n" +
	"Content-Type: application/json\n" +
	"\n" +
	"{\"shine\": 3}\n" +
	"```\n" +
	"\n" +
	"---\n" +
	"\n" +
	"### Response\n" +
	"\n" +
	"<!-- {\n  \"blockType\": \"response\",\n  \"truncated\": true\n}\n-->\n" +
	"``` http\n" +
	"HTTP/1.1 204 No Content\n" +
	"```\n"

const includeModern = "---\ndescription: \"generated\"\n---\n\n" +
	"|Permission type|Least privileged permissions|Higher privileged permissions|\n" +
	"|:---|:---|:---|\n" +
	"|Delegated (work or school account)|Widgets.Read|Widgets.ReadWrite, Widgets.ReadWrite.All|\n" +
	"|Delegated (personal Microsoft account)|Not supported.|Not supported.|\n" +
	"|Application|Widgets.ReadWrite.All|Not available.|\n"

// page2021 is an API page in the 2021 format.
const page2021 = "---\n" +
	"title: \"List gadgets\"\n" +
	"description: \"List the gadgets.\"\n" +
	"doc_type: apiPageType\n" +
	"---\n" +
	"\n" +
	"# List gadgets\n" +
	"\n" +
	"Namespace: microsoft.graph\n" +
	"\n" +
	"## Permissions\n" +
	"\n" +
	"|Permission type | Permissions (from least to most privileged) |\n" +
	"|:---|:---|\n" +
	"|Delegated (work or school account) | Gadget.Read, Gadget.ReadWrite |\n" +
	"|Delegated (personal Microsoft account) | Not supported. |\n" +
	"|Application | Gadget.Read.All |\n" +
	"\n" +
	"## HTTP request\n" +
	"<!-- { \"blockType\": \"ignored\" } -->\n" +
	"```http\n" +
	"GET /users/{id | userPrincipalName}/gadgets\n" +
	"GET /me/gadgets/delta(token='{token}')?$top=5\n" +
	"GET /me/workbook/worksheets/{id|name}/range(address='{address}')\n" +
	"GET /me/gadgets/microsoft.graph.delta()\n" +
	"GET /me/items('{item-id}')/getSchedule  # the schedule\n" +
	"GET /me/reminderView(startDateTime=&#39;{start}&#39;,endDateTime='{end}')\n" +
	"```\n" +
	"\n" +
	"## Optional query parameters\n" +
	"This method supports the `$select` and `$filter` [OData query parameters](/graph/query-parameters) to help customize the response.\n" +
	"\n" +
	"| Name | Type | Description |\n" +
	"|:-----|:-----|:------------|\n" +
	"| startDateTime | String | The start. Required. |\n" +
	"| tags | String collection | Tags to match. Optional. |\n" +
	"\n" +
	"## Request headers\n" +
	"| Header | Value |\n" +
	"|:-------|:------|\n" +
	"| Authorization | Bearer {token}. Required. |\n" +
	"\n" +
	"## Request body\n" +
	"Do not supply a request body for this method.\n" +
	"\n" +
	"## Response\n" +
	"\n" +
	"If successful, this method returns a `200 OK` response code and a collection of [gadget](../resources/gadget.md) objects in the response body.\n" +
	"\n" +
	"## Example\n" +
	"##### Request\n" +
	"<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"list_gadgets\"\n}-->\n" +
	"```msgraph-interactive\n" +
	"GET https://graph.microsoft.com/v1.0/me/gadgets\n" +
	"```\n" +
	"##### Response\n" +
	"<!-- {\n  \"blockType\": \"response\",\n  \"truncated\": true,\n  \"@odata.type\": \"microsoft.graph.gadget\",\n  \"isCollection\": true\n} -->\n" +
	"```http\n" +
	"HTTP/1.1 200 OK\n" +
	"Content-type: application/json\n" +
	"\n" +
	"{\"value\": [{\"id\": \"g1\", \"size\": 12}]}\n" +
	"```\n" +
	"\n" +
	"<!--\n{\n  \"type\": \"#page.annotation\",\n  \"description\": \"List gadgets\",\n  \"suppressions\": [\n    \"Warning: /api/gadget-list.md:\n      something\"\n  ]\n}\n-->\n"

func docsFS() fstest.MapFS {
	return fstest.MapFS{
		"api/widget-polish.md":                              {Data: []byte(pageModern)},
		"includes/permissions/widget-polish-permissions.md": {Data: []byte(includeModern)},
		"api/gadget-list.md":                                {Data: []byte(page2021)},
	}
}

func pos(line, col int) Pos { return Pos{File: "f.md", Line: line, Col: col} }

// at is the position of the first occurrence of sub in page.
func at(page, sub string) Pos {
	i := strings.Index(page, sub)
	if i < 0 {
		panic("test page lacks " + sub)
	}
	line := 1 + strings.Count(page[:i], "\n")
	col := i - strings.LastIndex(page[:i], "\n")
	return pos(line, col)
}

func TestParseModern(t *testing.T) {
	p, ds := Parse(docsFS(), "api/widget-polish.md", "f.md", []byte(pageModern))
	if len(ds) != 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	if p.Kind != KindAPI || p.Title != (Text{"widget: polish", pos(2, 1)}) || p.Description.Value != "Polish a widget." {
		t.Errorf("kind/title/description = %q %+v %+v", p.Kind, p.Title, p.Description)
	}
	if p.Namespace != (Text{"microsoft.graph", at(pageModern, "Namespace")}) {
		t.Errorf("namespace = %+v", p.Namespace)
	}
	if len(p.Requests) != 1 || len(p.Requests[0].Lines) != 2 {
		t.Fatalf("requests = %+v", p.Requests)
	}
	rs := p.Requests[0]
	if rs.Heading != "HTTP request" || rs.Pos != at(pageModern, "``` http\nPOST /users") {
		t.Errorf("section heading %q at %v", rs.Heading, rs.Pos)
	}
	l0, l1 := rs.Lines[0], rs.Lines[1]
	if l0.Method != "POST" || l0.Raw != "/users/{usersId}/widgets/{widgetId}/polish" || l0.Pos != at(pageModern, "POST /users") {
		t.Errorf("line 0 = %+v", l0)
	}
	wantSegs := []Segment{
		{Kind: SegLiteral, Raw: "users", Name: "users"},
		{Kind: SegParam, Raw: "{usersId}", Name: "usersId"},
		{Kind: SegLiteral, Raw: "widgets", Name: "widgets"},
		{Kind: SegParam, Raw: "{widgetId}", Name: "widgetId"},
		{Kind: SegLiteral, Raw: "polish", Name: "polish"},
	}
	if !reflect.DeepEqual(l0.Segments, wantSegs) {
		t.Errorf("segments = %+v", l0.Segments)
	}
	if l1.Pos != at(pageModern, "POST /me/drive") || len(l1.Segments) != 4 || l1.Segments[2].Kind != SegKey ||
		l1.Segments[2].Name != "root" || !reflect.DeepEqual(l1.Segments[2].Args, []Arg{{Placeholder: "item-path"}}) {
		t.Errorf("item path line = %+v", l1)
	}
	wantHeaders := []Header{
		{Name: "Authorization", Description: "Bearer {token}. Required.", Required: true, Pos: at(pageModern, "|Authorization|")},
		{Name: "Prefer", Value: "outlook.timezone", Description: "A time zone. Optional.", Pos: at(pageModern, "|Prefer")},
	}
	if !reflect.DeepEqual(p.Headers, wantHeaders) {
		t.Errorf("headers = %+v", p.Headers)
	}
	if p.Body.Kind != BodyNone || p.Body.Pos != at(pageModern, "Don't supply") {
		t.Errorf("body = %+v", p.Body)
	}
	if !slices.Equal(p.Response.Statuses, []int{204}) || p.Response.Kind != RespNone || p.Response.Pos != at(pageModern, "If successful") {
		t.Errorf("response = %+v", p.Response)
	}
	perm := p.Permissions
	if !perm.Found || perm.Include != "includes/permissions/widget-polish-permissions.md" || perm.Pos != at(pageModern, "[!INCLUDE") ||
		!reflect.DeepEqual(perm.DelegatedWork, xgraph.Alternatives{{"Widgets.Read"}, {"Widgets.ReadWrite"}, {"Widgets.ReadWrite.All"}}) ||
		len(perm.DelegatedPersonal) != 0 || perm.DelegatedPersonal == nil ||
		!reflect.DeepEqual(perm.Application, xgraph.Alternatives{{"Widgets.ReadWrite.All"}}) {
		t.Errorf("permissions = %+v", perm)
	}
	if len(p.Examples) != 2 {
		t.Fatalf("examples = %+v", p.Examples)
	}
	req, resp := p.Examples[0], p.Examples[1]
	if req.BlockType != "request" || req.Name != "polish_widget" || req.Method != "POST" ||
		req.URL != "https://graph.microsoft.com/v1.0/users/u1/widgets/w1/polish" || req.Pos != at(pageModern, "``` http\nPOST https") ||
		!reflect.DeepEqual(req.Headers, []ExampleHeader{{"Content-Type", "application/json"}}) || req.Body != `{"shine": 3}` {
		t.Errorf("request example = %+v", req)
	}
	if m, ok := req.JSON.(map[string]any); !ok || m["shine"] == nil {
		t.Errorf("request JSON = %#v", req.JSON)
	}
	if resp.BlockType != "response" || resp.Name != "polish_widget" || resp.Status != 204 || !resp.Truncated || resp.JSON != nil {
		t.Errorf("response example = %+v", resp)
	}
}

func TestParse2021(t *testing.T) {
	p, ds := Parse(docsFS(), "api/gadget-list.md", "f.md", []byte(page2021))
	if len(ds) != 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	if len(p.Requests) != 1 {
		t.Fatalf("requests = %+v", p.Requests)
	}
	lines := p.Requests[0].Lines
	if len(lines) != 6 {
		t.Fatalf("lines = %+v", lines)
	}
	if l := lines[0]; l.Raw != "/users/{id | userPrincipalName}/gadgets" || !reflect.DeepEqual(l.Segments[1], Segment{Kind: SegParam, Raw: "{id | userPrincipalName}", Name: "id | userPrincipalName"}) || l.Pos != at(page2021, "GET /users") {
		t.Errorf("line 0 = %+v", l)
	}
	if l := lines[1]; l.Query != "$top=5" || len(l.Segments) != 3 ||
		!reflect.DeepEqual(l.Segments[2], Segment{Kind: SegFunction, Raw: "delta(token='{token}')", Name: "delta", Args: []Arg{{Name: "token", Placeholder: "token", Quoted: true}}}) {
		t.Errorf("delta line = %+v", l)
	}
	if s := lines[2].Segments; len(s) != 5 || s[3].Kind != SegParam || s[4].Kind != SegFunction || s[4].Name != "range" ||
		!reflect.DeepEqual(s[4].Args, []Arg{{Name: "address", Placeholder: "address", Quoted: true}}) {
		t.Errorf("range line = %+v", s)
	}
	if s := lines[3].Segments; len(s) != 3 || !reflect.DeepEqual(s[2], Segment{Kind: SegFunction, Raw: "microsoft.graph.delta()", Name: "microsoft.graph.delta"}) {
		t.Errorf("namespaced function = %+v", s)
	}
	if l := lines[4]; l.Comment != "the schedule" || l.Segments[1].Kind != SegKey || l.Segments[1].Name != "items" ||
		!reflect.DeepEqual(l.Segments[2], Segment{Kind: SegLiteral, Raw: "getSchedule", Name: "getSchedule"}) {
		t.Errorf("key line = %+v", l)
	}
	if l := lines[5]; l.Raw != "/me/reminderView(startDateTime='{start}',endDateTime='{end}')" || len(l.Segments[1].Args) != 2 {
		t.Errorf("entity-decoded line = %+v", l)
	}
	q := p.Query
	if !q.OData || !slices.Equal(q.ODataNames, []string{"$select", "$filter"}) || q.Pos != at(page2021, "## Optional query") || len(q.Params) != 2 {
		t.Errorf("query = %+v", q)
	} else {
		if q.Params[0] != (Param{Name: "startDateTime", Type: TypeRef{Name: "String", Raw: "String"}, Description: "The start. Required.", Required: true, Pos: at(page2021, "| startDateTime")}) {
			t.Errorf("param 0 = %+v", q.Params[0])
		}
		if tr := q.Params[1].Type; tr.Name != "String" || !tr.Collection || !q.Params[1].Optional {
			t.Errorf("param 1 = %+v", q.Params[1])
		}
	}
	if len(p.Headers) != 1 || !p.Headers[0].Required || p.Headers[0].Description != "Bearer {token}. Required." {
		t.Errorf("headers = %+v", p.Headers)
	}
	if p.Body.Kind != BodyNone {
		t.Errorf("body = %+v", p.Body)
	}
	r := p.Response
	if !slices.Equal(r.Statuses, []int{200}) || r.Kind != RespCollection ||
		r.Type != (TypeRef{Name: "gadget", Link: "resources/gadget.md", Collection: true, Raw: "gadget"}) {
		t.Errorf("response = %+v", r)
	}
	perm := p.Permissions
	if !perm.Found || perm.Include != "" || perm.Pos != at(page2021, "|Permission type") ||
		!reflect.DeepEqual(perm.DelegatedWork, xgraph.Alternatives{{"Gadget.Read"}, {"Gadget.ReadWrite"}}) || len(perm.DelegatedPersonal) != 0 ||
		!reflect.DeepEqual(perm.Application, xgraph.Alternatives{{"Gadget.Read.All"}}) {
		t.Errorf("permissions = %+v", perm)
	}
	if len(p.Examples) != 2 || p.Examples[1].Name != "list_gadgets" || !p.Examples[1].IsCollection ||
		p.Examples[1].ODataType != "microsoft.graph.gadget" || p.Examples[1].JSON == nil {
		t.Errorf("examples = %+v", p.Examples)
	}
	if a := p.Annotation; a == nil || a.Description != "List gadgets" || len(a.Suppressions) != 1 ||
		!strings.HasPrefix(a.Suppressions[0], "Warning: /api/gadget-list.md:") {
		t.Errorf("page annotation = %+v", a)
	}
}

func TestRequestLine(t *testing.T) {
	tests := []struct {
		in      string
		ok      bool
		method  string
		raw     string
		query   string
		kinds   []SegmentKind
		comment string
	}{
		{in: "GET /me/events", ok: true, method: "GET", raw: "/me/events", kinds: []SegmentKind{SegLiteral, SegLiteral}},
		{in: "  get policies/x ", ok: true, method: "GET", raw: "/policies/x", kinds: []SegmentKind{SegLiteral, SegLiteral}},
		{in: "GET https://graph.microsoft.com/beta/me?$select=id HTTP/1.1", ok: true, method: "GET", raw: "/me?$select=id", query: "$select=id", kinds: []SegmentKind{SegLiteral}},
		{in: "GET /drive/root:/{path}:/children", ok: true, method: "GET", raw: "/drive/root:/{path}:/children", kinds: []SegmentKind{SegLiteral, SegKey, SegLiteral}},
		{in: "GET /x?$filter=name eq 'a b'", ok: true, method: "GET", raw: "/x?$filter=name eq 'a b'", query: "$filter=name eq 'a b'", kinds: []SegmentKind{SegLiteral}},
		{in: "DELETE/groups/{id}/$ref", ok: true, method: "DELETE", raw: "/groups/{id}/$ref", kinds: []SegmentKind{SegLiteral, SegParam, SegLiteral}},
		{in: "PATCH /me/x // note", ok: true, method: "PATCH", raw: "/me/x", comment: "note", kinds: []SegmentKind{SegLiteral, SegLiteral}},
		{in: "GET /users/{user-id} | user-principal-name/chats/{chat-id}/members", ok: true, method: "GET", raw: "/users/{user-id | user-principal-name}/chats/{chat-id}/members", kinds: []SegmentKind{SegLiteral, SegParam, SegLiteral, SegParam, SegLiteral}},
		{in: "# POST /me/x", ok: false},
		{in: "Content-Type: application/json", ok: false},
		{in: "", ok: false},
		{in: "GET ** not found", ok: false},
	}
	for _, tc := range tests {
		rl, ok := parseRequestLine(tc.in)
		if ok != tc.ok {
			t.Errorf("%q: ok = %v", tc.in, ok)
			continue
		}
		if !ok {
			continue
		}
		var kinds []SegmentKind
		for _, s := range rl.Segments {
			kinds = append(kinds, s.Kind)
		}
		if rl.Method != tc.method || rl.Raw != tc.raw || rl.Query != tc.query || rl.Comment != tc.comment || !slices.Equal(kinds, tc.kinds) {
			t.Errorf("%q: got %+v", tc.in, rl)
		}
	}
}

const resourcePage = "---\n" +
	"title: \"gadget resource type\"\n" +
	"doc_type: resourcePageType\n" +
	"---\n" +
	"\n" +
	"# gadget resource type\n" +
	"\n" +
	"Namespace: microsoft.graph\n" +
	"\n" +
	"A small tool. Inherits from [entity](entity.md).\n" +
	"\n" +
	"## Properties\n" +
	"| Property | Type | Description |\n" +
	"|:--|:--|:--|\n" +
	"|id|String|The identifier. Read-only.|\n" +
	"|owners|[recipient](../resources/recipient.md) collection|Who owns it. Nullable.|\n" +
	"|privacy|[gadgetPrivacy](#gadgetprivacy-values)|Who sees it.|\n" +
	"|size|Edm.Int32|The size.|\n" +
	"\n" +
	"### gadgetPrivacy values\n" +
	"\n" +
	"| Member | Description |\n" +
	"|:--|:--|\n" +
	"| `public` | Everyone. |\n" +
	"| `private` | Only owners. |\n" +
	"\n" +
	"## Relationships\n" +
	"| Relationship | Type | Description |\n" +
	"|:--|:--|:--|\n" +
	"|parts|[part](part.md) collection|The parts. Read-only. Nullable.|\n" +
	"\n" +
	"## JSON representation\n" +
	"<!-- {\n  \"blockType\": \"resource\",\n  \"openType\": true,\n  \"@odata.type\": \"microsoft.graph.gadget\"\n}-->\n" +
	"```json\n" +
	"{\n  \"id\": \"String (identifier)\",\n  \"owners\": [{\"@odata.type\": \"microsoft.graph.recipient\"}],\n  \"privacy\": \"public | private\",\n  \"size\": 1024, // bytes\n}\n" +
	"```\n"

const enumPage = "---\ntitle: \"paintFinish enum type\"\ndoc_type: enumPageType\n---\n\n# paintFinish enum type\n\nNamespace: microsoft.graph\n\n" +
	"## Members\n|Member|Value|Description|\n|:---|:---|:---|\n|none|0|No finish.|\n|matte|1|Matte.|\n|gloss|2|Gloss.|\n|satin|4|Satin.|\n"

func TestParseResource(t *testing.T) {
	p, ds := Parse(nil, "resources/gadget.md", "f.md", []byte(resourcePage))
	if len(ds) != 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	r := p.Resource
	if p.Kind != KindResource || r == nil || r.Name != "gadget" || r.ODataType != "microsoft.graph.gadget" || !r.OpenType {
		t.Fatalf("resource = %+v", r)
	}
	if r.BaseType == nil || *r.BaseType != (TypeRef{Name: "entity", Link: "resources/entity.md", Raw: "entity"}) {
		t.Errorf("base type = %+v", r.BaseType)
	}
	if len(r.Properties) != 4 {
		t.Fatalf("properties = %+v", r.Properties)
	}
	if pr := r.Properties[0]; pr.Name != "id" || pr.Type.Name != "String" || !pr.ReadOnly || pr.Pos != at(resourcePage, "|id|") {
		t.Errorf("id = %+v", pr)
	}
	if tr := r.Properties[1].Type; tr != (TypeRef{Name: "recipient", Link: "resources/recipient.md", Collection: true, Raw: "recipient collection"}) || !r.Properties[1].Nullable {
		t.Errorf("owners = %+v", r.Properties[1])
	}
	if tr := r.Properties[2].Type; tr.Name != "gadgetPrivacy" || tr.Link != "resources" && tr.Link != "resources/gadget.md" && tr.Link != "" {
		t.Errorf("privacy = %+v", tr)
	}
	if tr := r.Properties[3].Type; tr.Name != "Int32" {
		t.Errorf("size = %+v", tr)
	}
	if len(r.Relationships) != 1 || r.Relationships[0].Type.Name != "part" || !r.Relationships[0].Type.Collection {
		t.Errorf("relationships = %+v", r.Relationships)
	}
	if len(r.Enums) != 1 || r.Enums[0].Name != "gadgetPrivacy" || r.Enums[0].Pos != at(resourcePage, "### gadgetPrivacy") ||
		len(r.Enums[0].Members) != 2 || r.Enums[0].Members[0].Name != "public" || r.Enums[0].Flags {
		t.Errorf("enums = %+v", r.Enums)
	}
	m, ok := r.JSON.(map[string]any)
	if !ok || m["privacy"] != "public | private" || r.JSONPos != at(resourcePage, "```json") {
		t.Errorf("JSON = %#v at %v", r.JSON, r.JSONPos)
	}

	p, ds = Parse(nil, "resources/paintfinish.md", "f.md", []byte(enumPage))
	if len(ds) != 0 || p.Kind != KindEnum || p.Resource == nil || len(p.Resource.Enums) != 1 {
		t.Fatalf("enum page: %+v %v", p.Resource, ds)
	}
	e := p.Resource.Enums[0]
	if e.Name != "paintFinish" || !e.Flags || len(e.Members) != 4 || e.Members[3] != (EnumMember{Name: "satin", Value: "4", Description: "Satin.", Pos: at(enumPage, "|satin")}) {
		t.Errorf("enum = %+v", e)
	}
}

func TestTypeRefCells(t *testing.T) {
	tests := []struct {
		cell string
		want TypeRef
	}{
		{"String", TypeRef{Name: "String", Raw: "String"}},
		{"String collection", TypeRef{Name: "String", Collection: true, Raw: "String collection"}},
		{"[recipient](../resources/recipient.md) collection", TypeRef{Name: "recipient", Link: "resources/recipient.md", Collection: true, Raw: "recipient collection"}},
		{"[communityPrivacy](../resources/community.md#communityprivacy-values)", TypeRef{Name: "communityPrivacy", Link: "resources/community.md", Anchor: "communityprivacy-values", Raw: "communityPrivacy"}},
		// a type whose name holds "collection" is not an array
		{"[siteCollection](sitecollection.md)", TypeRef{Name: "siteCollection", Link: "api/sitecollection.md", Raw: "siteCollection"}},
		{"[siteCollection](sitecollection.md) collection", TypeRef{Name: "siteCollection", Link: "api/sitecollection.md", Collection: true, Raw: "siteCollection collection"}},
		{"Collection of [attendee](attendee.md)", TypeRef{Name: "attendee", Link: "api/attendee.md", Collection: true, Raw: "Collection of attendee"}},
		{"[driveItem collection](driveitem.md)", TypeRef{Name: "driveItem", Link: "api/driveitem.md", Collection: true, Raw: "driveItem collection"}},
		{"microsoft.graph.x", TypeRef{Name: "microsoft.graph.x", Raw: "microsoft.graph.x"}},
		{"Edm.String", TypeRef{Name: "String", Raw: "Edm.String"}},
		{"Collection(microsoft.graph.y)", TypeRef{Name: "microsoft.graph.y", Collection: true, Raw: "Collection(microsoft.graph.y)"}},
	}
	for _, tc := range tests {
		src := "| P | Type |\n|--|--|\n| p | " + tc.cell + " |\n"
		s := newSource("f.md", []byte(src))
		o := buildOutline(s)
		tbs := s.tablesIn(o.sections)
		if len(tbs) != 1 {
			t.Fatalf("%q: no table", tc.cell)
		}
		got := s.typeRef(tbs[0].cell(0, 1), s.text(tbs[0], 0, 1), "api/x.md")
		if got != tc.want {
			t.Errorf("%q: got %+v, want %+v", tc.cell, got, tc.want)
		}
	}
}

func TestBadInputs(t *testing.T) {
	tests := []struct {
		name string
		page string
		want []string // diagnostic strings
	}{
		{
			name: "not a docs page",
			page: "# Notes\n\nJust some text.\n",
			want: []string{"f.md:1:1: error: not a Graph docs page: no front matter doc_type and no HTTP request block [not-a-docs-page]"},
		},
		{
			name: "no http request",
			page: "---\ntitle: \"Get thing\"\ndoc_type: apiPageType\n---\n# Get thing\n\n## Response\n\nReturns `200 OK`.\n",
			want: []string{"f.md:2:1: error: API page has no HTTP request block [no-http-request]"},
		},
		{
			name: "malformed annotation",
			page: "---\ndoc_type: apiPageType\n---\n# X\n## HTTP request\n```http\nGET /x\n```\n## Example\n<!-- {\n  \"blockType\": \"request\"\n  \"name\": \"a\"\n} -->\n```http\nGET /x\n```\n",
			want: []string{"f.md:12:3: error: annotation comment is not valid JSON: invalid character '\"' after object key:value pair [bad-annotation-json]"},
		},
		{
			name: "missing include",
			page: "---\ndoc_type: apiPageType\n---\n# X\n## Permissions\n\n[!INCLUDE [permissions-table](../includes/permissions/x-permissions.md)]\n\n## HTTP request\n```http\nGET /x\n```\n",
			want: []string{"f.md:7:1: warning: permissions include includes/permissions/x-permissions.md not found; the operation has no permissions [missing-include]"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, ds := Parse(fstest.MapFS{}, "api/x.md", "f.md", []byte(tc.page))
			var got []string
			for _, d := range ds {
				got = append(got, d.String())
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}

// TestSeveralRequestSections checks http blocks in sections between "HTTP
// request" and "Request headers" (the drive-get layout) and that tab
// headings do not break sections.
func TestSeveralRequestSections(t *testing.T) {
	page := "---\ndoc_type: apiPageType\n---\n# Get box\n\n## HTTP request\n\n### Your box\n\n" +
		"# [HTTP](#tab/http)\n<!-- { \"blockType\": \"request\", \"name\": \"mine\" } -->\n```msgraph-interactive\nGET /me/box\n```\n# [C#](#tab/csharp)\n[!INCLUDE [sample-code](../includes/snippets/x.md)]\n\n---\n\n" +
		"## Someone's box\n\nThe box of a user:\n\n```\nGET /users/{id}/box\n```\n\n## Request headers\n\n```http\nGET /not/a/request/line\n```\n"
	p, ds := Parse(nil, "api/box-get.md", "f.md", []byte(page))
	if len(ds) != 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	if len(p.Requests) != 2 {
		t.Fatalf("requests = %+v", p.Requests)
	}
	if p.Requests[0].Heading != "Your box" || p.Requests[1].Heading != "Someone's box" || p.Requests[1].Note != "The box of a user:" {
		t.Errorf("sections = %+v", p.Requests)
	}
	if len(p.Examples) != 1 || p.Examples[0].URL != "/me/box" {
		t.Errorf("examples = %+v", p.Examples)
	}
}

func TestStatuses(t *testing.T) {
	tests := map[string][]int{
		"returns a `200 OK` response code":             {200},
		"returns `201 Created` and then 404 Not Found": {201, 404},
		"returns a `204, No Content` response code":    {204},
		"returns 204 OK":        {204},
		"the 200 items in 2021": nil,
		"returns a 302 Found response with a Location header": {302},
	}
	for in, want := range tests {
		if got := statusesIn(in); !slices.Equal(got, want) {
			t.Errorf("%q: got %v, want %v", in, got, want)
		}
	}
}
