package spec

import (
	"iter"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/graphpath"
	"github.com/graphdocgen/graphdocgen/parser"
)

// pathParam is one placeholder of an OpenAPI path.
type pathParam struct {
	Name    string // the OpenAPI name ("userId")
	DocName string // the placeholder as the docs wrote it ("id | userPrincipalName")
}

// queryParam is a placeholder of a path line's fixed query part.
type queryParam struct {
	Name    string // the query key ("startDateTime")
	DocName string // the placeholder ("start_datetime"); several: "id_value, property_value"
}

// variant is one path line turned into an OpenAPI path.
type variant struct {
	Method string
	Path   string
	Params []pathParam
	Query  string       // the fixed query part, "" when none
	QueryP []queryParam // its placeholders
	Line   parser.RequestLine
	// parsed is Path read by the path model, on first use (most
	// variants are never matched against an example URL).
	parsed graphpath.Path
}

// buildVariant turns a path line into an OpenAPI path with its parameters
// named after the conventions of the package documentation.
func buildVariant(line parser.RequestLine) variant {
	v := variant{Method: strings.ToUpper(line.Method), Line: line}
	used := map[string]bool{}
	unique := func(name string) string {
		cand := name
		for n := 2; used[cand]; n++ {
			cand = name + strconv.Itoa(n)
		}
		used[cand] = true
		return cand
	}
	var path strings.Builder
	// One buffer of about the path's length (it grew several times): the
	// segments as written, and room for the placeholders' longer names.
	n, params := 1, strings.Count(line.Raw, "{")
	for _, seg := range line.Segments {
		n += 1 + max(len(seg.Raw), len(seg.Name))
		if seg.Kind == parser.SegParam {
			n += 8
			params++ // (one written "<resourceId>" has no brace)
		}
	}
	path.Grow(n)
	if params > 0 {
		v.Params = make([]pathParam, 0, params) // at most one a placeholder: they grew one at a time
	}
	for i, seg := range line.Segments {
		raw := seg.Raw
		if raw == "" {
			raw = seg.Name
		}
		if seg.Kind == parser.SegFunction || seg.Kind == parser.SegKey {
			raw = graphpath.WireSpelling(raw)
		}
		if seg.Kind == parser.SegParam && !strings.Contains(raw, "{") {
			raw = "{" + seg.Name + "}" // written "<resourceId>"
		}
		path.WriteByte('/')
		whole := seg.Kind == parser.SegParam
		path.WriteString(graphpath.ReplacePlaceholders(raw, func(k int, doc string) string {
			var name string
			if whole && k == 0 && i > 0 && idBase(line.Segments[i-1]) != "" && genericID(doc, idBase(line.Segments[i-1])) {
				name = lowerCamel(singular(idBase(line.Segments[i-1]))) + "Id"
			} else {
				name = lowerCamel(firstAlternative(doc))
			}
			name = unique(name)
			v.Params = append(v.Params, pathParam{Name: name, DocName: doc})
			return "{" + name + "}"
		}))
	}
	if len(v.Params) == 0 {
		v.Params = nil // as without the room made above
	}
	if path.Len() == 0 {
		path.WriteByte('/')
	}
	v.Path = path.String()
	v.Query = line.Query
	for _, kv := range graphpath.QueryPairs(line.Query) {
		// one parameter for each key with placeholders; a value with
		// several ("ep/id eq '{id_value}' and ep/value eq
		// '{property_value}'") names them all, and the client takes
		// each as an argument of its own
		if phs := graphpath.PlaceholderNames(kv[1]); len(phs) > 0 {
			v.QueryP = append(v.QueryP, queryParam{Name: kv[0], DocName: strings.Join(phs, ", ")})
		}
	}
	return v
}

// idBase is the name an ID placeholder after seg is named from: a literal
// segment's last dotted part ("users", "microsoft.graph.user" gives
// "user"); "" when seg is not a literal a name can come from.
func idBase(seg parser.Segment) string {
	if seg.Kind != parser.SegLiteral {
		return ""
	}
	name := seg.Name
	if name == "" {
		name = seg.Raw
	}
	if strings.HasPrefix(name, "$") || strings.ContainsAny(name, "{}()':") {
		return ""
	}
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	return name
}

