package spec

import (
	"slices"
	"testing"

	"github.com/graphdocgen/graphdocgen/parser"
)

// TestDuplicateParameterWarnedOnce: a page with two request lines builds
// two operations from one parameter table, and a table row that clashes
// (a query row in another case, a query row naming a path placeholder of
// both lines) is one warning, at the first place it is met, not one per
// line. Both operations still drop the row.
func TestDuplicateParameterWarnedOnce(t *testing.T) {
	src := "---\ndoc_type: apiPageType\n---\n# Reminders\n\n## HTTP request\n\n```http\n" +
		"GET /me/reminders(day='{day}')\n" + // line 9
		"GET /users/{id}/reminders(day='{day}')\n" + // line 10
		"```\n\n## Query parameters\n\n|Name|Type|Description|\n|:--|:--|:--|\n" +
		"|day|String|Again the day.|\n" + // line 17
		"|AB|String|Upper.|\n" +
		"|aB|String|Lower.|\n" + // line 19
		"\n## Response\n\nIf successful, this method returns a `200 OK` response code.\n"
	p, _ := parser.Parse(nil, "api/user-list-reminders.md", "f.md", []byte(src))
	doc, ds := Fragment(p, Options{})
	got := map[string]int{}
	for _, d := range ds {
		if d.Rule == "duplicate-parameter" {
			got[d.Pos.String()+" "+d.Message]++
		}
	}
	want := map[string]int{
		`f.md:9:1 query parameter "day" is already a path parameter; dropped`:              1,
		`f.md:19:1 query parameter "aB" differs from "AB" in case only; the first is kept`: 1,
	}
	if len(got) != len(want) {
		t.Errorf("duplicate-parameter warnings %v, want %v", got, want)
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%q: %d times, want %d (all: %v)", k, got[k], n, got)
		}
	}
	for _, path := range []string{"/me/reminders(day='{day}')", "/users/{userId}/reminders(day='{day}')"} {
		item := doc.Paths.Value(path)
		if item == nil || item.Get == nil {
			t.Fatalf("no GET %s", path)
		}
		var query []string
		for _, prm := range item.Get.Parameters {
			if prm.Value != nil && prm.Value.In == "query" {
				query = append(query, prm.Value.Name)
			}
		}
		if len(query) != 1 || query[0] != "AB" {
			t.Errorf("%s query parameters %q, want [AB]", path, query)
		}
	}
}

// TestSimilarParameterNamesAreOne: parameter names that differ in case or
// punctuation only ("$select" and "select", the header "if-none-match" and
// a query row "If-None-Match") are one parameter of the operation, the
// first kept: the service reads them as one, and other OpenAPI tools
// derive one identifier from both (ogen refuses such an operation as "too
// similar parameter name").
func TestSimilarParameterNamesAreOne(t *testing.T) {
	src := "---\ndoc_type: apiPageType\n---\n# List things\n\n## HTTP request\n\n```http\n" +
		"GET /things\n" +
		"```\n\n## Optional query parameters\n\n|Name|Type|Description|\n|:--|:--|:--|\n" +
		"|$select|String|The properties.|\n" +
		"|select|String|The properties again.|\n" +
		"|If-None-Match|String|A header listed as a query row.|\n" +
		"\n## Request headers\n\n|Name|Description|\n|:--|:--|\n" +
		"|Authorization|Bearer {token}. Required.|\n" +
		"|if-none-match|A tag.|\n" +
		"\n## Response\n\nIf successful, this method returns a `200 OK` response code.\n"
	p, _ := parser.Parse(nil, "api/thing-list.md", "f.md", []byte(src))
	doc, _ := Fragment(p, Options{})
	item := doc.Paths.Value("/things")
	if item == nil || item.Get == nil {
		t.Fatal("no GET /things")
	}
	var got []string
	for _, prm := range item.Get.Parameters {
		if prm.Value != nil && prm.Value.Name != "Accept" {
			got = append(got, prm.Value.In+" "+prm.Value.Name)
		}
	}
	slices.Sort(got)
	if want := []string{"header if-none-match", "query $select"}; !slices.Equal(got, want) {
		t.Errorf("parameters %q, want %q", got, want)
	}
}
