package parser

import (
	"bytes"
	"path"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/graphdocgen/graphdocgen/internal/asciifold"
)

// table is a GFM table read from the AST: its header cells in lower case
// and its body rows as cell nodes.
type table struct {
	node   *east.Table
	header []string
	rows   [][]ast.Node
	rowPos []Pos
	// texts are the body cells' texts by row (see text), read on the
	// first call of text
	texts     [][]string
	textsRead bool
}

// readTable reads a table node.
func (s *source) readTable(t *east.Table) *table {
	var tb *table
	if b := s.bufs; b != nil {
		tb = &take(&b.tables, 1)[:1][0]
		tb.node = t
	} else {
		tb = &table{node: t}
	}
	// the body rows' cells in one slice, counted first
	rows, cells := 0, 0
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		if _, ok := r.(*east.TableHeader); !ok {
			rows++
			cells += r.ChildCount()
		}
	}
	var all []ast.Node
	if rows > 0 {
		if b := s.bufs; b != nil {
			tb.rows, tb.rowPos, all = take(&b.rows, rows), take(&b.rowPos, rows), take(&b.cells, cells)
		} else {
			tb.rows, tb.rowPos, all = make([][]ast.Node, 0, rows), make([]Pos, 0, rows), make([]ast.Node, 0, cells)
		}
	}
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		if _, ok := r.(*east.TableHeader); ok {
			if tb.header == nil && r.ChildCount() > 0 {
				if b := s.bufs; b != nil {
					tb.header = take(&b.headers, r.ChildCount())
				} else {
					tb.header = make([]string, 0, r.ChildCount())
				}
			}
			for c := r.FirstChild(); c != nil; c = c.NextSibling() {
				tb.header = append(tb.header, s.headerTitle(c))
			}
			continue
		}
		start := len(all)
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			all = append(all, c)
		}
		var row []ast.Node
		if len(all) > start {
			row = all[start:len(all):len(all)]
		}
		tb.rows = append(tb.rows, row)
		tb.rowPos = append(tb.rowPos, s.blockPos(r))
	}
	return tb
}

// col returns the index of the first header cell equal to one of names,
// or starting with one of them when a name ends in '*'; -1 when none.
func (t *table) col(names ...string) int {
	for _, n := range names {
		prefix := strings.HasSuffix(n, "*")
		n = strings.TrimSuffix(n, "*")
		for i, h := range t.header {
			if h == n || prefix && strings.HasPrefix(h, n) {
				return i
			}
		}
	}
	return -1
}

// cell returns the cell at column i of row r, or nil.
func (t *table) cell(r, i int) ast.Node {
	if i < 0 || r < 0 || r >= len(t.rows) || i >= len(t.rows[r]) {
		return nil
	}
	return t.rows[r][i]
}

// text is the plain text of the cell at column i of row r of t, trimmed
// ("" when there is none). The first call reads the text of every body cell of t into one
// string, which the cells' texts are parts of: a table's rows are read
// whole, and a string per cell was an allocation per cell.
func (s *source) text(t *table, r, i int) string {
	if !t.textsRead {
		s.readTexts(t)
	}
	if i < 0 || r < 0 || r >= len(t.texts) || i >= len(t.texts[r]) {
		return ""
	}
	return t.texts[r][i]
}

// readTexts fills t.texts.
func (s *source) readTexts(t *table) {
	t.textsRead = true
	n := 0
	for _, row := range t.rows {
		n += len(row)
	}
	b := s.bufs
	if b == nil {
		b = &parseBufs{}
	}
	flat, rows, ends := take(&b.texts, n), take(&b.textRows, len(t.rows)), b.ends[:0]
	tb := textBuf{b: b.tableText[:0]}
	for _, row := range t.rows {
		for _, c := range row {
			start := len(tb.b)
			s.writeInline(&tb, c)
			cell := bytes.TrimSpace(tb.b[start:])
			tb.b = tb.b[:start+copy(tb.b[start:], cell)]
			ends = append(ends, len(tb.b))
		}
	}
	all := string(tb.b)
	start, k := 0, 0
	for _, row := range t.rows {
		first := len(flat)
		for range row {
			flat = append(flat, all[start:ends[k]])
			start = ends[k]
			k++
		}
		rows = append(rows, flat[first:len(flat):len(flat)])
	}
	t.texts = rows
	b.tableText, b.ends = tb.b, ends
}

