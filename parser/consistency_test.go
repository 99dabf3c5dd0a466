package parser

import (
	"reflect"
	"testing"
)

// TestProseConsistency: a ConsistencyLevel requirement the page states in
// a sentence, with no request headers row for it, is a header: required
// when the page's own sentence sets no condition, needed with the $search
// or $count the condition names, never required by an example's sentence;
// the table's row, when there is one, is the header.
func TestProseConsistency(t *testing.T) {
	table := "## Request headers\n\n| Name | Description |\n|:--|:--|\n| Authorization | Bearer {token}. Required. |\n"
	for _, tc := range []struct {
		name, sections string
		want           *Header // nil: no ConsistencyLevel header
	}{
		{"unconditional", table + "\nEvery call to this API requires the **ConsistencyLevel** header set to `eventual`.\n",
			&Header{Value: "eventual", Required: true, Description: "Every call to this API requires the ConsistencyLevel header set to eventual."}},
		{"needed with $search", "## Optional query parameters\n\nThe `$search` parameter needs a `ConsistencyLevel: eventual` header when it is used with `$search` or `$count`.\n",
			&Header{Value: "eventual", RequiredWith: []string{"$search", "$count"}, Description: "The $search parameter needs a ConsistencyLevel: eventual header when it is used with $search or $count."}},
		{"companion option is no cause", "## Optional query parameters\n\nSorting by **shineDate** requires the ConsistencyLevel header set to `eventual` and `$count=true`, because the index is eventual.\n",
			&Header{Value: "eventual", Description: "Sorting by shineDate requires the ConsistencyLevel header set to eventual and $count=true, because the index is eventual."}},
		{"example only", table + "\n## Examples\n\n### Request\n\nThis request requires the **ConsistencyLevel** header set to `eventual` because `$count` is in the request.\n",
			&Header{Value: "eventual", RequiredWith: []string{"$count"}, Description: "This request requires the ConsistencyLevel header set to eventual because $count is in the request."}},
		{"page's sentence over an example's", "## Optional query parameters\n\nThe API requires a ConsistencyLevel header of `eventual` if `$search` is used.\n\n" +
			"## Examples\n\nThis request requires the **ConsistencyLevel** header set to `eventual` because `$count` is in the request.\n",
			&Header{Value: "eventual", RequiredWith: []string{"$search", "$count"}, Description: "The API requires a ConsistencyLevel header of eventual if $search is used."}},
		{"mentioned, not required", table + "\nThe **ConsistencyLevel** header is not required for this API.\n", nil},
		{"no mention", table, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, ds := Parse(nil, "api/widget-polish.md", "widget-polish.md", apiPage(tc.sections))
			if len(ds) != 0 {
				t.Fatalf("diagnostics: %v", ds)
			}
			var got *Header
			for i, h := range p.Headers {
				if h.Name == "ConsistencyLevel" {
					got = &p.Headers[i]
				}
			}
			if tc.want == nil {
				if got != nil {
					t.Fatalf("header %+v, want none", *got)
				}
				return
			}
			if got == nil {
				t.Fatalf("no ConsistencyLevel header in %+v", p.Headers)
			}
			if !got.Prose || got.Pos.Line == 0 {
				t.Errorf("Prose %v at %v, want a prose header with its position", got.Prose, got.Pos)
			}
			g := *got
			g.Name, g.Prose, g.Pos = "", false, Pos{}
			if !reflect.DeepEqual(g, *tc.want) {
				t.Errorf("header\n %+v, want\n %+v", g, *tc.want)
			}
		})
	}
}

// TestProseConsistencyTableWins: the request headers row is the header;
// a sentence elsewhere adds no second one.
func TestProseConsistencyTableWins(t *testing.T) {
	sec := "## Request headers\n\n| Name | Description |\n|:--|:--|\n| ConsistencyLevel | eventual. This header and `$count` are required when using `$search`. |\n\n" +
		"## Examples\n\nThis request requires the **ConsistencyLevel** header set to `eventual` because `$search` is in the request.\n"
	p, _ := Parse(nil, "api/widget-polish.md", "widget-polish.md", apiPage(sec))
	if len(p.Headers) != 1 || p.Headers[0].Prose || !reflect.DeepEqual(p.Headers[0].RequiredWith, []string{"$count", "$search"}) {
		t.Errorf("headers = %+v, want the table's row only", p.Headers)
	}
}

// TestHeaderRowOneCellShort: a headers row without its last cell has its
// description in the type column (serviceprincipal-list-memberof.md).
func TestHeaderRowOneCellShort(t *testing.T) {
	sec := "## Request headers\n\n| Name | Type | Description |\n|:--|:--|:--|\n| Authorization | string | Bearer {token}. Required. |\n" +
		"| ConsistencyLevel | eventual. This header and `$count` are required when using `$search`. |\n"
	p, _ := Parse(nil, "api/widget-polish.md", "widget-polish.md", apiPage(sec))
	if len(p.Headers) != 2 {
		t.Fatalf("headers = %+v", p.Headers)
	}
	h := p.Headers[1]
	if h.Type != "" || h.Value != "eventual" || !reflect.DeepEqual(h.RequiredWith, []string{"$count", "$search"}) {
		t.Errorf("header = %+v, want value eventual needed with $count and $search", h)
	}
	if p.Headers[0].Type != "string" {
		t.Errorf("a full row's type %q, want string", p.Headers[0].Type)
	}
}
