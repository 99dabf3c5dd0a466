package lint

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/graphdocgen/graphdocgen/graphpath"
	"github.com/graphdocgen/graphdocgen/parser"
)

const root = "docs/"

// pos is a position in a test page.
func pos(file string, line int) parser.Pos { return parser.Pos{File: root + file, Line: line, Col: 1} }

// seg builds request line segments from a path such as "/me/events/{id}".
func line(method, path string, ln int) parser.RequestLine {
	l := parser.RequestLine{Method: method, Raw: path, Pos: pos("api/event-update.md", ln)}
	l.Segments = graphpath.Parse(path)
	return l
}

// resourcePages are an event type that inherits from entity.
func resourcePages() []*parser.Page {
	entity := &parser.Page{Path: "resources/entity.md", File: root + "resources/entity.md", Kind: parser.KindResource,
		Resource: &parser.Resource{Name: "entity", ODataType: "microsoft.graph.entity",
			Properties: []parser.Property{{Name: "id"}}}}
	event := &parser.Page{Path: "resources/event.md", File: root + "resources/event.md", Kind: parser.KindResource,
		Resource: &parser.Resource{Name: "event", ODataType: "microsoft.graph.event",
			BaseType:      &parser.TypeRef{Name: "entity", Link: "resources/entity.md"},
			Properties:    []parser.Property{{Name: "subject"}, {Name: "start"}, {Name: "isAllDay"}},
			Relationships: []parser.Property{{Name: "attachments"}}}}
	// another page also named "event": spec takes resources/event.md as the primary definition
	other := &parser.Page{Path: "resources/intune-event.md", File: root + "resources/intune-event.md", Kind: parser.KindResource,
		Resource: &parser.Resource{Name: "event", Properties: []parser.Property{{Name: "intuneOnly"}}}}
	return []*parser.Page{entity, event, other}
}

// cleanPage is an event update page whose examples agree with the page.
func cleanPage() *parser.Page {
	f := "api/event-update.md"
	return &parser.Page{
		Path: f, File: root + f, Kind: parser.KindAPI,
		Requests: []parser.RequestSection{{Lines: []parser.RequestLine{
			line("PATCH", "/me/events/{id}", 20),
			line("PATCH", "/users/{id | userPrincipalName}/events/{id}", 21),
			line("GET", "/me/calendarView(startDateTime={start},endDateTime={end})", 22),
			line("POST", "/me/drive/root:/{item-path}:/content", 23),
		}}},
		Query: parser.Query{Params: []parser.Param{{Name: "startDateTime"}, {Name: "endDateTime"}}},
		Body:  parser.RequestBody{Kind: parser.BodyParams, Params: []parser.Param{{Name: "subject", Pos: pos(f, 30)}}, Text: "In the request body, supply the values."},
		Response: parser.Response{Statuses: []int{200}, Kind: parser.RespObject,
			Type: parser.TypeRef{Name: "event", Link: "resources/event.md"}},
		Examples: []parser.Example{
			{BlockType: "request", Name: "update_event", Method: "PATCH", URL: "https://graph.microsoft.com/v1.0/me/EVENTS/AAMkAG=?$select=subject",
				Headers: []parser.ExampleHeader{{Name: "Content-type", Value: "application/json"}},
				Body:    "{\n  \"subject\": \"x\",\n  \"isAllDay\": true,\n  \"attachments@odata.bind\": []\n}",
				JSON:    map[string]any{"subject": "x", "isAllDay": true, "attachments@odata.bind": []any{}}, Pos: pos(f, 50)},
			{BlockType: "response", Name: "update_event", Status: 200,
				Headers: []parser.ExampleHeader{{Name: "Content-type", Value: "application/json"}},
				Body:    "{\n  \"@odata.context\": \"x\",\n  \"id\": \"1\",\n  \"subject\": \"x\"\n}",
				JSON:    map[string]any{"@odata.context": "x", "id": "1", "subject": "x"}, Pos: pos(f, 60)},
			{BlockType: "request", Name: "calendar_view", Method: "GET",
				URL: "/v1.0/me/calendarView(startDateTime='2021-01-01',endDateTime='2021-02-01')", Pos: pos(f, 70)},
			{BlockType: "request", Name: "upload", Method: "POST",
				URL: "https://graph.microsoft.com/beta/me/drive/root:/folder/sub/file.txt:/content", Pos: pos(f, 80)},
			{BlockType: "request", Name: "other_host", Method: "PUT", URL: "https://contoso.sharepoint.com/upload/x", Pos: pos(f, 90)},
		},
	}
}

