package parser

import (
	"bytes"
	"html"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"

	"github.com/graphdocgen/graphdocgen/graphpath"
	"github.com/graphdocgen/graphdocgen/internal/asciifold"
)

// httpMethods are the methods a request line may start with.
var httpMethods = map[string]bool{
	"GET": true, "POST": true, "PUT": true, "PATCH": true, "DELETE": true,
	"HEAD": true, "OPTIONS": true,
}

// isHTTPLang reports whether a fenced block's info string names a block
// that may hold request lines: http, msgraph-interactive, or none. lang
// is compared in lower case.
func isHTTPLang(lang []byte) bool {
	if len(lang) > 32 || !asciifold.IsASCII(lang) {
		switch strings.ToLower(string(lang)) {
		case "", "http", "msgraph-interactive", "https", "rest":
			return true
		}
		return false
	}
	var buf [32]byte // lowered on the stack
	low := buf[:len(lang)]
	for i, c := range lang {
		low[i] = asciifold.LowerByte(c)
	}
	return len(low) == 0 || string(low) == "http" || string(low) == "msgraph-interactive" || string(low) == "https" || string(low) == "rest"
}

// fenceLang is the first word of a fenced code block's info string (the
// first of strings.Fields), in the source or a copy: no string of it.
func (s *source) fenceLang(fc *ast.FencedCodeBlock) []byte {
	if fc.Info == nil {
		return nil
	}
	v := bytes.TrimLeftFunc(fc.Info.Segment.Value(s.src), unicode.IsSpace)
	if end := bytes.IndexFunc(v, unicode.IsSpace); end >= 0 {
		v = v[:end]
	}
	return v
}

// requestLines parses the request lines of a fenced block: blank lines and
// comment lines are skipped, and so are lines that are not requests.
func (s *source) requestLines(fc *ast.FencedCodeBlock) []RequestLine {
	var out []RequestLine
	l := fc.Lines()
	for i := 0; i < l.Len(); i++ {
		seg := l.At(i)
		v := seg.Value(s.src)
		if t := bytes.TrimSpace(v); len(t) == 0 || t[0] == '#' || bytes.HasPrefix(t, []byte("//")) || bytes.HasPrefix(t, []byte("<!--")) {
			// what parseRequestLine skips, without a string of it (an
			// HTML entity can make none of these)
			continue
		}
		raw := string(v)
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
	segs := graphpath.Split(p)
	if len(segs) == 0 {
		return RequestLine{}, false
	}
	rl := RequestLine{Method: method, Raw: target, Query: q, Comment: comment, Segments: make([]Segment, 0, len(segs))}
	for _, raw := range segs {
		rl.Segments = append(rl.Segments, graphpath.ParseSegment(raw))
	}
	return rl, true
}

// splitTarget cuts the request target (the URL or path) from what follows
// it, with the path model's scanner (graphpath.RequestTarget): a protocol
// version is dropped, anything else is the comment, and an alternative
// written after a placeholder ("{user-id} | user-principal-name") is
// joined into it.
func splitTarget(rest string) (target, comment string) { return graphpath.RequestTarget(rest) }

// stripHost reduces an absolute Graph URL to its path:
// https://graph.microsoft.com/v1.0/me becomes /me.
func stripHost(t string) string {
	var rest string
	switch {
	case asciifold.HasPrefixLowerOf(t, "https://"):
		rest = t[len("https://"):]
	case asciifold.HasPrefixLowerOf(t, "http://"):
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
		if asciifold.HasPrefixLowerOf(p, v) && (len(p) == len(v) || p[len(v)] == '/' || p[len(v)] == '?') {
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
func splitQuery(t string) (p, q string) { return graphpath.SplitQuery(t) }

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
