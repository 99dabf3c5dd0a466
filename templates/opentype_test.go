package templates

import (
	"regexp"
	"strings"
	"testing"

	"github.com/graphdocgen/graphdocgen/xgraph"
)

// The generated test's "no key of the example is a property of the type"
// check is left out for an open type (its example may hold only
// properties of its own), as spec's fit check leaves such examples in.
func TestOpenTypeNoUnknownKeysCheck(t *testing.T) {
	counts := func(open bool) []string {
		doc := loadDoc(t, "calendar.yaml")
		if open {
			ev := doc.Components.Schemas["microsoft.graph.event"].Value
			xgraph.WriteSchema(ev, xgraph.Schema{OpenType: true})
		}
		files, err := Generate(doc, Options{Package: "graph"})
		if err != nil {
			t.Fatal(err)
		}
		var all strings.Builder
		for name, b := range files {
			if strings.HasSuffix(name, "_test.go") {
				all.Write(b)
			}
		}
		var out []string
		for _, m := range regexp.MustCompile(`opsCheckTyped\(t, got\.AdditionalProperties, "Event", (\d+)`).FindAllStringSubmatch(all.String(), -1) {
			out = append(out, m[1])
		}
		return out
	}
	closed := counts(false)
	if len(closed) == 0 || closed[0] == "0" {
		t.Fatalf("no Event result checked with its example's key count: %v", closed)
	}
	for _, n := range counts(true) {
		if n != "0" {
			t.Errorf("open type checked for unknown keys (n = %s)", n)
		}
	}
}
