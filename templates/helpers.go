package templates

import (
	"github.com/dave/jennifer/jen"
)

// This file emits helpers.go of the generated package: the unexported
// helpers the models and operations share, so that each generated method
// and type stays a few lines.

// helperNames are the package-level names helpers.go declares.
var helperNames = []string{
	"marshalObject", "unmarshalObject", "queryValue", "headerValue", "formatValue",
	"formatList", "formatOptional", "formatBool", "quoteArg", "invoke", "invokeValue",
	"invokeNone", "invokeStream", "invokeLocation", "NextPage", "All",
}

func ctxParam() jen.Code { return jen.Id("ctx").Qual(ctxPkg, "Context") }
func reqParam() jen.Code { return jen.Id("r").Op("*").Id("request") }
func ifErr(ret ...jen.Code) jen.Code {
	return jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(ret...))
}

func helpersFile(pkg string) *jen.File {
	f := newFile(pkg)
	raw := jen.Qual(jsonPkg, "RawMessage")
	T := jen.Id("T")

	f.Comment("marshalObject encodes v, a struct without methods, and adds the")
	f.Comment("additional properties whose keys it does not have.")
	f.Func().Id("marshalObject").Params(jen.Id("v").Any(), jen.Id("extra").Map(jen.String()).Add(raw)).Params(jen.Index().Byte(), jen.Error()).Block(
		jen.List(jen.Id("b"), jen.Err()).Op(":=").Qual(jsonPkg, "Marshal").Call(jen.Id("v")),
		jen.If(jen.Err().Op("!=").Nil().Op("||").Len(jen.Id("extra")).Op("==").Lit(0)).Block(jen.Return(jen.Id("b"), jen.Err())),
		jen.Var().Id("all").Map(jen.String()).Qual(jsonPkg, "RawMessage"),
		jen.If(jen.Err().Op(":=").Qual(jsonPkg, "Unmarshal").Call(jen.Id("b"), jen.Op("&").Id("all")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.For(jen.List(jen.Id("k"), jen.Id("x")).Op(":=").Range().Id("extra")).Block(
			jen.If(jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Id("all").Index(jen.Id("k")), jen.Op("!").Id("ok")).Block(
				jen.Id("all").Index(jen.Id("k")).Op("=").Id("x"),
			),
		),
		jen.Return(jen.Qual(jsonPkg, "Marshal").Call(jen.Id("all"))),
	)
	f.Line()
	f.Comment("unmarshalObject decodes b into v, a struct without methods, and keeps")
	f.Comment("the properties other than known in *extra (keys that differ from a")
	f.Comment("known one in case only are known: encoding/json fills the field).")
	f.Func().Id("unmarshalObject").Params(jen.Id("b").Index().Byte(), jen.Id("v").Any(), jen.Id("extra").Op("*").Map(jen.String()).Qual(jsonPkg, "RawMessage"), jen.Id("known").Op("...").String()).Error().Block(
		jen.If(jen.String().Call(jen.Id("b")).Op("==").Lit("null")).Block(jen.Return(jen.Nil())),
		jen.If(jen.Err().Op(":=").Qual(jsonPkg, "Unmarshal").Call(jen.Id("b"), jen.Id("v")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.Var().Id("all").Map(jen.String()).Qual(jsonPkg, "RawMessage"),
		jen.If(jen.Err().Op(":=").Qual(jsonPkg, "Unmarshal").Call(jen.Id("b"), jen.Op("&").Id("all")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		// encoding/json fills a field from a key that differs in case
		// only, so such a key is known too.
		jen.For(jen.Id("k").Op(":=").Range().Id("all")).Block(
			jen.For(jen.List(jen.Id("_"), jen.Id("n")).Op(":=").Range().Id("known")).Block(
				jen.If(jen.Qual("strings", "EqualFold").Call(jen.Id("k"), jen.Id("n"))).Block(jen.Delete(jen.Id("all"), jen.Id("k")), jen.Break()),
			),
		),
		jen.Op("*").Id("extra").Op("=").Nil(),
		jen.If(jen.Len(jen.Id("all")).Op(">").Lit(0)).Block(jen.Op("*").Id("extra").Op("=").Id("all")),
		jen.Return(jen.Nil()),
	)
	f.Line()
	for _, h := range []struct{ name, field, ctor string }{{"queryValue", "query", "Values"}, {"headerValue", "header", "Header"}} {
		pkg := urlPkg
		if h.ctor == "Header" {
			pkg = httpPkg
		}
		f.Commentf("%s sets key to v in r's %s unless v is empty.", h.name, h.field)
		f.Func().Id(h.name).Params(reqParam(), jen.List(jen.Id("key"), jen.Id("v")).String()).Block(
			jen.If(jen.Id("v").Op("==").Lit("")).Block(jen.Return()),
			jen.If(jen.Id("r").Dot(h.field).Op("==").Nil()).Block(jen.Id("r").Dot(h.field).Op("=").Qual(pkg, h.ctor).Values()),
			jen.Id("r").Dot(h.field).Dot("Set").Call(jen.Id("key"), jen.Id("v")),
		)
		f.Line()
	}
	f.Comment("formatValue spells a parameter value as Graph expects it in a URL.")
	f.Func().Id("formatValue").Params(jen.Id("v").Any()).String().Block(
		jen.Switch(jen.Id("x").Op(":=").Id("v").Assert(jen.Type())).Block(
			jen.Case(jen.String()).Block(jen.Return(jen.Id("x"))),
			jen.Case(jen.Qual(timePkg, "Time")).Block(jen.Return(jen.Id("x").Dot("Format").Call(jen.Qual(timePkg, "RFC3339Nano")))),
			jen.Case(jen.Qual("fmt", "Stringer")).Block(jen.Return(jen.Id("x").Dot("String").Call())),
		),
		jen.Return(jen.Qual("fmt", "Sprint").Call(jen.Id("v"))),
	)
	f.Line()
	f.Comment("formatList joins the values with commas.")
	f.Func().Id("formatList").Types(jen.Id("T").Any()).Params(jen.Id("vs").Index().Add(T)).String().Block(
		jen.Id("parts").Op(":=").Make(jen.Index().String(), jen.Len(jen.Id("vs"))),
		jen.For(jen.List(jen.Id("i"), jen.Id("v")).Op(":=").Range().Id("vs")).Block(
			jen.Id("parts").Index(jen.Id("i")).Op("=").Id("formatValue").Call(jen.Id("v")),
		),
		jen.Return(jen.Qual("strings", "Join").Call(jen.Id("parts"), jen.Lit(","))),
	)
	f.Line()
	f.Comment("formatOptional spells a set value; absent and null are empty.")
	f.Func().Id("formatOptional").Types(jen.Id("T").Any()).Params(jen.Id("o").Id("Optional").Types(T)).String().Block(
		jen.If(jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Id("o").Dot("Get").Call(), jen.Id("ok")).Block(jen.Return(jen.Id("formatValue").Call(jen.Id("v")))),
		jen.Return(jen.Lit("")),
	)
	f.Line()
	f.Comment("formatBool spells true; false is left out.")
	f.Func().Id("formatBool").Params(jen.Id("b").Bool()).String().Block(
		jen.If(jen.Id("b")).Block(jen.Return(jen.Lit("true"))),
		jen.Return(jen.Lit("")),
	)
	f.Line()
	f.Comment("quoteArg spells a function argument inside '...': quotes doubled, then")
	f.Comment("escaped as a path segment.")
	f.Func().Id("quoteArg").Params(jen.Id("s").String()).String().Block(
		jen.Return(jen.Id("pathEscape").Call(jen.Qual("strings", "ReplaceAll").Call(jen.Id("s"), jen.Lit("'"), jen.Lit("''")))),
	)
	f.Line()
	f.Comment("invoke sends r and decodes the JSON response into a new T.")
	f.Func().Id("invoke").Types(jen.Id("T").Any()).Params(ctxParam(), jen.Id("c").Op("*").Id("Client"), reqParam()).Params(jen.Op("*").Add(T), jen.Error()).Block(
		jen.Id("out").Op(":=").New(T),
		jen.If(jen.List(jen.Id("_"), jen.Err()).Op(":=").Id("c").Dot("do").Call(jen.Id("ctx"), jen.Id("r"), jen.Id("out")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Id("out"), jen.Nil()),
	)
	f.Line()
	f.Comment("invokeValue sends r and returns the \"value\" of the JSON response.")
	f.Func().Id("invokeValue").Types(jen.Id("T").Any()).Params(ctxParam(), jen.Id("c").Op("*").Id("Client"), reqParam()).Params(T, jen.Error()).Block(
		jen.Var().Id("out").Struct(jen.Id("Value").Add(T).Tag(map[string]string{"json": "value"})),
		jen.List(jen.Id("_"), jen.Err()).Op(":=").Id("c").Dot("do").Call(jen.Id("ctx"), jen.Id("r"), jen.Op("&").Id("out")),
		jen.Return(jen.Id("out").Dot("Value"), jen.Err()),
	)
	f.Line()
	f.Comment("invokeNone sends r and expects no content.")
	f.Func().Id("invokeNone").Params(ctxParam(), jen.Id("c").Op("*").Id("Client"), reqParam()).Error().Block(
		jen.List(jen.Id("_"), jen.Err()).Op(":=").Id("c").Dot("do").Call(jen.Id("ctx"), jen.Id("r"), jen.Nil()),
		jen.Return(jen.Err()),
	)
	f.Line()
	f.Comment("invokeStream sends r and returns the response body; the caller closes it.")
	f.Func().Id("invokeStream").Params(ctxParam(), jen.Id("c").Op("*").Id("Client"), reqParam()).Params(jen.Qual(ioPkg, "ReadCloser"), jen.Error()).Block(
		jen.List(jen.Id("body"), jen.Id("_"), jen.Err()).Op(":=").Id("c").Dot("doStream").Call(jen.Id("ctx"), jen.Id("r")),
		jen.Return(jen.Id("body"), jen.Err()),
	)
	f.Line()
	f.Comment("invokeLocation sends r, expects status and returns the Location header.")
	f.Func().Id("invokeLocation").Params(ctxParam(), jen.Id("c").Op("*").Id("Client"), reqParam(), jen.Id("status").Int()).Params(jen.Op("*").Qual(urlPkg, "URL"), jen.Error()).Block(
		jen.List(jen.Id("resp"), jen.Err()).Op(":=").Id("c").Dot("do").Call(jen.Id("ctx"), jen.Id("r"), jen.Nil(), jen.Id("status")),
		ifErr(jen.Nil(), jen.Err()),
		jen.Return(jen.Id("location").Call(jen.Id("resp"))),
	)
	nextPageHelper(f)
	allHelper(f)
	return f
}

// nextPageHelper adds NextPage, which follows an @odata.nextLink.
func nextPageHelper(f *jen.File) {
	f.Line()
	f.Comment("NextPage fetches the page at nextLink, the ODataNextLink of a collection")
	f.Comment("response, and decodes it as T, the same collection response type:")
	f.Comment("")
	f.Comment("\tfor page != nil {")
	f.Comment("\t\t// use page.Value")
	f.Comment("\t\tlink, ok := page.ODataNextLink.Get()")
	f.Comment("\t\tif !ok {")
	f.Comment("\t\t\tbreak")
	f.Comment("\t\t}")
	f.Comment("\t\tif page, err = NextPage[EventCollectionResponse](ctx, c, link); err != nil {")
	f.Comment("\t\t\treturn err")
	f.Comment("\t\t}")
	f.Comment("\t}")
	f.Func().Id("NextPage").Types(jen.Id("T").Any()).Params(ctxParam(), jen.Id("c").Op("*").Id("Client"), jen.Id("nextLink").String()).Params(jen.Op("*").Id("T"), jen.Error()).Block(
		jen.Return(jen.Id("invoke").Types(jen.Id("T")).Call(jen.Id("ctx"), jen.Id("c"), jen.Op("&").Id("request").Values(jen.Dict{
			jen.Id("method"): jen.Lit("GET"),
			jen.Id("path"):   jen.Id("nextLink"),
		}))),
	)
}

// allHelper adds All, the iterator over every item of a paged collection.
func allHelper(f *jen.File) {
	T, R, P := jen.Id("T"), jen.Id("R"), jen.Id("P")
	page := jen.Id("page")
	f.Line()
	f.Comment("All returns an iterator over the items of every page of a collection:")
	f.Comment("first fetches the first page (it is called when the loop starts), and")
	f.Comment("each @odata.nextLink is then followed with c. It stops fetching when the")
	f.Comment("loop breaks; an error (of the first page or a next one) is yielded once,")
	f.Comment("with the zero T, and ends the iteration.")
	f.Comment("")
	f.Comment("\tfor ev, err := range All(ctx, c, func(ctx context.Context) (*EventCollectionResponse, error) {")
	f.Comment("\t\treturn c.ListMeEvents(ctx, nil)")
	f.Comment("\t}) {")
	f.Comment("\t\tif err != nil {")
	f.Comment("\t\t\treturn err")
	f.Comment("\t\t}")
	f.Comment("\t\t// use ev")
	f.Comment("\t}")
	f.Comment("")
	f.Comment("Every collection response type (NAMECollectionResponse) has the Items and")
	f.Comment("NextLink methods All needs; T is inferred from them.")
	f.Func().Id("All").Types(
		R.Clone().Any(),
		T.Clone().Any(),
		P.Clone().Interface(
			jen.Op("*").Add(R),
			jen.Id("Items").Params().Index().Add(T),
			jen.Id("NextLink").Params().Params(jen.String(), jen.Bool()),
		),
	).Params(ctxParam(), jen.Id("c").Op("*").Id("Client"), jen.Id("first").Func().Params(jen.Qual(ctxPkg, "Context")).Params(P, jen.Error())).Qual("iter", "Seq2").Types(T, jen.Error()).Block(
		jen.Return(jen.Func().Params(jen.Id("yield").Func().Params(T, jen.Error()).Bool()).Block(
			jen.List(page, jen.Err()).Op(":=").Id("first").Call(jen.Id("ctx")),
			jen.Id("seen").Op(":=").Map(jen.String()).Bool().Values(),
			jen.For().Block(
				jen.If(jen.Err().Op("!=").Nil()).Block(
					jen.Var().Id("zero").Add(T),
					jen.Id("yield").Call(jen.Id("zero"), jen.Err()),
					jen.Return(),
				),
				jen.If(page.Clone().Op("==").Nil()).Block(jen.Return()),
				jen.For(jen.List(jen.Id("_"), jen.Id("v")).Op(":=").Range().Add(page).Dot("Items").Call()).Block(
					jen.If(jen.Op("!").Id("yield").Call(jen.Id("v"), jen.Nil())).Block(jen.Return()),
				),
				jen.List(jen.Id("link"), jen.Id("ok")).Op(":=").Add(page).Dot("NextLink").Call(),
				jen.If(jen.Op("!").Id("ok").Op("||").Id("link").Op("==").Lit("")).Block(jen.Return()),
				jen.Comment("a server that sends a page's link again would loop forever"),
				jen.If(jen.Id("seen").Index(jen.Id("link"))).Block(
					jen.Var().Id("zero").Add(T),
					jen.Id("yield").Call(jen.Id("zero"), jen.Qual("fmt", "Errorf").Call(jen.Lit("next page %s: link already followed"), jen.Id("link"))),
					jen.Return(),
				),
				jen.Id("seen").Index(jen.Id("link")).Op("=").True(),
				jen.Var().Id("next").Op("*").Add(R),
				jen.List(jen.Id("next"), jen.Err()).Op("=").Id("NextPage").Types(R).Call(jen.Id("ctx"), jen.Id("c"), jen.Id("link")),
				page.Clone().Op("=").Id("next"),
			),
		)),
	)
}
