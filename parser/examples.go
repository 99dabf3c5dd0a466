package parser

import (
	"bytes"
	"encoding/json"
	"html"
	"io"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/graphdocgen/graphdocgen/internal/asciifold"
)

// annotations are the annotation comments of a page: each one applies to
// the block right after it.
type annotations struct {
	// next are the blocks with an annotation above them, in page order,
	// and their annotations (a few per page: a list, not a map)
	next []annotated
}

type annotated struct {
	block ast.Node
	m     map[string]any
}

// annotationOf returns the annotation above n and its "blockType".
func (a *annotations) annotationOf(n ast.Node) (map[string]any, string) {
	var m map[string]any
	for _, x := range a.next {
		if x.block == n {
			m = x.m // a block below two annotations has the last
		}
	}
	bt, _ := m["blockType"].(string)
	return m, strings.ToLower(bt)
}

// commentJSON returns the text between "<!--" and "-->" of an HTML block
// when it is a comment whose content starts with '{'.
//
// The block is read in the source's scratch buffer (see inlineBytes): only
// the text of a comment that is one becomes a string.
func (s *source) commentJSON(n *ast.HTMLBlock) (string, bool) {
	buf := s.scratch.b[:0]
	l := n.Lines()
	for i := 0; i < l.Len(); i++ {
		seg := l.At(i)
		for range seg.Padding {
			buf = append(buf, ' ')
		}
		buf = append(buf, s.src[seg.Start:seg.Stop]...)
	}
	t := bytes.TrimSpace(buf)
	if n.HasClosure() {
		buf = append(buf[:copy(buf, t)], n.ClosureLine.Value(s.src)...)
		t = bytes.TrimSpace(buf)
	}
	s.scratch.b = buf
	body, ok := bytes.CutPrefix(t, []byte("<!--"))
	if !ok {
		return "", false
	}
	if i := bytes.Index(body, []byte("-->")); i >= 0 {
		body = body[:i]
	}
	body = bytes.TrimSpace(body)
	if !bytes.HasPrefix(body, []byte("{")) {
		return "", false
	}
	return string(body), true
}

// parseAnnotations reads every annotation comment of the page, the page
// annotation, and the examples (request and response blocks).
func parseAnnotations(s *source, o *outline, p *Page) *annotations {
	a := &annotations{}
	if s.bufs != nil {
		a.next = s.bufs.annots[:0] // the page's arrays' (parseBufs)
		defer func() { s.bufs.annots = a.next }()
	}
	lastRequest := ""
	for i, b := range o.blocks {
		hb, ok := b.node.(*ast.HTMLBlock)
		if !ok {
			continue
		}
		body, ok := s.commentJSON(hb)
		if !ok {
			continue
		}
		pos := s.blockPos(hb)
		m, err := decodeAnnotation(body)
		if err != nil {
			// point at the line of the comment where decoding failed
			if se, ok := err.(*json.SyntaxError); ok && se.Offset > 0 && int(se.Offset) <= len(body) {
				start := strings.Index(s.blockText(hb), "{")
				if start >= 0 {
					if off := hb.Lines().At(0).Start + start + int(se.Offset) - 1; off < len(s.src) {
						pos = s.pos(off)
					}
				}
			}
			s.errorf(pos, "bad-annotation-json", "annotation comment is not valid JSON: %v", err)
			continue
		}
		if t, _ := m["type"].(string); strings.EqualFold(t, "#page.annotation") {
			pa := &PageAnnotation{Pos: pos}
			pa.Description, _ = m["description"].(string)
			if sup, ok := m["suppressions"].([]any); ok {
				for _, x := range sup {
					if v, ok := x.(string); ok {
						pa.Suppressions = append(pa.Suppressions, v)
					}
				}
			}
			p.Annotation = pa
			continue
		}
		if i+1 >= len(o.blocks) {
			continue
		}
		nb := o.blocks[i+1].node
		a.next = append(a.next, annotated{nb, m})
		bt, _ := m["blockType"].(string)
		bt = strings.ToLower(bt)
		if bt != "request" && bt != "response" {
			continue
		}
		fc, ok := nb.(*ast.FencedCodeBlock)
		if !ok {
			s.warnf(pos, "annotation-without-block", "%s annotation is not followed by a code block", bt)
			continue
		}
		ex := s.example(fc, bt, m)
		if bt == "request" {
			lastRequest = ex.Name
		} else if ex.Name == "" {
			ex.Name = lastRequest
		}
		p.Examples = append(p.Examples, ex)
	}
	return a
}

