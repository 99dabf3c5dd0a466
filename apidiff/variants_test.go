package apidiff

import (
	"bytes"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/xgraph"
)

// TestQueryVariants: a query variant is compared as an operation of its
// own, matched by method, path and fixed query: one added is
// variant-added (not breaking), one removed variant-removed (breaking),
// one whose own page's permissions changed a permissions-changed entry
// naming its query; the operation counts leave them out, the variant
// counts have them, and the text names each by path and query.
func TestQueryVariants(t *testing.T) {
	eq := "$filter=singleValueExtendedProperties/Any(ep: ep/id eq '{id_value}' and ep/value eq '{property_value}')"
	ne := "$filter=singleValueExtendedProperties/Any(ep: ep/id eq '{id_value}' and ep/value ne '{property_value}')"
	top := "$top={n}"
	perm := func(s string) *xgraph.Permissions {
		return &xgraph.Permissions{Application: xgraph.Alternatives{{s}}, DelegatedWork: xgraph.Alternatives{{s}}, DelegatedPersonal: xgraph.Alternatives{}}
	}
	variant := func(q, perms string, line string) xgraph.QueryVariant {
		return xgraph.QueryVariant{Page: "api/prop-get.md", Query: q, Source: "api/prop-get.md:" + line, Summary: "Get property", Permissions: perm(perms)}
	}
	mk := func(vs ...xgraph.QueryVariant) *openapi3.T {
		ref := &openapi3.SchemaRef{Ref: "#/components/schemas/microsoft.graph.thing"}
		o := getOp(nil, ref)
		x, _ := xgraph.ReadOperation(o)
		x.Permissions = perm("Mail.ReadBasic")
		x.Variants = vs
		xgraph.WriteOperation(o, x)
		return memDoc(map[string]*openapi3.Operation{"GET /me/things": o},
			openapi3.Schemas{"microsoft.graph.thing": {Value: &openapi3.Schema{Type: &openapi3.Types{"object"}}}})
	}
	old := mk(variant(eq, "Mail.Read", "20"), variant(ne, "Mail.Read", "21"))
	new := mk(variant(eq, "Mail.ReadWrite", "20"), variant(top, "Mail.Read", "22"))
	r := compare(t, old, new)
	got := map[string]Change{}
	for _, c := range r.Changes {
		got[c.Kind+" "+c.Query] = c
	}
	for _, w := range []struct {
		kind, query string
		breaking    bool
	}{
		{KindVariantAdded, top, false},
		{KindVariantRemoved, ne, true},
		{KindPermissionsChanged, eq, true},
	} {
		c, ok := got[w.kind+" "+w.query]
		if !ok {
			t.Errorf("no %s for %s in %+v", w.kind, w.query, r.Changes)
			continue
		}
		if c.Breaking != w.breaking || c.Path != "/me/things" || c.Method != "GET" || c.Page != "api/prop-get.md" {
			t.Errorf("%s %s: %+v", w.kind, w.query, c)
		}
	}
	if len(r.Changes) != 4 { // the application and delegatedWork permissions of eq
		t.Errorf("%d changes, want 4: %+v", len(r.Changes), r.Changes)
	}
	if r.Added != 0 || r.Removed != 0 || r.Changed != 0 || r.VariantsAdded != 1 || r.VariantsRemoved != 1 || r.VariantsChanged != 1 {
		t.Errorf("counts %+v", r)
	}
	var b bytes.Buffer
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"query variants 1 added, 1 removed, 1 changed;",
		"+ GET /me/things?" + top + "  (api/prop-get.md:22)",
		"- GET /me/things?" + ne + "  (api/prop-get.md:21)",
		"~ GET /me/things?" + eq + "  (api/prop-get.md:20)",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, b.String())
		}
	}
	// the same document: no change
	if r := compare(t, old, old); len(r.Changes) != 0 {
		t.Errorf("same document: %+v", r.Changes)
	}
}
