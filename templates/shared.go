package templates

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/dave/jennifer/jen"
)

// Sub-trees that are the same in every file, built once and shared by the
// emitters instead of built anew for every operation, test and schema.
// jennifer's render of them is pure: it reads the tree and the file (a
// Qual registers its package in the file being rendered, so the imports
// stay per file), and the one place it writes to a tree (a block right
// after a case clause loses its braces) is never in them. Each is a
// jen.Code, not a *jen.Statement, so that no emitter can append to one
// (a Statement's methods append to it in place): they are only ever
// items of other trees.
var (
	// (c *Client), the receiver of an operation, and "func (c *Client)",
	// the start of its method
	sharedClientRecv jen.Code = prerendered(jen.Id("c").Op("*").Id("Client"))
	sharedFuncClient jen.Code = prerendered(jen.Func().Params(sharedClientRecv))
	// ctx, c, r: the first arguments of an operation's invoke call
	sharedIdCtx jen.Code = jen.Id("ctx")
	sharedIdC   jen.Code = jen.Id("c")
	sharedIdR   jen.Code = jen.Id("r")
	// t *testing.T, a test's parameter
	sharedTestingT jen.Code = jen.Id("t").Op("*").Qual("testing", "T")
	// if err != nil { t.Fatal(err) }
	sharedIfErrFatal jen.Code = prerendered(jen.If(sharedErrNotNil).Block(sharedTFatalErr))
	// ([]byte, error), MarshalJSON's results
	sharedBytesErr = []jen.Code{prerendered(jen.Index().Byte()), sharedError}
	// b []byte, UnmarshalJSON's parameter
	sharedBBytes jen.Code = prerendered(jen.Id("b").Index().Byte())
	// return marshalObject(plain(v), v.AdditionalProperties)
	sharedMarshalReturn jen.Code = prerendered(jen.Return(jen.Id("marshalObject").Call(jen.Id("plain").Call(jen.Id("v")), jen.Id("v").Dot("AdditionalProperties"))))
	// b, (*plain)(v), &v.AdditionalProperties: unmarshalObject's first arguments
	sharedUnmarshalArgs = []jen.Code{jen.Id("b"), prerendered(jen.Parens(jen.Op("*").Id("plain")).Call(jen.Id("v"))), prerendered(jen.Op("&").Id("v").Dot("AdditionalProperties"))}
	// AdditionalProperties map[string]json.RawMessage `json:"-"`
	// (the map type and the tag prerendered around the Qual, whose import
	// the file records; jen.Tag builds its text from the map on every
	// render)
	sharedAdditionalProps jen.Code = jen.Add(prerendered(jen.Id("AdditionalProperties").Map(jen.String())), jen.Qual(jsonPkg, "RawMessage"), prerendered(jen.Tag(map[string]string{"json": "-"})))
	// a schema's constant doc comments and method signatures:
	// MarshalJSON() ([]byte, error), UnmarshalJSON(b []byte) error
	sharedAdditionalDoc jen.Code = prerendered(jen.Comment("AdditionalProperties holds the properties the docs do not list, as received."))
	sharedMarshalDoc    jen.Code = prerendered(jen.Comment("MarshalJSON encodes the known properties and AdditionalProperties."))
	sharedUnmarshalDoc  jen.Code = prerendered(jen.Comment("UnmarshalJSON decodes the known properties and keeps the others in AdditionalProperties."))
	sharedMarshalSig    jen.Code = prerendered(jen.Id("MarshalJSON").Params().Params(sharedBytesErr...))
	sharedUnmarshalSig  jen.Code = prerendered(jen.Id("UnmarshalJSON").Params(sharedBBytes).Add(sharedError))

	// an operation's parameters and results: ctx context.Context,
	// opts ...RequestOption, body io.Reader, error
	sharedCtxParam    jen.Code = jen.Id("ctx").Qual(ctxPkg, "Context")
	sharedOptsParam   jen.Code = prerendered(jen.Id("opts").Op("...").Id("RequestOption"))
	sharedReaderParam jen.Code = jen.Id("body").Qual(ioPkg, "Reader")
	sharedError       jen.Code = jen.Error()
	// r *request, the parameter of a params struct's apply
	sharedReqParam jen.Code = prerendered(jen.Id("r").Op("*").Id("request"))
	// the starts of "body *T", "params *P", "r := &request{...}"
	sharedBodyPtr    jen.Code = prerendered(jen.Id("body").Op("*"))
	sharedParamsPtr  jen.Code = prerendered(jen.Id("params").Op("*"))
	sharedNewRequest jen.Code = prerendered(jen.Id("r").Op(":=").Op("&").Id("request"))
	// params.apply(r)
	sharedParamsApply jen.Code = prerendered(jen.Id("params").Dot("apply").Call(jen.Id("r")))
	// ctx, c, r: the arguments of the invoke call of an operation
	sharedInvokeArgs = []jen.Code{sharedIdCtx, sharedIdC, sharedIdR}
	// return invokeNone(ctx, c, r) and return invokeStream(ctx, c, r)
	sharedReturnNone jen.Code = prerendered(jen.Return(jen.Id("invokeNone").Call(sharedInvokeArgs...)))
	// (ctx, c, r), the call of invoke[T] and invokeValue[T]
	sharedInvokeCall   jen.Code = prerendered(jen.Call(sharedInvokeArgs...))
	sharedReturnStream jen.Code = prerendered(jen.Return(jen.Id("invokeStream").Call(sharedInvokeArgs...)))
	// "+" between the parts of a path or query value (concat)
	sharedPlus jen.Code = prerendered(jen.Op("+"))

	// context.Background(), a test call's first argument
	sharedBackground jen.Code = jen.Qual(ctxPkg, "Background").Call()
	// the start of "c := opsServe(t, opsCase{...})"
	sharedServe jen.Code = prerendered(jen.Id("c").Op(":=").Id("opsServe"))
	// the starts of "body := new(T)", "got, err := c.M(...)" and
	// "if err := c.M(...); ...", opsMarshal(t, body), { t.Fatal(err) }
	sharedBodyDefine   jen.Code = prerendered(jen.Id("body").Op(":="))
	sharedGotErrDefine jen.Code = prerendered(jen.List(jen.Id("got"), jen.Err()).Op(":="))
	sharedErrDefine    jen.Code = prerendered(jen.Err().Op(":="))
	sharedOpsMarshal   jen.Code = prerendered(jen.Id("opsMarshal").Call(jen.Id("t"), jen.Id("body")))
	sharedFatalBlock   jen.Code = prerendered(jen.Block(sharedTFatalErr))
	// opsCase, opsCheckKeys
	sharedOpsCase      jen.Code = jen.Id("opsCase")
	sharedOpsCheckKeys jen.Code = jen.Id("opsCheckKeys")
	// err != nil and { t.Fatal(err) }
	sharedErrNotNil jen.Code = prerendered(jen.Err().Op("!=").Nil())
	sharedTFatalErr jen.Code = prerendered(jen.Id("t").Dot("Fatal").Call(jen.Err()))

	// "type plain" and "v", in a schema's JSON methods
	sharedTypePlain jen.Code = prerendered(jen.Type().Id("plain"))
	sharedIdV       jen.Code = jen.Id("v")
	sharedVPtr      jen.Code = prerendered(jen.Id("v").Op("*"))
	// *, =, Optional
	sharedStar     jen.Code = prerendered(jen.Op("*"))
	sharedAssign   jen.Code = prerendered(jen.Op("="))
	sharedOptional jen.Code = jen.Id("Optional")
	// p.
	sharedIdP jen.Code = jen.Id("p")
)

