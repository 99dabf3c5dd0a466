// Package csdl reads a service's OData CSDL metadata ($metadata XML, as
// Microsoft Graph publishes it) and walks documented request paths against
// it.
//
// Parse reads the schemas (namespaces and their aliases), entity and
// complex types with their base types, structural and navigation
// properties (ContainsTarget kept), enumeration types and their members,
// the entity container's entity sets, singletons and imports, and the
// bound and unbound actions and functions with their binding parameter
// and return types. Every type name is kept fully qualified
// ("microsoft.graph.user"), aliases resolved; look-ups ignore case, as the
// service does in URLs.
//
// Model.Resolve walks a path segment by segment and returns the type it
// reaches, or the first segment that fails and why.
package csdl

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// TypeRef is a type as the metadata writes it: a qualified name and
// whether it is a collection ("Collection(microsoft.graph.user)").
type TypeRef struct {
	Name       string // fully qualified: "microsoft.graph.user", "Edm.String"
	Collection bool
}

func (t TypeRef) String() string {
	if t.Collection {
		return "Collection(" + t.Name + ")"
	}
	return t.Name
}

// Short is the name without its namespace: "user", "String".
func (t TypeRef) Short() string {
	return ShortName(t.Name)
}

// ShortName is a qualified name without its namespace.
func ShortName(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// Kind is what a named type is.
type Kind string

const (
	KindEntity    Kind = "entity"
	KindComplex   Kind = "complex"
	KindEnum      Kind = "enum"
	KindPrimitive Kind = "primitive" // Edm.*
)

// Property is a structural or navigation property.
type Property struct {
	Name           string
	Type           TypeRef
	Navigation     bool
	ContainsTarget bool
}

// Type is an entity, complex or enumeration type.
type Type struct {
	Name     string // fully qualified
	Kind     Kind
	BaseType string // fully qualified, empty when none
	Abstract bool
	Open     bool
	Stream   bool // HasStream
	// Properties are the type's own properties (not its base types'), in
	// document order.
	Properties []Property
	// Members are an enumeration's member names, in document order.
	Members []string
	Flags   bool
}

// Operation is an action or function.
type Operation struct {
	Name       string // fully qualified
	Function   bool   // a function (else an action)
	Bound      bool
	Binding    TypeRef // the binding parameter's type, when Bound
	Params     []string
	Return     *TypeRef // nil when the operation returns nothing
	Composable bool
}

// Model is a parsed metadata document.
type Model struct {
	types      map[string]*Type        // lower-case qualified name
	byShort    map[string][]*Type      // lower-case short name
	ops        map[string][]*Operation // lower-case short name
	sets       map[string]TypeRef      // entity sets (collections) and singletons, lower-case name
	imports    map[string]*Operation   // function and action imports, lower-case name
	namespaces []string
	derived    map[string][]string // lower-case qualified base -> qualified derived types
}

// XML shapes (the subset read).
type (
	xEdmx struct {
		Schemas []xSchema `xml:"DataServices>Schema"`
	}
	xSchema struct {
		Namespace  string        `xml:"Namespace,attr"`
		Alias      string        `xml:"Alias,attr"`
		Enums      []xEnum       `xml:"EnumType"`
		Entities   []xStructured `xml:"EntityType"`
		Complexes  []xStructured `xml:"ComplexType"`
		Actions    []xOperation  `xml:"Action"`
		Functions  []xOperation  `xml:"Function"`
		Containers []xContainer  `xml:"EntityContainer"`
	}
	xEnum struct {
		Name    string `xml:"Name,attr"`
		IsFlags bool   `xml:"IsFlags,attr"`
		Members []struct {
			Name string `xml:"Name,attr"`
		} `xml:"Member"`
	}
	xStructured struct {
		Name      string `xml:"Name,attr"`
		BaseType  string `xml:"BaseType,attr"`
		Abstract  bool   `xml:"Abstract,attr"`
		OpenType  bool   `xml:"OpenType,attr"`
		HasStream bool   `xml:"HasStream,attr"`
		Props     []struct {
			Name string `xml:"Name,attr"`
			Type string `xml:"Type,attr"`
		} `xml:"Property"`
		Navs []struct {
			Name           string `xml:"Name,attr"`
			Type           string `xml:"Type,attr"`
			ContainsTarget bool   `xml:"ContainsTarget,attr"`
		} `xml:"NavigationProperty"`
	}
	xOperation struct {
		Name         string `xml:"Name,attr"`
		IsBound      bool   `xml:"IsBound,attr"`
		IsComposable bool   `xml:"IsComposable,attr"`
		Params       []struct {
			Name string `xml:"Name,attr"`
			Type string `xml:"Type,attr"`
		} `xml:"Parameter"`
		Return *struct {
			Type string `xml:"Type,attr"`
		} `xml:"ReturnType"`
	}
	xContainer struct {
		Sets []struct {
			Name       string `xml:"Name,attr"`
			EntityType string `xml:"EntityType,attr"`
		} `xml:"EntitySet"`
		Singletons []struct {
			Name string `xml:"Name,attr"`
			Type string `xml:"Type,attr"`
		} `xml:"Singleton"`
		FunctionImports []struct {
			Name     string `xml:"Name,attr"`
			Function string `xml:"Function,attr"`
		} `xml:"FunctionImport"`
		ActionImports []struct {
			Name   string `xml:"Name,attr"`
			Action string `xml:"Action,attr"`
		} `xml:"ActionImport"`
	}
)

// ParseFile reads and parses a metadata file.
func ParseFile(name string) (*Model, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("read metadata: %w", err)
	}
	defer f.Close()
	m, err := Parse(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return m, nil
}

// Parse parses a CSDL document. A document without any schema is an error.
func Parse(r io.Reader) (*Model, error) {
	var doc xEdmx
	dec := xml.NewDecoder(r)
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("parse metadata: no XML element: not a CSDL document")
		}
		if line, ok := decoderLine(dec); ok {
			return nil, fmt.Errorf("parse metadata: line %d: %w", line, err)
		}
		return nil, fmt.Errorf("parse metadata: %w", err)
	}
	if len(doc.Schemas) == 0 {
		return nil, fmt.Errorf("parse metadata: no edmx:DataServices/Schema element: not a CSDL document")
	}
	m := &Model{
		types: map[string]*Type{}, byShort: map[string][]*Type{}, ops: map[string][]*Operation{},
		sets: map[string]TypeRef{}, imports: map[string]*Operation{}, derived: map[string][]string{},
	}
	alias := map[string]string{}
	for _, s := range doc.Schemas {
		m.namespaces = append(m.namespaces, s.Namespace)
		if s.Alias != "" {
			alias[s.Alias] = s.Namespace
		}
	}
	sort.Strings(m.namespaces)
	qualify := func(name string) string {
		if i := strings.LastIndexByte(name, '.'); i > 0 {
			if ns, ok := alias[name[:i]]; ok {
				return ns + name[i:]
			}
		}
		return name
	}
	ref := func(s string) TypeRef {
		if in, ok := strings.CutPrefix(s, "Collection("); ok && strings.HasSuffix(in, ")") {
			return TypeRef{Name: qualify(strings.TrimSuffix(in, ")")), Collection: true}
		}
		return TypeRef{Name: qualify(s)}
	}
	add := func(t *Type) {
		m.types[strings.ToLower(t.Name)] = t
		short := strings.ToLower(ShortName(t.Name))
		m.byShort[short] = append(m.byShort[short], t)
		if t.BaseType != "" {
			b := strings.ToLower(t.BaseType)
			m.derived[b] = append(m.derived[b], t.Name)
		}
	}
	structured := func(ns string, x xStructured, kind Kind) {
		t := &Type{Name: ns + "." + x.Name, Kind: kind, Abstract: x.Abstract, Open: x.OpenType, Stream: x.HasStream}
		if x.BaseType != "" {
			t.BaseType = qualify(x.BaseType)
		}
		for _, p := range x.Props {
			t.Properties = append(t.Properties, Property{Name: p.Name, Type: ref(p.Type)})
		}
		for _, p := range x.Navs {
			t.Properties = append(t.Properties, Property{Name: p.Name, Type: ref(p.Type), Navigation: true, ContainsTarget: p.ContainsTarget})
		}
		add(t)
	}
	var containers []xContainer
	for _, s := range doc.Schemas {
		ns := s.Namespace
		for _, e := range s.Enums {
			t := &Type{Name: ns + "." + e.Name, Kind: KindEnum, Flags: e.IsFlags}
			for _, mb := range e.Members {
				t.Members = append(t.Members, mb.Name)
			}
			add(t)
		}
		for _, x := range s.Entities {
			structured(ns, x, KindEntity)
		}
		for _, x := range s.Complexes {
			structured(ns, x, KindComplex)
		}
		for gi, group := range [][]xOperation{s.Actions, s.Functions} {
			for _, x := range group {
				op := &Operation{Name: ns + "." + x.Name, Function: gi == 1, Bound: x.IsBound, Composable: x.IsComposable}
				for i, p := range x.Params {
					if i == 0 && x.IsBound {
						op.Binding = ref(p.Type)
						continue
					}
					op.Params = append(op.Params, p.Name)
				}
				if x.Return != nil {
					r := ref(x.Return.Type)
					op.Return = &r
				}
				k := strings.ToLower(x.Name)
				m.ops[k] = append(m.ops[k], op)
			}
		}
		containers = append(containers, s.Containers...)
	}
	for _, c := range containers {
		for _, s := range c.Sets {
			m.sets[strings.ToLower(s.Name)] = TypeRef{Name: qualify(s.EntityType), Collection: true}
		}
		for _, s := range c.Singletons {
			m.sets[strings.ToLower(s.Name)] = TypeRef{Name: qualify(s.Type)}
		}
		for _, fi := range c.FunctionImports {
			if op := m.operation(qualify(fi.Function), false); op != nil {
				m.imports[strings.ToLower(fi.Name)] = op
			}
		}
		for _, ai := range c.ActionImports {
			if op := m.operation(qualify(ai.Action), false); op != nil {
				m.imports[strings.ToLower(ai.Name)] = op
			}
		}
	}
	return m, nil
}

