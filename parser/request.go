package parser

import (
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// httpMethods are the methods a request line may start with.
var httpMethods = map[string]bool{
	"GET": true, "POST": true, "PUT": true, "PATCH": true, "DELETE": true,
	"HEAD": true, "OPTIONS": true,
}

// isHTTPLang reports whether a fenced block's info string names a block
// that may hold request lines: http, msgraph-interactive, or none.
func isHTTPLang(lang string) bool {
	switch strings.ToLower(lang) {
	case "", "http", "msgraph-interactive", "https", "rest":
		return true
	}
	return false
}

// fenceLang is the first word of a fenced code block's info string.
func (s *source) fenceLang(fc *ast.FencedCodeBlock) string {
	if fc.Info == nil {
		return ""
	}
	f := strings.Fields(string(fc.Info.Segment.Value(s.src)))
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

// requestLines parses the request lines of a fenced block: blank lines and
// comment lines are skipped, and so are lines that are not requests.
func (s *source) requestLines(fc *ast.FencedCodeBlock) []RequestLine {
	var out []RequestLine
	l := fc.Lines()
	for i := 0; i < l.Len(); i++ {
		seg := l.At(i)
		raw := string(seg.Value(s.src))
		lead := len(raw) - len(strings.TrimLeft(raw, " \t"))
		rl, ok := parseRequestLine(raw)
		if !ok {
			continue
		}
		rl.Pos = s.pos(seg.Start + lead)
		if len(rl.Raw) > MaxPathLength || len(rl.Segments) > MaxPathSegments {
			s.warnf(rl.Pos, "path-too-long", "request path of %d bytes and %d segments is over the limit (%d bytes, %d segments); the request line is dropped", len(rl.Raw), len(rl.Segments), MaxPathLength, MaxPathSegments)
			continue
		}
		out = append(out, rl)
	}
	return out
}

// parseRequestLine parses one "METHOD /path?query  # comment" line.
func parseRequestLine(line string) (RequestLine, bool) {
	line = strings.TrimSpace(html.UnescapeString(line))
	if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "//") || strings.HasPrefix(line, "<!--") {
		return RequestLine{}, false
	}
	sp := strings.IndexAny(line, " \t")
	if slash := strings.IndexByte(line, '/'); slash > 0 && (sp < 0 || slash < sp) && httpMethods[line[:slash]] {
		// "DELETE/identity/x": the space is missing
		line = line[:slash] + " " + line[slash:]
		sp = slash
	}
	if sp < 0 {
		return RequestLine{}, false
	}
	method := strings.ToUpper(line[:sp])
	if !httpMethods[method] {
		return RequestLine{}, false
	}
	rest := strings.TrimSpace(line[sp:])
	target, comment := splitTarget(rest)
	target = strings.TrimPrefix(stripHost(target), "~")
	if !strings.HasPrefix(target, "/") {
		// "GET policies/x" and "GET me/devices": a relative path
		if target == "" || !(isLetter(target[0]) || target[0] == '{' || target[0] == '$') || !strings.ContainsAny(target, "/({") && method != line[:sp] {
			return RequestLine{}, false
		}
		target = "/" + target
	}
	p, q := splitQuery(target)
	segs := splitSegments(p)
	if len(segs) == 0 {
		return RequestLine{}, false
	}
	rl := RequestLine{Method: method, Raw: target, Query: q, Comment: comment}
	for _, raw := range segs {
		rl.Segments = append(rl.Segments, parseSegment(raw))
	}
	return rl, true
}

// splitTarget cuts the request target (the URL or path) from what follows
// it: a protocol version ("HTTP/1.1") is dropped, anything else is the
// comment ("# ..." or "// ..." or trailing words).
func splitTarget(rest string) (target, comment string) {
	depth := 0
	var quote byte
	end := len(rest)
	lq := lastQuotes(rest)
scan:
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			// quotes inside a segment (function arguments); a quote at a
			// segment start in a path is rare but counts too
			if lq.later(i, c) {
				quote = c
			}
		case c == '{' || c == '(' || c == '[':
			depth++
		case c == '}' || c == ')' || c == ']':
			if depth > 0 {
				depth--
			}
		case c == '?' && depth == 0:
			// the query runs to the end of the line, less a protocol
			// version or a comment
			q := rest[i:]
			for _, marker := range []string{" HTTP/", " http/", " #", " //", "\t#", "\t//"} {
				if j := strings.Index(q, marker); j >= 0 {
					q = q[:j]
				}
			}
			end = i + len(strings.TrimRight(q, " \t"))
			break scan
		case (c == ' ' || c == '\t') && depth == 0:
			end = i
			break scan
		}
	}
	target = rest[:end]
	tail := strings.TrimSpace(rest[end:])
	if f := strings.Fields(tail); len(f) > 0 && strings.HasPrefix(strings.ToUpper(f[0]), "HTTP/") {
		tail = strings.TrimSpace(tail[len(f[0]):])
	}
	tail = strings.TrimSpace(strings.TrimLeft(tail, "#/"))
	return target, tail
}

