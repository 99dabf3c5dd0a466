package templates

import (
	"testing"

	"github.com/dave/jennifer/jen"
)

// TestPrerendered holds the prerendered pieces to the trees they are
// made of, rendered as items of a statement, of a block and of a call's
// arguments; a piece with a Qual, whose import the file must record, is
// left as it is.
func TestPrerendered(t *testing.T) {
	pieces := []func() jen.Code{
		func() jen.Code { return jen.Id("c").Op("*").Id("Client") },
		func() jen.Code {
			return jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Err()))
		},
		func() jen.Code { return jen.List(jen.Id("got"), jen.Err()) },
		func() jen.Code { return jen.Index().Byte() },
		func() jen.Code { return jen.Return(jen.Id("invokeNone").Call(jen.Id("ctx"), jen.Id("c"), jen.Id("r"))) },
		func() jen.Code { return jen.Parens(jen.Op("*").Id("plain")).Call(jen.Id("v")) },
		func() jen.Code { return jen.Op("+") },
		func() jen.Code { return jen.Op(":") },
		func() jen.Code { return jen.Type().Id("plain") },
		func() jen.Code { return jen.Lit("a\"b`c\n") },
		func() jen.Code { return jen.Line() },
		func() jen.Code { return jen.Custom(jen.Options{}, jen.Op(","), jen.Line()) },
		func() jen.Code { return jen.Custom(jen.Options{}, jen.Id("method"), jen.Op(":")) },
		func() jen.Code { return jen.Id("Optional").Types(jen.String()) },
		func() jen.Code { return jen.Id("AdditionalProperties").Map(jen.String()) },
		func() jen.Code { return jen.Tag(map[string]string{"json": "-"}) },
		func() jen.Code {
			return jen.Comment("MarshalJSON encodes the known properties and AdditionalProperties.")
		},
		func() jen.Code { return jen.Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()) },
		func() jen.Code { return jen.Id("UnmarshalJSON").Params(jen.Id("b").Index().Byte()).Error() },
		func() jen.Code { return jen.Func().Params(jen.Id("c").Op("*").Id("Client")) },
		func() jen.Code { return jen.Call(jen.Id("ctx"), jen.Id("c"), jen.Id("r")) },
		func() jen.Code { return jen.List(jen.Id("got"), jen.Err()).Op(":=") },
		func() jen.Code { return jen.Id("opsMarshal").Call(jen.Id("t"), jen.Id("body")) },
		func() jen.Code { return jen.Block(jen.Id("t").Dot("Fatal").Call(jen.Err())) },
		func() jen.Code { return streamCheck(testStream) },
		func() jen.Code { return jen.Defer().Id("got").Dot("Close").Call() },
		func() jen.Code { return jen.Index().String().Values(jen.Lit("id"), jen.Lit("displayName")) },
		func() jen.Code { return jen.Values(jen.Lit("test-value")) },
		func() jen.Code { return jen.Lit(200) },
	}
	for _, mk := range pieces {
		want := []string{
			renderRaw(t, jen.Id("a").Add(mk()).Id("b")),
			renderRaw(t, jen.Func().Params().Block(mk(), mk())),
			renderRaw(t, jen.Id("f").Call(jen.Id("a"), mk(), jen.Id("b"))),
		}
		p := prerendered(mk())
		got := []string{
			renderRaw(t, jen.Id("a").Add(p).Id("b")),
			renderRaw(t, jen.Func().Params().Block(p, p)),
			renderRaw(t, jen.Id("f").Call(jen.Id("a"), p, jen.Id("b"))),
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("prerendered renders\n%s\nthe tree\n%s", got[i], want[i])
			}
		}
	}
	// shared trees made of prerendered pieces and other items
	for _, c := range []struct{ shared, tree jen.Code }{
		{sharedAdditionalProps, jen.Id("AdditionalProperties").Map(jen.String()).Qual(jsonPkg, "RawMessage").Tag(map[string]string{"json": "-"})},
		{sharedOptionals[tString], jen.Id("Optional").Types(jen.String())},
		{sharedOptionals[tTime], jen.Id("Optional").Types(jen.Qual(timePkg, "Time"))},
		{sharedTypes[tBytes], jen.Index().Byte()},
	} {
		if got, want := renderRaw(t, c.shared), renderRaw(t, c.tree); got != want {
			t.Errorf("a shared tree renders\n%s\nits tree\n%s", got, want)
		}
	}
	q := jen.Id("t").Op("*").Qual("testing", "T")
	if p := prerendered(q); p != jen.Code(q) {
		t.Errorf("a piece with a Qual is prerendered: %#v", p)
	}
}

