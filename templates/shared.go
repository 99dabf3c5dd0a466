package templates

import "github.com/dave/jennifer/jen"

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
	// (c *Client), the receiver of an operation
	sharedClientRecv jen.Code = jen.Id("c").Op("*").Id("Client")
	// ctx, c, r: the first arguments of an operation's invoke call
	sharedIdCtx jen.Code = jen.Id("ctx")
	sharedIdC   jen.Code = jen.Id("c")
	sharedIdR   jen.Code = jen.Id("r")
	// t *testing.T, a test's parameter
	sharedTestingT jen.Code = jen.Id("t").Op("*").Qual("testing", "T")
	// if err != nil { t.Fatal(err) }
	sharedIfErrFatal jen.Code = jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Err()))
	// got, err
	sharedGotErr jen.Code = jen.List(jen.Id("got"), jen.Err())
	// ([]byte, error), MarshalJSON's results
	sharedBytesErr = []jen.Code{jen.Index().Byte(), jen.Error()}
	// b []byte, UnmarshalJSON's parameter
	sharedBBytes jen.Code = jen.Id("b").Index().Byte()
	// return marshalObject(plain(v), v.AdditionalProperties)
	sharedMarshalReturn jen.Code = jen.Return(jen.Id("marshalObject").Call(jen.Id("plain").Call(jen.Id("v")), jen.Id("v").Dot("AdditionalProperties")))
	// b, (*plain)(v), &v.AdditionalProperties: unmarshalObject's first arguments
	sharedUnmarshalArgs = []jen.Code{jen.Id("b"), jen.Parens(jen.Op("*").Id("plain")).Call(jen.Id("v")), jen.Op("&").Id("v").Dot("AdditionalProperties")}
	// AdditionalProperties map[string]json.RawMessage `json:"-"`
	sharedAdditionalProps jen.Code = jen.Id("AdditionalProperties").Map(jen.String()).Qual(jsonPkg, "RawMessage").Tag(map[string]string{"json": "-"})
)

// sharedIdents are identifiers the emitters use in every operation and
// test (the fields of the request and test case literals, the tests'
// variables), built once.
var sharedIdents = func() map[string]jen.Code {
	m := map[string]jen.Code{}
	for _, n := range []string{
		"method", "path", "opts", "query", "body", "contentType", "rawBody", "noRedirect",
		"status", "header", "response", "location", "responseType",
		"t", "got", "params",
	} {
		m[n] = jen.Id(n)
	}
	return m
}()

// ident is jen.Id(name) as an item of another tree: the shared one when
// there is one.
func ident(name string) jen.Code {
	if c, ok := sharedIdents[name]; ok {
		return c
	}
	return jen.Id(name)
}
