package templates

import (
	"fmt"
	"go/token"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/graphdocgen/graphdocgen/graphpath"
	"github.com/graphdocgen/graphdocgen/internal/asciifold"
)

// This file is the naming pass: every Go identifier of the generated
// package is decided here, once, before anything is emitted.

// initialisms are the words Go spells in capitals. Only whole words count,
// so "Identity" keeps its case.
var initialisms = map[string]string{
	"id": "ID", "url": "URL", "http": "HTTP", "json": "JSON", "api": "API",
	"uri": "URI", "html": "HTML", "ip": "IP",
	"ids": "IDs", "urls": "URLs", "uris": "URIs", "ips": "IPs", "apis": "APIs",
}

// specialWords are words with a fixed spelling other than an initialism.
var specialWords = map[string]string{"odata": "OData"}

// nextWord finds the first word of s at or after byte i: s[start:end].
// Words split at non-alphanumeric characters, at a lower-to-upper change
// and before the last capital of a run of capitals followed by a
// lower-case letter ("HTTPRequest" is HTTP, Request). A word is a run of letters and digits, so it is
// a substring of s (an invalid byte reads as U+FFFD, which is neither
// and so parts words); ok is false when there is none.
func nextWord(s string, i int) (start, end int, ok bool) {
	start = -1
	for i < len(s) {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			if start >= 0 {
				return start, i, true
			}
			i += size
			continue
		}
		if start < 0 {
			start = i
			i += size
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(s[start:i])
		if unicode.IsUpper(r) {
			nextLower := false
			if i+size < len(s) {
				next, _ := utf8.DecodeRuneInString(s[i+size:])
				nextLower = unicode.IsLower(next)
			}
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
				return start, i, true
			}
		}
		if unicode.IsDigit(r) && unicode.IsLetter(prev) {
			if _, ok := foldLookup(initialisms, s[start:i]); ok {
				return start, i, true
			}
		}
		i += size
	}
	if start >= 0 {
		return start, len(s), true
	}
	return 0, 0, false
}

// foldKeyMax is the longest key of initialisms and specialWords.
const foldKeyMax = 8

// foldLookup is m[strings.ToLower(w)] (lookupLower) for a map whose keys
// are ASCII and at most foldKeyMax long: a longer ASCII word is in none.
func foldLookup(m map[string]string, w string) (string, bool) {
	if len(w) > foldKeyMax && asciifold.IsASCII(w) {
		return "", false
	}
	return lookupLower(m, w)
}

// lookupLower is m[strings.ToLower(w)], without building the lower-case
// string for a short ASCII word (lowering ASCII keeps the length).
func lookupLower[V any](m map[string]V, w string) (V, bool) {
	var buf [64]byte
	if len(w) <= len(buf) && asciifold.IsASCII(w) {
		v, ok := m[string(asciifold.AppendLower(buf[:0], w))]
		return v, ok
	}
	v, ok := m[strings.ToLower(w)]
	return v, ok
}

// appendGoWord appends w spelled in Go case to b: an initialism or special
// word as its table spells it, a word of capitals as it is, others with
// a capital first; w is a word of nextWord (valid UTF-8, not empty).
func appendGoWord(b []byte, w string) []byte {
	if v, ok := foldLookup(initialisms, w); ok {
		return append(b, v...)
	}
	if v, ok := foldLookup(specialWords, w); ok {
		return append(b, v...)
	}
	if allUpperWord(w) {
		return append(b, w...)
	}
	return appendTitle(b, w)
}

// allUpperWord reports a word of more than one rune with no lower-case
// letter, which appendGoWord keeps as it is.
func allUpperWord(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		n++
	}
	return n > 1
}

// appendTitle appends w with its first rune in upper case.
func appendTitle(b []byte, w string) []byte {
	r, size := utf8.DecodeRuneInString(w)
	if r == utf8.RuneError && size <= 1 {
		// what []rune(w) would make of it: U+FFFD, or a panic when empty
		rs := []rune(w)
		rs[0] = unicode.ToUpper(rs[0])
		return append(b, string(rs)...)
	}
	b = utf8.AppendRune(b, unicode.ToUpper(r))
	return append(b, w[size:]...)
}

