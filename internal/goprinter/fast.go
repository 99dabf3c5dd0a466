package goprinter

import (
	"bytes"
	"go/ast"
	"go/token"
	"io"
	"math"
	"sync"
	"unicode/utf8"
)

// FastFuncs, with gofmt's configuration (UseSpaces|TabIndent and the
// normalization of number literals, a Tabwidth of 8, no Indent), prints
// the top-level function declarations of the shapes fastFunc knows
// straight into their final text, without the printer's whitespace
// buffer, tabwriter, position lookups per token and nodeSize, and so the
// type declarations of the shapes typeDecl knows, and the other
// declarations as without it. The output is the same:
// TestFastFuncs holds the two together on the Go tree's sources and the
// generated client's.
const FastFuncs Mode = 1 << 29

// gofmtMode is the Mode of gofmt's configuration.
const gofmtMode = UseSpaces | TabIndent | normalizeNumbers

// fastDecl prints d as one piece of final text when it is a function
// declaration of a shape fastFunc knows, without comments from its start
// to the end of its last line, or a type declaration of a shape typeDecl
// knows, without comments on its last line after it, and reports whether
// it did.
func (p *printer) fastDecl(d ast.Decl) bool {
	if p.Config.Mode != gofmtMode|FastFuncs || p.Config.Tabwidth != 8 || p.Config.Indent != 0 ||
		p.sizeOnly || p.lines == nil {
		return false
	}
	var inside []*ast.CommentGroup // the comments within a type declaration
	switch d := d.(type) {
	case *ast.FuncDecl:
		if p.commentNear(d) {
			return false
		}
	case *ast.GenDecl:
		var ok bool
		if inside, ok = p.commentsWithin(d); !ok {
			return false
		}
	default:
		return false
	}
	if p.fastBuf == nil {
		if b, ok := fastBufs.Get().(*[]byte); ok {
			p.fastBuf = *b
		}
	}
	start := len(p.fastBuf)
	f := fast{p: p, out: p.fastBuf, start: start, srcLine: p.lineFor(d.Pos()), ok: true}
	switch d := d.(type) {
	case *ast.FuncDecl:
		f.funcDecl(d)
	case *ast.GenDecl:
		f.scratch, f.ends = p.fastScratch.text, p.fastScratch.ends
		f.typeDecl(d, inside)
		p.fastScratch.text, p.fastScratch.ends = f.scratch, f.ends
	}
	if !f.ok {
		p.fastBuf = f.out[:start]
		return false
	}
	p.fastBuf = f.out
	p.fastEnds = append(p.fastEnds, len(f.out))
	text := f.out[start:]
	// as funcDecl and genDecl start: the comments before and the
	// whitespace pending are printed before the first token, here the
	// stand-in of the text (see fprint)
	p.setPos(d.Pos())
	p.fastLit = ast.BasicLit{ValuePos: d.Pos(), Kind: token.STRING, Value: "\x00"}
	p.print(&p.fastLit)
	// the comments inside are in text
	for range inside {
		p.nextComment()
	}
	// and the state after the last token, as if text was written
	p.pos = p.posFor(d.End())
	p.last = p.pos
	p.lastTok = token.RBRACE
	if _, ok := d.(*ast.GenDecl); ok {
		p.lastTok = f.lastTok
	}
	if li := bytes.LastIndexByte(text, '\n'); li >= 0 {
		p.out.Line += bytes.Count(text, []byte{'\n'})
		p.out.Column = len(text) - li
		p.endAlignment = true
	} else {
		p.out.Column += len(text) - 1
	}
	return true
}

// writeFast writes out, the output with the stand-ins of the texts of
// fastDecl, with the texts, to w; it reports false (and writes nothing)
// unless out has one NUL byte per text.
func (p *printer) writeFast(w io.Writer, out []byte, err *error) bool {
	if bytes.Count(out, []byte{0}) != len(p.fastEnds) {
		return false
	}
	write := func(b []byte) {
		if *err == nil {
			_, *err = w.Write(b)
		}
	}
	start := 0
	for _, end := range p.fastEnds {
		i := bytes.IndexByte(out, 0)
		write(out[:i])
		write(p.fastBuf[start:end])
		out, start = out[i+1:], end
	}
	write(out)
	return true
}

