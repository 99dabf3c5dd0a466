package spec

import (
	"bytes"
	"reflect"
	"runtime"
	"slices"
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

// duringWeak are the pages whose reachability afterFragments records.
var duringWeak []weak.Pointer[parser.Page]

// With Options.TakePages, Build clears the caller's slice and keeps no
// page once the document is built, and the document is the one Build
// makes of pages it does not take.
func TestBuildTakePages(t *testing.T) {
	// While the merge runs, once every fragment is built, the pages are
	// unreachable with TakePages, reachable without (the check can fail).
	var during []bool // per page: reachable once the fragments are built
	afterFragments = func(sorted []*parser.Page, idx *typeIndex) {
		runtime.GC()
		during = during[:0]
		for _, w := range duringWeak {
			during = append(during, w.Value() != nil)
		}
		runtime.KeepAlive(sorted)
		runtime.KeepAlive(idx)
	}
	t.Cleanup(func() { afterFragments, duringWeak = nil, nil })
	var kept []*parser.Page
	kept, duringWeak = takenPages()
	want, wantDiags := Build(kept, Options{})
	if slices.Contains(during, false) || len(during) == 0 {
		t.Fatalf("without TakePages, a page was let go while the merge ran (%v): the check sees nothing", during)
	}
	runtime.KeepAlive(kept)
	pages, ws := takenPages()
	duringWeak = ws
	doc, diags := Build(pages, Options{TakePages: true})
	if slices.Contains(during, true) {
		t.Errorf("with TakePages, pages still reachable once their fragments are built: %v", during)
	}
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
