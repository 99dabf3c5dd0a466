package templates

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"

	"github.com/graphdocgen/graphdocgen/internal/asciifold"
)

// This file emits the model types: one struct, enum type or stub per
// schema.

const (
	jsonPkg = "encoding/json"
	timePkg = "time"
	urlPkg  = "net/url"
	httpPkg = "net/http"
	ioPkg   = "io"
	ctxPkg  = "context"
)

// code is the Go type expression of t; those of the types that are not
// the model's are built once and shared (shared.go).
func (t *goType) code() jen.Code {
	switch t.kind {
	case tSlice:
		return jen.Index().Add(t.elem.code())
	case tModel, tEnum:
		return jen.Id(t.named.goName)
	}
	if c, ok := sharedTypes[t.kind]; ok {
		return c
	}
	return sharedTypes[tRaw]
}

// sharedTypes are the type expressions of the kinds of goType that are
// the same everywhere: the scalars, time.Time, the runtime's date and
// time types, []byte and json.RawMessage (tRaw, and any other kind).
var sharedTypes = map[typeKind]jen.Code{
	tString:    jen.String(),
	tBool:      jen.Bool(),
	tInt32:     jen.Int32(),
	tInt64:     jen.Int64(),
	tFloat32:   jen.Float32(),
	tFloat64:   jen.Float64(),
	tTime:      jen.Qual(timePkg, "Time"),
	tDate:      jen.Id("Date"),
	tTimeOfDay: jen.Id("TimeOfDay"),
	tDuration:  jen.Id("Duration"),
	tBytes:     prerendered(jen.Index().Byte()),
	tRaw:       jen.Qual(jsonPkg, "RawMessage"),
}

// sharedOptionals are Optional[T] of the types of sharedTypes but the
// catch-all tRaw (a raw field is plain), prerendered but
// Optional[time.Time] (whose import the file records): the type of most
// of the optional fields (v1.0 has 3,800 Optional[string] and 1,200
// Optional[bool]), four tokens each.
var sharedOptionals = func() map[typeKind]jen.Code {
	m := map[typeKind]jen.Code{}
	for k, c := range sharedTypes {
		if k != tRaw {
			m[k] = prerendered(jen.Add(sharedOptional).Types(c))
		}
	}
	return m
}()

// fieldType is the declared type of a struct field: plain for required
// properties, slices and raw JSON, Optional[T] otherwise; *T inside a
// cycle.
func (f *fieldInfo) fieldType() jen.Code {
	if !f.pointer && !f.plain() {
		if c, ok := sharedOptionals[f.typ.kind]; ok {
			return c
		}
	}
	t := f.typ.code()
	if f.pointer {
		t = jen.Add(sharedStar, t)
	}
	if f.plain() {
		return t
	}
	return jen.Add(sharedOptional).Types(t)
}

func (f *fieldInfo) plain() bool {
	return f.required || f.typ.kind == tSlice || f.typ.kind == tRaw || f.typ.kind == tBytes
}

// tag is the field's struct tag as jen.Tag renders a map of its one key
// (the key, a colon and the value quoted; between backquotes when the
// text can be, else quoted again), written as it is: jen.Tag builds the
// text from a map on every render.
//
// The text is made in one buffer, one string for a field (it was four):
// the quoted value ends in ",omitzero" inside its quotes for an optional
// field, which strconv.Quote of the name with ",omitzero" after it writes
// as it is.
func (f *fieldInfo) tag() jen.Code {
	var arr [128]byte
	b := append(arr[:0], "`json:"...)
	b = strconv.AppendQuote(b, f.json)
	if !f.required {
		b = append(b[:len(b)-1], `,omitzero"`...)
	}
	s := string(append(b, '`'))
	if strconv.CanBackquote(s[1 : len(s)-1]) {
		return jen.Id(s)
	}
	return jen.Id(strconv.Quote(s[1 : len(s)-1]))
}

// docLines turns prose into comment lines wrapped at width (wrapLines).
func docLines(text string, width int) []string {
	var out []string
	wrapLines(text, width, func(line []byte) { out = append(out, string(line)) })
	return out
}

