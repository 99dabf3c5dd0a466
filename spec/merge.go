package spec

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/graphpath"
	"github.com/graphdocgen/graphdocgen/internal/asciifold"
	"github.com/graphdocgen/graphdocgen/parser"
	"github.com/graphdocgen/graphdocgen/xgraph"
)

// methods are the HTTP methods in the order operations are merged.
var methods = []string{"DELETE", "GET", "HEAD", "PATCH", "POST", "PUT"}

// Merge merges fragments into one document, in the order of their pages'
// paths (x-graph-page), whatever the order they are given in. A (path,
// method) documented twice is kept from the page ranked first (opRank) and
// reported; a
// page schema replaces a stub of the same name; two page schemas of one
// name keep the first and are reported. Type names are matched without
// regard to case and every $ref is rewritten to one spelling per type: the
// spelling of the page that defines the type, else the first one met.
// Paths that differ only in the case of literal segments or in the names of
// their parameters are one path: the first spelling is kept. Merge takes
// ownership of the fragments: their objects become part of the result.
func Merge(frags []*openapi3.T, opts Options) (*openapi3.T, parser.Diagnostics) {
	order := make([]*mergeInput, 0, len(frags))
	for _, f := range frags {
		if f != nil {
			order = append(order, prepareMerge(f))
		}
	}
	slices.SortStableFunc(order, func(a, b *mergeInput) int {
		return strings.Compare(a.frag.Page, b.frag.Page)
	})
	m := newMerger(opts)
	for _, in := range order {
		m.add(in)
	}
	return m.finish()
}

// mergeInput is a fragment with what prepareMerge read of it. A merge
// runs in two stages, so that the first can run while the fragments are
// still being built (assemble): add takes the fragments in page order,
// merges their paths (which do not depend on the spelling of type names)
// and counts their schema keys for the spelling; finish, once all are
// added, fixes the spelling of every type, rewrites the $refs and merges
// the schemas, fragment by fragment in the same order, and puts the
// diagnostics in the order a merge of one fragment after the other gives
// them (the schemas' of a fragment, then its paths'). prepareMerge reads
// of one fragment what the merge needs of it alone, so it runs on the
// goroutine that built the fragment.
type mergeInput struct {
	f    *openapi3.T
	frag xgraph.Fragment
	// own are f's schemas under their own keys, sorted, each with whether
	// it is a page schema (isPageSchema), its schemaPrimacy under that
	// key and the page of its source (one slice: it was five a fragment).
	own []keyedSchema
	// schemas are f's schemas under their canonical keys, sorted, with
	// the same of each (rewriteRefs; own itself when every key is
	// canonical).
	schemas []keyedSchema
	refs    []*openapi3.SchemaRef // the schema $refs of f (schemaRefsOf)
	// paths are f's paths, sorted, and pathKeys their pathKey.
	paths, pathKeys []string
	pathDiags       parser.Diagnostics // mergePaths' diagnostics, from add
}

// prepareMerge reads a fragment for the merge. It reads f and the
// components the fragments share (which nothing changes while they are
// built and merged), and changes nothing.
func prepareMerge(f *openapi3.T) *mergeInput {
	return prepareMergeOf(f, xgraph.ReadFragment(f))
}

// prepareMergeOf is prepareMerge of a fragment whose root's vocabulary
// is frag.
func prepareMergeOf(f *openapi3.T, frag xgraph.Fragment) *mergeInput {
	in := &mergeInput{f: f, frag: frag, refs: schemaRefsOf(f)}
	if f.Components != nil {
		in.own = make([]keyedSchema, 0, len(f.Components.Schemas))
		for k, s := range f.Components.Schemas {
			e := keyedSchema{key: k, s: s, rank: primaryNone, ranked: true}
			if e.page = isPageSchema(s); e.page {
				e.rank = in.schemaPrimacy(k, s)
				e.pageOf = sourcePage(schemaSource(s))
			}
			in.own = append(in.own, e)
		}
		slices.SortFunc(in.own, compareKeyed)
	}
	if f.Paths != nil {
		in.paths = sortedKeys(f.Paths.Map())
		in.pathKeys = make([]string, len(in.paths))
		for i, p := range in.paths {
			in.pathKeys[i] = pathKey(p)
		}
	}
	return in
}

