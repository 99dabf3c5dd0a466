package spec

import (
	"bytes"
	"path"
	"strings"
	"sync"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/graphpath"
	"github.com/graphdocgen/graphdocgen/internal/asciifold"
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
	t, ok := primitiveType(name)
	if !ok {
		return nil
	}
	return &openapi3.Schema{Type: sharedTypes(t[0]), Format: t[1]}
}

// The Types of the schemas Build makes most (primitives, arrays, objects,
// stubs) are shared: nothing changes a schema's Types in place (a change
// gives the schema other Types), and each was an allocation of its own.
var (
	typesString  = &openapi3.Types{"string"}
	typesInteger = &openapi3.Types{"integer"}
	typesNumber  = &openapi3.Types{"number"}
	typesBoolean = &openapi3.Types{"boolean"}
	typesObject  = &openapi3.Types{"object"}
	typesArray   = &openapi3.Types{"array"}
)

// sharedTypes is the shared Types of the one type t.
func sharedTypes(t string) *openapi3.Types {
	switch t {
	case "string":
		return typesString
	case "integer":
		return typesInteger
	case "number":
		return typesNumber
	case "boolean":
		return typesBoolean
	case "object":
		return typesObject
	case "array":
		return typesArray
	}
	return &openapi3.Types{t}
}

// primitiveType is the OpenAPI type and format of a primitive type name.
func primitiveType(name string) ([2]string, bool) {
	var buf [32]byte
	n := asciifold.AppendLower(buf[:0], strings.TrimSpace(name))
	t, ok := primitives[string(bytes.TrimPrefix(n, []byte("edm.")))]
	return t, ok
}

// appendQualifiedLower appends the lower case of qualify(ns, short) to b.
func appendQualifiedLower(b []byte, ns, short string) []byte {
	if ns != "" {
		b = append(asciifold.AppendLower(b, ns), '.')
	}
	return asciifold.AppendLower(b, short)
}

// isPrimitive reports whether a type reference names a primitive type
// (without building its schema: it is asked for every type reference).
func isPrimitive(t parser.TypeRef) bool {
	_, ok := primitiveType(t.Name)
	return ok && t.Link == ""
}

// typeIndex knows the type names of the whole page set. Names are
// qualified below microsoft.graph: "event" for microsoft.graph.event,
// "callRecords.session" for microsoft.graph.callRecords.session. The index
// holds the name each resource page defines (by page path), the namespace
// of every page (by page path), the canonical spelling of every type name
// and every namespace (by lower-case name). A nil index knows nothing.
type typeIndex struct {
	// byPage and pageNS are keyed by the lower-case page path: a link's
	// case need not be the file's (the docs site ignores it:
	// "../resources/identityApiConnector.md" is identityapiconnector.md).
	byPage map[string]string // "resources/recipient.md" -> "recipient"
	pageNS map[string]string // "resources/callrecords-session.md" -> "callRecords"
	canon  map[string]string // "itembody" -> "itemBody", "callrecords.modality" -> "callRecords.modality"
	// alias maps the name a resource page's heading gives, when its
	// @odata.type names the type otherwise, to that type ("range" ->
	// "workbookRange"), for references that write the heading's name
	// without a link. A name that is also a type's own is no alias.
	alias  map[string]string
	nsName map[string]string // "termstore" -> "termStore"
	// enums and objects hold the lower-case qualified names pages define
	// as enumerations and as object types.
	enums, objects map[string]bool
	// props holds the properties each resource type declares (by
	// lower-case qualified type name, then lower-case property name), as
	// written on its primary page, and bases its base type, for
	// reading request body tables against the resource (see bodyRowType).
	props map[string]map[string]declared
	bases map[string]declared
	// primary holds the page of each resource type's primary definition,
	// the one props and bases are read from (see Types).
	primary map[string]*parser.Page
	// shared are the shared components of the fragments built with this
	// index (see sharedParts).
	shared *sharedParts
	// paths is what the request lines of the pages address, for telling
	// a bound action from a navigation (see boundAction).
	paths addresses
}

// addresses is what the request lines of all pages address: the paths
// they name and the segment names they continue past.
type addresses struct {
	// named holds the graphpath.Identity of every request line's path.
	named map[string]bool
	// continued holds the lower-case names of the segments a request
	// line continues past ("events" in /me/events/{id}), and of segments
	// written with a key (items('{id}')).
	continued map[string]bool
	// props holds the lower-case names of the properties and
	// relationships any resource page declares.
	props map[string]bool
}

