package templates

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dave/jennifer/jen"
	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/graphpath"
	"github.com/graphdocgen/graphdocgen/xgraph"
)

// This file emits the generated tests: for every operation a test against
// an httptest server that checks the request the method sends and the
// result it decodes, and per file group a test of the error path.

const (
	testLocation = "https://graph.example/location/1"
	testStream   = "stream-content"
	testUpload   = "stream-body"
	testNextLink = "https://graph.example/v1.0/next?$skiptoken=2"
)

// hostileValues are path argument values that exercise escaping.
var hostileValues = []string{"id/with?odd#chars%2F..", "..", "a b+c'd&e=f", "ü-ñ.", "."}

// sharedHostile are the literals of hostileValues, and of any other path
// value made anew.
var sharedHostile = newSharedSet(litCode, hostileValues...)

// hostileLiteral is the test value of a query argument the docs put
// inside an OData expression: it would end a string literal, add a
// condition, another query parameter and a fragment if it went in as
// written.
const hostileLiteral = "x' or 1 eq 1 or 'a&b=#%/ü"

// inExpression reports whether the fixed query places a inside an OData
// expression (a quoted string or a literal, queryArgFunc).
func (o *opInfo) inExpression(a *argInfo) bool {
	for _, kv := range o.fixedQuery {
		if kv[0] != a.name {
			continue
		}
		for _, p := range o.queryParts(kv[0], kv[1]) {
			if p.arg == a && p.fn != "" {
				return true
			}
		}
	}
	return false
}

// escapeSegment mirrors the generated pathEscape.
func escapeSegment(s string) string {
	switch s {
	case "":
		return ""
	case ".":
		return "%2E"
	case "..":
		return "%2E%2E"
	}
	return url.PathEscape(s)
}

// expectedPath is the escaped path the method sends for the values (one
// for each path argument, in order): pathParts spelled by the
// generation-time twins of the runtime's functions.
func (o *opInfo) expectedPath(vals []string) string {
	index := map[*argInfo]int{}
	for i, a := range o.pathArgs {
		index[a] = i
	}
	var b strings.Builder
	for _, p := range o.pathParts {
		if p.arg == nil {
			b.WriteString(p.text)
			continue
		}
		v := ""
		if i := index[p.arg]; i < len(vals) {
			v = vals[i]
		}
		b.WriteString(spellTwin(p.fn, v))
	}
	return b.String()
}

// spellTwin is what the runtime function fn makes of v, for the
// generated tests' expectations.
func spellTwin(fn, v string) string {
	switch fn {
	case "pathEscape":
		return escapeSegment(v)
	case "quoteArg":
		return escapeSegment(odataStringTwin(v))
	case "literalArg":
		return escapeSegment(odataLiteralTwin(v))
	case "odataString":
		return odataStringTwin(v)
	case "odataPhrase":
		return strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v)
	case "odataLiteral":
		return odataLiteralTwin(v)
	}
	return v
}

func odataStringTwin(v string) string { return strings.ReplaceAll(v, "'", "''") }

// odataLiteralTwin is the runtime's odataLiteral: a bare token as it is,
// anything else a quoted string.
func odataLiteralTwin(v string) string {
	if v != "" && strings.Trim(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:+-") == "" {
		return v
	}
	return "'" + odataStringTwin(v) + "'"
}

// matchPath extracts the path argument values of actual, an example's
// path, against the template with the path model; ok is false when it
// does not match.
func matchPath(template, actual string) ([]string, bool) {
	r, ok := graphpath.Match(template, actual)
	return r.Values, ok && !r.Loose && !r.Alias
}

// stableKinds are the kinds whose JSON survives a decode and re-encode
// unchanged.
func numberOf(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case float32:
		return float64(n), true
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	case uint64:
		return float64(n), true
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	}
	return 0, false
}

