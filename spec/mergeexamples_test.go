package spec

import (
	"reflect"
	"slices"
	"testing"

	"github.com/graphdocgen/graphdocgen/parser"
)

// TestDuplicateOperationKeepsExamples: two pages document POST
// /widgets/{id}/polish; the operation is kept from the first page, and the
// second page's examples are attached to it with their own source, the
// request and response bodies included; a name both pages use gets "_2".
// Whatever order the pages come in.
func TestDuplicateOperationKeepsExamples(t *testing.T) {
	mk := func(path string, line int, name string, shine float64) *parser.Page {
		p := apiPage(path, "widget: polish", "POST /widgets/{id}/polish")
		p.Body = parser.RequestBody{Kind: parser.BodyParams, Params: []parser.Param{{Name: "shine", Type: typ("Int32")}}}
		p.Response = parser.Response{Kind: parser.RespObject, Statuses: []int{200}, Type: link("widget")}
		req := map[string]any{"shine": shine}
		resp := map[string]any{"name": name}
		p.Examples = []parser.Example{
			{BlockType: "request", Name: name, Method: "POST", URL: "https://graph.microsoft.com/v1.0/widgets/w1/polish",
				Body: "{}", JSON: req, Pos: parser.Pos{File: path, Line: line}},
			{BlockType: "response", Name: name, Status: 200, Body: "{}", JSON: resp, Pos: parser.Pos{File: path, Line: line + 10}},
		}
		return p
	}
	widget := resourcePage("widget", nil, prop("name", typ("String"), ""))
	for _, rev := range []bool{false, true} {
		pages := []*parser.Page{
			mk("api/widget-polish.md", 40, "polish_widget", 1),
			mk("api/widgets-polish.md", 50, "polish_widget", 2),
			widget,
		}
		if rev {
			slices.Reverse(pages)
		}
		doc, diags := Build(pages, Options{})
		mustValid(t, doc)
		if !hasRule(diags, "duplicate-operation") {
			t.Errorf("diagnostics = %v", diags)
		}
		o := op(t, doc, "/widgets/{widgetId}/polish", "POST")
		var names, sources []string
		for _, e := range asJSON(t, o.Extensions[extExamples]).([]any) {
			em := e.(map[string]any)
			names = append(names, em["name"].(string))
			sources = append(sources, em["source"].(string))
		}
		if want := []string{"polish_widget", "polish_widget_2"}; !reflect.DeepEqual(names, want) {
			t.Fatalf("example names = %v, want %v", names, want)
		}
		if want := []string{"api/widget-polish.md:40", "api/widgets-polish.md:50"}; !reflect.DeepEqual(sources, want) {
			t.Errorf("example sources = %v, want %v", sources, want)
		}
		reqEx := o.RequestBody.Value.Content["application/json"].Examples
		if reqEx["polish_widget_2"] == nil || !reflect.DeepEqual(reqEx["polish_widget_2"].Value.Value, map[string]any{"shine": 2.0}) {
			t.Errorf("request examples = %s", jsonString(t, reqEx))
		}
		respEx := o.Responses.Value("200").Value.Content["application/json"].Examples
		if respEx["polish_widget_2"] == nil || !reflect.DeepEqual(respEx["polish_widget_2"].Value.Value, map[string]any{"name": "polish_widget"}) ||
			!reflect.DeepEqual(respEx["polish_widget"].Value.Value, map[string]any{"name": "polish_widget"}) {
			t.Errorf("response examples = %s", jsonString(t, respEx))
		}
	}
}