// TestFieldTag holds a field's tag to what jen.Tag renders for the map of
// its one key, for JSON names that quote, backquote and neither.
func TestFieldTag(t *testing.T) {
	for _, name := range []string{"id", "@odata.nextLink", `we"ird`, "back`quote", "ünï", "tab\there", "a b", "bad\xffutf8", "cut\xe2\x82", "\ufeffbom", ""} {
		for _, required := range []bool{false, true} {
			f := &fieldInfo{json: name, required: required}
			v := name
			if !required {
				v += ",omitzero"
			}
			want := renderRaw(t, jen.Id("X").Tag(map[string]string{"json": v}))
			if got := renderRaw(t, jen.Id("X").Add(f.tag())); got != want {
				t.Errorf("%q, required %v: tag renders\n%s\njen.Tag\n%s", name, required, got, want)
			}
		}
	}
}

// TestLit holds lit to jen.Lit on strings that quote in each way: plain,
// with quotes and backslashes, controls, non-ASCII, invalid UTF-8; and
// intLit to jen.Lit on ints.
func TestLit(t *testing.T) {
	for _, s := range []string{"", "GET", `a"b\c`, "tab\tnl\n", "ünï ✓", "\x00\x7f", "bad\xffutf8", "`raw`", "\u2028"} {
		if got, want := renderRaw(t, lit(s)), renderRaw(t, jen.Lit(s)); got != want {
			t.Errorf("%q: lit renders\n%s\njen.Lit\n%s", s, got, want)
		}
	}
	for _, n := range []int{0, 7, 200, 404, -1, 1 << 40} {
		if got, want := renderRaw(t, intLit(n)), renderRaw(t, jen.Lit(n)); got != want {
			t.Errorf("%d: intLit renders\n%s\njen.Lit\n%s", n, got, want)
		}
	}
}

// TestSharedSetter holds a params struct's shared setter to the one
// built anew, for parameters that differ in one of the values the key
// is made of, each asked for twice (the second is the shared one).
func TestSharedSetter(t *testing.T) {
	str, list, boolean, enum := &goType{kind: tString}, &goType{kind: tSlice, elem: &goType{kind: tString}}, &goType{kind: tBool}, &goType{kind: tEnum, named: &schemaInfo{goName: "Color"}}
	fields := []*paramField{
		{name: "$select", in: "query", goName: "Select", typ: list},
		{name: "$select", in: "query", goName: "Select", typ: list, opt: true},
		{name: "$select", in: "query", goName: "Fields", typ: list},
		{name: "$filter", in: "query", goName: "Select", typ: list},
		{name: "$select", in: "header", goName: "Select", typ: list},
		{name: "$select", in: "query", goName: "Select", typ: str},
		{name: "prefer", in: "header", goName: "Prefer", typ: str},
		{name: "count", in: "query", goName: "Count", typ: boolean},
		{name: "color", in: "query", goName: "Color", typ: enum},
		{name: "top", in: "query", goName: "Top", typ: &goType{kind: tInt32}},
	}
	for range 2 {
		for _, f := range fields {
			if got, want := renderRaw(t, f.setter()), renderRaw(t, f.newSetter()); got != want {
				t.Errorf("%+v: the shared setter renders\n%s\nbuilt anew\n%s", *f, got, want)
			}
		}
	}
}
