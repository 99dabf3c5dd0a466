package spec

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/graphdocgen/graphdocgen/parser"
)

// TestSplitTypeMerges: the docs split deviceManagement over several pages,
// each listing some properties; the merged schema has all of them, the
// first page's definition of a shared property wins, the later pages are
// named in x-graph-also-documented, and each merge is reported.
func TestSplitTypeMerges(t *testing.T) {
	base := link("entity")
	a := resourcePage("deviceManagement", nil,
		prop("subscriptionState", typ("String"), "State."),
		prop("settings", typ("String"), "First."))
	a.Path, a.File = "resources/intune-a-devicemanagement.md", "resources/intune-a-devicemanagement.md"
	b := resourcePage("deviceManagement", nil,
		prop("settings", typ("Int32"), "Second."),
		prop("auditEvents", coll("String"), ""))
	b.Path, b.File = "resources/intune-b-devicemanagement.md", "resources/intune-b-devicemanagement.md"
	// The base type is only on the last page: it is adopted.
	c := resourcePage("deviceManagement", &base, prop("termsAndConditions", typ("String"), ""))
	c.Path, c.File = "resources/intune-c-devicemanagement.md", "resources/intune-c-devicemanagement.md"
	entity := resourcePage("entity", nil, prop("id", typ("String"), ""))
	// Enumerations split over two pages: the members are united.
	e1 := &parser.Page{Path: "resources/enums.md", File: "resources/enums.md", Kind: parser.KindEnum, Resource: &parser.Resource{
		Enums: []parser.Enum{{Name: "dayOfWeek", Members: []parser.EnumMember{{Name: "sunday", Value: "0"}, {Name: "monday", Value: "1"}}, Pos: parser.Pos{File: "resources/enums.md", Line: 5}}}}}
	e2 := &parser.Page{Path: "resources/intune-dayofweek.md", File: "resources/intune-dayofweek.md", Kind: parser.KindEnum, Resource: &parser.Resource{
		Enums: []parser.Enum{{Name: "dayOfWeek", Members: []parser.EnumMember{{Name: "monday", Value: "1"}, {Name: "tuesday", Value: "2"}}, Pos: parser.Pos{File: "resources/intune-dayofweek.md", Line: 7}}}}}

	for _, order := range [][]*parser.Page{{a, b, c, entity, e1, e2}, {e2, c, entity, b, e1, a}} {
		doc, diags := Build(order, Options{})
		mustValid(t, doc)
		dm := doc.Components.Schemas["microsoft.graph.deviceManagement"].Value
		if len(dm.AllOf) != 2 || dm.AllOf[0].Ref != "#/components/schemas/microsoft.graph.entity" {
			t.Fatalf("base type lost: %s", jsonString(t, dm))
		}
		own := dm.AllOf[1].Value.Properties
		var names []string
		for k := range own {
			names = append(names, k)
		}
		slices.Sort(names)
		if want := []string{"auditEvents", "settings", "subscriptionState", "termsAndConditions"}; !reflect.DeepEqual(names, want) {
			t.Errorf("properties = %v, want %v", names, want)
		}
		if own["settings"].Value.Type.Is("integer") {
			t.Error("the later page's settings replaced the first page's")
		}
		also, _ := dm.Extensions[extAlso].([]string)
		if !reflect.DeepEqual(also, []string{"resources/intune-b-devicemanagement.md:10", "resources/intune-c-devicemanagement.md:10"}) {
			t.Errorf("%s = %v", extAlso, also)
		}
		day := doc.Components.Schemas["microsoft.graph.dayOfWeek"].Value
		if !reflect.DeepEqual(day.Enum, []any{"sunday", "monday", "tuesday"}) {
			t.Errorf("dayOfWeek = %v", day.Enum)
		}
		if v := asJSON(t, day.Extensions[extEnumValues]).(map[string]any); v["tuesday"] != float64(2) {
			t.Errorf("enum values = %v", v)
		}
		var merged []string
		for _, d := range diags {
			if d.Rule == "duplicate-type" {
				merged = append(merged, d.String())
			}
		}
		if len(merged) != 3 || !strings.Contains(merged[0], "resources/intune-b-devicemanagement.md:10") || !strings.Contains(merged[0], "merged: auditEvents added") ||
			!strings.Contains(merged[1], "merged: base type microsoft.graph.entity, termsAndConditions added") {
			t.Errorf("diagnostics = %q", merged)
		}
	}
}

// TestBadPropertyNameSkipped: a properties row whose name cell holds prose
// (a broken table) is skipped with a positioned warning; a name with a
// "(deprecated)" note is the name, marked deprecated.
func TestBadPropertyNameSkipped(t *testing.T) {
	p := resourcePage("deliveryOptimization", nil,
		prop("mode", typ("String"), ""),
		prop("Recommended values: 1 MB to 100,000 MB.", typ("String"), ""),
		prop("tollNumber (deprecated)", typ("String"), ""))
	p.Resource.Properties[1].Pos = parser.Pos{File: p.File, Line: 14, Col: 1}
	doc, diags := Build([]*parser.Page{p}, Options{})
	mustValid(t, doc)
	props := doc.Components.Schemas["microsoft.graph.deliveryOptimization"].Value.Properties
	if len(props) != 2 || props["mode"] == nil || props["tollNumber"] == nil || !props["tollNumber"].Value.Deprecated {
		t.Errorf("properties = %v", props)
	}
	if len(diags) != 1 || diags[0].Rule != "bad-property-name" || diags[0].Pos.Line != 14 {
		t.Errorf("diagnostics = %v", diags)
	}
}

// TestBadParamNameSkipped: the same for a request body parameter table.
func TestBadParamNameSkipped(t *testing.T) {
	p := apiPage("api/thing-update.md", "Update", "PATCH /things/{id}")
	p.Body = parser.RequestBody{Kind: parser.BodyParams, Params: []parser.Param{
		{Name: "size", Type: typ("Int32")},
		{Name: "Recommended values: 1 MB to 100,000 MB. Valid values 1 to 100000", Type: typ("String"), Pos: parser.Pos{File: p.File, Line: 40, Col: 1}},
	}}
	doc, diags := Build([]*parser.Page{p}, Options{})
	mustValid(t, doc)
	props := doc.Components.Schemas["thingUpdateRequestBody"].Value.Properties
	if len(props) != 1 || props["size"] == nil {
		t.Errorf("properties = %v", props)
	}
	if len(diags) != 1 || diags[0].Rule != "bad-param-name" || diags[0].Pos.Line != 40 {
		t.Errorf("diagnostics = %v", diags)
	}
}
