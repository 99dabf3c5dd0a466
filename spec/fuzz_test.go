package spec

import (
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
