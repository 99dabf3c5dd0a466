package spec

import (
	"strings"
	"testing"

	"github.com/graphdocgen/graphdocgen/internal/fuzzseed"
	"github.com/graphdocgen/graphdocgen/parser"
)

// FuzzFragment: the spec build of any one page (parsed first) does not
// panic, gives diagnostics positioned in the page, and a document that
// marshals. Inputs are bounded and seeded as for parser.FuzzParse.
func FuzzFragment(f *testing.F) {
	for _, s := range fuzzseed.Pages("../generated/docs") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > fuzzseed.MaxInput {
			return
		}
		for _, name := range []string{"api/x.md", "resources/x.md"} {
			p, _ := parser.Parse(nil, name, "f.md", src)
			doc, ds := Fragment(p, Options{})
			for _, d := range ds {
				if d.Pos.File != "f.md" && d.Pos.File != "" {
					t.Errorf("diagnostic outside the page: %v", d)
				}
			}
			if doc == nil {
				t.Fatal("nil document")
			}
			if _, err := Marshal(doc, "json"); err != nil {
				t.Fatalf("document does not marshal: %v", err)
			}
		}
	})
}

// TestQueryNamesDifferingInCase: a query parameter AB next to aB is a
// warning, not dropped silently.
func TestQueryNamesDifferingInCase(t *testing.T) {
	src := "---\ndoc_type: apiPageType\n---\n# List widgets\n\n## HTTP request\n\n```http\nGET /widgets\n```\n\n## Optional query parameters\n\n|Name|Type|Description|\n|:--|:--|:--|\n|AB|String|Upper.|\n|aB|String|Lower.|\n\n## Response\n\nIf successful, this method returns a `200 OK` response code.\n"
	p, _ := parser.Parse(nil, "api/widget-list.md", "f.md", []byte(src))
	_, ds := Fragment(p, Options{})
	for _, d := range ds {
		if d.Rule == "duplicate-parameter" && d.Pos.Line == 17 && strings.Contains(d.Message, `"aB" differs from "AB" in case only`) {
			return
		}
	}
	t.Errorf("no warning for aB: %v", ds)
}
