package lint

import (
	"path"
	"strings"

	"github.com/graphdocgen/graphdocgen/parser"
)

// index finds the resource pages of one docs tree by type name or link.
type index struct {
	byName map[string]*parser.Resource // lower-case name, with and without namespace
	byPath map[string]*parser.Resource // page path such as "resources/event.md"
}

// docsRoot is the part of a page's File before its Path: pages of one docs
// tree share it.
func docsRoot(p *parser.Page) string {
	f := strings.ReplaceAll(p.File, "\\", "/")
	if p.Path != "" && strings.HasSuffix(f, p.Path) {
		return f[:len(f)-len(p.Path)]
	}
	return path.Dir(path.Dir(f)) + "/"
}

// buildIndexes makes one index per docs tree. When pages of one tree
// define the same name (resources/user.md and
// resources/intune-devices-user.md both define "user"), the name goes to
// the page whose file is named after it, else to the one with the most
// properties, else to the first by path.
func buildIndexes(pages []*parser.Page) map[string]*index {
	out := map[string]*index{}
	rank := func(p *parser.Page, key string) (named bool, size int) {
		base := strings.TrimSuffix(strings.ToLower(path.Base(p.Path)), ".md")
		return base == key, len(p.Resource.Properties) + len(p.Resource.Relationships)
	}
	owner := map[*parser.Resource]*parser.Page{}
	for _, p := range sortedPages(pages) {
		if p.Resource == nil {
			continue
		}
		root := docsRoot(p)
		ix := out[root]
		if ix == nil {
			ix = &index{byName: map[string]*parser.Resource{}, byPath: map[string]*parser.Resource{}}
			out[root] = ix
		}
		r := p.Resource
		owner[r] = p
		ix.byPath[strings.ToLower(p.Path)] = r
		for _, n := range []string{r.Name, r.ODataType} {
			k := typeKey(n)
			if k == "" {
				continue
			}
			if prev, dup := ix.byName[k]; dup {
				pn, ps := rank(owner[prev], k)
				nn, ns := rank(p, k)
				if pn || (!nn && ps >= ns) {
					continue
				}
			}
			ix.byName[k] = r
		}
	}
	return out
}

// typeKey is the lookup key of a type name: lower case, without "#",
// the "microsoft.graph." namespace and "Collection(...)".
func typeKey(n string) string {
	n = strings.ToLower(strings.TrimSpace(n))
	n = strings.TrimPrefix(n, "#")
	if strings.HasPrefix(n, "collection(") && strings.HasSuffix(n, ")") {
		n = n[len("collection(") : len(n)-1]
	}
	n = strings.TrimPrefix(n, "microsoft.graph.")
	return n
}

// lookup finds a type by its link, else by its name.
func (ix *index) lookup(t parser.TypeRef) *parser.Resource {
	if ix == nil {
		return nil
	}
	if t.Link != "" {
		if r := ix.byPath[strings.ToLower(strings.SplitN(t.Link, "#", 2)[0])]; r != nil {
			return r
		}
	}
	return ix.byName[typeKey(t.Name)]
}

// typeProps is what a type and its base types define.
type typeProps struct {
	names map[string]parser.Property // lower-case property name
	open  bool                       // the type or a base type is open
	types []string                   // the chain, most derived first
}

// props collects the properties and relationships of r and of its base
// types, case-insensitively.
func (ix *index) props(r *parser.Resource) typeProps {
	tp := typeProps{names: map[string]parser.Property{}}
	seen := map[*parser.Resource]bool{}
	for r != nil && !seen[r] {
		seen[r] = true
		tp.types = append(tp.types, r.Name)
		tp.open = tp.open || r.OpenType
		if m, ok := r.JSON.(map[string]any); ok {
			for k := range m {
				if lk := strings.ToLower(k); !isAnnotationKey(k) {
					if _, ok := tp.names[lk]; !ok {
						tp.names[lk] = parser.Property{Name: k, Pos: r.JSONPos}
					}
				}
			}
		}
		for _, list := range [][]parser.Property{r.Properties, r.Relationships} {
			for _, p := range list {
				k := strings.ToLower(p.Name)
				if _, ok := tp.names[k]; !ok {
					tp.names[k] = p
				}
			}
		}
		if r.BaseType == nil {
			break
		}
		r = ix.lookup(*r.BaseType)
	}
	return tp
}

// has reports whether name is a known property.
func (tp typeProps) has(name string) bool {
	_, ok := tp.names[strings.ToLower(name)]
	return ok
}
