package parser

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/graphdocgen/graphdocgen/internal/asciifold"
)

// typeTitleSuffixes are the endings of resource and enum page titles.
var typeTitleSuffixes = []string{
	" resource type", " complex type", " entity type", " enum type", " enumeration type",
	" resource", " type", " enum", " object",
}

// nameFromTitle returns the type name a title gives, or "" when the title
// is not of the "NAME resource type" form.
func nameFromTitle(title string) string {
	t := strings.TrimSpace(title)
	low := t // compared in lower case in place when ASCII (lowering keeps its length)
	if !asciifold.IsASCII(t) {
		low = strings.ToLower(t)
	}
	for _, suf := range typeTitleSuffixes {
		if asciifold.HasSuffixLowerASCII(low, suf) {
			n := strings.TrimSpace(t[:len(t)-len(suf)])
			if n != "" && !strings.ContainsAny(n, " \t") {
				return strings.Trim(n, "`*")
			}
		}
	}
	if t != "" && !strings.ContainsAny(t, " \t") {
		return t
	}
	return ""
}

// parseResource reads a resource or enum page.
func parseResource(s *source, o *outline, p *Page, an *annotations) {
	r := &Resource{Pos: p.Title.Pos, Name: nameFromTitle(p.Title.Value)}
	if n := nameFromTitle(p.Heading.Value); n != "" {
		// The heading names the type; the front matter title is often
		// generic ("Members") or another spelling ("Range resource type" of
		// workbookRange).
		r.Name = n
	}
	p.Resource = r

	// JSON representation: the block annotated "resource", else the first
	// json block under a "JSON representation" heading.
	var jsonBlock *ast.FencedCodeBlock
	var jsonAnn map[string]any
	for _, b := range o.blocks {
		fc, ok := b.node.(*ast.FencedCodeBlock)
		if !ok {
			continue
		}
		m, bt := an.annotationOf(fc)
		if bt == "resource" {
			jsonBlock, jsonAnn = fc, m
			break
		}
		if jsonBlock == nil && b.sec.under(func(t string) bool { return t == "json representation" }) &&
			bytes.EqualFold(s.fenceLang(fc), []byte("json")) {
			jsonBlock = fc
		}
	}
	if jsonBlock != nil {
		r.JSONPos = s.blockPos(jsonBlock)
		r.JSON = decodeLenientJSON(s.blockText(jsonBlock))
	}
	if jsonAnn != nil {
		if t, ok := jsonAnn["@odata.type"].(string); ok && t != "" {
			r.ODataType = t
			if r.Name == "" {
				r.Name = t[strings.LastIndexByte(t, '.')+1:]
			}
		}
		if v, ok := jsonAnn["openType"].(bool); ok && v {
			r.OpenType = true
		}
		if bt, ok := jsonAnn["baseType"].(string); ok && bt != "" {
			r.BaseType = &TypeRef{Name: bt, Raw: bt}
		}
	}

	for _, b := range o.blocks {
		para, ok := b.node.(*ast.Paragraph)
		if !ok {
			continue
		}
		t := s.inlineBytes(para) // compared in lower case, without a lowered copy
		if asciifold.ContainsLower(t, "is an open type") || asciifold.ContainsLower(t, "an open type") && asciifold.ContainsLower(t, "resource") {
			r.OpenType = true
		}
		if asciifold.ContainsLower(t, "inherits from") {
			// The type the sentence links after "inherits from", not the
			// paragraph's first link; "[x](x.md) inherits from this type"
			// names a derived type, not a base.
			if dest, txt, ok := s.linkAfter(para, "inherits from"); ok && isTypeLink(dest) {
				tr := TypeRef{Name: strings.TrimSpace(txt), Link: resolveLink(p.Path, dest), Anchor: linkAnchor(dest), Raw: strings.TrimSpace(txt)}
				r.BaseType = &tr
			}
		}
	}

	for _, sec := range o.sections {
		t := sec.norm()
		switch {
		case t == "properties" || t == "property" || t == "instance attributes" || isOwnPropertiesTitle(t, r.Name):
			for _, tb := range s.tablesIn(o.region(sec)) {
				r.Properties = appendRows(r.Properties, s.properties(tb, p.Path))
			}
		case t == "relationships" || t == "relationship":
			for _, tb := range s.tablesIn(o.region(sec)) {
				r.Relationships = appendRows(r.Relationships, s.properties(tb, p.Path))
			}
		default:
			name, ok := enumSectionName(t, sec.title, r.Name)
			if !ok {
				continue
			}
			for _, tb := range s.tablesIn([]*section{sec}) {
				if e, ok := s.enumFromTable(tb, name); ok {
					e.Pos = sec.pos
					r.Enums = append(r.Enums, e)
				}
			}
		}
	}
}

