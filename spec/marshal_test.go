package spec

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/parser"
)

// sameAsKin fails t unless marshalIndented gives the bytes of
// json.Marshal and json.Indent for doc.
func sameAsKin(t *testing.T, doc *openapi3.T) {
	t.Helper()
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, data, "", "  "); err != nil {
		t.Fatal(err)
	}
	want := buf.Bytes()
	got, err := marshalIndented(doc)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Fatalf("marshalIndented differs from json.Marshal at byte %d:\n got %.200q\nwant %.200q", i, got[i:], want[i:])
	}
}

// The one-pass marshal gives the bytes of kin-openapi's, on documents
// with references, examples, extensions, nullable and read-only
// properties, enums and HTML-escaped text (the golden cases cover more:
// their expected OpenAPI files were written by kin-openapi's marshal).
func TestMarshalOnePass(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData([]byte(validateDoc))
	if err != nil {
		t.Fatal(err)
	}
	doc.Components.Schemas["inner"].Value.Description = "a <b> & c"
	doc.Components.Schemas["inner"].Value.Extensions = map[string]any{"x-y": map[string]any{"z": []any{1.0, "<"}}}
	doc.Components.Schemas["inner"].Value.Enum = []any{"a", json.Number("2"), 1e21, 0.5, "\u2028\x01\xff"}
	doc.Components.Schemas["empty"] = &openapi3.SchemaRef{Value: &openapi3.Schema{Properties: openapi3.Schemas{}, Extensions: map[string]any{"x-e": []any{}, "x-s": struct{ A []int }{[]int{1, 2}}}}}
	sameAsKin(t, doc)
	frag, _ := Fragment(apiPage("api/x.md", "x", "GET /x/{id}", "PATCH /x/{id}"), Options{})
	sameAsKin(t, frag)
	pages := loadCorpusPages(t)
	if pages == nil {
		return
	}
	v1, _ := Build(pages, Options{Version: "v1.0"})
	sameAsKin(t, v1)
}

// loadCorpusPages is the v1.0 tree, or nil under -short or without the
// corpus.
func loadCorpusPages(t *testing.T) []*parser.Page {
	if testing.Short() {
		return nil
	}
	return loadCorpus(t, "graph-docs-2021-07/v1.0")
}
