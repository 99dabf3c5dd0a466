package parser

import (
	"bytes"
	"io/fs"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/graphdocgen/graphdocgen/internal/asciifold"
)

// section is the part of a page under one heading: the heading and the
// blocks up to the next heading of any level. Headings that are only
// rendering devices (tab headings "# [HTTP](#tab/http)", setext headings
// made of an [!INCLUDE] line followed by "---") do not open sections.
type section struct {
	level  int
	title  string // heading text, markup removed
	pos    Pos
	normed string   // title as normTitle gives it
	node   ast.Node // the heading, nil for the part above the first heading
	parent *section // the nearest enclosing section of a lower level
	blocks []ast.Node
	// flags parseAPI sets while it reads the sections (a field of each,
	// not a map per page)
	requests   bool // in request syntax mode (parseRequests)
	hasExample bool // an Example heading is among its subsections so far (parseAPI)
}

// norm is the heading title in lower case with trailing ':' and spaces
// removed, for comparisons.
func (sec *section) norm() string {
	return sec.normed
}

func normTitle(t string) string {
	if !asciifold.IsASCII(t) {
		t = strings.ToLower(strings.TrimSpace(t))
		t = strings.TrimRight(t, ": ")
		return strings.Join(strings.Fields(t), " ")
	}
	// the same for ASCII, in one copy or none: lower case, runs of white
	// space as one space
	t = strings.TrimRight(strings.TrimSpace(t), ": ")
	clean := true
	for i := 0; i < len(t) && clean; i++ {
		c := t[i]
		clean = !('A' <= c && c <= 'Z') && !(asciifold.IsSpace(c) && (c != ' ' || i+1 == len(t) || asciifold.IsSpace(t[i+1])))
	}
	if clean {
		return t
	}
	var buf [64]byte // a common title is found without a copy
	b := appendTitle(buf[:0], t)
	if v, ok := commonTitles[string(b)]; ok {
		return v
	}
	return string(b)
}

// appendTitle appends the ASCII title t, trimmed, to dst as normTitle
// writes it: lower case, runs of white space as one space.
func appendTitle[T string | []byte](dst []byte, t T) []byte {
	space := false
	for i := 0; i < len(t); i++ {
		c := t[i]
		if asciifold.IsSpace(c) {
			space = true
			continue
		}
		if space && len(dst) > 0 {
			dst = append(dst, ' ')
		}
		space = false
		dst = append(dst, asciifold.LowerByte(c))
	}
	return dst
}

// commonTitles are the headings and table headers (normalised) that most
// pages have, the v1.0 pages' 30 most frequent: normTitle returns them
// without a new string.
var commonTitles = func() map[string]string {
	m := map[string]string{}
	for _, t := range []string{"response", "description", "request", "type", "http request", "permission type",
		"permissions (from least to most privileged)", "request headers", "request body", "example", "property",
		"permissions", "value", "name", "header", "json representation", "properties", "prerequisites",
		"relationships", "optional query parameters", "examples", "methods", "member", "relationship", "parameter",
		"members", "see also", "function parameters", "property name", "remarks", "optional request headers",
		"query parameters", "required", "notes"} {
		m[t] = t
	}
	return m
}()

// commonHeadings are the headings most pages have, as written (the v1.0
// pages' most frequent, tab headings' texts included): headingText returns
// them without a new string.
var commonHeadings = func() map[string]string {
	m := map[string]string{}
	for _, t := range []string{"Response", "Request", "Request headers", "Request body", "Example", "HTTP",
		"JavaScript", "C#", "Objective-C", "Java", "HTTP request", "Permissions", "Properties", "HTTP Request",
		"Prerequisites", "JSON representation", "Relationships", "Optional query parameters", "Examples", "Methods",
		"JSON Representation", "Members", "See also", "Function parameters", "Remarks", "Optional request headers",
		"Query parameters", "Path parameters", "Error responses"} {
		m[t] = t
	}
	return m
}()

// headingText is inlineText of a heading, without a new string for a
// common heading.
func (s *source) headingText(n ast.Node) string {
	b := s.inlineBytes(n)
	if v, ok := commonHeadings[string(b)]; ok {
		return v
	}
	return string(b)
}

// under reports whether sec or one of its ancestors has a title for which
// match is true.
func (sec *section) under(match func(string) bool) bool {
	for c := sec; c != nil; c = c.parent {
		if c.node != nil && match(c.norm()) {
			return true
		}
	}
	return false
}

// block is one leaf block of the page in document order, with its section.
type block struct {
	node ast.Node
	sec  *section
}

// outline is the page cut into sections, plus its leaf blocks in order.
type outline struct {
	sections []*section
	blocks   []block
}

