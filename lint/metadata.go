package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/graphdocgen/graphdocgen/csdl"
	"github.com/graphdocgen/graphdocgen/graphpath"
	"github.com/graphdocgen/graphdocgen/parser"
	"github.com/graphdocgen/graphdocgen/spec"
)

// MetadataStats count what the metadata check compared: documented paths
// (distinct after placeholders are folded) and how many resolve against
// the metadata; documented response types that the check could compare
// with the path's type in the metadata and how many agree.
type MetadataStats struct {
	Paths, PathsResolved       int
	Responses, ResponsesAgree  int
	Properties, PropertiesInMD int
}

// CheckMetadata compares the pages with a service's metadata and returns
// the figures; Check reports the findings when Options.Metadata is set.
func CheckMetadata(pages []*parser.Page, m *csdl.Model) MetadataStats {
	pages = sortedPages(pages)
	_, st := metadataFindings(pages, typeModels(pages), m)
	return st
}

// csdlSegments converts a request line's segments for csdl.Resolve.
func csdlSegments(l parser.RequestLine) []csdl.Segment {
	out := make([]csdl.Segment, 0, len(l.Segments))
	for _, s := range l.Segments {
		switch s.Kind {
		case parser.SegParam:
			out = append(out, csdl.Segment{Key: true})
		case parser.SegFunction:
			out = append(out, csdl.Segment{Name: s.Name, Call: strings.Contains(s.Raw, "(")})
		case parser.SegKey:
			switch {
			case strings.HasPrefix(s.Name, "{"):
				// {hostname}:/{path}: a key of the collection before it
				out = append(out, csdl.Segment{Key: true})
			case s.IsItemPath():
				out = append(out, csdl.Segment{Name: s.Name, ItemPath: true})
			default:
				out = append(out, csdl.Segment{Name: s.Name, Key: true})
			}
		default:
			out = append(out, csdl.Segment{Name: s.Name})
		}
	}
	return out
}

// edmName maps a docs primitive name to the metadata's: "String" ->
// "Edm.String".
func edmName(name string) string {
	switch strings.ToLower(strings.TrimPrefix(name, "Edm.")) {
	case "string", "int32", "int64", "int16", "boolean", "double", "single", "decimal", "datetimeoffset",
		"date", "timeofday", "duration", "guid", "binary", "byte", "sbyte", "stream":
		return "Edm." + strings.TrimPrefix(name, "Edm.")
	}
	return ""
}

// docsType is a documented type reference in the metadata's spelling, ""
// when the metadata does not know it. A type the docs define goes by the
// name spec resolves it to, the name of its schema ("Range" links
// range.md, microsoft.graph.workbookRange; a bare "session" on a
// callRecords page is microsoft.graph.callRecords.session); another by
// the name written.
func (c *checker) docsType(m *csdl.Model, ref parser.TypeRef) string {
	if e := edmName(ref.Name); e != "" {
		return e
	}
	if n, ok := c.types.Name(c.page, ref); ok {
		if t := m.Type("microsoft.graph." + n); t != nil {
			return t.Name
		}
	}
	if t := m.Type(ref.Name); t != nil {
		return t.Name
	}
	return ""
}

// linkedAs names the type a documented reference resolves to (doc,
// qualified) when its link leads to a page of another type than the text
// says: " (linked to participantInfo)" for
// "[invitationParticipantInfo](participantinfo.md)"; "" otherwise (a
// plural or a remark in the text is no other type: "[identityProviders]",
// "[directory (deleted items)]").
func linkedAs(ref parser.TypeRef, doc string) string {
	words := strings.Fields(csdl.ShortName(ref.Name))
	if ref.Link == "" || doc == "" || len(words) == 0 {
		return ""
	}
	short := csdl.ShortName(doc)
	text, low := strings.ToLower(words[0]), strings.ToLower(short)
	if text == low || text == low+"s" || text == low+"es" {
		return ""
	}
	return " (linked to " + short + ")"
}