func pagesWith(p *parser.Page) []*parser.Page { return append(resourcePages(), p) }

func rulesOf(ds parser.Diagnostics) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Rule)
	}
	return out
}

func TestCleanPageHasNoFindings(t *testing.T) {
	if ds := Check(pagesWith(cleanPage()), nil, Options{}); len(ds) != 0 {
		t.Fatalf("clean page: got findings\n%v", ds)
	}
}

// only returns the findings of one rule, failing unless there are want.
func only(t *testing.T, ds parser.Diagnostics, rule string, want int) parser.Diagnostics {
	t.Helper()
	var out parser.Diagnostics
	for _, d := range ds {
		if d.Rule == rule {
			out = append(out, d)
		}
	}
	if len(out) != want {
		t.Fatalf("%s: got %d findings, want %d\n%v", rule, len(out), want, ds)
	}
	return out
}

func TestExampleURLNoMatch(t *testing.T) {
	p := cleanPage()
	// a /users example does not match the /me path (the alias goes one
	// way only), and a different segment count matches nothing
	p.Examples[0].URL = "https://graph.microsoft.com/v1.0/users/abc/events"
	ds := Check(pagesWith(p), nil, Options{})
	d := only(t, ds, RuleExampleURLNoMatch, 1)[0]
	if d.Pos.Line != 51 || d.Pos.File != root+"api/event-update.md" || d.Severity != parser.Warning {
		t.Errorf("position/severity: %v", d)
	}
	if !strings.Contains(d.Message, "PATCH /users/abc/events") {
		t.Errorf("message: %s", d.Message)
	}
	only(t, ds, RuleExampleMethodMismatch, 0)

	// only /users/{id}/events/{id} for PATCH: the /me example matches it,
	// /me being the signed-in user's alias of /users/{id}
	p = cleanPage()
	p.Requests[0].Lines = p.Requests[0].Lines[1:]
	only(t, Check(pagesWith(p), nil, Options{}), RuleExampleURLNoMatch, 0)
}

func TestExampleMethodMismatch(t *testing.T) {
	p := cleanPage()
	p.Examples[0].Method = "POST"
	ds := Check(pagesWith(p), nil, Options{})
	d := only(t, ds, RuleExampleMethodMismatch, 1)[0]
	if d.Severity != parser.Error || !strings.Contains(d.Message, "documented only for PATCH") {
		t.Errorf("got %v", d)
	}
	only(t, ds, RuleExampleURLNoMatch, 0)

	// no path matches and the method is not documented at all
	p = cleanPage()
	p.Examples[0].Method, p.Examples[0].URL = "DELETE", "/me/nothing"
	ds = Check(pagesWith(p), nil, Options{})
	only(t, ds, RuleExampleURLNoMatch, 1)
	only(t, ds, RuleExampleMethodMismatch, 1)
}

