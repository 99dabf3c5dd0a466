package spec

import (
	"strings"
	"testing"

	"github.com/graphdocgen/graphdocgen/parser"
)

// TestUnresolvedTypeWarnings: a type no page given defines is a warning
// at each page's use of it, naming the type; a type whose page is given
// is not.
func TestUnresolvedTypeWarnings(t *testing.T) {
	set, err := parser.Load([]string{"../generated/docs/api/event-get.md", "../generated/docs/resources/event.md"}, parser.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	doc, diags := Build(set.Pages, Options{})
	var got []string
	for _, d := range diags {
		if d.Rule == "unresolved-type" {
			if d.Severity != parser.Warning || d.Pos.Line == 0 || d.Pos.Col == 0 || d.Pos.File == "" {
				t.Errorf("not a positioned warning: %s", d)
			}
			got = append(got, d.String())
		}
	}
	all := strings.Join(got, "\n")
	for _, typ := range []string{"microsoft.graph.itemBody", "microsoft.graph.dateTimeTimeZone", "microsoft.graph.attendee"} {
		if !strings.Contains(all, "resources/event.md:") || !strings.Contains(all, "type "+typ+" is not defined") {
			t.Errorf("no warning at resources/event.md for %s:\n%s", typ, all)
		}
		if !isStub(doc.Components.Schemas[typ]) {
			t.Errorf("%s is not a stub", typ)
		}
	}
	if strings.Contains(all, "type microsoft.graph.event ") {
		t.Errorf("event is defined by resources/event.md, yet warned:\n%s", all)
	}
	for key, s := range doc.Components.Schemas {
		if isStub(s) && !strings.Contains(all, "type "+key+" ") {
			t.Errorf("stub %s has no warning", key)
		}
	}
}
