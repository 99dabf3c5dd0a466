package lint

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/graphdocgen/graphdocgen/csdl"
	"github.com/graphdocgen/graphdocgen/graphpath"
	"github.com/graphdocgen/graphdocgen/parser"
	"github.com/graphdocgen/graphdocgen/spec"
)

// Options tune Check.
type Options struct {
	// Disable lists rule IDs whose findings are dropped everywhere (from
	// the command line). Options.Validate reports unknown IDs.
	Disable []string
	// Metadata, when set, is the service's CSDL metadata: documented
	// paths, response types, resource properties and enumerations are
	// checked against it (the metadata-* rules).
	Metadata *csdl.Model
}

// finding is a diagnostic with what suppressions can be matched against.
type finding struct {
	parser.Diagnostic
	example  string // the example's name, if the finding is about one
	property string // the property's name, if the finding is about one
}

// Check lints pages and merges parserDiags (the diagnostics the parser
// reported for them) into the result. Findings that a page's annotation
// suppresses or that opts.Disable names are dropped. The result is sorted
// (parser.Diagnostics.Sort) and does not depend on the order of pages.
func Check(pages []*parser.Page, parserDiags parser.Diagnostics, opts Options) parser.Diagnostics {
	pages = sortedPages(pages)
	types := typeModels(pages)
	byFile := map[string]*parser.Page{}
	for _, p := range pages {
		if _, dup := byFile[p.File]; !dup {
			byFile[p.File] = p
		}
	}
	disabled := map[string]bool{}
	for _, id := range opts.Disable {
		disabled[strings.TrimSpace(id)] = true
	}
	var fs []finding
	for _, d := range parserDiags {
		if _, ok := RuleByID(d.Rule); ok {
			d.Severity = severityOf(d.Rule)
		}
		fs = append(fs, finding{Diagnostic: d})
	}
	// Example bodies against the schemas of the document the client is
	// generated from (not built when the rule is disabled: it is the
	// costly part).
	if !disabled[RuleExampleSchemaMismatch] {
		_, built := spec.Build(pages, spec.Options{})
		for _, d := range built {
			if d.Rule == RuleExampleSchemaMismatch {
				d.Severity = severityOf(d.Rule)
				fs = append(fs, finding{Diagnostic: d, example: exampleAt(byFile[d.Pos.File], d.Pos)})
			}
		}
	}
	for _, p := range pages {
		c := &checker{page: p, types: types[docsRoot(p)]}
		c.run()
		fs = append(fs, c.out...)
	}
	if opts.Metadata != nil {
		mf, _ := metadataFindings(pages, types, opts.Metadata)
		fs = append(fs, mf...)
	}
	out := parser.Diagnostics{}
	seen := map[parser.Diagnostic]bool{}
	for _, f := range fs {
		if disabled[f.Rule] || seen[f.Diagnostic] {
			continue
		}
		if p := byFile[f.Pos.File]; p != nil && p.Annotation != nil && suppressedBy(p, f) != "" {
			continue
		}
		seen[f.Diagnostic] = true
		out = append(out, f.Diagnostic)
	}
	out.Sort()
	return out
}

// sortedPages returns pages sorted by File then Path, without nils.
func sortedPages(pages []*parser.Page) []*parser.Page {
	out := make([]*parser.Page, 0, len(pages))
	for _, p := range pages {
		if p != nil {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b *parser.Page) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		return strings.Compare(a.Path, b.Path)
	})
	return out
}

