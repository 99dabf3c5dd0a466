package templates

import (
	"bytes"
	"go/format"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"
	"github.com/getkin/kin-openapi/openapi3"

	gparser "github.com/graphdocgen/graphdocgen/parser"
	"github.com/graphdocgen/graphdocgen/spec"
)

// sameAsGofmt fails t unless formatSource gives go/format.Source's bytes
// for every file of doc as jennifer renders it unformatted, and those bytes
// are gofmt-clean (format.Source leaves them as they are).
func sameAsGofmt(t *testing.T, what string, doc *openapi3.T) {
	t.Helper()
	err := buildEach(doc, Options{Package: "graph"}, func(name string, build func() *jen.File) {
		f := build()
		f.NoFormat = true
		var src bytes.Buffer
		if err := f.Render(&src); err != nil {
			t.Fatalf("%s %s: %v", what, name, err)
		}
		want, err := format.Source(src.Bytes())
		if err != nil {
			t.Fatalf("%s %s: %v", what, name, err)
		}
		got, err := formatSource(src.Bytes(), new(bytes.Buffer))
		if err != nil {
			t.Fatalf("%s %s: %v", what, name, err)
		}
		if !bytes.Equal(want, got) {
			t.Errorf("%s %s: formatSource differs from go/format.Source:\n%s", what, name, firstDiff(want, got))
		}
		if again, err := format.Source(got); err != nil || !bytes.Equal(again, got) {
			t.Errorf("%s %s: not gofmt-clean (%v)", what, name, err)
		}
	})
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func firstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := range min(len(wl), len(gl)) {
		if wl[i] != gl[i] {
			return "line " + strconv.Itoa(i+1) + ":\n- " + wl[i] + "\n+ " + gl[i]
		}
	}
	return "lengths differ"
}

