package spec

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/parser"
	"github.com/graphdocgen/graphdocgen/xgraph"
)

// TestOwnPageWins: several pages document one (path, method). The page of
// the resource's own operation is kept, whatever the path order and the
// order the pages are given in; a fixed-query variant never replaces the
// plain operation: it is one of the operation's query variants
// (x-graph-query-variants), no warning; the other pages stay in
// x-graph-also-documented, page order, each a warning naming both pages.
func TestOwnPageWins(t *testing.T) {
	mk := func() []*parser.Page {
		return []*parser.Page{
			apiPage("api/chat-get-members.md", "Get member", "GET /users/{user-id}"),
			apiPage("api/intune-devices-user-get.md", "Get user", "GET /users/{usersId}"),
			apiPage("api/user-get.md", "Get user", "GET /users/{id | userPrincipalName}"),
			apiPage("api/user-list-manager.md", "List manager", "GET /users/{id}/?$expand=manager"),
			apiPage("api/intune-devices-user-list.md", "List users", "GET /users"),
			apiPage("api/user-list.md", "List users", "GET /users"),
			apiPage("api/aaa-extendedproperty-get.md", "Get property", "GET /me/messages?$filter=id eq '{id}'"),
			apiPage("api/user-list-messages.md", "List messages", "GET /me/messages"),
			apiPage("api/driveitem-list-thumbnails.md", "List thumbnails", "GET /drives/{drive-id}/items/{item-id}/children"),
			apiPage("api/driveitem-list-children.md", "List children", "GET /drives/{drive-id}/items/{item-id}/children"),
		}
	}
	want := map[string]struct {
		page     string
		also     []string
		variants []xgraph.QueryVariant
	}{
		"/users/{userId}": {"api/user-get.md", []string{"api/chat-get-members.md:20", "api/intune-devices-user-get.md:20"},
			[]xgraph.QueryVariant{{Page: "api/user-list-manager.md", Query: "$expand=manager", Source: "api/user-list-manager.md:20", Summary: "List manager", Description: "Does List manager."}}},
		"/users":       {"api/user-list.md", []string{"api/intune-devices-user-list.md:20"}, nil},
		"/me/messages": {"api/user-list-messages.md", nil, []xgraph.QueryVariant{{Page: "api/aaa-extendedproperty-get.md", Query: "$filter=id eq '{id}'", Source: "api/aaa-extendedproperty-get.md:20", Summary: "Get property", Description: "Does Get property."}}},
		"/drives/{driveId}/items/{itemId}/children": {"api/driveitem-list-children.md", []string{"api/driveitem-list-thumbnails.md:20"}, nil},
	}
	for _, rev := range []bool{false, true} {
		pages := mk()
		if rev {
			slices.Reverse(pages)
		}
		doc, diags := Build(pages, Options{})
		mustValid(t, doc)
		for p, w := range want {
			o := op(t, doc, p, "GET")
			if o.Extensions[extPage] != w.page {
				t.Errorf("rev=%v: GET %s from %v, want %s", rev, p, o.Extensions[extPage], w.page)
			}
			x, _ := xgraph.ReadOperation(o)
			if !reflect.DeepEqual(x.AlsoDocumented, w.also) {
				t.Errorf("rev=%v: GET %s also documented at %v, want %v", rev, p, x.AlsoDocumented, w.also)
			}
			if !reflect.DeepEqual(x.Variants, w.variants) {
				t.Errorf("rev=%v: GET %s query variants %+v, want %+v", rev, p, x.Variants, w.variants)
			}
		}
		if q := op(t, doc, "/me/messages", "GET").Extensions[extQuery]; q != nil {
			t.Errorf("rev=%v: plain GET /me/messages has fixed query %v", rev, q)
		}
		n := 0
		for _, d := range diags {
			if d.Rule == "duplicate-operation" {
				n++
				if !strings.Contains(d.Message, "api/") || strings.Count(d.Message, ".md") < 2 {
					t.Errorf("warning does not name both pages: %s", d.Message)
				}
			}
		}
		if n != 4 {
			t.Errorf("rev=%v: %d duplicate-operation warnings, want 4", rev, n)
		}
	}
}