// file is the file the fragment's page was read from, for positions.
func (in *mergeInput) file() string { return cmp.Or(in.frag.File, in.frag.Page) }

// schemaPrimacy ranks a page schema s of the fragment as the primary
// definition of type key (see primacy).
func (in *mergeInput) schemaPrimacy(key string, s *openapi3.SchemaRef) int {
	if !isPageSchema(s) {
		return primaryNone
	}
	return primacy(sourcePage(schemaSource(s)), in.frag.Title, key)
}

// newMerger is a merger with nothing added.
func newMerger(opts Options) *merger {
	opts = opts.withDefaults()
	return &merger{
		doc:     newDoc(opts, nil),
		spell:   newSpelling(),
		paths:   map[string]string{},
		primacy: map[string]int{},
		files:   map[string]string{},
	}
}

// add is the first stage of merging the next fragment in page order.
func (m *merger) add(in *mergeInput) {
	m.order = append(m.order, in)
	m.spell.add(in)
	diags := m.diags
	m.diags = nil
	m.mergePaths(in)
	in.pathDiags, m.diags = m.diags, diags
}

// finish is the second stage, after every fragment is added: the merged
// document and the merge's diagnostics.
func (m *merger) finish() (*openapi3.T, parser.Diagnostics) {
	// The operations' IDs and the scopes they need are settled beside the
	// schemas: they read and write the operations, the schemas' stage
	// their schemas and $refs.
	var ids parser.Diagnostics
	idsDone := make(chan struct{})
	go func() {
		defer close(idsDone)
		ids = uniqueOperationIDs(m.doc)
		declareScopes(m.doc)
	}()
	m.canon = m.spell.canonical()
	// Sized for every key met, as most are kept.
	schemas := make(openapi3.Schemas, len(m.canon)+len(m.doc.Components.Schemas))
	maps.Copy(schemas, m.doc.Components.Schemas)
	m.doc.Components.Schemas = schemas
	m.primacy = make(map[string]int, len(m.canon))
	// Each fragment's $refs and keys are rewritten on their own (the
	// fragments share no $ref): this goroutine takes the fragments from
	// the front, rewriting and merging each in page order, and another
	// rewrites them from the back; where the two meet, this one waits
	// once for the other to be done (a channel a fragment cost 3,340 of
	// them on v1.0). ends holds the next fragment of the front (low 32
	// bits) and the end of those left to the back.
	order := m.order
	var ends atomic.Uint64
	ends.Store(uint64(len(order)) << 32)
	claim := func(front bool) int {
		for {
			v := ends.Load()
			f, b := v&math.MaxUint32, v>>32
			if f >= b {
				return -1
			}
			i, next := f, b<<32|(f+1)
			if !front {
				i, next = b-1, (b-1)<<32|f
			}
			if ends.CompareAndSwap(v, next) {
				return int(i)
			}
		}
	}
	backDone := make(chan struct{})
	go func() {
		defer close(backDone)
		for i := claim(false); i >= 0; i = claim(false) {
			m.rewriteRefs(order[i])
		}
	}()
	met := false
	for _, in := range order {
		if !met {
			// Only this goroutine takes the front: i is this fragment,
			// or the back has it and every one after.
			if claim(true) >= 0 {
				m.rewriteRefs(in)
			} else {
				<-backDone
				met = true
			}
		}
		m.mergeSchemas(in)
		m.diags = append(m.diags, in.pathDiags...)
	}
	if !met {
		<-backDone
	}
	m.order = nil
	for _, k := range m.stubs {
		if all := m.doc.Components.Schemas; all[k] == mergeStub {
			all[k] = stubSchema()
		}
	}
	m.stubs = nil
	<-idsDone
	m.diags = append(m.diags, ids...)
	m.diags.Sort()
	return m.doc, m.diags
}