// fits reports whether the JSON value v decodes into t; stable whether it
// also re-encodes to the same JSON.
func fits(t *goType, v any, plain bool, depth int) (ok, stable bool) {
	if depth > 30 {
		return true, false
	}
	if v == nil {
		return true, !plain && t.kind != tSlice && t.kind != tBytes
	}
	switch t.kind {
	case tRaw:
		return true, true
	case tString, tEnum, tDuration:
		_, ok := v.(string)
		return ok, ok
	case tBool:
		_, ok := v.(bool)
		return ok, ok
	case tInt32, tInt64:
		n, ok := numberOf(v)
		if !ok || n != math.Trunc(n) || (t.kind == tInt32 && (n > math.MaxInt32 || n < math.MinInt32)) || math.Abs(n) > 1<<53 {
			return false, false
		}
		return true, true
	case tFloat32, tFloat64:
		n, ok := numberOf(v)
		return ok, ok && (t.kind == tFloat64 || float64(float32(n)) == n)
	case tTime:
		s, ok := v.(string)
		if !ok {
			return false, false
		}
		tm, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			// An Optional[time.Time] also reads Graph's zone-less form
			// (UTC); a plain time.Time does not.
			_, uerr := time.Parse("2006-01-02T15:04:05.999999999", s)
			return !plain && uerr == nil, false
		}
		return true, tm.Format(time.RFC3339Nano) == s
	case tDate:
		s, ok := v.(string)
		if !ok {
			return false, false
		}
		tm, err := time.Parse("2006-01-02", s)
		return err == nil, err == nil && tm.Format("2006-01-02") == s
	case tTimeOfDay:
		s, ok := v.(string)
		if !ok {
			return false, false
		}
		_, err := time.Parse("15:04:05.999999999", s)
		if err != nil {
			_, err = time.Parse("15:04", s)
		}
		return err == nil, false
	case tBytes:
		s, ok := v.(string)
		if !ok {
			return false, false
		}
		b, err := base64.StdEncoding.DecodeString(s)
		return err == nil, err == nil && base64.StdEncoding.EncodeToString(b) == s
	case tSlice:
		arr, ok := v.([]any)
		if !ok {
			return false, false
		}
		st := len(arr) > 0
		for _, e := range arr {
			ok, s := fits(t.elem, e, true, depth+1)
			if !ok {
				return false, false
			}
			st = st && s
		}
		return true, st
	case tModel:
		if t.named.kind == sStub {
			return true, true // a raw holder keeps any value as it is
		}
		obj, ok := v.(map[string]any)
		if !ok {
			return false, false
		}
		st := true
		for k, val := range obj {
			f := t.named.field(k)
			if f == nil {
				// an additional property, kept with its exact spelling
				// even where it differs from a field in case only
				continue
			}
			ok, s := fits(f.typ, val, f.plain(), depth+1)
			if !ok {
				return false, false
			}
			st = st && s
		}
		return true, st
	}
	return false, false
}

func (si *schemaInfo) field(json string) *fieldInfo {
	for _, f := range si.fields {
		if f.json == json {
			return f
		}
	}
	return nil
}

