package parser

import (
	"bytes"
	"errors"
	"io/fs"
	"net/http"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/graphdocgen/graphdocgen/internal/asciifold"
	"github.com/graphdocgen/graphdocgen/xgraph"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Section titles, normalised by normTitle.
func isHTTPRequestTitle(t string) bool {
	return t == "http request" || t == "http requests" || t == "http request syntax" ||
		strings.HasPrefix(t, "http request ") || strings.HasPrefix(t, "http request:")
}

func isHeadersTitle(t string) bool {
	return t == "request headers" || t == "request header" || t == "optional request headers" || t == "request headers (optional)"
}

func isQueryTitle(t string) bool {
	switch t {
	case "optional query parameters", "query parameters", "function parameters", "parameters",
		"optional query parameter", "query parameter", "optional request parameters", "request query parameters":
		return true
	}
	return false
}

func isBodyTitle(t string) bool { return t == "request body" }

func isResponseTitle(t string) bool { return t == "response" || t == "responses" }

func isPermissionsTitle(t string) bool { return t == "permissions" || t == "permission" }

func isExampleTitle(t string) bool { return strings.HasPrefix(t, "example") }

// endsHTTPMode reports a heading after which http blocks are no longer
// request syntax.
func endsHTTPMode(t string) bool {
	return isHeadersTitle(t) || isQueryTitle(t) || isBodyTitle(t) || isResponseTitle(t) ||
		isPermissionsTitle(t) || isExampleTitle(t)
}

// parseAPI reads the parts of an API page.
func parseAPI(s *source, root fs.FS, o *outline, p *Page, an *annotations) {
	parseRequests(s, o, p, an)
	var respSec, bodySec *section
	// A section's hasExample says an Example heading is among its
	// subsections so far: a "### Response" after a "### Example" in one
	// section is that example's (driveitem-search.md's second scenario),
	// not the page's Response section, which is an H2.
	for _, sec := range o.sections {
		sec.hasExample = false
	}
	for _, sec := range o.sections {
		t := sec.norm()
		if isExampleTitle(t) && sec.parent != nil {
			sec.parent.hasExample = true
		}
		switch {
		case isHeadersTitle(t) && p.Headers == nil:
			for _, tb := range s.tablesIn(o.region(sec)) {
				p.Headers = appendRows(p.Headers, s.headers(tb))
			}
		case isQueryTitle(t):
			parseQuery(s, o, sec, p)
		case isBodyTitle(t) && bodySec == nil && !sec.under(isExampleTitle):
			bodySec = sec
		case isResponseTitle(t) && respSec == nil && !sec.under(isExampleTitle) && !(sec.level >= 3 && sec.parent != nil && sec.parent.hasExample):
			respSec = sec
		case isPermissionsTitle(t) && !p.Permissions.Found:
			for _, tb := range s.tablesIn(o.region(sec)) {
				if s.permissionsFromTable(tb, &p.Permissions) {
					p.Permissions.Pos = s.blockPos(tb.node)
					break
				}
			}
		}
	}
	if !hasHeader(p.Headers, consistencyHeader) {
		if h, ok := proseConsistency(s, o); ok {
			p.Headers = append(p.Headers, h)
		}
	}
	if bodySec != nil {
		p.Body = parseBody(s, o, bodySec, p.Path)
	}
	if respSec != nil {
		p.Response = parseResponse(s, o, respSec, p.Path)
	}
	if len(p.Response.Statuses) == 0 {
		// no status in the Response section: the first response example's
		// status line documents it
		for _, ex := range p.Examples {
			if ex.BlockType == "response" && ex.Status != 0 {
				p.Response.Statuses = []int{ex.Status}
				if p.Response.Kind == RespUnknown && ex.Status == 204 {
					p.Response.Kind = RespNone
				}
				break
			}
		}
	}
	if p.Response.Kind == RespUnknown {
		// the first response example's annotation may name the type
		for _, ex := range p.Examples {
			if ex.BlockType == "response" && ex.ODataType != "" {
				p.Response.Type = TypeRef{Raw: ex.ODataType}
				p.Response.Annotated = true
				// "Collection(microsoft.graph.driveItem)" is a collection
				p.Response.Type.Name, p.Response.Type.Collection = splitCollection(ex.ODataType)
				if ex.IsCollection || p.Response.Type.Collection {
					p.Response.Kind = RespCollection
				} else {
					p.Response.Kind = RespObject
				}
				break
			}
		}
	}
	if !p.Permissions.Found {
		parsePermissionInclude(s, root, o, p, an)
	}
	if !p.Permissions.Found && p.Permissions.Include == "" {
		// a permissions table under another heading ("Prerequisites")
		for _, sec := range o.sections {
			if sec.under(isExampleTitle) {
				continue
			}
			for _, tb := range s.tablesIn([]*section{sec}) {
				if s.permissionsFromTable(tb, &p.Permissions) {
					p.Permissions.Pos = s.blockPos(tb.node)
					return
				}
			}
		}
	}
}

// parseRequests collects the http blocks under "HTTP request" headings and
// those in the sections that follow them up to the next request headers,
// query parameters, request body or response heading.
func parseRequests(s *source, o *outline, p *Page, an *annotations) {
	on := false
	for _, sec := range o.sections {
		t := sec.norm()
		switch {
		case isHTTPRequestTitle(t):
			on = true
		case endsHTTPMode(t):
			on = false
		}
		sec.requests = on
	}
	for _, b := range o.blocks {
		if !b.sec.requests {
			continue
		}
		fc, ok := b.node.(*ast.FencedCodeBlock)
		if !ok || !isHTTPLang(s.fenceLang(fc)) {
			continue
		}
		if _, bt := an.annotationOf(fc); bt == "response" {
			continue
		}
		lines := s.requestLines(fc)
		if len(lines) == 0 {
			continue
		}
		rs := RequestSection{Heading: b.sec.title, Lines: lines, Pos: s.blockPos(fc)}
		rs.Note = noteAbove(s, o, fc)
		p.Requests = append(p.Requests, rs)
	}
	if len(p.Requests) > 0 {
		return
	}
	// No "HTTP request" heading: the request syntax blocks are the http
	// blocks outside the examples that are not annotated as examples.
	for _, b := range o.blocks {
		if b.sec.under(isExampleTitle) || b.sec.under(isResponseTitle) {
			continue
		}
		fc, ok := b.node.(*ast.FencedCodeBlock)
		if !ok || !isHTTPLang(s.fenceLang(fc)) {
			continue
		}
		if _, bt := an.annotationOf(fc); bt == "response" || bt == "request" {
			continue
		}
		lines := s.requestLines(fc)
		if len(lines) == 0 {
			continue
		}
		rs := RequestSection{Heading: b.sec.title, Lines: lines, Pos: s.blockPos(fc)}
		rs.Note = noteAbove(s, o, fc)
		p.Requests = append(p.Requests, rs)
		s.warnf(rs.Pos, "http-request-without-heading", "request syntax block is not under an \"HTTP request\" heading")
	}
}

// noteAbove is the paragraph right above a block (annotation comments and
// tab headings between them skipped), if any in the same section.
func noteAbove(s *source, o *outline, n ast.Node) string {
	for i, b := range o.blocks {
		if b.node != n {
			continue
		}
		for j := i - 1; j >= 0 && o.blocks[j].sec == b.sec; j-- {
			switch pn := o.blocks[j].node.(type) {
			case *ast.HTMLBlock, *ast.Heading:
				continue
			case *ast.Paragraph:
				t := s.inlineText(pn)
				if strings.HasPrefix(t, "[!INCLUDE") {
					continue
				}
				return t
			}
			return ""
		}
		return ""
	}
	return ""
}

// headers reads a request headers table.
func (s *source) headers(t *table) []Header {
	nameCol := t.col("name", "header*", "request header*", "key")
	if nameCol < 0 {
		nameCol = 0
	}
	typeCol := t.col("type")
	descCol := t.col("description")
	valCol := t.col("value")
	if descCol < 0 {
		descCol = valCol
		valCol = -1
	}
	out := make([]Header, 0, len(t.rows))
	for r := range t.rows {
		name := cleanName(s.text(t, r, nameCol))
		if name == "" {
			continue
		}
		h := Header{Pos: t.rowPos[r]}
		n, v, ok := strings.Cut(name, ":")
		h.Name = strings.TrimSpace(n)
		if ok {
			h.Value = strings.TrimSpace(v)
		}
		if valCol >= 0 && h.Value == "" {
			h.Value = s.text(t, r, valCol)
		}
		h.Type = s.text(t, r, typeCol)
		h.Description = s.text(t, r, descCol)
		if h.Description == "" && len(strings.Fields(h.Type)) > 2 {
			// a row one cell short: its description sits in the type
			// column ("| ConsistencyLevel | eventual. This header and
			// $count are required when ... |")
			h.Description, h.Type = h.Type, ""
		}
		h.Required = isRequired(h.Description)
		if with, ok := requiredWith(h.Description); ok {
			h.Required, h.RequiredWith = false, with
		}
		if h.Value == "" {
			h.Value = leadingValue(h.Description)
		}
		out = append(out, h)
	}
	return out
}

// hasHeader reports whether hs has a row for the header name.
func hasHeader(hs []Header, name string) bool {
	for _, h := range hs {
		if strings.EqualFold(strings.TrimSpace(h.Name), name) {
			return true
		}
	}
	return false
}

// requiredWith reads a header description whose requirement depends on
// the query: the sentence that says "required when" (or "if", "for")
// lists the OData options that need the header ("This header and $count
// are required when using $search, or in specific usage of $filter").
// ok is false when no requirement is conditional; with holds the options
// of that sentence whose use alone needs the header ($search, $count).
func requiredWith(desc string) (with []string, ok bool) {
	if !asciifold.ContainsLower(desc, "required ") {
		return nil, false // no sentence says it (the phrase holds no ". ")
	}
	for _, sentence := range strings.SplitAfter(desc, ". ") {
		low := strings.ToLower(sentence)
		i := strings.Index(low, "required ")
		if i < 0 {
			continue
		}
		rest := low[i+len("required "):]
		if !strings.HasPrefix(rest, "when ") && !strings.HasPrefix(rest, "if ") && !strings.HasPrefix(rest, "for ") && !strings.HasPrefix(rest, "only ") {
			continue
		}
		for _, name := range reODataName.FindAllString(low, -1) {
			if (name == "$search" || name == "$count") && !contains(with, name) {
				with = append(with, name)
			}
		}
		return with, true
	}
	return nil, false
}

// leadingValue is the header value a description starts with: a first
// sentence of one lower-case token ("eventual. This header and ...",
// "return=minimal. Optional."), else "". A capitalised word ("Locale.",
// "eTag.") describes the value instead of giving it.
func leadingValue(desc string) string {
	first, _, ok := strings.Cut(strings.TrimSpace(desc), ".")
	if !ok || first == "" || strings.ContainsAny(first, " \t") {
		return ""
	}
	for _, r := range first {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '=' || r == '-' || r == '_') {
			return ""
		}
	}
	if first == "required" || first == "optional" {
		return ""
	}
	return first
}