// wrapLines calls emit with each line of prose wrapped at width, the line
// valid only during the call: paragraphs (split at newlines) of words
// (split at white space), one empty line between two paragraphs however
// many blank lines the text has there. A paragraph ending in a letter or
// digit (the docs' "Not yet documented", a page's description that is its
// title) ends with a period, because gofmt reads a one-line paragraph
// without punctuation as a heading and rewrites it as "# Not yet
// documented".
//
// A line is built in one buffer, and the words are read in place: adding
// word by word to a string made a new string per word (docLines was a
// tenth of the memory the jennifer trees of v1.0 took), and strings.Fields
// a slice per paragraph.
func wrapLines(text string, width int, emit func(line []byte)) {
	var arr [128]byte
	line := arr[:0]
	emitted, lastEmpty := false, false
	for para := range strings.SplitSeq(strings.TrimSpace(text), "\n") {
		i := spanSpace(para, 0, true)
		if i == len(para) {
			if emitted && !lastEmpty {
				emit(nil)
				lastEmpty = true
			}
			continue
		}
		period := endsInAlnum(strings.TrimRightFunc(para, unicode.IsSpace))
		line = line[:0]
		for i < len(para) {
			start := i
			i = spanSpace(para, i, false)
			w := para[start:i]
			i = spanSpace(para, i, true)
			n := len(w)
			dot := period && i == len(para)
			if dot {
				n++
			}
			if len(line) > 0 && len(line)+1+n > width {
				emit(line)
				line = line[:0]
			}
			if len(line) > 0 {
				line = append(line, ' ')
			}
			line = append(line, w...)
			if dot {
				line = append(line, '.')
			}
		}
		emit(line)
		emitted, lastEmpty = true, false
	}
}

// spanSpace is the index of the first rune of s from i on whose
// unicode.IsSpace is not space (the end of a run of white space, or of a
// word), len(s) if none.
func spanSpace(s string, i int, space bool) int {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciifold.IsSpace(c) != space {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) != space {
			break
		}
		i += n
	}
	return i
}

// wrapComment adds text wrapped at width to g as comment(g,
// docLines(text, width)...) does, without the lines' strings.
func wrapComment(g *jen.Group, text string, width int) {
	var w commentWriter
	w.wrap(text, width)
	w.add(g)
}

// commentWriter writes the lines of a comment in one buffer, as the one
// jennifer comment comment(g, lines...) makes of them ("// " before each,
// newlines between), and makes it one string of its length, instead of a
// string per line and one more for the comment. The buffer is taken from
// commentBufs and given back by add.
type commentWriter struct{ cb *commentBuf }

// commentBuf is a commentWriter's buffer: the comment, and where the text
// of each line starts in it.
type commentBuf struct {
	text   []byte
	starts []int
}

// commentBufs are the buffers of the commentWriters, shared by the
// goroutines that build files.
var commentBufs = sync.Pool{New: func() any { return &commentBuf{text: make([]byte, 0, 1024), starts: make([]int, 0, 32)} }}

// begin starts a line; its text is what is written to w until the next.
func (w *commentWriter) begin() {
	if w.cb == nil {
		w.cb = commentBufs.Get().(*commentBuf)
		w.cb.text, w.cb.starts = w.cb.text[:0], w.cb.starts[:0]
	}
	cb := w.cb
	if len(cb.starts) > 0 {
		cb.text = append(cb.text, '\n')
	}
	cb.text = append(cb.text, "// "...)
	cb.starts = append(cb.starts, len(cb.text))
}

// str and char add to the current line.
func (w *commentWriter) str(s string) { w.cb.text = append(w.cb.text, s...) }
func (w *commentWriter) char(c byte)  { w.cb.text = append(w.cb.text, c) }

// line adds the line s.
func (w *commentWriter) line(s string) {
	w.begin()
	w.str(s)
}

// wrap adds the lines of docLines(text, width).
func (w *commentWriter) wrap(text string, width int) {
	wrapLines(text, width, func(line []byte) {
		w.begin()
		w.cb.text = append(w.cb.text, line...)
	})
}