// prerendered is c as one identifier token of the text jennifer renders
// c to, which it writes as it is instead of walking c's tokens (an
// operator or keyword token costs it a fmt.Sprintf): the same bytes as
// an item of any tree, for a c that registers no import (a Qual's import
// is recorded as the file is rendered) and has no block after a case
// clause. A c that renders with imports, or fails to render, is returned
// as it is.
func prerendered(c jen.Code) jen.Code {
	f := jen.NewFile("p")
	f.NoFormat = true
	f.Add(c)
	var b bytes.Buffer
	if f.Render(&b) != nil {
		return c
	}
	// the package clause, no imports, and the one item after a line break
	text, ok := strings.CutPrefix(b.String(), "package p\n\n\n")
	if !ok || text == "" {
		return c
	}
	return jen.Id(text)
}

// sharedSet is a set of codes built once by mk, looked up by the text
// they are made of; of builds the code of a text outside the set anew.
type sharedSet struct {
	codes map[string]jen.Code
	mk    func(string) jen.Code
}

func newSharedSet(mk func(string) jen.Code, texts ...string) sharedSet {
	s := sharedSet{codes: make(map[string]jen.Code, len(texts)), mk: mk}
	for _, t := range texts {
		s.codes[t] = mk(t)
	}
	return s
}