func TestExampleBodyUnknownProperty(t *testing.T) {
	p := cleanPage()
	ex := &p.Examples[0]
	ex.Body = "{\n  \"subject\": \"x\",\n  \"nested\": {\"bogus\": 1},\n  \"bogus\": 2\n}"
	ex.JSON = map[string]any{"subject": "x", "nested": map[string]any{"bogus": 1}, "bogus": 2, "@odata.type": "#microsoft.graph.event"}
	ds := only(t, Check(pagesWith(p), nil, Options{}), RuleExampleBodyUnknownProperty, 2)
	// fence 50, request line 51, one header 52, blank line 53, "{" 54
	if ds[0].Pos.Line != 56 || ds[0].Pos.Col != 3 || !strings.Contains(ds[0].Message, `"nested"`) {
		t.Errorf("nested: %v", ds[0])
	}
	if ds[1].Pos.Line != 57 || !strings.Contains(ds[1].Message, `"bogus"`) {
		t.Errorf("bogus at top level (not the nested one): %v", ds[1])
	}

	// an open type's properties are not known: nothing is checked
	p = cleanPage()
	p.Examples[0].JSON = map[string]any{"anything": 1}
	pages := pagesWith(p)
	pages[1].Resource.OpenType = true
	p.Body = parser.RequestBody{Kind: parser.BodyResource, Type: parser.TypeRef{Name: "event"}}
	only(t, Check(pages, nil, Options{}), RuleExampleBodyUnknownProperty, 0)
}

func TestResponseStatusMismatch(t *testing.T) {
	p := cleanPage()
	p.Examples[1].Status = 201
	d := only(t, Check(pagesWith(p), nil, Options{}), RuleResponseStatusMismatch, 1)[0]
	if d.Pos.Line != 61 || !strings.Contains(d.Message, "201") || !strings.Contains(d.Message, "(200)") {
		t.Errorf("got %v", d)
	}
}

func TestResponseUnknownProperty(t *testing.T) {
	p := cleanPage()
	p.Response.Kind = parser.RespCollection
	ex := &p.Examples[1]
	ex.Body = "{\n  \"value\": [\n    {\n      \"id\": \"1\",\n      \"intuneOnly\": 1\n    }\n  ]\n}"
	ex.JSON = map[string]any{"@odata.nextLink": "x", "value": []any{
		map[string]any{"id": "1", "intuneOnly": 1},
		map[string]any{"id": "2", "intuneOnly": 2, "@odata.etag": "w"},
		// a derived type no page defines is skipped
		map[string]any{"@odata.type": "#microsoft.graph.unknownEvent", "other": 1},
	}}
	d := only(t, Check(pagesWith(p), nil, Options{}), RuleResponseUnknownProperty, 1)[0]
	if d.Pos.Line != 68 || d.Pos.Col != 7 || !strings.Contains(d.Message, `"intuneOnly" is not a property of event (or its base types entity)`) {
		t.Errorf("got %v", d)
	}
}

func TestPathParamUnmatched(t *testing.T) {
	p := cleanPage()
	p.Query.Params = p.Query.Params[:1]
	d := only(t, Check(pagesWith(p), nil, Options{}), RulePathParamUnmatched, 1)[0]
	if d.Pos.Line != 22 || !strings.Contains(d.Message, "endDateTime={end}") {
		t.Errorf("got %v", d)
	}
	// a page whose table has only OData options is not checked
	p.Query.Params = []parser.Param{{Name: "$select"}}
	only(t, Check(pagesWith(p), nil, Options{}), RulePathParamUnmatched, 0)
}

