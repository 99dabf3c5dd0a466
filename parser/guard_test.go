package parser

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestNestingScan(t *testing.T) {
	for _, c := range []struct {
		name, src string
		depth     int
	}{
		{"flat", "# x\n\ntext\n- a\n- b\n", 1},
		{"quotes", strings.Repeat(">", 40) + " x\n", 40},
		{"markers on one line", strings.Repeat("- ", 50) + "x\n", 50},
		{"ordered", "1. 2) 3. x\n", 3},
		{"indentation", strings.Repeat(" ", 80) + "x\n", 40},
		{"fenced code is not nesting", "```json\n" + strings.Repeat(" ", 200) + "{}\n```\n- a\n", 1},
		{"indented fence", "- a\n  ```\n" + strings.Repeat(" ", 200) + "}\n  ```\n", 1},
	} {
		if _, d := nesting([]byte(c.src)); d != c.depth {
			t.Errorf("%s: depth %d, want %d", c.name, d, c.depth)
		}
	}
}

// TestGuardsBeforeGoldmark: pages the guards refuse are skipped quickly
// with a positioned error, and a page just inside them parses.
func TestGuardsBeforeGoldmark(t *testing.T) {
	deepQuotes := "# x\n\n" + strings.Repeat(strings.Repeat("> ", MaxNesting+1)+"x\n", 20000)
	deepIndent := "# x\n\n" + strings.Repeat(strings.Repeat("  ", MaxNesting+1)+"- x\n", 20000)
	for name, c := range map[string]struct{ src, want string }{
		"quotes": {deepQuotes, "x.md:3:1: error: page nests 33 levels deep"},
		"indent": {deepIndent, "x.md:3:1: error: page nests 34 levels deep"},
		"utf8":   {"# x\n\nok \xc3(\n", "x.md:3:4: error: page invalid UTF-8 (byte 0xc3)"},
		"size":   {strings.Repeat("a", MaxPageSize+1), "x.md:1:1: error: page is " + strconv.Itoa(MaxPageSize+1) + " bytes, larger than the limit"},
	} {
		start := time.Now()
		p, ds := Parse(nil, "api/x.md", "x.md", []byte(c.src))
		if len(ds) != 1 || !strings.HasPrefix(ds[0].String(), c.want) || p.Kind != KindOther {
			t.Errorf("%s: %v", name, ds)
		}
		t.Logf("%s: %v", name, time.Since(start))
	}
	// the BOM goes, and positions are those of the text after it
	_, ds := Parse(nil, "api/x.md", "x.md", []byte("\ufeff# x\n\nab\xff\n"))
	if len(ds) != 1 || !strings.HasPrefix(ds[0].String(), "x.md:3:3: error: page invalid UTF-8") {
		t.Errorf("BOM: %v", ds)
	}
}

func TestPathLimits(t *testing.T) {
	long := "/me" + strings.Repeat("/events", MaxPathSegments)
	src := "---\ndoc_type: apiPageType\n---\n# x\n\n## HTTP request\n\n```http\nGET /me/events\nGET " + long + "\n```\n"
	p, ds := Parse(nil, "api/x.md", "x.md", []byte(src))
	found := false
	for _, d := range ds {
		if d.Rule == "path-too-long" && d.Pos.Line == 10 && strings.Contains(d.Message, "65 segments") {
			found = true
		}
	}
	if !found {
		t.Errorf("no path-too-long warning: %v", ds)
	}
	if len(p.Requests) != 1 || len(p.Requests[0].Lines) != 1 {
		t.Errorf("requests %+v, want only GET /me/events", p.Requests)
	}
}

// TestPropertyNamesNotDroppedSilently: a property row whose name is only
// markup ("_", "__", an empty code span) is a positioned warning.
func TestPropertyNamesNotDroppedSilently(t *testing.T) {
	src := "---\ndoc_type: resourcePageType\n---\n# widget resource type\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|Kept.|\n|_|String|One.|\n|__|String|Two.|\n|``|String|Empty.|\n"
	p, ds := Parse(nil, "resources/widget.md", "f.md", []byte(src))
	var lines []int
	for _, d := range ds {
		if d.Rule == "bad-property-name" {
			lines = append(lines, d.Pos.Line)
		}
	}
	if len(lines) != 3 || lines[0] != 11 || lines[2] != 13 {
		t.Errorf("bad-property-name warnings on lines %v, want 11, 12, 13: %v", lines, ds)
	}
	if p.Resource == nil || len(p.Resource.Properties) != 1 {
		t.Errorf("properties: %+v", p.Resource)
	}
}