// memberList lists enumeration members, at most ten.
func memberList(ms []string) string {
	if len(ms) > 10 {
		return strings.Join(ms[:10], ", ") + fmt.Sprintf(" and %d more", len(ms)-10)
	}
	return strings.Join(ms, ", ")
}

// sameType reports whether the documented type doc (qualified) fits the
// metadata's want: the same type, one derived from it, or one of its base
// types (a page that documents several casts names their base);
// primitives compare by name.
func sameType(m *csdl.Model, doc, want string) bool {
	return strings.EqualFold(doc, want) || m.DerivesFrom(doc, want) || m.DerivesFrom(want, doc)
}

func metadataFindings(pages []*parser.Page, types map[string]*spec.Types, m *csdl.Model) ([]finding, MetadataStats) {
	var st MetadataStats
	var out []finding
	seenPath := map[string]bool{}
	for _, p := range pages {
		c := &checker{page: p, types: types[docsRoot(p)]}
		if p.Kind == parser.KindAPI {
			c.metadataPaths(m, &st, seenPath)
		}
		if p.Resource != nil {
			c.metadataResource(m, &st)
		}
		out = append(out, c.out...)
	}
	return out, st
}

// metadataPaths walks each request line of an API page against the
// metadata and compares the page's response type with the type reached.
func (c *checker) metadataPaths(m *csdl.Model, st *MetadataStats, seenPath map[string]bool) {
	p := c.page
	respChecked := false
	for _, rs := range p.Requests {
		for _, l := range rs.Lines {
			if len(l.Segments) == 0 {
				continue
			}
			r := m.Resolve(csdlSegments(l))
			// a path once, whatever fixed query a line of it sets
			pathPart, _ := graphpath.SplitQuery(l.Raw)
			k := graphpath.Identity(pathPart)
			first := !seenPath[k]
			seenPath[k] = true
			if first {
				st.Paths++
				if r.OK() {
					st.PathsResolved++
				}
			}
			path := "/" + strings.TrimPrefix(l.Raw, "/")
			if !r.OK() {
				c.report(l.Pos, RuleMetadataPathUnresolved, "", "",
					"%s %s does not resolve against the metadata at segment %d %q: %s",
					l.Method, path, r.Failed+1, l.Segments[r.Failed].Raw, r.Reason)
				continue
			}
			if respChecked {
				continue
			}
			if last := l.Segments[len(l.Segments)-1]; strings.EqualFold(last.Name, "$ref") {
				// a reference added, replaced or read: not the type's
				// representation
				continue
			}
			want, ok := expectedResponse(l.Method, r)
			resp, documented := c.responseOf(l)
			if !ok || !documented || resp.Type.Name == "" {
				continue
			}
			if len(resp.Statuses) > 0 && resp.Statuses[0] == 202 {
				// 202 Accepted: the body (if any) is the operation's
				// status, not the path's type
				continue
			}
			var docColl bool
			switch resp.Kind {
			case parser.RespObject, parser.RespPrimitive:
			case parser.RespCollection:
				docColl = true
			default:
				continue
			}
			docColl = docColl || resp.Type.Collection
			respChecked = true
			st.Responses++
			doc := c.docsType(m, resp.Type)
			pos := resp.Pos
			if pos.Line == 0 {
				pos = l.Pos
			}
			docStr := resp.Type.Name
			if docColl {
				docStr = "a collection of " + docStr
			}
			switch {
			case doc == "":
				c.report(pos, RuleMetadataResponseType, "", "",
					"the response type %s is not a type of the metadata; %s %s returns %s there", docStr, l.Method, path, want)
			case !sameType(m, doc, want.Name) || docColl != want.Collection:
				c.report(pos, RuleMetadataResponseType, "", "",
					"the response is documented as %s%s, but the metadata says %s %s returns %s", docStr, linkedAs(resp.Type, doc), l.Method, path, want)
			default:
				st.ResponsesAgree++
			}
		}
	}
}