type merger struct {
	doc     *openapi3.T
	order   []*mergeInput     // the fragments added, in page order
	spell   *spelling         // the keys' spellings, as the fragments are added
	canon   map[string]string // lower-case schema key -> canonical key
	paths   map[string]string // path key -> canonical path
	primacy map[string]int    // schema key -> primacy of its kept definition
	files   map[string]string // page path -> the file it was read from
	// stubs are the keys mergeSchemas put mergeStub under, for finish to
	// give each it keeps a stub of its own
	stubs []string
	diags parser.Diagnostics
}

// schemaSource is the source of a schema: "resources/NAME.md:LINE".
func schemaSource(s *openapi3.SchemaRef) string {
	if s == nil {
		return ""
	}
	src, _, _, _ := xgraph.SchemaMarks(s.Value)
	return src
}

// opSource is the source of an operation: "api/NAME.md:LINE".
func opSource(op *openapi3.Operation) string {
	x, _ := xgraph.ReadOperation(op)
	return x.Source
}

// sourcePage is the page of a source ("resources/user.md" for
// "resources/user.md:2").
func sourcePage(s string) string {
	if i := strings.LastIndexByte(s, ':'); i > 0 {
		if _, err := strconv.Atoi(s[i+1:]); err == nil {
			return s[:i]
		}
	}
	return s
}

// compareSources orders "PAGE:LINE" sources by page, then line number.
func compareSources(a, b string) int {
	pa, pb := sourcePage(a), sourcePage(b)
	if c := strings.Compare(pa, pb); c != 0 {
		return c
	}
	la, _ := strconv.Atoi(strings.TrimPrefix(a, pa+":"))
	lb, _ := strconv.Atoi(strings.TrimPrefix(b, pb+":"))
	return la - lb
}

// isStub reports whether a schema is a stub.
func isStub(s *openapi3.SchemaRef) bool { return xgraph.IsStub(s) }

// isPageSchema reports whether a schema is a type a page defines (not a
// stub, not a schema generated for a body or response).
func isPageSchema(s *openapi3.SchemaRef) bool {
	if s == nil || s.Value == nil {
		return false
	}
	src, stub, generated, _ := xgraph.SchemaMarks(s.Value)
	return !stub && !generated && src != ""
}

const collectionSuffix = "CollectionResponse"

// spelling decides the spelling of every schema key, from the fragments
// added one at a time in page order: the spelling of the page with the
// type's primary definition (schemaPrimacy), else of the first page
// defining it, else the first met; a collection response follows its
// type.
type spelling struct {
	canon map[string]string // lower-case key -> the primary page schema's key
	rank  map[string]int    // lower-case key -> the primacy of canon's
	first map[string]string // lower-case key -> the first key met
}

func newSpelling() *spelling {
	return &spelling{canon: map[string]string{}, rank: map[string]int{}, first: map[string]string{}}
}

func (s *spelling) add(in *mergeInput) {
	var buf [128]byte
	for _, e := range in.own {
		k := e.key
		// Most keys were met before (every fragment has the stubs of
		// the types it uses): the lower case is a string only for a key
		// to add.
		lowb := asciifold.AppendLower(buf[:0], k)
		if e.page {
			if old, ok := s.rank[string(lowb)]; !ok || e.rank < old {
				low := string(lowb)
				s.rank[low] = e.rank
				s.canon[low] = k
			}
		}
		if _, ok := s.first[string(lowb)]; !ok {
			s.first[string(lowb)] = k
		}
	}
}

// canonical is the spelling of every key of the fragments added.
func (s *spelling) canonical() map[string]string {
	canon := make(map[string]string, len(s.first))
	for low, k := range s.first {
		if c, ok := s.canon[low]; ok {
			k = c
		}
		canon[low] = k
	}
	for l, k := range canon {
		if base, ok := strings.CutSuffix(k, collectionSuffix); ok {
			if c, ok := canon[strings.ToLower(base)]; ok {
				canon[l] = c + collectionSuffix
			}
		}
	}
	return canon
}

