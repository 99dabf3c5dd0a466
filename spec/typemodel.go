package spec

import (
	"slices"
	"strings"

	"github.com/graphdocgen/graphdocgen/parser"
)

// Types is the resolved type model of a page set: the index Build resolves
// every type reference of the document with, for the checkers of the docs
// (package lint), so that they read a type reference as the client is
// generated from it. A nil *Types knows no type.
type Types struct {
	idx *typeIndex
	// defs are every page's definitions, by lower-case qualified name
	// (see Definitions).
	defs map[string][]Definition
}

// Definition is one page's definition of a type: the object type the page
// defines (Enum < 0), or the enumeration Page.Resource.Enums[Enum].
type Definition struct {
	Page *parser.Page
	Enum int
}

// NewTypes indexes the type definitions of pages as Build does.
func NewTypes(pages []*parser.Page) *Types {
	sorted := make([]*parser.Page, 0, len(pages))
	for _, p := range pages {
		if p != nil {
			sorted = append(sorted, p)
		}
	}
	slices.SortStableFunc(sorted, func(a, b *parser.Page) int { return strings.Compare(a.Path, b.Path) })
	ts := &Types{idx: newTypeIndex(sorted), defs: map[string][]Definition{}}
	for _, p := range sorted {
		if name, ok := ts.Defined(p); ok {
			low := strings.ToLower(name)
			d := Definition{Page: p, Enum: -1}
			if ts.idx.primary[low] == p {
				ts.defs[low] = append([]Definition{d}, ts.defs[low]...)
			} else {
				ts.defs[low] = append(ts.defs[low], d)
			}
		}
		if p.Resource == nil {
			continue
		}
		for i := range p.Resource.Enums {
			if name, ok := ts.EnumName(p, i); ok {
				low := strings.ToLower(name)
				ts.defs[low] = append(ts.defs[low], Definition{Page: p, Enum: i})
			}
		}
	}
	return ts
}

// Definitions are all the definitions of the object type or enumeration
// name (spelled as Name gives it, case ignored) that Build merges into
// its schema: for an object type the primary definition first (the one
// Type.Page is), then the others in path order; for an enumeration all
// in path order.
func (ts *Types) Definitions(name string) []Definition {
	if ts == nil {
		return nil
	}
	return ts.defs[strings.ToLower(name)]
}

// EnumName is the name of the enumeration p.Resource.Enums[i] defines, in
// p's namespace as Build names its schema ("callRecords.modality" on
// enums-callrecords.md).
func (ts *Types) EnumName(p *parser.Page, i int) (string, bool) {
	if ts == nil || p == nil || p.Resource == nil || i < 0 || i >= len(p.Resource.Enums) {
		return "", false
	}
	name := ts.idx.definedName(p, p.Resource.Enums[i].Name, "")
	if name == "" || !ts.idx.isEnum(name) {
		return "", false
	}
	return ts.idx.spelling(name), true
}

// Type is an object type a resource page defines.
type Type struct {
	// Name is the type's name below microsoft.graph, in its canonical
	// spelling: "event", "workbookRange", "callRecords.session".
	Name string
	// Page is the page holding the type's primary definition (see the
	// package doc, Merging); Page.Resource is that definition.
	Page *parser.Page
}

// FullName is the type's qualified name, its schema's key:
// "microsoft.graph.event".
func (t Type) FullName() string { return graphPrefix + t.Name }

// refName is a type reference as written or as annotated, in the form
// typeName reads: without '#' and Collection(...).
func refName(ref parser.TypeRef) parser.TypeRef {
	ref.Name = strings.TrimPrefix(strings.TrimSpace(ref.Name), "#")
	return normalizeType(ref)
}

// AnnotatedType is the type a response example's "@odata.type" names, as
// the document reads it: without '#', a collection when it says
// "Collection(...)" or the example is annotated "isCollection".
func AnnotatedType(ex *parser.Example) parser.TypeRef {
	t := refName(parser.TypeRef{Name: ex.ODataType, Raw: ex.ODataType})
	t.Collection = t.Collection || ex.IsCollection
	return t
}

// Name resolves a type reference made on page p (nil: a page of
// microsoft.graph) as Build does: a link to a resource page is that
// page's type; a name written with its namespace is that type; a bare
// name is looked up in the namespace of the linked page, of p, then of
// microsoft.graph. An annotation's value ("#microsoft.graph.event",
// "Collection(microsoft.graph.event)") names its type. ok is false for
// primitives and for names no page defines as an object type or an
// enumeration.
func (ts *Types) Name(p *parser.Page, ref parser.TypeRef) (name string, ok bool) {
	if ts == nil {
		return "", false
	}
	ref = refName(ref)
	if isPrimitive(ref) || freeForm[strings.ToLower(ref.Name)] {
		return "", false
	}
	ns := ""
	if p != nil {
		ns = ts.idx.pageNS[strings.ToLower(p.Path)]
	}
	name = ts.idx.typeName(ref, ns)
	if name == "" || !ts.idx.known(name) {
		return "", false
	}
	return ts.idx.spelling(name), true
}

// Lookup resolves a type reference made on page p (see Name) to the
// object type a resource page defines; ok is false for enumerations,
// primitives and types no page defines.
func (ts *Types) Lookup(p *parser.Page, ref parser.TypeRef) (Type, bool) {
	name, ok := ts.Name(p, ref)
	if !ok {
		return Type{}, false
	}
	return ts.named(name)
}

// named is the object type of a qualified name the index knows.
func (ts *Types) named(name string) (Type, bool) {
	pg := ts.idx.primary[strings.ToLower(name)]
	if pg == nil || pg.Resource == nil {
		return Type{}, false
	}
	return Type{Name: ts.idx.spelling(name), Page: pg}, true
}

// Base is t's base type ("Inherits from" on its primary page, resolved in
// that page's namespace); ok is false when it has none or no page defines
// it.
func (ts *Types) Base(t Type) (Type, bool) {
	if ts == nil {
		return Type{}, false
	}
	b, ok := ts.idx.bases[strings.ToLower(t.Name)]
	if !ok {
		return Type{}, false
	}
	name := ts.idx.typeName(b.t, b.ns)
	if !ts.idx.known(name) {
		return Type{}, false
	}
	return ts.named(name)
}

// Defined is the object type resource page p defines, by its page path;
// ok is false when p is no resource page of the set or defines none.
func (ts *Types) Defined(p *parser.Page) (name string, ok bool) {
	if ts == nil || p == nil {
		return "", false
	}
	name, ok = ts.idx.byPage[strings.ToLower(p.Path)]
	if !ok || ts.idx.isEnum(name) {
		return "", false
	}
	return ts.idx.spelling(name), true
}