// add records the request lines of page p.
func (a *addresses) add(p *parser.Page) {
	// The names recur (id, displayName, events): each is looked up
	// lowered on the stack, and made a string only when new.
	var buf [64]byte
	set := func(m map[string]bool, name string) {
		if low := asciifold.AppendLower(buf[:0], name); len(low) > 0 && !m[string(low)] {
			m[string(low)] = true
		}
	}
	if p.Resource != nil {
		for _, props := range [][]parser.Property{p.Resource.Properties, p.Resource.Relationships} {
			for _, pr := range props {
				set(a.props, strings.TrimSpace(pr.Name))
			}
		}
	}
	var ib [256]byte
	for _, sec := range p.Requests {
		for _, line := range sec.Lines {
			if k := appendLineIdentity(ib[:0], line.Segments); !a.named[string(k)] {
				a.named[string(k)] = true
			}
			for i, s := range line.Segments {
				if i < len(line.Segments)-1 || s.Kind == parser.SegKey {
					if name := s.BaseName(); name != "" {
						set(a.continued, name)
					} else {
						a.continued[""] = true
					}
				}
			}
		}
	}
}

// appendLineIdentity appends the graphpath.Identity of the path segs
// spell to b (the path spelled in a buffer of the stack when it fits:
// each line made three strings, and most identities are met before).
func appendLineIdentity(b []byte, segs []parser.Segment) []byte {
	var pb [256]byte
	path := pb[:0]
	for _, s := range segs {
		path = append(append(path, '/'), s.Raw...)
	}
	return graphpath.AppendIdentity(b, path)
}

// boundAction reports whether the last of segs, a literal segment of a
// POST request line, is a bound action by what the docs address: no
// request line continues past a segment of its name (a navigation is
// addressed further: /me/events/{id}), no resource page declares a
// property of its name, and the path before it is an address some
// request line names (/domains/{id} for /domains/{id}/forceDelete), so
// the segment is something done to a documented resource rather than a
// path the docs know nothing else about.
func (idx *typeIndex) boundAction(segs []parser.Segment) bool {
	if idx == nil || len(segs) < 2 {
		return false
	}
	last := segs[len(segs)-1]
	name := strings.ToLower(last.Name)
	if last.Kind != parser.SegLiteral || last.IsSystem() || last.IsCast() || !isIdentifier(name) {
		return false
	}
	var ib [256]byte
	return !idx.paths.continued[name] && !idx.paths.props[name] && idx.paths.named[string(appendLineIdentity(ib[:0], segs[:len(segs)-1]))]
}

// isIdentifier reports whether s is letters and digits, starting with a
// letter.
func isIdentifier(s string) bool {
	for i, r := range s {
		if !unicode.IsLetter(r) && (i == 0 || !unicode.IsDigit(r)) {
			return false
		}
	}
	return s != ""
}

// isEnum reports whether name (a qualified schema name without
// microsoft.graph) is an enumeration and not also an object type.
func (idx *typeIndex) isEnum(name string) bool {
	if idx == nil {
		return false
	}
	var buf [128]byte
	low := asciifold.AppendLower(buf[:0], name) // looked up without a lowered string
	return idx.enums[string(low)] && !idx.objects[string(low)]
}