// exportedName is s in Go case: "dateTimeTimeZone" is DateTimeTimeZone,
// "@odata.nextLink" ODataNextLink, "userId" UserID. It returns "" when s
// has no letter or digit.
func exportedName(s string) string {
	var arr [64]byte
	b := arr[:0]
	for i := 0; ; {
		start, end, ok := nextWord(s, i)
		if !ok {
			break
		}
		b = appendGoWord(b, s[start:end])
		i = end
	}
	if len(b) == 0 {
		return ""
	}
	if r, _ := utf8.DecodeRune(b); !unicode.IsLetter(r) {
		return "N" + string(b)
	}
	return string(b)
}

// unexportedName is s in lower camel case: "userId" is userID, "ID" id,
// "URLPath" urlPath.
func unexportedName(s string) string {
	var arr [64]byte
	b := arr[:0]
	for i, first := 0, true; ; first = false {
		start, end, ok := nextWord(s, i)
		if !ok {
			break
		}
		w := s[start:end]
		i = end
		if !first {
			b = appendGoWord(b, w)
			continue
		}
		if v, ok := foldLookup(initialisms, w); ok {
			b = asciifold.AppendLower(b, v)
			continue
		}
		mark := len(b)
		b = lowerLeadingCaps(appendGoWord(b, w), mark)
	}
	if len(b) == 0 {
		return ""
	}
	if r, _ := utf8.DecodeRune(b); !unicode.IsLetter(r) {
		return "n" + string(b)
	}
	return string(b)
}

// lowerLeadingCaps lowers the leading run of capitals of the word
// b[mark:]: all of it when the word is all capitals or the run is one
// letter, else all but its last (the first letter of the next word:
// "URLPath" is urlPath).
func lowerLeadingCaps(b []byte, mark int) []byte {
	g := b[mark:]
	if !asciifold.IsASCII(g) {
		rs := []rune(string(g))
		j := 0
		for j < len(rs) && unicode.IsUpper(rs[j]) {
			j++
		}
		if j != len(rs) && j != 1 {
			j--
		}
		for k := 0; k < j; k++ {
			rs[k] = unicode.ToLower(rs[k])
		}
		return append(b[:mark], string(rs)...)
	}
	j := 0
	for j < len(g) && 'A' <= g[j] && g[j] <= 'Z' {
		j++
	}
	if j != len(g) && j != 1 {
		j--
	}
	for k := 0; k < j; k++ {
		g[k] += 'a' - 'A'
	}
	return b
}

// predeclared are Go's predeclared identifiers.
var predeclared = map[string]bool{
	"any": true, "bool": true, "byte": true, "comparable": true, "complex64": true,
	"complex128": true, "error": true, "float32": true, "float64": true, "int": true,
	"int8": true, "int16": true, "int32": true, "int64": true, "rune": true,
	"string": true, "uint": true, "uint8": true, "uint16": true, "uint32": true,
	"uint64": true, "uintptr": true, "true": true, "false": true, "iota": true,
	"nil": true, "append": true, "cap": true, "clear": true, "close": true,
	"complex": true, "copy": true, "delete": true, "imag": true, "len": true,
	"make": true, "max": true, "min": true, "new": true, "panic": true,
	"print": true, "println": true, "real": true, "recover": true,
}

// reservedLocals are names a generated method body uses itself: the
// receiver, the fixed arguments, the request variable and the packages
// the operation files import.
var reservedLocals = map[string]bool{
	"c": true, "ctx": true, "body": true, "params": true, "r": true, "opts": true,
	"url": true, "http": true, "io": true, "context": true, "time": true,
	"json": true, "strings": true, "fmt": true, "errors": true,
}

// paramName is the Go name of a parameter: lower camel case, with the
// suffix "Param" when it would be a keyword, a predeclared identifier or a
// name the method body uses.
func paramName(s string) string {
	n := unexportedName(s)
	if n == "" {
		n = "arg"
	}
	if token.IsKeyword(n) || predeclared[n] || reservedLocals[n] {
		n += "Param"
	}
	return n
}

// nameTable hands out unique names in one scope.
type nameTable struct {
	used map[string]string // name -> what took it
}

