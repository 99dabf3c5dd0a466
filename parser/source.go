package parser

import (
	"bytes"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// md is the goldmark parser: CommonMark plus GFM tables. It is safe for
// concurrent use.
var md = goldmark.New(goldmark.WithExtensions(extension.Table))

// source is one file being parsed: its bytes, its line starts for turning
// byte offsets into positions, and the diagnostics collected so far.
type source struct {
	path  string // docs-relative path, used in positions
	src   []byte
	lines []int // byte offset of the start of each line
	doc   ast.Node
	// front matter
	front    map[string]string
	frontAt  map[string]int // 1-based line of each front matter key
	frontEnd int            // 1-based line after the closing ---, 0 when absent
	diags    Diagnostics
}

// newSource splits the front matter off src and parses the rest with
// goldmark. The front matter lines are blanked (not removed), so that byte
// offsets in the AST are offsets in the file.
func newSource(path string, src []byte) *source {
	src = stripBOM(src)
	s := &source{path: path, src: src, front: map[string]string{}, frontAt: map[string]int{}}
	s.lines = append(s.lines, 0)
	for i, c := range src {
		if c == '\n' {
			s.lines = append(s.lines, i+1)
		}
	}
	body := s.splitFrontMatter()
	s.doc = md.Parser().Parse(text.NewReader(body))
	return s
}

// splitFrontMatter reads a leading "---" YAML block of simple "key: value"
// lines and returns the source with that block blanked out.
func (s *source) splitFrontMatter() []byte {
	src := s.src
	if !bytes.HasPrefix(src, []byte("---")) {
		return s.src
	}
	// line i (0-based) with its newline, from the line starts
	line := func(i int) []byte {
		if i+1 < len(s.lines) {
			return src[s.lines[i]:s.lines[i+1]]
		}
		return src[s.lines[i]:]
	}
	if string(bytes.TrimSpace(line(0))) != "---" {
		return s.src
	}
	end := -1
	n := len(line(0))
	for i := 1; i < len(s.lines); i++ {
		l := bytes.TrimSpace(line(i))
		if string(l) == "---" {
			end = i
			n += len(line(i))
			break
		}
		if k, v, ok := bytes.Cut(l, []byte(":")); ok && !bytes.HasPrefix(k, []byte(" ")) && len(k) > 0 {
			key := string(bytes.TrimSpace(k))
			s.front[key] = unquote(string(bytes.TrimSpace(v)))
			s.frontAt[key] = i + 1
		}
		n += len(line(i))
	}
	if end < 0 {
		s.front = map[string]string{}
		s.frontAt = map[string]int{}
		return s.src
	}
	s.frontEnd = end + 2
	out := bytes.Clone(s.src)
	for i := 0; i < n; i++ {
		if out[i] != '\n' {
			out[i] = ' '
		}
	}
	return out
}

func unquote(v string) string {
	if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
		return v[1 : len(v)-1]
	}
	return v
}

// posAt is the position of byte offset off in src, without a source.
func posAt(file string, src []byte, off int) Pos {
	line := 1 + bytes.Count(src[:off], []byte("\n"))
	return Pos{File: file, Line: line, Col: off - (bytes.LastIndexByte(src[:off], '\n') + 1) + 1}
}

// pos turns a byte offset into a position.
func (s *source) pos(off int) Pos {
	if off < 0 {
		return Pos{File: s.path}
	}
	i := sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return Pos{File: s.path, Line: i + 1, Col: off - s.lines[i] + 1}
}

// frontPos is the position of a front matter key's line, or 1:1.
func (s *source) frontPos(key string) Pos {
	if n, ok := s.frontAt[key]; ok {
		return s.line(n)
	}
	return s.line(1)
}

// line returns the position of the start of a 1-based line.
func (s *source) line(n int) Pos { return Pos{File: s.path, Line: n, Col: 1} }

