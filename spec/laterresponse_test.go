package spec

import (
	"fmt"
	"testing"
)

// A Response section whose status paragraph names no type and whose next
// paragraph says the body "includes a [part] object" documents part for
// every JSON variant, though the examples annotate the derived types they
// show (attachment-get.md: attachment, its examples fileAttachment and
// itemAttachment); the $value variant stays the stream.
func TestResponseTypeInLaterParagraph(t *testing.T) {
	const res = "---\ntitle: \"%s resource type\"\ndoc_type: resourcePageType\n---\n\n# %s resource type\n\nNamespace: microsoft.graph\n\n%s## Properties\n\n" +
		"| Property | Type | Description |\n|:--|:--|:--|\n| %s | String | A value. |\n"
	pages := map[string]string{
		"resources/part.md":      fmt.Sprintf(res, "part", "part", "", "label"),
		"resources/boltpart.md":  fmt.Sprintf(res, "boltPart", "boltPart", "Inherits from [part](part.md).\n\n", "thread"),
		"resources/wheelpart.md": fmt.Sprintf(res, "wheelPart", "wheelPart", "Inherits from [part](part.md).\n\n", "rim"),
		"api/part-get.md": "---\ntitle: \"Get part\"\ndoc_type: apiPageType\n---\n\n# Get part\n\nNamespace: microsoft.graph\n\n" +
			"## HTTP request\n\n```http\nGET /machines/{id}/parts/{id}\nGET /machines/{id}/parts/{id}/$value\nGET /depots/{id}/parts/{id}\n```\n\n" +
			"## Response\n\nIf successful, this method returns a `200 OK` response code.\n\n" +
			"When you get the properties of a part, the response body includes a [part](../resources/part.md) object: " +
			"a [boltPart](../resources/boltpart.md) or a [wheelPart](../resources/wheelpart.md).\n\n" +
			"When you get the raw contents of a part, the response body is its raw value.\n\n" +
			"## Examples\n\n### Example 1\n\n" +
			"<!-- { \"blockType\": \"request\", \"name\": \"get_bolt\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/machines/1/parts/2\n```\n\n" +
			"<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.boltPart\" } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"label\": \"a\", \"thread\": \"M6\"}\n```\n\n" +
			"### Example 2\n\n" +
			"<!-- { \"blockType\": \"request\", \"name\": \"get_wheel\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/depots/1/parts/3\n```\n\n" +
			"<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.wheelPart\" } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"label\": \"b\", \"rim\": \"16\"}\n```\n",
	}
	ps := parsePages(t, pages)
	doc, _ := Build(ps, Options{})
	mustValid(t, doc)
	for path, want := range map[string]string{
		"/machines/{machineId}/parts/{partId}":        "application/json #/components/schemas/microsoft.graph.part",
		"/depots/{depotId}/parts/{partId}":            "application/json #/components/schemas/microsoft.graph.part",
		"/machines/{machineId}/parts/{partId}/$value": "application/octet-stream ",
	} {
		o := op(t, doc, path, "GET")
		var got string
		for mt, c := range o.Responses.Value("200").Value.Content {
			got = mt + " " + c.Schema.Ref
		}
		if got != want {
			t.Errorf("%s returns %s, want %s", path, got, want)
		}
	}
}