func TestBodyTableWithNoBody(t *testing.T) {
	p := cleanPage()
	p.Body.SaysNone = true
	p.Body.NonePos = parser.Pos{File: p.File, Line: 28}
	d := only(t, Check(pagesWith(p), nil, Options{}), RuleBodyTableWithNoBody, 1)[0]
	if d.Pos.Line != 30 {
		t.Errorf("got %v", d)
	}
	// the first sentence alone does not decide: the parser's SaysNone does
	p = cleanPage()
	p.Body.Text = "Do not supply a request body for this method."
	only(t, Check(pagesWith(p), nil, Options{}), RuleBodyTableWithNoBody, 0)

	// through the parser: a section that says so and has a table
	page := "---\ndoc_type: apiPageType\n---\n# widget: polish\n\n## HTTP request\n\n```http\nPOST /widgets/{id}/polish\n```\n\n" +
		"## Request body\n\nIn the request body, supply the following.\n\nDon’t supply a request body for this method.\n\n" +
		"| Parameter | Type | Description |\n|:--|:--|:--|\n| shine | Int32 | How much. |\n\n" +
		"## Response\n\nIf successful, this method returns a `204 No Content` response code.\n"
	pp, _ := parser.Parse(nil, "api/widget-polish.md", "widget-polish.md", []byte(page))
	if pp.Body.Kind != parser.BodyParams || !pp.Body.SaysNone {
		t.Fatalf("parsed body = %+v", pp.Body)
	}
	d = only(t, Check([]*parser.Page{pp}, nil, Options{}), RuleBodyTableWithNoBody, 1)[0]
	if d.Pos.Line != 20 || d.Pos.File != "widget-polish.md" {
		t.Errorf("got %v, want the table row at line 20", d)
	}
}

func TestDuplicateExampleName(t *testing.T) {
	p := cleanPage()
	p.Examples[2].Name = "Update_Event"
	d := only(t, Check(pagesWith(p), nil, Options{}), RuleDuplicateExampleName, 1)[0]
	if d.Pos.Line != 70 || !strings.Contains(d.Message, "line 50") || d.Severity != parser.Error {
		t.Errorf("got %v", d)
	}
}

func TestParserDiagnosticsPassThrough(t *testing.T) {
	pd := parser.Diagnostics{
		parser.Warnf(pos("api/event-update.md", 5), "missing-include", "include file x.md not found"),
		parser.Warnf(pos("api/event-update.md", 3), "bad-annotation-json", "annotation comment is not valid JSON"),
		parser.Warnf(pos("api/event-update.md", 4), "some-new-parser-rule", "x"),
	}
	ds := Check(pagesWith(cleanPage()), pd, Options{})
	if got := rulesOf(ds); !slices.Equal(got, []string{"bad-annotation-json", "some-new-parser-rule", "missing-include"}) {
		t.Fatalf("got %v", got)
	}
	if ds[0].Severity != parser.Error || ds[2].Severity != parser.Error || ds[1].Severity != parser.Warning {
		t.Errorf("severities follow the rule table: %v", ds)
	}
}

// brokenPage has one finding of each of several rules.
func brokenPage() *parser.Page {
	p := cleanPage()
	p.Examples[0].URL = "/me/nothing"                   // example-url-no-match
	p.Examples[1].Status = 201                          // response-status-mismatch
	p.Examples[1].JSON.(map[string]any)["bogus"] = true // response-unknown-property
	p.Examples[2].Name = "update_event"                 // duplicate-example-name
	return p
}

