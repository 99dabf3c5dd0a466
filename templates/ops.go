package templates

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/graphdocgen/graphdocgen/graphpath"
)

// This file emits the operations: one method on *Client per operation,
// and the optional parameters structs.

// urlPart is one run of a path or of a fixed query value: fixed text, or
// an argument spelled by a runtime function (fn, "" for the value as it
// is). cutPath and queryParts cut them with the path model
// (graphpath.Pieces); the method's code (pathExpr, queryExpr) and its
// generated test's expectations (expectedPath, expectedQuery) are both
// made from them, so they cannot disagree.
type urlPart struct {
	text string
	arg  *argInfo
	fn   string
}

// pathArgFunc is the runtime function that spells a path placeholder in
// its place: quoteArg inside '...' (an OData string), literalArg for a
// function's or key's argument without quotes (one OData literal),
// pathEscape otherwise (a whole segment, an item path).
func pathArgFunc(pc graphpath.Piece) string {
	switch {
	case pc.Quote == '\'':
		return "quoteArg"
	case pc.InParens && pc.Quote == 0:
		return "literalArg"
	}
	return "pathEscape"
}

// escapeLiteral percent-encodes the bytes of a path's fixed text that a
// URL path cannot hold as they are: non-ASCII ("Données" is
// "Donn%C3%A9es"), controls, blanks and " # < > ? \ ^ ` { | }, and a '%'
// that starts no escape. The rest, OData's ( ) ' = , : $ @ among it,
// stays. A path with a raw non-ASCII byte would lose the escaping of its
// arguments: net/url keeps a request's path as written only when all of
// it is validly escaped, and re-escapes it from the decoded form
// otherwise, so an ID's "%2F" would reach the server as a '/'.
func escapeLiteral(s string) string {
	const hex = "0123456789ABCDEF"
	isHex := func(c byte) bool { return strings.IndexByte(hex, c) >= 0 || c >= 'a' && c <= 'f' }
	escape := func(i int) bool {
		c := s[i]
		return c >= 0x80 || c <= ' ' || c == 0x7f || strings.IndexByte("\"#<>?\\^`{|}", c) >= 0 ||
			c == '%' && !(i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]))
	}
	// most text needs no escape: s itself, without a copy
	i := 0
	for i < len(s) && !escape(i) {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		if escape(i) {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// cutPath cuts the path into fixed text and path arguments (buildOp
// keeps them in o.pathParts, which the method and its tests read).
func (o *opInfo) cutPath() []urlPart {
	var parts []urlPart
	argFor := func(name string) *argInfo {
		// a name used twice in one path maps to distinct args in order:
		// the one after those the parts so far have
		used := 0
		for _, p := range parts {
			if p.arg != nil && p.arg.name == name {
				used++
			}
		}
		n := 0
		var first *argInfo
		for _, a := range o.pathArgs {
			if a.name != name {
				continue
			}
			if first == nil {
				first = a
			}
			if n == used {
				return a
			}
			n++
		}
		return first
	}
	// the text since the last argument, made a part's string once (adding
	// each piece to the part's string made a string per piece)
	var arr [128]byte
	pend := arr[:0]
	flush := func() {
		if len(pend) > 0 {
			parts = append(parts, urlPart{text: string(pend)})
			pend = pend[:0]
		}
	}
	for _, seg := range o.segs {
		pend = append(pend, '/')
		if strings.IndexByte(seg.raw, '{') < 0 {
			// no placeholder: the one piece Pieces would give
			pend = append(pend, escapeLiteral(seg.raw)...)
			continue
		}
		for _, pc := range graphpath.Pieces(seg.raw) {
			if pc.Placeholder == "" {
				pend = append(pend, escapeLiteral(pc.Text)...)
				continue
			}
			if a := argFor(pc.Placeholder); a != nil {
				flush()
				parts = append(parts, urlPart{arg: a, fn: pathArgFunc(pc)})
			}
		}
	}
	flush()
	if len(parts) == 0 {
		return []urlPart{{text: "/"}}
	}
	return parts
}

// odataExprOptions are the query options whose value is an OData
// expression: a placeholder in one is a literal of the expression.
var odataExprOptions = map[string]bool{"$filter": true, "$expand": true, "$orderby": true, "$search": true, "$apply": true, "$compute": true}

// queryArgFunc is the runtime function that spells a placeholder of a
// fixed query value in its place: inside '...' odataString, inside "..."
// odataPhrase, elsewhere inside an expression (an expression option's
// value that is more than the placeholder, or parentheses) odataLiteral,
// else the value as it is (a whole value such as
// "startDateTime={start_datetime}"). url.Values percent-encodes the
// result.
func queryArgFunc(key string, pc graphpath.Piece, whole bool) string {
	switch {
	case pc.Quote == '\'':
		return "odataString"
	case pc.Quote == '"':
		return "odataPhrase"
	case !whole && (pc.InParens || odataExprOptions[strings.ToLower(key)]):
		return "odataLiteral"
	}
	return ""
}

// fixedArg is the query argument that fills placeholder ph of the fixed
// query key k.
func (o *opInfo) fixedArg(k, ph string) *argInfo {
	for _, a := range o.queryArgs {
		if a.name == k && a.placeholder == ph {
			return a
		}
	}
	for _, a := range o.queryArgs {
		if a.name == ph && a.placeholder == "" {
			return a
		}
	}
	for _, a := range o.queryArgs {
		if a.name == k && a.placeholder == "" {
			return a
		}
	}
	return nil
}

// queryParts cuts the fixed query value v of key k into fixed text and
// query arguments; a placeholder no argument fills stays as written.
func (o *opInfo) queryParts(k, v string) []urlPart {
	pieces := graphpath.Pieces(v)
	whole := len(pieces) == 1 && pieces[0].Placeholder != ""
	var parts []urlPart
	for _, pc := range pieces {
		if pc.Placeholder == "" {
			parts = append(parts, urlPart{text: pc.Text})
			continue
		}
		a := o.fixedArg(k, pc.Placeholder)
		if a == nil {
			parts = append(parts, urlPart{text: "{" + pc.Placeholder + "}"})
			continue
		}
		parts = append(parts, urlPart{arg: a, fn: queryArgFunc(k, pc, whole)})
	}
	if len(parts) == 0 {
		parts = append(parts, urlPart{text: ""})
	}
	return parts
}

// concat is the string expression of parts, each argument spelled by
// value and its function.
func concat(parts []urlPart, value func(*argInfo) jen.Code) jen.Code {
	// one statement of the parts and the "+" between them
	expr := make(jen.Statement, 0, 2*len(parts))
	for i, p := range parts {
		var c jen.Code
		if p.arg != nil {
			c = value(p.arg)
			if p.fn != "" {
				c = jen.Add(ident(p.fn)).Call(c)
			}
		} else {
			c = lit(p.text)
		}
		if i > 0 {
			expr = append(expr, sharedPlus)
		}
		expr = append(expr, c)
	}
	return &expr
}

// sameParts reports whether a and b are spelled by the same expression
// (concat with the arguments' Go names).
func sameParts(a, b []urlPart) bool {
	return slices.EqualFunc(a, b, func(x, y urlPart) bool {
		if x.text != y.text || x.fn != y.fn || (x.arg == nil) != (y.arg == nil) {
			return false
		}
		return x.arg == nil || x.arg.goName == y.arg.goName
	})
}

// pathExpr builds the escaped path as a string expression (pathParts).
func (o *opInfo) pathExpr() jen.Code {
	return concat(o.pathParts, func(a *argInfo) jen.Code { return jen.Id(a.goName) })
}

// argValue is a required query argument spelled as a string.
func argValue(a *argInfo) jen.Code {
	if a.typ.kind == tString {
		return jen.Id(a.goName)
	}
	if a.typ.kind == tSlice {
		return jen.Add(ident("formatList")).Call(jen.Id(a.goName))
	}
	return jen.Add(ident("formatValue")).Call(jen.Id(a.goName))
}

// queryExpr is the url.Values literal of the fixed query and the required
// query parameters, or nil.
func (o *opInfo) queryExpr() jen.Code {
	if len(o.fixedQuery) == 0 && len(o.queryArgs) == 0 {
		return nil
	}
	done := map[*argInfo]bool{}
	var items []jen.Code
	for _, kv := range o.fixedQuery {
		parts := o.queryParts(kv[0], kv[1])
		for _, p := range parts {
			if p.arg != nil {
				done[p.arg] = true
			}
		}
		items = append(items, lit(kv[0]).Op(":").Values(concat(parts, argValue)))
	}
	for _, a := range o.queryArgs {
		if !done[a] {
			items = append(items, lit(a.name).Op(":").Values(argValue(a)))
		}
	}
	return jen.Qual(urlPkg, "Values").Values(items...)
}

// sharedPathParams are the operations' path parameters, "name string":
// v1.0's 3,159 operations have 5,286 of 294 names.
var sharedPathParams codeMemo

// pathParam is the path parameter name string, the shared one.
func pathParam(name string) jen.Code {
	return sharedPathParams.get([]byte(name), func() jen.Code { return jen.Id(name).Add(sharedTypes[tString]) })
}

// signature is the method's parameter list.
func (o *opInfo) signature() []jen.Code {
	ps := make([]jen.Code, 0, 4+len(o.pathArgs)+len(o.queryArgs))
	ps = append(ps, sharedCtxParam)
	for _, a := range o.pathArgs {
		ps = append(ps, pathParam(a.goName))
	}
	for _, a := range o.queryArgs {
		ps = append(ps, jen.Id(a.goName).Add(a.typ.code()))
	}
	switch o.body {
	case bJSON:
		if o.bodyType.kind == tModel {
			ps = append(ps, jen.Add(sharedBodyPtr, o.bodyType.code()))
		} else {
			ps = append(ps, jen.Id("body").Add(o.bodyType.code()))
		}
	case bStream:
		ps = append(ps, sharedReaderParam)
	}
	if o.params != nil {
		ps = append(ps, jen.Add(sharedParamsPtr).Id(o.params.goName))
	}
	// per-call options: headers, query parameters, retries, the raw response
	ps = append(ps, sharedOptsParam)
	return ps
}

// results is the method's result list.
func (o *opInfo) results() []jen.Code {
	switch o.result {
	case rObject:
		return []jen.Code{jen.Op("*").Add(o.resultType.code()), sharedError}
	case rValue:
		return []jen.Code{o.resultType.code(), sharedError}
	case rStream:
		return []jen.Code{jen.Qual(ioPkg, "ReadCloser"), sharedError}
	case rLocation:
		return []jen.Code{jen.Op("*").Qual(urlPkg, "URL"), sharedError}
	}
	return []jen.Code{sharedError}
}

var accountLabels = map[string]string{
	"delegatedWork":     "Delegated (work or school account)",
	"delegatedPersonal": "Delegated (personal Microsoft account)",
	"application":       "Application",
}

// accountLabel is how the doc comment names an account type.
func accountLabel(account string) string {
	if l, ok := accountLabels[account]; ok {
		return l
	}
	return account
}

// writeDoc writes the method's doc comment to w.
func (o *opInfo) writeDoc(w *commentWriter) {
	if summary := strings.TrimSpace(o.summary); summary != "" {
		w.wrap(fmt.Sprintf("%s calls %q.", o.goName, summary), 76)
	} else {
		w.line(fmt.Sprintf("%s calls %s %s.", o.goName, o.method, o.path))
	}
	if d := strings.TrimSpace(o.description); d != "" {
		w.line("")
		w.wrap(d, 76)
	}
	w.line("")
	w.begin()
	w.str("HTTP: ")
	w.str(o.method)
	w.char(' ')
	w.str(o.path)
	for i, kv := range o.fixedQuery {
		if i == 0 {
			w.char('?')
		} else {
			w.char('&')
		}
		w.str(kv[0])
		w.char('=')
		w.str(kv[1])
	}
	if o.perms != nil {
		w.line("")
		w.line("Permissions (least privileged first; \"A and B\" needs both):")
		w.line("")
		for _, sc := range o.perms.Schemes() {
			v := sc.Alternatives.String()
			if len(sc.Alternatives) == 0 {
				v = "not supported"
			}
			w.begin()
			w.str("  - ")
			w.str(accountLabel(sc.Account))
			w.str(": ")
			w.str(v)
		}
	}
	switch o.result {
	case rLocation:
		w.line("")
		w.line(fmt.Sprintf("It returns the Location of the %d response.", o.status))
	case rStream:
		w.line("")
		if o.redirects() {
			w.line(fmt.Sprintf("The service answers %d with a pre-authenticated download URL, or 200", o.status))
			w.line("with the content; either way the returned body streams the content,")
			w.line("fetched from the download URL without the bearer token.")
			w.line("WithRedirectURL returns the URL instead. The caller closes the body.")
		} else {
			w.line("The caller closes the returned body.")
		}
	}
	if o.source != "" {
		w.line("")
		w.begin()
		w.str("Docs: ")
		w.str(o.source)
	}
}

// emitOp adds the method of o to g; path is o.pathExpr().
func (o *opInfo) emitOp(g *jen.Group, path jen.Code) {
	var doc commentWriter
	o.writeDoc(&doc)
	doc.add(g)
	fields := append(make([]keyed, 0, 8),
		field("method", methodLit(o.method)),
		field("path", path),
		field("opts", ident("opts")),
	)
	if q := o.queryExpr(); q != nil {
		fields = append(fields, field("query", q))
	}
	switch o.body {
	case bJSON:
		fields = append(fields, field("body", ident("body")), field("contentType", mediaLit(o.bodyMedia)))
	case bStream:
		fields = append(fields, field("rawBody", ident("body")), field("contentType", lit(o.bodyMedia)))
	}
	if o.result == rLocation && o.status >= 300 {
		fields = append(fields, field("noRedirect", jen.True()))
	}
	body := make([]jen.Code, 0, 3)
	body = append(body, jen.Add(sharedNewRequest, keyedValues(fields)))
	if o.params != nil {
		body = append(body, sharedParamsApply)
	}
	call := sharedInvokeArgs
	switch o.result {
	case rObject:
		body = append(body, jen.Return(jen.Id("invoke").Types(o.resultType.code()).Add(sharedInvokeCall)))
	case rValue:
		body = append(body, jen.Return(jen.Id("invokeValue").Types(o.resultType.code()).Add(sharedInvokeCall)))
	case rStream:
		body = append(body, sharedReturnStream)
	case rLocation:
		body = append(body, jen.Return(jen.Id("invokeLocation").Call(append(slices.Clip(call), intLit(o.status))...)))
	default:
		body = append(body, sharedReturnNone)
	}
	g.Add(sharedFuncClient).Id(o.goName).Params(o.signature()...).Params(o.results()...).Block(body...)
	g.Line()
}

// paramType is the declared type of an optional parameter field.
func (f *paramField) paramType() jen.Code {
	if f.opt {
		if c, ok := sharedOptionals[f.typ.kind]; ok {
			return c
		}
		return jen.Id("Optional").Types(f.typ.code())
	}
	return f.typ.code()
}

// setter is the statement that applies f to r (newSetter), shared by the
// params structs with the same parameter (sharedRepeats): it is made of
// where f goes, its names, its kind and whether it is optional.
func (f *paramField) setter() jen.Code {
	var arr [128]byte
	key := append(arr[:0], "setter\x00"...)
	key = append(append(append(key, f.in...), 0), f.name...)
	key = append(append(key, 0), f.goName...)
	key = strconv.AppendInt(append(key, 0), int64(f.typ.kind), 10)
	key = strconv.AppendBool(append(key, 0), f.opt)
	return repeated(key, f.newSetter)
}

// newSetter builds the statement that applies f to r.
func (f *paramField) newSetter() jen.Code {
	fn := "queryValue"
	if f.in == "header" {
		fn = "headerValue"
	}
	v := jen.Add(sharedIdP).Dot(f.goName)
	var val jen.Code
	switch {
	case f.opt:
		val = jen.Add(ident("formatOptional")).Call(v)
	case f.typ.kind == tSlice:
		val = jen.Add(ident("formatList")).Call(v)
	case f.typ.kind == tBool:
		val = jen.Add(ident("formatBool")).Call(v)
	case f.typ.kind == tString:
		val = v
	case f.typ.kind == tEnum || f.typ.kind == tDuration:
		val = jen.String().Call(v)
	default:
		val = jen.Add(ident("formatValue")).Call(v)
	}
	name := f.name
	if f.in == "header" {
		name = http.CanonicalHeaderKey(name)
	}
	return jen.Add(ident(fn)).Call(sharedIdR, lit(name), val)
}

var odataDocs = map[string]string{
	"$select":  "lists the properties to return ($select).",
	"$expand":  "lists the relationships to expand ($expand).",
	"$filter":  "filters the results ($filter).",
	"$orderby": "orders the results ($orderby).",
	"$search":  "searches the results ($search).",
	"$top":     "sets the page size ($top).",
	"$skip":    "skips the first results ($skip).",
	"$count":   "asks for the total count ($count).",
}

// emitParams adds a params struct and its apply method to g.
func (ps *paramsStruct) emit(g *jen.Group) {
	lines := docLines(fmt.Sprintf("%s are the optional parameters of %s. A nil pointer sends none.", ps.goName, strings.Join(ps.users, ", ")), 76)
	comment(g, lines...)
	g.Type().Id(ps.goName).StructFunc(func(sg *jen.Group) {
		for _, f := range ps.fields {
			if d, ok := odataDocs[f.name]; ok {
				var arr [64]byte
				key := append(append(append(arr[:0], "odata\x00"...), f.name...), 0)
				sg.Add(repeated(append(key, f.goName...), func() jen.Code { return jen.Comment(f.goName + " " + d) }))
			} else {
				where := "query parameter"
				if f.in == "header" {
					where = "request header"
				}
				desc := strings.TrimSpace(f.desc)
				text := fmt.Sprintf("%s is the %s %s.", f.goName, where, f.name)
				if desc != "" {
					text += " " + desc
				}
				if len(f.impliedBy) > 0 {
					text += fmt.Sprintf(" Left empty, it is sent as %q when %s is set.", f.implied, strings.Join(f.impliedBy, " or "))
				}
				wrapComment(sg, text, 72)
			}
			sg.Id(f.goName).Add(f.paramType())
		}
	})
	g.Line()
	stmts := []jen.Code{sharedNilReturn}
	for _, f := range ps.fields {
		stmts = append(stmts, f.setter())
	}
	// after the query: a header the query's options imply
	for _, f := range ps.fields {
		if len(f.impliedBy) > 0 {
			args := []jen.Code{jen.Id("r"), lit(http.CanonicalHeaderKey(f.name)), lit(f.implied)}
			for _, o := range f.impliedBy {
				args = append(args, lit(o))
			}
			stmts = append(stmts, jen.Id("impliedHeader").Call(args...))
		}
	}
	g.Func().Params(jen.Id("p").Op("*").Id(ps.goName)).Id("apply").Params(reqParam()).Block(stmts...)
	g.Line()
}

// sharedNilReturn is apply's first statement: if p == nil { return }.
var sharedNilReturn = prerendered(jen.If(jen.Id("p").Op("==").Nil()).Block(jen.Return()))

// reqParam is "r *request", the runtime's request of an operation.
func reqParam() jen.Code { return sharedReqParam }