// fastBufs keeps the fastBuf of a printer once it is done, for the next
// file (the printers of large outputs are not kept, and the texts of a
// generated file are a megabyte).
var fastBufs sync.Pool // of *[]byte

// commentNear reports whether a comment group starts within d or on the
// line d ends on.
func (p *printer) commentNear(d ast.Node) bool {
	first := func(g *ast.CommentGroup) (bool, bool) { // decided, near
		if g.Pos() < d.Pos() {
			return false, false
		}
		return true, g.Pos() < d.End() || p.lineFor(g.Pos()) <= p.lineFor(d.End())
	}
	if p.comment != nil && p.commentOffset != infinity {
		if ok, near := first(p.comment); ok {
			return near
		}
	}
	for _, g := range p.comments[p.cindex:] {
		if ok, near := first(g); ok {
			return near
		}
	}
	return false
}

// commentsWithin returns the comment groups that start within d, and
// reports false when one starts on the line d ends on, after d.
func (p *printer) commentsWithin(d ast.Node) ([]*ast.CommentGroup, bool) {
	var in []*ast.CommentGroup
	end := -1 // d's last line, once needed
	next := func(g *ast.CommentGroup) (done, ok bool) {
		switch {
		case g.Pos() < d.Pos():
			return false, true
		case g.Pos() < d.End():
			in = append(in, g)
			return false, true
		}
		if end < 0 {
			end = p.lineFor(d.End())
		}
		return true, p.lineFor(g.Pos()) > end
	}
	if p.comment != nil && p.commentOffset != infinity {
		if done, ok := next(p.comment); done {
			return in, ok
		}
	}
	for _, g := range p.comments[p.cindex:] {
		if done, ok := next(g); done {
			return in, ok
		}
	}
	return in, true
}

// fast prints a function declaration as the printer does in gofmt's
// configuration, for the shapes it knows; ok turns false at the first
// node or layout it does not know. Every token it prints with a position
// must be on srcLine, the line of the source the printer's own position
// would be on: then the printer would write no line break of its own
// (from the source) and none of the ones written here would be missing.
type fast struct {
	p       *printer
	out     []byte
	start   int // where the declaration's text starts in out
	indent  int
	bol     bool // at the start of a line: the indentation is due
	srcLine int
	ok      bool
	lastTok token.Token // of a type declaration
	scratch []byte      // the types of a run of struct fields (fieldRun)
	ends    []int       // the end of each in scratch
}

func (f *fast) fail() { f.ok = false }

func (f *fast) line(pos token.Pos) int { return f.p.lineFor(pos) }

// text writes s, a piece of a line.
func (f *fast) text(s string) {
	if f.bol {
		for range f.indent {
			f.out = append(f.out, '\t')
		}
		f.bol = false
	}
	f.out = append(f.out, s...)
}

// tok writes s, the token at pos.
func (f *fast) tok(pos token.Pos, s string) {
	if pos.IsValid() && f.line(pos) != f.srcLine {
		f.fail()
	}
	f.text(s)
}

// newlines ends the line (its trailing blanks trimmed) n times.
func (f *fast) newlines(n int) {
	if n <= 0 {
		return
	}
	for len(f.out) > f.start && f.out[len(f.out)-1] == ' ' {
		f.out = f.out[:len(f.out)-1]
	}
	for range n {
		f.out = append(f.out, '\n')
	}
	f.bol = true
	f.srcLine += n
}

// linebreak is the printer's: at least min line breaks, as many as the
// source has before line (at most two); the indentation change ws
// applies when there is one.
func (f *fast) linebreak(line, min int, ws whiteSpace, newSection bool) (nbreaks int) {
	n := max(nlimit(line-f.srcLine), min)
	if n > 0 {
		switch ws {
		case indent:
			f.indent++
		case unindent:
			f.indent--
		}
		if newSection {
			nbreaks = 2
		} else {
			nbreaks = n
		}
		f.newlines(n)
	}
	return nbreaks
}

