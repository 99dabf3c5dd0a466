package graphpath

import "strings"

// Path is a parsed path: its segments in order.
type Path []Segment

// Parse splits a path (an OpenAPI path, a docs request path or an
// example URL's path) and classifies its segments. A query part is not
// expected; use SplitQuery first.
func Parse(p string) Path {
	var buf [16]string
	raws := split(p, buf[:0])
	out := make(Path, len(raws))
	for i, r := range raws {
		out[i] = ParseSegment(r)
	}
	return out
}

// AppendParse appends the segments of p, as Parse gives them, to dst:
// for a caller that reads a path's segments once, into an array of its
// own.
func AppendParse(dst Path, p string) Path {
	var buf [16]string
	for _, r := range split(p, buf[:0]) {
		dst = append(dst, ParseSegment(r))
	}
	return dst
}

// SplitQuery cuts "path?query" at the first '?' outside braces, quotes
// and parentheses.
func SplitQuery(t string) (p, q string) {
	i := scanDepth0(t, func(c byte) bool { return c == '?' })
	if i < 0 {
		return t, ""
	}
	return t[:i], t[i+1:]
}

// Index returns the index of the first byte of t outside braces, quotes
// and parentheses for which stop is true, or -1.
func Index(t string, stop func(byte) bool) int { return scanDepth0(t, stop) }

func scanDepth0(t string, stop func(byte) bool) int {
	sc := scanner{lq: lastQuotes(t)}
	for i := 0; i < len(t); i++ {
		if sc.step(t, i) && stop(t[i]) {
			return i
		}
	}
	return -1
}

// scanner follows a string byte by byte through its quotes, braces and
// parentheses (and square brackets, when brackets is set): the one
// scanner of the package, so that every cut of a path or a request line
// agrees on what is inside what. A quote opens a quoted run only when
// another one of its kind follows (lq).
type scanner struct {
	depth    int // open braces and parentheses (and brackets)
	parens   int // open '(' among depth
	quote    byte
	brackets bool
	lq       quoteEnds
}

// step reads byte i of t and reports whether it stands at the top:
// outside quotes and nesting, and itself no quote, brace, parenthesis or
// bracket.
func (s *scanner) step(t string, i int) bool {
	c := t[i]
	switch {
	case s.quote != 0:
		if c == s.quote {
			s.quote = 0
		}
		return false
	case c == '\'' || c == '"':
		if s.lq.later(i, c) {
			s.quote = c
		}
		return false
	case c == '(':
		s.depth++
		s.parens++
		return false
	case c == '{' || s.brackets && c == '[':
		s.depth++
		return false
	case c == '}' || c == ')' || s.brackets && c == ']':
		if s.depth > 0 {
			s.depth--
		}
		if c == ')' && s.parens > 0 {
			s.parens--
		}
		return false
	}
	return s.depth == 0
}

// Split splits a path at '/' outside braces, quotes and parentheses, and
// outside ':/...:' item paths, without the leading empty segment. Empty
// segments (a trailing '/') are dropped. A quote opens a quoted run only
// when another one of its kind follows, so a stray apostrophe does not
// swallow the rest of the path. "range(address='A1'/entireRow": where the
// docs left out the ')' after a quoted argument, the segment is closed;
// likewise "{group-id/drive", where the docs left out a '}'.
func Split(p string) []string {
	return split(p, make([]string, 0, strings.Count(p, "/")+1))
}