// add adds the comment to g as comment does with its lines: one comment
// of them all, or one per line when there is one, or when jennifer writes
// a line otherwise (plainCommentLines); then it gives the buffer back.
func (w *commentWriter) add(g *jen.Group) {
	cb := w.cb
	if cb == nil {
		return
	}
	w.cb = nil
	defer commentBufs.Put(cb)
	n := len(cb.starts)
	if n == 1 {
		g.Comment(string(cb.text[cb.starts[0]:]))
		return
	}
	lineAt := func(i int) []byte {
		end := len(cb.text)
		if i+1 < n {
			end = cb.starts[i+1] - len("\n// ")
		}
		return cb.text[cb.starts[i]:end]
	}
	for i := range n {
		if l := lineAt(i); bytes.HasPrefix(l, []byte("//")) || bytes.HasPrefix(l, []byte("/*")) || bytes.IndexByte(l, '\n') >= 0 {
			lines := make([]string, n)
			for i := range lines {
				lines[i] = string(lineAt(i))
			}
			comment(g, lines...)
			return
		}
	}
	g.Comment(string(cb.text))
}

// endsInAlnum reports whether w ends in a letter or digit (go/doc's test
// for the end of a heading).
func endsInAlnum(w string) bool {
	r, _ := utf8.DecodeLastRuneInString(w)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// comment adds comment lines to a group as // lines. Two lines or more
// are one comment item of the "// " lines jennifer writes for each (it
// writes a comment that starts with // as it is), one statement instead
// of one per line; a line jennifer would write otherwise (one with a
// newline, or that starts with // or /*) keeps the lines one item each.
func comment(g *jen.Group, lines ...string) {
	if len(lines) == 1 || !plainCommentLines(lines) {
		for _, l := range lines {
			g.Comment(l)
		}
		return
	}
	if len(lines) == 0 {
		return
	}
	n := 0
	for _, l := range lines {
		n += len("// ") + len(l) + 1
	}
	var b strings.Builder
	b.Grow(n - 1)
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("// ")
		b.WriteString(l)
	}
	g.Comment(b.String())
}

// plainCommentLines reports whether jennifer writes each of lines as
// "// " and the line.
func plainCommentLines(lines []string) bool {
	for _, l := range lines {
		if strings.HasPrefix(l, "//") || strings.HasPrefix(l, "/*") || strings.Contains(l, "\n") {
			return false
		}
	}
	return true
}

// docComment adds a doc comment for name: "name text", wrapped.
func docComment(g *jen.Group, name, text string, extra ...string) {
	text = strings.TrimSpace(text)
	first := name
	if text == "" {
		first += " has no description in the docs."
	} else {
		first += " is " + lowerFirst(strings.TrimSuffix(text, "."))
		if !strings.HasSuffix(first, ".") {
			first += "."
		}
	}
	var w commentWriter
	w.wrap(first, 76)
	if len(extra) > 0 {
		w.line("")
		for _, l := range extra {
			w.line(l)
		}
	}
	w.add(g)
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	if utf8.ValidString(s) {
		// as below, without the runes: s is its runes' string
		_, n0 := utf8.DecodeRuneInString(s)
		r1, n1 := utf8.DecodeRuneInString(s[n0:])
		if r0 := s[0]; r0 >= 'A' && r0 <= 'Z' && !(n1 > 0 && r1 >= 'A' && r1 <= 'Z') {
			return string(r0+'a'-'A') + s[1:]
		}
		return s
	}
	rs := []rune(s)
	if len(rs) > 1 && rs[1] >= 'A' && rs[1] <= 'Z' {
		return s
	}
	if rs[0] >= 'A' && rs[0] <= 'Z' {
		rs[0] += 'a' - 'A'
	}
	return string(rs)
}

