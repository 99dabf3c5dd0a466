package spec

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/parser"
	"github.com/graphdocgen/graphdocgen/xgraph"
)

// parsePages parses docs pages written for a test, by docs-root path.
func parsePages(t *testing.T, pages map[string]string) []*parser.Page {
	t.Helper()
	var out []*parser.Page
	for _, name := range sortedKeys(pages) {
		p, diags := parser.Parse(nil, name, name, []byte(pages[name]))
		if diags.HasErrors() {
			t.Fatalf("%s: %s", name, diags.Error())
		}
		out = append(out, p)
	}
	return out
}

const fitGadgetResource = "---\ntitle: \"gadget resource type\"\ndoc_type: resourcePageType\n---\n\n" +
	"# gadget resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n" +
	"| Property | Type | Description |\n|:--|:--|:--|\n" +
	"| id | String | The identifier. Read-only. |\n" +
	"| label | String | The label. |\n" +
	"| tone | [gadgetTone](gadgettone.md) | The tone. |\n" +
	"| madeDateTime | DateTimeOffset | When it was made. |\n"

const fitGadgetTone = "---\ntitle: \"gadgetTone enum type\"\ndoc_type: enumPageType\n---\n\n" +
	"# gadgetTone enum type\n\nNamespace: microsoft.graph\n\n## Members\n\n" +
	"| Member | Value | Description |\n|:--|:--|:--|\n| soft | 0 | Soft. |\n| loud | 1 | Loud. |\n"

// fitGadgetUpdate has four examples: a request and a response that fit,
// a request that sends the read-only id and an enum member in another
// case, and a response whose date is not RFC 3339.
const fitGadgetUpdate = "---\ntitle: \"Update gadget\"\ndoc_type: apiPageType\n---\n\n" +
	"# Update gadget\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n```http\nPATCH /gadgets/{id}\n```\n\n" +
	"## Request body\n\nIn the request body, supply a JSON representation of a [gadget](../resources/gadget.md) object.\n\n" +
	"## Response\n\nIf successful, this method returns a `200 OK` response code and a [gadget](../resources/gadget.md) object in the response body.\n\n" +
	"## Examples\n\n### Example 1\n\n" +
	"<!-- { \"blockType\": \"request\", \"name\": \"fits\" } -->\n```http\nPATCH https://graph.microsoft.com/v1.0/gadgets/1\nContent-type: application/json\n\n{\"label\": \"a\", \"tone\": \"loud\"}\n```\n\n" +
	"<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.gadget\" } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"id\": \"1\", \"label\": \"a\", \"madeDateTime\": \"2021-07-01T10:00:00Z\"}\n```\n\n" +
	"### Example 2\n\n" +
	"<!-- { \"blockType\": \"request\", \"name\": \"misfit\" } -->\n```http\nPATCH https://graph.microsoft.com/v1.0/gadgets/1\nContent-type: application/json\n\n{\"id\": \"1\", \"tone\": \"Loud\"}\n```\n\n" +
	"<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.gadget\" } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"id\": \"1\", \"madeDateTime\": \"2021-07-01 10:00\"}\n```\n" +
	"\n### Example 3\n\n" +
	"<!-- { \"blockType\": \"request\", \"name\": \"not_json\" } -->\n```http\nPATCH https://graph.microsoft.com/v1.0/gadgets/1\nContent-type: application/json\n\n{\"label\": \"b\"}\n```\n\n" +
	"<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"id\": \"1\", <the rest as above>}\n```\n"

// An example body that does not fit its schema leaves the OpenAPI
// examples, travels in x-graph-examples and is a warning at the example;
// the document then passes kin-openapi's default validation.
func TestExamplesFitTheirSchemas(t *testing.T) {
	pages := parsePages(t, map[string]string{
		"resources/gadget.md":     fitGadgetResource,
		"resources/gadgettone.md": fitGadgetTone,
		"api/gadget-update.md":    fitGadgetUpdate,
	})
	doc, diags := Build(pages, Options{})
	var misfits []string
	for _, d := range diags {
		if d.Rule == RuleExampleSchemaMismatch {
			misfits = append(misfits, d.String())
		}
	}
	if len(misfits) != 3 ||
		!strings.HasPrefix(misfits[0], "api/gadget-update.md:47: warning: example misfit: the request body does not fit microsoft.graph.gadget") ||
		!strings.HasPrefix(misfits[1], "api/gadget-update.md:55: warning: example misfit: the response 200 body does not fit microsoft.graph.gadget: at /madeDateTime:") ||
		!strings.HasPrefix(misfits[2], "api/gadget-update.md:73: warning: example not_json: the response 200 body is not JSON, so it cannot fit microsoft.graph.gadget") {
		t.Fatalf("misfit warnings:\n%s", strings.Join(misfits, "\n"))
	}
	o := op(t, doc, "/gadgets/{gadgetId}", "PATCH")
	req := o.RequestBody.Value.Content["application/json"]
	if _, ok := req.Examples["fits"]; !ok || len(req.Examples) != 2 || req.Examples["not_json"] == nil {
		t.Errorf("request examples = %v", sortedKeys(req.Examples))
	}
	resp := o.Responses.Value("200").Value.Content["application/json"]
	if _, ok := resp.Examples["fits"]; !ok || len(resp.Examples) != 1 {
		t.Errorf("response examples = %v", sortedKeys(resp.Examples))
	}
	for _, e := range asJSON(t, o.Extensions[extExamples]).([]any) {
		em := e.(map[string]any)
		reqBody := em["request"].(map[string]any)["body"]
		respBody := em["response"].(map[string]any)["body"]
		switch em["name"] {
		case "fits":
			if reqBody != nil || respBody != nil {
				t.Errorf("a fitting example is repeated in x-graph-examples: %v", em)
			}
		case "misfit":
			if got := jsonString(t, reqBody); got != `{"id":"1","tone":"Loud"}` {
				t.Errorf("misfit request body = %s", got)
			}
			if got := jsonString(t, respBody); got != `{"id":"1","madeDateTime":"2021-07-01 10:00"}` {
				t.Errorf("misfit response body = %s", got)
			}
		}
	}
	data, err := Marshal(doc, "json")
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := loaded.Validate(context.Background()); err != nil {
		t.Errorf("default validation: %v", err)
	}
}