func sortedKeys[V any](m map[string]V) []string {
	return appendSortedKeys(make([]string, 0, len(m)), m)
}

// appendSortedKeys appends the keys of m, sorted, to keys (sorting the
// whole of it).
func appendSortedKeys[V any](keys []string, m map[string]V) []string {
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// name is the canonical spelling of a schema key (its key when the
// fragments had no other). It reads only m.canon, so fragments are
// rewritten concurrently.
func (m *merger) name(key string) string {
	var buf [64]byte
	if c, ok := m.canon[string(asciifold.AppendLower(buf[:0], key))]; ok {
		return c
	}
	return key
}

// rewriteRefs rewrites every schema $ref of a fragment to the canonical
// spelling, and keys its schemas by it.
func (m *merger) rewriteRefs(in *mergeInput) {
	for _, s := range in.refs {
		if key, ok := strings.CutPrefix(s.Ref, "#/components/schemas/"); ok {
			if c := m.name(key); c != key {
				s.Ref = schemaRef(c)
			}
		}
	}
	f := in.f
	if f.Components == nil {
		return
	}
	// Most fragments spell every key canonically: their schemas stay
	// under their keys, in order.
	canonical := true
	for _, e := range in.own {
		if m.name(e.key) != e.key {
			canonical = false
			break
		}
	}
	if canonical {
		in.schemas = in.own
		return
	}
	renamed := make(openapi3.Schemas, len(in.own))
	at := map[string]int{} // canonical key -> its index in in.schemas
	// in.schemas is written over own as own is read: entry i is read
	// before any of index i or more is written.
	in.schemas = in.own[:0]
	for _, o := range in.own {
		s := o.s
		nk := m.name(o.key)
		e := o
		e.key, e.ranked = nk, nk == o.key
		if old, ok := renamed[nk]; ok {
			if !isStub(old) {
				continue // two spellings on one page: the first (sorted) stays
			}
			renamed[nk] = s
			in.schemas[at[nk]] = e
			continue
		}
		renamed[nk] = s
		at[nk] = len(in.schemas)
		in.schemas = append(in.schemas, e)
	}
	f.Components.Schemas = renamed
	if !slices.IsSortedFunc(in.schemas, compareKeyed) {
		slices.SortFunc(in.schemas, compareKeyed)
	}
}

// keyedSchema is a schema of a fragment under its canonical key, with
// what prepareMerge read of it: page (isPageSchema), pageOf (the page of
// its source, for a page schema) and, when ranked (its key is the one it
// was read under), rank (its schemaPrimacy).
type keyedSchema struct {
	key          string
	s            *openapi3.SchemaRef
	page, ranked bool
	pageOf       string
	rank         int
}

func compareKeyed(a, b keyedSchema) int { return strings.Compare(a.key, b.key) }

// schemaRefsOf is every schema $ref of a fragment that rewriteRefs
// rewrites: those of its schemas and of its operations' parameters,
// request bodies and responses, and of the schemas inside them.
func schemaRefsOf(f *openapi3.T) []*openapi3.SchemaRef {
	var refs []*openapi3.SchemaRef
	seen := map[*openapi3.Schema]bool{}
	var walk func(s *openapi3.SchemaRef)
	walk = func(s *openapi3.SchemaRef) {
		if s == nil {
			return
		}
		if s.Ref != "" {
			if strings.HasPrefix(s.Ref, "#/components/schemas/") {
				refs = append(refs, s)
			}
			return
		}
		v := s.Value
		if v == nil || isLeaf(v) || seen[v] {
			return
		}
		seen[v] = true
		for _, p := range v.Properties {
			walk(p)
		}
		for _, l := range []openapi3.SchemaRefs{v.AllOf, v.AnyOf, v.OneOf} {
			for _, x := range l {
				walk(x)
			}
		}
		walk(v.Items)
		walk(v.Not)
		walk(v.AdditionalProperties.Schema)
	}
	content := func(c openapi3.Content) {
		for _, mt := range c {
			if mt != nil {
				walk(mt.Schema)
			}
		}
	}
	if f.Components != nil {
		for _, s := range f.Components.Schemas {
			walk(s)
		}
	}
	if f.Paths == nil {
		return refs
	}
	for _, item := range f.Paths.Map() {
		for op := range operationsOf(item) {
			for _, p := range op.Parameters {
				if p != nil && p.Value != nil {
					walk(p.Value.Schema)
				}
			}
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				content(op.RequestBody.Value.Content)
			}
			if op.Responses != nil {
				for _, r := range xgraph.Responses(op.Responses) {
					if r != nil && r.Value != nil {
						content(r.Value.Content)
					}
				}
			}
		}
	}
	return refs
}