// buildOutline walks the top-level blocks of the document (descending into
// lists and block quotes) and groups them under their headings.
func buildOutline(s *source) *outline {
	// sized from a first count: the sections in one array, the blocks of
	// each section a run of one slice
	headings, leaves := countOutline(s.doc)
	b := s.bufs
	if b == nil {
		b = &parseBufs{}
	}
	o := &outline{blocks: grow(b.blocks, headings+leaves), sections: grow(b.sections, headings+1)}
	secs := grow(b.secs, headings+1)
	newSection := func(sec section) *section {
		secs = append(secs, sec)
		return &secs[len(secs)-1]
	}
	all := grow(b.all, leaves)
	starts := grow(b.starts, headings+1) // where each section's blocks start in all
	cur := newSection(section{pos: s.line(1)})
	o.sections = append(o.sections, cur)
	starts = append(starts, 0)
	var walk func(n ast.Node)
	walk = func(parent ast.Node) {
		for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
			switch n := n.(type) {
			case *ast.Heading:
				title := s.headingText(n)
				if isDeviceHeading(s, n, title) {
					o.blocks = append(o.blocks, block{node: n, sec: cur})
					continue
				}
				sec := newSection(section{level: n.Level, title: title, normed: normTitle(title), pos: s.blockPos(n), node: n})
				for p := cur; p != nil; p = p.parent {
					if p.level < n.Level {
						sec.parent = p
						break
					}
				}
				cur = sec
				o.sections = append(o.sections, sec)
				starts = append(starts, len(all))
			case *ast.List, *ast.ListItem, *ast.Blockquote:
				walk(n)
			default:
				all = append(all, n)
				o.blocks = append(o.blocks, block{node: n, sec: cur})
			}
		}
	}
	walk(s.doc)
	for i, sec := range o.sections {
		end := len(all)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		if end > starts[i] {
			sec.blocks = all[starts[i]:end:end]
		}
	}
	// the arrays as filled, for parseBufs.release
	b.blocks, b.sections, b.secs, b.all, b.starts = o.blocks, o.sections, secs, all, starts
	return o
}

// countOutline counts the headings and the leaf blocks buildOutline finds
// under parent.
func countOutline(parent ast.Node) (headings, leaves int) {
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		switch n.(type) {
		case *ast.Heading:
			headings++
		case *ast.List, *ast.ListItem, *ast.Blockquote:
			h, l := countOutline(n)
			headings += h
			leaves += l
		default:
			leaves++
		}
	}
	return headings, leaves
}

// isDeviceHeading reports headings that only structure the rendered page:
// tab headings ("# [HTTP](#tab/http)") and setext headings whose text is
// an [!INCLUDE ...] line.
func isDeviceHeading(s *source, h *ast.Heading, title string) bool {
	if strings.HasPrefix(title, "[!INCLUDE") || strings.HasPrefix(title, "[!include") {
		return true
	}
	if l := findLink(h); l != nil && bytes.HasPrefix(l.Destination, []byte("#tab/")) { // s.firstLink's dest, without its strings
		return true
	}
	return false
}

// blockPos is the position where a block starts (the heading's '#', a
// code fence, the '<!--' of a comment).
func (s *source) blockPos(n ast.Node) Pos {
	if n == nil {
		return Pos{File: s.path}
	}
	if p := n.Pos(); p >= 0 && p < len(s.src) {
		return s.pos(p)
	}
	return s.nodePos(n)
}

// docKind maps a front matter doc_type to a page kind, forgiving the
// misspellings the docs hold: letter case, and trailing characters after a
// known name ("resourcePageType_"), and "enumTypes".
func docKind(docType string) PageKind {
	t := strings.TrimSpace(docType) // compared in lower case, without a lowered copy
	switch {
	case asciifold.HasPrefixLowerOf(t, "apipagetype"):
		return KindAPI
	case asciifold.HasPrefixLowerOf(t, "resourcepagetype"):
		return KindResource
	case asciifold.HasPrefixLowerOf(t, "enumpagetype"), asciifold.EqualLower(t, "enumtypes"), asciifold.EqualLower(t, "enumtype"):
		return KindEnum
	}
	return KindOther
}