// stableKeys are the keys of an example object whose values re-encode
// unchanged after a typed decode.
func stableKeys(t *goType, v any) []string {
	obj, ok := v.(map[string]any)
	if !ok || t.kind != tModel {
		return nil
	}
	var keys []string
	for k, val := range obj {
		f := t.named.field(k)
		if f == nil {
			keys = append(keys, k)
			continue
		}
		if _, st := fits(f.typ, val, f.plain(), 1); st {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// synth is a small JSON value of t whose encoding is stable: a few simple
// properties of a model, an unknown property that must land in
// AdditionalProperties, one element of a collection.
func synth(t *goType, depth int) any {
	switch t.kind {
	case tString:
		return "text"
	case tEnum:
		if len(t.named.enum) > 0 {
			return t.named.enum[0]
		}
		return "value"
	case tDuration:
		return "PT1H"
	case tBool:
		return true
	case tInt32, tInt64:
		return 7
	case tFloat32, tFloat64:
		return 1.5
	case tTime:
		return "2021-07-01T10:30:00Z"
	case tDate:
		return "2021-07-01"
	case tBytes:
		return "AQID"
	case tSlice:
		if depth > 3 {
			return []any{}
		}
		return []any{synth(t.elem, depth+1)}
	case tModel:
		obj := map[string]any{"extraProperty": "kept"}
		n := 0
		for _, f := range t.named.fields {
			if f.json == "@odata.count" || f.json == "@odata.deltaLink" {
				continue // paging control information, not data; TestOpsPaging covers it
			}
			switch f.typ.kind {
			case tString, tEnum, tBool, tInt32, tInt64:
				if n < 3 {
					obj[f.json] = synth(f.typ, depth+1)
					n++
				}
			case tSlice:
				if f.json == "value" && depth == 0 {
					obj[f.json] = synth(f.typ, depth+1)
				}
			}
			if f.json == "@odata.nextLink" && f.typ.kind == tString {
				obj[f.json] = testNextLink
			}
		}
		return obj
	}
	return map[string]any{"raw": true}
}

// exampleValue finds a named example on a media type.
func exampleValue(content openapi3.Content, media, name string) (any, bool) {
	mt := content.Get(media)
	if mt == nil || mt.Examples == nil {
		return nil, false
	}
	ex := mt.Examples[name]
	if ex == nil || ex.Value == nil || ex.Value.Value == nil {
		return nil, false
	}
	if _, text := ex.Value.Value.(string); text && media == "application/json" {
		// A body the docs wrote as JSON that is not JSON travels as its
		// text (spec marks it "text"); there is nothing to decode.
		return nil, false
	}
	return ex.Value.Value, true
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "{}"
	}
	return string(b)
}

// testPlan is what one operation's test sends and answers.
type testPlan struct {
	// queryVals are the example URL's query values by lower-case key,
	// for the required query arguments (only when its path matched).
	queryVals  map[string]string
	pathVals   []string
	example    string // the example used, if any
	bodyJSON   string
	bodyKeys   []string
	bodyFromEx bool
	respJSON   string
	respKeys   []string
	// respWant is what the result, encoded again, is checked against:
	// respJSON, except for a primitive result, which keeps only the
	// wrapper's "value" (the annotations beside it, such as
	// @odata.context, are not part of the result).
	respWant   string
	respFromEx bool
	// respExample names the docs example served; respTyped are its
	// top-level keys the result type has properties for, respAll the
	// number of its keys (for an object result).
	respExample string
	respTyped   []string
	respAll     int
}

// firstExample is the first of o's examples of its method (or of no
// method), nil when there is none: the example a test takes its path
// values and its request body from.
func (o *opInfo) firstExample() *xgraph.Example {
	for i := range o.examples {
		e := &o.examples[i]
		if e.Request.Method == "" || strings.EqualFold(e.Request.Method, o.method) {
			return e
		}
	}
	return nil
}

// bodyExample is the JSON request body of o's first example (firstExample)
// in op, for a JSON body.
func bodyExample(o *opInfo, op *openapi3.Operation) docExample {
	ex := o.firstExample()
	if o.body != bJSON || ex == nil || op.RequestBody == nil || op.RequestBody.Value == nil {
		return docExample{}
	}
	v, ok := exampleValue(op.RequestBody.Value.Content, "application/json", ex.Name)
	return docExample{name: ex.Name, value: v, ok: ok}
}

// responseExample is, for an operation that returns an object or a value,
// the first of the page's examples of o (in page order, of o's method)
// with a JSON response body at o's status in op.
func responseExample(o *opInfo, op *openapi3.Operation) docExample {
	if o.result != rObject && o.result != rValue {
		return docExample{}
	}
	rr := op.Responses.Status(o.status)
	if rr == nil || rr.Value == nil {
		return docExample{}
	}
	for _, e := range o.examples {
		if e.Request.Method != "" && !strings.EqualFold(e.Request.Method, o.method) {
			continue
		}
		if v, ok := exampleValue(rr.Value.Content, "application/json", e.Name); ok {
			return docExample{name: e.Name, value: v, ok: true}
		}
	}
	return docExample{}
}

// typedKeys are the keys of obj that si has a property for, sorted, and
// the number of keys.
func typedKeys(si *schemaInfo, obj map[string]any) ([]string, int) {
	var typed []string
	for k := range obj {
		if si.field(k) != nil {
			typed = append(typed, k)
		}
	}
	sort.Strings(typed)
	return typed, len(obj)
}

func plan(o *opInfo) testPlan {
	var p testPlan
	ex := o.firstExample()
	if ex != nil {
		if vals, ok := matchPath(o.path, ex.Request.Path); ok && len(vals) == len(o.pathArgs) {
			p.pathVals = vals
			p.example = ex.Name
			p.queryVals = exampleQuery(ex.Request.URL)
		}
	}
	if p.pathVals == nil {
		for i := range o.pathArgs {
			p.pathVals = append(p.pathVals, hostileValues[i%len(hostileValues)])
		}
	}
	if o.body == bJSON {
		if v := o.bodyExample.value; o.bodyExample.ok {
			if fit, _ := fits(o.bodyType, v, true, 0); fit {
				p.bodyJSON, p.bodyKeys, p.bodyFromEx = mustJSON(v), stableKeys(o.bodyType, v), true
			}
		}
		if p.bodyJSON == "" {
			v := synth(o.bodyType, 0)
			p.bodyJSON = mustJSON(v)
			p.bodyKeys = stableKeys(o.bodyType, v)
		}
	}
	var rt *goType
	switch o.result {
	case rObject:
		rt = o.resultType
	case rValue:
		rt = &goType{kind: tModel, named: o.resultSchema}
	}
	if rt != nil {
		// The page's own example response, whether or not it fits the
		// result type: a result type that cannot decode it makes the
		// test fail, which is what the test is for.
		if ex := o.respExample; ex.ok {
			v, name := ex.value, ex.name
			p.respJSON, p.respKeys, p.respFromEx, p.respExample = mustJSON(v), stableKeys(rt, v), true, name
			if obj, isObj := v.(map[string]any); isObj && o.result == rObject && rt.kind == tModel && rt.named.kind == sObject {
				p.respTyped, p.respAll = typedKeys(rt.named, obj)
			}
		}
		if p.respJSON == "" {
			v := synth(rt, 0)
			if o.result == rValue {
				v = map[string]any{"value": synth(o.resultType, 1)}
			}
			p.respJSON = mustJSON(v)
			p.respKeys = stableKeys(rt, v)
		}
		p.respWant = p.respJSON
		if o.result == rValue {
			var w map[string]any
			if json.Unmarshal([]byte(p.respJSON), &w) == nil {
				p.respWant = mustJSON(map[string]any{"value": w["value"]})
				p.respKeys = slices.DeleteFunc(p.respKeys, func(k string) bool { return k != "value" })
			}
		}
	}
	return p
}

// exampleQuery reads the query of an example URL: values by lower-case
// key, leaving out placeholders ("{start_datetime}") and empty values.
func exampleQuery(rel string) map[string]string {
	_, q := graphpath.SplitQuery(rel)
	vals, err := url.ParseQuery(q)
	if err != nil || len(vals) == 0 {
		return nil
	}
	out := map[string]string{}
	for k, vs := range vals {
		if len(vs) == 1 && vs[0] != "" && !strings.ContainsAny(vs[0], "{}") {
			out[strings.ToLower(k)] = vs[0]
		}
	}
	return out
}

// callArgs are the arguments of a test call.
func (o *opInfo) callArgs(p testPlan, withParams bool) (args []jen.Code, query map[string]string, header map[string]string) {
	query, header = map[string]string{}, map[string]string{}
	args = make([]jen.Code, 0, 4+len(o.pathArgs)+len(o.queryArgs))
	args = append(args, sharedBackground)
	for i := range o.pathArgs {
		args = append(args, sharedHostile.of(p.pathVals[i]))
	}
	qv := map[*argInfo]string{}
	for i, a := range o.queryArgs {
		var v jen.Code
		s := ""
		switch a.typ.kind {
		case tString:
			s = fmt.Sprintf("value-%d", i+1)
			if o.inExpression(a) {
				s = hostileLiteral // it must stay one literal of the expression
			}
			if ev, ok := p.queryVals[strings.ToLower(a.name)]; ok && queryArgWord(o.fixedQuery, a.name) == a.name && a.placeholder == "" {
				s = ev // the docs example's own value
			}
			v = lit(s)
		case tEnum:
			s = "value"
			if len(a.typ.named.enum) > 0 {
				s = a.typ.named.enum[0]
			}
			v = jen.Id(a.typ.named.goName).Call(lit(s))
		case tInt32, tInt64:
			s, v = "7", sharedSeven
		case tBool:
			s, v = "true", jen.True()
		default:
			v = jen.Op("*").New(a.typ.code())
		}
		args = append(args, v)
		if s != "" {
			qv[a] = s
		}
	}
	for _, kv := range o.fixedQuery {
		var val strings.Builder
		ok := true
		for _, p := range o.queryParts(kv[0], kv[1]) {
			if p.arg == nil {
				val.WriteString(p.text)
				continue
			}
			s, has := qv[p.arg]
			if !has {
				ok = false
				break
			}
			val.WriteString(spellTwin(p.fn, s))
		}
		if ok {
			query[kv[0]] = val.String()
		}
	}
	for a, v := range qv {
		if _, fixed := query[a.name]; !fixed && fixedIndex(o.fixedQuery, a.name) == len(o.fixedQuery) {
			query[a.name] = v
		}
	}
	switch o.body {
	case bJSON:
		if o.bodyType.kind == tModel {
			args = append(args, ident("body"))
		} else {
			args = append(args, jen.Op("*").Id("body"))
		}
	case bStream:
		args = append(args, jen.Qual("strings", "NewReader").Call(sharedUploadLit))
	}
	if o.params != nil {
		if !withParams {
			args = append(args, jen.Nil())
			return
		}
		var d []keyed
		for _, f := range o.params.fields {
			switch {
			case f.name == "$top":
				d = append(d, field(f.goName, sharedSomeFive))
				query["$top"] = "5"
			case f.name == "$select":
				d = append(d, field(f.goName, sharedSelectIDs))
				query["$select"] = "id,displayName"
			case f.name == "$filter":
				d = append(d, field(f.goName, sharedFilterLit))
				query["$filter"] = "name eq 'a&b'"
			case f.in == "header" && f.typ.kind == tString && !f.opt:
				d = append(d, field(f.goName, sharedTestValueLit))
				header[f.name] = "test-value"
			}
		}
		args = append(args, jen.Op("&").Id(o.params.goName).Add(keyedValues(d)))
	}
	return
}

func strMap(pkg, typ string, mp map[string]string) jen.Code {
	if len(mp) == 0 {
		return nil
	}
	d := make([]keyed, 0, len(mp))
	for k, v := range mp {
		d = append(d, strField(k, sharedMapVals.of(v)))
	}
	return jen.Qual(pkg, typ).Add(keyedValues(d))
}

// jsonLit is a JSON text as a Go string literal, raw when it can be.
func jsonLit(s string) jen.Code {
	if !strings.ContainsAny(s, "`\r") && isPrintable(s) {
		return jen.Op("`" + s + "`")
	}
	return lit(s)
}

func isPrintable(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == 0xfeff {
			return false
		}
	}
	return true
}

// The constant parts of the tests, built once (shared.go): the values
// of the parameters, and the checks of a stream, a redirect and a
// location result.
var (
	sharedSeven        jen.Code = prerendered(jen.Lit(7))
	sharedSomeFive     jen.Code = prerendered(jen.Id("Some").Index(jen.Int32()).Call(jen.Lit(5)))
	sharedSelectIDs    jen.Code = prerendered(jen.Index().String().Values(jen.Lit("id"), jen.Lit("displayName")))
	sharedFilterLit    jen.Code = lit("name eq 'a&b'")
	sharedTestValueLit jen.Code = lit("test-value")
	sharedUploadLit    jen.Code = lit(testUpload)
	sharedStreamLit    jen.Code = lit(testStream)
	sharedLocationLit  jen.Code = lit(testLocation)
	sharedOctetLit     jen.Code = lit("application/octet-stream")
	// {"v"}, the value of a url.Values or http.Header entry
	sharedMapVals = newSharedSet(func(v string) jen.Code { return prerendered(jen.Values(lit(v))) },
		"5", "id,displayName", "name eq 'a&b'", "test-value")
	// the statuses of most tests
	sharedStatuses = func() map[int]jen.Code {
		m := map[int]jen.Code{}
		for _, n := range []int{200, 201, 202, 204, 302, 404} {
			m[n] = prerendered(jen.Lit(n))
		}
		return m
	}()
	sharedDeferClose    jen.Code = prerendered(jen.Defer().Id("got").Dot("Close").Call())
	sharedReadAllStart  jen.Code = prerendered(jen.List(jen.Id("b"), jen.Err()).Op(":="))
	sharedStreamChecks           = map[string]jen.Code{"": prerendered(streamCheck("")), testStream: prerendered(streamCheck(testStream))}
	sharedRedirectCheck jen.Code = prerendered(jen.If(jen.Id("loc").Op("==").Nil().Op("||").Id("loc").Dot("String").Call().Op("!=").Lit(testLocation)).Block(
		jen.Id("t").Dot("Errorf").Call(jen.Lit("WithRedirectURL = %v, want %s"), jen.Id("loc"), jen.Lit(testLocation)),
	))
	sharedLocationCheck jen.Code = prerendered(jen.If(jen.Id("got").Dot("String").Call().Op("!=").Lit(testLocation)).Block(
		jen.Id("t").Dot("Errorf").Call(jen.Lit("location = %v, want %s"), jen.Id("got"), jen.Lit(testLocation)),
	))
)

// streamCheck is the check of a stream result's content.
func streamCheck(want string) jen.Code {
	return jen.If(jen.Err().Op("!=").Nil().Op("||").String().Call(jen.Id("b")).Op("!=").Lit(want)).Block(
		jen.Id("t").Dot("Errorf").Call(jen.Lit("body = %q, %v; want %q"), jen.Id("b"), jen.Err(), jen.Lit(want)),
	)
}

// statusLit is jen.Lit(n) of a status, the shared one when there is one.
func statusLit(n int) jen.Code {
	if c, ok := sharedStatuses[n]; ok {
		return c
	}
	return intLit(n)
}

// checkKeys is opsCheckKeys(t, v, json, keys...).
func checkKeys(v, json jen.Code, keys []string) jen.Code {
	args := make([]jen.Code, 0, 3+len(keys))
	args = append(args, ident("t"), v, json)
	for _, k := range keys {
		args = append(args, nameLit(k))
	}
	return jen.Add(sharedOpsCheckKeys).Call(args...)
}

// emitTest adds the test of o to g.
func emitTest(g *jen.Group, o *opInfo) {
	p := plan(o)
	var stmts []jen.Code
	tc := append(make([]keyed, 0, 10),
		field("method", methodLit(o.method)),
		field("path", lit(o.expectedPath(p.pathVals))),
		field("status", statusLit(o.status)),
	)
	args, query, header := o.callArgs(p, true)
	if q := strMap(urlPkg, "Values", query); q != nil {
		tc = append(tc, field("query", q))
	}
	if h := strMap(httpPkg, "Header", header); h != nil {
		tc = append(tc, field("header", h))
	}
	// the request and response bodies are each written twice (served or
	// decoded, and checked): one literal, rendered twice, instead of two
	// copies of the JSON
	var bodyLit, respLit jen.Code
	if p.bodyJSON != "" {
		bodyLit = jsonLit(p.bodyJSON)
	}
	if p.respJSON != "" {
		respLit = jsonLit(p.respJSON)
	}
	switch o.body {
	case bJSON:
		stmts = append(stmts,
			jen.Add(sharedBodyDefine).New(o.bodyType.code()),
			jen.Id("opsDecode").Call(ident("t"), bodyLit, ident("body")),
		)
		if p.bodyFromEx {
			stmts = append(stmts, checkKeys(ident("body"), bodyLit, p.bodyKeys))
		}
		tc = append(tc, field("contentType", mediaLit("application/json")), field("body", sharedOpsMarshal))
	case bStream:
		tc = append(tc, field("contentType", lit(o.bodyMedia)), field("rawBody", sharedUploadLit))
	}
	switch o.result {
	case rObject, rValue:
		tc = append(tc, field("response", respLit))
	case rStream:
		if o.redirects() {
			// the download URL is taken with WithRedirectURL, not fetched
			tc = append(tc, field("location", sharedLocationLit))
			stmts = append(stmts, jen.Var().Id("loc").Op("*").Qual(urlPkg, "URL"))
			args = append(args, jen.Id("WithRedirectURL").Call(jen.Op("&").Id("loc")))
			break
		}
		tc = append(tc, field("response", sharedStreamLit), field("responseType", sharedOctetLit))
	case rLocation:
		tc = append(tc, field("location", sharedLocationLit))
	}
	stmts = append(stmts, jen.Add(sharedServe).Call(ident("t"), jen.Add(sharedOpsCase, keyedValues(tc))))
	call := jen.Id("c").Dot(o.goName).Call(args...)
	if o.result == rNone {
		stmts = append(stmts, jen.If(jen.Add(sharedErrDefine, call), sharedErrNotNil).Add(sharedFatalBlock))
	} else {
		stmts = append(stmts,
			jen.Add(sharedGotErrDefine, call),
			sharedIfErrFatal,
		)
	}
	switch o.result {
	case rObject:
		stmts = append(stmts, checkKeys(ident("got"), respLit, p.respKeys))
		stmts = append(stmts, p.typedChecks(o)...)
	case rValue:
		stmts = append(stmts, checkKeys(jen.Id("opsWrap").Call(ident("got")), jsonLit(p.respWant), p.respKeys))
	case rStream:
		want := testStream
		if o.redirects() {
			want = ""
			stmts = append(stmts, sharedRedirectCheck)
		}
		stmts = append(stmts,
			sharedDeferClose,
			jen.Add(sharedReadAllStart).Qual(ioPkg, "ReadAll").Call(ident("got")),
			sharedStreamChecks[want],
		)
	case rLocation:
		stmts = append(stmts, sharedLocationCheck)
	}
	doc := fmt.Sprintf("TestOp%s checks %s %s.", o.goName, o.method, o.path)
	if p.example != "" {
		doc += " Path values from the docs example " + strconv.Quote(p.example) + "."
	}
	if p.respExample != "" {
		doc += " The response is the docs example " + strconv.Quote(p.respExample) + "."
	}
	g.Comment(doc)
	g.Func().Id("TestOp" + o.goName).Params(sharedTestingT).Block(stmts...)
	g.Line()
}

// emitErrorTest adds a test that a 404 OData error of o comes back as
// *Error.
func emitErrorTest(g *jen.Group, group string, o *opInfo) {
	var p testPlan
	for i := range o.pathArgs {
		p.pathVals = append(p.pathVals, hostileValues[i%len(hostileValues)])
	}
	args, _, _ := o.callArgs(p, false)
	var stmts []jen.Code
	if o.body == bJSON {
		stmts = append(stmts, jen.Id("body").Op(":=").New(o.bodyType.code()))
	}
	stmts = append(stmts, jen.Add(sharedServe).Call(ident("t"), jen.Add(sharedOpsCase, keyedValues([]keyed{
		field("method", methodLit(o.method)),
		field("path", lit(o.expectedPath(p.pathVals))),
		field("status", jen.Lit(404)),
		field("response", jen.Lit(`{"error":{"code":"itemNotFound","message":"The item was not found.","innerError":{"request-id":"req-404","date":"2021-07-01T10:30:00","client-request-id":"client-404"}}}`)),
	}))))
	call := jen.Id("c").Dot(o.goName).Call(args...)
	if o.result == rNone {
		stmts = append(stmts, jen.Err().Op(":=").Add(call))
	} else {
		stmts = append(stmts, jen.List(jen.Id("_"), jen.Err()).Op(":=").Add(call))
	}
	stmts = append(stmts,
		jen.Var().Id("e").Op("*").Id("Error"),
		jen.If(jen.Op("!").Qual("errors", "As").Call(jen.Err(), jen.Op("&").Id("e"))).Block(
			jen.Id("t").Dot("Fatalf").Call(jen.Lit("err = %v, want *Error"), jen.Err()),
		),
		jen.If(jen.Id("e").Dot("StatusCode").Op("!=").Lit(404).Op("||").Id("e").Dot("Code").Op("!=").Lit("itemNotFound").Op("||").
			Id("e").Dot("Message").Op("!=").Lit("The item was not found.").Op("||").Id("e").Dot("RequestID").Op("!=").Lit("req-404")).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit("error = %+v"), jen.Id("e")),
		),
	)
	name := errorTestName(group)
	g.Commentf("%s checks that a 404 OData error of %s comes back as *Error.", name, o.goName)
	g.Func().Id(name).Params(sharedTestingT).Block(stmts...)
	g.Line()
}