func newNameTable() *nameTable { return &nameTable{used: map[string]string{}} }

// newNameTableFor is a table made for about n names (its map is not
// grown as they are taken).
func newNameTableFor(n int) *nameTable { return &nameTable{used: make(map[string]string, n)} }

// take claims name for owner; it reports false when the name is taken.
func (t *nameTable) take(name, owner string) bool {
	if _, ok := t.used[name]; ok {
		return false
	}
	t.used[name] = owner
	return true
}

// takeNumbered claims name, or name2, name3, ... when taken.
func (t *nameTable) takeNumbered(name, owner string) string {
	if t.take(name, owner) {
		return name
	}
	for i := 2; ; i++ {
		n := name + strconv.Itoa(i)
		if t.take(n, owner) {
			return n
		}
	}
}

// typeNameCandidates gives, for a schema component name, the name without
// namespace and the name with the namespace below microsoft.graph kept:
// "microsoft.graph.callRecords.session" gives Session and
// CallRecordsSession.
func typeNameCandidates(component string) (short, long string) {
	rest := strings.TrimPrefix(component, "microsoft.graph.")
	short = rest
	if i := strings.LastIndex(rest, "."); i >= 0 {
		short = rest[i+1:]
	}
	short, long = exportedName(short), exportedName(rest)
	if rest == component && strings.Contains(component, ".") {
		// another root namespace: keep all of it in the long form
		long = exportedName(component)
	}
	if short == "" {
		short = "Schema"
	}
	if long == "" {
		long = short
	}
	return short, long
}

// collectionSuffix ends the name of a collection response schema
// (microsoft.graph.eventCollectionResponse).
const collectionSuffix = "CollectionResponse"

// assignTypeNames names the schemas: the short name when it is free,
// else the name with its namespace, else a numeric suffix. A collection
// response whose item type is among the schemas takes the item's name and
// "CollectionResponse", so it keeps the namespace when its item does
// (microsoft.graph.callRecords.mediaStreamCollectionResponse is
// CallRecordsMediaStreamCollectionResponse when microsoft.graph.mediaStream
// is MediaStream). components must be sorted; the result maps component
// name to type name.
func assignTypeNames(t *nameTable, components []string) map[string]string {
	out := map[string]string{}
	have := map[string]bool{}
	for _, c := range components {
		have[c] = true
	}
	var items, lists []string
	for _, c := range components {
		if base, ok := strings.CutSuffix(c, collectionSuffix); ok && have[base] {
			lists = append(lists, c)
			continue
		}
		items = append(items, c)
	}
	// each item's candidates, made once (concurrently: they depend on the
	// component name alone)
	cands := make([][2]string, len(items))
	parallel(len(items), func(i int) {
		s, l := typeNameCandidates(items[i])
		cands[i] = [2]string{s, l}
	})
	shortCount := map[string]int{}
	for _, sl := range cands {
		shortCount[sl[0]]++
	}
	// first pass: schemas whose short name is unique, and the schemas of
	// microsoft.graph itself among colliding ones, take the short name.
	var rest []int
	for i, c := range items {
		s, l := cands[i][0], cands[i][1]
		rootNS := s == l
		if (shortCount[s] == 1 || rootNS) && t.take(s, "schema "+c) {
			out[c] = s
			continue
		}
		rest = append(rest, i)
	}
	for _, i := range rest {
		c, s, l := items[i], cands[i][0], cands[i][1]
		if l == s {
			l = "Graph" + s
		}
		out[c] = t.takeNumbered(l, "schema "+c)
	}
	for _, c := range lists {
		base := strings.TrimSuffix(c, collectionSuffix)
		out[c] = t.takeNumbered(out[base]+collectionSuffix, "schema "+c)
	}
	return out
}

// segmentWords turns a literal path segment into its name part: "$value"
// is Value, "microsoft.graph.delta()" Delta, "root:" Root,
// "delta(token='{token}')" Delta.
func segmentName(seg string) string {
	s := graphpath.ReplacePlaceholders(seg, func(int, string) string { return "" })
	if i := strings.Index(s, "("); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimPrefix(s, "microsoft.graph.")
	return exportedName(s)
}