var reODataName = regexp.MustCompile(`\$[a-zA-Z]+`)

// parseQuery reads an optional query parameters section: the OData
// sentence and parameter tables.
func parseQuery(s *source, o *outline, sec *section, p *Page) {
	if p.Query.Pos.Line == 0 {
		p.Query.Pos = sec.pos
	}
	for _, rs := range o.region(sec) {
		for _, b := range rs.blocks {
			switch n := b.(type) {
			case *ast.Paragraph:
				if !asciifold.ContainsLower(s.inlineBytes(n), "odata") {
					continue
				}
				t := s.inlineText(n)
				low := strings.ToLower(t)
				if strings.Contains(low, "not support") || strings.Contains(low, "doesn't support") || strings.Contains(low, "don't support") {
					continue
				}
				if !strings.Contains(low, "support") && !strings.Contains(low, "query parameter") {
					continue
				}
				p.Query.OData = true
				for _, name := range reODataName.FindAllString(t, -1) {
					name = strings.ToLower(name)
					if !contains(p.Query.ODataNames, name) {
						p.Query.ODataNames = append(p.Query.ODataNames, name)
					}
				}
			case *east.Table:
				tb := s.readTable(n)
				if len(tb.header) < 2 || !tb.isParamTable() {
					continue
				}
				p.Query.Params = appendRows(p.Query.Params, s.paramsFromTable(tb, p.Path))
			}
		}
	}
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// firstSentence returns the text up to the first ". " (or all of it).
func firstSentence(t string) string {
	if i := strings.Index(t, ". "); i >= 0 {
		return t[:i+1]
	}
	return t
}

// saysNoBody reports whether low, a lower-case paragraph with straight
// apostrophes, says not to supply a request body.
func saysNoBody(low string) bool {
	for _, p := range []string{"don't supply", "do not supply", "no request body", "not supply a request body",
		"don't provide a request body", "do not provide a request body",
		"doesn't require a request body", "does not require a request body"} {
		if strings.Contains(low, p) {
			return true
		}
	}
	return false
}

// mediaTypes are the top-level media types findContentType reads.
var mediaTypes = []string{"text/", "image/", "application/", "audio/", "video/"}

// findContentType returns the first media type written in t
// ("image/jpeg", "text/plain"), or "": a top-level type of mediaTypes
// starting a word, and a subtype of letters, digits and ".+-". It is the
// leftmost match of \b(?:text|image|application|audio|video)/[a-zA-Z0-9.+-]+
// (TestFindContentType), without the regular expression's cost on every
// paragraph of a request body section.
func findContentType(t string) string {
	if strings.IndexByte(t, '/') < 0 {
		return ""
	}
	for i := 0; i < len(t); i++ {
		if i > 0 && isWordByte(t[i-1]) {
			continue
		}
		for _, mt := range mediaTypes {
			if !strings.HasPrefix(t[i:], mt) {
				continue
			}
			j := i + len(mt)
			k := j
			for k < len(t) && (isLetter(t[k]) || isDigit(t[k]) || t[k] == '.' || t[k] == '+' || t[k] == '-') {
				k++
			}
			if k > j {
				return t[i:k]
			}
		}
	}
	return ""
}

// isWordByte reports an ASCII word character, as \b in a regular
// expression reads it (a byte of a non-ASCII rune is none).
func isWordByte(c byte) bool { return isLetter(c) || isDigit(c) || c == '_' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// parseBody reads the request body section.
func parseBody(s *source, o *outline, sec *section, pagePath string) RequestBody {
	rb := RequestBody{Pos: sec.pos}
	var resource *TypeRef
	stream := false
	for _, rs := range o.region(sec) {
		for _, b := range rs.blocks {
			switch n := b.(type) {
			case *ast.Paragraph:
				t := s.inlineText(n)
				if strings.HasPrefix(t, "[!INCLUDE") || strings.HasPrefix(t, "[!NOTE") {
					continue
				}
				if rb.Text == "" {
					rb.Text = firstSentence(t)
					rb.Pos = s.blockPos(n)
				}
				low := strings.ToLower(strings.ReplaceAll(t, "’", "'"))
				switch {
				case saysNoBody(low):
					if !rb.SaysNone {
						rb.SaysNone = true
						rb.NonePos = s.blockPos(n)
					}
				case resource == nil && strings.Contains(low, "json representation"):
					if dest, txt, ok := s.firstLink(n); ok && strings.HasSuffix(strings.SplitN(dest, "#", 2)[0], ".md") {
						tr := TypeRef{Name: txt, Link: resolveLink(pagePath, dest), Anchor: linkAnchor(dest), Raw: txt}
						tr.Name, tr.Collection = splitCollection(tr.Name)
						resource = &tr
					}
				case strings.Contains(low, "binary") || strings.Contains(low, "content of the file") ||
					strings.Contains(low, "stream") || strings.Contains(low, "contents of the file"):
					stream = true
				}
				if rb.ContentType == "" {
					if m := findContentType(t); m != "" && m != "application/json" {
						rb.ContentType = m
					}
				}
			case *east.Table:
				tb := s.readTable(n)
				if len(tb.header) < 2 {
					continue
				}
				rb.Params = appendRows(rb.Params, s.paramsFromTable(tb, pagePath))
			}
		}
	}
	switch {
	case resource != nil:
		rb.Kind = BodyResource
		rb.Type = *resource
	case len(rb.Params) > 0:
		rb.Kind = BodyParams
	case rb.SaysNone:
		rb.Kind = BodyNone
	case stream:
		rb.Kind = BodyStream
	}
	if rb.Kind != BodyStream {
		rb.ContentType = ""
	}
	return rb
}

// statusesIn returns the HTTP status codes written with their reason
// phrase ("200 OK", "`204 No Content`") in t.
func statusesIn(t string) []int {
	var out []int
	for _, m := range statusCandidates(t) {
		code, _ := strconv.Atoi(t[m : m+3])
		reason := http.StatusText(code)
		if reason == "" {
			continue
		}
		rest := strings.TrimLeft(t[m+3:], " ,\u00a0")
		if !startsWithReason(rest) {
			continue
		}
		out = append(out, code)
	}
	return out
}

// statusCandidates returns the offsets of the three-digit words of t whose
// first digit is 1 to 5: the matches of \b[1-5][0-9][0-9]\b
// (TestStatusCandidates), which do not overlap.
func statusCandidates(t string) []int {
	var out []int
	for i := 0; i+3 <= len(t); i++ {
		if t[i] < '1' || t[i] > '5' || !isDigit(t[i+1]) || !isDigit(t[i+2]) ||
			i > 0 && isWordByte(t[i-1]) || i+3 < len(t) && isWordByte(t[i+3]) {
			continue
		}
		out = append(out, i)
		i += 2
	}
	return out
}

// reasonWords are the first words of the HTTP reason phrases.
var reasonWords = func() map[string]bool {
	m := map[string]bool{}
	for c := 100; c < 600; c++ {
		if t := http.StatusText(c); t != "" {
			m[strings.ToLower(strings.Fields(t)[0])] = true
		}
	}
	return m
}()

// startsWithReason reports text that starts with a reason phrase's first
// word ("OK", "No Content", "Created"): "204 OK" is a slip the docs make
// and still names 204.
func startsWithReason(t string) bool {
	end := strings.IndexFunc(t, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-') })
	if end < 0 {
		end = len(t)
	}
	w := t[:end]
	return w != "" && (w[0] >= 'A' && w[0] <= 'Z') && reasonWords[strings.ToLower(w)]
}

var rePrimitive = regexp.MustCompile(`\b(?:an?|the|code and)\s+(Boolean|String|Int32|Int64|Int16|Double|Single|Decimal|DateTimeOffset|Guid|Duration|boolean|string|integer|Integer)\b`)

// parseResponse reads the response section.
func parseResponse(s *source, o *outline, sec *section, pagePath string) Response {
	r := Response{Pos: sec.pos}
	var statusPara ast.Node
	for _, rs := range o.region(sec) {
		for _, b := range rs.blocks {
			n, ok := b.(*ast.Paragraph)
			if !ok {
				continue
			}
			t := s.inlineText(n)
			codes := statusesIn(t)
			for _, c := range codes {
				if !containsInt(r.Statuses, c) {
					r.Statuses = append(r.Statuses, c)
				}
			}
			if len(codes) > 0 && statusPara == nil {
				statusPara = n
				r.Text = t
				r.Pos = s.blockPos(n)
			}
			if low := strings.ToLower(t); strings.Contains(low, "location header") || strings.Contains(low, "`location`") ||
				strings.Contains(low, "location url") || strings.Contains(low, "in the location") {
				r.Location = true
			}
		}
	}
	if statusPara == nil {
		// no status written: the first paragraph naming a type still tells
		// what comes back
		for _, rs := range o.region(sec) {
			for _, b := range rs.blocks {
				if n, ok := b.(*ast.Paragraph); ok && statusPara == nil {
					if dest, _, ok := s.firstLink(n); ok && isTypeLink(dest) {
						statusPara = n
						r.Text = s.inlineText(n)
						r.Pos = s.blockPos(n)
					}
				}
			}
		}
		if statusPara == nil {
			return r
		}
	}
	s.classifyResponse(&r, statusPara, pagePath)
	if r.Kind == RespUnknown {
		// the status paragraph names no type; a later paragraph without a
		// status of its own may ("If you're getting the properties of an
		// attachment, the response body includes an [attachment] object":
		// attachment-get.md, whose examples annotate its derived types)
		s.typeFromLater(&r, o, sec, statusPara, pagePath)
	}
	// A page that documents both a stream and its metadata (GET
	// /me/photo/$value and GET /me/photo) says so in two paragraphs: the
	// other kind is Alt.
	for _, rs := range o.region(sec) {
		for _, b := range rs.blocks {
			n, ok := b.(*ast.Paragraph)
			if !ok || ast.Node(n) == statusPara || r.Alt != nil {
				continue
			}
			t := s.inlineText(n)
			codes := statusesIn(t)
			if len(codes) == 0 {
				continue
			}
			alt := Response{Statuses: codes, Text: t, Pos: s.blockPos(n)}
			s.classifyResponse(&alt, n, pagePath)
			switch alt.Kind {
			case RespObject, RespCollection, RespStream:
				if (alt.Kind == RespStream) != (r.Kind == RespStream) && r.Kind != RespNone {
					r.Alt = &alt
				}
			}
		}
	}
	return r
}

// typeFromLater sets r's Kind and Type from the first paragraph of the
// Response section after statusPara that names no status and links a
// type as what the body holds ("includes an [x] object", see namesBody),
// when that paragraph reads as one object or a collection of them. A
// link in another role ("the requested instance, expanded with the
// matching [x]"; "a resource other than [group post]") names no body.
func (s *source) typeFromLater(r *Response, o *outline, sec *section, statusPara ast.Node, pagePath string) {
	after := false
	for _, rs := range o.region(sec) {
		for _, b := range rs.blocks {
			n, ok := b.(*ast.Paragraph)
			if !ok {
				continue
			}
			if ast.Node(n) == statusPara {
				after = true
				continue
			}
			if !after {
				continue
			}
			t := s.inlineText(n)
			if len(statusesIn(t)) > 0 {
				continue
			}
			_, _, before, _, ok := s.responseType(n)
			if !ok || !namesBody(before) {
				continue
			}
			alt := Response{Statuses: r.Statuses, Text: t}
			s.classifyResponse(&alt, n, pagePath)
			if alt.Kind == RespObject || alt.Kind == RespCollection {
				r.Kind, r.Type = alt.Kind, alt.Type
			}
			return
		}
	}
}

// namesBody reports text before a link that makes the link what the
// response holds: it ends on "includes", "contains" or "returns" (also
// "include", "contain", "return"), then an article and "collection of"
// or "list of" if any.
func namesBody(before string) bool {
	w := strings.Fields(strings.ToLower(before))
	if n := len(w); n >= 2 && w[n-1] == "of" && (w[n-2] == "collection" || w[n-2] == "list") {
		w = w[:n-2]
	}
	if n := len(w); n >= 1 && (w[n-1] == "a" || w[n-1] == "an" || w[n-1] == "the") {
		w = w[:n-1]
	}
	if len(w) == 0 {
		return false
	}
	switch w[len(w)-1] {
	case "includes", "include", "contains", "contain", "returns", "return":
		return true
	}
	return false
}

// classifyResponse sets r's Kind and Type from its status paragraph.
func (s *source) classifyResponse(r *Response, statusPara ast.Node, pagePath string) {
	t := r.Text
	low := strings.ToLower(t)
	first := 0
	if len(r.Statuses) > 0 {
		first = r.Statuses[0]
	}
	switch {
	case first == 204 || strings.Contains(low, "doesn't return anything") || strings.Contains(low, "does not return anything") ||
		strings.Contains(low, "no response body") || strings.Contains(low, "empty response body"):
		r.Kind = RespNone
	case first >= 300 && first < 400:
		r.Kind = RespRedirect
		r.Location = true
	default:
		if dest, txt, before, after, ok := s.responseType(statusPara); ok {
			tr := TypeRef{Name: txt, Link: resolveLink(pagePath, dest), Anchor: linkAnchor(dest), Raw: txt}
			tr.Name, tr.Collection = splitCollection(tr.Name)
			before, after = strings.ToLower(before), strings.ToLower(after)
			// "a collection of one [organization] object", "a collection
			// of the [approvalStep] objects", "a collection of derivatives
			// of [actionResultPart]": still a collection
			for _, w := range []string{" one", " the", " derivatives of"} {
				if b := strings.TrimSpace(before); strings.HasSuffix(b, "collection of"+w) {
					before = strings.TrimSuffix(b, w)
				}
			}
			if tr.Collection || strings.HasSuffix(strings.TrimSpace(before), "collection of") ||
				strings.HasPrefix(strings.TrimSpace(after), "collection") || strings.HasPrefix(strings.TrimSpace(after), "objects") ||
				strings.HasPrefix(strings.TrimSpace(after), "resources") || strings.HasPrefix(strings.TrimSpace(after), "entities") ||
				strings.HasSuffix(strings.TrimSpace(before), "list of") || strings.HasSuffix(strings.TrimSpace(before), "array of") {
				r.Kind = RespCollection
				tr.Collection = true
			} else {
				r.Kind = RespObject
			}
			r.Type = tr
		} else if m := rePrimitive.FindStringSubmatchIndex(t); m != nil {
			word := t[m[2]:m[3]]
			r.Kind = RespPrimitive
			r.Type = TypeRef{Name: primitiveName(word), Raw: word}
			if r.Type.Name == "" {
				r.Type.Name = word
			}
			// "a String collection": an array of strings
			if rest := strings.ToLower(strings.TrimSpace(t[m[1]:])); strings.HasPrefix(rest, "collection") {
				r.Type.Collection = true
				r.Type.Raw = word + " collection"
			}
		} else if strings.Contains(low, "stream") || strings.Contains(low, "binary") || strings.Contains(low, "contents of the file") || strings.Contains(low, "content of the file") {
			r.Kind = RespStream
		} else if first == 202 {
			r.Kind = RespNone
		}
	}
}

// responseType finds the type a Response paragraph names: its first link
// to a type page (see isTypeLink) that is not a pointer to more reading
// (the security pages name their type in bold and end on "see [the
// error codes page](../resources/security-error-codes.md)": no type; the
// example's annotation may name it).
//
// before and after are the paragraph's text around the link's node.
func (s *source) responseType(para ast.Node) (dest, txt, before, after string, ok bool) {
	var b textBuf // the paragraph's text up to the node
	for c := para.FirstChild(); c != nil; c = c.NextSibling() {
		if d, t, isLink := s.firstLink(c); isLink {
			// a link, or one inside emphasis
			if isTypeLink(d) && !pointsFurther(b.b) {
				return d, t, b.String(), s.textAfter(c), true
			}
		}
		s.writeNode(&b, c)
	}
	return "", "", "", "", false
}

// pointsFurther reports text whose last sentence leads to a link for more
// reading: "For more information, see", "see also", "refer to".
//
// before is read in place; only text that is not all ASCII is lowered
// into a string.
func pointsFurther(before []byte) bool {
	if !asciifold.IsASCII(before) {
		low := strings.ToLower(string(before))
		if i := strings.LastIndexAny(low, ".!?"); i >= 0 {
			low = low[i+1:]
		}
		low = strings.TrimSpace(low)
		return strings.HasSuffix(low, "see") || strings.HasSuffix(low, "see also") || strings.HasSuffix(low, "refer to") ||
			strings.HasPrefix(low, "for more information") || strings.HasPrefix(low, "for details")
	}
	t := before // compared in lower case
	if i := bytes.LastIndexAny(t, ".!?"); i >= 0 {
		t = t[i+1:]
	}
	t = bytes.TrimSpace(t)
	suffix := func(suf string) bool {
		return len(t) >= len(suf) && asciifold.IndexLowerASCII(t[len(t)-len(suf):], suf) == 0
	}
	prefix := func(pre string) bool {
		return len(t) >= len(pre) && asciifold.IndexLowerASCII(t[:len(pre)], pre) == 0
	}
	return suffix("see") || suffix("see also") || suffix("refer to") || prefix("for more information") || prefix("for details")
}

// textAfter is the text of the inline nodes after n in its paragraph.
func (s *source) textAfter(n ast.Node) string {
	var b textBuf
	for c := n.NextSibling(); c != nil; c = c.NextSibling() {
		s.writeNode(&b, c)
	}
	return b.String()
}

// isTypeLink reports a link to a docs page of a type (a .md page).
func isTypeLink(dest string) bool {
	d := strings.SplitN(dest, "#", 2)[0]
	return strings.HasSuffix(d, ".md") && !strings.Contains(d, "://") && !strings.HasPrefix(d, "/")
}

func containsInt(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// isPermissionName reports a dotted scope name ("Mail.Read",
// "User.ReadBasic.All"): a letter, then letters, digits, '_' and '-' in
// two or more parts joined by single dots. It says what
// ^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+$ says (TestIsPermissionName).
func isPermissionName(w string) bool {
	if w == "" || !isLetter(w[0]) {
		return false
	}
	dots := 0
	for i := 1; i < len(w); i++ {
		switch c := w[i]; {
		case c == '.':
			if w[i-1] == '.' {
				return false
			}
			dots++
		case !isLetter(c) && !isDigit(c) && c != '_' && c != '-':
			return false
		}
	}
	return dots > 0 && w[len(w)-1] != '.'
}

// permissionAlternatives reads a permissions cell as alternatives, least
// privileged first; "Not supported." and "Not available." give none.
//
// The grammar is the docs' own: a comma, a semicolon or "or" separates
// alternatives, "and" (also "plus", "&", "+") joins the scopes of one
// alternative, so "Mail.Read and Mail.Send, Mail.ReadWrite" is two
// alternatives, the first needing both scopes. "and" binds only its two
// neighbours: "A, B and C" is A, or B with C (the docs write the pairs
// out when they mean A with C or B with C), and a comma before "and"
// ("A, B, and C") does not separate. Other words are skipped.
func permissionAlternatives(cell string) xgraph.Alternatives {
	var out xgraph.Alternatives
	var cur xgraph.Alternative
	join := false
	flush := func() {
		if len(cur) > 0 && out.Index(cur) < 0 {
			out = append(out, cur)
		}
		cur = nil
	}
	word := func(w string) {
		w = strings.Trim(w, ".*`()")
		switch {
		case asciifold.EqualLower(w, "and") || asciifold.EqualLower(w, "plus") || w == "&" || w == "+":
			join = len(cur) > 0
			return
		case asciifold.EqualLower(w, "or"):
			join = false
			return
		case asciifold.EqualLower(w, "openid") || asciifold.EqualLower(w, "profile") || asciifold.EqualLower(w, "email") || asciifold.EqualLower(w, "offline_access"):
		case !isPermissionName(w):
			return
		}
		switch {
		case join && !slices.Contains(cur, w):
			cur = append(cur, w)
		case !join:
			flush()
			cur = xgraph.Alternative{w}
		}
		join = false
	}
	for part := range strings.FieldsFuncSeq(cell, func(r rune) bool { return r == ',' || r == ';' }) {
		join = false
		for w := range strings.FieldsFuncSeq(part, func(r rune) bool { return r == ' ' || r == '\t' || r == '\u00a0' }) {
			word(w)
		}
	}
	flush()
	return out
}

// addAlternatives appends the alternatives of add that dst lacks. add
// holds no alternative twice (as permissionAlternatives and this function
// make their lists): an empty dst becomes add, without a copy.
func addAlternatives(dst *xgraph.Alternatives, add xgraph.Alternatives) {
	if len(*dst) == 0 && len(add) > 0 {
		*dst = add
		return
	}
	for _, a := range add {
		if dst.Index(a) < 0 {
			*dst = append(*dst, a)
		}
	}
}

// permissionsFromTable reads a permissions table into perm; false when the
// table is not one.
func (s *source) permissionsFromTable(t *table, perm *Permissions) bool {
	if found := s.permissionsByColumn(t, perm); found {
		return true
	}
	if len(t.header) < 2 || !strings.Contains(t.header[0], "permission") && !strings.Contains(t.header[0], "type") {
		return false
	}
	found := false
	for r := range t.rows {
		kind := s.text(t, r, 0) // compared in lower case
		alts := xgraph.Alternatives{}
		for c := 1; c < len(t.rows[r]); c++ {
			addAlternatives(&alts, permissionAlternatives(s.text(t, r, c)))
		}
		switch {
		case asciifold.ContainsLower(kind, "work or school") || asciifold.ContainsLower(kind, "work/school") || asciifold.EqualLower(kind, "delegated"):
			addAlternatives(&perm.DelegatedWork, alts)
			found = true
		case asciifold.ContainsLower(kind, "personal") || asciifold.ContainsLower(kind, "microsoft account"):
			addAlternatives(&perm.DelegatedPersonal, alts)
			found = true
		case asciifold.ContainsLower(kind, "application"):
			addAlternatives(&perm.Application, alts)
			found = true
		}
	}
	if found {
		perm.Found = true
		perm.nonNil()
	}
	return found
}

// parsePermissionInclude finds the [!INCLUDE [permissions-table](...)]
// line of the page and reads the table from the included file. An include
// that cannot be read is a warning, for a page given by name as in a tree
// (real checkouts lack some): the operation has no permissions.
func parsePermissionInclude(s *source, root fs.FS, o *outline, p *Page, an *annotations) {
	for _, b := range o.blocks {
		para, ok := b.node.(*ast.Paragraph)
		if !ok {
			continue
		}
		if t := s.inlineBytes(para); !asciifold.HasPrefixUpperOf(t, "[!INCLUDE") {
			continue
		}
		dest, txt, ok := s.firstLink(para)
		if !ok {
			continue
		}
		_, bt := an.annotationOf(para)
		if bt != "permissions" && !strings.EqualFold(strings.TrimSpace(txt), "permissions-table") {
			continue
		}
		pos := s.blockPos(para)
		inc := resolveLink(p.Path, dest)
		p.Permissions.Include = inc
		p.Permissions.Pos = pos
		if root == nil {
			s.warnf(pos, "missing-include", "permissions include %s cannot be read: no docs root; the operation has no permissions", inc)
			return
		}
		data, err := fs.ReadFile(root, inc)
		if err != nil {
			if err = unwrapPathErr(err); errors.Is(err, fs.ErrNotExist) {
				s.warnf(pos, "missing-include", "permissions include %s not found; the operation has no permissions", inc)
			} else {
				s.warnf(pos, "missing-include", "permissions include %s cannot be read: %v; the operation has no permissions", inc, err)
			}
			return
		}
		data = stripBOM(data)
		if off, msg, rule, ok := guard(data); !ok {
			s.warnf(pos, rule, "permissions include %s (%s) %s; the operation has no permissions", inc, posAt(path.Join(path.Dir(s.path), dest), data, off), msg)
			return
		}
		is := newSource(path.Join(path.Dir(s.path), dest), data)
		found := false
		_ = ast.Walk(is.doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if tn, ok := n.(*east.Table); ok && entering && !found {
				found = is.permissionsFromTable(is.readTable(tn), &p.Permissions)
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		})
		if !found {
			s.warnf(pos, "no-permissions-table", "permissions include %s has no permissions table", inc)
		}
		return
	}
}

// permissionsByColumn reads a table with one column per permission type
// and one row per resource ("Supported resource | Delegated (work or
// school account) | Delegated (personal Microsoft account) |
// Application"): each list is the union of its column, in row order.
func (s *source) permissionsByColumn(t *table, perm *Permissions) bool {
	cols := map[int]*xgraph.Alternatives{}
	for i, h := range t.header {
		switch {
		case strings.Contains(h, "work or school"):
			cols[i] = &perm.DelegatedWork
		case strings.Contains(h, "personal"):
			cols[i] = &perm.DelegatedPersonal
		case strings.Contains(h, "application"):
			cols[i] = &perm.Application
		}
	}
	if len(cols) < 2 {
		return false
	}
	for r := range t.rows {
		for c := 0; c < len(t.header); c++ {
			if dst, ok := cols[c]; ok {
				addAlternatives(dst, permissionAlternatives(s.text(t, r, c)))
			}
		}
	}
	perm.Found = true
	perm.nonNil()
	return true
}