// emitSchema adds the declarations of one schema to g.
func emitSchema(g *jen.Group, si *schemaInfo) {
	var extra []string
	if si.source != "" {
		extra = append(extra, "Docs: "+si.source)
	}
	desc := si.desc
	switch si.kind {
	case sEnum:
		var vals []string
		for i, v := range si.enum {
			vals = append(vals, fmt.Sprintf("  - %s (%q)", si.consts[i], v))
		}
		kind := "Values"
		if si.flags {
			kind = "It is a flags enumeration: a value is a comma-separated list of members. Members"
		}
		lines := append([]string{kind + ":", ""}, vals...)
		lines = append(lines, "", "Unknown values are kept as they are.")
		if len(extra) > 0 {
			lines = append(lines, "")
			lines = append(lines, extra...)
		}
		docComment(g, si.goName, desc+"\n", lines...)
		name := jen.Id(si.goName)
		g.Type().Add(name, sharedTypes[tString])
		g.Line()
		g.Const().DefsFunc(func(cg *jen.Group) {
			for i, v := range si.enum {
				cg.Id(si.consts[i]).Add(name, sharedAssign).Lit(v)
			}
		})
		return
	case sStub:
		emitRawHolder(g, si, extra)
		return
	}
	docComment(g, si.goName, desc, extra...)
	// the schema's name, an item of each place it is written
	name := jen.Id(si.goName)
	g.Type().Add(name).StructFunc(func(sg *jen.Group) {
		for _, f := range si.fields {
			if f.desc != "" {
				wrapComment(sg, f.goName+" is "+lowerFirst(strings.TrimSpace(f.desc)), 72)
			}
			sg.Id(f.goName).Add(f.fieldType(), f.tag())
		}
		sg.Add(sharedAdditionalDoc)
		sg.Add(sharedAdditionalProps)
	})
	g.Line()
	// unmarshalObject's arguments: the shared first three, then the keys
	keys := make([]jen.Code, 0, len(sharedUnmarshalArgs)+len(si.fields))
	keys = append(keys, sharedUnmarshalArgs...)
	for _, f := range si.fields {
		keys = append(keys, nameLit(f.json))
	}
	g.Add(sharedMarshalDoc)
	plain := jen.Add(sharedTypePlain, name)
	g.Func().Params(jen.Add(sharedIdV, name)).Add(sharedMarshalSig).Block(
		plain,
		sharedMarshalReturn,
	)
	g.Line()
	g.Add(sharedUnmarshalDoc)
	g.Func().Params(jen.Add(sharedVPtr, name)).Add(sharedUnmarshalSig).Block(
		plain,
		jen.Return(jen.Id("unmarshalObject").Call(keys...)),
	)
	emitPageMethods(g, si)
}

// pageMethods are the methods a collection response has for the
// runtime's paging (the CollectionResponse constraint of All, Pages and
// NewPager).
var pageMethods = []string{"DeltaLink", "Items", "NextLink"}

// pageFields returns the "value", "@odata.nextLink" and
// "@odata.deltaLink" fields of a collection response: a slice and two
// optional or required strings. ok is false for other schemas.
func (si *schemaInfo) pageFields() (value, next, delta *fieldInfo, ok bool) {
	if si.kind != sObject || !strings.HasSuffix(si.component, collectionSuffix) {
		return nil, nil, nil, false
	}
	for _, f := range si.fields {
		switch {
		case f.json == "value" && f.typ.kind == tSlice:
			value = f
		case f.json == "@odata.nextLink" && f.typ.kind == tString && !f.pointer:
			next = f
		case f.json == "@odata.deltaLink" && f.typ.kind == tString && !f.pointer:
			delta = f
		}
	}
	return value, next, delta, value != nil && next != nil && delta != nil
}

