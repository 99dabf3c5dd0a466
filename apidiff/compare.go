package apidiff

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/graphpath"
	"github.com/graphdocgen/graphdocgen/xgraph"
)

// Change kinds. See the package documentation for when each is breaking.
const (
	KindPageAdded                = "page-added"
	KindPageRemoved              = "page-removed"
	KindPageChanged              = "page-changed"
	KindOperationAdded           = "operation-added"
	KindOperationRemoved         = "operation-removed"
	KindVariantAdded             = "variant-added"
	KindVariantRemoved           = "variant-removed"
	KindPathRenamed              = "path-renamed"
	KindParameterAdded           = "parameter-added"
	KindParameterRemoved         = "parameter-removed"
	KindParameterRequiredChanged = "parameter-required-changed"
	KindParameterTypeChanged     = "parameter-type-changed"
	KindRequestBodyChanged       = "request-body-changed"
	KindResponseTypeChanged      = "response-type-changed"
	KindStatusChanged            = "status-changed"
	KindPermissionsChanged       = "permissions-changed"
	KindSchemaAdded              = "schema-added"
	KindSchemaRemoved            = "schema-removed"
	KindBaseTypeChanged          = "base-type-changed"
	KindPropertyAdded            = "property-added"
	KindPropertyRemoved          = "property-removed"
	KindPropertyTypeChanged      = "property-type-changed"
	KindEnumValueAdded           = "enum-value-added"
	KindEnumValueRemoved         = "enum-value-removed"
)

// Change is one difference between two documents.
type Change struct {
	// Kind is one of the Kind* constants.
	Kind string `json:"kind"`
	// Breaking tells whether a client of the old document may fail
	// against the new one.
	Breaking bool `json:"breaking"`
	// Method and Path name the operation (Path as in the new document, or
	// the old one for removals); empty for page and schema changes.
	Method string `json:"method,omitempty"`
	Path   string `json:"path,omitempty"`
	// Query is the fixed query of the query variant
	// (x-graph-query-variants) the change is about, "" for the operation
	// itself: a variant is compared as an operation of its own.
	Query string `json:"query,omitempty"`
	// OperationID is the operation's operationId (new, or old for
	// removals).
	OperationID string `json:"operationId,omitempty"`
	// Page is the docs page (x-graph-page) of the operation, or the page
	// a page change is about.
	Page string `json:"page,omitempty"`
	// Schema is the components/schemas name a schema change is about.
	Schema string `json:"schema,omitempty"`
	// Detail says what changed, in a few words.
	Detail string `json:"detail,omitempty"`
	// Source is the x-graph-source ("api/NAME.md:LINE") of the new
	// operation or schema, or of the old one for removals.
	Source string `json:"source,omitempty"`
}

// Report is the changelog between two documents.
type Report struct {
	// Changes are sorted: operation changes by path, method, kind and
	// detail; then page changes; then schema changes.
	Changes []Change `json:"changes"`
	// Added and Removed count the operations added and removed; Changed
	// counts the operations present in both documents with at least one
	// change; VariantsAdded, VariantsRemoved and VariantsChanged count the
	// query variants the same way; Breaking counts the breaking changes of
	// every kind.
	Added           int `json:"added"`
	Removed         int `json:"removed"`
	Changed         int `json:"changed"`
	VariantsAdded   int `json:"variantsAdded"`
	VariantsRemoved int `json:"variantsRemoved"`
	VariantsChanged int `json:"variantsChanged"`
	Breaking        int `json:"breaking"`
}

// Compare computes the changes from old to new.
func Compare(old, new *openapi3.T) (*Report, error) {
	if old == nil || new == nil {
		return nil, errors.New("compare: nil document")
	}
	c := &comparer{old: old, new: new}
	oldOps, newOps, err := keyOps(collectOps(old), collectOps(new))
	if err != nil {
		return nil, fmt.Errorf("compare: %w", err)
	}
	c.operations(oldOps, newOps)
	c.pages(oldOps, newOps)
	c.schemas()
	return c.report(), nil
}

type comparer struct {
	old, new *openapi3.T
	changes  []Change
	changed  map[string]bool // keys of matched operations with a change
	added    int
	removed  int
	// the same for query variants
	variantsChanged map[string]bool
	variantsAdded   int
	variantsRemoved int
}

// op is one operation of a document, or one query variant of one.
type op struct {
	method, path string
	// query is the fixed query of a query variant, "" for an operation
	query string
	key   string // method + " " + normalized path (+ "?" + query identity)
	// op is the operation, or the variant as an operation
	// (xgraph.VariantOperation)
	op           *openapi3.Operation
	source, page string
}

