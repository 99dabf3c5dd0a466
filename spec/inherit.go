package spec

import (
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// dropRestatedInherited removes from each derived type's own properties
// (the inline part of its allOf) the ones a base type already declares
// with the same schema: the docs repeat inherited rows on a derived
// type's page ("id | String | Inherited from entity."), and the base
// type's declaration is the one fact. A row that says no more than the
// base's declaration, its description aside, is dropped; so is a String
// row where the base declares an enumeration (the page's "String" is the
// enumeration's wire type, the base is the more exact). A row that says
// more or else (not read-only where the base is, another type) is kept: it
// overrides the inherited declaration. The schemas are visited in name
// order; the result does not depend on it, since a dropped row was equal to
// the declaration its own derived types then compare with.
func dropRestatedInherited(doc *openapi3.T) {
	if doc == nil || doc.Components == nil {
		return
	}
	schemas := doc.Components.Schemas
	// The derived types, in name order (the others are not sorted: a
	// fifth of the schemas of v1.0 are derived).
	type derived struct {
		name     string
		ref, own *openapi3.Schema
	}
	var todo []derived
	for name, ref := range schemas {
		if ref == nil || ref.Value == nil || len(ref.Value.AllOf) == 0 {
			continue
		}
		own := ownProps(ref.Value)
		if own == nil || own == ref.Value || len(own.Properties) == 0 {
			continue
		}
		todo = append(todo, derived{name, ref.Value, own})
	}
	slices.SortFunc(todo, func(a, b derived) int { return strings.Compare(a.name, b.name) })
	var scratch [2]openapi3.Schema // restates' copies, made once
	for _, d := range todo {
		base := map[string]*openapi3.SchemaRef{}
		for _, part := range d.ref.AllOf {
			if part != nil && part.Ref != "" {
				inheritedProps(schemas, part.Ref, base, map[string]bool{d.name: true})
			}
		}
		// A row's verdict reads the base types' declarations alone, not
		// the type's other rows: the rows are taken in any order.
		for p, s := range d.own.Properties {
			if b, ok := base[p]; ok && restates(&scratch, schemas, s, b) {
				delete(d.own.Properties, p)
			}
		}
	}
}

// inheritedProps adds to into the properties the type ref names declares
// or inherits, a type's own declaration replacing its bases'.
func inheritedProps(schemas openapi3.Schemas, ref string, into map[string]*openapi3.SchemaRef, seen map[string]bool) {
	name := strings.TrimPrefix(ref, "#/components/schemas/")
	t := schemas[name]
	if seen[name] || t == nil || t.Value == nil {
		return
	}
	seen[name] = true
	for _, part := range t.Value.AllOf {
		if part == nil {
			continue
		}
		if part.Ref != "" {
			inheritedProps(schemas, part.Ref, into, seen)
		} else if part.Value != nil {
			for k, v := range part.Value.Properties {
				into[k] = v
			}
		}
	}
	for k, v := range t.Value.Properties {
		into[k] = v
	}
}

// restates reports whether own, a derived type's property, says no more
// than base, the declaration it inherits: the same schema but for the
// description, or a plain string where base is an enumeration (bare or in
// the nullable allOf wrapper) with the same annotations. The copies it
// compares are made in scratch (a copy of a schema on the stack escapes
// to the heap in sameJSON).
func restates(scratch *[2]openapi3.Schema, schemas openapi3.Schemas, own, base *openapi3.SchemaRef) bool {
	if own == nil || base == nil {
		return false
	}
	if own.Ref != "" || base.Ref != "" && own.Value == nil {
		return own.Ref == base.Ref
	}
	if own.Value == nil {
		return false
	}
	o, b := &scratch[0], &scratch[1]
	*o = *own.Value
	o.Description = ""
	if base.Ref == "" && base.Value != nil {
		*b = *base.Value
		b.Description = ""
		if sameJSON(o, b) {
			return true
		}
	}
	// A String row for an enumeration.
	enumRef := base.Ref
	*b = openapi3.Schema{}
	if enumRef == "" && base.Value != nil && len(base.Value.AllOf) == 1 && base.Value.AllOf[0] != nil {
		enumRef = base.Value.AllOf[0].Ref
		*b = *base.Value
		b.AllOf, b.Description = nil, ""
	}
	target := schemas[strings.TrimPrefix(enumRef, "#/components/schemas/")]
	if enumRef == "" || target == nil || target.Value == nil || len(target.Value.Enum) == 0 {
		return false
	}
	if o.Type == nil || !o.Type.Is("string") || o.Format != "" || len(o.Enum) > 0 {
		return false
	}
	o.Type = nil
	return sameJSON(o, b)
}