// isOwnPropertiesTitle reports a heading "NAME properties" naming the
// page's own type ("## operationError Properties" on operationerror.md).
func isOwnPropertiesTitle(norm, typeName string) bool {
	n, ok := strings.CutSuffix(norm, " properties")
	return ok && typeName != "" && strings.EqualFold(strings.Trim(n, "`*"), typeName)
}

// enumSectionName returns the enumeration a heading introduces: "Members"
// (the page's type), "xyz values", "State Enumeration", "xyz enumeration
// values".
func enumSectionName(norm, title, pageType string) (string, bool) {
	switch norm {
	case "members", "enum members", "member", "values", "enumeration values", "enum values":
		return pageType, pageType != ""
	}
	title = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(title), ":"))
	low := title // compared in lower case in place when ASCII, as in nameFromTitle
	if !asciifold.IsASCII(title) {
		low = strings.ToLower(title)
	}
	for _, suf := range []string{" enumeration values", " enum values", " enumeration", " enum", " values"} {
		if asciifold.HasSuffixLowerASCII(low, suf) {
			n := strings.Trim(strings.TrimSpace(title[:len(title)-len(suf)]), "`*")
			if n != "" && !strings.ContainsAny(n, " \t") {
				return n, true
			}
		}
	}
	return "", false
}

// properties reads a properties or relationships table.
func (s *source) properties(t *table, pagePath string) []Property {
	nameCol := t.col("property", "name", "relationship", "property name")
	if nameCol < 0 {
		nameCol = 0
	}
	typeCol := t.col("type", "value type")
	descCol := t.col("description", "notes")
	if typeCol < 0 || len(t.header) < 2 {
		return nil
	}
	out := make([]Property, 0, len(t.rows))
	for r := range t.rows {
		raw := s.text(t, r, nameCol)
		name := cleanName(raw)
		if name == "" {
			if raw != "" || s.text(t, r, typeCol) != "" {
				// "_", "__", "` `": markup or nothing; not silently dropped
				s.warnf(t.rowPos[r], "bad-property-name", "property name %q is empty once its markup is removed; the row is skipped", raw)
			}
			continue
		}
		// group rows such as "**Attachments**" with empty cells
		if s.text(t, r, typeCol) == "" && s.text(t, r, descCol) == "" {
			continue
		}
		pr := Property{Name: name, Type: s.typeRef(t.cell(r, typeCol), s.text(t, r, typeCol), pagePath), Pos: t.rowPos[r]}
		pr.Description = s.text(t, r, descCol)
		d := pr.Description // compared in lower case, without a lowered copy
		pr.ReadOnly = asciifold.ContainsLower(d, "read-only") || asciifold.ContainsLower(d, "read only")
		pr.Nullable = asciifold.ContainsLower(d, "nullable") && !asciifold.ContainsLower(d, "not nullable") && !asciifold.ContainsLower(d, "non-nullable")
		out = append(out, pr)
	}
	return out
}

// enumFromTable reads an enumeration table: a Member (or Name) column, an
// optional numeric Value column, a Description column. A "Value" column
// that holds names (not numbers) is the member column.
func (s *source) enumFromTable(t *table, name string) (Enum, bool) {
	e := Enum{Name: name}
	memberCol := t.col("member", "name", "members", "enum member", "member name")
	valueCol := t.col("value", "numeric value", "int value")
	descCol := t.col("description", "meaning")
	if memberCol < 0 && valueCol >= 0 {
		memberCol, valueCol = valueCol, -1
	}
	if memberCol < 0 {
		if len(t.header) == 0 {
			return e, false
		}
		memberCol = 0
	}
	if valueCol >= 0 {
		// a value column must hold numbers
		for r := range t.rows {
			v := s.text(t, r, valueCol)
			if _, err := strconv.ParseInt(v, 0, 64); v != "" && err != nil {
				valueCol = -1
				break
			}
		}
	}
	var vals []int64
	for r := range t.rows {
		m := cleanName(s.text(t, r, memberCol))
		if m == "" {
			continue
		}
		em := EnumMember{Name: m, Pos: t.rowPos[r]}
		if valueCol >= 0 {
			em.Value = s.text(t, r, valueCol)
			if v, err := strconv.ParseInt(em.Value, 0, 64); err == nil {
				vals = append(vals, v)
			}
		}
		em.Description = s.text(t, r, descCol)
		e.Members = append(e.Members, em)
	}
	e.Flags = isFlags(vals)
	return e, len(e.Members) > 0
}

// isFlags reports values that are distinct powers of two (0 allowed), with
// at least one of 4 or more so that 0, 1, 2 counts as a plain sequence.
func isFlags(vals []int64) bool {
	if len(vals) < 2 {
		return false
	}
	seen := map[int64]bool{}
	big := false
	for _, v := range vals {
		if v < 0 || v != 0 && v&(v-1) != 0 || seen[v] {
			return false
		}
		seen[v] = true
		if v >= 4 {
			big = true
		}
	}
	return big
}