// decoderLine is the decoder's current line, when it can tell.
func decoderLine(dec *xml.Decoder) (int, bool) {
	line, _ := dec.InputPos()
	return line, line > 0
}

// operation finds an operation by qualified name and boundness.
func (m *Model) operation(name string, bound bool) *Operation {
	for _, op := range m.ops[strings.ToLower(ShortName(name))] {
		if strings.EqualFold(op.Name, name) && op.Bound == bound {
			return op
		}
	}
	return nil
}

// Namespaces are the schemas' namespaces, sorted.
func (m *Model) Namespaces() []string { return m.namespaces }

// Type finds a type by qualified name (aliases not accepted) or, when the
// name has no namespace, by its short name in microsoft.graph first, then
// in any namespace that alone defines it. Case is ignored.
func (m *Model) Type(name string) *Type {
	name = strings.TrimPrefix(name, "#")
	if t := m.types[strings.ToLower(name)]; t != nil {
		return t
	}
	if strings.Contains(name, ".") {
		return nil
	}
	if t := m.types["microsoft.graph."+strings.ToLower(name)]; t != nil {
		return t
	}
	if ts := m.byShort[strings.ToLower(name)]; len(ts) == 1 {
		return ts[0]
	}
	return nil
}

// Types are all named types, sorted by qualified name.
func (m *Model) Types() []*Type {
	out := make([]*Type, 0, len(m.types))
	for _, t := range m.types {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Property finds a property of t or of its base types, ignoring case.
func (m *Model) Property(t *Type, name string) (Property, bool) {
	for seen := 0; t != nil && seen < 64; seen++ {
		for _, p := range t.Properties {
			if strings.EqualFold(p.Name, name) {
				return p, true
			}
		}
		if t.BaseType == "" {
			break
		}
		t = m.types[strings.ToLower(t.BaseType)]
	}
	return Property{}, false
}

// AllProperties are the properties of t and its base types, t's own first.
func (m *Model) AllProperties(t *Type) []Property {
	var out []Property
	for seen := 0; t != nil && seen < 64; seen++ {
		out = append(out, t.Properties...)
		if t.BaseType == "" {
			break
		}
		t = m.types[strings.ToLower(t.BaseType)]
	}
	return out
}

// Open reports whether t or one of its base types is an open type.
func (m *Model) Open(t *Type) bool {
	for seen := 0; t != nil && seen < 64; seen++ {
		if t.Open {
			return true
		}
		if t.BaseType == "" {
			break
		}
		t = m.types[strings.ToLower(t.BaseType)]
	}
	return false
}

// DerivesFrom reports whether the type named sub is base or derives from
// it (both qualified).
func (m *Model) DerivesFrom(sub, base string) bool {
	t := m.types[strings.ToLower(sub)]
	for seen := 0; t != nil && seen < 64; seen++ {
		if strings.EqualFold(t.Name, base) {
			return true
		}
		if t.BaseType == "" {
			break
		}
		t = m.types[strings.ToLower(t.BaseType)]
	}
	return false
}
