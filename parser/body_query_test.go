package parser

import "testing"

// apiPage wraps sections in a minimal API page with one request line.
func apiPage(sections string) []byte {
	return []byte("---\ndoc_type: apiPageType\n---\n# widget: polish\n\n## HTTP request\n\n```http\nPOST /widgets/{id}/polish\n```\n\n" +
		sections + "\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n")
}

// TestBodySaysNone: a Request body section that says not to supply a body
// keeps saying so when it also has a parameter table (Kind is then params),
// with the position of the sentence; the curly apostrophe counts too.
func TestBodySaysNone(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		kind       BodyKind
		none       bool
		noneLine   int
	}{
		{"none", "## Request body\n\nDon't supply a request body for this method.\n", BodyNone, true, 14},
		{"curly", "## Request body\n\nDon\u2019t supply a request body for this method.\n", BodyNone, true, 14},
		{"none and table", "## Request body\n\nDo not supply a request body for this method.\n\n" +
			"| Parameter | Type | Description |\n|:--|:--|:--|\n| shine | Int32 | How much. |\n", BodyParams, true, 14},
		{"table only", "## Request body\n\nIn the request body, provide a JSON object with the following parameters.\n\n" +
			"| Parameter | Type | Description |\n|:--|:--|:--|\n| shine | Int32 | How much. |\n", BodyParams, false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, ds := Parse(nil, "api/widget-polish.md", "widget-polish.md", apiPage(tc.body))
			if len(ds) != 0 {
				t.Fatalf("diagnostics: %v", ds)
			}
			b := p.Body
			if b.Kind != tc.kind || b.SaysNone != tc.none || b.NonePos.Line != tc.noneLine {
				t.Errorf("body = kind %q saysNone %v at %v, want %q %v at line %d", b.Kind, b.SaysNone, b.NonePos, tc.kind, tc.none, tc.noneLine)
			}
			if tc.none && b.NonePos.File != "widget-polish.md" {
				t.Errorf("NonePos = %v, want the page's file", b.NonePos)
			}
		})
	}
}

// TestQueryTableNotParams: a table under "Optional query parameters" that
// has neither a name nor a type column (the OData cast table of
// directory-deleteditems-list.md) holds no parameters; a parameter table
// beside it still counts.
func TestQueryTableNotParams(t *testing.T) {
	sec := "## Optional query parameters\n\nThis method supports the `$orderBy` OData query parameter.\n\n" +
		"| OData cast | Properties supporting $orderBy | Example |\n|:--|:--|:--|\n" +
		"| microsoft.graph.user | displayName | /directory/deletedItems/microsoft.graph.user?$orderBy=displayName |\n\n" +
		"| Name | Type | Description |\n|:--|:--|:--|\n| level | Int32 | How shiny. |\n"
	p, ds := Parse(nil, "api/widget-polish.md", "widget-polish.md", apiPage(sec))
	if len(ds) != 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	if len(p.Query.Params) != 1 || p.Query.Params[0].Name != "level" || p.Query.Params[0].Type.Name != "Int32" {
		t.Errorf("query params = %+v, want only level", p.Query.Params)
	}
	if !p.Query.OData || len(p.Query.ODataNames) != 1 || p.Query.ODataNames[0] != "$orderby" {
		t.Errorf("OData = %v %v", p.Query.OData, p.Query.ODataNames)
	}
}

// TestEscapesNotInNames: a markdown escape ("[\$filter](...)", "\_")
// is not part of a name or a text: the query table's rows are "$filter" and
// "$top", the description reads "a_b".
func TestEscapesNotInNames(t *testing.T) {
	sec := "## Optional query parameters\n\n| Name | Description |\n|:--|:--|\n" +
		"| [\\$filter](/graph/query-parameters) | Filters a\\_b. |\n| \\$top | Page size. |\n"
	p, _ := Parse(nil, "api/widget-polish.md", "widget-polish.md", apiPage(sec))
	var names []string
	for _, r := range p.Query.Params {
		names = append(names, r.Name)
	}
	if len(names) != 2 || names[0] != "$filter" || names[1] != "$top" {
		t.Fatalf("query params = %q, want $filter and $top", names)
	}
	if d := p.Query.Params[0].Description; d != "Filters a_b." {
		t.Errorf("description = %q", d)
	}
}

// TestResponseStreamAndMetadata: a Response section that documents the
// bytes and the JSON metadata in two paragraphs gives the stream with the
// object as Alt.
func TestResponseStreamAndMetadata(t *testing.T) {
	src := []byte("---\ndoc_type: apiPageType\n---\n# Get widget picture\n\n## HTTP request\n\n```http\nGET /widgets/{id}/picture/$value\nGET /widgets/{id}/picture\n```\n\n" +
		"## Response\n\n### Bytes\n\nOn success the call answers `200 OK` with the binary data of the picture.\n\n" +
		"### Metadata\n\nOn success the call answers `200 OK` with a [picture](../resources/picture.md) object in the body.\n")
	p, _ := Parse(nil, "api/widget-get-picture.md", "f.md", src)
	r := p.Response
	if r.Kind != RespStream || r.Alt == nil || r.Alt.Kind != RespObject || r.Alt.Type.Name != "picture" {
		t.Fatalf("response = %+v alt = %+v, want a stream with a picture object as Alt", r, r.Alt)
	}
}