// newTypeIndex indexes the resource and enum pages, in page-path order:
// the page holding a type's primary definition (see primacy) decides its
// spelling, the first one in path order among equals. A namespace is
// spelled as most pages spell it (the first such spelling in sorted order
// among equals), so "termstore" on one page and "termStore" on many are
// one namespace, termStore.
func newTypeIndex(pages []*parser.Page) *typeIndex {
	// The maps are sized for what the docs hold a page (on v1.0 and
	// beta: a request-line path for every 2 pages, a type for every 3 to
	// 2.5, a property name for every 1.1 to 1.05), as they grew a dozen
	// times each.
	n := len(pages)
	idx := &typeIndex{
		byPage: make(map[string]string, n/2), pageNS: make(map[string]string, n), canon: make(map[string]string, n/2),
		nsName: map[string]string{}, alias: map[string]string{},
		props: make(map[string]map[string]declared, n/3), bases: map[string]declared{},
		primary: make(map[string]*parser.Page, n/3),
		enums:   make(map[string]bool, n/8), objects: make(map[string]bool, n/3),
		shared: newShared(),
		paths: addresses{named: make(map[string]bool, n/2), continued: map[string]bool{},
			props: make(map[string]bool, n)},
	}
	// What the request lines address, beside the rest: it reads only the
	// pages, and is half the index's time.
	var addressed sync.WaitGroup
	addressed.Go(func() {
		for _, p := range pages {
			if p != nil {
				idx.paths.add(p)
			}
		}
	})
	defer addressed.Wait()
	// Namespace spellings, by count.
	count := map[string]int{}
	for _, p := range pages {
		if p == nil {
			continue
		}
		for _, ns := range []string{namespaceLine(p), resourceNamespace(p)} {
			if ns != "" {
				count[ns]++
			}
		}
	}
	for _, ns := range sortedKeys(count) {
		low := strings.ToLower(ns)
		if best, ok := idx.nsName[low]; !ok || count[ns] > count[best] {
			idx.nsName[low] = ns
		}
	}
	rank := make(map[string]int, n/2)
	propRank := make(map[string]int, n/3)
	// spell records name (low in lower case) as the spelling of page p,
	// which ranks r as its home (primacy).
	spell := func(low, name string, r int) {
		if old, ok := rank[low]; !ok || r < old {
			rank[low] = r
			idx.canon[low] = name
		}
	}
	for _, p := range pages {
		if p == nil {
			continue
		}
		lowPath := strings.ToLower(p.Path)
		idx.pageNS[lowPath] = idx.pageNamespace(p)
		if p.Resource == nil {
			continue
		}
		r := p.Resource
		if p.Kind == parser.KindResource {
			if name := idx.definedName(p, r.Name, r.ODataType); name != "" {
				idx.byPage[lowPath] = name
				low := strings.ToLower(name)
				idx.objects[low] = true
				home := primacy(p.Path, p.Title.Value, name)
				spell(low, name, home)
				if r0, ok := propRank[low]; !ok || home < r0 {
					propRank[low] = home
					ns := idx.pageNamespace(p)
					m := make(map[string]declared, len(r.Properties)+len(r.Relationships))
					for _, props := range [2][]parser.Property{r.Properties, r.Relationships} {
						for _, pr := range props {
							if k := strings.ToLower(strings.TrimSpace(pr.Name)); k != "" {
								if _, dup := m[k]; !dup {
									m[k] = declared{t: pr.Type, ns: ns}
								}
							}
						}
					}
					idx.props[low] = m
					idx.primary[low] = p
					delete(idx.bases, low)
					if r.BaseType != nil {
						idx.bases[low] = declared{t: *r.BaseType, ns: ns}
					}
				}
				if own := idx.definedName(p, r.Name, ""); own != "" && !strings.EqualFold(own, name) {
					if _, dup := idx.alias[strings.ToLower(own)]; !dup {
						idx.alias[strings.ToLower(own)] = name
					}
				}
			}
		}
		for _, e := range r.Enums {
			en := idx.definedName(p, e.Name, "")
			if en == "" {
				continue
			}
			if p.Kind == parser.KindEnum && len(r.Enums) == 1 {
				idx.byPage[lowPath] = en
			}
			low := strings.ToLower(en)
			idx.enums[low] = true
			spell(low, en, primacy(p.Path, p.Title.Value, en))
		}
	}
	for a := range idx.alias {
		if _, own := idx.canon[a]; own {
			delete(idx.alias, a)
		}
	}
	return idx
}

// namespaceLine is the namespace below microsoft.graph that a page's
// "Namespace:" line names: "callRecords" for microsoft.graph.callRecords,
// "" for microsoft.graph itself, a misspelling of it ("microsoft.graph.")
// or a namespace outside microsoft.graph.
func namespaceLine(p *parser.Page) string {
	return subNamespace(p.Namespace.Value)
}

// pageNamespace is the canonical namespace of page p below
// microsoft.graph: the one its "Namespace:" line names; for an enum page
// without that line named enums-NS.md, NS when other pages use that
// namespace (enums-managedtenants.md holds managedTenants' enumerations);
// else "".
func (idx *typeIndex) pageNamespace(p *parser.Page) string {
	if ns := namespaceLine(p); ns != "" {
		return idx.namespace(ns)
	}
	if idx == nil || p.Kind != parser.KindEnum || strings.TrimSpace(p.Namespace.Value) != "" {
		return ""
	}
	stem := strings.ToLower(linkStem(p.Path))
	if rest, ok := strings.CutPrefix(stem, "enums-"); ok {
		if c, ok := idx.nsName[rest]; ok {
			return c
		}
	}
	return ""
}