// headerTitle is normTitle of a header cell's text, without a string of
// the text when it is a common title as written (a common title is its
// own normTitle).
func (s *source) headerTitle(n ast.Node) string {
	b := s.inlineBytes(n)
	if v, ok := commonTitles[string(b)]; ok {
		return v
	}
	if len(b) <= 64 && asciifold.IsASCII(b) {
		// a common title in another case ("Property", "Description") is
		// found lowered on the stack, as normTitle lowers it
		var buf [64]byte
		low := appendTitle(buf[:0], bytes.TrimRight(bytes.TrimSpace(b), ": "))
		if v, ok := commonTitles[string(low)]; ok {
			return v
		}
	}
	return normTitle(string(b))
}

// appendRows is append(dst, src...) for the rows one table gave, without
// a copy of them when dst has none yet (most pages have one table of a
// kind).
func appendRows[T any](dst, src []T) []T {
	if len(dst) == 0 && len(src) > 0 {
		return src
	}
	return append(dst, src...)
}

// tablesIn returns the tables among the blocks of the given sections.
func (s *source) tablesIn(secs []*section) []*table {
	n := 0
	for _, sec := range secs {
		for _, b := range sec.blocks {
			if _, ok := b.(*east.Table); ok {
				n++
			}
		}
	}
	if n == 0 {
		return nil
	}
	var out []*table
	if b := s.bufs; b != nil {
		out = take(&b.tableRefs, n)
	}
	for _, sec := range secs {
		for _, b := range sec.blocks {
			if t, ok := b.(*east.Table); ok {
				out = append(out, s.readTable(t))
			}
		}
	}
	return out
}

// region returns sec and the sections nested under it.
func (o *outline) region(sec *section) []*section {
	out := []*section{sec}
	started := false
	for _, c := range o.sections {
		if c == sec {
			started = true
			continue
		}
		if !started {
			continue
		}
		if c.level <= sec.level {
			break
		}
		out = append(out, c)
	}
	return out
}

// primitives maps a lower-case primitive type name to its Graph spelling.
var primitives = map[string]string{
	"string": "String", "boolean": "Boolean", "bool": "Boolean",
	"int32": "Int32", "int64": "Int64", "int16": "Int16", "int": "Int32", "integer": "Int32",
	"double": "Double", "single": "Single", "decimal": "Decimal", "float": "Single",
	"datetimeoffset": "DateTimeOffset", "datetime": "DateTimeOffset", "date": "Date",
	"timeofday": "TimeOfDay", "duration": "Duration", "guid": "Guid",
	"binary": "Binary", "byte": "Byte", "sbyte": "SByte", "stream": "Stream",
}

// primitiveName returns the Graph spelling of a primitive type name
// ("string", "Edm.String"), or "".
func primitiveName(n string) string {
	n = strings.TrimSpace(n)
	if len(n) <= 32 && asciifold.IsASCII(n) {
		// lowered on the stack: the lookup of string(b) does not copy
		var buf [32]byte
		b := buf[:len(n)]
		for i := 0; i < len(n); i++ {
			b[i] = asciifold.LowerByte(n[i])
		}
		if len(b) >= 4 && string(b[:4]) == "edm." {
			b = b[4:]
		}
		return primitives[string(b)]
	}
	low := strings.ToLower(n)
	low = strings.TrimPrefix(low, "edm.")
	return primitives[low]
}

var collectionOf = regexp.MustCompile(`(?i)^collection\s*\(\s*([^)]*?)\s*\)$`)