// responseOf is the response the page documents for request line l: its
// Response section's. When the section names no type and the page's is
// its first example's annotation (parser.Response.Annotated), l's own
// example's annotation, as spec reads each variant; a line without one
// takes the page's only when the page's examples annotate one type
// (opentypeextension-post-opentypeextension.md annotates a message for
// one path and an openTypeExtension for another: the other paths are not
// documented). ok is false for such a line.
func (c *checker) responseOf(l parser.RequestLine) (parser.Response, bool) {
	p := c.page
	r := p.Response
	if !r.Annotated {
		return r, true
	}
	var own string
	annotated := map[string]bool{}
	matched := false
	for i := range p.Examples {
		ex := &p.Examples[i]
		switch ex.BlockType {
		case "request":
			path, ok := examplePath(ex.URL)
			matched = ok && strings.EqualFold(ex.Method, l.Method) && pathMatch(l, path)
		case "response":
			if t := strings.TrimSpace(ex.ODataType); t != "" {
				annotated[strings.ToLower(t)+fmt.Sprint(ex.IsCollection)] = true
				if matched && own == "" {
					own = t
					r.Type, r.Kind = spec.AnnotatedType(ex), parser.RespObject
					if r.Type.Collection {
						r.Kind = parser.RespCollection
					}
					r.Pos = ex.Pos
				}
			}
			matched = false
		}
	}
	return r, own != "" || len(annotated) <= 1
}

// expectedResponse is what a method on a resolved path returns: GET the
// type reached; an operation its return type; POST to a collection one
// item of it. Others are not compared, nor is a path ending in $ref
// (metadataPaths).
func expectedResponse(method string, r csdl.Result) (csdl.TypeRef, bool) {
	switch {
	case r.Operation != nil:
		if r.Type.Name == "" {
			return csdl.TypeRef{}, false
		}
		return r.Type, true
	case method == "GET":
		if r.Type.Name == "Edm.Stream" {
			return csdl.TypeRef{}, false
		}
		return r.Type, true
	case method == "POST" && r.Type.Collection:
		t := r.Type
		t.Collection = false
		return t, true
	}
	return csdl.TypeRef{}, false
}

// metadataResource compares a resource page's properties and enums with
// the metadata's type.
func (c *checker) metadataResource(m *csdl.Model, st *MetadataStats) {
	res := c.page.Resource
	for i := range res.Enums {
		c.metadataEnum(m, i)
	}
	// the type as spec names its schema, in the page's namespace
	name, ok := c.types.Defined(c.page)
	full := "microsoft.graph." + name
	// every definition of the type (the docs split deviceManagement over
	// many pages), as Build merges them: a property the service has is
	// undocumented only when none documents it, reported once, at the
	// primary definition
	defs := []spec.Definition{{Page: c.page, Enum: -1}}
	if ok {
		defs = c.types.Definitions(name)
	}
	if !ok {
		if name = res.ODataType; name == "" {
			name = res.Name
		}
		full = name
	}
	if name == "" || len(res.Properties)+len(res.Relationships) == 0 {
		return
	}
	at := res.Pos
	if h := c.page.Heading.Pos; h.Line > 0 {
		at = h // the H1 names the type
	}
	t := m.Type(full)
	if t == nil {
		c.report(at, RuleMetadataTypeUnknown, "", "",
			"the metadata has no type %s", name)
		return
	}
	documented := map[string]bool{}
	for _, d := range defs {
		if d.Enum < 0 && d.Page.Resource != nil {
			for _, dp := range slices.Concat(d.Page.Resource.Properties, d.Page.Resource.Relationships) {
				documented[strings.ToLower(dp.Name)] = true
			}
		}
	}
	for _, group := range [][]parser.Property{res.Properties, res.Relationships} {
		for _, dp := range group {
			st.Properties++
			mp, ok := m.Property(t, dp.Name)
			if !ok {
				if !m.Open(t) {
					c.report(dp.Pos, RuleMetadataPropertyUnknown, "", dp.Name,
						"property %s is not a property of %s (or its base types) in the metadata", dp.Name, t.Name)
				}
				continue
			}
			st.PropertiesInMD++
			doc := c.docsType(m, dp.Type)
			if dp.Type.Name == "" || doc == "" {
				continue
			}
			if !sameType(m, doc, mp.Type.Name) || dp.Type.Collection != mp.Type.Collection {
				docStr := dp.Type.Name
				if dp.Type.Collection {
					docStr += " collection"
				}
				c.report(dp.Pos, RuleMetadataPropertyType, "", dp.Name,
					"property %s is documented as %s%s, but the metadata types it %s", dp.Name, docStr, linkedAs(dp.Type, doc), mp.Type)
			}
		}
	}
	if len(defs) == 0 || defs[0].Page != c.page {
		return
	}
	where := "the page does not document"
	if len(defs) > 1 {
		where = fmt.Sprintf("none of the %d pages defining %s documents", len(defs), name)
	}
	for _, mp := range t.Properties {
		if documented[strings.ToLower(mp.Name)] {
			continue
		}
		kind := "property"
		if mp.Navigation {
			kind = "relationship"
		}
		c.report(at, RuleMetadataPropertyUndocumented, "", mp.Name,
			"the metadata's %s has the %s %s (%s), which %s", t.Name, kind, mp.Name, mp.Type, where)
	}
}

