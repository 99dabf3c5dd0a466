package parser

import (
	"bytes"
	"sort"
	"strings"
	"sync"

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
	// front matter, in order; a key written twice counts by its last line
	front    []frontKey
	frontEnd int // 1-based line after the closing ---, 0 when absent
	diags    Diagnostics
	scratch  textBuf    // inlineText's and inlineBytes' buffer
	bufs     *parseBufs // the arrays of a page's parse (Parse), nil for an include's
}

// parseBufs are the arrays a page's parse needs only while it runs (its
// line starts, its outline's blocks and sections, the buffer of its
// inline texts), kept in bufPool for the next page's parse once the page
// is parsed: without them every page allocated them anew (8 MB of a v1.0
// run).
type parseBufs struct {
	lines    []int
	blocks   []block
	sections []*section
	secs     []section
	all      []ast.Node
	starts   []int
	scratch  []byte
	// the tables' body cells, rows and row positions, each table a run
	// of them (take)
	cells  []ast.Node
	rows   [][]ast.Node
	rowPos []Pos
	// the tables' cell texts (table.texts), each table a run of them, and
	// the buffer and ends they are read with
	texts     []string
	textRows  [][]string
	tableText []byte
	ends      []int
	// the tables read (readTable, tablesIn) and their header cells
	tables    []table
	tableRefs []*table
	headers   []string
	annots    []annotated // parseAnnotations' list
}

var bufPool = sync.Pool{New: func() any { return new(parseBufs) }}

// release clears what the arrays point to (the page's AST, its strings)
// and returns them to bufPool.
func (b *parseBufs) release() {
	clear(b.blocks)
	clear(b.sections)
	clear(b.secs)
	clear(b.all)
	clear(b.cells)
	clear(b.rows)
	clear(b.rowPos)
	clear(b.texts)
	clear(b.textRows)
	clear(b.tables)
	clear(b.tableRefs)
	clear(b.headers)
	clear(b.annots)
	b.annots = b.annots[:0]
	b.tables, b.tableRefs, b.headers = b.tables[:0], b.tableRefs[:0], b.headers[:0]
	b.cells, b.rows, b.rowPos, b.texts, b.textRows, b.tableText, b.ends = b.cells[:0], b.rows[:0], b.rowPos[:0], b.texts[:0], b.textRows[:0], b.tableText[:0], b.ends[:0]
	b.lines, b.blocks, b.sections, b.secs, b.all, b.starts, b.scratch = b.lines[:0], b.blocks[:0], b.sections[:0], b.secs[:0], b.all[:0], b.starts[:0], b.scratch[:0]
	bufPool.Put(b)
}

// take returns an empty slice of capacity n in the free part of *arena,
// and reserves it: a table's runs of its page's arrays. An arena too
// small for n is replaced; what was taken of it stays valid.
func take[T any](arena *[]T, n int) []T {
	a := *arena
	if cap(a)-len(a) < n {
		a = make([]T, 0, max(n, 2*cap(a), 64))
	}
	out := a[len(a) : len(a) : len(a)+n]
	*arena = a[:len(a)+n]
	return out
}

// grow returns buf emptied when it holds n elements, else a new slice of
// capacity n.
func grow[T any](buf []T, n int) []T {
	if cap(buf) >= n {
		return buf[:0]
	}
	return make([]T, 0, n)
}

// textBuf collects inline text (writeInline).
type textBuf struct{ b []byte }

func (t *textBuf) add(p []byte)   { t.b = append(t.b, p...) }
func (t *textBuf) addByte(c byte) { t.b = append(t.b, c) }
func (t *textBuf) String() string { return string(t.b) }

// frontKey is one "key: value" line of the front matter, its key and
// value trimmed, in src: a page reads three of its keys.
type frontKey struct {
	key, value []byte
	line       int // 1-based
}

// frontValue is the value of a front matter key, the last line of it,
// without its quotes.
func (s *source) frontValue(key string) (string, bool) {
	for i := len(s.front) - 1; i >= 0; i-- {
		if string(s.front[i].key) == key {
			v := s.front[i].value
			if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
				v = v[1 : len(v)-1] // without its quotes
			}
			if c, ok := docTypes[string(v)]; ok {
				return c, true
			}
			return string(v), true
		}
	}
	return "", false
}

// docTypes are the doc_type values the pages write: frontValue returns
// them without a new string.
var docTypes = map[string]string{"apiPageType": "apiPageType", "resourcePageType": "resourcePageType",
	"enumPageType": "enumPageType", "conceptualPageType": "conceptualPageType"}

// newSource splits the front matter off src and parses the rest with
// goldmark. goldmark starts reading after the front matter, in src itself,
// so that byte offsets in the AST are offsets in the file: the same AST as
// for src with the front matter lines blanked, which goldmark skips as
// blank lines.
func newSource(path string, src []byte) *source { return newSourceBufs(path, src, nil) }