// pathSegment is one segment of an OpenAPI path, as the path model
// (graphpath) reads it.
type pathSegment struct {
	raw     string
	param   bool     // a whole-segment placeholder
	params  []string // placeholders inside a literal segment (function args, keys)
	literal string   // name part for a literal segment
}

// splitPath splits an OpenAPI path into its segments with the path model.
func splitPath(p string) []pathSegment {
	var segs []pathSegment
	for _, seg := range graphpath.Parse(p) {
		s := pathSegment{raw: seg.Raw}
		if seg.Kind == graphpath.Param {
			s.param = true
			s.params = []string{seg.Name}
		} else {
			s.params = graphpath.PlaceholderNames(seg.Raw)
			s.literal = segmentName(seg.Raw)
			if seg.IsItemPath() {
				// "root:/{item-path}:": a get-by-path says so
				s.literal = exportedName(seg.BaseName()) + "ByPath"
			}
		}
		segs = append(segs, s)
	}
	return segs
}

// methodVerbs are the verbs of the HTTP methods that are not reads.
var methodVerbs = map[string]string{
	http.MethodPost: "Create", http.MethodPatch: "Update", http.MethodPut: "Replace",
	http.MethodDelete: "Delete",
}

// verb is the method name's verb: the action or function
// (x-graph-action, which spec sets from the title or the request line) in
// Go case, else the HTTP method's verb.
func (o *opInfo) verb() string {
	if o.action != "" {
		return exportedName(o.action)
	}
	if o.method == http.MethodGet {
		if o.collection {
			return "List"
		}
		return "Get"
	}
	if v, ok := methodVerbs[o.method]; ok {
		return v
	}
	return exportedName(strings.ToLower(o.method))
}

// methodBase is the method name before collision resolution: the verb and
// the path's literal segments, the action's own segment left out.
func methodBase(verb, action, path string) string {
	return spelledMethodBase(verb, action, path, nil)
}

// spelledMethodBase is methodBase with each segment spelled as sp decides.
func spelledMethodBase(verb, action, path string, sp spelling) string {
	return segsMethodBase(verb, action, splitPath(path), sp)
}

// segsMethodBase is spelledMethodBase of the path of segs.
func segsMethodBase(verb, action string, segs []pathSegment, sp spelling) string {
	var b strings.Builder
	b.WriteString(verb)
	lastLit := -1
	for i, s := range segs {
		if !s.param {
			lastLit = i
		}
	}
	for i, s := range segs {
		if s.param {
			continue
		}
		if action != "" && i == lastLit && strings.EqualFold(s.literal, exportedName(action)) {
			continue
		}
		b.WriteString(sp.of(s.literal))
	}
	return b.String()
}

// spelling decides once how a path word is spelled in Go: the docs write
// one segment "calendarGroups" on one page and "calendargroups" on the
// next, and one spelling must win for method names and arguments alike.
// Words are compared case-insensitively; the spelling with the most
// capitals (the camel case one) wins, then the first in sort order.
type spelling map[string]string

// add records a spelling of a word.
func (sp spelling) add(w string) {
	if cur, ok := sp.lookup(w); !ok || betterSpelling(w, cur) {
		sp[strings.ToLower(w)] = w
	}
}

// lookup is sp[strings.ToLower(w)].
func (sp spelling) lookup(w string) (string, bool) { return lookupLower(sp, w) }

func betterSpelling(a, b string) bool {
	ua, ub := upperCount(a), upperCount(b)
	if ua != ub {
		return ua > ub
	}
	return a < b
}

func upperCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n
}

// of is the spelling of w that was decided; w itself when none was.
func (sp spelling) of(w string) string {
	if v, ok := sp.lookup(w); ok {
		return v
	}
	return w
}

// pathSpelling collects the words of the paths' literal segments and of
// their placeholders' Go argument names.
func pathSpelling(paths []string) spelling {
	split := make([][]pathSegment, len(paths))
	for i, p := range paths {
		split[i] = splitPath(p)
	}
	return segsSpelling(split)
}

