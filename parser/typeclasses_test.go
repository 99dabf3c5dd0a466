package parser

import (
	"strings"
	"testing"
)

// typePage is a type page with the given front matter title, heading and
// body, written for the tests.
func typePage(docType, title, heading, body string) []byte {
	return []byte("---\ntitle: \"" + title + "\"\ndoc_type: " + docType + "\n---\n\n# " + heading + "\n\nNamespace: microsoft.graph\n\n" + body)
}

// A type page is named by its heading, not its front matter title: two
// enum pages titled "Members" define two enumerations.
func TestTypeNamedByHeading(t *testing.T) {
	members := "## Members\n\n| Member | Value | Description |\n|:--|:--|:--|\n| a | 0 | A. |\n"
	for _, c := range []struct{ heading, want string }{
		{"paintFinish enum type", "paintFinish"},
		{"gizmoVisibility enum type", "gizmoVisibility"},
	} {
		p, ds := Parse(nil, "resources/x.md", "x.md", typePage("enumPageType", "Members", c.heading, members))
		if ds.HasErrors() || p.Resource == nil || len(p.Resource.Enums) != 1 || p.Resource.Enums[0].Name != c.want || p.Resource.Name != c.want {
			t.Errorf("%s: resource %+v, diags %v", c.heading, p.Resource, ds)
		}
	}
	// The title still names the page when there is no heading.
	p, _ := Parse(nil, "resources/x.md", "x.md", []byte("---\ntitle: \"knob resource type\"\ndoc_type: resourcePageType\n---\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| a | String | A. |\n"))
	if p.Resource == nil || p.Resource.Name != "knob" {
		t.Errorf("untitled heading: %+v", p.Resource)
	}
}

// The base type is the link after "inherits from", not the paragraph's
// first link; a sentence that names a derived type gives no base.
func TestBaseTypeFromInheritsSentence(t *testing.T) {
	for _, c := range []struct{ para, want string }{
		{"A gizmo made in a [workshop](workshop.md). Inherits from [entity](entity.md).", "entity"},
		{"See [the overview](/graph/overview) first. This type inherits from\n[outlookItem](outlookitem.md).", "outlookItem"},
		{"The [fancyGizmo](fancygizmo.md) type inherits from this type.", ""},
	} {
		p, _ := Parse(nil, "resources/gizmo.md", "gizmo.md", typePage("resourcePageType", "gizmo resource type", "gizmo resource type", c.para+"\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| a | String | A. |\n"))
		got := ""
		if p.Resource.BaseType != nil {
			got = p.Resource.BaseType.Name
		}
		if got != c.want {
			t.Errorf("%q: base %q, want %q", c.para, got, c.want)
		}
	}
}

// A "NAME properties" heading naming the page's own type holds its
// properties; another type's is not read.
func TestOwnPropertiesHeading(t *testing.T) {
	table := "| Property | Type | Description |\n|:--|:--|:--|\n| code | string (readonly) | The code. |\n"
	p, _ := Parse(nil, "resources/gizmoerror.md", "f.md", typePage("resourcePageType", "gizmoError resource type", "gizmoError resource type", "## gizmoError Properties\n\n"+table+"\n## otherThing properties\n\n"+strings.ReplaceAll(table, "code", "other")))
	if r := p.Resource; len(r.Properties) != 1 || r.Properties[0].Name != "code" {
		t.Errorf("properties = %+v", r.Properties)
	}
}

// An API page whose front matter says resourcePageType is read as an API
// page, with a warning.
func TestAPIPageLabeledResource(t *testing.T) {
	src := typePage("resourcePageType", "Delete gizmo", "Delete gizmo",
		"## HTTP request\n\n```http\nDELETE /gizmos/{id}\n```\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n")
	p, ds := Parse(nil, "api/gizmo-delete.md", "f.md", src)
	if p.Kind != KindAPI || p.Resource != nil || len(p.Requests) != 1 || p.Response.Kind != RespNone {
		t.Fatalf("page = kind %s, resource %v, requests %v, response %+v", p.Kind, p.Resource, p.Requests, p.Response)
	}
	if len(ds) != 1 || ds[0].Rule != "doc-type-mismatch" {
		t.Errorf("diagnostics = %v", ds)
	}
}

