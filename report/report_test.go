package report

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/parser"
	"github.com/graphdocgen/graphdocgen/pipeline"
)

// TestFixtureDocs measures the project's own fixture docs, where every
// figure is known: every API page gives operations, every status is
// documented, every type resolves.
func TestFixtureDocs(t *testing.T) {
	dir := filepath.Join("..", "generated", "docs")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("fixture docs absent: %v", err)
	}
	res, err := pipeline.Build([]string{dir}, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := Compute(res)
	if r.APIPages == 0 || r.APIPagesWithOperations != r.APIPages || len(r.PagesWithoutOperations) != 0 {
		t.Errorf("API pages %d, with operations %d: %+v", r.APIPages, r.APIPagesWithOperations, r.PagesWithoutOperations)
	}
	if r.ResourcePages == 0 || r.Pages != r.APIPages+r.ResourcePages+r.OtherPages {
		t.Errorf("page counts = %d = %d + %d + %d", r.Pages, r.APIPages, r.ResourcePages, r.OtherPages)
	}
	if r.Operations < r.APIPages || r.Paths == 0 || r.RequestLines < r.Operations {
		t.Errorf("operations %d, paths %d, request lines %d", r.Operations, r.Paths, r.RequestLines)
	}
	if !r.Valid || r.StatusCoverage() != 100 || r.TypeCoverage() != 100 || r.TypedResponses == 0 {
		t.Errorf("valid %v (%s), status %.1f%%, types %.1f%% of %d", r.Valid, r.ValidationError, r.StatusCoverage(), r.TypeCoverage(), r.TypedResponses)
	}
	if r.ExamplesChecked == 0 {
		t.Error("no example checked")
	}
	var text, js bytes.Buffer
	if err := r.WriteText(&text, 5); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "API pages with ops") || !strings.Contains(text.String(), "document           valid") {
		t.Errorf("text report:\n%s", text.String())
	}
	if err := r.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || back.Operations != r.Operations {
		t.Errorf("JSON report does not round-trip: %v", err)
	}
}

// TestPageReasons: a page without operations is listed with the
// diagnostic that explains it and its position; without one, the page's
// first line is named.
func TestPageReasons(t *testing.T) {
	pos := parser.Pos{File: "docs/api/a.md", Line: 3, Col: 1}
	res := &pipeline.Result{
		Pages: []*parser.Page{
			{Path: "api/b.md", File: "docs/api/b.md", Kind: parser.KindAPI},
			{Path: "api/a.md", File: "docs/api/a.md", Kind: parser.KindAPI},
			{Path: "resources/r.md", File: "docs/resources/r.md", Kind: parser.KindResource},
		},
		Diags: parser.Diagnostics{
			parser.Warnf(parser.Pos{File: "docs/api/a.md", Line: 1}, "missing-include", "unrelated"),
			parser.Warnf(pos, "no-http-request", "API page has no HTTP request block"),
		},
	}
	r := Compute(res)
	want := []PageIssue{
		{Page: "api/a.md", Pos: "docs/api/a.md:3:1", Rule: "no-http-request", Reason: "API page has no HTTP request block"},
		{Page: "api/b.md", Pos: "docs/api/b.md:1:1", Reason: "the page documents no HTTP request"},
	}
	if len(r.PagesWithoutOperations) != 2 || r.PagesWithoutOperations[0] != want[0] || r.PagesWithoutOperations[1] != want[1] {
		t.Errorf("pages without operations = %+v", r.PagesWithoutOperations)
	}
	if r.PageCoverage() != 0 || r.APIPages != 2 || r.ResourcePages != 1 || r.Diagnostics["no-http-request"] != 1 {
		t.Errorf("report = %+v", r)
	}
}

// TestCheckExample: a body decodes into its schema or the problem is named
// with its JSON pointer; read-only properties are not problems, a date
// that is not RFC 3339 is (the client decodes it into a time.Time).
func TestCheckExample(t *testing.T) {
	str := openapi3.NewStringSchema()
	str.Format = "date-time"
	ro := openapi3.NewStringSchema()
	ro.ReadOnly = true
	s := openapi3.NewObjectSchema().
		WithProperty("when", str).
		WithProperty("id", ro).
		WithProperty("count", openapi3.NewInt32Schema()).
		WithProperty("tags", openapi3.NewArraySchema().WithItems(openapi3.NewStringSchema()))
	if err := CheckExample(s, map[string]any{"when": "2021-07-01T10:00:00Z", "id": "1", "count": 2.0, "tags": []any{"a"}, "extra": true}); err != nil {
		t.Errorf("good example: %v", err)
	}
	err := CheckExample(s, map[string]any{"tags": []any{"a", 3.0}})
	if err == nil || !strings.Contains(err.Error(), "/tags/1") {
		t.Errorf("bad example: %v", err)
	}
	if err := CheckExample(s, map[string]any{"when": "yesterday"}); err == nil {
		t.Error("a date in words decoded as a date-time")
	}
	if err := CheckExample(s, map[string]any{"count": "two"}); err == nil {
		t.Error("a string count decoded as an integer")
	}
}

// TestScaleTypes: Scale builds the fixture client and says how many of
// the docs' types it has and how many were pruned; with AllTypes, none.
func TestScaleTypes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the generated client")
	}
	res, err := pipeline.Build([]string{"../generated/docs"}, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sr, err := Scale(context.Background(), res, ScaleOptions{SkipTest: true})
	if err != nil {
		t.Fatal(err)
	}
	all, err := Scale(context.Background(), res, ScaleOptions{SkipTest: true, AllTypes: true})
	if err != nil {
		t.Fatal(err)
	}
	if !sr.OK || !all.OK || sr.TypesPruned == 0 || sr.Types+sr.TypesPruned != sr.TypesInDocs ||
		all.TypesPruned != 0 || all.Types != sr.TypesInDocs || all.Bytes <= sr.Bytes {
		t.Errorf("pruned %+v\nall types %+v", sr, all)
	}
	var b strings.Builder
	if err := (&Report{Scale: sr}).WriteText(&b, 5); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), fmt.Sprintf("types            %d of the docs' %d (%d pruned", sr.Types, sr.TypesInDocs, sr.TypesPruned)) {
		t.Errorf("report lacks the types line:\n%s", b.String())
	}
}

// TestUnmarshalableDocument: a document that does not marshal as JSON (a
// NaN default in one schema) is not valid, and the report says where.
func TestUnmarshalableDocument(t *testing.T) {
	dir := filepath.Join("..", "generated", "docs")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("fixture docs absent: %v", err)
	}
	res, err := pipeline.Build([]string{dir}, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r := Compute(res); !r.Valid {
		t.Fatalf("fixture document not valid: %s", r.ValidationError)
	}
	nan := math.NaN()
	for name, s := range res.Doc.Components.Schemas {
		if s.Value != nil && len(s.Value.Properties) > 0 {
			s.Value.Default = nan
			r := Compute(res)
			if r.Valid || !strings.Contains(r.ValidationError, "marshal document: schema "+name+": ") {
				t.Errorf("valid %v, error %q", r.Valid, r.ValidationError)
			}
			return
		}
	}
	t.Fatal("no schema with properties")
}
