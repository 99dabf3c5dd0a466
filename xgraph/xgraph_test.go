package xgraph

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

func sampleOperation() Operation {
	return Operation{
		Source: "api/event-forward.md:20", Page: "api/event-forward.md", Action: "forward",
		Permissions:    &Permissions{DelegatedWork: Alternatives{{"Mail.Send"}, {"Mail.Read", "Mail.Send"}}, Application: Alternatives{{"Mail.Send"}}},
		Query:          "$filter=type eq 'x'",
		Variants:       []QueryVariant{{Page: "api/x-get.md", Query: "$filter=id eq '{id_value}'", Source: "api/x-get.md:30", Summary: "Get x"}},
		AlsoDocumented: []string{"api/other.md:12"},
		StatusAssumed:  true,
		Examples: []Example{{
			Name: "forward", Source: "api/event-forward.md:60", Truncated: true, ResponseBodyFormat: "text",
			Request:  ExampleRequest{Method: "POST", URL: "/me/events/1/forward?x=1", Path: "/me/events/1/forward", Headers: map[string]string{"Prefer": "a"}},
			Response: &ExampleResponse{Status: 202, Source: "api/event-forward.md:70", Body: map[string]any{"id": "1"}},
		}, {
			Name: "bare", Source: "api/event-forward.md:80",
			Request: ExampleRequest{Method: "POST", URL: "/me/events/2/forward", Path: "/me/events/2/forward"},
		}},
	}
}

// roundTrip marshals v and decodes it as a loader would, so the readers
// see JSON-decoded values instead of the Go values written.
func roundTrip[T any](t *testing.T, v T) T {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out T
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestOperationWireFormat(t *testing.T) {
	op := &openapi3.Operation{Responses: openapi3.NewResponses()}
	WriteOperation(op, sampleOperation())
	b, err := json.Marshal(op.Extensions)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"x-graph-action":"forward","x-graph-also-documented":["api/other.md:12"],` +
		`"x-graph-examples":[{"name":"forward","request":{"headers":{"Prefer":"a"},"method":"POST","path":"/me/events/1/forward","url":"/me/events/1/forward?x=1"},"response":{"body":{"id":"1"},"headers":{},"source":"api/event-forward.md:70","status":202},"responseBodyFormat":"text","source":"api/event-forward.md:60","truncated":true},` +
		`{"name":"bare","request":{"headers":{},"method":"POST","path":"/me/events/2/forward","url":"/me/events/2/forward"},"source":"api/event-forward.md:80"}],` +
		`"x-graph-page":"api/event-forward.md",` +
		`"x-graph-permissions":{"application":[["Mail.Send"]],"delegatedPersonal":[],"delegatedWork":[["Mail.Send"],["Mail.Read","Mail.Send"]]},` +
		`"x-graph-query":"$filter=type eq 'x'","x-graph-query-variants":[{"page":"api/x-get.md","query":"$filter=id eq '{id_value}'","source":"api/x-get.md:30","summary":"Get x"}],"x-graph-source":"api/event-forward.md:20","x-graph-status-assumed":true}`
	if string(b) != want {
		t.Errorf("extensions:\n got %s\nwant %s", b, want)
	}
}

func TestOperationReadWrite(t *testing.T) {
	in := sampleOperation()
	op := &openapi3.Operation{Responses: openapi3.NewResponses()}
	WriteOperation(op, in)
	got, err := ReadOperation(op)
	if err != nil {
		t.Fatal(err)
	}
	// Written lists come back non-nil: "Not supported." is [].
	in.Permissions.DelegatedPersonal = Alternatives{}
	in.Examples[0].Response.Headers = map[string]string{}
	in.Examples[1].Request.Headers = map[string]string{}
	if !reflect.DeepEqual(got, in) {
		t.Errorf("read back from the Go values:\n got %+v\nwant %+v", got, in)
	}
	// As a loader decodes the document.
	loaded := roundTrip(t, op)
	got, err = ReadOperation(loaded)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, in) {
		t.Errorf("read back from JSON:\n got %+v\nwant %+v", got, in)
	}
	// As raw JSON values.
	raw := &openapi3.Operation{Extensions: map[string]any{}}
	for k, v := range op.Extensions {
		b, _ := json.Marshal(v)
		raw.Extensions[k] = json.RawMessage(b)
	}
	got, err = ReadOperation(raw)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, in) {
		t.Errorf("read back from raw JSON:\n got %+v\nwant %+v", got, in)
	}
	// Unset fields leave no extension, and others stay.
	op.Extensions["x-other"] = 1
	WriteOperation(op, Operation{Source: "api/a.md:1"})
	if len(op.Extensions) != 2 || op.Extensions["x-other"] != 1 {
		t.Errorf("after clearing: %v", op.Extensions)
	}
}

// An alternative needs all its scopes: one security requirement object
// per alternative, with every scope of it; a "Not supported." account type
// adds none.
func TestPermissionsSecurity(t *testing.T) {
	p := &Permissions{
		DelegatedWork:     Alternatives{{"Mail.Read", "Mail.Send"}, {"Mail.ReadWrite"}},
		DelegatedPersonal: Alternatives{},
		Application:       Alternatives{{"Mail.Send"}},
	}
	got, err := json.Marshal(p.Security())
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"delegatedWork":["Mail.Read","Mail.Send"]},{"delegatedWork":["Mail.ReadWrite"]},{"application":["Mail.Send"]}]`
	if string(got) != want {
		t.Errorf("security:\n got %s\nwant %s", got, want)
	}
	if s := (&Permissions{}).Security(); s != nil {
		t.Errorf("no alternatives: security = %v, want nil", s)
	}
	if s := p.DelegatedWork.String(); s != "Mail.Read and Mail.Send; Mail.ReadWrite" {
		t.Errorf("String = %q", s)
	}
	if p.DelegatedWork.Index(Alternative{"Mail.Send", "Mail.Read"}) != 0 || p.DelegatedWork.Index(Alternative{"Mail.Read"}) != -1 {
		t.Error("Index compares alternatives as sets of scopes")
	}
}

