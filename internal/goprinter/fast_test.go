package goprinter

import (
	"bytes"
	"go/ast"
	"go/doc/comment"
	"go/parser"
	stdprinter "go/printer"
	"go/token"
	"strings"
	"testing"
)

// generatedShapes are functions as templates renders them, unformatted
// (the fast path must take each), then ones it must leave to the printer.
const generatedShapes = `package p

func (c * Client) ListUsers (ctx context.Context,params * UserListParams,opts ...RequestOption) (* UserCollectionResponse,error) {
r := & request {
method:"GET",
opts:opts,
path:"/users/" + pathEscape (userID) + "/drive",
query:url.Values {"$expand":{"manager($levels=n)"}},
}
params . apply (r)
return invoke [UserCollectionResponse](ctx,c,r)
}

func (p * UserListParams) apply (r * request) {
if p == nil {
return
}
queryValue (r,"$select",formatList (p . Select))
}

func (v WebApp) MarshalJSON () ([] byte,error) {
type plain WebApp
return marshalObject (plain (v),v . AdditionalProperties)
}

func (v * WebApp) UnmarshalJSON (b [] byte) error {
type plain WebApp
return unmarshalObject (b,(* plain)(v),& v . AdditionalProperties,"assignments","categories")
}

func TestOpListUsers (t * testing.T) {
c := opsServe (t,opsCase {
header:http.Header {"ConsistencyLevel":{"test-value"}},
method:"GET",
query:url.Values {
"$filter":{"name eq 'a&b'"},
"$select":{"id,displayName"},
},
aVeryLongKeyThatIsLongerThanFortyBytesInAll:1,
status:200,
})
got,err := c . ListUsers (context.Background (),& UserListParams {
Select:[] string {"id","displayName"},
})
if err != nil {
t . Fatal (err)
}
if err := c . Delete (context.Background (),"a"); err != nil {
t . Fatal (err)
}
opsCheckKeys (t,got,` + "`{\"value\":[]}`" + `,"value")
}

func Commented() {
	// a comment inside
	f()
}

func OneLine() { f() }

func Loop() {
	for i := 0; i < 3; i++ {
		f(i)
	}
}
`

// generatedTypes are type declarations as templates renders them
// (formatSource's markers in place of the doc comments; ¬ stands for a
// backquote), then ones the fast path must leave to the printer.
var generatedTypes = strings.ReplaceAll(`
// @0
type WebApp struct{
// @1
AcceptMappedClaims Optional [bool] ¬json:"acceptMappedClaims,omitzero"¬
KnownClientApplications [] string ¬json:"knownClientApplications,omitzero"¬
Scopes [] PermissionScope
Täg map[string] json.RawMessage ¬json:"-"¬
Y * T ¬json:"y"¬
Zone time.Time
// @2
AdditionalProperties map[string] json.RawMessage ¬json:"-"¬
// @3
}

type AccessType string

type ListParams struct{
Prefer string
}

type CommentedStruct struct {
	// a comment inside
	A int
}

type OneLineStruct struct{ a int }

type TwoNames struct {
	a, b int
}

type Embedded struct {
	T
	u int
}

type LineComment struct {
	a int // a line comment
}

type (
	Grouped string
)

`, "¬", "`")

// TestFastFuncShapes: the fast path takes the functions of the generated
// shapes and leaves the others, and the file prints as go/printer
// prints it.
func TestFastFuncShapes(t *testing.T) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "", generatedShapes+generatedTypes, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Mode: gofmtMode | FastFuncs, Tabwidth: 8}
	p := newPrinter(&cfg, fset, map[ast.Node]int{}, newLineTable(fset))
	p.comments = file.Comments
	p.nextComment()
	want := map[string]bool{
		"ListUsers": true, "apply": true, "MarshalJSON": true, "UnmarshalJSON": true, "TestOpListUsers": true,
		"WebApp": true, "AccessType": true, "ListParams": true,
		"Commented": false, "OneLine": false, "Loop": false,
		"CommentedStruct": false, "OneLineStruct": false, "TwoNames": false, "Embedded": false, "LineComment": false, "Grouped": false,
	}
	for _, d := range file.Decls {
		f := fast{p: p, srcLine: p.lineFor(d.Pos()), ok: true}
		var name string
		switch d := d.(type) {
		case *ast.FuncDecl:
			name = d.Name.Name
			f.funcDecl(d)
			f.ok = f.ok && !p.commentNear(d)
		case *ast.GenDecl:
			name = d.Specs[0].(*ast.TypeSpec).Name.Name
			inside, ok := p.commentsWithin(d)
			f.typeDecl(d, inside)
			f.ok = f.ok && ok
		}
		if f.ok != want[name] {
			t.Errorf("%s: fast path %v, want %v", name, f.ok, want[name])
		}
	}
	var got, std bytes.Buffer
	if err := cfg.Fprint(&got, fset, file); err != nil {
		t.Fatal(err)
	}
	if err := (&stdprinter.Config{Mode: stdprinter.Mode(gofmtMode), Tabwidth: 8}).Fprint(&std, fset, file); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), std.Bytes()) {
		t.Errorf("differs from go/printer:\n%s\nwant:\n%s", got.Bytes(), std.Bytes())
	}
}

// TestFastFuncsNUL: a literal with a NUL byte in a made-up tree (no
// parsed source has one) does not confuse the stand-ins of the fast
// path's texts.
func TestFastFuncsNUL(t *testing.T) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "", "package p\n\nvar x = `a`\n\nfunc F() {\nf(1)\n}\n", parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	file.Decls[0].(*ast.GenDecl).Specs[0].(*ast.ValueSpec).Values[0].(*ast.BasicLit).Value = "`a\x00`"
	var got, std bytes.Buffer
	if err := (&Config{Mode: gofmtMode | FastFuncs, Tabwidth: 8}).Fprint(&got, fset, file); err != nil {
		t.Fatal(err)
	}
	if err := (&stdprinter.Config{Mode: stdprinter.Mode(gofmtMode), Tabwidth: 8}).Fprint(&std, fset, file); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), std.Bytes()) {
		t.Errorf("got %q, want %q", got.Bytes(), std.Bytes())
	}
}

// TestWordComment: the one-word comments formatDocComment leaves without
// parsing are ones go/doc/comment prints as they are.
func TestWordComment(t *testing.T) {
	n := 0
	for _, text := range []string{"// @0", "// @12", "// Word", "// a_b", "// ABC", "// x1", "// 1", "// @", "//@0", "//  @0", "// a.b", "// -", "// #", "// a b", "// [x]", "// "} {
		if !isWordComment(text) {
			continue
		}
		n++
		var p comment.Parser
		var pr comment.Printer
		word := strings.TrimPrefix(text, "// ")
		if got := string(pr.Comment(p.Parse(word + "\n"))); got != word+"\n" {
			t.Errorf("%q: go/doc/comment prints %q", text, got)
		}
		if got := formatDocComment([]*ast.Comment{{Text: text}}); len(got) != 1 || got[0].Text != text {
			t.Errorf("%q: formatDocComment gives %v", text, got)
		}
	}
	if n != 8 {
		t.Errorf("%d word comments, want 8", n)
	}
}