func (f *fast) funcDecl(d *ast.FuncDecl) {
	if d.Body == nil || d.Type.TypeParams != nil || f.line(d.Body.Lbrace) == f.line(d.Body.Rbrace) {
		f.fail() // (a body on one line may be printed as a one-liner)
		return
	}
	f.tok(d.Type.Func, "func ")
	if d.Recv != nil {
		f.fields(d.Recv)
		f.text(" ")
	}
	f.ident(d.Name)
	f.signature(d.Type)
	f.text(" ")
	f.block(d.Body)
}

func (f *fast) signature(t *ast.FuncType) {
	if t.Params == nil {
		f.fail()
		return
	}
	f.fields(t.Params)
	res := t.Results
	if n := res.NumFields(); n > 0 {
		f.text(" ")
		if n == 1 && res.List[0].Names == nil {
			if _, ok := res.List[0].Type.(*ast.ParenExpr); ok {
				f.fail()
			}
			f.expr(res.List[0].Type)
			return
		}
		f.fields(res)
	}
}

// fields prints a parameter list on one line.
func (f *fast) fields(l *ast.FieldList) {
	if !l.Opening.IsValid() || !l.Closing.IsValid() || f.line(l.Opening) != f.line(l.Closing) {
		f.fail()
		return
	}
	f.tok(l.Opening, "(")
	for i, fl := range l.List {
		if i > 0 {
			f.text(", ")
		}
		for j, n := range fl.Names {
			if j > 0 {
				f.text(", ")
			}
			f.ident(n)
		}
		if len(fl.Names) > 0 {
			f.text(" ")
		}
		if _, ok := fl.Type.(*ast.ParenExpr); ok || fl.Tag != nil {
			f.fail()
		}
		f.expr(fl.Type)
	}
	f.tok(l.Closing, ")")
}

func (f *fast) ident(x *ast.Ident) { f.tok(x.NamePos, x.Name) }

func (f *fast) block(b *ast.BlockStmt) {
	f.tok(b.Lbrace, "{")
	f.indent++
	for _, s := range b.List {
		f.linebreak(f.line(s.Pos()), 1, ignore, false)
		f.stmt(s)
		if !f.ok {
			return
		}
	}
	f.indent--
	f.linebreak(f.line(b.Rbrace), 1, ignore, true)
	f.tok(b.Rbrace, "}")
}

func (f *fast) stmt(s ast.Stmt) {
	switch s := s.(type) {
	case *ast.ExprStmt:
		f.expr1(s.X, token.LowestPrec, 1)
	case *ast.AssignStmt:
		depth := 1
		if len(s.Lhs) > 1 && len(s.Rhs) > 1 {
			depth++
		}
		f.exprList(s.Pos(), s.Lhs, depth, false, s.TokPos)
		f.text(" ")
		f.tok(s.TokPos, s.Tok.String())
		f.text(" ")
		f.exprList(s.TokPos, s.Rhs, depth, false, token.NoPos)
	case *ast.ReturnStmt:
		f.tok(s.Return, "return")
		if s.Results != nil {
			f.text(" ")
			if f.p.indentList(s.Results) {
				f.fail()
				return
			}
			f.exprList(token.NoPos, s.Results, 1, false, token.NoPos)
		}
	case *ast.IfStmt:
		if s.Else != nil {
			f.fail()
			return
		}
		f.tok(s.If, "if ")
		if s.Init != nil {
			f.stmt(s.Init)
			f.text("; ")
		}
		if _, ok := s.Cond.(*ast.ParenExpr); ok {
			f.fail()
			return
		}
		f.expr(s.Cond)
		f.text(" ")
		f.block(s.Body)
	case *ast.DeclStmt:
		// type name T
		g, ok := s.Decl.(*ast.GenDecl)
		if !ok || g.Tok != token.TYPE || g.Lparen.IsValid() || len(g.Specs) != 1 {
			f.fail()
			return
		}
		ts := g.Specs[0].(*ast.TypeSpec)
		if ts.TypeParams != nil || ts.Assign.IsValid() || ts.Doc != nil || ts.Comment != nil {
			f.fail()
			return
		}
		f.tok(g.TokPos, "type ")
		f.ident(ts.Name)
		f.text(" ")
		f.expr(ts.Type)
	default:
		f.fail()
	}
}