// A document of an older graphdocgen wrote each account type as a flat
// list of scopes: each is read as an alternative of one scope.
func TestPermissionsOldFormat(t *testing.T) {
	op := &openapi3.Operation{Extensions: map[string]any{
		keyPermissions: json.RawMessage(`{"application":["A.B"],"delegatedPersonal":[],"delegatedWork":["C.D",["E.F","G.H"]]}`),
	}}
	x, err := ReadOperation(op)
	if err != nil {
		t.Fatal(err)
	}
	want := &Permissions{Application: Alternatives{{"A.B"}}, DelegatedPersonal: Alternatives{}, DelegatedWork: Alternatives{{"C.D"}, {"E.F", "G.H"}}}
	if !reflect.DeepEqual(x.Permissions, want) {
		t.Errorf("read %+v, want %+v", x.Permissions, want)
	}
}

func TestReadErrors(t *testing.T) {
	op := &openapi3.Operation{Extensions: map[string]any{
		keySource:      "api/a.md:3",
		keyPermissions: "everyone",
		keyAlso:        []any{"api/b.md:1", 7},
	}}
	x, err := ReadOperation(op)
	if err == nil || !strings.Contains(err.Error(), keyPermissions) {
		t.Errorf("error = %v, want one naming %s", err, keyPermissions)
	}
	if x.Source != "api/a.md:3" || x.Permissions != nil {
		t.Errorf("read = %+v", x)
	}
	s := &openapi3.Schema{Extensions: map[string]any{keyStub: "yes"}}
	if _, err := ReadSchema(s); err == nil {
		t.Error("a string stub mark read without error")
	}
}

