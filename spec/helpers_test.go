package spec

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/graphpath"
	"github.com/graphdocgen/graphdocgen/parser"
)

// reqLine builds a path line as the parser does, through the path model.
func reqLine(method, raw string, lineNo int) parser.RequestLine {
	l := parser.RequestLine{Method: method, Raw: raw, Pos: parser.Pos{File: "api/test.md", Line: lineNo, Col: 1}}
	p, q := graphpath.SplitQuery(raw)
	l.Query = q
	l.Segments = graphpath.Parse(p)
	return l
}

// apiPage is a minimal API page with the given path lines.
func apiPage(path, title string, lines ...string) *parser.Page {
	p := &parser.Page{Path: path, File: path, Kind: parser.KindAPI,
		Title:       parser.Text{Value: title, Pos: parser.Pos{File: path, Line: 2}},
		Description: parser.Text{Value: "Does " + title + "."},
		Response:    parser.Response{Kind: parser.RespNone, Statuses: []int{204}},
	}
	sec := parser.RequestSection{Heading: "HTTP request"}
	for i, l := range lines {
		method, raw, _ := strings.Cut(l, " ")
		rl := reqLine(method, raw, 20+i)
		rl.Pos.File = path
		sec.Lines = append(sec.Lines, rl)
	}
	p.Requests = []parser.RequestSection{sec}
	return p
}

func typ(name string) parser.TypeRef { return parser.TypeRef{Name: name, Raw: name} }

func coll(name string) parser.TypeRef {
	return parser.TypeRef{Name: name, Collection: true, Raw: name + " collection"}
}

func link(name string) parser.TypeRef {
	return parser.TypeRef{Name: name, Link: "resources/" + strings.ToLower(name) + ".md", Raw: name}
}

// resourcePage is a resource page defining name.
func resourcePage(name string, base *parser.TypeRef, props ...parser.Property) *parser.Page {
	path := "resources/" + strings.ToLower(name) + ".md"
	return &parser.Page{Path: path, File: path, Kind: parser.KindResource,
		Title:       parser.Text{Value: name + " resource type"},
		Description: parser.Text{Value: "A " + name + "."},
		Resource: &parser.Resource{Name: name, BaseType: base, Properties: props,
			Pos: parser.Pos{File: path, Line: 10}},
	}
}

func prop(name string, t parser.TypeRef, desc string) parser.Property {
	return parser.Property{Name: name, Type: t, Description: desc, Nullable: strings.Contains(desc, "Nullable."),
		ReadOnly: strings.Contains(desc, "Read-only.")}
}

// refOf is the $ref of a property schema: its own, or the one a nullable
// property wraps ({"allOf": [{"$ref": ...}], "nullable": true}).
func refOf(r *openapi3.SchemaRef) string {
	if r == nil {
		return ""
	}
	if r.Ref == "" && r.Value != nil && r.Value.Type == nil && len(r.Value.AllOf) == 1 && r.Value.AllOf[0] != nil {
		return r.Value.AllOf[0].Ref
	}
	return r.Ref
}

// mustValid fails the test when doc does not validate.
func mustValid(t *testing.T, doc *openapi3.T) {
	t.Helper()
	if err := Validate(doc); err != nil {
		t.Fatalf("document does not validate: %v", err)
	}
}

// noDiags fails on any diagnostic.
func noDiags(t *testing.T, ds parser.Diagnostics) {
	t.Helper()
	if len(ds) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", ds.Error())
	}
}

// asJSON decodes v's JSON into generic values, for comparisons.
func asJSON(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// jsonString is the compact JSON of v.
func jsonString(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// op returns the operation at path and method, failing when absent.
func op(t *testing.T, doc *openapi3.T, path, method string) *openapi3.Operation {
	t.Helper()
	item := doc.Paths.Value(path)
	if item == nil {
		t.Fatalf("no path %s; have %v", path, doc.Paths.Keys())
	}
	o := item.GetOperation(method)
	if o == nil {
		t.Fatalf("no %s %s", method, path)
	}
	return o
}

func hasRule(ds parser.Diagnostics, rule string) bool {
	for _, d := range ds {
		if d.Rule == rule {
			return true
		}
	}
	return false
}

// The extension names as the document spells them: the tests pin the
// wire format the xgraph package writes.
const (
	extSource      = "x-graph-source"
	extPage        = "x-graph-page"
	extAction      = "x-graph-action"
	extPermissions = "x-graph-permissions"
	extQuery       = "x-graph-query"
	extExamples    = "x-graph-examples"
	extDocName     = "x-graph-doc-name"
	extEnumValues  = "x-graph-enum-values"
	extAlso        = "x-graph-also-documented"
	extAssumed     = "x-graph-status-assumed"
)
