package templates

import (
	"github.com/dave/jennifer/jen"
)

// testHelpersFile is ops_helpers_test.go: the server and the JSON checks
// the generated operation tests share.
func testHelpersFile(pkg string) *jen.File {
	f := newFile(pkg)
	t := jen.Id("t")
	tParam := jen.Id("t").Op("*").Qual("testing", "T")
	errf := func(format string, args ...jen.Code) jen.Code {
		return t.Clone().Dot("Errorf").Call(append([]jen.Code{jen.Lit(format)}, args...)...)
	}
	f.Comment("opsCase is the request a generated test expects and the response it sends.")
	f.Type().Id("opsCase").Struct(
		jen.Id("method").String(),
		jen.Id("path").String().Comment("escaped, as r.URL.EscapedPath() returns it"),
		jen.Id("query").Qual(urlPkg, "Values").Comment("expected query parameters"),
		jen.Id("header").Qual(httpPkg, "Header").Comment("expected request headers"),
		jen.Id("contentType").String().Comment("expected request Content-Type"),
		jen.Id("body").Index().Byte().Comment("expected JSON request body"),
		jen.Id("rawBody").String().Comment("expected raw request body"),
		jen.Id("status").Int(),
		jen.Id("location").String(),
		jen.Id("responseType").String().Comment("application/json when empty"),
		jen.Id("response").String(),
	)
	f.Line()
	r := jen.Id("r")
	f.Comment("opsServe starts a server that checks the request against tc and answers")
	f.Comment("it, and returns a Client for it. The server must be called once.")
	f.Func().Id("opsServe").Params(tParam, jen.Id("tc").Id("opsCase")).Op("*").Id("Client").Block(
		t.Clone().Dot("Helper").Call(),
		jen.Var().Id("calls").Qual("sync/atomic", "Int32"),
		jen.Id("srv").Op(":=").Qual("net/http/httptest", "NewServer").Call(jen.Qual(httpPkg, "HandlerFunc").Call(
			jen.Func().Params(jen.Id("w").Qual(httpPkg, "ResponseWriter"), jen.Id("r").Op("*").Qual(httpPkg, "Request")).Block(
				jen.Id("calls").Dot("Add").Call(jen.Lit(1)),
				jen.If(r.Clone().Dot("Method").Op("!=").Id("tc").Dot("method")).Block(errf("method = %s, want %s", r.Clone().Dot("Method"), jen.Id("tc").Dot("method"))),
				jen.If(jen.Id("got").Op(":=").Add(r.Clone().Dot("URL").Dot("EscapedPath").Call()), jen.Id("got").Op("!=").Id("tc").Dot("path")).Block(errf("path = %s, want %s", jen.Id("got"), jen.Id("tc").Dot("path"))),
				jen.If(jen.Id("got").Op(":=").Add(r.Clone().Dot("Header").Dot("Get").Call(jen.Lit("Authorization"))), jen.Id("got").Op("!=").Lit("Bearer test-token")).Block(errf("Authorization = %q", jen.Id("got"))),
				jen.For(jen.List(jen.Id("k"), jen.Id("want")).Op(":=").Range().Id("tc").Dot("query")).Block(
					jen.If(jen.Id("got").Op(":=").Add(r.Clone().Dot("URL").Dot("Query").Call().Index(jen.Id("k"))), jen.Op("!").Qual("slices", "Equal").Call(jen.Id("got"), jen.Id("want"))).Block(errf("query %s = %q, want %q", jen.Id("k"), jen.Id("got"), jen.Id("want"))),
				),
				jen.For(jen.List(jen.Id("k"), jen.Id("want")).Op(":=").Range().Id("tc").Dot("header")).Block(
					jen.If(jen.Id("got").Op(":=").Add(r.Clone().Dot("Header").Dot("Values").Call(jen.Id("k"))), jen.Op("!").Qual("slices", "Equal").Call(jen.Id("got"), jen.Id("want"))).Block(errf("header %s = %q, want %q", jen.Id("k"), jen.Id("got"), jen.Id("want"))),
				),
				jen.If(jen.Id("tc").Dot("contentType").Op("!=").Lit("").Op("&&").Op("!").Qual("strings", "HasPrefix").Call(r.Clone().Dot("Header").Dot("Get").Call(jen.Lit("Content-Type")), jen.Id("tc").Dot("contentType"))).Block(
					errf("Content-Type = %q, want %q", r.Clone().Dot("Header").Dot("Get").Call(jen.Lit("Content-Type")), jen.Id("tc").Dot("contentType")),
				),
				jen.List(jen.Id("b"), jen.Err()).Op(":=").Qual(ioPkg, "ReadAll").Call(r.Clone().Dot("Body")),
				jen.If(jen.Err().Op("!=").Nil()).Block(errf("read body: %v", jen.Err())),
				jen.If(jen.Id("tc").Dot("body").Op("!=").Nil().Op("&&").Op("!").Id("opsSameJSON").Call(jen.Id("b"), jen.Id("tc").Dot("body"))).Block(errf("body = %s, want %s", jen.Id("b"), jen.Id("tc").Dot("body"))),
				jen.If(jen.Id("tc").Dot("rawBody").Op("!=").Lit("").Op("&&").String().Call(jen.Id("b")).Op("!=").Id("tc").Dot("rawBody")).Block(errf("body = %q, want %q", jen.Id("b"), jen.Id("tc").Dot("rawBody"))),
				jen.If(jen.Id("tc").Dot("location").Op("!=").Lit("")).Block(jen.Id("w").Dot("Header").Call().Dot("Set").Call(jen.Lit("Location"), jen.Id("tc").Dot("location"))),
				jen.If(jen.Id("tc").Dot("response").Op("!=").Lit("")).Block(
					jen.Id("ct").Op(":=").Id("tc").Dot("responseType"),
					jen.If(jen.Id("ct").Op("==").Lit("")).Block(jen.Id("ct").Op("=").Lit("application/json")),
					jen.Id("w").Dot("Header").Call().Dot("Set").Call(jen.Lit("Content-Type"), jen.Id("ct")),
				),
				jen.Id("w").Dot("Header").Call().Dot("Set").Call(jen.Lit("request-id"), jen.Lit("header-request-id")),
				jen.Id("w").Dot("WriteHeader").Call(jen.Id("tc").Dot("status")),
				jen.Qual(ioPkg, "WriteString").Call(jen.Id("w"), jen.Id("tc").Dot("response")),
			),
		)),
		t.Clone().Dot("Cleanup").Call(jen.Func().Params().Block(
			jen.Id("srv").Dot("Close").Call(),
			jen.If(jen.Id("n").Op(":=").Id("calls").Dot("Load").Call(), jen.Id("n").Op("!=").Lit(1)).Block(errf("server called %d times, want 1", jen.Id("n"))),
		)),
		jen.Return(jen.Id("New").Call(
			jen.Id("WithBaseURL").Call(jen.Id("srv").Dot("URL")),
			jen.Id("WithHTTPClient").Call(jen.Id("srv").Dot("Client").Call()),
			jen.Id("WithTokenSource").Call(jen.Id("StaticToken").Call(jen.Lit("test-token"))),
		)),
	)
	f.Line()
	f.Comment("opsSameJSON reports whether a and b are the same JSON value.")
	f.Func().Id("opsSameJSON").Params(jen.List(jen.Id("a"), jen.Id("b")).Index().Byte()).Bool().Block(
		jen.Var().List(jen.Id("x"), jen.Id("y")).Any(),
		jen.If(jen.Qual(jsonPkg, "Unmarshal").Call(jen.Id("a"), jen.Op("&").Id("x")).Op("!=").Nil().Op("||").Qual(jsonPkg, "Unmarshal").Call(jen.Id("b"), jen.Op("&").Id("y")).Op("!=").Nil()).Block(jen.Return(jen.False())),
		jen.Return(jen.Qual("reflect", "DeepEqual").Call(jen.Id("x"), jen.Id("y"))),
	)
	f.Line()
	f.Comment("opsDecode decodes the JSON s into v.")
	f.Func().Id("opsDecode").Params(tParam, jen.Id("s").String(), jen.Id("v").Any()).Block(
		t.Clone().Dot("Helper").Call(),
		jen.If(jen.Err().Op(":=").Qual(jsonPkg, "Unmarshal").Call(jen.Index().Byte().Call(jen.Id("s")), jen.Id("v")), jen.Err().Op("!=").Nil()).Block(
			t.Clone().Dot("Fatalf").Call(jen.Lit("decode %s: %v"), jen.Id("s"), jen.Err()),
		),
	)
	f.Line()
	f.Comment("opsMarshal encodes v as JSON.")
	f.Func().Id("opsMarshal").Params(tParam, jen.Id("v").Any()).Index().Byte().Block(
		t.Clone().Dot("Helper").Call(),
		jen.List(jen.Id("b"), jen.Err()).Op(":=").Qual(jsonPkg, "Marshal").Call(jen.Id("v")),
		jen.If(jen.Err().Op("!=").Nil()).Block(t.Clone().Dot("Fatalf").Call(jen.Lit("encode: %v"), jen.Err())),
		jen.Return(jen.Id("b")),
	)
	f.Line()
	f.Comment("opsWrap puts a primitive result back in its {\"value\": ...} wrapper.")
	f.Func().Id("opsWrap").Params(jen.Id("v").Any()).Any().Block(
		jen.Return(jen.Map(jen.String()).Any().Values(jen.Dict{jen.Lit("value"): jen.Id("v")})),
	)
	f.Line()
	f.Comment("opsHasKey reports whether m has key k, or a key that differs in case")
	f.Comment("only (encoding/json decodes such a key into the field, which encodes")
	f.Comment("under its own spelling).")
	f.Func().Id("opsHasKey").Params(jen.Id("m").Map(jen.String()).Any(), jen.Id("k").String()).Bool().Block(
		jen.If(jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Id("m").Index(jen.Id("k")), jen.Id("ok")).Block(jen.Return(jen.True())),
		jen.For(jen.Id("n").Op(":=").Range().Id("m")).Block(
			jen.If(jen.Qual("strings", "EqualFold").Call(jen.Id("n"), jen.Id("k"))).Block(jen.Return(jen.True())),
		),
		jen.Return(jen.False()),
	)
	f.Line()
	f.Comment("opsCheckKeys checks that v, encoded again, has every non-null property")
	f.Comment("of the JSON object want, with the same value for the stable keys.")
	f.Func().Id("opsCheckKeys").Params(tParam, jen.Id("v").Any(), jen.Id("want").String(), jen.Id("stable").Op("...").String()).Block(
		t.Clone().Dot("Helper").Call(),
		jen.Var().List(jen.Id("got"), jen.Id("exp")).Map(jen.String()).Any(),
		jen.Id("opsDecode").Call(t.Clone(), jen.String().Call(jen.Id("opsMarshal").Call(t.Clone(), jen.Id("v"))), jen.Op("&").Id("got")),
		jen.Id("opsDecode").Call(t.Clone(), jen.Id("want"), jen.Op("&").Id("exp")),
		jen.For(jen.List(jen.Id("k"), jen.Id("x")).Op(":=").Range().Id("exp")).Block(
			jen.If(jen.Id("x").Op("!=").Nil().Op("&&").Op("!").Id("opsHasKey").Call(jen.Id("got"), jen.Id("k"))).Block(errf("property %q lost in %s", jen.Id("k"), jen.Id("want"))),
		),
		jen.For(jen.List(jen.Id("_"), jen.Id("k")).Op(":=").Range().Id("stable")).Block(
			jen.If(jen.Op("!").Qual("reflect", "DeepEqual").Call(jen.Id("got").Index(jen.Id("k")), jen.Id("exp").Index(jen.Id("k")))).Block(errf("property %q = %v, want %v", jen.Id("k"), jen.Id("got").Index(jen.Id("k")), jen.Id("exp").Index(jen.Id("k")))),
		),
	)
	f.Line()
	f.Comment("opsCheckTyped checks that the result type is the one of the docs example")
	f.Comment("response: its keys the type has properties for (typed) are not left in")
	f.Comment("AdditionalProperties (extra), and not all n keys of the example are.")
	f.Func().Id("opsCheckTyped").Params(tParam, jen.Id("extra").Map(jen.String()).Qual("encoding/json", "RawMessage"), jen.Id("typeName").String(), jen.Id("n").Int(), jen.Id("typed").Op("...").String()).Block(
		t.Clone().Dot("Helper").Call(),
		jen.For(jen.List(jen.Id("_"), jen.Id("k")).Op(":=").Range().Id("typed")).Block(
			jen.If(jen.List(jen.Id("_"), jen.Id("untyped")).Op(":=").Id("extra").Index(jen.Id("k")), jen.Id("untyped")).Block(
				errf("property %q of the docs example response is not decoded into a property of %s", jen.Id("k"), jen.Id("typeName")),
			),
		),
		jen.If(jen.Id("n").Op(">").Lit(0).Op("&&").Len(jen.Id("extra")).Op("==").Id("n")).Block(
			errf("none of the %d properties of the docs example response is a property of %s: the result type does not match the docs", jen.Id("n"), jen.Id("typeName")),
		),
	)
	pagingTest(f)
	return f
}

