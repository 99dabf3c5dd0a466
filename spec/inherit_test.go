package spec

import (
	"reflect"
	"testing"

	"github.com/graphdocgen/graphdocgen/parser"
)

// TestRestatedInheritedDropped: a derived type's page that lists inherited
// properties again ("Inherited from entity.") does not restate them in its
// own part of allOf when its row says no more than the base's
// declaration, its description aside: the same type, or String where the
// base declares an enumeration. A row that says otherwise (not nullable,
// not read-only) is kept and overrides the base's.
func TestRestatedInheritedDropped(t *testing.T) {
	entity := resourcePage("entity", nil, prop("id", typ("String"), "The identifier. Read-only."))
	base := link("entity")
	item := resourcePage("item", &base,
		prop("type", link("attendeeType"), "The kind."),
		prop("parent", link("item"), "The item above."),
		prop("name", typ("String"), "The name."))
	itemBase := link("item")
	special := resourcePage("special", &itemBase,
		prop("id", typ("String"), "The special's identifier. Inherited from entity. Read-only."),
		prop("type", typ("String"), "The kind. Inherited from item."),
		prop("parent", link("item"), "Inherited from item."),
		prop("name", typ("String"), "The name. Not nullable."),
		prop("code", typ("String"), "Its own."))
	draft := resourcePage("draft", &base, prop("id", typ("String"), "Set by the client."))
	enum := &parser.Page{Path: "resources/enums.md", File: "resources/enums.md", Kind: parser.KindEnum, Resource: &parser.Resource{
		Enums: []parser.Enum{{Name: "attendeeType", Members: []parser.EnumMember{{Name: "required"}, {Name: "optional"}}, Pos: parser.Pos{File: "resources/enums.md", Line: 5}}}}}

	for _, order := range [][]*parser.Page{{entity, item, special, draft, enum}, {draft, special, enum, item, entity}} {
		doc, _ := Build(order, Options{})
		mustValid(t, doc)
		for name, want := range map[string][]string{
			"microsoft.graph.special": {"code", "name"},
			"microsoft.graph.draft":   {"id"},
			"microsoft.graph.item":    {"name", "parent", "type"},
		} {
			s := doc.Components.Schemas[name].Value
			if len(s.AllOf) != 2 || s.AllOf[1].Value == nil {
				t.Fatalf("%s: not allOf [base, own]: %s", name, jsonString(t, s))
			}
			if got := sortedKeys(s.AllOf[1].Value.Properties); !reflect.DeepEqual(got, want) {
				t.Errorf("%s own properties = %v, want %v", name, got, want)
			}
		}
		own := doc.Components.Schemas["microsoft.graph.special"].Value.AllOf[1].Value.Properties
		if own["name"].Value.Nullable {
			t.Errorf("the kept row is not the page's: %s", jsonString(t, own["name"]))
		}
	}
}
