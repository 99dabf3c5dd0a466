package parser

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/graphdocgen/graphdocgen/xgraph"
)

// A cell's alternatives: a comma, semicolon or "or" separates them, "and"
// (or "plus") joins the scopes one alternative needs together.
func TestPermissionAlternatives(t *testing.T) {
	for _, tt := range []struct {
		cell string
		want xgraph.Alternatives
	}{
		{"Gadget.Read, Gadget.ReadWrite", xgraph.Alternatives{{"Gadget.Read"}, {"Gadget.ReadWrite"}}},
		{"Gadget.Read and Gizmo.Send", xgraph.Alternatives{{"Gadget.Read", "Gizmo.Send"}}},
		{"Gadget.Read and Gizmo.Read, Gadget.ReadWrite and Gizmo.Read, Directory.Read.All",
			xgraph.Alternatives{{"Gadget.Read", "Gizmo.Read"}, {"Gadget.ReadWrite", "Gizmo.Read"}, {"Directory.Read.All"}}},
		{"Gadget.Read, Gadget.ReadWrite and Gizmo.Read", xgraph.Alternatives{{"Gadget.Read"}, {"Gadget.ReadWrite", "Gizmo.Read"}}},
		{"Gadget.Read, Gadget.ReadWrite, and Gizmo.Read", xgraph.Alternatives{{"Gadget.Read"}, {"Gadget.ReadWrite", "Gizmo.Read"}}},
		{"Gadget.Read or Gadget.ReadWrite", xgraph.Alternatives{{"Gadget.Read"}, {"Gadget.ReadWrite"}}},
		{"Gadget.Read.All, Gadget.ReadWrite.All plus Directory.Read.All", xgraph.Alternatives{{"Gadget.Read.All"}, {"Gadget.ReadWrite.All", "Directory.Read.All"}}},
		{"Gizmo.Read.Group*, Gizmo.Read.All", xgraph.Alternatives{{"Gizmo.Read.Group"}, {"Gizmo.Read.All"}}},
		{"Gadget.Read and Gizmo.Read, Gizmo.Read and Gadget.Read", xgraph.Alternatives{{"Gadget.Read", "Gizmo.Read"}}},
		{"Gadget.Read and Gadget.Read", xgraph.Alternatives{{"Gadget.Read"}}},
		{"openid and Gadget.Read", xgraph.Alternatives{{"openid", "Gadget.Read"}}},
		{"and Gadget.Read", xgraph.Alternatives{{"Gadget.Read"}}},
		{"Not supported.", nil},
		{"None.", nil},
	} {
		if got := permissionAlternatives(tt.cell); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: got %v, want %v", tt.cell, got, tt.want)
		}
	}
}

const pagePermsAnd = "---\n" +
	"title: \"gadget: dispatch\"\n" +
	"doc_type: apiPageType\n" +
	"---\n" +
	"\n" +
	"# gadget: dispatch\n" +
	"\n" +
	"## Permissions\n" +
	"\n" +
	"|Permission type | Permissions (from least to most privileged) |\n" +
	"|:---|:---|\n" +
	"|Delegated (work or school account) | Gadget.Read and Gizmo.Send, Gadget.ReadWrite.All |\n" +
	"|Delegated (personal Microsoft account) | Not supported. |\n" +
	"|Application | Gadget.Read.All and Gizmo.Send |\n" +
	"\n" +
	"## HTTP request\n" +
	"```http\n" +
	"POST /gadgets/{id}/dispatch\n" +
	"```\n" +
	"\n" +
	"## Response\n" +
	"If successful, this method returns a `204 No Content` response code.\n"

// The modern tables have a column per privilege: the alternatives of a
// row are those of its cells in column order.
const incPermsAnd = "|Permission type|Least privileged permissions|Higher privileged permissions|\n" +
	"|:---|:---|:---|\n" +
	"|Delegated (work or school account)|Gadget.Read and Gizmo.Send|Gadget.ReadWrite.All, Gadget.Read and Gizmo.Send|\n" +
	"|Delegated (personal Microsoft account)|Not supported.|Not supported.|\n" +
	"|Application|Gadget.Read.All and Gizmo.Send|Not available.|\n"

func TestPermissionsTableAnd(t *testing.T) {
	want := xgraph.Permissions{
		DelegatedWork:     xgraph.Alternatives{{"Gadget.Read", "Gizmo.Send"}, {"Gadget.ReadWrite.All"}},
		DelegatedPersonal: xgraph.Alternatives{},
		Application:       xgraph.Alternatives{{"Gadget.Read.All", "Gizmo.Send"}},
	}
	p, diags := Parse(nil, "api/gadget-dispatch.md", "gadget-dispatch.md", []byte(pagePermsAnd))
	if p == nil || !p.Permissions.Found {
		t.Fatalf("no permissions: %v", diags)
	}
	if !reflect.DeepEqual(p.Permissions.Permissions, want) {
		t.Errorf("inline table: %+v, want %+v", p.Permissions.Permissions, want)
	}
	inc := strings.Replace(pagePermsAnd, pagePermsAnd[strings.Index(pagePermsAnd, "|Permission type"):strings.Index(pagePermsAnd, "## HTTP")],
		"[!INCLUDE [permissions-table](../includes/permissions/gadget-dispatch-permissions.md)]\n\n", 1)
	root := fstest.MapFS{
		"api/gadget-dispatch.md":                              {Data: []byte(inc)},
		"includes/permissions/gadget-dispatch-permissions.md": {Data: []byte(incPermsAnd)},
	}
	p, diags = Parse(root, "api/gadget-dispatch.md", "gadget-dispatch.md", []byte(inc))
	if p == nil || !p.Permissions.Found {
		t.Fatalf("no permissions from the include: %v", diags)
	}
	if !reflect.DeepEqual(p.Permissions.Permissions, want) {
		t.Errorf("include: %+v, want %+v", p.Permissions.Permissions, want)
	}
}

// A header "required when using $search" is implied by those options, not
// required; a description's one-word first sentence is the value.
func TestHeaderRequiredWith(t *testing.T) {
	for _, tt := range []struct {
		desc     string
		with     []string
		required bool
		value    string
	}{
		{"eventual. This header and `$count` are required when using `$search`, or in specific usage of `$filter`.", []string{"$count", "$search"}, false, "eventual"},
		{"eventual. Required when the request includes the `$expand=manager($levels=max)` parameter.", nil, false, "eventual"},
		{"Bearer {token}. Required.", nil, true, ""},
		{"return=minimal. Optional.", nil, false, "return=minimal"},
		{"Locale. Optional.", nil, false, ""},
		{"eTag. Required. The last known eTag.", nil, true, ""},
	} {
		var h Header
		h.Required = isRequired(tt.desc)
		if with, ok := requiredWith(tt.desc); ok {
			h.Required, h.RequiredWith = false, with
		}
		if !reflect.DeepEqual(h.RequiredWith, tt.with) || h.Required != tt.required {
			t.Errorf("%q: required %v with %v, want %v with %v", tt.desc, h.Required, h.RequiredWith, tt.required, tt.with)
		}
		if v := leadingValue(tt.desc); v != tt.value {
			t.Errorf("%q: value %q, want %q", tt.desc, v, tt.value)
		}
	}
}
