package parser

import "testing"

// TestResponseTypeInLaterParagraph: when the status paragraph names no
// type, a later paragraph without a status names it when the link is what
// the body holds; a link in another role does not, and the first
// example's annotation stays the page's type.
func TestResponseTypeInLaterParagraph(t *testing.T) {
	const head = "---\ntitle: \"Get part\"\ndoc_type: apiPageType\n---\n\n# Get part\n\n## HTTP request\n\n```http\nGET /parts/{id}\n```\n\n" +
		"## Response\n\nIf successful, this method returns a `200 OK` response code.\n\n"
	const example = "\n## Examples\n\n<!-- { \"blockType\": \"request\", \"name\": \"get\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/parts/1\n```\n\n" +
		"<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.boltPart\" } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"label\": \"a\"}\n```\n"
	for _, c := range []struct {
		para      string
		kind      ResponseKind
		name      string
		annotated bool
	}{
		{"The response body includes a [part](../resources/part.md) object.", RespObject, "part", false},
		{"If you get them all, the response body contains a collection of [part](../resources/part.md) objects.", RespCollection, "part", false},
		{"The response body includes the requested machine, expanded with the matching [part](../resources/part.md) object.", RespObject, "microsoft.graph.boltPart", true},
		{"For any machine other than a [lathe](../resources/lathe.md), the body is empty.", RespObject, "microsoft.graph.boltPart", true},
		{"To see the new part, [get the machine](../api/machine-get.md).", RespObject, "microsoft.graph.boltPart", true},
	} {
		p, diags := Parse(nil, "api/part-get.md", "api/part-get.md", []byte(head+c.para+"\n"+example))
		if diags.HasErrors() {
			t.Fatal(diags.Error())
		}
		r := p.Response
		if r.Kind != c.kind || r.Type.Name != c.name || r.Annotated != c.annotated || len(r.Statuses) != 1 || r.Statuses[0] != 200 {
			t.Errorf("%q: response = %s %s (annotated %v, statuses %v), want %s %s (annotated %v)", c.para, r.Kind, r.Type.Name, r.Annotated, r.Statuses, c.kind, c.name, c.annotated)
		}
	}
}
