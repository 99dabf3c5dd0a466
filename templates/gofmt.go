package templates

import (
	"bytes"
	"go/ast"
	doccomment "go/doc/comment"
	"go/parser"
	"go/printer"
	"go/token"
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unsafe"

	"github.com/graphdocgen/graphdocgen/internal/goprinter"
)

// formatSource gives what go/format.Source gives for src, a file as
// jennifer renders it unformatted, in less time: the doc comments (of the
// declarations, the types and the struct fields; a third of the generated
// bytes) are taken out of the parser's and the printer's way. go/printer
// spends a good part of its time on them (placing each among the tokens,
// reformatting it as a doc comment, passing it through its tabwriter),
// although where one goes is never in doubt: on its own lines right before
// what it documents.
//
// Each such comment is reformatted here as go/printer reformats a doc
// comment (formatDoc, with go/doc/comment; canonicalDoc spares that for
// the comments that need none), and stands in the source as a one-line
// marker while the file is parsed and printed (formatMarked), so the
// printer sees the marker where it saw the comment, right before what
// follows. Then each marker line is replaced by the comment's lines, at
// the marker's indentation. Only comments the printer takes for doc
// comments are replaced (// lines from column 1, what they document on
// the next line from column 1), without directives or control characters.
// When the markers do not come out one per comment, in order (a marker's
// text inside a raw string, say), or the file has no such comment, the
// file is parsed and printed whole, as go/format.Source does it (on the
// v1.0 and beta clients, no file with doc comments takes that way).
// TestFormatSource holds the result to go/format.Source on every file of
// the golden cases and, outside -short, of the v1.0 and beta corpora.
//
// The file is printed by internal/goprinter, go/printer made faster for
// large generated files, with its fast path for the functions of the
// generated shapes (FastFuncs), when the toolchain's go/printer is the one
// it was copied from, and by go/printer otherwise.
//
// The result is a new slice of its length; buf, the printer's buffer, is
// only the caller's to reuse, and must not hold src.
func formatSource(src []byte, buf *bytes.Buffer) ([]byte, error) {
	if out, ok := formatMarked(src, buf); ok {
		return out, nil
	}
	// what go/format.Source does: the whole file parsed with its comments,
	// its imports sorted, printed with gofmt's configuration
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	ast.SortImports(fset, file)
	buf.Reset()
	if err := gofmtConfig.Fprint(buf, fset, file); err != nil {
		return nil, err
	}
	return bytes.Clone(buf.Bytes()), nil
}

// markedDocMarker starts the line that stands for a doc comment in the
// source formatMarked parses, the comment's index after it: "// " and a
// word, a comment the printer's doc comment formatting leaves as it is
// (and internal/goprinter knows it does).
const markedDocMarker = "// @"

// formatMarked is formatSource with the doc comments taken out before the
// parse: each block of // lines at the start of a line, right before a
// line that starts with a token, without directives or control
// characters, and after no line with a block comment's end, becomes one
// marker line, so that go/parser reads and keeps one short comment
// instead of the block; the printer sees the marker where it saw the
// block (at the same column, right before the same token), and the marker
// lines of its output are replaced by the blocks' lines, reformatted as
// the printer reformats a doc comment. It reports false, for formatSource
// to format src with the comments parsed, unless each marker is a comment
// group of its own, in order, outside the imports, and the markers come
// out one per block.
func formatMarked(src []byte, buf *bytes.Buffer) ([]byte, bool) {
	// the marked source in buf's storage, free again once parsed
	buf.Reset()
	buf.Grow(len(src) + len(src)/8)
	pooled := docsPool.Get().(*[]docBlock)
	marked, docs := markDocs(src, buf.AvailableBuffer(), (*pooled)[:0])
	defer func() {
		clear(docs) // nothing of src kept
		*pooled = docs[:0]
		docsPool.Put(pooled)
	}()
	if len(docs) == 0 {
		return nil, false
	}
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "", marked, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, false // formatSource gives the error of src
	}
	n := 0
	for _, g := range file.Comments {
		for _, c := range g.List {
			if !strings.HasPrefix(c.Text, markedDocMarker) {
				continue
			}
			if len(g.List) != 1 || c.Text != markedDocMarker+strconv.Itoa(n) {
				return nil, false
			}
			n++
		}
	}
	if n != len(docs) {
		return nil, false
	}
	for _, d := range file.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			for _, c := range file.Comments {
				if c.End() >= g.Pos() && c.Pos() < g.End() && strings.HasPrefix(c.List[0].Text, markedDocMarker) {
					return nil, false
				}
			}
		}
	}
	ast.SortImports(fset, file)
	buf.Reset()
	if err := gofmtConfig.Fprint(buf, fset, file); err != nil {
		return nil, false
	}
	return spliceDocs(buf.Bytes(), docs)
}

