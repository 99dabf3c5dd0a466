package apidiff

import (
	"fmt"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/xgraph"
)

// refName returns the last segment of a local $ref.
func refName(ref string) string {
	return ref[strings.LastIndexByte(ref, '/')+1:]
}

// componentName returns the name of a "#/components/KIND/NAME" ref, or ""
// when ref is not one.
func componentName(ref, kind string) string {
	prefix := "#/components/" + kind + "/"
	if !strings.HasPrefix(ref, prefix) {
		return ""
	}
	return strings.TrimPrefix(ref, prefix)
}

// resolveSchema returns the schema a ref stands for, looking it up in
// doc's components when the ref is not resolved (documents built in
// memory carry unresolved refs).
func resolveSchema(doc *openapi3.T, s *openapi3.SchemaRef) *openapi3.Schema {
	for range 16 { // bounded: a ref to a ref to ...
		if s == nil {
			return nil
		}
		if s.Value != nil || s.Ref == "" {
			return s.Value
		}
		name := componentName(s.Ref, "schemas")
		if name == "" || doc.Components == nil {
			return nil
		}
		s = doc.Components.Schemas[name]
	}
	return nil
}

func resolveParam(doc *openapi3.T, p *openapi3.ParameterRef) *openapi3.Parameter {
	if p == nil {
		return nil
	}
	if p.Value != nil || p.Ref == "" {
		return p.Value
	}
	name := componentName(p.Ref, "parameters")
	if name == "" || doc.Components == nil || doc.Components.Parameters[name] == nil {
		return nil
	}
	return doc.Components.Parameters[name].Value
}

func resolveRequestBody(doc *openapi3.T, b *openapi3.RequestBodyRef) *openapi3.RequestBody {
	if b == nil {
		return nil
	}
	if b.Value != nil || b.Ref == "" {
		return b.Value
	}
	name := componentName(b.Ref, "requestBodies")
	if name == "" || doc.Components == nil || doc.Components.RequestBodies[name] == nil {
		return nil
	}
	return doc.Components.RequestBodies[name].Value
}

func resolveResponse(doc *openapi3.T, r *openapi3.ResponseRef) *openapi3.Response {
	if r == nil {
		return nil
	}
	if r.Value != nil || r.Ref == "" {
		return r.Value
	}
	name := componentName(r.Ref, "responses")
	if name == "" || doc.Components == nil || doc.Components.Responses[name] == nil {
		return nil
	}
	return doc.Components.Responses[name].Value
}

func mediaTypes(c openapi3.Content) []string {
	return sortedKeys(c)
}

func schemaOf(mt *openapi3.MediaType) *openapi3.SchemaRef {
	if mt == nil {
		return nil
	}
	return mt.Schema
}

// contentType describes a body: "none", or each media type with its type.
func (c *comparer) contentType(doc *openapi3.T, content openapi3.Content) string {
	if len(content) == 0 {
		return "none"
	}
	var parts []string
	for _, mt := range mediaTypes(content) {
		parts = append(parts, mt+" "+c.describe(doc, schemaOf(content[mt])))
	}
	return strings.Join(parts, ", ")
}

// describe names the type a schema stands for, the way a client sees it:
// a Graph type by its name, a collection response as "collection of T", a
// primitive response wrapper by its value's type, a primitive by type and
// format.
func (c *comparer) describe(doc *openapi3.T, s *openapi3.SchemaRef) string {
	return describeDepth(doc, s, 0)
}

func describeDepth(doc *openapi3.T, s *openapi3.SchemaRef, depth int) string {
	if s == nil {
		return "any"
	}
	if depth > 8 {
		return "..."
	}
	if s.Ref != "" {
		name := refName(s.Ref)
		graph := strings.HasPrefix(name, "microsoft.graph.")
		switch {
		case graph && strings.HasSuffix(name, "CollectionResponse"):
			v := resolveSchema(doc, s)
			if v != nil && v.Properties["value"] != nil {
				return describeDepth(doc, v.Properties["value"], depth+1)
			}
			return "collection of " + strings.TrimSuffix(name, "CollectionResponse")
		case graph:
			return name
		case strings.HasSuffix(name, "RequestBody"):
			return "object"
		case strings.HasSuffix(name, "Response"):
			v := resolveSchema(doc, s)
			if v != nil && v.Properties["value"] != nil {
				return describeDepth(doc, v.Properties["value"], depth+1)
			}
			return name
		}
		return name
	}
	v := s.Value
	if v == nil {
		return "any"
	}
	switch {
	case v.Type.Is("array"):
		return "collection of " + describeDepth(doc, v.Items, depth+1)
	case v.Type == nil || v.Type.IsEmpty():
		if len(v.AllOf) == 1 {
			return describeDepth(doc, v.AllOf[0], depth+1)
		}
		return "any"
	}
	t := strings.Join(v.Type.Slice(), "|")
	if v.Format != "" {
		t += "(" + v.Format + ")"
	}
	return t
}

// isOwnedSchema tells whether a components/schemas entry belongs to one
// operation (compared with it) rather than being a type of its own.
func isOwnedSchema(name string) bool {
	if strings.HasPrefix(name, "microsoft.graph.") {
		return strings.HasSuffix(name, "CollectionResponse")
	}
	return strings.HasSuffix(name, "RequestBody") || strings.HasSuffix(name, "Response")
}