// segsSpelling is pathSpelling of paths already split.
func segsSpelling(paths [][]pathSegment) spelling {
	sp := spelling{}
	for _, segs := range paths {
		for _, s := range segs {
			if !s.param {
				sp.add(s.literal)
			}
			for _, ph := range s.params {
				sp.add(paramName(ph))
			}
		}
	}
	return sp
}

// opName is an operation as the naming pass sees it.
type opName struct {
	key        string // method + " " + path, the sort key
	base       string
	lastParam  string // the OpenAPI name of the path's last parameter
	paramCount int
	name       string
	// variantOf is the plain operation of a query variant, query its
	// fixed query; nil for a plain operation.
	variantOf *opName
	query     string
}

// assignMethodNames resolves the methods' names: a unique base stays; in
// a group sharing one, the operations with more path parameters than the
// fewest get "By" and their last parameter; what still collides gets a
// numeric suffix, in sorted order. reserved are names already taken on
// *Client. A query variant (variantOf set) is named after its plain
// operation's name and its fixed query (variantSuffixes), once every
// plain operation has its name.
func assignMethodNames(all []*opName, reserved []string) {
	sort.Slice(all, func(i, j int) bool { return all[i].key < all[j].key })
	var ops []*opName
	variants := map[*opName][]*opName{}
	for _, o := range all {
		if o.variantOf != nil {
			variants[o.variantOf] = append(variants[o.variantOf], o)
			continue
		}
		ops = append(ops, o)
	}
	groups := map[string][]*opName{}
	for _, o := range ops {
		groups[o.base] = append(groups[o.base], o)
	}
	for _, o := range ops {
		o.name = o.base
		g := groups[o.base]
		if len(g) < 2 {
			continue
		}
		fewest := g[0].paramCount
		for _, x := range g {
			fewest = min(fewest, x.paramCount)
		}
		if o.paramCount > fewest && o.lastParam != "" {
			o.name = o.base + "By" + exportedName(o.lastParam)
		}
	}
	t := newNameTableFor(len(all) + len(reserved))
	for _, r := range reserved {
		t.take(r, "runtime")
	}
	// names that are unique after "By" keep them; the rest are numbered in
	// sorted order
	count := map[string]int{}
	for _, o := range ops {
		count[o.name]++
	}
	for _, o := range ops {
		if count[o.name] == 1 && t.take(o.name, o.key) {
			continue
		}
	}
	for _, o := range ops {
		if t.used[o.name] == o.key {
			continue
		}
		o.name = t.takeNumbered(o.name, o.key)
	}
	// the variants, by their plain operation in sorted order; a name
	// taken all the same (two fixed queries of the same words) is
	// numbered, the last resort
	for _, o := range ops {
		vs := variants[o]
		qs := make([]string, len(vs))
		for i, v := range vs {
			qs[i] = v.query
		}
		for i, sfx := range variantSuffixes(qs) {
			vs[i].name = t.takeNumbered(o.name+sfx, vs[i].key)
		}
	}
}

// queryWord is a word of a query variant's name. The key words name the
// fixed options and what each filters, expands or selects; the others
// (operators, functions, nested options, literals) tell apart variants
// whose key words are the same.
type queryWord struct {
	w   string
	key bool
}

// odataOperators are the words of OData's logical and arithmetic
// operators and lambda operators, in Go case.
var odataOperators = map[string]string{
	"eq": "Eq", "ne": "Ne", "gt": "Gt", "ge": "Ge", "lt": "Lt", "le": "Le",
	"and": "And", "or": "Or", "not": "Not", "has": "Has", "in": "In",
	"add": "Add", "sub": "Sub", "mul": "Mul", "div": "Div", "mod": "Mod",
	"any": "Any", "all": "All",
}

// odataFunctions are OData's functions a $filter calls, in Go case.
var odataFunctions = map[string]string{
	"contains": "Contains", "startswith": "StartsWith", "endswith": "EndsWith",
	"indexof": "IndexOf", "substring": "Substring", "tolower": "ToLower",
	"toupper": "ToUpper", "trim": "Trim", "concat": "Concat", "length": "Length",
	"isof": "IsOf", "cast": "Cast", "year": "Year", "month": "Month", "day": "Day",
	"date": "Date", "time": "Time", "now": "Now", "round": "Round", "floor": "Floor",
	"ceiling": "Ceiling",
}