// resourceNamespace is the namespace the @odata.type of a page's JSON
// representation names ("callRecords" for
// microsoft.graph.callRecords.session), "" when it names none.
func resourceNamespace(p *parser.Page) string {
	if p.Resource == nil {
		return ""
	}
	ns, _ := splitQualified(odataName(p.Resource.ODataType))
	return ns
}

// odataName is an @odata.type value without its '#' and microsoft.graph
// ("#microsoft.graph.callRecords.session" gives "callRecords.session"), ""
// when it is not a name.
func odataName(s string) string {
	s = bareName(strings.TrimPrefix(strings.TrimSpace(s), "#"))
	if !isComponentKey(s) || strings.HasPrefix(s, ".") || strings.HasSuffix(s, ".") {
		return ""
	}
	return s
}

// subNamespace turns a full namespace ("microsoft.graph.callRecords") into
// the part below microsoft.graph ("callRecords"); microsoft.graph, an empty
// value and other namespaces give "".
func subNamespace(ns string) string {
	ns = strings.Trim(strings.TrimSpace(ns), ".")
	root := strings.TrimSuffix(graphPrefix, ".")
	if len(ns) <= len(root) || !strings.EqualFold(ns[:len(root)], root) || ns[len(root)] != '.' {
		return ""
	}
	sub := strings.Trim(ns[len(root)+1:], ".")
	if !isComponentKey(sub) {
		return ""
	}
	return sub
}

// splitQualified splits a qualified name at its last dot:
// "callRecords.session" gives "callRecords" and "session", "event" gives
// "" and "event".
func splitQualified(name string) (ns, short string) {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[:i], name[i+1:]
	}
	return "", name
}

// qualify joins a namespace and an unqualified name.
func qualify(ns, short string) string {
	if ns == "" {
		return short
	}
	return ns + "." + short
}

// namespace returns the canonical spelling of a namespace.
func (idx *typeIndex) namespace(ns string) string {
	if idx == nil || ns == "" {
		return ns
	}
	if c, ok := idx.nsName[strings.ToLower(ns)]; ok {
		return c
	}
	return ns
}