// isLeaf reports whether a schema holds no other schema: schemaRefsOf
// finds nothing in it, and need not remember it (most schemas of a
// fragment are properties of a primitive type).
func isLeaf(v *openapi3.Schema) bool {
	return len(v.Properties) == 0 && len(v.AllOf) == 0 && len(v.AnyOf) == 0 && len(v.OneOf) == 0 &&
		v.Items == nil && v.Not == nil && v.AdditionalProperties.Schema == nil
}

// sourcePos turns a source ("api/x.md:12") into a position in file (the
// page's file as the user named it), when given.
func sourcePos(s string, file string) parser.Pos {
	if s == "" {
		return parser.Pos{File: file}
	}
	pos := parser.Pos{File: s}
	if i := strings.LastIndexByte(s, ':'); i > 0 {
		if n, err := strconv.Atoi(s[i+1:]); err == nil {
			pos = parser.Pos{File: s[:i], Line: n}
		}
	}
	if file != "" {
		pos.File = file
	}
	return pos
}

func sourceOf(s string, fallback string) string {
	if s != "" {
		return s
	}
	return fallback
}

// mergeSchemas adds a fragment's schemas.
func (m *merger) mergeSchemas(in *mergeInput) {
	f := in.f
	if f.Components == nil {
		return
	}
	all := m.doc.Components.Schemas
	for _, e := range in.schemas {
		k, s := e.key, e.s
		if s == nil {
			continue
		}
		old, ok := all[k]
		if e.page {
			m.files[e.pageOf] = in.file()
		}
		rank := func() int {
			if e.ranked {
				return e.rank
			}
			return in.schemaPrimacy(k, s)
		}
		switch {
		case !ok:
			if s == mergeStub {
				// Most are replaced by a later page's schema (the api
				// pages come before the resource pages): the stub of
				// its own is made once the merge is done (finish).
				m.stubs = append(m.stubs, k)
			}
			all[k] = s
			m.primacy[k] = rank()
		case isStub(s):
		case isStub(old):
			all[k] = s
			m.primacy[k] = rank()
		case k == errorSchema:
		case isPageSchema(old) && isPageSchema(s):
			if in.schemaPrimacy(k, s) < m.primacy[k] {
				// s is the primary definition: the earlier ones add to it.
				old, s = s, old
				all[k] = old
				m.primacy[k] = in.schemaPrimacy(k, old)
			}
			added, ok := mergeType(old.Value, s.Value)
			what := "that definition is kept"
			switch {
			case ok && len(added) > 0:
				what = fmt.Sprintf("merged: %s added", strings.Join(added, ", "))
				if len(added) > 8 {
					what = fmt.Sprintf("merged: %d properties or members added", len(added))
				}
			case ok:
				what = "merged: nothing new"
			}
			if ok {
				ox, _ := xgraph.ReadSchema(old.Value)
				lx, _ := xgraph.ReadSchema(s.Value)
				also := append(append(slices.Clone(ox.AlsoDocumented), lx.AlsoDocumented...), sourceOf(lx.Source, in.frag.Page))
				slices.SortFunc(also, compareSources)
				ox.AlsoDocumented = slices.Compact(also)
				xgraph.WriteSchema(old.Value, ox)
				lx.AlsoDocumented = nil
				xgraph.WriteSchema(s.Value, lx)
			}
			src := schemaSource(s)
			m.diags = append(m.diags, parser.Warnf(sourcePos(src, m.files[sourcePage(src)]), "duplicate-type",
				"type %s is also defined at %s; %s", k, schemaSource(old), what))
		default:
			if !sameJSON(old, s) {
				m.diags = append(m.diags, parser.Warnf(sourcePos(schemaSource(s), in.file()), "duplicate-schema",
					"schema %s differs from the one from %s; the first is kept", k, schemaSource(old)))
			}
		}
	}
}