// documented returns the schemas of doc that are types of their own and
// not stubs.
func documented(doc *openapi3.T) map[string]*openapi3.SchemaRef {
	out := map[string]*openapi3.SchemaRef{}
	if doc.Components == nil {
		return out
	}
	for name, s := range doc.Components.Schemas {
		if s == nil || isOwnedSchema(name) {
			continue
		}
		v := resolveSchema(doc, s)
		if x, _ := xgraph.ReadSchema(v); v == nil || x.Stub {
			continue
		}
		out[name] = s
	}
	return out
}

// shape is what a schema compares by: base type, own properties, enum
// members.
type shape struct {
	base   string
	props  map[string]*openapi3.SchemaRef
	enum   []string
	source string
}

func shapeOf(doc *openapi3.T, s *openapi3.SchemaRef) shape {
	v := resolveSchema(doc, s)
	sh := shape{props: map[string]*openapi3.SchemaRef{}}
	if v == nil {
		return sh
	}
	x, _ := xgraph.ReadSchema(v)
	sh.source = x.Source
	own := []*openapi3.Schema{v}
	for _, part := range v.AllOf {
		if part == nil {
			continue
		}
		if part.Ref != "" {
			sh.base = refName(part.Ref)
			continue
		}
		if part.Value != nil {
			own = append(own, part.Value)
		}
	}
	for _, o := range own {
		for name, p := range o.Properties {
			sh.props[name] = p
		}
		for _, e := range o.Enum {
			sh.enum = append(sh.enum, fmt.Sprint(e))
		}
	}
	slices.Sort(sh.enum)
	sh.enum = slices.Compact(sh.enum)
	return sh
}

func (c *comparer) addSchema(name, kind string, breaking bool, detail, source string) {
	c.changes = append(c.changes, Change{Kind: kind, Breaking: breaking, Schema: name, Detail: detail, Source: source})
}

// schemas compares the documented schemas of both documents.
func (c *comparer) schemas() {
	os, ns := documented(c.old), documented(c.new)
	for _, name := range sortedKeys(ns) {
		nsh := shapeOf(c.new, ns[name])
		if os[name] == nil {
			c.addSchema(name, KindSchemaAdded, false, "", nsh.source)
			continue
		}
		osh := shapeOf(c.old, os[name])
		if osh.base != nsh.base {
			c.addSchema(name, KindBaseTypeChanged, true, fmt.Sprintf("%s -> %s", orNone(osh.base), orNone(nsh.base)), nsh.source)
		}
		for _, p := range sortedKeys(nsh.props) {
			op, ok := osh.props[p]
			nt := describeDepth(c.new, nsh.props[p], 0)
			if !ok {
				c.addSchema(name, KindPropertyAdded, false, fmt.Sprintf("%s (%s)", p, nt), nsh.source)
				continue
			}
			if ot := describeDepth(c.old, op, 0); ot != nt {
				c.addSchema(name, KindPropertyTypeChanged, true, fmt.Sprintf("%s: %s -> %s", p, ot, nt), nsh.source)
			}
		}
		for _, p := range sortedKeys(osh.props) {
			if _, ok := nsh.props[p]; ok {
				continue
			}
			// A property the new document leaves to a base type that
			// declares it (graphdocgen no longer restates inherited rows)
			// is still there: only its type can have changed.
			if ip, ok := inheritedProp(c.new, nsh.base, p, map[string]bool{name: true}); ok {
				ot, nt := describeDepth(c.old, osh.props[p], 0), describeDepth(c.new, ip, 0)
				if ot != nt {
					c.addSchema(name, KindPropertyTypeChanged, true, fmt.Sprintf("%s: %s -> %s", p, ot, nt), nsh.source)
				}
				continue
			}
			c.addSchema(name, KindPropertyRemoved, true, p, nsh.source)
		}
		oe, ne := setOf(osh.enum), setOf(nsh.enum)
		for _, e := range nsh.enum {
			if !oe[e] {
				c.addSchema(name, KindEnumValueAdded, false, e, nsh.source)
			}
		}
		for _, e := range osh.enum {
			if !ne[e] {
				c.addSchema(name, KindEnumValueRemoved, true, e, nsh.source)
			}
		}
	}
	for _, name := range sortedKeys(os) {
		if ns[name] == nil {
			c.addSchema(name, KindSchemaRemoved, true, "", shapeOf(c.old, os[name]).source)
		}
	}
}

// inheritedProp is the declaration of property p that schema base (a
// schema name) declares or inherits, the nearest one.
func inheritedProp(doc *openapi3.T, base, p string, seen map[string]bool) (*openapi3.SchemaRef, bool) {
	if base == "" || seen[base] || doc.Components == nil || doc.Components.Schemas[base] == nil {
		return nil, false
	}
	seen[base] = true
	sh := shapeOf(doc, doc.Components.Schemas[base])
	if r, ok := sh.props[p]; ok {
		return r, true
	}
	return inheritedProp(doc, sh.base, p, seen)
}