// docsPool holds the slices of docBlocks formatMarked reuses: a file's
// slice grew from empty to its thousands of blocks anew (5 ms of a v1.0
// run in append).
var docsPool = sync.Pool{New: func() any { return new([]docBlock) }}

// markDocs is src with the doc comments formatMarked takes out replaced
// by markers, in dst's storage, and the text of each comment as the
// printer writes it, appended to docs: strings that may be in src's
// storage, valid while src is not changed.
func markDocs(src, dst []byte, docs []docBlock) ([]byte, []docBlock) {
	out := dst[:0]
	var texts []string
	from := 0 // src[from:] is not in out yet
	for at := 0; ; {
		k := bytes.Index(src[at:], []byte("\n//"))
		if k < 0 {
			break
		}
		start := at + k + 1 // the block's first line
		// the block: the // lines from start
		end := start
		for end+1 < len(src) && src[end] == '/' && src[end+1] == '/' {
			nl := bytes.IndexByte(src[end:], '\n')
			if nl < 0 {
				end = len(src)
				break
			}
			end += nl + 1
		}
		at = max(end-1, start)
		if end >= len(src) {
			break // no token after
		}
		prev := src[bytes.LastIndexByte(src[:start-1], '\n')+1 : start-1]
		if c := src[end]; c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/' || bytes.Contains(prev, []byte("*/")) {
			continue
		}
		// the block's text in src's storage, not a copy (3.5 MB in 21,000
		// strings on v1.0): src is not changed while the docs are used,
		// up to spliceDocs, which copies them into the result
		text := unsafe.String(&src[start], end-1-start)
		texts = texts[:0]
		for rest := text; ; {
			line, more, found := strings.Cut(rest, "\n")
			texts = append(texts, line)
			if !found {
				break
			}
			rest = more
		}
		doc, ok := docCommentBlock(text, texts)
		if !ok {
			continue
		}
		out = append(out, src[from:start]...)
		out = append(out, markedDocMarker...)
		out = strconv.AppendInt(out, int64(len(docs)), 10)
		out = append(out, '\n')
		from = end
		docs = append(docs, doc)
	}
	if len(docs) == 0 {
		return src, docs
	}
	return append(out, src[from:]...), docs
}

// docBlock is the text of a doc comment as the printer writes it: lines,
// or when there are none, text, its lines as they are ("// " written
// "//").
type docBlock struct {
	text  string
	lines []string
}

// all yields the lines of d.
func (d docBlock) all(yield func(string) bool) {
	if d.lines != nil {
		for _, l := range d.lines {
			if !yield(l) {
				return
			}
		}
		return
	}
	for rest := d.text; ; {
		line, more, found := strings.Cut(rest, "\n")
		if !yield(strings.TrimSuffix(line, " ")) || !found {
			return
		}
		rest = more
	}
}

// gofmtConfig is go/format's printer configuration; 1<<30 is its
// printerNormalizeNumbers mode (canonical number literal prefixes). It
// is goprinter's when that prints as the toolchain's go/printer.
var gofmtConfig = newGofmtConfig()

func newGofmtConfig() interface {
	Fprint(out io.Writer, fset *token.FileSet, node any) error
} {
	if goprinter.Current() {
		return &goprinter.Config{Mode: goprinter.UseSpaces | goprinter.TabIndent | 1<<30 | goprinter.FastFuncs, Tabwidth: 8}
	}
	return &printer.Config{Mode: printer.UseSpaces | printer.TabIndent | 1<<30, Tabwidth: 8}
}

// docCommentBlock gives the text of a doc comment, text of its // lines
// texts, as the printer writes it, and reports whether it can be taken
// out of the printer's way: it has no directive and no control
// characters.
func docCommentBlock(text string, texts []string) (docBlock, bool) {
	for _, text := range texts {
		after, ok := strings.CutPrefix(text, "//")
		if !ok || isDirective(after) {
			return docBlock{}, false
		}
		for i := 0; i < len(after); i++ {
			if after[i] < ' ' && after[i] != '\t' || after[i] == 0x7f {
				return docBlock{}, false
			}
		}
	}
	if canonicalDoc(texts) {
		return docBlock{text: text}, true
	}
	lines := formatDoc(texts)
	if len(lines) == 0 {
		return docBlock{}, false
	}
	return docBlock{lines: lines}, true
}

