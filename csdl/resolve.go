package csdl

import (
	"fmt"
	"strings"
)

// Segment is one path segment as Resolve reads it.
type Segment struct {
	// Name is the segment's name: a set, singleton, property, cast
	// ("microsoft.graph.user"), operation or "$value"/"$ref"/"$count";
	// empty for a key placeholder ("{id}").
	Name string
	// Key is true for a key: a placeholder segment ("{id}"), or a name
	// with a key in parentheses ("items('{id}')").
	Key bool
	// Call is true for a name written with an argument list
	// ("delta()", "reminderView(startDateTime=...)").
	Call bool
	// ItemPath is true for path addressing ("root:/{path}:"): the named
	// navigation, then an item of the same type by its path.
	ItemPath bool
}

// Result is where a path leads.
type Result struct {
	// Type is the type reached (valid when Failed < 0).
	Type TypeRef
	// Operation is the bound or imported action or function the last
	// segment names, if any.
	Operation *Operation
	// Failed is the index of the first segment that does not resolve, -1
	// when the whole path does.
	Failed int
	// Reason says why segment Failed does not resolve.
	Reason string
}

// OK reports whether the whole path resolved.
func (r Result) OK() bool { return r.Failed < 0 }

// Resolve walks segs from the service root: an entity set, singleton or
// import first, then keys on collections, structural and navigation
// properties (of the type and its base types), casts to derived types (or
// base types), actions and functions bound to the type, a base type or
// (for a collection) the collection, and $value, $ref, $count and $entity. A
// literal on a collection of entities that is neither a cast nor a bound
// operation is a key written as a segment (/me/mailFolders/inbox; /sites/root
// although a site has a "root" property: a property is one entity's, not
// the collection's), unless it names a relationship of the entity type (a
// key left out: /organization/settings) or an operation the service binds
// to the type, one of its base types or a type derived from it
// (/directoryObjects/delta, bound to collections of directoryRole and
// others: a cast left out); an operation of unrelated types is no
// reason (/me/mailFolders/archive). Only entities have keys: a
// key, or a property name, after a collection of complex or primitive
// values fails (the docs' .../sort/fields/icon leaves out which field).
func (m *Model) Resolve(segs []Segment) Result {
	if len(segs) == 0 {
		return Result{Failed: 0, Reason: "empty path"}
	}
	fail := func(i int, format string, args ...any) Result {
		return Result{Failed: i, Reason: fmt.Sprintf(format, args...)}
	}
	var cur TypeRef
	var lastOp *Operation
	first := segs[0]
	if t, ok := m.sets[strings.ToLower(first.Name)]; ok {
		cur = t
	} else if op, ok := m.imports[strings.ToLower(first.Name)]; ok {
		if op.Return == nil {
			cur = TypeRef{}
		} else {
			cur = *op.Return
		}
		lastOp = op
	} else {
		return fail(0, "%q is not an entity set, singleton or operation import of the service", first.Name)
	}
	if first.Key {
		if !cur.Collection {
			return fail(0, "%s is a single %s: it takes no key", first.Name, ShortName(cur.Name))
		}
		cur.Collection = false
	}
	for i := 1; i < len(segs); i++ {
		s := segs[i]
		if lastOp != nil && !lastOp.Composable {
			return fail(i, "%s returns %s and cannot be followed by further segments", ShortName(lastOp.Name), retString(lastOp))
		}
		if cur.Name == "" {
			return fail(i, "the previous segment returns nothing")
		}
		lastOp = nil
		name := strings.ToLower(s.Name)
		switch {
		case s.Name == "" && s.Key:
			if !cur.Collection {
				return fail(i, "a key selects an item of a collection, but %s is a single %s", segName(segs[i-1]), ShortName(cur.Name))
			}
			if !m.entity(cur.Name) {
				return fail(i, "%s is a collection of %s, whose items have no key", segName(segs[i-1]), ShortName(cur.Name))
			}
			cur.Collection = false
			continue
		case name == "$value":
			if cur.Collection {
				return fail(i, "$value on a collection of %s", ShortName(cur.Name))
			}
			cur = TypeRef{Name: "Edm.Stream"}
			continue
		case name == "$ref":
			continue
		case name == "$entity":
			// OData 4.01: POST .../collection/$entity, or an entity by id
			cur.Collection = false
			continue
		case name == "$count":
			if !cur.Collection {
				return fail(i, "$count on a single %s", ShortName(cur.Name))
			}
			cur = TypeRef{Name: "Edm.Int32"}
			continue
		}
		t := m.types[strings.ToLower(cur.Name)]
		if t == nil {
			return fail(i, "%s has no properties or operations", cur.Name)
		}
		// a property (on a single value)
		if !s.Call && !cur.Collection {
			if p, ok := m.Property(t, s.Name); ok {
				cur = p.Type
				if s.Key || s.ItemPath {
					if s.Key && !cur.Collection {
						return fail(i, "%s of %s is a single %s: it takes no key", p.Name, ShortName(t.Name), ShortName(cur.Name))
					}
					if s.Key && !m.entity(cur.Name) {
						return fail(i, "%s of %s is a collection of %s, whose items have no key", p.Name, ShortName(t.Name), ShortName(cur.Name))
					}
					cur.Collection = false
				}
				continue
			}
		}
		// a cast
		if !s.Call && strings.Contains(s.Name, ".") {
			if ct := m.types[name]; ct != nil {
				if !m.DerivesFrom(ct.Name, t.Name) && !m.DerivesFrom(t.Name, ct.Name) {
					return fail(i, "cast to %s, which neither derives from %s nor is one of its base types", ct.Name, t.Name)
				}
				cur.Name = ct.Name
				if s.Key {
					if !cur.Collection {
						return fail(i, "a key selects an item of a collection, but the cast is to a single %s", ShortName(ct.Name))
					}
					cur.Collection = false
				}
				continue
			}
		}
		// a bound operation
		if op := m.bound(s.Name, cur); op != nil {
			lastOp = op
			if op.Return == nil {
				cur = TypeRef{}
			} else {
				cur = *op.Return
			}
			continue
		}
		if cur.Collection && t.Kind == KindEntity && !s.Call && !s.Key && !s.ItemPath && !strings.HasPrefix(s.Name, "$") {
			// key-as-segment: /me/mailFolders/inbox, /sites/contoso.sharepoint.com,
			// /sites/root (a site's own "root" property does not apply to
			// the collection); only entities have keys. A name the docs
			// mean otherwise is no key: a navigation property of one item
			// (/organization/settings: the key left out), an operation
			// bound elsewhere (/directoryObjects/delta where the service
			// binds delta to other collections)
			if p, ok := m.Property(t, s.Name); ok && p.Navigation {
				return fail(i, "%s is a relationship of one %s, but %s is a collection: a key is missing", s.Name, ShortName(t.Name), segName(segs[i-1]))
			}
			if op := m.boundToKin(name, t.Name); op != nil {
				return fail(i, "%s is an action or function bound to %s, not to a collection of %s", s.Name, op.Binding, ShortName(t.Name))
			}
			cur.Collection = false
			continue
		}
		if cur.Collection {
			if _, ok := m.Property(t, s.Name); ok {
				if t.Kind != KindEntity {
					return fail(i, "%s is a property of one %s, but %s is a collection of %s values, which have no key to select one by", s.Name, ShortName(t.Name), segName(segs[i-1]), t.Kind)
				}
				return fail(i, "%s is a property of one %s, but %s is a collection: a key is missing", s.Name, ShortName(t.Name), segName(segs[i-1]))
			}
			return fail(i, "%q is neither a cast nor an operation bound to a collection of %s", s.Name, ShortName(t.Name))
		}
		return fail(i, "%q is neither a property of %s (or its base types) nor an operation bound to it", s.Name, ShortName(t.Name))
	}
	return Result{Type: cur, Operation: lastOp, Failed: -1}
}

