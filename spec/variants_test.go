package spec

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/graphdocgen/graphdocgen/parser"
	"github.com/graphdocgen/graphdocgen/xgraph"
)

// withPermissions gives p a permissions table of one scope per account type.
func withPermissions(p *parser.Page, work, personal, app string) *parser.Page {
	alt := func(s string) xgraph.Alternatives { return xgraph.Alternatives{{s}} }
	p.Permissions = parser.Permissions{Found: true, Permissions: xgraph.Permissions{
		DelegatedWork: alt(work), DelegatedPersonal: alt(personal), Application: alt(app)}}
	return p
}

// TestQueryVariantOwnPage: a query variant another page documents carries
// that page's title, description and permissions, not the plain
// operation's, whichever order the pages come in; a variant of the plain
// operation's own page carries that page's; a variant page without a
// permissions table has none.
func TestQueryVariantOwnPage(t *testing.T) {
	filter := "$filter=singleValueExtendedProperties/Any(ep: ep/id eq '{id_value}')"
	expand := "$expand=singleValueExtendedProperties($filter=id eq '{id_value}')"
	top := "$top={n}"
	mk := func() []*parser.Page {
		return []*parser.Page{
			withPermissions(apiPage("api/widget-list.md", "List widgets", "GET /me/widgets", "GET /me/widgets?"+top),
				"Widget.Read", "Widget.Read", "Widget.Read.All"),
			withPermissions(apiPage("api/widgetproperty-get.md", "Get widget property", "GET /me/widgets?"+filter),
				"Widget.ReadBasic", "Widget.ReadBasic", "Widget.ReadBasic.All"),
			apiPage("api/widgetproperty-expand.md", "Expand widget property", "GET /me/widgets?"+expand),
		}
	}
	perms := func(s string) *xgraph.Permissions {
		a := xgraph.Alternatives{{s}}
		return &xgraph.Permissions{DelegatedWork: a, DelegatedPersonal: a, Application: xgraph.Alternatives{{s + ".All"}}}
	}
	want := []xgraph.QueryVariant{
		{Page: "api/widget-list.md", Query: top, Source: "api/widget-list.md:21", Summary: "List widgets",
			Description: "Does List widgets.", Permissions: perms("Widget.Read")},
		{Page: "api/widgetproperty-expand.md", Query: expand, Source: "api/widgetproperty-expand.md:20",
			Summary: "Expand widget property", Description: "Does Expand widget property."},
		{Page: "api/widgetproperty-get.md", Query: filter, Source: "api/widgetproperty-get.md:20", Summary: "Get widget property",
			Description: "Does Get widget property.", Permissions: perms("Widget.ReadBasic")},
	}
	for _, rev := range []bool{false, true} {
		pages := mk()
		if rev {
			slices.Reverse(pages)
		}
		doc, _ := Build(pages, Options{})
		mustValid(t, doc)
		o := op(t, doc, "/me/widgets", "GET")
		x, _ := xgraph.ReadOperation(o)
		if x.Page != "api/widget-list.md" || x.Query != "" {
			t.Errorf("rev=%v: plain operation from %s with query %q", rev, x.Page, x.Query)
		}
		if !reflect.DeepEqual(x.Variants, want) {
			t.Errorf("rev=%v: variants\n%+v\nwant\n%+v", rev, x.Variants, want)
		}
	}
}

// TestPlainLineAfterFixedQuery: on one page, a plain request line after
// lines of the same path and method with fixed queries is the operation
// (no fixed query, its own line), and the earlier lines are its query
// variants in line order; no duplicate-path warning. A second plain line
// is one, naming the plain line.
func TestPlainLineAfterFixedQuery(t *testing.T) {
	filter := "$filter={property} eq '{property-value}'"
	top := "$top={count}"
	p := apiPage("api/alert-list.md", "List alerts", "GET /security/alerts?"+filter, "GET /security/alerts?"+top,
		"GET /security/alerts", "GET /security/alerts")
	doc, diags := Build([]*parser.Page{p}, Options{})
	mustValid(t, doc)
	o := op(t, doc, "/security/alerts", "GET")
	x, _ := xgraph.ReadOperation(o)
	if x.Query != "" || x.Source != "api/alert-list.md:22" {
		t.Errorf("operation from %s with query %q, want the plain line 22", x.Source, x.Query)
	}
	for _, prm := range o.Parameters {
		if prm.Value != nil && prm.Value.Required && prm.Value.In == "query" {
			t.Errorf("plain operation has required query parameter %s", prm.Value.Name)
		}
	}
	want := []xgraph.QueryVariant{
		{Page: "api/alert-list.md", Query: filter, Source: "api/alert-list.md:20", Summary: "List alerts", Description: "Does List alerts."},
		{Page: "api/alert-list.md", Query: top, Source: "api/alert-list.md:21", Summary: "List alerts", Description: "Does List alerts."},
	}
	if !reflect.DeepEqual(x.Variants, want) {
		t.Errorf("variants\n%+v\nwant\n%+v", x.Variants, want)
	}
	var dups []string
	for _, d := range diags {
		if d.Rule == "duplicate-path" {
			dups = append(dups, d.String())
		}
	}
	if len(dups) != 1 || !strings.Contains(dups[0], ":23:") || !strings.Contains(dups[0], "line 22") {
		t.Errorf("duplicate-path warnings %q, want one for line 23 naming line 22", dups)
	}
}