// normPath is the path's identity in the path model: placeholders as
// "{}", lower case (Graph paths are case-insensitive).
func normPath(p string) string { return graphpath.Identity(p) }

// collectOps lists the operations of doc, keyed by method and normalized
// path.
func collectOps(doc *openapi3.T) []*op {
	var all []*op
	if doc.Paths == nil {
		return all
	}
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		if item == nil {
			continue
		}
		for method, o := range item.Operations() {
			if o == nil {
				continue
			}
			xo, _ := xgraph.ReadOperation(o)
			x := &op{method: strings.ToUpper(method), path: path, op: o, source: xo.Source, page: xo.Page}
			x.key = x.method + " " + normPath(path)
			all = append(all, x)
			for _, qv := range xo.Variants {
				all = append(all, &op{method: x.method, path: path, query: qv.Query,
					key: x.key + "?" + graphpath.Identity(qv.Query), op: xgraph.VariantOperation(o, qv),
					source: qv.Source, page: qv.Page})
			}
		}
	}
	return all
}

// keyOps maps the operations of both documents by key. A normalized key
// that two operations of one document share falls back to the exact path
// in both documents, so that those operations still match one to one.
func keyOps(old, new []*op) (map[string]*op, map[string]*op, error) {
	collide := map[string]bool{}
	for _, ops := range [][]*op{old, new} {
		seen := map[string]bool{}
		for _, x := range ops {
			if seen[x.key] {
				collide[x.key] = true
			}
			seen[x.key] = true
		}
	}
	index := func(ops []*op) (map[string]*op, error) {
		m := map[string]*op{}
		for _, x := range ops {
			if collide[x.key] {
				x.key = x.method + " " + x.path
				if x.query != "" {
					x.key += "?" + x.query
				}
			}
			if _, dup := m[x.key]; dup {
				return nil, fmt.Errorf("%s %s: operation listed twice", x.method, x.path)
			}
			m[x.key] = x
		}
		return m, nil
	}
	om, err := index(old)
	if err != nil {
		return nil, nil, fmt.Errorf("old document: %w", err)
	}
	nm, err := index(new)
	if err != nil {
		return nil, nil, fmt.Errorf("new document: %w", err)
	}
	return om, nm, nil
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func (c *comparer) operations(oldOps, newOps map[string]*op) {
	c.changed = map[string]bool{}
	c.variantsChanged = map[string]bool{}
	for _, k := range sortedKeys(newOps) {
		n := newOps[k]
		o, ok := oldOps[k]
		switch {
		case !ok && n.query != "":
			c.variantsAdded++
			c.add(n, KindVariantAdded, false, "query variant documented in "+n.page)
		case !ok:
			c.added++
			c.add(n, KindOperationAdded, false, addedDetail(n, oldOps))
		default:
			c.operation(k, o, n)
		}
	}
	for _, k := range sortedKeys(oldOps) {
		if _, ok := newOps[k]; ok {
			continue
		}
		o := oldOps[k]
		if o.query != "" {
			c.variantsRemoved++
			c.add(o, KindVariantRemoved, true, "query variant documented in "+o.page)
			continue
		}
		c.removed++
		c.add(o, KindOperationRemoved, true, removedDetail(o, newOps))
	}
}

// addedDetail tells whether an added operation comes with a new page or
// is a new variant of a page the old document already had.
func addedDetail(n *op, oldOps map[string]*op) string {
	if n.page == "" {
		return ""
	}
	for _, o := range oldOps {
		if o.page == n.page && o.query == "" {
			return "new path variant of " + n.page
		}
	}
	return "new page " + n.page
}

func removedDetail(o *op, newOps map[string]*op) string {
	if o.page == "" {
		return ""
	}
	for _, n := range newOps {
		if n.page == o.page && n.query == "" {
			return "path variant removed from " + o.page
		}
	}
	return "page " + o.page + " removed"
}

// add records a change of an operation.
func (c *comparer) add(x *op, kind string, breaking bool, detail string) {
	c.changes = append(c.changes, Change{
		Kind: kind, Breaking: breaking, Method: x.method, Path: x.path, Query: x.query,
		OperationID: x.op.OperationID, Page: x.page, Detail: detail, Source: x.source,
	})
}

// operation compares one operation present in both documents.
func (c *comparer) operation(key string, o, n *op) {
	before := len(c.changes)
	if o.path != n.path {
		c.add(n, KindPathRenamed, false, fmt.Sprintf("was %s (operationId %s)", o.path, o.op.OperationID))
	}
	if o.page != n.page && o.page != "" && n.page != "" {
		c.add(n, KindPageChanged, false, fmt.Sprintf("documented in %s, was %s", n.page, o.page))
	}
	c.parameters(o, n)
	c.requestBody(o, n)
	c.responses(o, n)
	c.permissions(o, n)
	if len(c.changes) > before {
		if n.query != "" {
			c.variantsChanged[key] = true
		} else {
			c.changed[key] = true
		}
	}
}

// paramKey names a parameter by location and name; path parameters by
// position, since their names follow the path.
type param struct {
	in, name string
	p        *openapi3.Parameter
}

func (c *comparer) params(doc *openapi3.T, o *openapi3.Operation) map[string]param {
	out := map[string]param{}
	for _, ref := range o.Parameters {
		p := resolveParam(doc, ref)
		if p == nil || p.In == openapi3.ParameterInPath {
			continue
		}
		out[p.In+" "+p.Name] = param{in: p.In, name: p.Name, p: p}
	}
	return out
}

func (c *comparer) parameters(o, n *op) {
	op := c.params(c.old, o.op)
	np := c.params(c.new, n.op)
	for _, k := range sortedKeys(np) {
		x := np[k]
		y, ok := op[k]
		if !ok {
			req := "optional"
			if x.p.Required {
				req = "required"
			}
			c.add(n, KindParameterAdded, x.p.Required, fmt.Sprintf("%s parameter %s (%s, %s)", x.in, x.name, c.describe(c.new, x.p.Schema), req))
			continue
		}
		if x.p.Required != y.p.Required {
			if x.p.Required {
				c.add(n, KindParameterRequiredChanged, true, fmt.Sprintf("%s parameter %s became required", x.in, x.name))
			} else {
				c.add(n, KindParameterRequiredChanged, false, fmt.Sprintf("%s parameter %s became optional", x.in, x.name))
			}
		}
		ot, nt := c.describe(c.old, y.p.Schema), c.describe(c.new, x.p.Schema)
		if ot != nt {
			c.add(n, KindParameterTypeChanged, true, fmt.Sprintf("%s parameter %s: %s -> %s", x.in, x.name, ot, nt))
		}
	}
	for _, k := range sortedKeys(op) {
		if _, ok := np[k]; ok {
			continue
		}
		y := op[k]
		c.add(n, KindParameterRemoved, true, fmt.Sprintf("%s parameter %s", y.in, y.name))
	}
}

func (c *comparer) requestBody(o, n *op) {
	ob := resolveRequestBody(c.old, o.op.RequestBody)
	nb := resolveRequestBody(c.new, n.op.RequestBody)
	switch {
	case ob == nil && nb == nil:
		return
	case ob == nil:
		req := "optional"
		if nb.Required {
			req = "required"
		}
		c.add(n, KindRequestBodyChanged, nb.Required, fmt.Sprintf("request body added (%s, %s)", c.contentType(c.new, nb.Content), req))
		return
	case nb == nil:
		c.add(n, KindRequestBodyChanged, true, fmt.Sprintf("request body removed (was %s)", c.contentType(c.old, ob.Content)))
		return
	}
	if !ob.Required && nb.Required {
		c.add(n, KindRequestBodyChanged, true, "request body became required")
	}
	if om, nm := mediaTypes(ob.Content), mediaTypes(nb.Content); !slices.Equal(om, nm) {
		c.add(n, KindRequestBodyChanged, true, fmt.Sprintf("media types %s -> %s", strings.Join(om, ", "), strings.Join(nm, ", ")))
		return
	}
	for _, mt := range mediaTypes(nb.Content) {
		os, ns := schemaOf(ob.Content[mt]), schemaOf(nb.Content[mt])
		if isBodyObject(os) && isBodyObject(ns) {
			c.bodyProperties(n, resolveSchema(c.old, os), resolveSchema(c.new, ns))
			continue
		}
		if ot, nt := c.describe(c.old, os), c.describe(c.new, ns); ot != nt {
			c.add(n, KindRequestBodyChanged, true, fmt.Sprintf("%s -> %s", ot, nt))
		}
	}
}

// isBodyObject tells whether a request body schema is the page's own
// parameter object (NAMERequestBody) or an inline object, whose
// properties are compared one by one.
func isBodyObject(s *openapi3.SchemaRef) bool {
	if s == nil {
		return false
	}
	if s.Ref != "" {
		return strings.HasSuffix(refName(s.Ref), "RequestBody") && !strings.HasPrefix(refName(s.Ref), "microsoft.graph.")
	}
	return s.Value != nil && s.Value.Type.Is("object") && len(s.Value.Properties) > 0
}

// bodyProperties compares the properties of two request body objects.
func (c *comparer) bodyProperties(n *op, os, ns *openapi3.Schema) {
	if os == nil || ns == nil {
		return
	}
	oreq, nreq := setOf(os.Required), setOf(ns.Required)
	for _, name := range sortedKeys(ns.Properties) {
		np := ns.Properties[name]
		opr, ok := os.Properties[name]
		if !ok {
			if nreq[name] {
				c.add(n, KindRequestBodyChanged, true, fmt.Sprintf("required property %s added (%s)", name, c.describe(c.new, np)))
			} else {
				c.add(n, KindRequestBodyChanged, false, fmt.Sprintf("optional property %s added (%s)", name, c.describe(c.new, np)))
			}
			continue
		}
		switch {
		case nreq[name] && !oreq[name]:
			c.add(n, KindRequestBodyChanged, true, fmt.Sprintf("property %s became required", name))
		case !nreq[name] && oreq[name]:
			c.add(n, KindRequestBodyChanged, false, fmt.Sprintf("property %s became optional", name))
		}
		if ot, nt := c.describe(c.old, opr), c.describe(c.new, np); ot != nt {
			c.add(n, KindRequestBodyChanged, true, fmt.Sprintf("property %s: %s -> %s", name, ot, nt))
		}
	}
	for _, name := range sortedKeys(os.Properties) {
		if _, ok := ns.Properties[name]; !ok {
			c.add(n, KindRequestBodyChanged, true, fmt.Sprintf("property %s removed", name))
		}
	}
}

// successStatus returns the documented success status: the lowest 2xx,
// else the lowest 3xx, else "".
func successStatus(r *openapi3.Responses) string {
	if r == nil {
		return ""
	}
	keys := r.Keys()
	slices.Sort(keys)
	for _, prefix := range []string{"2", "3"} {
		for _, k := range keys {
			if strings.HasPrefix(k, prefix) {
				return k
			}
		}
	}
	return ""
}

func statusCodes(r *openapi3.Responses) []string {
	if r == nil {
		return nil
	}
	var out []string
	for _, k := range r.Keys() {
		if k != "default" {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

func (c *comparer) responses(o, n *op) {
	os, ns := successStatus(o.op.Responses), successStatus(n.op.Responses)
	if os != ns {
		c.add(n, KindStatusChanged, true, fmt.Sprintf("success status %s -> %s", orNone(os), orNone(ns)))
	}
	oc, nc := setOf(statusCodes(o.op.Responses)), setOf(statusCodes(n.op.Responses))
	for _, k := range sortedKeys(nc) {
		if !oc[k] && k != ns {
			c.add(n, KindStatusChanged, false, "status "+k+" added")
		}
	}
	for _, k := range sortedKeys(oc) {
		if !nc[k] && k != os {
			c.add(n, KindStatusChanged, false, "status "+k+" removed")
		}
	}
	var or, nr *openapi3.Response
	if os != "" {
		or = resolveResponse(c.old, o.op.Responses.Value(os))
	}
	if ns != "" {
		nr = resolveResponse(c.new, n.op.Responses.Value(ns))
	}
	var ocont, ncont openapi3.Content
	if or != nil {
		ocont = or.Content
	}
	if nr != nil {
		ncont = nr.Content
	}
	ot, nt := c.contentType(c.old, ocont), c.contentType(c.new, ncont)
	if ot != nt {
		c.add(n, KindResponseTypeChanged, true, fmt.Sprintf("%s -> %s", ot, nt))
	}
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func (c *comparer) permissions(o, n *op) {
	ox, oerr := xgraph.ReadOperation(o.op)
	nx, nerr := xgraph.ReadOperation(n.op)
	if oerr != nil || nerr != nil || ox.Permissions == nil || nx.Permissions == nil {
		// Undocumented permissions on either side say nothing about a change.
		return
	}
	olds, news := ox.Permissions.Schemes(), nx.Permissions.Schemes()
	for i := range news {
		// An alternative is a set of scopes needed together: "A and B"
		// replacing "A" is a lost alternative (A alone stops working).
		acct, ol, nl := news[i].Account, olds[i].Alternatives, news[i].Alternatives
		if slices.EqualFunc(ol, nl, xgraph.Alternative.Equal) {
			continue
		}
		var lost, gained []string
		breaking := false
		for _, a := range ol {
			if nl.Index(a) < 0 {
				lost = append(lost, a.String())
			}
			// A token that satisfied a stops working unless some new
			// alternative needs no scope beyond a's.
			if !slices.ContainsFunc(nl, func(b xgraph.Alternative) bool { return subset(b, a) }) {
				breaking = true
			}
		}
		for _, a := range nl {
			if ol.Index(a) < 0 {
				gained = append(gained, a.String())
			}
		}
		var detail string
		switch {
		case len(nl) == 0:
			detail = fmt.Sprintf("%s: no longer supported (was %s)", acct, ol)
		case len(ol) == 0:
			detail = fmt.Sprintf("%s: now supported with %s", acct, nl)
		default:
			var parts []string
			if len(gained) > 0 {
				parts = append(parts, "added "+strings.Join(gained, "; "))
			}
			if len(lost) > 0 {
				parts = append(parts, "removed "+strings.Join(lost, "; "))
			}
			if !ol[0].Equal(nl[0]) {
				parts = append(parts, fmt.Sprintf("least privileged %s -> %s", ol[0], nl[0]))
			}
			if len(parts) == 0 {
				parts = append(parts, "reordered")
			}
			detail = acct + ": " + strings.Join(parts, "; ")
		}
		c.add(n, KindPermissionsChanged, breaking, detail)
	}
}

// subset reports whether every scope of a is in b.
func subset(a, b xgraph.Alternative) bool {
	for _, s := range a {
		if !slices.Contains(b, s) {
			return false
		}
	}
	return true
}

// pages reports the x-graph-page values that document operations in only
// one of the documents.
func (c *comparer) pages(oldOps, newOps map[string]*op) {
	type info struct {
		source string
		n      int
	}
	collect := func(ops map[string]*op) map[string]*info {
		m := map[string]*info{}
		for _, k := range sortedKeys(ops) {
			x := ops[k]
			if x.page == "" {
				continue
			}
			if m[x.page] == nil {
				m[x.page] = &info{source: x.source}
			}
			m[x.page].n++
			if sourceLess(x.source, m[x.page].source) {
				m[x.page].source = x.source
			}
		}
		return m
	}
	op, np := collect(oldOps), collect(newOps)
	for _, p := range sortedKeys(np) {
		if op[p] == nil {
			c.changes = append(c.changes, Change{Kind: KindPageAdded, Page: p, Source: np[p].source,
				Detail: fmt.Sprintf("%d operation%s", np[p].n, plural(np[p].n))})
		}
	}
	for _, p := range sortedKeys(op) {
		if np[p] == nil {
			c.changes = append(c.changes, Change{Kind: KindPageRemoved, Page: p, Source: op[p].source,
				Detail: fmt.Sprintf("%d operation%s", op[p].n, plural(op[p].n))})
		}
	}
}

// sourceLess orders "file:line" sources by file, then line number.
func sourceLess(a, b string) bool {
	af, al := splitSource(a)
	bf, bl := splitSource(b)
	if af != bf {
		return af < bf
	}
	return al < bl
}

func splitSource(s string) (string, int) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return s, 0
	}
	n := 0
	for _, r := range s[i+1:] {
		if r < '0' || r > '9' {
			return s, 0
		}
		n = n*10 + int(r-'0')
	}
	return s[:i], n
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// group orders changes: operations, then pages, then schemas.
func group(ch Change) int {
	switch {
	case ch.Path != "":
		return 0
	case ch.Schema != "":
		return 2
	default:
		return 1
	}
}

func (c *comparer) report() *Report {
	slices.SortStableFunc(c.changes, func(a, b Change) int {
		return cmp.Or(
			cmp.Compare(group(a), group(b)),
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Method, b.Method),
			cmp.Compare(a.Query, b.Query),
			cmp.Compare(a.Page, b.Page),
			cmp.Compare(a.Schema, b.Schema),
			cmp.Compare(a.Kind, b.Kind),
			cmp.Compare(a.Detail, b.Detail),
		)
	})
	r := &Report{Changes: c.changes, Added: c.added, Removed: c.removed, Changed: len(c.changed),
		VariantsAdded: c.variantsAdded, VariantsRemoved: c.variantsRemoved, VariantsChanged: len(c.variantsChanged)}
	if r.Changes == nil {
		r.Changes = []Change{}
	}
	for _, ch := range r.Changes {
		if ch.Breaking {
			r.Breaking++
		}
	}
	return r
}

func setOf(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}