// bound finds an action or function named name (short or qualified)
// bound to cur's type or a base type of it, with cur's collection-ness.
func (m *Model) bound(name string, cur TypeRef) *Operation {
	short := strings.ToLower(ShortName(name))
	qualified := strings.Contains(name, ".")
	var best *Operation
	bestDepth := -1
	for _, op := range m.ops[short] {
		if !op.Bound || op.Binding.Collection != cur.Collection {
			continue
		}
		if qualified && !strings.EqualFold(op.Name, name) {
			continue
		}
		// the nearest binding type wins (an override on a derived type)
		d := m.depth(cur.Name, op.Binding.Name)
		if d >= 0 && (best == nil || d < bestDepth) {
			best, bestDepth = op, d
		}
	}
	return best
}

// entity reports whether the type named name is an entity type: only
// entities have keys.
func (m *Model) entity(name string) bool {
	t := m.types[strings.ToLower(name)]
	return t != nil && t.Kind == KindEntity
}

// boundToKin finds an action or function named name bound to the type
// named typ, one of its base types or a type derived from it (single or
// collection).
func (m *Model) boundToKin(name, typ string) *Operation {
	for _, op := range m.ops[name] {
		if op.Bound && (m.DerivesFrom(op.Binding.Name, typ) || m.DerivesFrom(typ, op.Binding.Name)) {
			return op
		}
	}
	return nil
}

// depth is how many base-type steps lead from sub to base, -1 when none do.
func (m *Model) depth(sub, base string) int {
	t := m.types[strings.ToLower(sub)]
	for d := 0; t != nil && d < 64; d++ {
		if strings.EqualFold(t.Name, base) {
			return d
		}
		if t.BaseType == "" {
			break
		}
		t = m.types[strings.ToLower(t.BaseType)]
	}
	return -1
}

func segName(s Segment) string {
	if s.Name == "" {
		return "the key"
	}
	return s.Name
}

func retString(op *Operation) string {
	if op.Return == nil {
		return "nothing"
	}
	return op.Return.String()
}