// The examples are checked on all cores, a chunk of paths at a time (go
// test -race: the check only reads the document), and leave in the order
// a check in turn takes them: the same warnings, in the same order, and
// the same document as with one chunk, over the project's docs and pages
// with misfits on several paths.
func TestFitExamplesByChunks(t *testing.T) {
	set, err := parser.Load([]string{"../generated/docs"}, parser.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	gadgets := map[string]string{
		"resources/gadget.md":     fitGadgetResource,
		"resources/gadgettone.md": fitGadgetTone,
	}
	for i := range 5 {
		page := strings.ReplaceAll(fitGadgetUpdate, "/gadgets/", fmt.Sprintf("/gadgets%d/", i))
		gadgets[fmt.Sprintf("api/gadget%d-update.md", i)] = page
	}
	pages := append(set.Pages, parsePages(t, gadgets)...)
	slices.SortFunc(pages, func(a, b *parser.Page) int { return strings.Compare(a.Path, b.Path) })
	fitted := func(chunk int) (parser.Diagnostics, []byte) {
		doc, _ := assemble(pages, Options{})
		if err := resolveRefs(doc); err != nil {
			t.Fatal(err)
		}
		files := map[string]string{}
		for _, p := range pages {
			files[p.Path] = p.File
		}
		diags, _ := fitExamplesBy(doc, files, chunk)
		data, err := Marshal(doc, "json")
		if err != nil {
			t.Fatal(err)
		}
		return diags, data
	}
	wantDiags, wantDoc := fitted(1 << 30)
	if len(wantDiags) != 15 {
		t.Fatalf("%d misfits, want the gadget pages' 15:\n%v", len(wantDiags), wantDiags)
	}
	for _, chunk := range []int{1, 2, 7} {
		diags, doc := fitted(chunk)
		if !slices.Equal(diags, wantDiags) {
			t.Errorf("chunk %d: warnings\n%v\nwant\n%v", chunk, diags, wantDiags)
		}
		if !bytes.Equal(doc, wantDoc) {
			t.Errorf("chunk %d: another document", chunk)
		}
	}
}

// An object example none of whose keys is a property of the declared
// object type (a collection where one object is documented) does not fit;
// one key known is enough, and an open type takes any key.
func TestUnknownKeysMisfit(t *testing.T) {
	obj := &openapi3.Schema{Type: &openapi3.Types{"object"}, Properties: openapi3.Schemas{
		"id": {Value: &openapi3.Schema{Type: &openapi3.Types{"string"}}},
	}}
	wrapped := map[string]any{"@odata.context": "x", "value": []any{map[string]any{"id": "1"}}}
	if err := exampleFits(obj, wrapped, false); err == nil || !strings.Contains(err.Error(), "@odata.context, value") {
		t.Errorf("collection against one object: %v", err)
	}
	if err := exampleFits(obj, map[string]any{"id": "1", "extra": 2}, false); err != nil {
		t.Errorf("one known key: %v", err)
	}
	derived := &openapi3.Schema{AllOf: openapi3.SchemaRefs{{Value: obj}, {Value: &openapi3.Schema{Type: &openapi3.Types{"object"}}}}}
	if err := exampleFits(derived, map[string]any{"id": "1"}, false); err != nil {
		t.Errorf("a base type's key: %v", err)
	}
	open := &openapi3.Schema{Type: &openapi3.Types{"object"}, Properties: obj.Properties}
	xgraph.WriteSchema(open, xgraph.Schema{OpenType: true})
	if err := exampleFits(open, wrapped, false); err != nil {
		t.Errorf("open type: %v", err)
	}
}

// A response example's base64 and time-of-day strings must decode
// as the generated client decodes them: the docs' placeholder "String"
// does not, so the example is a misfit; a request example keeps
// kin-openapi's verdict (no format checked) as it is sent as written.
func TestDecodedFormatsMisfit(t *testing.T) {
	str := func(format string) *openapi3.Schema {
		return &openapi3.Schema{Type: &openapi3.Types{"object"}, Properties: openapi3.Schemas{
			"v": {Value: &openapi3.Schema{Type: &openapi3.Types{"string"}, Format: format}},
		}}
	}
	for _, tc := range []struct {
		format, good, bad string
	}{
		{"base64", "aGVsbG8=", "String"},
		{"time", "08:30:00.0000000", "String"},
	} {
		s := str(tc.format)
		if err := exampleFits(s, map[string]any{"v": tc.good}, false); err != nil {
			t.Errorf("%s %q: %v", tc.format, tc.good, err)
		}
		if err := exampleFits(s, map[string]any{"v": tc.bad}, false); err == nil || !strings.Contains(err.Error(), "/v") {
			t.Errorf("%s %q as a response: %v, want a misfit at /v", tc.format, tc.bad, err)
		}
		if err := exampleFits(s, map[string]any{"v": tc.bad}, true); err != nil {
			t.Errorf("%s %q as a request: %v, want kin-openapi's verdict (fits)", tc.format, tc.bad, err)
		}
	}
}

// A misfit deep in allOf parts (a derived type's derived type) is reported
// by the innermost problem's place and reason, not by the text of the
// errors wrapping it.
func TestExampleFitsInnermostProblem(t *testing.T) {
	base := &openapi3.Schema{Type: &openapi3.Types{"object"}, Properties: openapi3.Schemas{
		"id":   {Value: &openapi3.Schema{Type: &openapi3.Types{"string"}}},
		"tags": {Value: &openapi3.Schema{Type: &openapi3.Types{"array"}, Items: &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"string"}}}}},
	}}
	mid := &openapi3.Schema{AllOf: openapi3.SchemaRefs{{Ref: "#/components/schemas/base", Value: base}}}
	derived := &openapi3.Schema{AllOf: openapi3.SchemaRefs{{Ref: "#/components/schemas/mid", Value: mid}}}
	for _, asRequest := range []bool{false, true} {
		err := exampleFits(derived, map[string]any{"id": "1", "tags": []any{"a", 2.0}}, asRequest)
		if err == nil || err.Error() != "at /tags/1: value must be a string" {
			t.Errorf("asRequest %v: err = %v, want the problem at /tags/1", asRequest, err)
		}
	}
}