// odataLiterals are OData's keyword literals.
var odataLiterals = map[string]string{"true": "True", "false": "False", "null": "Null"}

// queryWords reads a fixed query ("$filter=singleValueExtendedProperties/Any(ep:
// ep/id eq '{id_value}' and ep/value ne '{property_value}')") into the
// words of a variant's name, in order. For each option: its name without
// "$" (Filter) and the first property its value names, a path's segments
// each a word (SingleValueExtendedProperties), are key words; the rest of
// the value gives the others: operators (Any, Eq, And, Ne), functions
// (StartsWith), the properties after the first, nested options, literals
// ('private' is Private). Lambda variables ("ep") and placeholders in
// quotes or making up the whole value (values, which are the method's
// arguments) are no words; a placeholder outside quotes in an expression
// stands for what it names, so
// "$filter={property} eq '{value}'" filters by Property. A value that is
// a URL ("$id=https://graph.microsoft.com/v1.0/users/{user-id}") names
// what its path's literal segments name (Users).
func queryWords(q string) []queryWord {
	var out []queryWord
	add := func(w string, key bool) {
		if w != "" {
			out = append(out, queryWord{w, key})
		}
	}
	for _, kv := range graphpath.QueryPairs(q) {
		add(exportedName(strings.TrimLeft(kv[0], "$")), true)
		v := strings.TrimSpace(kv[1])
		if low := strings.ToLower(v); strings.HasPrefix(low, "https://") || strings.HasPrefix(low, "http://") {
			path, _, _ := graphpath.ExamplePath(v)
			for _, seg := range graphpath.Parse(path) {
				if seg.Kind != graphpath.Param {
					add(segmentName(seg.Raw), true)
				}
			}
			continue
		}
		out = append(out, valueWords(v)...)
	}
	return out
}

// valueWords is queryWords for one option's value.
func valueWords(v string) []queryWord {
	var out []queryWord
	keyDone := false
	add := func(w string, key bool) {
		if w != "" {
			out = append(out, queryWord{w, key})
		}
	}
	if ph := graphpath.PlaceholderNames(v); len(ph) == 1 && v == "{"+ph[0]+"}" {
		return nil // the value is the method's argument, no word
	}
	lambda := map[string]bool{}
	inQuote := false
	var lit strings.Builder
	for _, pc := range graphpath.Pieces(v) {
		if pc.Placeholder != "" || pc.Text == "" {
			if pc.Quote == 0 && !inQuote {
				add(exportedName(pc.Placeholder), !keyDone)
				keyDone = true
			}
			continue
		}
		t := pc.Text
		for i := 0; i < len(t); {
			c := t[i]
			switch {
			case c == '\'':
				if inQuote {
					add(exportedName(trimGraphNamespace(lit.String())), false)
					lit.Reset()
				}
				inQuote = !inQuote
				i++
			case inQuote:
				lit.WriteByte(c)
				i++
			case isIdentByte(c) || c == '$':
				j := i + 1
				for j < len(t) && (isIdentByte(t[j]) || t[j] == '.' || t[j] == '/' || t[j] == '$') {
					j++
				}
				run := t[i:j]
				k := j
				for k < len(t) && t[k] == ' ' {
					k++
				}
				next := byte(0)
				if k < len(t) {
					next = t[k]
				}
				i = j
				if next == ':' && !strings.Contains(run, "/") {
					lambda[run] = true
					continue
				}
				if f, ok := odataFunctions[strings.ToLower(run)]; ok && next == '(' {
					add(f, false)
					continue
				}
				elems := strings.Split(run, "/")
				if lambda[elems[0]] {
					elems = elems[1:]
				}
				key := !keyDone
				for _, e := range elems {
					e = trimGraphNamespace(strings.TrimLeft(e, "$"))
					low := strings.ToLower(e)
					if w, ok := odataOperators[low]; ok {
						add(w, false)
						key = false
						continue
					}
					if w, ok := odataLiterals[low]; ok {
						add(w, false)
						continue
					}
					if e != "" && e[0] >= '0' && e[0] <= '9' {
						add(strings.Map(func(r rune) rune {
							if r >= '0' && r <= '9' {
								return r
							}
							return -1
						}, e), false)
						continue
					}
					add(exportedName(e), key)
					keyDone = true
				}
			default:
				i++
			}
		}
	}
	return out
}