func (f *fast) expr(x ast.Expr) { f.expr1(x, token.LowestPrec, 1) }

func (f *fast) expr1(expr ast.Expr, prec1, depth int) {
	if !f.ok {
		return
	}
	switch x := expr.(type) {
	case *ast.Ident:
		f.ident(x)
	case *ast.BasicLit:
		if !plainLit(x) {
			f.fail()
			return
		}
		f.tok(x.ValuePos, x.Value)
	case *ast.BinaryExpr:
		f.binaryExpr(x, prec1, cutoff(x, depth), depth)
	case *ast.KeyValueExpr:
		f.expr(x.Key)
		f.tok(x.Colon, ": ")
		f.expr(x.Value)
	case *ast.StarExpr:
		if token.UnaryPrec < prec1 {
			f.fail()
			return
		}
		f.tok(x.Star, "*")
		f.expr(x.X)
	case *ast.UnaryExpr:
		if token.UnaryPrec < prec1 || x.Op != token.AND {
			f.fail()
			return
		}
		if u, ok := x.X.(*ast.UnaryExpr); ok && (u.Op == token.AND || u.Op == token.XOR) {
			f.fail()
			return
		}
		f.tok(x.OpPos, "&")
		f.expr1(x.X, token.UnaryPrec, depth)
	case *ast.ParenExpr:
		if _, ok := x.X.(*ast.ParenExpr); ok {
			f.fail()
			return
		}
		f.tok(x.Lparen, "(")
		f.expr1(x.X, token.LowestPrec, reduceDepth(depth))
		f.tok(x.Rparen, ")")
	case *ast.SelectorExpr:
		f.expr1(x.X, token.HighestPrec, depth)
		f.text(".")
		f.ident(x.Sel)
	case *ast.IndexExpr:
		f.expr1(x.X, token.HighestPrec, 1)
		f.tok(x.Lbrack, "[")
		f.expr1(x.Index, token.LowestPrec, depth+1)
		f.tok(x.Rbrack, "]")
	case *ast.IndexListExpr:
		f.expr1(x.X, token.HighestPrec, 1)
		f.tok(x.Lbrack, "[")
		f.exprList(x.Lbrack, x.Indices, depth+1, true, x.Rbrack)
		f.tok(x.Rbrack, "]")
	case *ast.CallExpr:
		if len(x.Args) > 1 {
			depth++
		}
		switch x.Fun.(type) {
		case *ast.FuncType, *ast.ChanType, *ast.FuncLit:
			f.fail()
			return
		}
		f.expr1(x.Fun, token.HighestPrec, depth)
		f.tok(x.Lparen, "(")
		if x.Ellipsis.IsValid() {
			f.exprList(x.Lparen, x.Args, depth, false, x.Ellipsis)
			f.tok(x.Ellipsis, "...")
			if f.line(x.Ellipsis) != f.line(x.Rparen) {
				f.fail()
			}
		} else {
			f.exprList(x.Lparen, x.Args, depth, true, x.Rparen)
		}
		f.tok(x.Rparen, ")")
	case *ast.CompositeLit:
		if x.Incomplete {
			f.fail()
			return
		}
		if x.Type != nil {
			f.expr1(x.Type, token.HighestPrec, depth)
		}
		f.tok(x.Lbrace, "{")
		f.exprList(x.Lbrace, x.Elts, 1, true, x.Rbrace)
		f.tok(x.Rbrace, "}")
	case *ast.Ellipsis:
		f.tok(x.Ellipsis, "...")
		if x.Elt != nil {
			f.expr(x.Elt)
		}
	case *ast.ArrayType:
		f.tok(x.Lbrack, "[")
		if x.Len != nil {
			f.expr(x.Len)
		}
		f.text("]")
		f.expr(x.Elt)
	case *ast.MapType:
		f.tok(x.Map, "map[")
		f.expr(x.Key)
		f.text("]")
		f.expr(x.Value)
	default:
		f.fail()
	}
}