// pagingTest adds TestOpsPaging, the test of All against a server of three
// pages whose next links are absolute URLs, and opsPage, its page type.
func pagingTest(f *jen.File) {
	t := jen.Id("t")
	tParam := jen.Id("t").Op("*").Qual("testing", "T")
	id := jen.Id
	errf := func(format string, args ...jen.Code) jen.Code {
		return t.Clone().Dot("Errorf").Call(append([]jen.Code{jen.Lit(format)}, args...)...)
	}
	intsEqual := func(got string, want ...int) jen.Code {
		lits := make([]jen.Code, len(want))
		for i, w := range want {
			lits[i] = jen.Lit(w)
		}
		return jen.If(id("want").Op(":=").Index().Int().Values(lits...), jen.Op("!").Qual("slices", "Equal").Call(id(got), id("want"))).Block(
			errf("items = %v, want %v", id(got), id("want")),
		)
	}
	wantCalls := func(n int, why string) jen.Code {
		return jen.If(id("n").Op(":=").Id("calls").Dot("Load").Call(), id("n").Op("!=").Lit(n)).Block(
			errf("%d requests, want %d"+why, id("n"), jen.Lit(n)),
		)
	}
	all := func() *jen.Statement {
		return jen.Range().Id("All").Call(jen.Qual(ctxPkg, "Background").Call(), id("c"), id("first").Call(id("c")))
	}
	f.Line()
	f.Comment("opsPage is a collection response of numbers, for TestOpsPaging.")
	f.Type().Id("opsPage").Struct(
		id("Value").Index().Int().Tag(map[string]string{"json": "value"}),
		id("Next").String().Tag(map[string]string{"json": "@odata.nextLink"}),
	)
	f.Line()
	f.Comment("Items returns the numbers of the page.")
	f.Func().Params(id("p").Op("*").Id("opsPage")).Id("Items").Params().Index().Int().Block(jen.Return(id("p").Dot("Value")))
	f.Line()
	f.Comment("NextLink returns the next page's URL, if any.")
	f.Func().Params(id("p").Op("*").Id("opsPage")).Id("NextLink").Params().Params(jen.String(), jen.Bool()).Block(
		jen.Return(id("p").Dot("Next"), id("p").Dot("Next").Op("!=").Lit("")),
	)
	f.Line()
	f.Comment("TestOpsPaging checks All on three pages linked by absolute next links:")
	f.Comment("every item in order, no request after the loop breaks, an error on page")
	f.Comment("2 yielded once, and a link that repeats.")
	f.Func().Id("TestOpsPaging").Params(tParam).Block(
		id("pages").Op(":=").Index().Index().Int().Values(
			jen.Values(jen.Lit(1), jen.Lit(2)), jen.Values(jen.Lit(3), jen.Lit(4)), jen.Values(jen.Lit(5)),
		),
		jen.Comment("serve starts the server; page fail answers 503, and with loop page 2 links to itself."),
		id("serve").Op(":=").Func().Params(tParam, id("fail").Int(), id("loop").Bool()).Params(jen.Op("*").Id("Client"), jen.Op("*").Qual("sync/atomic", "Int32")).Block(
			jen.Id("calls").Op(":=").New(jen.Qual("sync/atomic", "Int32")),
			id("srv").Op(":=").Qual("net/http/httptest", "NewServer").Call(jen.Qual(httpPkg, "HandlerFunc").Call(
				jen.Func().Params(id("w").Qual(httpPkg, "ResponseWriter"), id("r").Op("*").Qual(httpPkg, "Request")).Block(
					id("calls").Dot("Add").Call(jen.Lit(1)),
					jen.If(id("got").Op(":=").Id("r").Dot("Header").Dot("Get").Call(jen.Lit("Authorization")), id("got").Op("!=").Lit("Bearer test-token")).Block(errf("Authorization = %q", id("got"))),
					jen.List(id("n"), jen.Err()).Op(":=").Qual("strconv", "Atoi").Call(jen.Qual("strings", "TrimPrefix").Call(id("r").Dot("URL").Dot("Path"), jen.Lit("/pages/"))),
					jen.If(jen.Err().Op("!=").Nil().Op("||").Id("n").Op("<").Lit(1).Op("||").Id("n").Op(">").Len(id("pages"))).Block(
						errf("unexpected request %s", id("r").Dot("URL")),
						id("w").Dot("WriteHeader").Call(jen.Qual(httpPkg, "StatusNotFound")),
						jen.Return(),
					),
					jen.If(id("n").Op(">").Lit(1).Op("&&").Id("r").Dot("URL").Dot("Query").Call().Dot("Get").Call(jen.Lit("$skiptoken")).Op("!=").Qual("strconv", "Itoa").Call(id("n"))).Block(
						errf("page %d: query %q", id("n"), id("r").Dot("URL").Dot("RawQuery")),
					),
					id("w").Dot("Header").Call().Dot("Set").Call(jen.Lit("Content-Type"), jen.Lit("application/json")),
					jen.If(id("n").Op("==").Id("fail")).Block(
						id("w").Dot("WriteHeader").Call(jen.Qual(httpPkg, "StatusServiceUnavailable")),
						jen.Qual(ioPkg, "WriteString").Call(id("w"), jen.Lit(`{"error":{"code":"serviceNotAvailable","message":"try later"}}`)),
						jen.Return(),
					),
					id("next").Op(":=").Id("n").Op("+").Lit(1),
					jen.If(id("loop").Op("&&").Id("n").Op("==").Lit(2)).Block(id("next").Op("=").Lit(2)),
					id("body").Op(":=").Map(jen.String()).Any().Values(jen.Dict{jen.Lit("value"): id("pages").Index(id("n").Op("-").Lit(1))}),
					jen.If(id("n").Op("<").Len(id("pages"))).Block(
						jen.Comment("absolute, as Graph sends it"),
						id("body").Index(jen.Lit("@odata.nextLink")).Op("=").Qual("fmt", "Sprintf").Call(jen.Lit("http://%s/pages/%d?$skiptoken=%d"), id("r").Dot("Host"), id("next"), id("next")),
					),
					jen.If(jen.Err().Op(":=").Qual(jsonPkg, "NewEncoder").Call(id("w")).Dot("Encode").Call(id("body")), jen.Err().Op("!=").Nil()).Block(errf("encode: %v", jen.Err())),
				),
			)),
			t.Clone().Dot("Cleanup").Call(id("srv").Dot("Close")),
			jen.Return(jen.Id("New").Call(
				jen.Id("WithBaseURL").Call(id("srv").Dot("URL")),
				jen.Id("WithHTTPClient").Call(id("srv").Dot("Client").Call()),
				jen.Id("WithTokenSource").Call(jen.Id("StaticToken").Call(jen.Lit("test-token"))),
			), id("calls")),
		),
		id("first").Op(":=").Func().Params(id("c").Op("*").Id("Client")).Func().Params(jen.Qual(ctxPkg, "Context")).Params(jen.Op("*").Id("opsPage"), jen.Error()).Block(
			jen.Return(jen.Func().Params(id("ctx").Qual(ctxPkg, "Context")).Params(jen.Op("*").Id("opsPage"), jen.Error()).Block(
				jen.Return(id("invoke").Types(id("opsPage")).Call(id("ctx"), id("c"), jen.Op("&").Id("request").Values(jen.Dict{id("method"): jen.Lit("GET"), id("path"): jen.Lit("/pages/1")}))),
			)),
		),
		t.Clone().Dot("Run").Call(jen.Lit("all"), jen.Func().Params(tParam).Block(
			jen.List(id("c"), id("calls")).Op(":=").Id("serve").Call(t.Clone(), jen.Lit(0), jen.False()),
			jen.Var().Id("got").Index().Int(),
			jen.For(jen.List(id("v"), jen.Err()).Op(":=").Add(all())).Block(
				jen.If(jen.Err().Op("!=").Nil()).Block(t.Clone().Dot("Fatal").Call(jen.Err())),
				id("got").Op("=").Append(id("got"), id("v")),
			),
			intsEqual("got", 1, 2, 3, 4, 5),
			wantCalls(3, ""),
		)),
		t.Clone().Dot("Run").Call(jen.Lit("break"), jen.Func().Params(tParam).Block(
			jen.List(id("c"), id("calls")).Op(":=").Id("serve").Call(t.Clone(), jen.Lit(0), jen.False()),
			jen.Var().Id("got").Index().Int(),
			jen.For(jen.List(id("v"), jen.Err()).Op(":=").Add(all())).Block(
				jen.If(jen.Err().Op("!=").Nil()).Block(t.Clone().Dot("Fatal").Call(jen.Err())),
				id("got").Op("=").Append(id("got"), id("v")),
				jen.If(id("v").Op("==").Lit(3)).Block(jen.Break()),
			),
			intsEqual("got", 1, 2, 3),
			wantCalls(2, " (page 3 fetched after the break)"),
		)),
		t.Clone().Dot("Run").Call(jen.Lit("error"), jen.Func().Params(tParam).Block(
			jen.List(id("c"), id("calls")).Op(":=").Id("serve").Call(t.Clone(), jen.Lit(2), jen.False()),
			jen.Var().Id("got").Index().Int(),
			jen.Var().Id("errs").Index().Error(),
			jen.For(jen.List(id("v"), jen.Err()).Op(":=").Add(all())).Block(
				jen.If(jen.Err().Op("!=").Nil()).Block(id("errs").Op("=").Append(id("errs"), jen.Err()), jen.Continue()),
				id("got").Op("=").Append(id("got"), id("v")),
			),
			intsEqual("got", 1, 2),
			jen.Var().Id("e").Op("*").Id("Error"),
			jen.If(jen.Len(id("errs")).Op("!=").Lit(1).Op("||").Op("!").Qual("errors", "As").Call(id("errs").Index(jen.Lit(0)), jen.Op("&").Id("e")).Op("||").Id("e").Dot("StatusCode").Op("!=").Qual(httpPkg, "StatusServiceUnavailable").Op("||").Id("e").Dot("Code").Op("!=").Lit("serviceNotAvailable")).Block(
				errf("errors = %v, want one *Error 503 serviceNotAvailable", id("errs")),
			),
			wantCalls(2, ""),
		)),
		t.Clone().Dot("Run").Call(jen.Lit("loop"), jen.Func().Params(tParam).Block(
			jen.List(id("c"), id("calls")).Op(":=").Id("serve").Call(t.Clone(), jen.Lit(0), jen.True()),
			jen.Var().Id("got").Index().Int(),
			jen.Var().Id("errs").Index().Error(),
			jen.For(jen.List(id("v"), jen.Err()).Op(":=").Add(all())).Block(
				jen.If(jen.Err().Op("!=").Nil()).Block(id("errs").Op("=").Append(id("errs"), jen.Err()), jen.Continue()),
				id("got").Op("=").Append(id("got"), id("v")),
			),
			intsEqual("got", 1, 2, 3, 4),
			jen.If(jen.Len(id("errs")).Op("!=").Lit(1).Op("||").Op("!").Qual("strings", "Contains").Call(id("errs").Index(jen.Lit(0)).Dot("Error").Call(), jen.Lit("already followed"))).Block(
				errf("errors = %v, want one for the repeated link", id("errs")),
			),
			wantCalls(2, ""),
		)),
	)
}