// sameJSON reports whether a and b marshal to the same JSON. Values that
// are deeply equal do (the marshaling is a function of the value, map keys
// sorted), which spares the marshaling of the common case; others are
// marshaled and compared.
func sameJSON(a, b any) bool {
	if reflect.DeepEqual(a, b) {
		return true
	}
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(x) == string(y)
}

// pathKey identifies a path whatever the case of its literal segments and
// the names of its parameters.
func pathKey(p string) string {
	return graphpath.Identity(p)
}

// mergePaths adds a fragment's operations.
func (m *merger) mergePaths(in *mergeInput) {
	f := in.f
	for i, p := range in.paths {
		item := f.Paths.Value(p)
		if item == nil {
			continue
		}
		key := in.pathKeys[i]
		canon, ok := m.paths[key]
		if !ok {
			canon = p
			m.paths[key] = p
		}
		var rename map[string]string // parameter names, when p is not canon's spelling
		if canon != p {
			rename = map[string]string{}
			from := graphpath.PlaceholderNames(p)
			to := graphpath.PlaceholderNames(canon)
			for i := range from {
				if i < len(to) && from[i] != to[i] {
					rename[from[i]] = to[i]
				}
			}
		}
		target := m.doc.Paths.Value(canon)
		if target == nil {
			target = &openapi3.PathItem{}
			m.doc.Paths.Set(canon, target)
		}
		for _, method := range methods {
			op := item.GetOperation(method)
			if op == nil {
				continue
			}
			if canon != p {
				for _, prm := range op.Parameters {
					if prm != nil && prm.Value != nil && prm.Value.In == openapi3.ParameterInPath {
						if n, ok := rename[prm.Value.Name]; ok {
							prm.Value.Name = n
						}
					}
				}
				op.OperationID = operationID(method, canon)
			}
			old := target.GetOperation(method)
			if old == nil {
				target.SetOperation(method, op)
				continue
			}
			kept, lost := old, op
			if names := pathResources(canon); rankOperation(op, names).less(rankOperation(old, names)) {
				kept, lost = op, old
				target.SetOperation(method, op)
			}
			kx, _ := xgraph.ReadOperation(kept)
			lx, _ := xgraph.ReadOperation(lost)
			variant := lx.Query != "" && lx.Query != kx.Query
			if !variant {
				m.diags = append(m.diags, parser.Warnf(sourcePos(opSource(op), in.file()), "duplicate-operation",
					"%s %s is documented by %s and %s; %s is kept (see the rule in the spec package)",
					method, canon, opSource(old), opSource(op), opSource(kept)))
			}
			kx.Variants = mergeVariants(kx, lx, lost)
			lx.Variants = nil
			also := append(slices.Clone(lx.AlsoDocumented), kx.AlsoDocumented...)
			if lx.Source != "" && !variant {
				also = append(also, lx.Source)
			}
			if len(also) == 0 {
				xgraph.WriteOperation(kept, kx)
			}
			if len(also) > 0 {
				slices.SortFunc(also, compareSources)
				kx.AlsoDocumented = slices.Compact(also)
				xgraph.WriteOperation(kept, kx)
			}
			lx.AlsoDocumented = nil
			xgraph.WriteOperation(lost, lx)
			mergeExamples(kept, lost)
		}
	}
}