// Responses read structurally: "a String collection" is an array of
// strings; a response annotation "Collection(...)" is a collection.
func TestResponseCollections(t *testing.T) {
	page := func(resp, ann string) []byte {
		return []byte("---\ntitle: \"x\"\ndoc_type: apiPageType\n---\n\n# x\n\n## HTTP request\n\n```http\nPOST /gizmos/{id}/check\n```\n\n## Response\n\n" + resp +
			"\n\n## Example\n\n<!-- { \"blockType\": \"request\", \"name\": \"x\" } -->\n```http\nPOST https://graph.microsoft.com/v1.0/gizmos/1/check\n```\n\n" +
			"<!-- { \"blockType\": \"response\"" + ann + " } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"value\": []}\n```\n")
	}
	p, _ := Parse(nil, "api/x.md", "x.md", page("If successful, this action returns a `200 OK` response code and a String collection in the response body.", ""))
	if r := p.Response; r.Kind != RespPrimitive || r.Type.Name != "String" || !r.Type.Collection {
		t.Errorf("String collection: %+v", r)
	}
	p, _ = Parse(nil, "api/x.md", "x.md", page("If successful, this method returns `200 OK` response code and String collection object in the response body.", ""))
	if r := p.Response; r.Kind != RespPrimitive || r.Type.Name != "String" || !r.Type.Collection {
		t.Errorf("String collection without an article: %+v", r)
	}
	p, _ = Parse(nil, "api/x.md", "x.md", page("If successful, this action returns a `200 OK` response code and a String in the response body.", ""))
	if r := p.Response; r.Kind != RespPrimitive || r.Type.Collection {
		t.Errorf("String: %+v", r)
	}
	for _, text := range []string{
		"If successful, this method returns a `200 OK` response code and a collection of one [gizmo](../resources/gizmo.md) object in the response body.",
		"If successful, this method returns a `200 OK` response code and a collection of the [gizmo](../resources/gizmo.md) objects in the response body.",
		"If successful, this action returns a `200 OK` response code and a collection of derivatives of [gizmo](../resources/gizmo.md) in the response body.",
	} {
		p, _ = Parse(nil, "api/x.md", "x.md", page(text, ""))
		if r := p.Response; r.Kind != RespCollection || r.Type.Name != "gizmo" || !r.Type.Collection {
			t.Errorf("%q: %+v, want a gizmo collection", text, r)
		}
	}
	p, _ = Parse(nil, "api/x.md", "x.md", page("If successful, this method returns a `200 OK` response code and one [gizmo](../resources/gizmo.md) object in the response body.", ""))
	if r := p.Response; r.Kind != RespObject || r.Type.Collection {
		t.Errorf("one gizmo object: %+v, want one object", r)
	}
	p, _ = Parse(nil, "api/x.md", "x.md", page("If successful, this method returns the items.", `, "@odata.type": "Collection(microsoft.graph.part)"`))
	if r := p.Response; r.Kind != RespCollection || r.Type.Name != "microsoft.graph.part" || !r.Type.Collection {
		t.Errorf("annotated collection: %+v", r)
	}
}

