package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/graphdocgen/graphdocgen/pipeline"
)

// A property the response example shows but the resource table does not
// list is reported as drift, at its line in the example.
func TestDrift(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("resources/widget.md", "---\ntitle: \"widget resource type\"\ndoc_type: resourcePageType\n---\n\n# widget resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|id|String|The identifier.|\n|size|Int32|How big it is.|\n")
	write("api/widget-get.md", "---\ntitle: \"Get widget\"\ndoc_type: apiPageType\n---\n\n# Get widget\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n```http\nGET /widgets/{id}\n```\n\n## Request body\n\nDon't supply a request body for this method.\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object in the response body.\n\n## Examples\n\n### Request\n\n<!-- { \"blockType\": \"request\", \"name\": \"get_widget\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/widgets/42\n```\n\n### Response\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.widget\" } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\n  \"id\": \"42\",\n  \"size\": 3,\n  \"colour\": \"blue\"\n}\n```\n")
	res, err := pipeline.Build([]string{dir}, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := Compute(res)
	if len(r.Drift) != 1 {
		t.Fatalf("drift = %q, want one entry for colour", r.Drift)
	}
	want := filepath.Join(dir, "api", "widget-get.md") + ":43:3:"
	if !strings.HasPrefix(r.Drift[0], want) || !strings.Contains(r.Drift[0], `"colour"`) {
		t.Errorf("drift = %q, want it at %s naming colour", r.Drift[0], want)
	}
	var b strings.Builder
	if err := r.WriteText(&b, 5); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "drift              1 example properties") {
		t.Errorf("text report lacks the drift line:\n%s", b.String())
	}
}