// testFile is ops_GROUP_test.go of package pkg.
func testFile(pkg, group string, ops []*opInfo) *jen.File {
	f := newFile(pkg)
	for _, o := range ops {
		emitTest(f.Group, o)
	}
	if len(ops) > 0 {
		emitErrorTest(f.Group, group, ops[0])
	}
	return f
}

// typedChecks are the checks that the result type is the one the docs
// example response is of: the example's keys the type has properties for
// are decoded into them, not kept in AdditionalProperties, and not every
// key of the example is unknown to the type (a collection served where
// one object is expected).
func (p testPlan) typedChecks(o *opInfo) []jen.Code {
	if p.respAll == 0 {
		return nil
	}
	n := p.respAll
	if named := o.resultType.named; named.open || len(named.fields) == 0 {
		// an open type's example may hold only properties of its own
		// (a list item's column values), and a type without properties
		// (an abstract base such as educationOutcome, the example being
		// of a derived type) has none to know: no mismatch, as spec's
		// fit check has it
		n = 0
	}
	args := make([]jen.Code, 0, 4+len(p.respTyped))
	args = append(args, ident("t"), jen.Add(ident("got")).Dot("AdditionalProperties"), lit(o.resultType.named.goName), jen.Lit(n))
	for _, k := range p.respTyped {
		args = append(args, nameLit(k))
	}
	return []jen.Code{jen.Id("opsCheckTyped").Call(args...)}
}
