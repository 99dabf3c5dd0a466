package templates

import "strings"

// This file decides which schemas become Go types: those the operations
// reach (pruning), unless Options.AllTypes keeps them all. The OpenAPI
// document itself stays complete; only the Go package is pruned.

// TypeStats counts the document's named schemas (objects, enumerations
// and the types of unresolved references) and how many of them the
// generated package emits.
type TypeStats struct {
	// Schemas is the number of named schemas in the document.
	Schemas int
	// Emitted is the number of them the package has a Go type for.
	Emitted int
	// Pruned is Schemas - Emitted: the schemas no operation reaches.
	Pruned int
	// RawNavigation counts the navigation properties of emitted types
	// whose target type was pruned: they decode as json.RawMessage.
	RawNavigation int
}

// reach marks the schemas reachable from the operations: the types of
// request bodies, results and parameters; from a type, the types of its
// properties (navigation properties excepted), its base types, and,
// where it is used as a value (a property, a body, a result), every type
// derived from it, which the service may send instead (@odata.type). A
// type reached only as the base of another does not bring its derived
// types in.
func (m *model) reach() map[*schemaInfo]bool {
	derived := map[*schemaInfo][]*schemaInfo{}
	bases := map[*schemaInfo][]*schemaInfo{}
	for _, si := range m.schemas {
		if si.kind != sObject {
			continue
		}
		for _, part := range m.schemaOf[si].AllOf {
			if b := m.refTarget(part); b != nil && b != si {
				bases[si] = append(bases[si], b)
				derived[b] = append(derived[b], si)
			}
		}
	}
	reached := map[*schemaInfo]bool{}
	asValue := map[*schemaInfo]bool{}
	var visit func(si *schemaInfo, value bool)
	var walk func(t *goType)
	walk = func(t *goType) {
		for t != nil && t.kind == tSlice {
			t = t.elem
		}
		if t != nil && t.named != nil {
			visit(t.named, true)
		}
	}
	visit = func(si *schemaInfo, value bool) {
		if reached[si] && (!value || asValue[si]) {
			return
		}
		first := !reached[si]
		reached[si] = true
		if first {
			for _, f := range si.fields {
				if !f.nav {
					walk(f.typ)
				}
			}
			for _, b := range bases[si] {
				visit(b, false)
			}
		}
		if value && !asValue[si] {
			asValue[si] = true
			for _, d := range derived[si] {
				visit(d, true)
			}
		}
	}
	for _, o := range m.ops {
		walk(o.bodyType)
		walk(o.resultType)
		if o.result == rObject && o.resultSchema != nil {
			visit(o.resultSchema, true)
		}
		for _, a := range o.queryArgs {
			walk(a.typ)
		}
	}
	for _, ps := range m.params {
		for _, f := range ps.fields {
			walk(f.typ)
		}
	}
	return reached
}

// prune drops the schemas no operation reaches (unless all) and turns
// the navigation properties whose target was dropped into raw JSON.
func (m *model) prune(all bool) {
	for _, si := range m.schemas {
		if si.kind != sAlias {
			m.stats.Schemas++
		}
	}
	if all {
		m.stats.Emitted = m.stats.Schemas
		return
	}
	reached := m.reach()
	kept := m.schemas[:0:0]
	for _, si := range m.schemas {
		if si.kind == sAlias || reached[si] {
			kept = append(kept, si)
		}
	}
	m.schemas = kept
	for _, si := range m.schemas {
		if si.kind != sAlias {
			m.stats.Emitted++
		}
		for _, f := range si.fields {
			t := f.typ
			for t.kind == tSlice {
				t = t.elem
			}
			if t.named != nil && !reached[t.named] {
				// only navigation properties can point outside: every
				// other property's type was reached through it
				f.typ = scalarType(tRaw)
				f.desc = strings.TrimSpace(f.desc + " Its type, " + t.named.component + ", is not in this package (no operation returns it), so it is kept as raw JSON.")
				m.stats.RawNavigation++
			}
		}
	}
	m.stats.Pruned = m.stats.Schemas - m.stats.Emitted
}