// TestResponseSectionReading covers what the CSDL cross-check found the
// parser reading wrongly: a link for more reading taken as the response
// type, "[X] resources" not read as a collection, and an example's
// "### Response" in a scenario section taken as the page's Response
// section.
func TestResponseSectionReading(t *testing.T) {
	head := "---\ntitle: \"x\"\ndoc_type: apiPageType\n---\n\n# x\n\n## HTTP request\n\n```http\nGET /gizmos/{id}/parts\n```\n\n"
	example := func(ann string) string {
		return "<!-- { \"blockType\": \"request\", \"name\": \"x\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/gizmos/1/parts\n```\n\n" +
			"### Response\n\nThe parts found.\n\n" +
			"<!-- { \"blockType\": \"response\"" + ann + " } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"value\": []}\n```\n"
	}
	// (a) the type is in bold, the only link points to the error codes
	p, _ := Parse(nil, "api/x.md", "x.md", []byte(head+"## Response\n\nOn success the answer is `200 OK` with one **part** object. "+
		"A provider that times out gives `206 Partial Content`; for the other codes see [gizmo error codes](../resources/gizmo-error-codes.md).\n\n## Example\n\n"+
		example(`, "@odata.type": "microsoft.graph.part"`)))
	if r := p.Response; r.Type.Name != "microsoft.graph.part" || r.Type.Link != "" || !r.Annotated || r.Kind != RespObject {
		t.Errorf("error-codes link: %+v", r)
	}
	// a type link after a see-also link is still read
	p, _ = Parse(nil, "api/x.md", "x.md", []byte(head+"## Response\n\nSee [paging](../concepts/paging.md). If successful, this method returns a `200 OK` response code and a [part](../resources/part.md) object.\n"))
	if r := p.Response; r.Type.Name != "part" || r.Type.Link != "resources/part.md" || r.Annotated {
		t.Errorf("type link after a see-also sentence: %+v", r)
	}
	// (b) "[X] resources" is a collection
	p, _ = Parse(nil, "api/x.md", "x.md", []byte(head+"## Response\n\nOn success the gizmo's parts come back, in the parts list\n"+
		"of the gizmo, as [part](../resources/part.md) resources.\n\n## Example\n\n"+example("")))
	if r := p.Response; r.Kind != RespCollection || r.Type.Name != "part" || !r.Type.Collection {
		t.Errorf("[part] resources: %+v", r)
	}
	// (c) no Response section of the page; a scenario section's example
	// "### Response" is not one
	p, _ = Parse(nil, "api/x.md", "x.md", []byte(head+"## Example\n\n"+example(`, "@odata.type": "Collection(microsoft.graph.part)"`)+
		"\n## Parts of a shared gizmo\n\nA second scenario.\n\n### Example\n\n"+
		"<!-- { \"blockType\": \"request\", \"name\": \"y\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/gizmos/2/parts\n```\n\n"+
		"### Response\n\nThis returns a [remoteItem](../resources/remoteitem.md) for each part.\n\n"+
		"<!-- { \"blockType\": \"response\", \"@odata.type\": \"Collection(microsoft.graph.part)\" } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"value\": []}\n```\n"))
	if r := p.Response; r.Kind != RespCollection || r.Type.Name != "microsoft.graph.part" || !r.Annotated {
		t.Errorf("scenario's ### Response: %+v", r)
	}
	// the page's own Response H2 after its examples is still read
	p, _ = Parse(nil, "api/x.md", "x.md", []byte(head+"## Example\n\n### Request\n\nA request.\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a [part](../resources/part.md) object.\n"))
	if r := p.Response; r.Type.Name != "part" || r.Kind != RespObject {
		t.Errorf("## Response after the examples: %+v", r)
	}
}

// TestOutsideHasWord: outsideHasWord is hasWord of the lowered text with
// the name replaced, as typeRef wrote it.
func TestOutsideHasWord(t *testing.T) {
	for _, c := range [][2]string{{"[x](x.md) collection", "x"}, {"Collection of [x](x.md)", "x"}, {"siteCollection", "siteCollection"},
		{"SiteCollection collection", "sitecollection"}, {"a collections b", "B"}, {"xcollection", "x"}, {"collectionx", "x"},
		{"Collection", ""}, {"", "x"}, {"İ collection", "i"}, {"K collection", "k"}, {"x  collection", "X "}, {"abcollection", "b"}} {
		for _, w := range []string{"collection", "collections"} {
			want := hasWord(strings.Replace(strings.ToLower(c[0]), strings.ToLower(c[1]), " ", 1), w)
			if got := outsideHasWord(c[0], c[1], w); got != want {
				t.Errorf("outsideHasWord(%q, %q, %q) = %v, want %v", c[0], c[1], w, got, want)
			}
		}
	}
}