// of is mk(text) as an item of another tree: the shared one when there
// is one.
func (s sharedSet) of(text string) jen.Code {
	if c, ok := s.codes[text]; ok {
		return c
	}
	return s.mk(text)
}

func litCode(s string) jen.Code { return lit(s) }
func idCode(s string) jen.Code  { return jen.Id(s) }

// lit is jen.Lit(s) as one identifier token of the text jennifer renders
// the literal to (fmt's %#v of a string, which is strconv.Quote's): it
// formats a literal with fmt.Sprintf on every render.
func lit(s string) *jen.Statement { return jen.Id(strconv.Quote(s)) }

// intLit is jen.Lit(n) as one identifier token (fmt's %#v of an int is
// its decimal form, strconv.Itoa's).
func intLit(n int) *jen.Statement { return jen.Id(strconv.Itoa(n)) }

var (
	// sharedMethods are the literals of the HTTP methods, sharedMedia
	// that of the usual media type.
	sharedMethods = newSharedSet(litCode, "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
	sharedMedia   = newSharedSet(litCode, "application/json")
	// sharedIdents are identifiers the emitters use in every operation
	// and test: the runtime functions that spell arguments (pathArgFunc,
	// queryArgFunc, the params' setters), the fields of the request and
	// test case literals, the tests' variables.
	sharedIdents = newSharedSet(idCode,
		"quoteArg", "literalArg", "pathEscape", "odataString", "odataPhrase", "odataLiteral",
		"formatOptional", "formatList", "formatBool", "formatValue", "queryValue", "headerValue",
		"method", "path", "opts", "query", "body", "contentType", "rawBody", "noRedirect",
		"status", "header", "response", "location", "responseType",
		"t", "got", "params",
	)
)

// methodLit is jen.Lit(method), mediaLit jen.Lit(media) and ident
// jen.Id(name), each the shared one when there is one.
func methodLit(method string) jen.Code { return sharedMethods.of(method) }
func mediaLit(media string) jen.Code   { return sharedMedia.of(media) }
func ident(name string) jen.Code       { return sharedIdents.of(name) }

// sharedLine, sharedColon and sharedCommaLine are what jen.Dict writes
// before its elements, between a key and its value and after an element
// when there are two or more (keyedValues); sharedKeys are the keys of
// the request and test case literals with the colon after them.
var (
	sharedLine      jen.Code = prerendered(jen.Line())
	sharedColon     jen.Code = prerendered(jen.Op(":"))
	sharedCommaLine jen.Code = prerendered(jen.Custom(jen.Options{}, jen.Op(","), jen.Line()))
	sharedKeys               = newSharedSet(func(name string) jen.Code {
		return prerendered(jen.Custom(jen.Options{}, jen.Id(name), jen.Op(":")))
	},
		"method", "path", "opts", "query", "body", "contentType", "rawBody", "noRedirect",
		"status", "header", "response", "location", "responseType",
	)
)

// keyed is one key: value element of a composite literal (keyedValues);
// sortKey is the key as jennifer renders it.
type keyed struct {
	sortKey  string
	key, val jen.Code
	// keyColon is the key and the colon after it, when they are shared
	keyColon jen.Code
}

// keyedValues is the value {k: v, ...} of a composite literal of elems,
// rendered to the same text as jen.Values(jen.Dict{...}) of them: the
// elements in the order of their keys' text, each on its own line when
// there are two or more. jen.Dict renders every key once more to sort
// them (each to a buffer of its own, through a map of the strings): a
// fifth of jennifer's rendering of v1.0's operations and tests. Here the
// emitter gives the key's text, and the elements are the items of one
// group without separators, which jennifer writes one after the other.
// No two keys may have the same text, and neither a key nor a value may
// be jen.Null (jen.Dict leaves such an element out).
func keyedValues(elems []keyed) jen.Code {
	slices.SortFunc(elems, func(a, b keyed) int { return strings.Compare(a.sortKey, b.sortKey) })
	multi := len(elems) > 1
	n := 3 * len(elems)
	if multi {
		n += 1 + 2*len(elems)
	}
	items := make([]jen.Code, 0, n)
	if multi {
		items = append(items, sharedLine)
	}
	for _, e := range elems {
		if e.keyColon != nil {
			items = append(items, e.keyColon, e.val)
		} else {
			items = append(items, e.key, sharedColon, e.val)
		}
		if multi {
			items = append(items, sharedCommaLine)
		}
	}
	return jen.Custom(jen.Options{Open: "{", Close: "}"}, items...)
}

// field is the element name: val of a struct literal (keyedValues).
func field(name string, val jen.Code) keyed {
	if kc, ok := sharedKeys.codes[name]; ok {
		return keyed{sortKey: name, keyColon: kc, val: val}
	}
	return keyed{sortKey: name, key: ident(name), val: val}
}

// strField is the element "name": val of a map literal (keyedValues).
func strField(name string, val jen.Code) keyed {
	q := strconv.Quote(name) // lit(name)'s text
	return keyed{sortKey: q, key: jen.Id(q), val: val}
}

// codeMemo holds codes of the document that repeat from one file to the
// next with the same text, each made once by its key, the values it is
// made of; the files are built concurrently. Generate forgets them when
// it returns (forgetDocumentCodes): a process that generates many
// documents keeps none of them, and a Generate beside another only makes
// again what the other's end forgot.
type codeMemo struct {
	mu    sync.RWMutex
	codes map[string]jen.Code
}

// get is the code of key, made by mk the first time: key must say
// everything mk reads. key is only read.
func (m *codeMemo) get(key []byte, mk func() jen.Code) jen.Code {
	if c, ok := m.lookup(key); ok {
		return c
	}
	return m.put(key, mk())
}

// lookup is the code of key, if it was made.
func (m *codeMemo) lookup(key []byte) (jen.Code, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	c, ok := m.codes[string(key)]
	return c, ok
}

// forget drops every code.
func (m *codeMemo) forget() {
	m.mu.Lock()
	m.codes = nil
	m.mu.Unlock()
}

// size is the number of codes held.
func (m *codeMemo) size() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.codes)
}