// newSourceBufs is newSource with the arrays of bufs (nil: new arrays).
func newSourceBufs(path string, src []byte, bufs *parseBufs) *source {
	src = stripBOM(src)
	s := &source{path: path, src: src, bufs: bufs}
	var lines []int
	if bufs != nil {
		lines = bufs.lines
	}
	s.lines = append(grow(lines, 1+bytes.Count(src, []byte("\n"))), 0)
	if bufs != nil {
		bufs.lines = s.lines
		s.scratch.b = bufs.scratch
	}
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		s.lines = append(s.lines, i)
	}
	r := text.NewReader(src)
	if n := s.splitFrontMatter(); n > 0 {
		r.Advance(n)
	}
	s.doc = md.Parser().Parse(r)
	return s
}

// splitFrontMatter reads a leading "---" YAML block of simple "key: value"
// lines and returns its length in bytes, closing line included; 0 when
// there is none.
func (s *source) splitFrontMatter() int {
	src := s.src
	if !bytes.HasPrefix(src, []byte("---")) {
		return 0
	}
	// line i (0-based) with its newline, from the line starts
	line := func(i int) []byte {
		if i+1 < len(s.lines) {
			return src[s.lines[i]:s.lines[i+1]]
		}
		return src[s.lines[i]:]
	}
	if string(bytes.TrimSpace(line(0))) != "---" {
		return 0
	}
	end := -1
	for i := 1; i < len(s.lines); i++ {
		if string(bytes.TrimSpace(line(i))) == "---" {
			end = i
			break
		}
	}
	if end < 0 {
		return 0
	}
	s.front = make([]frontKey, 0, end-1)
	for i := 1; i < end; i++ {
		l := bytes.TrimSpace(line(i))
		if k, v, ok := bytes.Cut(l, []byte(":")); ok && !bytes.HasPrefix(k, []byte(" ")) && len(k) > 0 {
			s.front = append(s.front, frontKey{key: bytes.TrimSpace(k), value: bytes.TrimSpace(v), line: i + 1})
		}
	}
	s.frontEnd = end + 2
	if end+1 < len(s.lines) {
		return s.lines[end+1]
	}
	return len(src)
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
	for i := len(s.front) - 1; i >= 0; i-- {
		if string(s.front[i].key) == key {
			return s.line(s.front[i].line)
		}
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
	return string(s.inlineBytes(n))
}

// inlineBytes is inlineText in the source's buffer, for a test that needs
// no string: the bytes hold until the next inlineText or inlineBytes.
func (s *source) inlineBytes(n ast.Node) []byte {
	s.scratch.b = s.scratch.b[:0]
	s.writeInline(&s.scratch, n)
	return bytes.TrimSpace(s.scratch.b)
}

func (s *source) writeInline(b *textBuf, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		s.writeNode(b, c)
	}
}

// writeNode writes the text of one inline node (see writeInline).
func (s *source) writeNode(b *textBuf, c ast.Node) {
	switch c := c.(type) {
	case *ast.Text:
		// Markdown escapes ("\$filter", "\_") are not part of the
		// text: a name never carries the backslash.
		b.b = appendUnescaped(b.b, c.Segment.Value(s.src))
		if c.SoftLineBreak() || c.HardLineBreak() {
			b.addByte(' ')
		}
	case *ast.String:
		b.add(c.Value)
	case *ast.CodeSpan:
		for t := c.FirstChild(); t != nil; t = t.NextSibling() {
			if tt, ok := t.(*ast.Text); ok {
				b.add(tt.Segment.Value(s.src))
			} else if ts, ok := t.(*ast.String); ok {
				b.add(ts.Value)
			}
		}
	case *ast.RawHTML:
		// inline HTML such as <br/> reads as a space
		b.addByte(' ')
	default:
		s.writeInline(b, c)
	}
}

// appendUnescaped appends src to dst with its Markdown escapes resolved,
// as util.UnescapePunctuations resolves them ("\_" is "_"), without
// that function's copy of every text that has one and its byte loop over
// every text that has none.
func appendUnescaped(dst, src []byte) []byte {
	for {
		i := bytes.IndexByte(src, '\\')
		if i < 0 || i == len(src)-1 {
			return append(dst, src...)
		}
		if util.IsPunct(src[i+1]) {
			dst = append(dst, src[:i]...)
			dst = append(dst, src[i+1])
			src = src[i+2:]
			continue
		}
		dst = append(dst, src[:i+1]...)
		src = src[i+1:]
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
	found := findLink(n)
	if found == nil {
		return "", "", false
	}
	return string(found.Destination), s.inlineText(found), true
}

// firstLinkIn is firstLink of n whose text t holds: the link's text is
// the part of t it is, without a string of its own, when t has it.
func (s *source) firstLinkIn(n ast.Node, t string) (dest, txt string, ok bool) {
	found := findLink(n)
	if found == nil {
		return "", "", false
	}
	b := s.inlineBytes(found)
	for i := 0; i+len(b) <= len(t); i++ {
		if t[i:i+len(b)] == string(b) {
			return string(found.Destination), t[i : i+len(b)], true
		}
	}
	return string(found.Destination), string(b), true
}

// findLink is the first link at or under n, in the order of ast.Walk.
func findLink(n ast.Node) *ast.Link {
	if l, ok := n.(*ast.Link); ok {
		return l
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if l := findLink(c); l != nil {
			return l
		}
	}
	return nil
}