// emitPageMethods adds Items, NextLink and DeltaLink to a collection
// response, the methods the runtime's paging uses to follow its pages.
func emitPageMethods(g *jen.Group, si *schemaInfo) {
	value, next, delta, ok := si.pageFields()
	if !ok {
		return
	}
	recv := jen.Id("v").Op("*").Id(si.goName)
	g.Line()
	g.Commentf("Items returns the items of this page, the %s field; for All.", value.goName)
	g.Func().Params(recv).Id("Items").Params().Add(value.typ.code()).Block(
		jen.Return(jen.Id("v").Dot(value.goName)),
	)
	g.Line()
	g.Comment("NextLink returns the URL of the next page (@odata.nextLink) and whether")
	g.Comment("there is one; for All and NextPage.")
	emitLinkMethod(g, recv.Clone(), "NextLink", next)
	g.Line()
	g.Comment("DeltaLink returns the URL the next round of a delta query starts from")
	g.Comment("(@odata.deltaLink, on the final page of a round) and whether there is")
	g.Comment("one; for Pager.DeltaLink and DeltaPage.")
	emitLinkMethod(g, recv.Clone(), "DeltaLink", delta)
}

// emitLinkMethod adds the method name returning the string field f and
// whether it is set (non-empty, for a required one).
func emitLinkMethod(g *jen.Group, recv *jen.Statement, name string, f *fieldInfo) {
	l := jen.Id("v").Dot(f.goName)
	if f.plain() {
		g.Func().Params(recv).Id(name).Params().Params(jen.String(), jen.Bool()).Block(
			jen.Return(l, l.Clone().Op("!=").Lit("")),
		)
		return
	}
	g.Func().Params(recv).Id(name).Params().Params(jen.String(), jen.Bool()).Block(
		jen.Return(l.Dot("Get").Call()),
	)
}

// emitRawHolder adds the type of a schema no page given describes (a
// stub): it holds whatever JSON value the service sends, as received, so
// a string, a number or an object all decode, and encodes it back
// unchanged. Raw and Decode read it; json.Unmarshal makes one to send.
func emitRawHolder(g *jen.Group, si *schemaInfo, extra []string) {
	lines := append([]string{""}, docLines("The docs given do not describe "+si.component+
		": a value of it is kept as the JSON the service sent (Raw, Decode). Give its resource page to type it.", 76)...)
	docComment(g, si.goName, si.desc, append(lines, extra...)...)
	g.Type().Id(si.goName).Struct(jen.Id("raw").Qual(jsonPkg, "RawMessage"))
	g.Line()
	g.Comment("Raw returns the JSON value as received (nil when there is none).")
	g.Func().Params(jen.Id("v").Id(si.goName)).Id("Raw").Params().Qual(jsonPkg, "RawMessage").Block(jen.Return(jen.Id("v").Dot("raw")))
	g.Line()
	g.Comment("Decode decodes the JSON value into out, as json.Unmarshal does.")
	g.Func().Params(jen.Id("v").Id(si.goName)).Id("Decode").Params(jen.Id("out").Any()).Error().Block(
		jen.If(jen.Len(jen.Id("v").Dot("raw")).Op("==").Lit(0)).Block(jen.Return(jen.Qual(jsonPkg, "Unmarshal").Call(jen.Index().Byte().Call(jen.Lit("null")), jen.Id("out")))),
		jen.Return(jen.Qual(jsonPkg, "Unmarshal").Call(jen.Id("v").Dot("raw"), jen.Id("out"))),
	)
	g.Line()
	g.Comment("MarshalJSON encodes the JSON value as received (null when there is none).")
	g.Func().Params(jen.Id("v").Id(si.goName)).Id("MarshalJSON").Params().Params(sharedBytesErr...).Block(
		jen.If(jen.Len(jen.Id("v").Dot("raw")).Op("==").Lit(0)).Block(jen.Return(jen.Index().Byte().Call(jen.Lit("null")), jen.Nil())),
		jen.Return(jen.Id("v").Dot("raw"), jen.Nil()),
	)
	g.Line()
	g.Comment("UnmarshalJSON keeps any JSON value as it is.")
	g.Func().Params(jen.Id("v").Op("*").Id(si.goName)).Id("UnmarshalJSON").Params(sharedBBytes).Error().Block(
		jen.Id("v").Dot("raw").Op("=").Append(jen.Id("v").Dot("raw").Index(jen.Empty(), jen.Lit(0)), jen.Id("b").Op("...")),
		jen.Return(jen.Nil()),
	)
}