// TestOneParameterPerName: a name is one parameter of an operation, in one
// location: a path placeholder before a header, a header before a query
// table row, whatever the case and separators; a row whose name is a
// phrase is no parameter; each dropped row is a warning.
func TestOneParameterPerName(t *testing.T) {
	p := apiPage("api/range-cell.md", "Get cell", "GET /worksheets/{worksheet-id}/cell(row={row},column={column})")
	p.Query.Params = []parser.Param{
		{Name: "row", Type: typ("Int32")}, {Name: "Column", Type: typ("Int32")},
		{Name: "if-none-match", Type: typ("String")}, {Name: "$filter with any operator", Type: typ("String")},
		{Name: "$skipToken", Type: typ("String")},
	}
	p.Headers = []parser.Header{{Name: "If-None-Match"}, {Name: "Authorization"}}
	doc, diags := Build([]*parser.Page{p}, Options{})
	mustValid(t, doc)
	var got []string
	for _, prm := range op(t, doc, "/worksheets/{worksheetId}/cell(row={row},column={column})", "GET").Parameters {
		got = append(got, prm.Value.In+" "+prm.Value.Name)
	}
	want := []string{"path worksheetId", "path row", "path column", "query $skipToken", "header If-None-Match"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parameters = %q, want %q", got, want)
	}
	n := 0
	for _, d := range diags {
		if d.Rule == "duplicate-parameter" || d.Rule == "bad-parameter" {
			n++
		}
	}
	if n != 4 {
		t.Errorf("%d dropped-parameter warnings, want 4: %v", n, diags)
	}
}

// TestStreamOrMetadataAndStandardQuery: on a page documenting a stream and
// its metadata the $value path is the stream and the other the JSON
// object; "supports the OData query parameters" with no list is
// $select,$expand for one entity, the full set for a collection GET, none
// for a stream.
func TestStreamOrMetadataAndStandardQuery(t *testing.T) {
	pic := apiPage("api/widget-get-picture.md", "Get picture", "GET /widgets/{id}/picture/$value", "GET /widgets/{id}/picture")
	pic.Response = parser.Response{Kind: parser.RespStream, Statuses: []int{200},
		Alt: &parser.Response{Kind: parser.RespObject, Statuses: []int{200}, Type: parser.TypeRef{Name: "picture", Raw: "picture"}}}
	pic.Query.OData = true
	list := apiPage("api/widget-list.md", "List widgets", "GET /widgets")
	list.Response = parser.Response{Kind: parser.RespCollection, Statuses: []int{200}, Type: parser.TypeRef{Name: "widget", Raw: "widget", Collection: true}}
	list.Query.OData = true
	doc, _ := Build([]*parser.Page{pic, list, resourcePage("picture", nil, prop("id", typ("String"), "")), resourcePage("widget", nil, prop("id", typ("String"), ""))}, Options{})
	mustValid(t, doc)
	query := func(o *openapi3.Operation) (out []string) {
		for _, p := range o.Parameters {
			if p.Ref != "" {
				out = append(out, strings.TrimPrefix(p.Ref, "#/components/parameters/"))
			}
		}
		return out
	}
	for _, tc := range []struct {
		path, media string
		query       []string
	}{
		{"/widgets/{widgetId}/picture/$value", "application/octet-stream", nil},
		{"/widgets/{widgetId}/picture", "application/json", []string{"select", "expand"}},
		{"/widgets", "application/json", odataOrder},
	} {
		o := op(t, doc, tc.path, "GET")
		if o.Responses.Value("200").Value.Content.Get(tc.media) == nil {
			t.Errorf("GET %s: no %s response: %s", tc.path, tc.media, jsonString(t, o.Responses.Value("200")))
		}
		if got := query(o); !reflect.DeepEqual(got, tc.query) {
			t.Errorf("GET %s: OData parameters %v, want %v", tc.path, got, tc.query)
		}
	}
}

// TestQueryVariantsOnePage: on one page, a path line with a fixed query
// of its own after a line of the same (path, method) is a query variant of
// that operation; the same fixed query again is a duplicate-path warning;
// two placeholders in one value are both named.
func TestQueryVariantsOnePage(t *testing.T) {
	eq := "$filter=singleValueExtendedProperties/Any(ep: ep/id eq '{id_value}' and ep/value eq '{property_value}')"
	ne := "$filter=singleValueExtendedProperties/Any(ep: ep/id eq '{id_value}' and ep/value ne '{property_value}')"
	doc, diags := Build([]*parser.Page{apiPage("api/x-get.md", "Get x", "GET /me/messages?"+eq, "GET /me/messages?"+ne, "GET /me/messages?"+ne)}, Options{})
	mustValid(t, doc)
	o := op(t, doc, "/me/messages", "GET")
	x, _ := xgraph.ReadOperation(o)
	want := []xgraph.QueryVariant{{Page: "api/x-get.md", Query: ne, Source: "api/x-get.md:21", Summary: "Get x", Description: "Does Get x."}}
	if x.Query != eq || !reflect.DeepEqual(x.Variants, want) {
		t.Errorf("query %q, variants %+v; want %q, %+v", x.Query, x.Variants, eq, want)
	}
	n := 0
	for _, d := range diags {
		if d.Rule == "duplicate-path" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d duplicate-path warnings, want 1: %v", n, diags)
	}
	for _, p := range o.Parameters {
		if p.Value != nil && p.Value.Name == "$filter" {
			px, _ := xgraph.ReadParameter(p.Value)
			if !p.Value.Required || px.DocName != "id_value, property_value" {
				t.Errorf("$filter: required %v, doc name %q", p.Value.Required, px.DocName)
			}
		}
	}
}