// mergeVariants is the kept operation's query variants once lost, an
// operation of the same (path, method), is merged into it: lost itself
// when it has a fixed query of its own, and its variants; each fixed
// query once (the first source wins), none the kept operation's own, in
// source order. A variant that was lost keeps its own page's summary,
// description and permissions (lostOp's).
func mergeVariants(kept, lost xgraph.Operation, lostOp *openapi3.Operation) []xgraph.QueryVariant {
	all := append(slices.Clone(kept.Variants), lost.Variants...)
	if lost.Query != "" {
		all = append(all, xgraph.QueryVariant{Page: lost.Page, Query: lost.Query, Source: lost.Source,
			Summary: lostOp.Summary, Description: lostOp.Description, Permissions: lost.Permissions})
	}
	slices.SortStableFunc(all, func(a, b xgraph.QueryVariant) int { return compareSources(a.Source, b.Source) })
	seen := map[string]bool{kept.Query: true}
	var out []xgraph.QueryVariant
	for _, v := range all {
		if !seen[v.Query] {
			seen[v.Query] = true
			out = append(out, v)
		}
	}
	return out
}

// uniqueOperationIDs gives operations that would share an ID a numeric
// suffix, in path order, and reports each.
func uniqueOperationIDs(doc *openapi3.T) parser.Diagnostics {
	var diags parser.Diagnostics
	used := map[string]bool{}
	for _, p := range doc.Paths.Keys() {
		item := doc.Paths.Value(p)
		for _, method := range methods {
			op := item.GetOperation(method)
			if op == nil {
				continue
			}
			id := op.OperationID
			if id == "" {
				id = operationID(method, p)
			}
			out, low := id, strings.ToLower(id)
			for n := 2; used[low]; n++ {
				out = id + strconv.Itoa(n)
				low = strings.ToLower(out)
			}
			if out != id {
				diags = append(diags, parser.Warnf(sourcePos(opSource(op), ""), "duplicate-operation-id",
					"operation ID %s is taken; %s is used", id, out))
			}
			used[low] = true
			op.OperationID = out
		}
	}
	return diags
}

// mergeType adds to old, a type a page defines, what a later definition of
// the same type adds: the properties it does not have (the docs split big
// types such as deviceManagement over several pages, each listing some of
// the properties), its base type when old has none, and for enumerations
// the members it does not have. ok is false when the two cannot merge (an
// object and an enumeration), and old is left as it is. added names what
// was added, sorted.
func mergeType(old, later *openapi3.Schema) (added []string, ok bool) {
	if len(old.Enum) > 0 || len(later.Enum) > 0 {
		if len(old.Enum) == 0 || len(later.Enum) == 0 {
			return nil, false
		}
		have := map[any]bool{}
		for _, e := range old.Enum {
			have[e] = true
		}
		for _, e := range later.Enum {
			if !have[e] {
				have[e] = true
				old.Enum = append(old.Enum, e)
				added = append(added, fmt.Sprint(e))
			}
		}
		lx, _ := xgraph.ReadSchema(later)
		if len(lx.EnumValues) > 0 {
			ox, _ := xgraph.ReadSchema(old)
			if ox.EnumValues == nil {
				ox.EnumValues = map[string]xgraph.EnumValue{}
			}
			for _, k := range sortedKeys(lx.EnumValues) {
				if _, dup := ox.EnumValues[k]; !dup {
					ox.EnumValues[k] = lx.EnumValues[k]
				}
			}
			xgraph.WriteSchema(old, ox)
		}
		return added, true
	}
	oldOwn, laterOwn := ownProps(old), ownProps(later)
	if oldOwn == nil || laterOwn == nil {
		return nil, false
	}
	if len(old.AllOf) == 0 && len(later.AllOf) == 2 && later.AllOf[0].Ref != "" {
		// Adopt the later page's base type.
		own := &openapi3.Schema{Type: oldOwn.Type, Properties: oldOwn.Properties, Required: oldOwn.Required}
		old.Type, old.Properties, old.Required = nil, nil, nil
		old.AllOf = openapi3.SchemaRefs{later.AllOf[0], {Value: own}}
		oldOwn = own
		added = append(added, "base type "+strings.TrimPrefix(later.AllOf[0].Ref, "#/components/schemas/"))
	}
	if oldOwn.Properties == nil {
		oldOwn.Properties = openapi3.Schemas{}
	}
	for _, k := range sortedKeys(laterOwn.Properties) {
		if _, dup := oldOwn.Properties[k]; !dup {
			oldOwn.Properties[k] = laterOwn.Properties[k]
			added = append(added, k)
		}
	}
	return added, true
}