// decodeAnnotation decodes an annotation's JSON. It tolerates what is
// unambiguous: trailing commas before '}' or ']', typographic quotes and
// HTML entities; anything else is an error.
func decodeAnnotation(body string) (map[string]any, error) {
	if v, ok := fastJSON(body, false, true); ok {
		if m, ok := v.(map[string]any); ok {
			return m, nil
		}
	}
	var m map[string]any
	err := json.Unmarshal([]byte(body), &m)
	if err == nil {
		return m, nil
	}
	fixed := strings.NewReplacer("“", `"`, "”", `"`).Replace(body)
	fixed = string(dropTrailingCommas(quoteBareKeys(escapeStringNewlines([]byte(fixed)))))
	if err2 := json.Unmarshal([]byte(fixed), &m); err2 == nil {
		return m, nil
	}
	if d := html.UnescapeString(fixed); d != fixed {
		if err3 := json.Unmarshal([]byte(d), &m); err3 == nil {
			return m, nil
		}
	}
	return nil, err
}

// escapeStringNewlines writes raw line breaks inside strings as \n.
func escapeStringNewlines(b []byte) []byte {
	out := make([]byte, 0, len(b))
	inStr := false
	for i := 0; i < len(b); i++ {
		c := b[i]
		if inStr {
			switch {
			case c == '\\' && i+1 < len(b):
				out = append(out, c, b[i+1])
				i++
				continue
			case c == '"':
				inStr = false
			case c == '\n':
				out = append(out, '\\', 'n')
				continue
			case c == '\r':
				continue
			}
			out = append(out, c)
			continue
		}
		if c == '"' {
			inStr = true
		}
		out = append(out, c)
	}
	return out
}

// copyString appends the JSON string literal that starts with the quote at
// b[i] to out, escapes included, and returns out and the index of its
// closing quote (or the last byte, for an unterminated string).
func copyString(b []byte, i int, out []byte) ([]byte, int) {
	out = append(out, b[i])
	for i++; i < len(b); i++ {
		out = append(out, b[i])
		switch {
		case b[i] == '\\' && i+1 < len(b):
			i++
			out = append(out, b[i])
		case b[i] == '"':
			return out, i
		}
	}
	return out, len(b) - 1
}

// quoteBareKeys quotes object keys written without quotes
// (isCollection: true), outside strings.
func quoteBareKeys(b []byte) []byte {
	out := make([]byte, 0, len(b)+8)
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '"' {
			out, i = copyString(b, i, out)
			continue
		}
		if isLetter(c) || c == '_' || c == '@' {
			j := i
			for j < len(b) && (isLetter(b[j]) || b[j] >= '0' && b[j] <= '9' || b[j] == '_' || b[j] == '@' || b[j] == '.') {
				j++
			}
			k := j
			for k < len(b) && (b[k] == ' ' || b[k] == '\t') {
				k++
			}
			if k < len(b) && b[k] == ':' {
				out = append(out, '"')
				out = append(out, b[i:j]...)
				out = append(out, '"')
			} else {
				out = append(out, b[i:j]...)
			}
			i = j - 1
			continue
		}
		out = append(out, c)
	}
	return out
}

