package templates

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/dave/jennifer/jen"
)

// This file emits the operations: one method on *Client per operation,
// and the optional parameters structs.

// pathExpr builds the escaped path as a string expression: literal parts
// as written, whole-segment parameters through pathEscape, placeholders
// inside a segment (function arguments) through quoteArg when quoted,
// pathEscape otherwise.
func (o *opInfo) pathExpr() jen.Code {
	args := map[string]*argInfo{}
	for _, a := range o.pathArgs {
		args[a.name] = a
	}
	var parts []jen.Code
	lit := ""
	flush := func() {
		if lit != "" {
			parts = append(parts, jen.Lit(lit))
			lit = ""
		}
	}
	used := map[string]int{}
	argFor := func(name string) *argInfo {
		// a name used twice in one path maps to distinct args in order
		n := 0
		for _, a := range o.pathArgs {
			if a.name == name {
				if n == used[name] {
					used[name]++
					return a
				}
				n++
			}
		}
		return args[name]
	}
	for _, seg := range splitPath(o.path) {
		lit += "/"
		rest := seg.raw
		for {
			i := strings.Index(rest, "{")
			j := strings.Index(rest, "}")
			if i < 0 || j < i {
				lit += rest
				break
			}
			lit += rest[:i]
			a := argFor(rest[i+1 : j])
			flush()
			fn := "pathEscape"
			if strings.HasSuffix(rest[:i], "'") && strings.HasPrefix(rest[j+1:], "'") {
				fn = "quoteArg"
			}
			if a != nil {
				parts = append(parts, jen.Id(fn).Call(jen.Id(a.goName)))
			}
			rest = rest[j+1:]
		}
	}
	flush()
	if len(parts) == 0 {
		return jen.Lit("/")
	}
	expr := jen.Add(parts[0])
	for _, p := range parts[1:] {
		expr = expr.Op("+").Add(p)
	}
	return expr
}

// argValue is a required query argument spelled as a string.
func argValue(a *argInfo) jen.Code {
	if a.typ.kind == tString {
		return jen.Id(a.goName)
	}
	if a.typ.kind == tSlice {
		return jen.Id("formatList").Call(jen.Id(a.goName))
	}
	return jen.Id("formatValue").Call(jen.Id(a.goName))
}

// queryExpr is the url.Values literal of the fixed query and the required
// query parameters, or nil.
func (o *opInfo) queryExpr() jen.Code {
	if len(o.fixedQuery) == 0 && len(o.queryArgs) == 0 {
		return nil
	}
	args := map[string]*argInfo{}
	for _, a := range o.queryArgs {
		args[a.name] = a
	}
	done := map[string]bool{}
	var items []jen.Code
	for _, kv := range o.fixedQuery {
		k, v := kv[0], kv[1]
		var parts []jen.Code
		rest := v
		for {
			i := strings.Index(rest, "{")
			j := strings.Index(rest, "}")
			if i < 0 || j < i {
				break
			}
			name := rest[i+1 : j]
			a := args[name]
			if a == nil {
				a = args[k]
			}
			if a == nil {
				break
			}
			if rest[:i] != "" {
				parts = append(parts, jen.Lit(rest[:i]))
			}
			parts = append(parts, argValue(a))
			done[a.name] = true
			rest = rest[j+1:]
		}
		if rest != "" || len(parts) == 0 {
			parts = append(parts, jen.Lit(rest))
		}
		expr := jen.Add(parts[0])
		for _, p := range parts[1:] {
			expr = expr.Op("+").Add(p)
		}
		items = append(items, jen.Lit(k).Op(":").Values(expr))
	}
	for _, a := range o.queryArgs {
		if !done[a.name] {
			items = append(items, jen.Lit(a.name).Op(":").Values(argValue(a)))
		}
	}
	return jen.Qual(urlPkg, "Values").Values(items...)
}