func TestSuppressions(t *testing.T) {
	all := Check(pagesWith(brokenPage()), nil, Options{})
	want := []string{RuleExampleURLNoMatch, RuleResponseStatusMismatch, RuleResponseUnknownProperty, RuleDuplicateExampleName}
	if got := rulesOf(all); !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for _, tc := range []struct {
		name    string
		entries []string
		disable []string
		gone    []string
	}{
		{"rule id", []string{"example-url-no-match"}, nil, []string{RuleExampleURLNoMatch}},
		{"rule id in a sentence", []string{"Known issue (duplicate-example-name): kept for compatibility"}, nil, []string{RuleDuplicateExampleName}},
		{"prefix of an id is not the id", []string{"response-status"}, nil, nil},
		{"apidoctor status code", []string{"Warning: /api-reference/v1.0/api/event-update.md:\r\n      Expected status code 200, actual 201"}, nil, []string{RuleResponseStatusMismatch}},
		{"apidoctor undocumented property of that example", []string{"Error: update_event/bogus:\r\n  Undocumented property 'bogus' [Boolean] in 'microsoft.graph.event'."}, nil, []string{RuleResponseUnknownProperty}},
		{"apidoctor undocumented property of another property", []string{"Error: update_event/x:\n  Undocumented property 'other' [Boolean] in 'microsoft.graph.event'."}, nil, nil},
		{"apidoctor scoped to another example", []string{"Error: upload/bogus:\r\n  Undocumented property 'bogus'"}, nil, nil},
		{"apidoctor message with no lint rule", []string{"Warning: /api-reference/v1.0/api/event-update.md:\r\n  Found potential enums in resource example that weren't defined in a table:(a,b)"}, nil, nil},
		{"disable", nil, []string{RuleResponseStatusMismatch, RuleDuplicateExampleName}, []string{RuleResponseStatusMismatch, RuleDuplicateExampleName}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := brokenPage()
			p.Annotation = &parser.PageAnnotation{Suppressions: tc.entries}
			got := rulesOf(Check(pagesWith(p), nil, Options{Disable: tc.disable}))
			var exp []string
			for _, r := range want {
				if !slices.Contains(tc.gone, r) {
					exp = append(exp, r)
				}
			}
			if !slices.Equal(got, exp) {
				t.Errorf("got %v, want %v", got, exp)
			}
		})
	}
	// a page's suppressions do not reach another page's findings
	p := brokenPage()
	q := brokenPage()
	q.Path, q.File = "api/other.md", root+"api/other.md"
	for i := range q.Examples {
		q.Examples[i].Pos.File = q.File
	}
	p.Annotation = &parser.PageAnnotation{Suppressions: []string{"example-url-no-match"}}
	if n := len(only(t, Check(append(pagesWith(p), q), nil, Options{}), RuleExampleURLNoMatch, 1)); n != 1 {
		t.Fatal(n)
	}
	if Suppressed(p, all[0]) != "example-url-no-match" {
		t.Errorf("Suppressed: want the entry")
	}
}

func TestOptionsValidate(t *testing.T) {
	if err := (Options{Disable: []string{RuleExampleURLNoMatch}}).Validate(); err != nil {
		t.Fatal(err)
	}
	err := (Options{Disable: []string{"nope", RuleExampleURLNoMatch}}).Validate()
	if err == nil || !strings.Contains(err.Error(), "nope") {
		t.Fatalf("got %v", err)
	}
}

func TestDeterministic(t *testing.T) {
	a := Check(pagesWith(brokenPage()), nil, Options{})
	pages := pagesWith(brokenPage())
	slices.Reverse(pages)
	b := Check(pages, nil, Options{})
	if a.Error() != b.Error() {
		t.Fatalf("order matters:\n%v\n---\n%v", a, b)
	}
}

func TestRulesDocumented(t *testing.T) {
	if !slices.IsSortedFunc(Rules, func(a, b Rule) int { return strings.Compare(a.ID, b.ID) }) {
		t.Error("Rules not sorted by ID")
	}
	for _, r := range Rules {
		if r.ID == "" || r.Summary == "" || r.Help == "" || (r.Severity != "error" && r.Severity != "warning") ||
			(r.Source != "lint" && r.Source != "parser" && r.Source != "metadata") {
			t.Errorf("rule %+v is not fully documented", r)
		}
	}
	for _, id := range []string{RuleExampleURLNoMatch, RuleExampleMethodMismatch, RuleExampleBodyUnknownProperty,
		RuleResponseStatusMismatch, RuleResponseUnknownProperty, RulePathParamUnmatched, RuleBodyTableWithNoBody,
		RuleMissingInclude, RuleDuplicateExampleName, RuleBadAnnotationJSON} {
		if _, ok := RuleByID(id); !ok {
			t.Errorf("rule %s missing", id)
		}
	}
}

