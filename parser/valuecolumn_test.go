package parser

import "testing"

// TestBodyValueColumnOfTypes: a request-body table headed
// "Name | Value | Description" whose Value cells are types (a primitive,
// a link to a type) reads that column as the type; a Value column of
// values ("true", "Bearer {token}") gives no types.
func TestBodyValueColumnOfTypes(t *testing.T) {
	for _, tc := range []struct {
		name, table string
		want        []TypeRef // Name, Link, Collection of each row
	}{
		{"types", "| Name | Value | Description |\n|:--|:--|:--|\n" +
			"| polishId | String | Required. The polish to apply. |\n" +
			"| method | [polishMethod](../resources/polish.md#polishmethod-values) | Optional. How. |\n" +
			"| layers | Int32 collection | Optional. The layers. |\n",
			[]TypeRef{{Name: "String"}, {Name: "polishMethod", Link: "resources/polish.md"}, {Name: "Int32", Collection: true}}},
		{"values", "| Name | Value | Description |\n|:--|:--|:--|\n" +
			"| dryRun | true | Whether to try only. |\n" +
			"| polishId | String | The polish. |\n",
			[]TypeRef{{}, {}}},
		{"type column first", "| Name | Value | Type | Description |\n|:--|:--|:--|:--|\n" +
			"| polishId | abc | String | The polish. |\n",
			[]TypeRef{{Name: "String"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, ds := Parse(nil, "api/widget-polish.md", "widget-polish.md",
				apiPage("## Request body\n\nIn the request body, provide a JSON object with the following parameters.\n\n"+tc.table))
			if len(ds) != 0 {
				t.Fatalf("diagnostics: %v", ds)
			}
			if len(p.Body.Params) != len(tc.want) {
				t.Fatalf("params = %+v, want %d", p.Body.Params, len(tc.want))
			}
			for i, w := range tc.want {
				got := p.Body.Params[i].Type
				if got.Name != w.Name || got.Link != w.Link || got.Collection != w.Collection {
					t.Errorf("%s: type %+v, want %+v", p.Body.Params[i].Name, got, w)
				}
			}
		})
	}
}

// TestSummary: the page's opening paragraph is the first paragraph of the
// H1 section that is not the Namespace line, an include or a note.
func TestSummary(t *testing.T) {
	page := "---\ndoc_type: apiPageType\n---\n# widget: polish\n\nNamespace: microsoft.graph\n\n" +
		"[!INCLUDE [beta-disclaimer](../../includes/beta-disclaimer.md)]\n\n> **Note:** Widgets shine.\n\n" +
		"Polish a widget. This OData function makes it shine.\n\nMore about polish.\n\n" +
		"## HTTP request\n\n```http\nGET /widgets/{id}/polish\n```\n"
	p, _ := Parse(nil, "api/widget-polish.md", "widget-polish.md", []byte(page))
	if p.Summary.Value != "Polish a widget. This OData function makes it shine." || p.Summary.Pos.Line != 12 {
		t.Errorf("summary = %q at line %d", p.Summary.Value, p.Summary.Pos.Line)
	}
	p, _ = Parse(nil, "api/widget-polish.md", "widget-polish.md", apiPage(""))
	if p.Summary.Value != "" {
		t.Errorf("summary of a page without one = %q", p.Summary.Value)
	}
}

// TestOptionalFirst: a parameter whose description opens with
// "Optional." is optional even when it goes on to say when it is
// required; "Required." still makes one required.
func TestOptionalFirst(t *testing.T) {
	table := "| Name | Type | Description |\n|:--|:--|:--|\n" +
		"| polishId | String | Required. The polish to apply. |\n" +
		"| note | String | Optional. Why, which is required when removing a polish. |\n" +
		"| depth | Int32 | The depth; required for deep polish. |\n"
	p, ds := Parse(nil, "api/widget-polish.md", "widget-polish.md",
		apiPage("## Request body\n\nIn the request body, provide a JSON object with the following parameters.\n\n"+table))
	if len(ds) != 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	want := map[string][2]bool{"polishId": {true, false}, "note": {false, true}, "depth": {true, false}}
	if len(p.Body.Params) != len(want) {
		t.Fatalf("params = %+v", p.Body.Params)
	}
	for _, q := range p.Body.Params {
		if w := want[q.Name]; q.Required != w[0] || q.Optional != w[1] {
			t.Errorf("%s: required %v optional %v, want %v %v", q.Name, q.Required, q.Optional, w[0], w[1])
		}
	}
}
