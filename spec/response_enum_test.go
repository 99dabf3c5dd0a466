package spec

import (
	"testing"

	"github.com/graphdocgen/graphdocgen/parser"
)

// TestEnumResponseIsWrapped: an action documented as returning an
// enumeration (chromeOSOnboardingSettings: connect returns a
// chromeOSOnboardingStatus) answers {"value": "inprogress"} like any
// primitive: the response is the page's NAMEResponse wrapper around the
// enumeration, not the enumeration itself. An object type is not wrapped.
func TestEnumResponseIsWrapped(t *testing.T) {
	enum := &parser.Page{Path: "resources/onboardingstatus.md", File: "resources/onboardingstatus.md", Kind: parser.KindEnum,
		Resource: &parser.Resource{Enums: []parser.Enum{{Name: "onboardingStatus",
			Members: []parser.EnumMember{{Name: "inprogress"}, {Name: "completed"}}}}}}
	widget := resourcePage("widget", nil, prop("name", typ("String"), ""))
	connect := apiPage("api/onboarding-connect.md", "onboarding: connect", "POST /onboarding/connect")
	connect.Response = parser.Response{Kind: parser.RespObject, Statuses: []int{200},
		Type: parser.TypeRef{Name: "onboardingStatus", Link: "resources/onboardingstatus.md"}}
	get := apiPage("api/widget-get.md", "Get widget", "GET /widgets/{id}")
	get.Response = parser.Response{Kind: parser.RespObject, Statuses: []int{200}, Type: link("widget")}
	doc, _ := Build([]*parser.Page{enum, widget, connect, get}, Options{})
	mustValid(t, doc)
	ref := op(t, doc, "/onboarding/connect", "POST").Responses.Value("200").Value.Content["application/json"].Schema.Ref
	if ref != "#/components/schemas/onboardingConnectResponse" {
		t.Fatalf("response $ref = %q", ref)
	}
	w := doc.Components.Schemas["onboardingConnectResponse"].Value
	if v := w.Properties["value"]; v == nil || v.Ref != "#/components/schemas/microsoft.graph.onboardingStatus" {
		t.Errorf("wrapper = %s", jsonString(t, w))
	}
	ref = op(t, doc, "/widgets/{widgetId}", "GET").Responses.Value("200").Value.Content["application/json"].Schema.Ref
	if ref != "#/components/schemas/microsoft.graph.widget" {
		t.Errorf("object response $ref = %q", ref)
	}
}

// TestJsonTypeIsAnyValue: the Json resource type (no properties) is any
// JSON value, so a workbook range's values, an array of arrays, fit it.
func TestJsonTypeIsAnyValue(t *testing.T) {
	j := resourcePage("Json", nil)
	doc, _ := Build([]*parser.Page{j}, Options{})
	mustValid(t, doc)
	s := doc.Components.Schemas["microsoft.graph.Json"].Value
	if s.Type != nil || s.Extensions[extSource] == nil {
		t.Fatalf("Json = %s", jsonString(t, s))
	}
	if err := s.VisitJSON([]any{[]any{1.0, "a"}}); err != nil {
		t.Errorf("an array of arrays does not fit: %v", err)
	}
}