// plainLit reports whether x prints as it is written and on one line: a
// string or character literal without control characters, or a decimal
// integer (the printer normalizes the other number literals).
func plainLit(x *ast.BasicLit) bool {
	switch x.Kind {
	case token.INT:
		for i := 0; i < len(x.Value); i++ {
			if c := x.Value[i]; c < '0' || c > '9' {
				return false
			}
		}
		return x.Value != "" && (x.Value == "0" || x.Value[0] != '0')
	case token.STRING, token.CHAR:
		for i := 0; i < len(x.Value); i++ {
			if c := x.Value[i]; c < ' ' || c == 0x7f || c == tabwriterEscape {
				return false
			}
		}
		return true
	}
	return false
}

const tabwriterEscape = '\xff'

func (f *fast) binaryExpr(x *ast.BinaryExpr, prec1, cutoff, depth int) {
	prec := x.Op.Precedence()
	if prec < prec1 || f.line(x.X.Pos()) != f.line(x.Y.Pos()) {
		f.fail()
		return
	}
	switch x.Op {
	case token.ADD, token.EQL, token.NEQ, token.LAND, token.LOR, token.LSS, token.GTR, token.LEQ, token.GEQ:
	default:
		f.fail() // (no operator that may combine with the next token)
		return
	}
	if _, ok := x.Y.(*ast.UnaryExpr); ok {
		f.fail()
		return
	}
	printBlank := prec < cutoff
	f.expr1(x.X, prec, depth+diffPrec(x.X, prec))
	if printBlank {
		f.text(" ")
	}
	f.tok(x.OpPos, x.Op.String())
	if printBlank {
		f.text(" ")
	}
	f.expr1(x.Y, prec+1, depth+1)
}

// exprList is the printer's, for the lists whose elements are on one
// line, or are each on a line of their own, or start on one line with
// only the last continued on the lines after.
func (f *fast) exprList(prev0 token.Pos, list []ast.Expr, depth int, commaTerm bool, next0 token.Pos) {
	if len(list) == 0 || !f.ok {
		return
	}
	prevLine, nextLine := 0, 0
	if prev0.IsValid() {
		prevLine = f.line(prev0)
	}
	if next0.IsValid() {
		nextLine = f.line(next0)
	}
	line := f.line(list[0].Pos())
	endLine := f.line(list[len(list)-1].End())

	if prev0.IsValid() && prevLine == line && line == endLine {
		for i, x := range list {
			if i > 0 {
				f.text(", ")
			}
			f.expr1(x, token.LowestPrec, depth)
		}
		return
	}

	// one element on a line each, with the alignment of the keys of
	// key: value pairs, or elements on one line but the last
	if prev0.IsValid() && prevLine < line {
		if !commaTerm || !f.alignedList(list, depth, prevLine, nextLine) {
			f.fail()
		}
		return
	}
	start := line
	for i, x := range list {
		if f.line(x.Pos()) != start || i < len(list)-1 && f.line(x.End()) != start {
			f.fail()
			return
		}
		if i > 0 {
			f.text(", ")
		}
		f.expr1(x, token.LowestPrec, depth)
	}
	if commaTerm && next0.IsValid() && f.srcLine < nextLine {
		if nextLine != f.srcLine+1 {
			f.fail()
			return
		}
		f.text(",")
		f.newlines(1)
	}
}