// ownProps is the object schema holding a type's own properties: the type
// itself, or the inline part of its allOf.
func ownProps(s *openapi3.Schema) *openapi3.Schema {
	if len(s.AllOf) > 0 {
		for _, part := range s.AllOf {
			if part.Ref == "" && part.Value != nil {
				return part.Value
			}
		}
		return nil
	}
	if s.Type != nil && s.Type.Is("object") {
		return s
	}
	return nil
}

// mergeExamples attaches the examples of op, an operation dropped because
// another page documents the same (path, method), to old, the kept one:
// each x-graph-examples entry (its source still names its own page) and
// its request and response bodies. A name old already uses gets the first
// free "_N" suffix (N from 2), as on a page. A body goes to old's media
// type as a page's example would (the JSON one for JSON, else the only
// one); a request body is dropped when old takes none.
func mergeExamples(old, op *openapi3.Operation) {
	lx, _ := xgraph.ReadOperation(op)
	if len(lx.Examples) == 0 {
		return
	}
	ox, _ := xgraph.ReadOperation(old)
	have := slices.Clone(ox.Examples)
	used := map[string]bool{}
	for _, e := range have {
		used[strings.ToLower(e.Name)] = true
	}
	for _, entry := range lx.Examples {
		name := entry.Name
		out := name
		for k := 2; used[strings.ToLower(out)]; k++ {
			out = name + "_" + strconv.Itoa(k)
		}
		used[strings.ToLower(out)] = true
		entry.Name = out
		if op.RequestBody != nil && op.RequestBody.Value != nil && old.RequestBody != nil && old.RequestBody.Value != nil {
			if v, ok := exampleBody(op.RequestBody.Value.Content, name); ok {
				addExample(old.RequestBody.Value.Content, out, v, entry.RequestBodyFormat != textFormat)
			}
		}
		if op.Responses != nil && old.Responses != nil {
			for _, k := range op.Responses.Keys() {
				r := op.Responses.Value(k)
				if r == nil || r.Value == nil {
					continue
				}
				v, ok := exampleBody(r.Value.Content, name)
				if !ok {
					continue
				}
				dst := old.Responses.Value(k)
				if dst == nil || dst.Value == nil || len(dst.Value.Content) == 0 {
					dst = successResponse(old)
				}
				if dst != nil {
					addExample(dst.Value.Content, out, v, entry.ResponseBodyFormat != textFormat)
				}
				break
			}
		}
		have = append(have, entry)
	}
	ox.Examples = have
	xgraph.WriteOperation(old, ox)
}

// exampleBody finds the example called name in content.
func exampleBody(c openapi3.Content, name string) (any, bool) {
	for _, media := range sortedKeys(c) {
		if mt := c[media]; mt != nil {
			if ex := mt.Examples[name]; ex != nil && ex.Value != nil {
				return ex.Value.Value, true
			}
		}
	}
	return nil, false
}

// addExample adds an example body to content's media type for it.
func addExample(c openapi3.Content, name string, v any, isJSON bool) {
	mt := pickMedia(c, isJSON)
	if mt == nil {
		return
	}
	if mt.Examples == nil {
		mt.Examples = openapi3.Examples{}
	}
	mt.Examples[name] = &openapi3.ExampleRef{Value: &openapi3.Example{Value: v}}
}

// successResponse is op's success response (xgraph.SuccessResponse) when
// it has content, else nil.
func successResponse(op *openapi3.Operation) *openapi3.ResponseRef {
	if _, r := xgraph.SuccessResponse(op); r != nil && len(r.Content) > 0 {
		return &openapi3.ResponseRef{Value: r}
	}
	return nil
}