func TestSchemaReadWrite(t *testing.T) {
	in := Schema{
		Source: "resources/weekindex.md:7", Flags: true, OpenType: true,
		EnumValues:     map[string]EnumValue{"first": {Number: 1}, "other": {Text: "n/a"}, "hex": ParseEnumValue("0x10")},
		AlsoDocumented: []string{"resources/b.md:2"},
	}
	s := &openapi3.Schema{Type: &openapi3.Types{"string"}}
	WriteSchema(s, in)
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"type":"string","x-graph-also-documented":["resources/b.md:2"],"x-graph-enum-values":{"first":1,"hex":16,"other":"n/a"},"x-graph-flags":true,"x-graph-open-type":true,"x-graph-source":"resources/weekindex.md:7"}`
	if string(b) != want {
		t.Errorf("schema:\n got %s\nwant %s", b, want)
	}
	for _, v := range []*openapi3.Schema{s, roundTrip(t, s)} {
		got, err := ReadSchema(v)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, in) {
			t.Errorf("read back:\n got %+v\nwant %+v", got, in)
		}
	}
	stub := &openapi3.SchemaRef{Value: &openapi3.Schema{}}
	WriteSchema(stub.Value, Schema{Stub: true})
	if !IsStub(stub) || !IsStub(roundTrip(t, stub)) || IsStub(&openapi3.SchemaRef{Value: s}) {
		t.Error("IsStub")
	}
}

func TestNavigation(t *testing.T) {
	ref := &openapi3.SchemaRef{Ref: "#/components/schemas/microsoft.graph.event"}
	inline := &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"array"}}}
	MarkNavigation(ref)
	MarkNavigation(inline)
	if ref.Extensions[keyNavigation] != true || inline.Value.Extensions[keyNavigation] != true {
		t.Errorf("marks: %v / %v", ref.Extensions, inline.Value.Extensions)
	}
	if !IsNavigation(ref) || !IsNavigation(inline) || IsNavigation(&openapi3.SchemaRef{Value: &openapi3.Schema{}}) {
		t.Error("IsNavigation")
	}
}

func TestParameterAndBody(t *testing.T) {
	p := &openapi3.Parameter{Name: "Prefer", In: "header"}
	WriteParameter(p, Parameter{DocName: "prefer", Values: []string{"a", "b"}})
	for _, v := range []*openapi3.Parameter{p, roundTrip(t, p)} {
		got, err := ReadParameter(v)
		if err != nil || got.DocName != "prefer" || !reflect.DeepEqual(got.Values, []string{"a", "b"}) {
			t.Errorf("parameter = %+v, %v", got, err)
		}
	}
	WriteParameter(p, Parameter{})
	if len(p.Extensions) != 0 {
		t.Errorf("cleared parameter = %v", p.Extensions)
	}
	rb := &openapi3.RequestBody{}
	WriteRequestBody(rb, RequestBody{Inferred: true})
	if !ReadRequestBody(rb).Inferred || !ReadRequestBody(roundTrip(t, rb)).Inferred || ReadRequestBody(&openapi3.RequestBody{}).Inferred {
		t.Error("inferred request body")
	}
}

func TestFragment(t *testing.T) {
	doc := &openapi3.T{}
	WriteFragment(doc, Fragment{Page: "api/a.md", File: "/docs/api/a.md", Title: "A"})
	if got := ReadFragment(doc); got != (Fragment{Page: "api/a.md", File: "/docs/api/a.md", Title: "A"}) {
		t.Errorf("fragment = %+v", got)
	}
}

func TestSuccessResponse(t *testing.T) {
	mk := func(codes ...string) *openapi3.Operation {
		op := &openapi3.Operation{Responses: openapi3.NewResponses()}
		op.Responses.Set("default", &openapi3.ResponseRef{Value: openapi3.NewResponse()})
		for _, c := range codes {
			d := c
			op.Responses.Set(c, &openapi3.ResponseRef{Value: &openapi3.Response{Description: &d}})
		}
		return op
	}
	for _, tc := range []struct {
		codes []string
		want  int
	}{
		{[]string{"404", "202", "201"}, 201},
		{[]string{"302"}, 302},
		{[]string{"204", "200"}, 200},
		{[]string{"400"}, 0},
		{nil, 0},
	} {
		st, r := SuccessResponse(mk(tc.codes...))
		if st != tc.want || (st != 0) != (r != nil) || r != nil && *r.Description != strconv.Itoa(st) {
			t.Errorf("%v: success %d %v, want %d", tc.codes, st, r, tc.want)
		}
	}
	if st := SuccessStatus([]int{500, 303, 206}); st != 206 {
		t.Errorf("SuccessStatus = %d", st)
	}
}

// TestOnlyVocabulary fails when a package other than this one spells an
// x-graph extension name in a string literal: they read and write
// through this package.
func TestOnlyVocabulary(t *testing.T) {
	root := ".."
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Skip("not in the module tree")
	}
	fset := token.NewFileSet()
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case "testdata", "xgraph", ".git", "out":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		n++
		ast.Inspect(f, func(x ast.Node) bool {
			if lit, ok := x.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil && (strings.Contains(s, "x-graph-") || strings.Contains(s, "x-ms-navigationProperty")) {
					t.Errorf("%s: extension name in a string literal: %s", fset.Position(lit.Pos()), lit.Value)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 20 {
		t.Fatalf("checked only %d files", n)
	}
}