func TestExamplePath(t *testing.T) {
	for _, tc := range []struct {
		url  string
		want string // "" for not checked
	}{
		{"https://graph.microsoft.com/v1.0/me/events?$top=1", "/me/events"},
		{"GRAPH.microsoft.com/v1.0/me", "/me"},
		{"https://contoso.sharepoint.com/x", ""},
		{"https://graph.microsoft.com", ""},
	} {
		got, ok := examplePath(tc.url)
		if !ok {
			got = ""
		}
		if got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.url, got, tc.want)
		}
	}
}

func TestFindKeyDepth(t *testing.T) {
	body := "{\n  \"a\": {\"id\": 1, \"s\": \"{\\\"id\\\": 2}\"},\n  \"id\": 3\n}"
	l, c, ok := findKey(body, "id", 1)
	if !ok || l != 2 || c != 2 {
		t.Errorf("got %d %d %v", l, c, ok)
	}
	if _, _, ok := findKey(body, "zz", 1); ok {
		t.Error("found a missing key")
	}
	var v any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatal(err)
	}
}

// An example body that does not fit the schema of the OpenAPI document is
// a finding at the example.
func TestExampleSchemaMismatch(t *testing.T) {
	pages := map[string]string{
		"resources/knob.md": "---\ntitle: \"knob resource type\"\ndoc_type: resourcePageType\n---\n\n# knob resource type\n\n## Properties\n\n" +
			"| Property | Type | Description |\n|:--|:--|:--|\n| turns | Int32 | How far it turns. |\n",
		"api/knob-get.md": "---\ntitle: \"Get knob\"\ndoc_type: apiPageType\n---\n\n# Get knob\n\n## HTTP request\n\n```http\nGET /knobs/{id}\n```\n\n" +
			"## Response\n\nIf successful, this method returns a `200 OK` response code and a [knob](../resources/knob.md) object in the response body.\n\n" +
			"## Example\n\n<!-- { \"blockType\": \"request\", \"name\": \"get_knob\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/knobs/1\n```\n\n" +
			"<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"turns\": \"three\"}\n```\n",
	}
	var ps []*parser.Page
	for _, name := range []string{"api/knob-get.md", "resources/knob.md"} {
		p, _ := parser.Parse(nil, name, name, []byte(pages[name]))
		ps = append(ps, p)
	}
	var got []string
	for _, d := range Check(ps, nil, Options{}) {
		if d.Rule == RuleExampleSchemaMismatch {
			got = append(got, d.String())
		}
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], "api/knob-get.md:26: warning: example get_knob: the response 200 body does not fit microsoft.graph.knob: at /turns: value must be an integer") {
		t.Errorf("findings = %q", got)
	}
	if got := Check(ps, nil, Options{Disable: []string{RuleExampleSchemaMismatch}}); len(got) != 0 {
		t.Errorf("disabled rule still reported: %v", got)
	}
	// ApiDoctor's "Expected type ... but actual was ..." for the example
	// suppresses it; for another example of the page it does not.
	ps[0].Examples = append(ps[0].Examples, parser.Example{BlockType: "request", Name: "other_example", Method: "GET", URL: "/knobs/2", Pos: parser.Pos{Line: 90}})
	for _, c := range []struct {
		scope string
		want  int
	}{{"get_knob/turns", 0}, {"other_example/turns", 1}} {
		ps[0].Annotation = &parser.PageAnnotation{Suppressions: []string{"Error: " + c.scope + ":\r\n      Expected type Int32 but actual was String. Property: turns, actual value: 'three'"}}
		if got := Check(ps, nil, Options{}); len(got) != c.want {
			t.Errorf("suppressed by %s: %v", c.scope, got)
		}
	}
}