// nodePos is the position of a node: its first line for blocks, its
// segment for inline text.
func (s *source) nodePos(n ast.Node) Pos {
	if n == nil {
		return Pos{File: s.path}
	}
	if n.Type() == ast.TypeBlock {
		if l := n.Lines(); l != nil && l.Len() > 0 {
			return s.pos(l.At(0).Start)
		}
	}
	if t, ok := n.(*ast.Text); ok {
		return s.pos(t.Segment.Start)
	}
	if p := n.Pos(); p >= 0 {
		return s.pos(p)
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if p := s.nodePos(c); p.Line > 0 {
			return p
		}
	}
	return Pos{File: s.path}
}

func (s *source) errorf(pos Pos, rule, format string, args ...any) {
	s.diags = append(s.diags, Errorf(pos, rule, format, args...))
}

func (s *source) warnf(pos Pos, rule, format string, args ...any) {
	s.diags = append(s.diags, Warnf(pos, rule, format, args...))
}

// blockText returns the raw lines of a block node (a code block's content,
// an HTML block's content) joined as written.
func (s *source) blockText(n ast.Node) string {
	var b strings.Builder
	l := n.Lines()
	size := 0
	for i := 0; i < l.Len(); i++ {
		seg := l.At(i)
		size += seg.Padding + seg.Len()
	}
	b.Grow(size)
	for i := 0; i < l.Len(); i++ {
		seg := l.At(i)
		b.Write(seg.Value(s.src))
	}
	return b.String()
}

// inlineText returns the plain text of a node's inline content: text,
// code spans and link texts, with soft line breaks as spaces.
func (s *source) inlineText(n ast.Node) string {
	var b strings.Builder
	s.writeInline(&b, n)
	return strings.TrimSpace(b.String())
}

func (s *source) writeInline(b *strings.Builder, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		s.writeNode(b, c)
	}
}

// writeNode writes the text of one inline node (see writeInline).
func (s *source) writeNode(b *strings.Builder, c ast.Node) {
	switch c := c.(type) {
	case *ast.Text:
		// Markdown escapes ("\$filter", "\_") are not part of the
		// text: a name never carries the backslash.
		b.Write(util.UnescapePunctuations(c.Segment.Value(s.src)))
		if c.SoftLineBreak() || c.HardLineBreak() {
			b.WriteByte(' ')
		}
	case *ast.String:
		b.Write(c.Value)
	case *ast.CodeSpan:
		for t := c.FirstChild(); t != nil; t = t.NextSibling() {
			if tt, ok := t.(*ast.Text); ok {
				b.Write(tt.Segment.Value(s.src))
			} else if ts, ok := t.(*ast.String); ok {
				b.Write(ts.Value)
			}
		}
	case *ast.RawHTML:
		// inline HTML such as <br/> reads as a space
		b.WriteByte(' ')
	default:
		s.writeInline(b, c)
	}
}

// linkAfter returns the destination and text of the first link inside n
// that follows the phrase (lower case) in n's text.
func (s *source) linkAfter(n ast.Node, phrase string) (dest, txt string, ok bool) {
	var b strings.Builder
	var found *ast.Link
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Link:
			if strings.Contains(strings.ToLower(b.String()), phrase) {
				found = c
				return ast.WalkStop, nil
			}
		case *ast.Text:
			// Markdown escapes ("\$filter", "\_") are not part of the
			// text: a name never carries the backslash.
			b.Write(util.UnescapePunctuations(c.Segment.Value(s.src)))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	if found == nil {
		return "", "", false
	}
	return string(found.Destination), s.inlineText(found), true
}

// firstLink returns the destination and text of the first link inside n.
func (s *source) firstLink(n ast.Node) (dest, txt string, ok bool) {
	var found *ast.Link
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, isLink := c.(*ast.Link); entering && isLink {
			found = l
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if found == nil {
		return "", "", false
	}
	return string(found.Destination), s.inlineText(found), true
}
