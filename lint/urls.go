package lint

import (
	"strings"

	"github.com/graphdocgen/graphdocgen/parser"
)

// graphHosts are the service roots an example URL may start with.
var graphHosts = []string{"https://graph.microsoft.com", "http://graph.microsoft.com", "graph.microsoft.com"}

// examplePath turns an example request URL into its path segments: the
// service root (https://graph.microsoft.com/v1.0 or /beta) and the query
// are dropped. ok is false for a URL of another host (an upload URL, a
// SharePoint site), which is not checked.
func examplePath(raw string) (segs []string, ok bool) {
	u := strings.TrimSpace(raw)
	if u == "" {
		return nil, false
	}
	low := strings.ToLower(u)
	hosted := false
	for _, h := range graphHosts {
		if strings.HasPrefix(low, h) {
			u, low, hosted = u[len(h):], low[len(h):], true
			break
		}
	}
	if !hosted && strings.Contains(low, "://") {
		return nil, false
	}
	if !strings.HasPrefix(u, "/") {
		if hosted {
			return nil, false
		}
		u, low = "/"+u, "/"+low
	}
	for _, v := range []string{"/v1.0", "/beta"} {
		if low == v || strings.HasPrefix(low, v+"/") || strings.HasPrefix(low, v+"?") {
			u = u[len(v):]
			break
		}
	}
	u = cutQuery(u)
	return parser.SplitPath(u), true
}

// cutQuery drops a '?' or '#' part outside parentheses, braces and quotes.
func cutQuery(u string) string {
	depth, quote := 0, false
	for i := 0; i < len(u); i++ {
		switch c := u[i]; {
		case c == '\'':
			quote = !quote
		case quote:
		case c == '(' || c == '{':
			depth++
		case (c == ')' || c == '}') && depth > 0:
			depth--
		case (c == '?' || c == '#') && depth == 0:
			return u[:i]
		}
	}
	return u
}

// funcName is a segment's name without arguments, "()" and the
// microsoft.graph namespace, lower case: "microsoft.graph.delta()" ->
// "delta".
func funcName(s string) string {
	if i := strings.IndexAny(s, "(:"); i >= 0 {
		s = s[:i]
	}
	return typeKey(s)
}

// isPlaceholder reports a segment written as a placeholder, "{id}".
func isPlaceholder(s string) bool {
	return strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") && !strings.Contains(s[1:], "{")
}

// segMatch reports whether an example segment matches a template segment.
func segMatch(t parser.Segment, e string) bool {
	switch t.Kind {
	case parser.SegParam:
		return true
	case parser.SegFunction:
		return funcName(t.Name) == funcName(e)
	case parser.SegKey:
		if isPlaceholder(t.Name) || strings.HasPrefix(t.Name, "{") {
			return true
		}
		return strings.EqualFold(t.Name, keyName(e))
	}
	if strings.EqualFold(t.Name, e) {
		return true
	}
	// "delta" written once with and once without "()" or the namespace
	return strings.ContainsAny(t.Name+e, "().") && funcName(t.Name) == funcName(e) && funcName(e) != ""
}

// keyName is the collection or navigation name of a key segment:
// "items('x')" -> "items", "root:/a/b:" -> "root".
func keyName(e string) string {
	if i := strings.IndexAny(e, "(:"); i >= 0 {
		return e[:i]
	}
	return e
}

// pathMatch reports whether example segments match a request line.
func pathMatch(l parser.RequestLine, segs []string) bool {
	if len(l.Segments) != len(segs) {
		return false
	}
	for i, t := range l.Segments {
		if !segMatch(t, segs[i]) {
			return false
		}
	}
	return true
}