// typeRef reads a type as written in a table cell or a sentence fragment:
// "String", "String collection", "[recipient](../resources/recipient.md)
// collection", "Collection(microsoft.graph.x)", "Edm.String".
//
// raw is the cell's text (table.text).
func (s *source) typeRef(n ast.Node, raw, pagePath string) TypeRef {
	tr := TypeRef{Raw: raw}
	dest, linkText, hasLink := "", "", false
	if n != nil {
		dest, linkText, hasLink = s.firstLinkIn(n, raw)
	}
	name := raw
	if hasLink && strings.TrimSpace(linkText) != "" {
		name = strings.TrimSpace(linkText)
		tr.Link = resolveLink(pagePath, dest)
		tr.Anchor = linkAnchor(dest)
		// "[x](x.md) collection" and "Collection of [x](x.md)" are arrays;
		// a type whose name holds the word ("[siteCollection](...)") is not.
		if outsideHasWord(raw, name, "collection") || outsideHasWord(raw, name, "collections") {
			tr.Collection = true
		}
	}
	name, coll := splitCollection(name)
	tr.Collection = tr.Collection || coll
	if p := primitiveName(name); p != "" {
		name = p
	}
	tr.Name = name
	return tr
}

// outsideHasWord is hasWord of t in lower case with its first
// occurrence of name (in any case) replaced by a space. For ASCII it
// reads the two sides of name in place: the space between them ends a
// word, so the word is on one side.
func outsideHasWord(t, name, word string) bool {
	if !asciifold.IsASCII(t) || !asciifold.IsASCII(name) {
		return hasWord(strings.Replace(strings.ToLower(t), strings.ToLower(name), " ", 1), word)
	}
	i := asciifold.IndexLowerASCII(t, name)
	if i < 0 {
		return hasWord(t, word)
	}
	return hasWord(t[:i], word) || hasWord(t[i+len(name):], word)
}

// splitCollection removes the collection markers from a type name.
func splitCollection(name string) (string, bool) {
	name = strings.TrimSpace(name)
	if strings.HasSuffix(name, ")") { // as collectionOf's match ends
		if m := collectionOf.FindStringSubmatch(name); m != nil {
			return m[1], true
		}
	}
	if asciifold.IsASCII(name) {
		for _, suf := range []string{" collection", " collections"} {
			if asciifold.HasSuffixLowerASCII(name, suf) {
				return strings.TrimSpace(name[:len(name)-len(suf)]), true
			}
		}
		if asciifold.HasPrefixLower(name, "collection of ") {
			return strings.TrimSpace(name[len("collection of "):]), true
		}
	} else {
		low := strings.ToLower(name)
		for _, suf := range []string{" collection", " collections"} {
			if strings.HasSuffix(low, suf) {
				return strings.TrimSpace(name[:len(name)-len(suf)]), true
			}
		}
		if strings.HasPrefix(low, "collection of ") {
			return strings.TrimSpace(name[len("collection of "):]), true
		}
	}
	if strings.HasSuffix(name, "[]") {
		return strings.TrimSuffix(name, "[]"), true
	}
	return name, false
}

// resolveLink resolves a relative link of the page at pagePath against the
// docs root, dropping any fragment: "../resources/recipient.md" from
// "api/x.md" is "resources/recipient.md". Absolute links and URLs are
// returned without their fragment.
func resolveLink(pagePath, dest string) string {
	if i := strings.IndexByte(dest, '#'); i >= 0 {
		dest = dest[:i]
	}
	if dest == "" {
		return ""
	}
	if strings.Contains(dest, "://") || strings.HasPrefix(dest, "/") {
		return dest
	}
	return path.Join(path.Dir(pagePath), dest)
}

// linkAnchor is the fragment of a link ("chattype-values" for
// "chat.md#chattype-values"), "" when it has none.
func linkAnchor(dest string) string {
	if _, frag, ok := strings.Cut(dest, "#"); ok {
		return frag
	}
	return ""
}

// hasWord reports whether t holds word (lower case) as a whole word, in
// any case.
func hasWord(t, word string) bool {
	low := t // lower case in its ASCII letters as indexLowerASCII reads it
	if !asciifold.IsASCII(t) {
		low = strings.ToLower(t)
	}
	for i := 0; ; {
		j := asciifold.IndexLowerASCII(low[i:], word)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(word)
		if (j == 0 || !isLetter(low[j-1])) && (end == len(low) || !isLetter(low[end])) {
			return true
		}
		i = j + 1
	}
}

