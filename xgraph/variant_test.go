package xgraph

import (
	"reflect"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestVariantExamples: an example belongs to the query variant whose
// fixed query its URL sets, the one of the most options when several do;
// the variant's operation has those examples, its own page, permissions
// and description, and the operation keeps the others.
func TestVariantExamples(t *testing.T) {
	eq := "$filter=singleValueExtendedProperties/Any(ep: ep/id eq '{id_value}' and ep/value eq '{property_value}')"
	ne := "$filter=singleValueExtendedProperties/Any(ep: ep/id eq '{id_value}' and ep/value ne '{property_value}')"
	top := "$top={n}"
	filterTop := "$filter={property} eq '{value}'&$top={n}"
	ex := func(name, url string) Example {
		return Example{Name: name, Request: ExampleRequest{Method: "GET", URL: url, Path: "/me/messages"}, Source: "api/x.md:1"}
	}
	perm := &Permissions{Application: Alternatives{{"Mail.Read"}}}
	x := Operation{Source: "api/list.md:20", Page: "api/list.md",
		Variants: []QueryVariant{
			{Page: "api/prop.md", Query: eq, Source: "api/prop.md:20", Summary: "Get property", Description: "Gets it.", Permissions: perm},
			{Page: "api/prop.md", Query: ne, Source: "api/prop.md:21", Summary: "Get property"},
			{Page: "api/list.md", Query: top, Source: "api/list.md:21", Summary: "List"},
			{Page: "api/list.md", Query: filterTop, Source: "api/list.md:22", Summary: "List"},
		},
		Examples: []Example{
			ex("plain", "/me/messages?$select=subject"),
			ex("by_eq", "/me/messages?$filter=singleValueExtendedProperties/Any(ep:ep/id eq 'a' and ep/value eq 'b')"),
			ex("by_ne", "/me/messages?%24filter=singleValueExtendedProperties%2FAny(ep%3A%20ep%2Fid%20eq%20'a'%20and%20ep%2Fvalue%20ne%20'b')"),
			ex("top", "/me/messages?$top=5"),
			ex("filter_top", "/me/messages?$filter=subject eq 'x'&$top=5"),
		},
	}
	want := []int{-1, 0, 1, 2, 3}
	for i, e := range x.Examples {
		if got := x.ExampleVariant(e); got != want[i] {
			t.Errorf("%s: variant %d, want %d", e.Name, got, want[i])
		}
	}
	if own := x.OwnExamples(); len(own) != 1 || own[0].Name != "plain" {
		t.Errorf("own examples %+v", own)
	}
	op := &openapi3.Operation{OperationID: "get.me.messages", Summary: "List", Description: "Lists."}
	WriteOperation(op, x)
	vo := VariantOperation(op, x.Variants[0])
	vx, err := ReadOperation(vo)
	if err != nil {
		t.Fatal(err)
	}
	if len(vx.Examples) != 1 || vx.Examples[0].Name != "by_eq" || vx.Page != "api/prop.md" || vx.Query != eq ||
		vx.Permissions == nil || !reflect.DeepEqual(vx.Permissions.Application, perm.Application) || vo.Summary != "Get property" || vo.Description != "Gets it." || len(vx.Variants) != 0 {
		t.Errorf("variant operation %+v %+v", vo, vx)
	}
	if vo.Security == nil || len(*vo.Security) != 1 {
		t.Errorf("variant security %v", vo.Security)
	}
	if vo := VariantOperation(op, x.Variants[1]); vo.Security != nil || vo.Description != "" {
		t.Errorf("a variant without permissions or description has the operation's: %v %q", vo.Security, vo.Description)
	}
}

// TestVariantOptionNames: a variant's fixed option replaces the
// operation's optional parameter of that option however the docs spell
// its name ("expand" for "$expand", "%24top" for "$top"), as
// graphpath.OptionName compares them.
func TestVariantOptionNames(t *testing.T) {
	op := &openapi3.Operation{OperationID: "get.me.messages", Parameters: openapi3.Parameters{
		{Ref: "#/components/parameters/expand"},
		{Value: &openapi3.Parameter{Name: "$top", In: openapi3.ParameterInQuery}},
		{Value: &openapi3.Parameter{Name: "$select", In: openapi3.ParameterInQuery}},
	}}
	x := Operation{Variants: []QueryVariant{{Page: "api/x.md", Query: "expand=fields&%24top=2", Source: "api/x.md:3"}}}
	WriteOperation(op, x)
	vo := VariantOperation(op, x.Variants[0])
	var names []string
	for _, p := range vo.Parameters {
		if p.Value != nil {
			names = append(names, p.Value.Name)
		} else {
			names = append(names, p.Ref)
		}
	}
	if !reflect.DeepEqual(names, []string{"$select"}) {
		t.Errorf("parameters %v, want [$select]", names)
	}
}