// forgetDocumentCodes drops the codes of the documents generated.
func forgetDocumentCodes() {
	sharedRepeats.forget()
	sharedNames.forget()
	sharedPathParams.forget()
}

// put makes c the code of key, unless another goroutine made one first:
// it returns the code of key.
func (m *codeMemo) put(key []byte, c jen.Code) jen.Code {
	m.mu.Lock()
	defer m.mu.Unlock()
	if old, ok := m.codes[string(key)]; ok {
		return old
	}
	if m.codes == nil {
		m.codes = map[string]jen.Code{}
	}
	m.codes[string(key)] = c
	return c
}

// sharedRepeats are prerendered codes that repeat: the params structs'
// setters (v1.0 has 2,873 of 42 texts: queryValue(r, "$select",
// formatList(p.Select)) 442 times) and their OData option fields.
// Prerendering renders a whole jennifer file: only for what repeats that
// much.
var sharedRepeats codeMemo

// repeated is prerendered(mk()) of the key, made once (codeMemo.get).
func repeated(key []byte, mk func() jen.Code) jen.Code {
	return sharedRepeats.get(key, func() jen.Code { return prerendered(mk()) })
}

// sharedNames are the literals of the property names the files list
// (the tests' opsCheckKeys and opsCheckTyped, the models'
// unmarshalObject): v1.0's tests list 12,505 of 1,142 names, its models
// 9,752 of 3,172.
var sharedNames codeMemo

// nameLit is lit(name), the shared one.
func nameLit(name string) jen.Code {
	return sharedNames.get(unsafe.Slice(unsafe.StringData(name), len(name)), func() jen.Code { return lit(name) })
}