// signature is the method's parameter list.
func (o *opInfo) signature() []jen.Code {
	ps := []jen.Code{ctxParam()}
	for _, a := range o.pathArgs {
		ps = append(ps, jen.Id(a.goName).String())
	}
	for _, a := range o.queryArgs {
		ps = append(ps, jen.Id(a.goName).Add(a.typ.code()))
	}
	switch o.body {
	case bJSON:
		if o.bodyType.kind == tModel {
			ps = append(ps, jen.Id("body").Op("*").Add(o.bodyType.code()))
		} else {
			ps = append(ps, jen.Id("body").Add(o.bodyType.code()))
		}
	case bStream:
		ps = append(ps, jen.Id("body").Qual(ioPkg, "Reader"))
	}
	if o.params != nil {
		ps = append(ps, jen.Id("params").Op("*").Id(o.params.goName))
	}
	// per-call options: headers, query parameters, retries, the raw response
	ps = append(ps, jen.Id("opts").Op("...").Id("RequestOption"))
	return ps
}

// results is the method's result list.
func (o *opInfo) results() []jen.Code {
	switch o.result {
	case rObject:
		return []jen.Code{jen.Op("*").Add(o.resultType.code()), jen.Error()}
	case rValue:
		return []jen.Code{o.resultType.code(), jen.Error()}
	case rStream:
		return []jen.Code{jen.Qual(ioPkg, "ReadCloser"), jen.Error()}
	case rLocation:
		return []jen.Code{jen.Op("*").Qual(urlPkg, "URL"), jen.Error()}
	}
	return []jen.Code{jen.Error()}
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

// docText is the method's doc comment.
func (o *opInfo) docText() []string {
	summary := strings.TrimSpace(o.op.Summary)
	var lines []string
	if summary != "" {
		lines = docLines(fmt.Sprintf("%s calls %q.", o.goName, summary), 76)
	} else {
		lines = []string{fmt.Sprintf("%s calls %s %s.", o.goName, o.method, o.path)}
	}
	if d := strings.TrimSpace(o.op.Description); d != "" {
		lines = append(lines, "")
		lines = append(lines, docLines(d, 76)...)
	}
	lines = append(lines, "", "HTTP: "+o.method+" "+o.path)
	if len(o.fixedQuery) > 0 {
		var q []string
		for _, kv := range o.fixedQuery {
			q = append(q, kv[0]+"="+kv[1])
		}
		lines[len(lines)-1] += "?" + strings.Join(q, "&")
	}
	if o.perms != nil {
		lines = append(lines, "", "Permissions (least privileged first; \"A and B\" needs both):", "")
		for _, sc := range o.perms.Schemes() {
			k := accountLabel(sc.Account)
			v := sc.Alternatives.String()
			if len(sc.Alternatives) == 0 {
				v = "not supported"
			}
			lines = append(lines, "  - "+k+": "+v)
		}
	}
	switch o.result {
	case rLocation:
		lines = append(lines, "", fmt.Sprintf("It returns the Location of the %d response.", o.status))
	case rStream:
		if o.redirects() {
			lines = append(lines, "",
				fmt.Sprintf("The service answers %d with a pre-authenticated download URL, or 200", o.status),
				"with the content; either way the returned body streams the content,",
				"fetched from the download URL without the bearer token.",
				"WithRedirectURL returns the URL instead. The caller closes the body.")
		} else {
			lines = append(lines, "", "The caller closes the returned body.")
		}
	}
	if o.source != "" {
		lines = append(lines, "", "Docs: "+o.source)
	}
	return lines
}

// emitOp adds the method of o to g.
func (o *opInfo) emitOp(g *jen.Group) {
	comment(g, o.docText()...)
	fields := jen.Dict{
		jen.Id("method"): jen.Lit(o.method),
		jen.Id("path"):   o.pathExpr(),
		jen.Id("opts"):   jen.Id("opts"),
	}
	if q := o.queryExpr(); q != nil {
		fields[jen.Id("query")] = q
	}
	switch o.body {
	case bJSON:
		fields[jen.Id("body")] = jen.Id("body")
		fields[jen.Id("contentType")] = jen.Lit(o.bodyMedia)
	case bStream:
		fields[jen.Id("rawBody")] = jen.Id("body")
		fields[jen.Id("contentType")] = jen.Lit(o.bodyMedia)
	}
	if o.result == rLocation && o.status >= 300 {
		fields[jen.Id("noRedirect")] = jen.True()
	}
	var body []jen.Code
	body = append(body, jen.Id("r").Op(":=").Op("&").Id("request").Values(fields))
	if o.params != nil {
		body = append(body, jen.Id("params").Dot("apply").Call(jen.Id("r")))
	}
	call := []jen.Code{jen.Id("ctx"), jen.Id("c"), jen.Id("r")}
	switch o.result {
	case rObject:
		body = append(body, jen.Return(jen.Id("invoke").Types(o.resultType.code()).Call(call...)))
	case rValue:
		body = append(body, jen.Return(jen.Id("invokeValue").Types(o.resultType.code()).Call(call...)))
	case rStream:
		body = append(body, jen.Return(jen.Id("invokeStream").Call(call...)))
	case rLocation:
		body = append(body, jen.Return(jen.Id("invokeLocation").Call(append(call, jen.Lit(o.status))...)))
	default:
		body = append(body, jen.Return(jen.Id("invokeNone").Call(call...)))
	}
	g.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(o.goName).Params(o.signature()...).Params(o.results()...).Block(body...)
	g.Line()
}

// paramType is the declared type of an optional parameter field.
func (f *paramField) paramType() jen.Code {
	if f.opt {
		return jen.Id("Optional").Types(f.typ.code())
	}
	return f.typ.code()
}

// setter is the statement that applies f to r.
func (f *paramField) setter() jen.Code {
	fn := "queryValue"
	if f.in == "header" {
		fn = "headerValue"
	}
	v := jen.Id("p").Dot(f.goName)
	var val jen.Code
	switch {
	case f.opt:
		val = jen.Id("formatOptional").Call(v)
	case f.typ.kind == tSlice:
		val = jen.Id("formatList").Call(v)
	case f.typ.kind == tBool:
		val = jen.Id("formatBool").Call(v)
	case f.typ.kind == tString:
		val = v
	case f.typ.kind == tEnum || f.typ.kind == tDuration:
		val = jen.String().Call(v)
	default:
		val = jen.Id("formatValue").Call(v)
	}
	name := f.name
	if f.in == "header" {
		name = http.CanonicalHeaderKey(name)
	}
	return jen.Id(fn).Call(jen.Id("r"), jen.Lit(name), val)
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
	var users []string
	for _, o := range ps.ops {
		users = append(users, o.goName)
	}
	lines := docLines(fmt.Sprintf("%s are the optional parameters of %s. A nil pointer sends none.", ps.goName, strings.Join(users, ", ")), 76)
	comment(g, lines...)
	g.Type().Id(ps.goName).StructFunc(func(sg *jen.Group) {
		for _, f := range ps.fields {
			if d, ok := odataDocs[f.name]; ok {
				sg.Comment(f.goName + " " + d)
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
				for _, l := range docLines(text, 72) {
					sg.Comment(l)
				}
			}
			sg.Id(f.goName).Add(f.paramType())
		}
	})
	g.Line()
	stmts := []jen.Code{jen.If(jen.Id("p").Op("==").Nil()).Block(jen.Return())}
	for _, f := range ps.fields {
		stmts = append(stmts, f.setter())
	}
	// after the query: a header the query's options imply
	for _, f := range ps.fields {
		if len(f.impliedBy) > 0 {
			args := []jen.Code{jen.Id("r"), jen.Lit(http.CanonicalHeaderKey(f.name)), jen.Lit(f.implied)}
			for _, o := range f.impliedBy {
				args = append(args, jen.Lit(o))
			}
			stmts = append(stmts, jen.Id("impliedHeader").Call(args...))
		}
	}
	g.Func().Params(jen.Id("p").Op("*").Id(ps.goName)).Id("apply").Params(reqParam()).Block(stmts...)
	g.Line()
}

// ctxParam is "ctx context.Context", the first parameter of every
// operation.
func ctxParam() jen.Code { return jen.Id("ctx").Qual(ctxPkg, "Context") }

// reqParam is "r *request", the runtime's request of an operation.
func reqParam() jen.Code { return jen.Id("r").Op("*").Id("request") }