// definedName is the qualified name of a type that page p defines, named
// name on the page (a resource's heading name, an enumeration's heading
// name) and odataType in its JSON representation, if given; "" when
// neither names it. The @odata.type, when given, is the name (the service's
// own: "Range resource type" with microsoft.graph.workbookRange is
// workbookRange, "Group resource type" with microsoft.graph.termStore.group
// is termStore.group). A name written with its namespace keeps it;
// otherwise the namespace is the page's "Namespace:" line.
func (idx *typeIndex) definedName(p *parser.Page, name, odataType string) string {
	name, odt := bareName(name), odataName(odataType)
	if _, short := splitQualified(name); odt != "" {
		// What the service calls it: range.md, "# Range resource type",
		// defines microsoft.graph.workbookRange. A difference of case alone
		// keeps the heading's spelling (the annotations write
		// "microsoft.graph.orgcontact" for orgContact), except a capital
		// that only the heading has ("# Drive resource type" is drive).
		if _, oshort := splitQualified(odt); !strings.EqualFold(oshort, short) || oshort == lowerFirst(short) {
			name = odt
		} else if ons, _ := splitQualified(odt); ons != "" && !strings.Contains(name, ".") {
			name = qualify(ons, short)
		}
	}
	if name == "" {
		return ""
	}
	ns, short := splitQualified(name)
	if ns == "" {
		ns = idx.pageNamespace(p)
	}
	return qualify(idx.namespace(ns), short)
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
	_, short := splitQualified(name)
	if t := strings.Join(strings.Fields(title), " "); name != "" && (strings.EqualFold(t, name+" resource type") || strings.EqualFold(t, short+" resource type")) {
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

// typeName resolves a complex type reference made on a page of namespace
// ns ("" for microsoft.graph) to the qualified name its schema is keyed by
// (without microsoft.graph). A link to a resource page the index knows
// gives that page's type. A name written with its namespace
// ("microsoft.graph.callRecords.modality", "callRecords.modality",
// "microsoft.graph.identitySet") is kept. An unqualified name is looked up first in the namespace of the
// page a link points to (enums-callrecords.md#modality-values), then in
// ns, then in microsoft.graph; a name none of them defines is a
// microsoft.graph name (a stub). The name is the
// link's file name when none was written; the spelling is the canonical
// one when the index knows the name.
func (idx *typeIndex) typeName(t parser.TypeRef, ns string) string {
	name := bareName(t.Name)
	link, anchored := t.Link, t.Anchor != ""
	if i := strings.IndexByte(link, '#'); i >= 0 {
		link, anchored = link[:i], true
	}
	// A link to a section of a page (enums.md#x-values, chat.md#chattype-values)
	// is the type that section defines, named by the link text, not the
	// page's own type.
	if idx == nil {
		if name == "" && link != "" {
			return linkStem(link)
		}
		return name
	}
	if link != "" && !anchored {
		var kb [64]byte
		if n, ok := idx.byPage[string(asciifold.AppendLower(kb[:0], link))]; ok {
			return idx.spelling(n)
		}
	}
	if name == "" && link != "" {
		name = linkStem(link)
	}
	if name == "" {
		return ""
	}
	if q, short := splitQualified(name); q != "" || bareName(t.Name) != strings.TrimSpace(t.Name) {
		// Written with its namespace: "microsoft.graph.identitySet" is
		// microsoft.graph's even on a page of another namespace.
		return idx.spelling(qualify(idx.namespace(q), short))
	}
	var tb [3]string
	var kb [96]byte
	try := tb[:0]
	if link != "" {
		if lns, ok := idx.pageNS[string(asciifold.AppendLower(kb[:0], link))]; ok {
			try = append(try, lns)
		}
	}
	try = append(try, idx.namespace(ns), "")
	for _, n := range try {
		if c, ok := idx.canon[string(appendQualifiedLower(kb[:0], n, name))]; ok {
			return c
		}
	}
	for _, n := range try {
		if a, ok := idx.alias[string(appendQualifiedLower(kb[:0], n, name))]; ok {
			return idx.spelling(a)
		}
	}
	return name
}

// declared is a type reference as a page declares it, with the namespace
// it is resolved in.
type declared struct {
	t  parser.TypeRef
	ns string
}

// property returns the declaration of property prop of type name (a
// qualified name), looked up in the type and then its base types.
func (idx *typeIndex) property(name, prop string) (declared, bool) {
	var lb, kb [64]byte
	low, key := asciifold.AppendLower(lb[:0], name), asciifold.AppendLower(kb[:0], strings.TrimSpace(prop))
	for range 8 {
		if d, ok := idx.props[string(low)][string(key)]; ok {
			return d, true
		}
		base, ok := idx.bases[string(low)]
		if !ok {
			break
		}
		low = asciifold.AppendLower(low[:0], idx.typeName(base.t, base.ns))
	}
	return declared{}, false
}

// known reports whether name (qualified, without microsoft.graph) is a
// type the pages define.
func (idx *typeIndex) known(name string) bool {
	_, ok := idx.canonical(name)
	return ok
}

// spelling returns the canonical spelling of a qualified name, or the
// name itself when the index does not know it.
func (idx *typeIndex) spelling(name string) string {
	if c, ok := idx.canonical(name); ok {
		return c
	}
	return name
}

// lowerFirst returns s with its first letter in lower case.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// linkStem is the file name of a link without its extension.
func linkStem(link string) string {
	base := path.Base(link)
	return strings.TrimSuffix(base, path.Ext(base))
}

// normalizeType reads the OData collection syntax
// ("Collection(microsoft.graph.permission)", in any case) and drops a parenthetical
// after a name ("string (timestamp)").
func normalizeType(t parser.TypeRef) parser.TypeRef {
	name := strings.TrimSpace(t.Name)
	if len(name) > len("Collection()") && strings.EqualFold(name[:len("Collection(")], "Collection(") && strings.HasSuffix(name, ")") {
		t.Name = name[len("Collection(") : len(name)-1]
		t.Collection = true
		return t
	}
	if i := strings.Index(name, " ("); i > 0 && strings.HasSuffix(name, ")") {
		t.Name = name[:i]
	}
	return t
}
