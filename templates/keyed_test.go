package templates

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"
)

// renderRaw is the unformatted text of a file holding code.
func renderRaw(t *testing.T, code jen.Code) string {
	t.Helper()
	f := jen.NewFile("p")
	f.NoFormat = true
	f.Var().Id("x").Op("=").Add(code)
	var b bytes.Buffer
	if err := f.Render(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestKeyedValues holds keyedValues to the text jen.Values(jen.Dict)
// renders for the same elements, given in any order: struct fields and
// map keys whose quoted form sorts otherwise than the keys themselves.
func TestKeyedValues(t *testing.T) {
	cases := []struct {
		name  string
		elems func() []keyed
		dict  jen.Dict
	}{
		{"none", func() []keyed { return nil }, jen.Dict{}},
		{"one", func() []keyed { return []keyed{field("path", jen.Lit("/me"))} }, jen.Dict{jen.Id("path"): jen.Lit("/me")}},
		{"fields", func() []keyed {
			return []keyed{
				field("status", jen.Lit(200)),
				field("method", jen.Lit("GET")),
				field("body", jen.Id("opsMarshal").Call(jen.Id("t"), jen.Id("body"))),
				field("contentType", jen.Lit("application/json")),
				field("query", jen.Qual(urlPkg, "Values").Add(keyedValues([]keyed{strField("b", jen.Values(jen.Lit("1"))), strField("a", jen.Values(jen.Lit("2")))}))),
			}
		}, jen.Dict{
			jen.Id("status"):      jen.Lit(200),
			jen.Id("method"):      jen.Lit("GET"),
			jen.Id("body"):        jen.Id("opsMarshal").Call(jen.Id("t"), jen.Id("body")),
			jen.Id("contentType"): jen.Lit("application/json"),
			jen.Id("query"):       jen.Qual(urlPkg, "Values").Values(jen.Dict{jen.Lit("b"): jen.Values(jen.Lit("1")), jen.Lit("a"): jen.Values(jen.Lit("2"))}),
		}},
		{"quoted keys", func() []keyed {
			return []keyed{strField("a b", jen.Lit(1)), strField("a", jen.Lit(2)), strField(`a"`, jen.Lit(3)), strField("a!", jen.Lit(4)), strField("é", jen.Lit(5)), strField("\t", jen.Lit(6))}
		}, jen.Dict{jen.Lit("a b"): jen.Lit(1), jen.Lit("a"): jen.Lit(2), jen.Lit(`a"`): jen.Lit(3), jen.Lit("a!"): jen.Lit(4), jen.Lit("é"): jen.Lit(5), jen.Lit("\t"): jen.Lit(6)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want := renderRaw(t, jen.Id("T").Values(c.dict))
			got := renderRaw(t, jen.Id("T").Add(keyedValues(c.elems())))
			if got != want {
				t.Errorf("keyedValues renders\n%s\njen.Dict\n%s", got, want)
			}
			if c.name == "fields" && !strings.Contains(got, "{\nbody:") {
				t.Errorf("no element per line:\n%s", got)
			}
		})
	}
}