// stripHost reduces an absolute Graph URL to its path:
// https://graph.microsoft.com/v1.0/me becomes /me.
func stripHost(t string) string {
	low := strings.ToLower(t)
	var rest string
	switch {
	case strings.HasPrefix(low, "https://"):
		rest = t[len("https://"):]
	case strings.HasPrefix(low, "http://"):
		rest = t[len("http://"):]
	default:
		return t
	}
	i := strings.IndexByte(rest, '/')
	if i < 0 {
		return "/"
	}
	p := rest[i:]
	for _, v := range []string{"/v1.0", "/beta"} {
		if strings.HasPrefix(strings.ToLower(p), v) && (len(p) == len(v) || p[len(v)] == '/' || p[len(v)] == '?') {
			p = p[len(v):]
			break
		}
	}
	if p == "" || p[0] != '/' {
		p = "/" + p
	}
	return p
}

// splitQuery cuts "path?query" at the first '?' outside braces, quotes
// and parentheses.
func splitQuery(t string) (p, q string) {
	i := scanDepth0(t, func(c byte) bool { return c == '?' })
	if i < 0 {
		return t, ""
	}
	return t[:i], t[i+1:]
}

// scanDepth0 returns the index of the first byte outside braces, quotes and
// parentheses for which stop is true, or -1.
func scanDepth0(t string, stop func(byte) bool) int {
	depth := 0
	var quote byte
	lq := lastQuotes(t)
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			if lq.later(i, c) {
				quote = c
			}
		case c == '{' || c == '(':
			depth++
		case c == '}' || c == ')':
			if depth > 0 {
				depth--
			}
		case depth == 0 && stop(c):
			return i
		}
	}
	return -1
}

// SplitPath splits a URL path into segments the way path lines are split
// (see splitSegments), so that example URLs can be matched segment by
// segment against documented paths.
func SplitPath(p string) []string { return splitSegments(p) }

// splitSegments splits a path at '/' outside braces, quotes and
// parentheses, and outside ':/...:' item paths, without the leading empty
// segment. Empty segments (a trailing '/') are dropped.
func splitSegments(p string) []string {
	var segs []string
	depth := 0
	var quote byte
	lq := lastQuotes(p)
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
	parens := 0 // open '(' among depth
	for i := start; i < len(p); i++ {
		c := p[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			if lq.later(i, c) {
				quote = c
			}
		case c == '(':
			depth++
			parens++
		case c == '{':
			depth++
		case c == '}' || c == ')':
			if depth > 0 {
				depth--
			}
			if c == ')' && parens > 0 {
				parens--
			}
		case c == '/' && depth == 1 && parens == 1 && i > 0 && p[i-1] == '\'' && !inColon:
			// "range(address='A1'/entireRow": the docs left out the
			// ')' after a quoted argument; close it and go on.
			if seg := p[start:i]; seg != "" {
				segs = append(segs, seg+")")
			}
			start = i + 1
			depth, parens = 0, 0
		case c == ':' && depth == 0:
			next := byte(0)
			if i+1 < len(p) {
				next = p[i+1]
			}
			if !inColon && next == '/' {
				inColon = true
			} else if inColon && (next == '/' || next == 0) {
				inColon = false
			}
		case c == '/' && depth == 0 && !inColon:
			flush(i)
		}
	}
	flush(len(p))
	return segs
}