// formatDoc is go/printer's formatDocComment for a // comment without
// directives, as the lines the printer writes (trailing space trimmed).
func formatDoc(list []string) []string {
	var b strings.Builder
	for _, c := range list {
		b.WriteString(strings.TrimPrefix(strings.TrimPrefix(c, "//"), " "))
		b.WriteString("\n")
	}
	text := b.String()
	var p doccomment.Parser
	var pr doccomment.Printer
	text = string(pr.Comment(p.Parse(text)))
	var lines []string
	for text != "" {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		switch {
		case line == "":
			line = "//"
		case strings.HasPrefix(line, "\t"):
			line = "//" + line
		default:
			line = "// " + line
		}
		lines = append(lines, strings.TrimRightFunc(line, unicode.IsSpace))
	}
	return lines
}

// canonicalDoc reports, cheaply, that formatDoc leaves list as it is
// (the generator's own comments are written that way): paragraphs of
// "// " lines, one blank line between blocks, and tight lists of
// "//   - " items, with nothing go/doc/comment rewrites (an old-style
// heading, a heading, a code block, a link definition, two backquotes or
// two single quotes, trailing space). A blank line may be "// " (as
// jennifer writes it), which formatDoc makes "//". It may say false of a
// comment formatDoc leaves alone.
func canonicalDoc(list []string) bool {
	text := func(i int) string { return strings.TrimPrefix(list[i], "// ") }
	blank := func(i int) bool { return list[i] == "//" || list[i] == "// " }
	isItem := func(t string) bool {
		x, ok := strings.CutPrefix(t, "  - ")
		return ok && x != "" && x[0] != ' ' && x[0] != '\t'
	}
	n := len(list)
	for i, c := range list {
		if blank(i) {
			if i == 0 || i == n-1 || blank(i-1) {
				return false
			}
			continue
		}
		if !strings.HasPrefix(c, "// ") || strings.TrimRightFunc(c, unicode.IsSpace) != c ||
			strings.Contains(c, "``") || strings.Contains(c, "''") {
			return false
		}
		t := text(i)
		switch t[0] {
		case '#', '[', '}', '\t':
			return false
		case ' ':
			if !isItem(t) {
				return false
			}
			// a list is followed by a blank line or the end, and its
			// items are not separated by one
			if i+1 < n && !blank(i+1) && !isItem(text(i+1)) {
				return false
			}
			if i >= 2 && blank(i-1) && isItem(text(i-2)) {
				return false
			}
			continue
		}
		// what might be an old-style heading (a superset of
		// go/doc/comment's: one line between blank lines, before an
		// unindented one, ending in a letter or digit, without the
		// characters that rule one out)
		if i > 0 && blank(i-1) && i+2 < n && blank(i+1) && !blank(i+2) && text(i + 2)[0] != ' ' &&
			!strings.ContainsAny(t, ";:!?+*/=[]{}_^°&§~%#@<\">\\") && endsInAlnum(t) {
			return false
		}
	}
	return true
}

// isDirective is go/printer's: a //line, //extern, //export or
// //[a-z0-9]+:[a-z0-9] comment, after its //.
func isDirective(c string) bool {
	if strings.HasPrefix(c, "line ") || strings.HasPrefix(c, "extern ") || strings.HasPrefix(c, "export ") {
		return true
	}
	colon := strings.Index(c, ":")
	if colon <= 0 || colon+1 >= len(c) {
		return false
	}
	for i := 0; i <= colon+1; i++ {
		if i == colon {
			continue
		}
		b := c[i]
		if !('a' <= b && b <= 'z' || '0' <= b && b <= '9') {
			return false
		}
	}
	return true
}

// spliceDocs replaces the marker lines of out by the comments' lines, at
// the markers' indentation, in a new slice of the result's length. It
// fails unless out has exactly one marker line per comment, in order.
func spliceDocs(out []byte, docs []docBlock) ([]byte, bool) {
	if bytes.Count(out, []byte(markedDocMarker)) != len(docs) {
		return nil, false
	}
	type span struct{ bol, at, end int } // marker line start, marker, line end
	spans := make([]span, len(docs))
	size := len(out)
	from := 0
	var mark []byte
	for i, doc := range docs {
		mark = append(strconv.AppendInt(append(mark[:0], markedDocMarker...), int64(i), 10), '\n')
		at := bytes.Index(out[from:], mark)
		if at < 0 {
			return nil, false
		}
		at += from
		bol := bytes.LastIndexByte(out[:at], '\n') + 1
		if bol < from || len(bytes.TrimLeft(out[bol:at], "\t")) > 0 {
			return nil, false
		}
		end := at + len(mark)
		spans[i] = span{bol, at, end}
		size -= end - bol
		for l := range doc.all {
			size += at - bol + len(l) + 1
		}
		from = end
	}
	res := make([]byte, 0, size)
	from = 0
	for i, sp := range spans {
		res = append(res, out[from:sp.bol]...)
		for l := range docs[i].all {
			res = append(res, out[sp.bol:sp.at]...)
			res = append(res, l...)
			res = append(res, '\n')
		}
		from = sp.end
	}
	return append(res, out[from:]...), true
}