// dropTrailingCommas removes commas that stand before '}' or ']' outside
// strings.
func dropTrailingCommas(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '"' {
			out, i = copyString(b, i, out)
			continue
		}
		if c == ',' {
			j := i + 1
			for j < len(b) && (b[j] == ' ' || b[j] == '\t' || b[j] == '\n' || b[j] == '\r') {
				j++
			}
			if j < len(b) && (b[j] == '}' || b[j] == ']') {
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

// example reads a request or response example block.
func (s *source) example(fc *ast.FencedCodeBlock, blockType string, m map[string]any) Example {
	ex := Example{BlockType: blockType, Annotation: m, Pos: s.blockPos(fc)}
	ex.Name, _ = m["name"].(string)
	ex.Truncated, _ = m["truncated"].(bool)
	ex.ODataType, _ = m["@odata.type"].(string)
	ex.IsCollection, _ = m["isCollection"].(bool)
	// The block's lines are read where they are in its text, which the
	// body's string is a part of (strings.SplitAfter and Join made a
	// slice of the lines and a copy of the body).
	text := s.blockText(fc)
	off, past := 0, false // the start of the current line; past the last
	line := func() string {
		if j := strings.IndexByte(text[off:], '\n'); j >= 0 {
			return text[off : off+j+1]
		}
		return text[off:]
	}
	advance := func() {
		if j := strings.IndexByte(text[off:], '\n'); j >= 0 {
			off += j + 1
		} else {
			off, past = len(text), true
		}
	}
	for !past && strings.TrimSpace(line()) == "" {
		advance()
	}
	if !past {
		first := strings.TrimSpace(line())
		f0, f1 := twoFields(first) // the first two of strings.Fields
		if blockType == "request" {
			if f1 != "" && httpMethods[strings.ToUpper(f0)] {
				ex.Method = strings.ToUpper(f0)
				target, _ := splitTarget(strings.TrimSpace(first[len(f0):]))
				ex.URL = html.UnescapeString(target)
				advance()
			}
		} else if f1 != "" && asciifold.HasPrefixUpperOf(f0, "HTTP/") {
			ex.Status, _ = strconv.Atoi(f1)
			advance()
		}
	}
	// headers: "Name: value" lines up to a blank line or the body
	if ex.Method != "" || ex.Status != 0 {
		for !past {
			l := strings.TrimSpace(line())
			if l == "" {
				advance()
				break
			}
			name, value, ok := strings.Cut(l, ":")
			if !ok || !isHeaderName(name) {
				break
			}
			ex.Headers = append(ex.Headers, ExampleHeader{Name: name, Value: strings.TrimSpace(value)})
			advance()
		}
	}
	ex.Body = strings.TrimSpace(text[off:])
	if ex.Body != "" {
		ex.JSON = decodeJSON(ex.Body)
	}
	return ex
}

// isHeaderName reports a token that can be an HTTP header name.
func isHeaderName(n string) bool {
	if n == "" {
		return false
	}
	for i := 0; i < len(n); i++ {
		c := n[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// decodeJSON decodes one JSON value that must make up the whole text, with
// numbers kept as json.Number; nil when it does not decode. The value's
// strings may be parts of text: its callers' texts are kept as long as
// their values, or are made for them (an example's body, a resource's
// JSON representation).
func decodeJSON(text string) any {
	if v, ok := fastJSON(text, true, true); ok {
		return v
	}
	return decodeJSONStd(text)
}

// decodeJSONStd is decodeJSON by encoding/json.
func decodeJSONStd(text string) any {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil
	}
	return v
}

// decodeLenientJSON decodes the docs' JSON representation blocks, which
// are often not strict JSON: comments, trailing commas and bare type names
// ("prop": String) are accepted. nil when it still does not decode.
func decodeLenientJSON(text string) any {
	if v := decodeJSON(text); v != nil {
		return v
	}
	b := []byte(text)
	b = stripJSONComments(b)
	b = quoteBareWords(b)
	b = dropTrailingCommas(b)
	return decodeJSON(string(b))
}

// stripJSONComments removes // line comments and /* */ comments outside
// strings.
func stripJSONComments(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '"' {
			out, i = copyString(b, i, out)
			continue
		}
		if c == '/' && i+1 < len(b) && b[i+1] == '/' {
			for i < len(b) && b[i] != '\n' {
				i++
			}
			if i < len(b) {
				out = append(out, '\n')
			}
			continue
		}
		if c == '/' && i+1 < len(b) && b[i+1] == '*' {
			end := bytes.Index(b[i+2:], []byte("*/"))
			if end < 0 {
				break
			}
			i += end + 3
			continue
		}
		out = append(out, c)
	}
	return out
}

// quoteBareWords quotes identifiers that stand where a JSON value should
// (String, microsoft.graph.x), leaving true, false, null and numbers.
func quoteBareWords(b []byte) []byte {
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '"' {
			out, i = copyString(b, i, out)
			continue
		}
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' {
			j := i
			for j < len(b) && (b[j] >= 'a' && b[j] <= 'z' || b[j] >= 'A' && b[j] <= 'Z' || b[j] >= '0' && b[j] <= '9' || b[j] == '_' || b[j] == '.' || b[j] == '-') {
				j++
			}
			w := string(b[i:j])
			switch w {
			case "true", "false", "null":
				out = append(out, w...)
			default:
				out = append(out, '"')
				out = append(out, w...)
				out = append(out, '"')
			}
			i = j - 1
			continue
		}
		out = append(out, c)
	}
	return out
}