// parseSegment classifies one path segment.
func parseSegment(raw string) Segment {
	seg := Segment{Kind: SegLiteral, Raw: raw, Name: raw}
	if len(raw) >= 2 && raw[0] == '{' && raw[len(raw)-1] == '}' && scanDepth0(raw[:len(raw)-1], func(c byte) bool { return c == '}' }) < 0 && strings.Count(raw, "{") == 1 {
		seg.Kind = SegParam
		seg.Name = strings.TrimSpace(raw[1 : len(raw)-1])
		return seg
	}
	if isAnglePlaceholder(raw) {
		// "/resources/<resourceId>/roleSettings": a placeholder in angle
		// brackets, as in "range(<address>)".
		seg.Kind = SegParam
		seg.Name = raw[1 : len(raw)-1]
		return seg
	}
	// item path: "root:/{item-path}:" or "{hostname}:/{path}"
	if i := strings.Index(raw, ":/"); i >= 0 && scanDepth0(raw, func(c byte) bool { return c == ':' }) == i {
		seg.Kind = SegKey
		seg.Name = raw[:i]
		if isPlaceholder(seg.Name) {
			seg.Args = append(seg.Args, Arg{Placeholder: strings.TrimSpace(seg.Name[1 : len(seg.Name)-1])})
		}
		inner := strings.TrimSuffix(raw[i+1:], ":")
		for _, part := range strings.Split(inner, "/") {
			if part == "" {
				continue
			}
			seg.Args = append(seg.Args, parseArgValue("", part))
		}
		return seg
	}
	// function or key: name(args)
	if open := strings.IndexByte(raw, '('); open > 0 && strings.HasSuffix(raw, ")") && !strings.ContainsAny(raw[:open], "{}'\"") {
		name := raw[:open]
		args := splitArgs(raw[open+1 : len(raw)-1])
		named := true
		for _, a := range args {
			if a.Name == "" {
				named = false
			}
		}
		seg.Name = name
		seg.Args = args
		if named {
			seg.Kind = SegFunction
		} else {
			seg.Kind = SegKey
		}
		return seg
	}
	return seg
}

func isPlaceholder(v string) bool {
	return len(v) >= 2 && v[0] == '{' && v[len(v)-1] == '}'
}

// isAnglePlaceholder reports whether v is a placeholder written in angle
// brackets, as workbook pages write "range(<address>)": a name of letters,
// digits, '-' and '_' between '<' and '>'.
func isAnglePlaceholder(v string) bool {
	if len(v) < 3 || v[0] != '<' || v[len(v)-1] != '>' || !isLetter(v[1]) {
		return false
	}
	for i := 1; i < len(v)-1; i++ {
		c := v[i]
		if !isLetter(c) && !(c >= '0' && c <= '9') && c != '-' && c != '_' {
			return false
		}
	}
	return true
}

// splitArgs splits "a='{x}',b=1" at commas outside quotes and braces.
func splitArgs(s string) []Arg {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	var args []Arg
	for {
		i := scanDepth0(s, func(c byte) bool { return c == ',' })
		part := s
		if i >= 0 {
			part = s[:i]
		}
		part = strings.TrimSpace(part)
		name := ""
		if eq := scanDepth0(part, func(c byte) bool { return c == '=' }); eq >= 0 {
			name = strings.TrimSpace(part[:eq])
			part = strings.TrimSpace(part[eq+1:])
		}
		args = append(args, parseArgValue(name, part))
		if i < 0 {
			break
		}
		s = s[i+1:]
	}
	return args
}

// parseArgValue reads one argument value: a placeholder, a quoted value or
// a bare value.
func parseArgValue(name, v string) Arg {
	a := Arg{Name: name}
	v = strings.TrimSpace(v)
	if len(v) >= 2 && (v[0] == '\'' && v[len(v)-1] == '\'' || v[0] == '"' && v[len(v)-1] == '"') {
		a.Quoted = true
		v = v[1 : len(v)-1]
	}
	if isPlaceholder(v) && strings.Count(v, "{") == 1 || isAnglePlaceholder(v) {
		a.Placeholder = strings.TrimSpace(v[1 : len(v)-1])
		return a
	}
	a.Value = v
	return a
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

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
