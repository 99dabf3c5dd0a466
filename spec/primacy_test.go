package spec

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/graphdocgen/graphdocgen/parser"
)

// at moves a resource page to another path, keeping its positions in it.
func at(p *parser.Page, path, title string) *parser.Page {
	p.Path, p.File = path, path
	p.Title.Value = title
	p.Resource.Pos.File = path
	return p
}

func ownNames(t *testing.T, s map[string]any) []string {
	t.Helper()
	var out []string
	for k := range s {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestPrimaryDefinitionByFileStem: intune-devices-user.md comes before
// user.md in path order and defines user again (title "user resource
// type", no base type, a property of its own). The primary definition is
// user.md's, whose stem is the type name: its description, base type,
// source and its own version of a shared property; the other page only
// adds what user.md lacks. Whatever the order the pages come in.
func TestPrimaryDefinitionByFileStem(t *testing.T) {
	mk := func() []*parser.Page {
		dirObj := link("directoryObject")
		intune := at(resourcePage("user", nil,
			prop("deviceEnrollmentLimit", typ("Int32"), "Intune."),
			prop("displayName", typ("Int32"), "Intune's version.")),
			"resources/intune-devices-user.md", "user resource type")
		intune.Description.Value = "Not yet documented"
		user := resourcePage("user", &dirObj,
			prop("displayName", typ("String"), "The name."),
			prop("mail", typ("String"), ""))
		user.Resource.Pos.Line = 12
		other := at(resourcePage("user", nil, prop("zzz", typ("String"), "")), "resources/zz-user.md", "user resource type")
		dir := resourcePage("directoryObject", nil, prop("id", typ("String"), ""))
		return []*parser.Page{intune, user, other, dir}
	}
	for _, rev := range []bool{false, true} {
		pages := mk()
		if rev {
			slices.Reverse(pages)
		}
		doc, diags := Build(pages, Options{})
		mustValid(t, doc)
		u := doc.Components.Schemas["microsoft.graph.user"].Value
		if u.Description != "A user." || u.Extensions[extSource] != "resources/user.md:12" {
			t.Errorf("description/source = %q / %v, want user.md's", u.Description, u.Extensions[extSource])
		}
		if len(u.AllOf) != 2 || u.AllOf[0].Ref != "#/components/schemas/microsoft.graph.directoryObject" {
			t.Fatalf("base type: %s", jsonString(t, u))
		}
		own := u.AllOf[1].Value.Properties
		names := ownNames(t, asJSON(t, own).(map[string]any))
		if want := []string{"deviceEnrollmentLimit", "displayName", "mail", "zzz"}; !reflect.DeepEqual(names, want) {
			t.Errorf("properties = %v, want %v", names, want)
		}
		if !own["displayName"].Value.Type.Is("string") {
			t.Errorf("displayName from the intune page: %s", jsonString(t, own["displayName"]))
		}
		also, _ := u.Extensions[extAlso].([]string)
		if want := []string{"resources/intune-devices-user.md:10", "resources/zz-user.md:10"}; !reflect.DeepEqual(also, want) {
			t.Errorf("%s = %v, want %v", extAlso, also, want)
		}
		var dups []string
		for _, d := range diags {
			if d.Rule == "duplicate-type" {
				dups = append(dups, d.String())
			}
		}
		if len(dups) != 2 || !strings.HasPrefix(dups[0], "resources/intune-devices-user.md:10:") ||
			!strings.Contains(dups[0], "also defined at resources/user.md:12; merged: deviceEnrollmentLimit added") ||
			!strings.HasPrefix(dups[1], "resources/zz-user.md:10:") {
			t.Errorf("diagnostics = %q", dups)
		}
	}
}

// TestPrimaryDefinitionByTitle: when no page's stem is the type name, the
// page titled "NAME resource type" is primary, and its spelling of the
// name is the one every $ref uses; else the first page in path order.
func TestPrimaryDefinitionByTitle(t *testing.T) {
	first := at(resourcePage("WidgetThing", nil, prop("a", typ("String"), "")), "resources/a-widgets.md", "Widgets in A")
	first.Description.Value = "First."
	titled := at(resourcePage("widgetThing", nil, prop("b", typ("String"), "")), "resources/b-widgets.md", "widgetThing resource type")
	titled.Description.Value = "Titled."
	user := apiPage("api/widget-get.md", "Get widget", "GET /widgets/{id}")
	user.Response = parser.Response{Kind: parser.RespObject, Statuses: []int{200}, Type: typ("WIDGETTHING")}
	doc, _ := Build([]*parser.Page{user, titled, first}, Options{})
	mustValid(t, doc)
	s := doc.Components.Schemas["microsoft.graph.widgetThing"]
	if s == nil || s.Value.Description != "Titled." || s.Value.Extensions[extSource] != "resources/b-widgets.md:10" {
		t.Fatalf("schemas = %v", sortedKeys(doc.Components.Schemas))
	}
	if _, ok := doc.Components.Schemas["microsoft.graph.WidgetThing"]; ok {
		t.Error("the first page's spelling is kept too")
	}
	ref := op(t, doc, "/widgets/{widgetId}", "GET").Responses.Value("200").Value.Content["application/json"].Schema.Ref
	if ref != "#/components/schemas/microsoft.graph.widgetThing" {
		t.Errorf("response $ref = %s", ref)
	}

	for _, tc := range []struct {
		page, title, name string
		want              int
	}{
		{"resources/user.md", "user resource type", "user", primaryByFile},
		{"resources/User.md", "", "microsoft.graph.user", primaryByFile},
		{"resources/callrecords-session.md", "session resource type", "callRecords.session", primaryByFile},
		{"resources/intune-devices-user.md", "user  resource type", "user", primaryByTitle},
		{"resources/intune-devices-user.md", "user resource", "user", primaryNone},
		{"resources/enums.md", "Enum values", "dayOfWeek", primaryNone},
	} {
		if got := primacy(tc.page, tc.title, tc.name); got != tc.want {
			t.Errorf("primacy(%q, %q, %q) = %d, want %d", tc.page, tc.title, tc.name, got, tc.want)
		}
	}
}