// split is Split appending to segs (a path has at most one segment more
// than it has '/').
func split(p string, segs []string) []string {
	sc := scanner{lq: lastQuotes(p)}
	inColon := false
	start := 0
	if strings.HasPrefix(p, "/") {
		start = 1
	}
	flush := func(end int) {
		if seg := p[start:end]; seg != "" {
			segs = append(segs, seg)
		}
		start = end + 1
	}
	for i := start; i < len(p); i++ {
		c := p[i]
		top := sc.step(p, i)
		switch {
		case sc.quote != 0 || c != '/' && c != ':':
		case c == '/' && sc.depth == 1 && sc.parens == 1 && i > 0 && p[i-1] == '\'' && !inColon:
			if seg := p[start:i]; seg != "" {
				segs = append(segs, seg+")")
			}
			start = i + 1
			sc.depth, sc.parens = 0, 0
		case c == '/' && sc.depth > 0 && sc.parens == 0 && !inColon:
			// A placeholder holds no '/': the docs left out its '}'
			// ("/groups/{group-id/drive"), so the segment is closed here.
			if seg := p[start:i]; seg != "" {
				segs = append(segs, seg+strings.Repeat("}", sc.depth))
			}
			start = i + 1
			sc.depth = 0
		case c == ':' && top:
			next := byte(0)
			if i+1 < len(p) {
				next = p[i+1]
			}
			if !inColon && next == '/' {
				inColon = true
			} else if inColon && (next == '/' || next == 0) {
				inColon = false
			}
		case c == '/' && top && !inColon:
			flush(i)
		}
	}
	flush(len(p))
	return segs
}

// Quotes tells which quote characters of a string open a quoted run, for
// scanners of request lines that must agree with Split.
type Quotes = quoteEnds

// QuotesOf returns the Quotes of t.
func QuotesOf(t string) Quotes { return lastQuotes(t) }

// Opens reports whether quote character c at index i opens a quoted run:
// another one of its kind follows.
func (q quoteEnds) Opens(i int, c byte) bool { return q.later(i, c) }

// quoteEnds holds the last index of ' and of " in a string: a quote
// opens a quoted run only when another one follows it, and looking at the
// last occurrence keeps scanning linear.
type quoteEnds struct{ single, double int }

func lastQuotes(t string) quoteEnds {
	return quoteEnds{strings.LastIndexByte(t, '\''), strings.LastIndexByte(t, '"')}
}

// later reports whether quote character c occurs after index i.
func (q quoteEnds) later(i int, c byte) bool {
	if c == '\'' {
		return q.single > i
	}
	return q.double > i
}

// graphHosts are the service roots an example URL may start with.
var graphHosts = []string{"https://graph.microsoft.com", "http://graph.microsoft.com", "graph.microsoft.com"}

// ExamplePath reduces an example request URL to its path and the URL
// relative to the service root: the host (https://graph.microsoft.com),
// the version (/v1.0 or /beta) are dropped, and the query and fragment
// from path. ok is false for a URL of another host (an upload URL, a
// SharePoint site).
func ExamplePath(raw string) (path, rel string, ok bool) {
	u := strings.TrimSpace(raw)
	if u == "" {
		return "/", "/", false
	}
	low := strings.ToLower(u)
	hosted := false
	for _, h := range graphHosts {
		if strings.HasPrefix(low, h) {
			u, low, hosted = u[len(h):], low[len(h):], true
			break
		}
	}
	ok = true
	if !hosted && strings.Contains(low, "://") {
		ok = false
		// another host: its path all the same
		rest := u[strings.Index(u, "://")+3:]
		if j := strings.IndexByte(rest, '/'); j >= 0 {
			u = rest[j:]
		} else {
			u = "/"
		}
		low = strings.ToLower(u)
	}
	if !strings.HasPrefix(u, "/") {
		if hosted {
			ok = false
		}
		u, low = "/"+u, "/"+low
	}
	for _, v := range []string{"/v1.0", "/beta"} {
		if low == v || strings.HasPrefix(low, v+"/") || strings.HasPrefix(low, v+"?") {
			u = u[len(v):]
			break
		}
	}
	if !strings.HasPrefix(u, "/") {
		u = "/" + u
	}
	rel = u
	path = u
	if i := scanDepth0(u, func(c byte) bool { return c == '?' || c == '#' }); i >= 0 {
		path = u[:i]
	}
	return path, rel, ok
}
