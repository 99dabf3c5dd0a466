package spec

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/parser"
)

// batchAssemble is assemble as one step after the other: every fragment
// built in page order on one goroutine, then merged by Merge.
func batchAssemble(sorted []*parser.Page, opts Options) (*openapi3.T, parser.Diagnostics) {
	idx := newTypeIndex(sorted)
	frags := make([]*openapi3.T, len(sorted))
	stubbed := make([]map[string]parser.Pos, len(sorted))
	var diags parser.Diagnostics
	for i, p := range sorted {
		var d parser.Diagnostics
		frags[i], d, stubbed[i] = fragment(p, opts, idx)
		diags = append(diags, d...)
	}
	doc, md := Merge(frags, opts)
	diags = append(diags, md...)
	dropRestatedInherited(doc)
	return doc, append(diags, unresolvedTypes(doc, stubbed)...)
}

// The merge that runs while the fragments are built (assembleWith) gives
// the document and the diagnostics, in their order, of building every
// fragment and then merging them, whatever the number of workers: on the
// sample pages (a type defined twice in two spellings, an operation
// documented twice, stubs, a type no page defines) and, without -short, the whole v1.0 tree. The
// streamed fragments' stubs are the one mergeStub: each stub of the
// document is one of its own.
func TestStreamedMergeIsMerge(t *testing.T) {
	// A type no page defines: a stub in the document.
	undefined := apiPage("api/widget-get.md", "Get widget", "GET /widgets/{id}")
	undefined.Response = parser.Response{Kind: parser.RespObject, Type: link("widget"), Statuses: []int{200}}
	sets := map[string][]*parser.Page{"sample": append(samplePages(), undefined)}
	if !testing.Short() {
		sets["v1.0"] = loadCorpus(t, "graph-docs-2021-07/v1.0")
	}
	for name, pages := range sets {
		sorted := slices.Clone(pages)
		slices.SortStableFunc(sorted, func(a, b *parser.Page) int { return strings.Compare(a.Path, b.Path) })
		opts := Options{Version: "v1.0"}
		wantDoc, wantDiags := batchAssemble(sorted, opts)
		want, err := Marshal(wantDoc, "json")
		if err != nil {
			t.Fatal(err)
		}
		wantDiags.Sort()
		if len(wantDiags) == 0 {
			t.Fatalf("%s: no diagnostics to compare", name)
		}
		workers := []int{1, 2, 3, 8}
		if name != "sample" {
			workers = []int{1, 3}
		}
		for _, w := range workers {
			doc, diags := assembleWith(sorted, opts, w)
			for key, s := range doc.Components.Schemas {
				if s == mergeStub {
					t.Errorf("%s, %d workers: %s is the fragments' shared stub, not one of its own", name, w, key)
				}
			}
			got, err := Marshal(doc, "json")
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s, %d workers: the document differs from the batch merge's", name, w)
			}
			diags.Sort() // as Build does (unresolvedTypes gives its own in map order)
			if !slices.Equal(diags, wantDiags) {
				t.Errorf("%s, %d workers: diagnostics\n%s\nwant\n%s", name, w, diags.Error(), wantDiags.Error())
			}
		}
	}
}