// alignedList prints list, its elements each on the line after the last
// one's (the first on the line after prevLine, the closing token on the
// line after the last), as the printer does: the keys of consecutive
// key: value pairs on one line each aligned in a column (the
// tabwriter's), the sections of the column broken where the printer
// writes a formfeed.
func (f *fast) alignedList(list []ast.Expr, depth, prevLine, nextLine int) bool {
	if f.srcLine != prevLine || nextLine == 0 {
		return false
	}
	type elem struct {
		size  int // the key's size, or the element's, when it fits on one line; else 0
		width int // the key cell's width (runes of the key and its colon)
		ff    bool
	}
	elems := make([]elem, len(list))
	l := prevLine
	_, pairs := list[0].(*ast.KeyValueExpr)
	for i, x := range list {
		start, end := f.line(x.Pos()), f.line(x.End())
		if start != l+1 {
			return false
		}
		l = end
		pair, isPair := x.(*ast.KeyValueExpr)
		if isPair != pairs {
			return false
		}
		if start != end {
			continue // size 0
		}
		if x.End()-x.Pos() > 200000 {
			return false // the printer's "infinity" is 1e6 bytes
		}
		if !isPair {
			elems[i].size = 1 // (any size > 0: no alignment without pairs)
			continue
		}
		var key string
		switch k := pair.Key.(type) {
		case *ast.Ident:
			key = k.Name
		case *ast.BasicLit:
			if !plainLit(k) {
				return false
			}
			key = k.Value
		default:
			return false
		}
		elems[i].size = len(key)
		elems[i].width = utf8.RuneCountInString(key) + 1
	}
	if nextLine != l+1 {
		return false
	}
	// the formfeeds, as exprList decides them
	lnsum, count := 0.0, 0
	for i := range elems {
		size := elems[i].size
		if i > 0 {
			prevSize := elems[i-1].size
			useFF := true
			if prevSize > 0 && size > 0 {
				const smallSize = 40
				if count == 0 || prevSize <= smallSize && size <= smallSize {
					useFF = false
				} else {
					const r = 2.5
					geomean := math.Exp(lnsum / float64(count))
					ratio := float64(size) / geomean
					useFF = r*ratio <= 1 || r <= ratio
				}
			}
			elems[i].ff = useFF
			if useFF {
				lnsum, count = 0, 0
			}
		}
		if size > 0 {
			lnsum += math.Log(float64(size))
			count++
		}
	}
	f.indent++
	f.newlines(1)
	for i := 0; i < len(list); {
		// a section: the run of pairs on one line from i without a
		// formfeed between
		j := i + 1
		if pairs && elems[i].size > 0 {
			for j < len(list) && !elems[j].ff && elems[j].size > 0 {
				j++
			}
		}
		cell := 0
		if pairs && len(list) > 1 && elems[i].size > 0 {
			for k := i; k < j; k++ {
				cell = max(cell, elems[k].width+1)
			}
		}
		for k := i; k < j; k++ {
			if k > 0 {
				f.newlines(1)
			}
			if cell > 0 {
				pair := list[k].(*ast.KeyValueExpr)
				f.expr(pair.Key)
				f.tok(pair.Colon, ":")
				for range cell - elems[k].width {
					f.out = append(f.out, ' ')
				}
				f.expr(pair.Value)
			} else {
				f.expr1(list[k], token.LowestPrec, depth)
			}
			f.text(",")
		}
		i = j
	}
	f.indent--
	f.newlines(1)
	return f.ok
}

// typeDecl prints the declaration of one type, not in parentheses: a
// name (type T string) or a struct of the shape structType knows; inside
// are the comments within d.
func (f *fast) typeDecl(d *ast.GenDecl, inside []*ast.CommentGroup) {
	if d.Tok != token.TYPE || d.Lparen.IsValid() || len(d.Specs) != 1 {
		f.fail()
		return
	}
	ts := d.Specs[0].(*ast.TypeSpec)
	if ts.TypeParams != nil || ts.Assign.IsValid() {
		f.fail()
		return
	}
	f.tok(d.TokPos, "type ")
	f.ident(ts.Name)
	f.text(" ")
	switch t := ts.Type.(type) {
	case *ast.Ident, *ast.SelectorExpr:
		if len(inside) > 0 {
			f.fail()
			return
		}
		f.expr(t)
		f.lastTok = token.IDENT
	case *ast.StructType:
		f.structType(t, inside)
		f.lastTok = token.RBRACE
	default:
		f.fail()
	}
}