// parsePage fills p from the parsed source.
func parsePage(s *source, root fs.FS, p *Page) {
	o := buildOutline(s)
	p.DocType, _ = s.frontValue("doc_type")
	p.Kind = docKind(p.DocType)
	if canon := string(p.Kind) + "PageType"; p.Kind != KindOther && p.DocType != canon {
		// The docs hold a few misspellings (resourcePageType_, enumTypes).
		s.warnf(s.frontPos("doc_type"), "doc-type-spelling", "doc_type %q read as %s", p.DocType, canon)
	}
	p.Title = pageTitle(s, o)
	p.Heading = firstH1(o)
	if d, ok := s.frontValue("description"); ok {
		p.Description = Text{Value: d, Pos: s.frontPos("description")}
	}
	p.Namespace = namespaceLine(s, o)
	p.Summary = summaryLine(s, o)

	ex := parseAnnotations(s, o, p)
	if p.Kind == KindOther && p.DocType == "" && hasHTTPHeading(o) {
		p.Kind = KindAPI
	}
	switch p.Kind {
	case KindAPI:
		parseAPI(s, root, o, p, ex)
		if len(p.Requests) == 0 && strings.HasPrefix(p.Path, "resources/") && hasPropertiesHeading(o) {
			// a resource page whose front matter says apiPageType
			s.warnf(s.frontPos("doc_type"), "doc-type-mismatch", "resource page has doc_type %s; read as a resource page", p.DocType)
			p.Kind = KindResource
			p.Response, p.Body, p.Query, p.Headers, p.Permissions = Response{}, RequestBody{}, Query{}, nil, Permissions{}
			parseResource(s, o, p, ex)
			return
		}
		if len(p.Requests) == 0 {
			s.errorf(p.Title.Pos, "no-http-request", "API page has no HTTP request block")
		}
	case KindResource, KindEnum:
		if p.Kind == KindResource && hasHTTPHeading(o) && !hasPropertiesHeading(o) {
			// an API page whose front matter says resourcePageType
			s.warnf(s.frontPos("doc_type"), "doc-type-mismatch", "API page has doc_type %s; read as an API page", p.DocType)
			p.Kind = KindAPI
			parseAPI(s, root, o, p, ex)
			if len(p.Requests) == 0 {
				s.errorf(p.Title.Pos, "no-http-request", "API page has no HTTP request block")
			}
			return
		}
		parseResource(s, o, p, ex)
	default:
		if p.DocType == "" {
			s.errorf(s.line(1), "not-a-docs-page", "not a Graph docs page: no front matter doc_type and no HTTP request block")
		}
	}
}

// pageTitle is the front matter title, else the first H1.
func pageTitle(s *source, o *outline) Text {
	if t, ok := s.frontValue("title"); ok && t != "" {
		return Text{Value: t, Pos: s.frontPos("title")}
	}
	for _, sec := range o.sections {
		if sec.level == 1 {
			return Text{Value: sec.title, Pos: sec.pos}
		}
	}
	for _, sec := range o.sections {
		if sec.node != nil {
			return Text{Value: sec.title, Pos: sec.pos}
		}
	}
	return Text{Pos: s.line(1)}
}

// firstH1 is the text of the page's first level-1 heading.
func firstH1(o *outline) Text {
	for _, sec := range o.sections {
		if sec.level == 1 && sec.node != nil {
			return Text{Value: sec.title, Pos: sec.pos}
		}
	}
	return Text{}
}

// namespaceLine finds the "Namespace: microsoft.graph" paragraph.
func namespaceLine(s *source, o *outline) Text {
	for i, b := range o.blocks {
		if i > 12 {
			break
		}
		if _, ok := b.node.(*ast.Paragraph); !ok {
			continue
		}
		v, ok := bytes.CutPrefix(s.inlineBytes(b.node), []byte("Namespace:"))
		if !ok {
			continue
		}
		if f, _ := twoFields(v); len(f) > 0 {
			if string(f) == "microsoft.graph" {
				return Text{Value: "microsoft.graph", Pos: s.blockPos(b.node)} // without a new string
			}
			return Text{Value: string(f), Pos: s.blockPos(b.node)}
		}
	}
	return Text{}
}

// twoFields returns the first two fields of t as strings.Fields splits
// it (either empty when there is none), without its slice.
func twoFields[T string | []byte](t T) (first, second T) {
	for i := range 2 {
		start := 0
		for start < len(t) {
			r, n := utf8.DecodeRune([]byte(t[start:min(len(t), start+utf8.UTFMax)]))
			if !unicode.IsSpace(r) {
				break
			}
			start += n
		}
		end := start
		for end < len(t) {
			r, n := utf8.DecodeRune([]byte(t[end:min(len(t), end+utf8.UTFMax)]))
			if unicode.IsSpace(r) {
				break
			}
			end += n
		}
		if i == 0 {
			first = t[start:end]
		} else {
			second = t[start:end]
		}
		t = t[end:]
	}
	return first, second
}

// summaryLine is the first paragraph of the first H1 section that is not
// the Namespace line, an [!INCLUDE] or in a note: the page's opening
// sentences.
func summaryLine(s *source, o *outline) Text {
	for _, sec := range o.sections {
		if sec.level != 1 || sec.node == nil {
			continue
		}
		for _, n := range sec.blocks {
			if _, ok := n.(*ast.Paragraph); !ok || n.Parent() == nil || n.Parent().Kind() != ast.KindDocument {
				continue
			}
			t := s.inlineBytes(n) // trimmed: inlineText without its string
			if len(t) == 0 || bytes.HasPrefix(t, []byte("Namespace:")) || bytes.HasPrefix(t, []byte("[!")) {
				continue
			}
			return Text{Value: string(t), Pos: s.blockPos(n)}
		}
		break
	}
	return Text{}
}

func hasHTTPHeading(o *outline) bool {
	for _, sec := range o.sections {
		if isHTTPRequestTitle(sec.norm()) {
			return true
		}
	}
	return false
}

func hasPropertiesHeading(o *outline) bool {
	for _, sec := range o.sections {
		if t := sec.norm(); t == "properties" || t == "relationships" || t == "json representation" {
			return true
		}
	}
	return false
}