// TestTypesByNamespace: lint reads a type reference as spec does, in the
// page's namespace: on an externalConnectors page "schema" (its link
// names no page of the set) is microsoft.graph.externalConnectors.schema,
// not microsoft.graph.schema, whose page is named schema.md.
func TestTypesByNamespace(t *testing.T) {
	pages := map[string]string{
		"resources/schema.md": fm("schema resource type", "resourcePageType") + "# schema resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n" +
			"| Property | Type | Description |\n|:--|:--|:--|\n| root | String | The root. |\n",
		"resources/externalconnectors-schema.md": fm("schema resource type", "resourcePageType") + "# schema resource type\n\nNamespace: microsoft.graph.externalConnectors\n\n## Properties\n\n" +
			"| Property | Type | Description |\n|:--|:--|:--|\n| baseType | String | The base type. |\n",
		"api/externalconnectors-schema-get.md": fm("Get schema", "apiPageType") + "# Get schema\n\nNamespace: microsoft.graph.externalConnectors\n\n## HTTP request\n\n```http\nGET /external/connections/{id}/schema\n```\n\n" +
			"## Response\n\nIf successful, this method returns a `200 OK` response code and a [schema](../resources/schema-v2.md) object in the response body.\n\n" +
			"## Example\n\n<!-- { \"blockType\": \"request\", \"name\": \"get_schema\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/external/connections/c/schema\n```\n\n" +
			"<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\n  \"baseType\": \"item\",\n  \"root\": \"x\"\n}\n```\n",
	}
	var ps []*parser.Page
	for _, name := range []string{"api/externalconnectors-schema-get.md", "resources/externalconnectors-schema.md", "resources/schema.md"} {
		p, _ := parser.Parse(nil, name, name, []byte(pages[name]))
		ps = append(ps, p)
	}
	d := only(t, Check(ps, nil, Options{}), RuleResponseUnknownProperty, 1)[0]
	if d.Pos.Line != 34 || d.Pos.Col != 3 || !strings.Contains(d.Message, `"root" is not a property of externalConnectors.schema`) {
		t.Errorf("got %v", d)
	}
}

// TestExampleSchemaMismatchName: a misfit body's finding is about the
// example at its position, by the name the page gives it ("get knob",
// which the document keys as get_knob): a suppression scoped to that
// name applies.
func TestExampleSchemaMismatchName(t *testing.T) {
	pages := map[string]string{
		"resources/knob.md": fm("knob resource type", "resourcePageType") + "# knob resource type\n\n## Properties\n\n" +
			"| Property | Type | Description |\n|:--|:--|:--|\n| turns | Int32 | How far it turns. |\n",
		"api/knob-get.md": fm("Get knob", "apiPageType") + "<!-- { \"type\": \"#page.annotation\", \"suppressions\": [\"Error: get knob/turns:\\r\\n Expected type Int32 but actual was String.\"] } -->\n\n" +
			"# Get knob\n\n## HTTP request\n\n```http\nGET /knobs/{id}\n```\n\n" +
			"## Response\n\nIf successful, this method returns a `200 OK` response code and a [knob](../resources/knob.md) object in the response body.\n\n" +
			"## Example\n\n<!-- { \"blockType\": \"request\", \"name\": \"get knob\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/knobs/1\n```\n\n" +
			"<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"turns\": \"three\"}\n```\n\n" +
			"<!-- { \"blockType\": \"request\", \"name\": \"other\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/knobs/2\n```\n\n" +
			"<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"turns\": \"four\"}\n```\n",
	}
	var ps []*parser.Page
	for _, name := range []string{"api/knob-get.md", "resources/knob.md"} {
		p, _ := parser.Parse(nil, name, name, []byte(pages[name]))
		ps = append(ps, p)
	}
	got := only(t, Check(ps, nil, Options{}), RuleExampleSchemaMismatch, 1)
	if !strings.Contains(got[0].Message, "example other:") {
		t.Errorf("the finding left is not the other example's: %v", got)
	}
}

// fm is a page's front matter.
func fm(title, docType string) string {
	return "---\ntitle: \"" + title + "\"\ndoc_type: " + docType + "\n---\n\n"
}