// trimGraphNamespace is s without a leading "microsoft.graph." (in any
// case).
func trimGraphNamespace(s string) string {
	const ns = "microsoft.graph."
	if len(s) > len(ns) && strings.EqualFold(s[:len(ns)], ns) {
		return s[len(ns):]
	}
	return s
}

func isIdentByte(c byte) bool { return isASCIILetter(c) || c >= '0' && c <= '9' || c == '_' }

// variantSuffixes names the query variants of one operation, given their
// fixed queries: each is its key words (queryWords), so
// "$expand=singleValueExtendedProperties($filter=id eq '{id_value}')" is
// ExpandSingleValueExtendedProperties; variants whose key words are the
// same also get their other words after those they all share: the $filter
// variants "...Any(ep: ep/id eq '{id_value}' and ep/value eq
// '{property_value}')" and "... ne ..." are
// FilterSingleValueExtendedPropertiesValueEq and
// FilterSingleValueExtendedPropertiesValueNe. A name depends on the
// variant's own query and those of the variants its key words collide
// with, nothing else (not their order). "Query" stands in for a query of
// no words.
func variantSuffixes(queries []string) []string {
	out := make([]string, len(queries))
	words := make([][]queryWord, len(queries))
	groups := map[string][]int{}
	for i, q := range queries {
		words[i] = queryWords(q)
		var b strings.Builder
		for _, w := range words[i] {
			if w.key {
				b.WriteString(w.w)
			}
		}
		out[i] = b.String()
		if out[i] == "" {
			out[i] = "Query"
		}
		groups[out[i]] = append(groups[out[i]], i)
	}
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		rest := make([][]string, len(g))
		for j, i := range g {
			for _, w := range words[i] {
				if !w.key {
					rest[j] = append(rest[j], w.w)
				}
			}
		}
		common := len(rest[0])
		for _, r := range rest[1:] {
			n := 0
			for n < common && n < len(r) && r[n] == rest[0][n] {
				n++
			}
			common = n
		}
		for j, i := range g {
			out[i] += strings.Join(rest[j][common:], "")
		}
	}
	return out
}

// fieldNames names the fields of one struct from JSON property names
// (sorted as given), avoiding reserved names such as
// AdditionalProperties and the generated methods.
func fieldNames(props []string, reserved ...string) []string {
	return exportedNames(nil).fieldNames(props, reserved...)
}

// exportedNames holds exportedName of the names one goroutine spelled:
// the property names of the structs repeat (a base type's are those of
// every type derived from it). A nil one holds none.
type exportedNames map[string]string

// of is exportedName(s).
func (c exportedNames) of(s string) string {
	if c == nil {
		return exportedName(s)
	}
	n, ok := c[s]
	if !ok {
		n = exportedName(s)
		c[s] = n
	}
	return n
}

// fieldNames is fieldNames with the names spelled through c.
func (c exportedNames) fieldNames(props []string, reserved ...string) []string {
	t := newNameTableFor(len(props) + len(reserved))
	for _, r := range reserved {
		t.take(r, "reserved")
	}
	out := make([]string, len(props))
	for i, p := range props {
		n := c.of(p)
		if n == "" {
			n = "Field"
		}
		out[i] = t.takeNumbered(n, p)
	}
	return out
}

// nameProblem is a naming problem the pass could not resolve.
type nameProblem struct {
	source string
	msg    string
}

func (p nameProblem) String() string {
	if p.source != "" {
		return p.source + ": " + p.msg
	}
	return p.msg
}

// problemsError joins problems into one error, sorted.
func problemsError(ps []nameProblem) error {
	if len(ps) == 0 {
		return nil
	}
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	sort.Strings(lines)
	return fmt.Errorf("naming: %d problem(s):\n%s", len(lines), strings.Join(lines, "\n"))
}
