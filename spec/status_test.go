package spec

import (
	"reflect"
	"testing"

	"github.com/graphdocgen/graphdocgen/parser"
	"github.com/graphdocgen/graphdocgen/xgraph"
)

// TestStatusFromExample: a response section without a status takes the
// response example's; with neither, the operation says the status is
// assumed.
func TestStatusFromExample(t *testing.T) {
	ex := apiPage("api/thing-preview.md", "Preview", "POST /things/{id}/preview")
	ex.Response = parser.Response{Kind: parser.RespObject, Type: typ("String")}
	ex.Examples = []parser.Example{
		{BlockType: "request", Name: "p", Method: "POST", URL: "/things/1/preview"},
		{BlockType: "response", Status: 201, Body: `{"value":"x"}`, JSON: map[string]any{"value": "x"}},
	}
	none := apiPage("api/thing-update.md", "Update", "PATCH /things/{id}")
	none.Response = parser.Response{Kind: parser.RespObject, Type: typ("String")}
	doc, _ := Build([]*parser.Page{ex, none}, Options{})
	mustValid(t, doc)
	o := op(t, doc, "/things/{thingId}/preview", "POST")
	if o.Responses.Value("201") == nil || o.Responses.Value("200") != nil || o.Extensions[extAssumed] != nil {
		t.Errorf("preview responses = %v, ext %v", o.Responses.Keys(), o.Extensions[extAssumed])
	}
	u := op(t, doc, "/things/{thingId}", "PATCH")
	if u.Responses.Value("200") == nil || u.Extensions[extAssumed] != true {
		t.Errorf("update responses = %v, ext %v", u.Responses.Keys(), u.Extensions[extAssumed])
	}
}

// TestAlsoDocumented: an operation two pages document is kept from the
// first and names the second's line.
func TestAlsoDocumented(t *testing.T) {
	a := apiPage("api/a-list.md", "List", "GET /teams/{id}/members")
	b := apiPage("api/b-list.md", "List too", "GET /teams/{team-id}/members")
	doc, diags := Build([]*parser.Page{b, a}, Options{})
	mustValid(t, doc)
	o := op(t, doc, "/teams/{teamId}/members", "GET")
	if got := o.Extensions[extAlso]; o.Summary != "List" || !reflect.DeepEqual(got, []string{"api/b-list.md:20"}) {
		t.Errorf("kept %q, %s = %v", o.Summary, extAlso, got)
	}
	if len(diags) != 1 || diags[0].Rule != "duplicate-operation" {
		t.Errorf("diagnostics = %v", diags)
	}
}

// TestLocationOnLowestSuccess: a Response section that lists 202 before
// 201 puts the Location header on 201, the success response every reader
// of the document takes (xgraph.SuccessResponse: the lowest 2xx/3xx), not
// on the first listed.
func TestLocationOnLowestSuccess(t *testing.T) {
	p := apiPage("api/thing-provision.md", "Provision", "POST /things/{id}/schema")
	p.Response = parser.Response{Kind: parser.RespNone, Statuses: []int{202, 201}, Location: true}
	doc, _ := Build([]*parser.Page{p}, Options{})
	mustValid(t, doc)
	o := op(t, doc, "/things/{thingId}/schema", "POST")
	st, resp := xgraph.SuccessResponse(o)
	if st != 201 || resp == nil || resp.Headers["Location"] == nil {
		t.Fatalf("success response %d has no Location header: %v", st, o.Responses.Keys())
	}
	if r := o.Responses.Value("202"); r == nil || r.Value.Headers["Location"] != nil {
		t.Errorf("202 = %+v, want it documented without the Location header", r)
	}
}

// TestLocationOnRedirect: a section documenting a 302 redirect beside a
// 200 (a report as CSV or as JSON) keeps the Location header on the
// redirect; the 200, though the success response, has none.
func TestLocationOnRedirect(t *testing.T) {
	p := apiPage("api/report-counts.md", "Counts", "GET /reports/counts")
	p.Response = parser.Response{Kind: parser.RespRedirect, Statuses: []int{302, 200}, Location: true}
	doc, _ := Build([]*parser.Page{p}, Options{})
	mustValid(t, doc)
	o := op(t, doc, "/reports/counts", "GET")
	if r := o.Responses.Value("302"); r == nil || r.Value.Headers["Location"] == nil {
		t.Errorf("302 = %+v, want a Location header", r)
	}
	if r := o.Responses.Value("200"); r == nil || r.Value.Headers["Location"] != nil {
		t.Errorf("200 = %+v, want it without a Location header", r)
	}
}