// exampleAt is the name of p's example whose block is at pos: spec
// positions a misfit body at its request or response block (a response
// has the name of the request it follows).
func exampleAt(p *parser.Page, pos parser.Pos) string {
	if p == nil {
		return ""
	}
	for _, ex := range p.Examples {
		if ex.Pos.Line == pos.Line {
			return ex.Name
		}
	}
	return ""
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

// typeModels is spec's type model of each docs tree among pages (by
// docsRoot): the types the client of that tree is generated from.
func typeModels(pages []*parser.Page) map[string]*spec.Types {
	byRoot := map[string][]*parser.Page{}
	for _, p := range pages {
		byRoot[docsRoot(p)] = append(byRoot[docsRoot(p)], p)
	}
	out := make(map[string]*spec.Types, len(byRoot))
	for root, ps := range byRoot {
		out[root] = spec.NewTypes(ps)
	}
	return out
}

// checker lints one page.
type checker struct {
	page  *parser.Page
	types *spec.Types
	out   []finding
}

// lookup resolves a type reference of the page as spec does.
func (c *checker) lookup(t parser.TypeRef) (spec.Type, bool) {
	return c.types.Lookup(c.page, t)
}

// typeProps is what a type and its base types define.
type typeProps struct {
	names map[string]parser.Property // lower-case property name
	open  bool                       // the type or a base type is open
	types []string                   // the chain, most derived first
}

// props collects the properties and relationships of t and of its base
// types (their primary definitions, and the keys of their JSON
// representations), case-insensitively.
func (c *checker) props(t spec.Type) typeProps {
	tp := typeProps{names: map[string]parser.Property{}}
	seen := map[string]bool{}
	for ok := true; ok && !seen[strings.ToLower(t.Name)]; t, ok = c.types.Base(t) {
		seen[strings.ToLower(t.Name)] = true
		r := t.Page.Resource
		tp.types = append(tp.types, t.Name)
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
	}
	return tp
}

// has reports whether name is a known property.
func (tp typeProps) has(name string) bool {
	_, ok := tp.names[strings.ToLower(name)]
	return ok
}

func (c *checker) report(pos parser.Pos, rule, example, property, format string, args ...any) {
	if pos.File == "" {
		pos.File = c.page.File
	}
	c.out = append(c.out, finding{
		Diagnostic: parser.Diagnostic{Pos: pos, Severity: severityOf(rule), Rule: rule, Message: fmt.Sprintf(format, args...)},
		example:    example,
		property:   property,
	})
}

func (c *checker) run() {
	p := c.page
	if p.Kind != parser.KindAPI {
		return
	}
	c.duplicateNames()
	c.bodyTableWithNoBody()
	c.pathParams()
	for i := range p.Examples {
		ex := &p.Examples[i]
		switch ex.BlockType {
		case "request":
			c.exampleRequest(ex)
		case "response":
			c.exampleResponse(ex)
		}
	}
}

// firstLine is the position of an example's request or status line: the
// line after the fence.
func firstLine(ex *parser.Example) parser.Pos {
	return ex.Pos.At(ex.Pos.Line+1, max(ex.Pos.Col, 1))
}

// bodyKeyPos is the best-effort position of the first key named key at
// nesting depth depth of an example's body (1: the top-level object; 3: an
// object in a top-level array such as value[]). The body starts after the
// first line, the headers and a blank line; when the key is not found the
// block's first line is used.
func bodyKeyPos(ex *parser.Example, key string, depth int) parser.Pos {
	start := ex.Pos.Line + 2 + len(ex.Headers)
	if len(ex.Headers) > 0 {
		start++
	}
	if line, col, ok := findKey(ex.Body, key, depth); ok {
		return ex.Pos.At(start+line, max(ex.Pos.Col, 1)+col)
	}
	return firstLine(ex)
}

// findKey finds the JSON object key `"key":` at the given depth of text
// and returns its 0-based line and byte column.
func findKey(text, key string, depth int) (line, col int, ok bool) {
	d, lineStart := 0, 0
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case '\n':
			line++
			lineStart = i + 1
		case '{', '[':
			d++
		case '}', ']':
			d--
		case '"':
			j := i + 1
			for j < len(text) && text[j] != '"' && text[j] != '\n' {
				if text[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(text) || text[j] != '"' {
				continue
			}
			if d == depth && text[i+1:j] == key && strings.HasPrefix(strings.TrimLeft(text[j+1:], " \t"), ":") {
				return line, i - lineStart, true
			}
			i = j
		}
	}
	return 0, 0, false
}

// duplicateNames reports request examples named like an earlier one.
func (c *checker) duplicateNames() {
	first := map[string]*parser.Example{}
	for i := range c.page.Examples {
		ex := &c.page.Examples[i]
		if ex.BlockType != "request" || ex.Name == "" {
			continue
		}
		k := strings.ToLower(ex.Name)
		if prev, ok := first[k]; ok {
			c.report(ex.Pos, RuleDuplicateExampleName, ex.Name, "",
				"request example name %q is already used by the example at line %d", ex.Name, prev.Pos.Line)
			continue
		}
		first[k] = ex
	}
}

func (c *checker) bodyTableWithNoBody() {
	b := c.page.Body
	if len(b.Params) == 0 || !b.SaysNone {
		return
	}
	pos := b.Params[0].Pos
	if pos.Line == 0 {
		pos = b.NonePos
	}
	c.report(pos, RuleBodyTableWithNoBody, "", "",
		"request body table has %d row(s) but the section says not to supply a request body", len(b.Params))
}

// normName folds a parameter or placeholder name for comparison:
// lower case, letters and digits only.
func normName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// pathParams reports function arguments with a placeholder that the page's
// function/query parameter table leaves out. Pages without such a table
// (or with only $-options in it) are not checked.
func (c *checker) pathParams() {
	p := c.page
	names := map[string]bool{}
	for _, q := range p.Query.Params {
		for _, n := range strings.FieldsFunc(q.Name, func(r rune) bool { return r == ',' || r == '/' || r == ' ' }) {
			if !strings.HasPrefix(n, "$") {
				names[normName(n)] = true
			}
		}
	}
	if len(names) == 0 {
		return
	}
	reported := map[string]bool{}
	for _, rs := range p.Requests {
		for _, l := range rs.Lines {
			// the options of a fixed query whose value is a placeholder
			// ("startDateTime={start_datetime}") are the request's
			// parameters as much as a function's arguments; OData's
			// $-options are documented once for all
			for _, kv := range graphpath.QueryPairs(l.Query) {
				k, v := strings.TrimSpace(kv[0]), strings.TrimSpace(kv[1])
				ph := graphpath.PlaceholderNames(v)
				if strings.HasPrefix(k, "$") || len(ph) != 1 || v != "{"+ph[0]+"}" {
					continue
				}
				if names[normName(k)] || names[normName(ph[0])] || reported[strings.ToLower("?"+k)] {
					continue
				}
				reported[strings.ToLower("?"+k)] = true
				c.report(l.Pos, RulePathParamUnmatched, "", k,
					"query option %s={%s} is not in the parameter table", k, ph[0])
			}
			for _, s := range l.Segments {
				if s.Kind != parser.SegFunction {
					continue
				}
				for _, a := range s.Args {
					if a.Placeholder == "" {
						continue
					}
					if names[normName(a.Name)] || names[normName(a.Placeholder)] {
						continue
					}
					label := a.Name
					if label == "" {
						label = a.Placeholder
					}
					if reported[strings.ToLower(s.Name+"/"+label)] {
						continue
					}
					reported[strings.ToLower(s.Name+"/"+label)] = true
					c.report(l.Pos, RulePathParamUnmatched, "", label,
						"function argument %s={%s} of %s is not in the parameter table", a.Name, a.Placeholder, s.Name)
				}
			}
		}
	}
}

// exampleRequest checks an example request's URL, method and body.
func (c *checker) exampleRequest(ex *parser.Example) {
	p := c.page
	if ex.Method == "" || ex.URL == "" || len(p.Requests) == 0 {
		return
	}
	path, ok := examplePath(ex.URL)
	if !ok {
		return
	}
	var matched, all []string
	var fixed []parser.RequestLine // the matched lines of ex's method
	for _, rs := range p.Requests {
		for _, l := range rs.Lines {
			all = append(all, l.Method)
			if pathMatch(l, path) {
				matched = append(matched, l.Method)
				if l.Method == ex.Method {
					fixed = append(fixed, l)
				}
			}
		}
	}
	pos := firstLine(ex)
	if q := fixedQueryMissed(fixed, ex.URL); q != "" {
		c.report(pos, RuleExampleURLNoMatch, ex.Name, "",
			"example request %s %s sets the options of none of the fixed queries the page documents for that path (%s)", ex.Method, path, q)
	}
	switch {
	case len(matched) == 0:
		c.report(pos, RuleExampleURLNoMatch, ex.Name, "",
			"example request %s %s matches none of the page's %d documented path(s)", ex.Method, path, len(all))
		if !slices.Contains(all, ex.Method) {
			c.report(pos, RuleExampleMethodMismatch, ex.Name, "",
				"example request uses %s but the page documents only %s", ex.Method, methodList(all))
		}
	case !slices.Contains(matched, ex.Method):
		c.report(pos, RuleExampleMethodMismatch, ex.Name, "",
			"example request uses %s but %s is documented only for %s", ex.Method, path, methodList(matched))
	}
	c.requestBody(ex)
}

// fixedQueryMissed checks an example URL against the request lines its
// path and method match when every one of them is a query variant (a line
// with a fixed query of its own, "GET /me/messages?$filter=..."): the
// example is one of them only when its query sets every option of one
// line's fixed query, or when it continues one with $skiptoken or
// $deltatoken. It returns the options of the lines, joined, when the
// example sets none of them, else "". Options compare without case
// and a leading "$" ("expand=fields" is "$expand=fields").
func fixedQueryMissed(lines []parser.RequestLine, rawURL string) string {
	if len(lines) == 0 {
		return ""
	}
	_, rel, _ := graphpath.ExamplePath(rawURL)
	_, q := graphpath.SplitQuery(rel)
	set := map[string]bool{}
	for _, kv := range graphpath.QueryPairs(q) {
		set[graphpath.OptionName(kv[0])] = true
	}
	if set["skiptoken"] || set["deltatoken"] {
		return "" // a next page or the next round: the token stands for the query
	}
	var wanted []string
	for _, l := range lines {
		if l.Query == "" {
			return ""
		}
		all := true
		var keys []string
		for _, kv := range graphpath.QueryPairs(l.Query) {
			keys = append(keys, kv[0])
			all = all && set[graphpath.OptionName(kv[0])]
		}
		if all {
			return ""
		}
		wanted = append(wanted, strings.Join(keys, "&"))
	}
	slices.Sort(wanted)
	return strings.Join(slices.Compact(wanted), " or ")
}

// methodList is the distinct methods, sorted and joined.
func methodList(ms []string) string {
	ms = slices.Clone(ms)
	slices.Sort(ms)
	return strings.Join(slices.Compact(ms), ", ")
}

// isAnnotationKey reports instance annotations and actions in a payload:
// "@odata.type", "members@odata.bind", "#microsoft.graph.restore".
func isAnnotationKey(k string) bool {
	return strings.Contains(k, "@") || strings.HasPrefix(k, "#")
}

// objectType is the "@odata.type" of a payload object, if any.
func objectType(m map[string]any) string {
	s, _ := m["@odata.type"].(string)
	return s
}

// requestBody checks the top-level properties of an example request body.
func (c *checker) requestBody(ex *parser.Example) {
	p := c.page
	body, ok := ex.JSON.(map[string]any)
	if !ok || len(body) == 0 {
		return
	}
	known := map[string]bool{}
	for _, prm := range p.Body.Params {
		known[strings.ToLower(prm.Name)] = true
	}
	var types []string
	open := false
	// add adds the properties of ref; false when no page defines it
	add := func(ref parser.TypeRef) bool {
		t, ok := c.lookup(ref)
		if !ok {
			return false
		}
		tp := c.props(t)
		open = open || tp.open
		for k := range tp.names {
			known[k] = true
		}
		types = append(types, t.Name)
		return true
	}
	switch p.Body.Kind {
	case parser.BodyResource:
		if !add(p.Body.Type) {
			return
		}
	case parser.BodyParams:
	default:
		return
	}
	if t := objectType(body); t != "" && !add(parser.TypeRef{Name: t}) {
		return
	}
	if p.Response.Kind == parser.RespObject || p.Response.Kind == parser.RespCollection {
		add(p.Response.Type)
	}
	if open {
		// an open type takes properties of any name
		return
	}
	slices.Sort(types)
	typeList := strings.Join(slices.Compact(types), ", ")
	for _, k := range sortedKeys(body) {
		if isAnnotationKey(k) || known[strings.ToLower(k)] {
			continue
		}
		where := "the request body table"
		if len(types) > 0 {
			where = "the request body table or the properties of " + typeList
		}
		if len(p.Body.Params) == 0 {
			where = "the properties of " + typeList
		}
		c.report(bodyKeyPos(ex, k, 1), RuleExampleBodyUnknownProperty, ex.Name, k,
			"example request body property %q is not in %s", k, where)
	}
}

// exampleResponse checks an example response's status and properties.
func (c *checker) exampleResponse(ex *parser.Example) {
	p := c.page
	if ex.Status != 0 && len(p.Response.Statuses) > 0 && !slices.Contains(p.Response.Statuses, ex.Status) {
		want := make([]string, len(p.Response.Statuses))
		for i, s := range p.Response.Statuses {
			want[i] = fmt.Sprint(s)
		}
		c.report(firstLine(ex), RuleResponseStatusMismatch, ex.Name, "",
			"response example status %d is not documented in the Response section (%s)", ex.Status, strings.Join(want, ", "))
	}
	c.responseProps(ex)
}

// responseProps checks the properties of a response example against the
// returned type.
func (c *checker) responseProps(ex *parser.Example) {
	p := c.page
	body, ok := ex.JSON.(map[string]any)
	if !ok || ex.Status >= 300 {
		return
	}
	t := p.Response.Type
	collection := p.Response.Kind == parser.RespCollection
	switch {
	case ex.ODataType != "":
		t = parser.TypeRef{Name: ex.ODataType}
		collection = ex.IsCollection
	case p.Response.Kind != parser.RespObject && p.Response.Kind != parser.RespCollection:
		return
	}
	declared, ok := c.lookup(t)
	if !ok {
		return
	}
	from := ""
	if ex.ODataType != "" && p.Response.Type.Name != "" {
		if rt, ok := c.lookup(p.Response.Type); !ok || rt.Name != declared.Name {
			from = fmt.Sprintf(" (the example's annotation names %s; the Response section says %s)", ex.ODataType, p.Response.Type.Name)
		}
	}
	var items []map[string]any
	depth := 1
	if v, isArr := body["value"].([]any); isArr && (collection || !c.props(declared).has("value")) {
		depth = 3
		for _, it := range v {
			if m, ok := it.(map[string]any); ok {
				items = append(items, m)
			}
		}
	} else if !collection {
		items = []map[string]any{body}
	}
	reported := map[string]bool{}
	for _, it := range items {
		r := declared
		if ot := objectType(it); ot != "" {
			if r, ok = c.lookup(parser.TypeRef{Name: ot}); !ok {
				continue
			}
		}
		tp := c.props(r)
		if tp.open {
			continue
		}
		for _, k := range sortedKeys(it) {
			if isAnnotationKey(k) || tp.has(k) || reported[strings.ToLower(k)] {
				continue
			}
			reported[strings.ToLower(k)] = true
			c.report(bodyKeyPos(ex, k, depth), RuleResponseUnknownProperty, ex.Name, k,
				"response example property %q is not a property of %s%s", k, typeChain(tp.types), from)
		}
	}
}

func sortedKeys(m map[string]any) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// typeChain names a type and its base types: "event (or its base types
// outlookItem, entity)".
func typeChain(types []string) string {
	if len(types) <= 1 {
		return strings.Join(types, "")
	}
	return types[0] + " (or its base types " + strings.Join(types[1:], ", ") + ")"
}