// Build checks response examples without the direction (fitPlain) when
// its walk saw every schema and none writeOnly: on v1.0 that gives the
// warnings and the document of the check as a response. A writeOnly
// property is where the two differ, and the walk reports it.
func TestFitPlainResponses(t *testing.T) {
	secret := &openapi3.Schema{Type: &openapi3.Types{"object"}, Properties: openapi3.Schemas{
		"secret": {Value: &openapi3.Schema{Type: &openapi3.Types{"string"}, WriteOnly: true}},
	}}
	v := map[string]any{"secret": "x"}
	if exampleFitsWith(secret, v, false, fitResponse) == nil || exampleFitsWith(secret, v, false, fitPlain) != nil {
		t.Error("a writeOnly property in a response: the two checks should differ")
	}
	doc := unmarshalDoc(t, `{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
		"components": {"schemas": {"thing": {"type": "object", "properties": {"a": {"type": "string", "writeOnly": true}}}}}}`)
	w := walkLocalPaths(doc)
	if ok, _ := w.resolve(); !ok || !w.writeOnly {
		t.Errorf("walk of a writeOnly property: resolved %v, writeOnly %v", ok, w.writeOnly)
	}
	if testing.Short() {
		return
	}
	pages := loadCorpus(t, "graph-docs-2021-07/v1.0")
	sorted := slices.Clone(pages)
	slices.SortStableFunc(sorted, func(a, b *parser.Page) int { return strings.Compare(a.Path, b.Path) })
	fitted := func(noWriteOnly bool) (parser.Diagnostics, []byte) {
		doc, _, w := assembleWalking(sorted, Options{Version: "v1.0"}, 2, true)
		if ok, monotone := w.resolve(); !ok || !monotone || w.writeOnly {
			t.Fatalf("v1.0: resolved %v, monotone %v, writeOnly %v", ok, monotone, w.writeOnly)
		}
		diags, _ := fitExamplesIn(doc, nil, misfitChunk, noWriteOnly)
		data, err := Marshal(doc, "json")
		if err != nil {
			t.Fatal(err)
		}
		return diags, data
	}
	wantDiags, wantData := fitted(false)
	diags, data := fitted(true)
	if len(wantDiags) == 0 {
		t.Fatal("no misfit on v1.0 (the case is wrong)")
	}
	if !slices.Equal(diags, wantDiags) {
		t.Errorf("%d warnings without the direction, %d with it", len(diags), len(wantDiags))
	}
	if !bytes.Equal(data, wantData) {
		t.Error("another document without the direction")
	}
}
