package spec

import (
	"reflect"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/parser"
)

// The fragments of one Build share one set of shared components, and the
// merged document has its own: resolving or changing the merged document
// must not reach the fragments' set, and the merged set must equal a fresh
// one.
func TestFragmentsShareSharedComponents(t *testing.T) {
	pages := []*parser.Page{
		apiPage("api/event-get.md", "Get event", "GET /me/events/{id}"),
		apiPage("api/event-delete.md", "Delete event", "DELETE /me/events/{id}"),
	}
	idx := newTypeIndex(pages)
	var frags []*openapi3.T
	for _, p := range pages {
		f, _, _ := fragment(p, Options{}, idx)
		frags = append(frags, f)
	}
	a, b := frags[0].Components, frags[1].Components
	if reflect.ValueOf(a.Parameters).Pointer() != reflect.ValueOf(b.Parameters).Pointer() ||
		a.Schemas[errorSchema] != b.Schemas[errorSchema] ||
		a.Responses["error"] != b.Responses["error"] {
		t.Fatal("fragments of one index do not share the shared components")
	}
	shared := frags[0].Components.Parameters
	doc, _ := Merge(frags, Options{})
	mustValid(t, doc)
	if reflect.ValueOf(doc.Components.Parameters).Pointer() == reflect.ValueOf(shared).Pointer() ||
		doc.Components.Schemas[errorSchema] == idx.shared.errorSchema {
		t.Fatal("the merged document uses the fragments' shared components")
	}
	if idx.shared.responses["error"].Value.Content["application/json"].Schema.Value != nil {
		t.Fatal("validating the merged document resolved a reference in the fragments' shared components")
	}
	// The head (info, servers, security) too: the fragments' is one,
	// the merged document's its own, so a caller may set the merged
	// document's servers or title without reaching the fragments.
	if frags[0].Info != frags[1].Info || &frags[0].Servers[0] != &frags[1].Servers[0] || &frags[0].Security[0] != &frags[1].Security[0] {
		t.Fatal("fragments of one index do not share the head")
	}
	if doc.Info == frags[0].Info || &doc.Servers[0] == &frags[0].Servers[0] || &doc.Security[0] == &frags[0].Security[0] {
		t.Fatal("the merged document uses the fragments' head")
	}
	title, url := frags[1].Info.Title, frags[1].Servers[0].URL
	doc.Info.Title, doc.Servers[0].URL = "changed", "https://example.test"
	doc.Security[0]["other"] = []string{}
	if frags[1].Info.Title != title || frags[1].Servers[0].URL != url || len(frags[1].Security[0]) != 1 {
		t.Fatalf("changing the merged document's head changed the fragments': %+v %+v %+v", frags[1].Info, frags[1].Servers[0], frags[1].Security)
	}
	fresh := newDoc(Options{}, nil).Components
	if !reflect.DeepEqual(fresh.Parameters, shared) {
		t.Fatal("shared parameters differ from a fresh document's")
	}

	// Fragment (one page) gives each document a set of its own.
	f1, _ := Fragment(pages[0], Options{})
	f2, _ := Fragment(pages[0], Options{})
	if f1.Components.Schemas[errorSchema] == f2.Components.Schemas[errorSchema] {
		t.Fatal("two Fragment calls share components")
	}
}
