package spec

import (
	"path"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/parser"
)

// primitive maps a Graph primitive type name (lower case, without "Edm.")
// to its OpenAPI type and format.
var primitives = map[string][2]string{
	"string":         {"string", ""},
	"boolean":        {"boolean", ""},
	"bool":           {"boolean", ""},
	"int32":          {"integer", "int32"},
	"int16":          {"integer", "int32"},
	"int":            {"integer", "int32"},
	"integer":        {"integer", "int32"},
	"byte":           {"integer", "int32"},
	"sbyte":          {"integer", "int32"},
	"int64":          {"integer", "int64"},
	"long":           {"integer", "int64"},
	"double":         {"number", "double"},
	"single":         {"number", "float"},
	"float":          {"number", "float"},
	"decimal":        {"number", "decimal"},
	"number":         {"number", ""},
	"datetimeoffset": {"string", "date-time"},
	"datetime":       {"string", "date-time"},
	"date":           {"string", "date"},
	"timeofday":      {"string", "time"},
	"duration":       {"string", "duration"},
	"guid":           {"string", "uuid"},
	"uuid":           {"string", "uuid"},
	"binary":         {"string", "base64"},
	"stream":         {"string", "binary"},
}

// freeForm are type names the docs use for "any JSON value".
var freeForm = map[string]bool{"object": true, "any": true, "json object": true, "untyped": true}

// primitiveSchema returns the schema of a primitive Graph type name, or
// nil when name is not a primitive.
func primitiveSchema(name string) *openapi3.Schema {
	n := strings.ToLower(strings.TrimSpace(name))
	n = strings.TrimPrefix(n, "edm.")
	t, ok := primitives[n]
	if !ok {
		return nil
	}
	return &openapi3.Schema{Type: &openapi3.Types{t[0]}, Format: t[1]}
}

// isPrimitive reports whether a type reference names a primitive type.
func isPrimitive(t parser.TypeRef) bool {
	return primitiveSchema(t.Name) != nil && t.Link == ""
}

// typeIndex knows the type names of the whole page set: the name each
// resource page defines (by page path) and the canonical spelling of every
// type name (by lower-case name). A nil index knows nothing.
type typeIndex struct {
	byPage map[string]string // "resources/recipient.md" -> "recipient"
	canon  map[string]string // "itembody" -> "itemBody"
	// enums and objects hold the lower-case names pages define as
	// enumerations and as object types.
	enums, objects map[string]bool
}

// isEnum reports whether name (a schema name without namespace) is an
// enumeration and not also an object type.
func (idx *typeIndex) isEnum(name string) bool {
	if idx == nil {
		return false
	}
	low := strings.ToLower(name)
	return idx.enums[low] && !idx.objects[low]
}

// newTypeIndex indexes the resource and enum pages, in page-path order:
// the page holding a type's primary definition (see primacy) decides its
// spelling, the first one in path order among equals.
func newTypeIndex(pages []*parser.Page) *typeIndex {
	idx := &typeIndex{byPage: map[string]string{}, canon: map[string]string{}, enums: map[string]bool{}, objects: map[string]bool{}}
	rank := map[string]int{}
	spell := func(p *parser.Page, name string) {
		low := strings.ToLower(name)
		r := primacy(p.Path, p.Title.Value, name)
		if old, ok := rank[low]; !ok || r < old {
			rank[low] = r
			idx.canon[low] = name
		}
	}
	for _, p := range pages {
		if p == nil || p.Resource == nil {
			continue
		}
		r := p.Resource
		name := bareName(r.Name)
		if p.Kind == parser.KindResource && name != "" {
			idx.byPage[p.Path] = name
			idx.objects[strings.ToLower(name)] = true
			spell(p, name)
		}
		for _, e := range r.Enums {
			en := bareName(e.Name)
			if en == "" {
				continue
			}
			if p.Kind == parser.KindEnum && len(r.Enums) == 1 {
				idx.byPage[p.Path] = en
			}
			idx.enums[strings.ToLower(en)] = true
			spell(p, en)
		}
	}
	return idx
}

// Primacy ranks, lower first.
const (
	primaryByFile  = iota // the page's file stem is the type name
	primaryByTitle        // the page's title is "NAME resource type"
	primaryNone           // any other page
)

// primacy ranks page (a docs-root relative path such as
// "resources/user.md") as the home of type name (with or without the
// microsoft.graph namespace): primaryByFile when the file stem is the name
// without regard to case ("resources/user.md" for user,
// "resources/callrecords-session.md" for callRecords.session),
// primaryByTitle when title is "NAME resource type", else primaryNone. The
// docs redefine core types on other pages (intune-devices-user.md defines
// user again with the properties Intune adds); the primary page's
// definition is the one the others add to.
func primacy(page, title, name string) int {
	name = bareName(name)
	stem := strings.TrimSuffix(path.Base(page), path.Ext(page))
	if name != "" && (strings.EqualFold(stem, name) || strings.EqualFold(stem, strings.ReplaceAll(name, ".", "-"))) {
		return primaryByFile
	}
	if t := strings.Join(strings.Fields(title), " "); name != "" && strings.EqualFold(t, name+" resource type") {
		return primaryByTitle
	}
	return primaryNone
}

// bareName strips the microsoft.graph namespace from a type name.
func bareName(name string) string {
	name = strings.TrimSpace(name)
	if len(name) > len(graphPrefix) && strings.EqualFold(name[:len(graphPrefix)], graphPrefix) {
		return name[len(graphPrefix):]
	}
	return name
}

// typeName resolves a complex type reference to the name its schema is
// keyed by (without namespace): the name of the resource page its link
// points to when that page is known, else the name as written (or the
// link's file name when no name was written); the spelling is the
// canonical one when the index knows the name.
func (idx *typeIndex) typeName(t parser.TypeRef) string {
	name := bareName(t.Name)
	link := t.Link
	if i := strings.IndexByte(link, '#'); i >= 0 {
		link = "" // an anchor in a page of several types (enums.md#x)
	}
	if idx != nil && link != "" {
		if n, ok := idx.byPage[link]; ok {
			name = n
		}
	}
	if name == "" && link != "" {
		base := path.Base(link)
		name = strings.TrimSuffix(base, path.Ext(base))
	}
	if idx != nil {
		if c, ok := idx.canon[strings.ToLower(name)]; ok {
			name = c
		}
	}
	return name
}

// normalizeType reads the OData collection syntax
// ("Collection(microsoft.graph.permission)") and drops a parenthetical
// after a name ("string (timestamp)").
func normalizeType(t parser.TypeRef) parser.TypeRef {
	name := strings.TrimSpace(t.Name)
	if inner, ok := strings.CutPrefix(name, "Collection("); ok && strings.HasSuffix(inner, ")") {
		t.Name = strings.TrimSuffix(inner, ")")
		t.Collection = true
		return t
	}
	if i := strings.Index(name, " ("); i > 0 && strings.HasSuffix(name, ")") {
		t.Name = name[:i]
	}
	return t
}
