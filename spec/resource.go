package spec

import (
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/internal/asciifold"
	"github.com/graphdocgen/graphdocgen/parser"
	"github.com/graphdocgen/graphdocgen/xgraph"
)

// resource adds the schemas a resource or enum page defines.
func (b *builder) resource() {
	r := b.p.Resource
	if b.p.Kind != parser.KindEnum {
		b.resourceSchema(r)
	}
	for _, e := range r.Enums {
		b.enumSchema(e)
	}
}

// resourceSchema adds the object schema of a resource page.
func (b *builder) resourceSchema(r *parser.Resource) {
	name := b.idx.definedName(b.p, r.Name, r.ODataType)
	if name == "" {
		b.warnf(r.Pos, "no-type-name", "resource page names no type; no schema")
		return
	}
	name = b.idx.spelling(name)
	key, ok := schemaName(name)
	if !ok {
		b.warnf(r.Pos, "bad-type-name", "type name %q cannot be a schema name; no schema", r.Name)
		return
	}
	own := &openapi3.Schema{Type: typesObject, Properties: openapi3.Schemas{}}
	add := func(p parser.Property, nav bool) {
		pname := strings.TrimSpace(p.Name)
		if pname == "" {
			return
		}
		deprecated := false
		if i := strings.Index(pname, " ("); i > 0 && strings.HasSuffix(pname, ")") {
			// "tollNumber (deprecated)": the note is not part of the name.
			deprecated = strings.Contains(strings.ToLower(pname[i:]), "deprecated")
			pname = strings.TrimSpace(pname[:i])
		}
		if !propertyName(pname) {
			// A broken table row: a description cell read as a name.
			b.warnf(p.Pos, "bad-property-name", "property name %q is not a name; row skipped", pname)
			return
		}
		if _, dup := own.Properties[pname]; dup {
			b.warnf(p.Pos, "duplicate-property", "property %q is listed twice; the first is kept", pname)
			return
		}
		s, ok := b.typeSchema(p.Type, p.Pos)
		if !ok {
			b.warnf(p.Pos, "untyped-property", "property %q has no type; left untyped", pname)
			s = &openapi3.SchemaRef{Value: &openapi3.Schema{}}
		}
		if s.Ref != "" && (p.Nullable || !notNullable(p.Description)) {
			// A nullable property of a named type: OpenAPI 3.0 allows no
			// "nullable" beside a $ref, so the reference is wrapped
			// (Graph sends null for such properties, and the docs'
			// examples show it).
			s = &openapi3.SchemaRef{Value: &openapi3.Schema{AllOf: openapi3.SchemaRefs{s}}}
		}
		if s.Ref == "" && s.Value != nil {
			v := s.Value
			v.Description = p.Description
			v.ReadOnly = p.ReadOnly
			v.Nullable = p.Nullable || !notNullable(p.Description)
			v.Deprecated = deprecated
		}
		if nav {
			xgraph.MarkNavigation(s)
		}
		own.Properties[pname] = s
	}
	for _, p := range r.Properties {
		add(p, false)
	}
	for _, p := range r.Relationships {
		add(p, true)
	}
	desc := b.p.Description.Value
	ext := xgraph.Schema{Source: b.source(r.Pos), OpenType: r.OpenType}
	var s *openapi3.Schema
	if r.BaseType != nil {
		base, ok := b.typeSchema(*r.BaseType, r.Pos)
		if ok && base.Ref != "" && base.Ref != schemaRef(key) {
			s = &openapi3.Schema{AllOf: openapi3.SchemaRefs{base, {Value: own}}}
		} else {
			b.warnf(r.Pos, "bad-base-type", "base type %q is not a type; ignored", r.BaseType.Raw)
		}
	}
	if s == nil {
		s = own
	}
	if _, short := splitQualified(name); strings.EqualFold(short, "Json") && len(own.Properties) == 0 {
		// Graph's Json type holds any JSON value (the workbook's values
		// and formulas are arrays of arrays): no type constraint.
		s = &openapi3.Schema{}
	}
	s.Description = desc
	xgraph.WriteSchema(s, ext)
	if _, dup := b.doc.Components.Schemas[key]; dup {
		b.warnf(r.Pos, "duplicate-type", "type %s is defined twice on the page; the first is kept", key)
		return
	}
	b.doc.Components.Schemas[key] = &openapi3.SchemaRef{Value: s}
}

// notNullable reports whether a description says the property is not
// nullable (case-insensitive, without a lowered copy of ASCII text).
func notNullable(desc string) bool {
	if !asciifold.IsASCII(desc) {
		return asciifold.ContainsLower(desc, "not nullable") || asciifold.ContainsLower(desc, "non-nullable") ||
			asciifold.ContainsLower(desc, "cannot be null")
	}
	// One pass over the description: each phrase has "null" at a fixed
	// place, and every description of a type's properties is read.
	for i := 0; i+4 <= len(desc); i++ {
		if desc[i]|0x20 != 'n' || !asciifold.HasPrefixLower(desc[i:], "null") {
			continue
		}
		if i >= 4 && asciifold.HasPrefixLower(desc[i:], "nullable") &&
			(asciifold.EqualLower(desc[i-4:i], "not ") || asciifold.EqualLower(desc[i-4:i], "non-")) {
			return true
		}
		if i >= 10 && asciifold.EqualLower(desc[i-10:i], "cannot be ") {
			return true
		}
	}
	return false
}

// enumSchema adds the string schema of an enumeration.
func (b *builder) enumSchema(e parser.Enum) {
	name := b.idx.spelling(b.idx.definedName(b.p, e.Name, ""))
	key, ok := schemaName(name)
	if !ok {
		b.warnf(e.Pos, "bad-type-name", "enumeration name %q cannot be a schema name; no schema", e.Name)
		return
	}
	s := &openapi3.Schema{Type: &openapi3.Types{"string"}}
	values := map[string]xgraph.EnumValue{}
	seen := map[string]bool{}
	for _, m := range e.Members {
		n := strings.TrimSpace(m.Name)
		if n == "" || seen[n] {
			continue
		}
		seen[n] = true
		s.Enum = append(s.Enum, n)
		if v := strings.TrimSpace(m.Value); v != "" {
			values[n] = xgraph.ParseEnumValue(v)
		}
	}
	if len(s.Enum) == 0 {
		b.warnf(e.Pos, "empty-enum", "enumeration %s has no members; no schema", e.Name)
		return
	}
	xgraph.WriteSchema(s, xgraph.Schema{Source: b.source(e.Pos), EnumValues: values, Flags: e.Flags})
	if old, dup := b.doc.Components.Schemas[key]; dup {
		if !xgraph.IsStub(old) {
			b.warnf(e.Pos, "duplicate-type", "type %s is defined twice on the page; the first is kept", key)
			return
		}
	}
	b.doc.Components.Schemas[key] = &openapi3.SchemaRef{Value: s}
}

// canonical returns the canonical spelling of a type name.
func (idx *typeIndex) canonical(name string) (string, bool) {
	if idx == nil {
		return "", false
	}
	var kb [64]byte
	c, ok := idx.canon[string(asciifold.AppendLower(kb[:0], name))]
	return c, ok
}

// propertyName reports whether s can be a JSON property name of a Graph
// type: letters, digits and '_', '-', '.', '@', '#', '$' (annotations such
// as "@odata.type"), no blanks or punctuation of prose.
func propertyName(s string) bool {
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		case r == '_' || r == '-' || r == '.' || r == '@' || r == '#' || r == '$':
		default:
			return false
		}
	}
	return s != ""
}
