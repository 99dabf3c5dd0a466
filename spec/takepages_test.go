package spec

import (
	"bytes"
	"reflect"
	"runtime"
	"testing"
	"weak"

	"github.com/graphdocgen/graphdocgen/parser"
)

// takenPages are pages for TestBuildTakePages, with weak pointers to them
// (made here, so that no variable of the test holds a page).
func takenPages() ([]*parser.Page, []weak.Pointer[parser.Page]) {
	pages := []*parser.Page{
		apiPage("api/widget-get.md", "Get widget", "GET /widgets/{id}"),
		resourcePage("widget", nil, parser.Property{Name: "name", Type: typ("String")}),
	}
	pages[0].Response = parser.Response{Kind: parser.RespObject, Type: link("widget"), Statuses: []int{200}}
	ws := make([]weak.Pointer[parser.Page], len(pages))
	for i, p := range pages {
		ws[i] = weak.Make(p)
	}
	return pages, ws
}

// With Options.TakePages, Build clears the caller's slice and keeps no
// page once the document is built, and the document is the one Build
// makes of pages it does not take.
func TestBuildTakePages(t *testing.T) {
	kept, _ := takenPages()
	want, wantDiags := Build(kept, Options{})
	pages, ws := takenPages()
	doc, diags := Build(pages, Options{TakePages: true})
	for i, p := range pages {
		if p != nil {
			t.Errorf("pages[%d] is still set", i)
		}
	}
	runtime.GC()
	for i, w := range ws {
		if w.Value() != nil {
			t.Errorf("page %d is still reachable after the build", i)
		}
	}
	a, err := Marshal(want, "json")
	if err != nil {
		t.Fatal(err)
	}
	b, err := Marshal(doc, "json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) || !reflect.DeepEqual(diags, wantDiags) {
		t.Errorf("the document or diagnostics differ with TakePages")
	}
	runtime.KeepAlive(doc)
}