// structType prints a struct whose braces are on lines of their own and
// whose fields are each on the line after the last one, of one name, a
// type on that line and a tag or none, with comments between them that
// are each one "// word" line (isWordComment: formatDocComment leaves
// one as it is), the comments formatSource leaves for the doc comments.
// The fields between comments are aligned as go/printer's tabwriter
// aligns them (fieldRun).
func (f *fast) structType(t *ast.StructType, inside []*ast.CommentGroup) {
	l := t.Fields
	if t.Incomplete || l == nil || len(l.List) == 0 || !l.Opening.IsValid() || !l.Closing.IsValid() ||
		f.line(l.Opening) == f.line(l.Closing) {
		f.fail() // (a struct on one line may be printed on one line)
		return
	}
	f.tok(t.Struct, "struct ")
	f.tok(l.Opening, "{")
	f.indent++
	ci := 0
	// comments prints the comments before pos, each on the next line
	comments := func(pos token.Pos) {
		for ; ci < len(inside) && inside[ci].Pos() < pos; ci++ {
			g := inside[ci]
			if len(g.List) != 1 || !isWordComment(g.List[0].Text) {
				f.fail()
				return
			}
			f.newlines(1)
			f.tok(g.Pos(), g.List[0].Text)
		}
	}
	list := l.List
	for i := 0; i < len(list) && f.ok; {
		comments(list[i].Pos())
		// the run of fields from i without comments between
		j := i + 1
		for j < len(list) && (ci == len(inside) || inside[ci].Pos() > list[j].Pos()) {
			j++
		}
		f.fieldRun(list[i:j])
		i = j
	}
	comments(l.Closing)
	if ci != len(inside) {
		f.fail()
	}
	f.indent--
	f.newlines(1)
	f.tok(l.Closing, "}")
}

// fieldRun prints fields on consecutive lines, the line after the last
// token's the first, each of one name, its type and its tag or none, as
// go/printer prints them: the name, a vertical tab, the type and, with a
// tag, two vertical tabs and the tag. Its tabwriter aligns the cells of
// consecutive lines in columns, padded to the widest cell (in runes)
// and a blank: every name, and the types of the consecutive fields with
// tags; the empty cell between a type and its tag is a column it
// discards (DiscardEmptyColumns).
func (f *fast) fieldRun(run []*ast.Field) {
	if !f.ok {
		return
	}
	// the types printed apart first, for their widths
	first := f.srcLine
	out, bol := f.out, f.bol
	f.out, f.bol, f.ends = f.scratch[:0], false, f.ends[:0]
	nameWidth := 0
	for _, fl := range run {
		f.srcLine++
		if len(fl.Names) != 1 || f.line(fl.Pos()) != f.srcLine {
			f.fail()
			break
		}
		if tag := fl.Tag; tag != nil && (tag.Kind != token.STRING || !plainLit(tag) || f.line(tag.ValuePos) != f.srcLine) {
			f.fail()
			break
		}
		if _, ok := fl.Type.(*ast.ParenExpr); ok {
			f.fail()
			break
		}
		f.expr(fl.Type)
		f.ends = append(f.ends, len(f.out))
		nameWidth = max(nameWidth, utf8.RuneCountInString(fl.Names[0].Name)+1)
	}
	f.scratch, f.out, f.bol = f.out, out, bol
	if !f.ok {
		return
	}
	f.srcLine = first
	typeWidth := 0 // of the tagged fields from k on, in the run of them
	for k, fl := range run {
		from := 0
		if k > 0 {
			from = f.ends[k-1]
		}
		typ := f.scratch[from:f.ends[k]]
		if fl.Tag != nil && (k == 0 || run[k-1].Tag == nil) {
			typeWidth = 0
			for m := k; m < len(run) && run[m].Tag != nil; m++ {
				a := 0
				if m > 0 {
					a = f.ends[m-1]
				}
				typeWidth = max(typeWidth, utf8.RuneCount(f.scratch[a:f.ends[m]])+1)
			}
		}
		f.newlines(1)
		name := fl.Names[0]
		f.ident(name)
		for range nameWidth - utf8.RuneCountInString(name.Name) {
			f.out = append(f.out, ' ')
		}
		f.out = append(f.out, typ...)
		if fl.Tag != nil {
			for range typeWidth - utf8.RuneCount(typ) {
				f.out = append(f.out, ' ')
			}
			f.tok(fl.Tag.ValuePos, fl.Tag.Value)
		}
	}
}