// TestFormatSource: formatSource is go/format.Source on the test
// documents and the golden cases' documents (always), and on the v1.0
// and beta corpora outside -short (every function the fast path of
// internal/goprinter prints among them).
func TestFormatSource(t *testing.T) {
	for _, name := range []string{"calendar.yaml", "odata.yaml"} {
		sameAsGofmt(t, name, loadDoc(t, name))
	}
	cases, err := filepath.Glob(filepath.Join("..", "golden", "testdata", "*", "openapi.json"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, file := range cases {
		if _, err := os.Stat(filepath.Join(filepath.Dir(file), "go")); err != nil {
			continue // a case without Go output
		}
		doc, err := openapi3.NewLoader().LoadFromFile(file)
		if err != nil {
			t.Fatalf("load %s: %v", file, err)
		}
		sameAsGofmt(t, file, doc)
		n++
	}
	if n == 0 {
		t.Fatal("no golden case with Go output")
	}
	if testing.Short() {
		t.Skip("the v1.0 and beta corpora: skipped in -short mode")
	}
	for _, version := range []string{"v1.0", "beta"} {
		corpus := "../../shared/corpus/graph-docs-2021-07/" + version
		if _, err := os.Stat(corpus); err != nil {
			t.Skipf("corpus absent (%s)", corpus)
		}
		set, err := gparser.Load([]string{corpus}, gparser.LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := spec.Build(set.Pages, spec.Options{Version: version})
		sameAsGofmt(t, version, doc)
	}
}

// TestFormatSourceComments: doc comments that go/printer rewrites (lists
// with other markers, old-style headings, code blocks, directives, blank
// lines at the ends), comments it does not take for doc comments, and a
// marker's text in a raw string, all come out as go/format.Source gives
// them.
func TestFormatSourceComments(t *testing.T) {
	for _, src := range []string{
		"package p\n\n\n// A is\n// * one\n// * two\nvar A = 1\n",
		"package p\n\n\n// B is a thing.\n//\n// Old Heading\n//\n// More text here.\nfunc B() {}\n",
		"package p\n\n\n// C does\n//   code block\n//\nfunc C() {}\n",
		"package p\n\n\n//go:noinline\n// D is\nfunc D() {}\n",
		"package p\n\n\n//\n// E is ``quoted''\n//\n//\ntype E int\n",
		"package p\nvar x = 1\n// F abuts\nvar F = 2\n",
		"package p\n\n\n   // G is indented\nvar G = 3\n",
		"package p\n\n\n// H is\n\nvar H = 4\n",
		"package p\n\n\n// free comment\n\n// I is\nvar I = 5\n",
		"package p\n\n\n// J is a var\nvar J = `\n//@0\n`\n",
		"package p\n\n\n// J2 is a var\nvar J2 = `\n// @0\n`\n",
		"package p\n\n\n// J3 is a var\nvar J3 = `\n// J3 in a string\nx`\n",
		"package p\n\n\nvar J4 = 1 // @0\n\n\n// J4 is\nfunc J4() {}\n",
		"package p\n\n\n/* J5 */\n// J5 is\nfunc J5() {}\n",
		"package p\n\nimport (\n// J6 is\n\"os\"\n)\n\n\n// J6 is\nvar J6 = os.Args\n",
		"package p\n\n\n// K1 is a var\nvar K1 = `\n//@1\n`\n\n\n// K2 is here\nvar K2 = 1\n",
		"package p\n\n\n// Q is a struct\ntype Q struct{\n// A is the first\n// field, on two lines.\nA int `json:\"a\"`\nBbbbbb string `json:\"b\"`\n// C is\n// \n// a nested struct.\nC struct{\n// D is deeper\nD int\nEeeeee int // trailing\n}\nF int\n}\n",
		"package p\n\n\nfunc R() {\n// a statement comment\nx := 1\n_ = x\n}\n",
		"package p\n\n\n// S is\n// \n//   - one\n//   - two\n// \n// Docs: s.md:1\nfunc (s *S) S(a int, b string) (int, error) {\nreturn a, nil\n}\n",
		"package p\n\n\n// L is [Link].\n//\n// [Link]: https://example.com\nvar L = 1\n",
		"package p\n\n\n// M is\t \n// spaced   \nvar M = 1\n",
		"package p\n\n\n//N has no space\n//\tand a tab\nfunc N() {}\n",
		"package p\n\nimport (\n\"os\"\n\"fmt\"\n)\n\n\n// O is\nvar O = fmt.Sprint(os.Args)\n",
		"package p\n\n\n// P is\n// 1. one\n// 2. two\nvar P = 0X1F\n",
	} {
		want, err := format.Source([]byte(src))
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		got, err := formatSource([]byte(src), new(bytes.Buffer))
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if !bytes.Equal(want, got) {
			t.Errorf("%q:\ngot  %q\nwant %q", src, got, want)
		}
	}
}

// TestCanonicalDoc: a comment canonicalDoc passes is one formatDoc leaves
// as it is, on comments near each case it must refuse.
func TestCanonicalDoc(t *testing.T) {
	for _, tc := range []struct {
		lines []string
		ok    bool
	}{
		{[]string{"// A is a thing.", "//", "// Docs: api/a.md:3"}, true},
		{[]string{"// A2 is a thing.", "// ", "// Docs: api/a.md:3"}, true},
		{[]string{"// A3", "// ", "// ", "// a"}, false},
		{[]string{"// A4", "// ", "// Old Heading", "// ", "// text"}, false},
		{[]string{"// B calls.", "//", "// Permissions:", "//", "//   - Delegated: A.Read", "//   - Application: A.Read", "//", "// Docs: b.md:1"}, true},
		{[]string{"// C", "//   - one", "// after"}, false},
		{[]string{"// D", "//", "//   - one", "//", "//   - two"}, false},
		{[]string{"// E", "//", "// Old Heading", "//", "// text"}, false},
		{[]string{"// F", "//", "// # Heading", "//", "// text"}, false},
		{[]string{"// G", "//", "//   code"}, false},
		{[]string{"// H ``quoted''"}, false},
		{[]string{"// I", "//", "// [x]: https://example.com"}, false},
		{[]string{"// J "}, false},
		{[]string{"//", "// K"}, false},
		{[]string{"// L", "//"}, false},
		{[]string{"// M", "//", "//", "// m"}, false},
		{[]string{"//N"}, false},
		{[]string{"// O", "//\ttab"}, false},
		{[]string{"// P", "//   *  star"}, false},
	} {
		list := tc.lines
		if got := canonicalDoc(list); got != tc.ok {
			t.Errorf("canonicalDoc(%q) = %v, want %v", tc.lines, got, tc.ok)
		}
		want := slices.Clone(tc.lines)
		for i := range want {
			want[i] = strings.TrimSuffix(want[i], " ")
		}
		if tc.ok && !slices.Equal(formatDoc(list), want) {
			t.Errorf("formatDoc(%q) = %q: changes a comment canonicalDoc passes", tc.lines, formatDoc(list))
		}
	}
}