// operationID derives an operation ID from the method and the OpenAPI
// path: lower(method), then each segment's literal name, function name,
// function argument names and parameter names, joined with ".".
func operationID(method, path string) string {
	var pb [24]string
	var sb [12]graphpath.Segment
	parts := append(pb[:0], lowerMethod(method))
	for _, seg := range graphpath.AppendParse(sb[:0], path) {
		lit := seg.Name
		if seg.Kind == parser.SegParam {
			lit = ""
		}
		if i := strings.IndexAny(lit, "({"); i >= 0 {
			lit = lit[:i]
		}
		if lit = strings.Trim(lit, ":'\"="); lit != "" {
			parts = append(parts, lit)
		}
		if seg.Kind == parser.SegParam {
			parts = append(parts, seg.Name) // seg.Placeholders()
			continue
		}
		if seg.Kind != parser.SegFunction && seg.Kind != parser.SegKey {
			parts = append(parts, seg.Placeholders()...)
			continue
		}
		// A function's arguments: each placeholder's name, or the
		// argument's name when its value is fixed; an item path's
		// fixed folders.
		for _, a := range seg.Args {
			inner := graphpath.PlaceholderNames(a.Value)
			switch {
			case a.Placeholder != "":
				parts = append(parts, a.Placeholder)
			case len(inner) > 0:
				// "tz=microsoft.graph.timeZoneStandard'{tz}'"
				parts = append(parts, inner[len(inner)-1])
			case a.Name != "":
				parts = append(parts, a.Name)
			case seg.IsItemPath() && a.Value != "":
				parts = append(parts, a.Value)
			}
		}
	}
	return strings.Join(parts, ".")
}

// lowerMethod is strings.ToLower(method), without a new string for the
// methods spec accepts.
func lowerMethod(method string) string {
	switch method {
	case http.MethodGet:
		return "get"
	case http.MethodPost:
		return "post"
	case http.MethodPatch:
		return "patch"
	case http.MethodPut:
		return "put"
	case http.MethodDelete:
		return "delete"
	case http.MethodHead:
		return "head"
	}
	return strings.ToLower(method)
}

// urlPath returns an example URL's path without the service root
// (https://graph.microsoft.com/v1.0 or /beta) and without the query, and
// the URL with the service root removed but the query kept.
func urlPath(raw string) (path, rel string) {
	path, rel, _ = graphpath.ExamplePath(raw)
	return path, rel
}

// matchScore reports whether the concrete URL path, split by
// graphpath.Split, matches the variant and how specific the match is
// (higher is better); -1 means no match.
func (v *variant) matchScore(segs []string) int {
	if v.parsed == nil {
		v.parsed = graphpath.Parse(v.Path)
	}
	if r, ok := graphpath.MatchSplit(v.parsed, segs); ok {
		return r.Score
	}
	return -1
}

// operationsOf yields the operations of item, those item.Operations()
// holds (the fixed methods' first, then the additional operations a fixed
// one does not shadow), without making its map: it was asked for every
// path several times over a Build.
func operationsOf(item *openapi3.PathItem) iter.Seq[*openapi3.Operation] {
	return func(yield func(*openapi3.Operation) bool) {
		if item == nil {
			return
		}
		for _, m := range fixedMethods {
			if op := item.GetOperation(m); op != nil && !yield(op) {
				return
			}
		}
		for method, op := range item.AdditionalOperations {
			if op == nil || slices.Contains(fixedMethods[:], method) && item.GetOperation(method) != nil {
				continue // empty, or shadowed by the fixed field
			}
			if !yield(op) {
				return
			}
		}
	}
}

// fixedMethods are the methods with a field of their own in a PathItem,
// in the order of item.Operations()'s fixed part.
var fixedMethods = [...]string{http.MethodConnect, http.MethodDelete, http.MethodGet, http.MethodHead,
	http.MethodOptions, http.MethodPatch, http.MethodPost, http.MethodPut, http.MethodTrace, openapi3.MethodQuery}
