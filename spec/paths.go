package spec

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"

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
	DocName string // the placeholder ("start_datetime")
}

// variant is one path line turned into an OpenAPI path.
type variant struct {
	Method string
	Path   string
	Params []pathParam
	Query  string       // the fixed query part, "" when none
	QueryP []queryParam // its placeholders
	Line   parser.RequestLine
	// pattern is the regular expression matching a concrete URL path of
	// this variant; match is it compiled, on first use (most variants
	// are never matched against an example URL).
	pattern string
	match   *regexp.Regexp
	badRE   bool // pattern did not compile (it is built from quoted literals, so never expected)
	score   int  // how much literal text match compares
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
	var path, pattern strings.Builder
	pattern.WriteString("^")
	for i, seg := range line.Segments {
		raw := seg.Raw
		if raw == "" {
			raw = seg.Name
		}
		if seg.Kind == parser.SegFunction || seg.Kind == parser.SegKey {
			raw = normalizeArgs(raw)
		}
		if seg.Kind == parser.SegParam && !strings.Contains(raw, "{") {
			raw = "{" + seg.Name + "}" // written "<resourceId>"
		}
		path.WriteByte('/')
		pattern.WriteByte('/')
		if !strings.Contains(raw, "{") {
			path.WriteString(raw)
			lit := regexp.QuoteMeta(raw)
			if seg.Kind == parser.SegFunction {
				// "getSchedule" and "delta()" are also written
				// "getSchedule()" and "delta" in example URLs.
				base := strings.TrimSuffix(raw, "()")
				lit = regexp.QuoteMeta(base) + `(?:\(\))?`
			}
			pattern.WriteString("(?i:" + lit + ")")
			v.score += len(raw)
			continue
		}
		whole := seg.Kind == parser.SegParam
		first := true
		rest := raw
		for {
			open := strings.IndexByte(rest, '{')
			if open < 0 {
				break
			}
			closing := strings.IndexByte(rest[open:], '}')
			if closing < 0 {
				break
			}
			closing += open
			lit := rest[:open]
			path.WriteString(lit)
			if lit != "" {
				pattern.WriteString("(?i:" + regexp.QuoteMeta(lit) + ")")
				v.score += len(lit)
			}
			doc := rest[open+1 : closing]
			var name string
			if whole && first && i > 0 && idBase(line.Segments[i-1]) != "" && genericID(doc, idBase(line.Segments[i-1])) {
				name = lowerCamel(singular(idBase(line.Segments[i-1]))) + "Id"
			} else {
				name = lowerCamel(firstAlternative(doc))
			}
			name = unique(name)
			v.Params = append(v.Params, pathParam{Name: name, DocName: doc})
			path.WriteString("{" + name + "}")
			if whole {
				pattern.WriteString(`[^/]+`)
			} else {
				pattern.WriteString(`.+?`)
			}
			first = false
			rest = rest[closing+1:]
		}
		path.WriteString(rest)
		if rest != "" {
			pattern.WriteString("(?i:" + regexp.QuoteMeta(rest) + ")")
			v.score += len(rest)
		}
	}
	if path.Len() == 0 {
		path.WriteByte('/')
	}
	pattern.WriteString("/?$")
	v.Path = path.String()
	v.pattern = pattern.String()
	v.Query = line.Query
	for _, kv := range strings.Split(line.Query, "&") {
		k, val, ok := strings.Cut(kv, "=")
		k = strings.TrimSpace(k)
		if !ok || k == "" {
			continue
		}
		open := strings.IndexByte(val, '{')
		closing := strings.LastIndexByte(val, '}')
		if open < 0 || closing < open {
			continue
		}
		v.QueryP = append(v.QueryP, queryParam{Name: k, DocName: val[open+1 : closing]})
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
	parts := []string{strings.ToLower(method)}
	for _, seg := range splitPath(path) {
		if seg == "" {
			continue
		}
		var names []string
		lit := seg
		if i := strings.IndexAny(seg, "({"); i >= 0 {
			lit = seg[:i]
		}
		lit = strings.Trim(lit, ":'\"=")
		if lit != "" {
			names = append(names, lit)
		}
		if open := strings.IndexByte(seg, '('); open >= 0 && strings.HasSuffix(seg, ")") {
			// A function's arguments: each placeholder's name, or the
			// argument's name when its value is fixed.
			for _, a := range splitArgs(seg[open+1 : len(seg)-1]) {
				k, val, hasKey := strings.Cut(a, "=")
				if !hasKey {
					val, k = k, ""
				}
				if o, c := strings.IndexByte(val, '{'), strings.LastIndexByte(val, '}'); o >= 0 && c > o {
					names = append(names, val[o+1:c])
				} else if k = strings.TrimSpace(k); k != "" {
					names = append(names, k)
				}
			}
			parts = append(parts, names...)
			continue
		}
		rest := seg
		for {
			open := strings.IndexByte(rest, '{')
			if open < 0 {
				break
			}
			closing := strings.IndexByte(rest[open:], '}')
			if closing < 0 {
				break
			}
			names = append(names, rest[open+1:open+closing])
			rest = rest[open+closing+1:]
		}
		parts = append(parts, names...)
	}
	return strings.Join(parts, ".")
}

// splitArgs splits a function's argument list at the commas outside
// quotes.
func splitArgs(s string) []string {
	var out []string
	quote, start := false, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\'':
			quote = !quote
		case ',':
			if !quote {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// splitPath splits an OpenAPI path at the slashes outside parentheses and
// quotes.
func splitPath(p string) []string {
	var out []string
	depth, start := 0, 0
	quote := false
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '\'':
			quote = !quote
		case quote:
		case c == '(':
			depth++
		case c == ')':
			if depth > 0 {
				depth--
			}
		case c == '/' && depth == 0:
			if i > start {
				out = append(out, p[start:i])
			}
			start = i + 1
		}
	}
	if start < len(p) {
		out = append(out, p[start:])
	}
	return out
}

// urlPath returns an example URL's path without the service root
// (https://graph.microsoft.com/v1.0 or /beta) and without the query, and
// the URL with the service root removed but the query kept.
func urlPath(raw string) (path, rel string) {
	s := strings.TrimSpace(raw)
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
		if j := strings.IndexByte(s, '/'); j >= 0 {
			s = s[j:]
		} else {
			s = "/"
		}
	}
	for _, v := range []string{"/v1.0", "/beta"} {
		if len(s) >= len(v) && strings.EqualFold(s[:len(v)], v) && (len(s) == len(v) || s[len(v)] == '/' || s[len(v)] == '?') {
			s = s[len(v):]
			break
		}
	}
	if !strings.HasPrefix(s, "/") {
		s = "/" + s
	}
	rel = s
	path, _, _ = strings.Cut(s, "?")
	return path, rel
}

// matchScore reports whether the concrete URL path matches the variant and
// how specific the match is (higher is better); -1 means no match.
func (v *variant) matchScore(p string) int {
	if v.match == nil && !v.badRE {
		re, err := regexp.Compile(v.pattern)
		if err != nil {
			v.badRE = true
			return -1
		}
		v.match = re
	}
	if v.match == nil {
		return -1
	}
	if v.match.MatchString(p) {
		return v.score
	}
	if u, err := url.PathUnescape(p); err == nil && u != p && v.match.MatchString(u) {
		return v.score
	}
	return -1
}

// anglePlaceholder is a placeholder written "<address>" in an argument.
var anglePlaceholder = regexp.MustCompile(`([(=,]\s*'?)<([A-Za-z][A-Za-z0-9_-]*)>`)

// normalizeArgs spells a function or key segment as it goes on the wire:
// "<address>" placeholders as "{address}", and without the blanks the docs
// put around ',' and '=' outside quotes (a blank is not valid in a path).
func normalizeArgs(raw string) string {
	raw = anglePlaceholder.ReplaceAllString(raw, "${1}{${2}}")
	if !strings.Contains(raw, " ") {
		return raw
	}
	var b strings.Builder
	var quote byte
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == ' ' || c == '\t':
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