// isRequired reports a description that says required (and not "not
// required").
func isRequired(desc string) bool {
	d := strings.TrimSpace(desc)
	if !asciifold.IsASCII(d) {
		d = strings.ToLower(d)
	}
	if asciifold.HasPrefixLower(d, "optional") {
		// "Optional. ..., and is required when downgrading a label."
		return false
	}
	return hasWord(desc, "required") && asciifold.IndexLowerASCII(d, "not required") < 0
}

// isParamTable reports whether a table has a name or a type column, as
// parameter tables do; tables of other things under a parameters heading
// (the "OData cast | Properties supporting $orderBy | Example" table of
// directory-deleteditems-list.md) have neither.
func (t *table) isParamTable() bool {
	return t.col("name", "parameter*", "property", "query parameter*", "header", "type", "value type", "data type") >= 0
}

// paramsFromTable reads the rows of a parameter table
// (Name | Type | Description [| Required]).
func (s *source) paramsFromTable(t *table, pagePath string) []Param {
	nameCol := t.col("name", "parameter*", "property", "query parameter*", "header")
	if nameCol < 0 {
		nameCol = 0
	}
	typeCol := t.col("type", "value type", "data type")
	if typeCol < 0 {
		// "Name | Value | Description" with types in the Value column
		// (driveitem-assignsensitivitylabel.md); a Value column of
		// header values or examples ("Bearer {token}", "true") is not
		// a type column.
		if vc := t.col("value"); vc >= 0 && vc != nameCol && s.holdsTypes(t, vc, pagePath) {
			typeCol = vc
		}
	}
	descCol := t.col("description", "notes")
	reqCol := t.col("required*", "mandatory")
	out := make([]Param, 0, len(t.rows))
	for r := range t.rows {
		name := cleanName(s.text(t, r, nameCol))
		if name == "" {
			continue
		}
		p := Param{Name: name, Pos: t.rowPos[r]}
		if typeCol >= 0 {
			p.Type = s.typeRef(t.cell(r, typeCol), s.text(t, r, typeCol), pagePath)
		}
		if descCol >= 0 {
			p.Description = s.text(t, r, descCol)
		}
		if reqCol >= 0 {
			v := strings.ToLower(s.text(t, r, reqCol))
			p.Required = v == "yes" || v == "true" || v == "required" || v == "y" || v == "✓"
			p.Optional = v == "no" || v == "false" || v == "optional" || v == "n"
		} else {
			p.Required = isRequired(p.Description)
			p.Optional = !p.Required && hasWord(p.Description, "optional")
		}
		out = append(out, p)
	}
	return out
}

// holdsTypes reports whether every cell of column i that has text is a
// type: a primitive ("String", "Edm.Int32 collection") or a link whose
// text is one name ("[sensitivityLabelAssignmentMethod](...)"); at
// least one cell must have text.
func (s *source) holdsTypes(t *table, i int, pagePath string) bool {
	seen := false
	for r := range t.rows {
		raw := s.text(t, r, i)
		if raw == "" {
			continue
		}
		seen = true
		tr := s.typeRef(t.cell(r, i), raw, pagePath)
		if primitiveName(tr.Name) != "" {
			continue
		}
		if tr.Link == "" || !isIdentifier(tr.Name) {
			return false
		}
	}
	return seen
}

// isIdentifier reports a name of letters and digits, dotted
// ("microsoft.graph.recipient") or not, starting with a letter.
func isIdentifier(n string) bool {
	if n == "" || !isLetter(n[0]) {
		return false
	}
	for i := 0; i < len(n); i++ {
		if c := n[i]; !isLetter(c) && !(c >= '0' && c <= '9') && c != '.' {
			return false
		}
	}
	return true
}

// cleanName trims decoration around a name cell: emphasis markers left in
// the text, trailing "(deprecated)" notes stay.
func cleanName(n string) string {
	n = strings.TrimSpace(n)
	n = strings.Trim(n, "*_`")
	return strings.TrimSpace(n)
}
