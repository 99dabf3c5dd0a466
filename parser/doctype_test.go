package parser

import (
	"strings"
	"testing"
)

func TestDocTypeSpellings(t *testing.T) {
	page := func(docType string) string {
		return "---\ntitle: \"widget resource type\"\ndoc_type: " + docType + "\n---\n\n# widget resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|size|Int32|How big it is.|\n"
	}
	for _, c := range []struct {
		docType string
		kind    PageKind
		warn    bool
	}{
		{"resourcePageType", KindResource, false},
		{`"resourcePageType"`, KindResource, false},
		{"resourcePageType_", KindResource, true},
		{"ResourcePageType", KindResource, true},
		{"enumTypes", KindEnum, true},
		{"conceptualPageType", KindOther, false},
	} {
		p, diags := Parse(nil, "resources/widget.md", "resources/widget.md", []byte(page(c.docType)))
		if p.Kind != c.kind {
			t.Errorf("doc_type %s: kind %q, want %q", c.docType, p.Kind, c.kind)
		}
		warned := strings.Contains(diags.Error(), "[doc-type-spelling]")
		if warned != c.warn {
			t.Errorf("doc_type %s: spelling warning %v, want %v (%v)", c.docType, warned, c.warn, diags)
		}
		if warned && !strings.Contains(diags.Error(), "resources/widget.md:3:1") {
			t.Errorf("doc_type %s: warning not at the doc_type line: %v", c.docType, diags)
		}
		if c.kind == KindResource && (p.Resource == nil || len(p.Resource.Properties) != 1) {
			t.Errorf("doc_type %s: properties not read", c.docType)
		}
	}
}