// metadataEnum compares the page's i-th enumeration's members with the
// metadata's enumeration of that name (in the page's namespace, as spec
// names its schema: enums-callrecords.md's modality is
// microsoft.graph.callRecords.modality), both ways: a member the metadata
// lacks at its row; members the metadata has that no definition of the
// enumeration documents (Build merges them all) once, at the first.
func (c *checker) metadataEnum(m *csdl.Model, i int) {
	e := c.page.Resource.Enums[i]
	var t *csdl.Type
	name, ok := c.types.EnumName(c.page, i)
	if ok {
		t = m.Type("microsoft.graph." + name)
	}
	if t == nil {
		t = m.Type(e.Name)
	}
	if t == nil || t.Kind != csdl.KindEnum || len(e.Members) == 0 {
		return
	}
	defs := []spec.Definition{{Page: c.page, Enum: i}}
	if ok {
		defs = c.types.Definitions(name)
	}
	have := map[string]bool{}
	for _, mb := range t.Members {
		have[strings.ToLower(mb)] = true
	}
	doc := map[string]bool{}
	for _, d := range defs {
		if d.Enum >= 0 && d.Page.Resource != nil {
			for _, mb := range d.Page.Resource.Enums[d.Enum].Members {
				doc[strings.ToLower(mb.Name)] = true
			}
		}
	}
	for _, mb := range e.Members {
		if !have[strings.ToLower(mb.Name)] {
			pos := mb.Pos
			if pos.Line == 0 {
				pos = e.Pos
			}
			c.report(pos, RuleMetadataEnumMember, "", mb.Name,
				"%s is not a member of the metadata's %s (%s)", mb.Name, t.Name, memberList(t.Members))
		}
	}
	if len(defs) == 0 || defs[0].Page != c.page || defs[0].Enum != i {
		return
	}
	var missing []string
	for _, mb := range t.Members {
		if !doc[strings.ToLower(mb)] {
			missing = append(missing, mb)
		}
	}
	where := "the page does not document"
	if len(defs) > 1 {
		where = fmt.Sprintf("none of its %d definitions documents", len(defs))
	}
	if len(missing) > 0 {
		c.report(e.Pos, RuleMetadataEnumMember, "", "",
			"the metadata's %s has member(s) %s: %s", t.Name, where, memberList(missing))
	}
}
