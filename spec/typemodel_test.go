package spec

import (
	"fmt"
	"strings"
	"testing"

	"github.com/graphdocgen/graphdocgen/parser"
)

// TestLinkCase: a link whose case is not the file's
// ("identityApiConnector.md" for identityapiconnector.md, as the docs
// site reads it) is the linked page's type, not a stub named by the link
// text.
func TestLinkCase(t *testing.T) {
	res := nsPage("resources/identityapiconnector.md", "microsoft.graph", "identityApiConnector", "microsoft.graph.identityApiConnector",
		prop("displayName", typ("String"), "Name."))
	api := apiPage("api/identityapiconnector-upload.md", "Upload", "POST /identity/apiConnectors/{id}/upload")
	api.Response = parser.Response{Kind: parser.RespObject, Statuses: []int{200},
		Type: parser.TypeRef{Name: "apiConnector", Link: "resources/identityApiConnector.md", Raw: "apiConnector"}}
	doc, diags := Build([]*parser.Page{res, api}, Options{})
	mustValid(t, doc)
	if hasRule(diags, "unresolved-type") {
		t.Errorf("diagnostics: %v", diags)
	}
	o := op(t, doc, "/identity/apiConnectors/{apiConnectorId}/upload", "POST")
	if got := o.Responses.Value("200").Value.Content["application/json"].Schema.Ref; got != "#/components/schemas/microsoft.graph.identityApiConnector" {
		t.Errorf("response schema = %s", got)
	}
	ts := NewTypes([]*parser.Page{api, res})
	if ty, ok := ts.Lookup(api, api.Response.Type); !ok || ty.Name != "identityApiConnector" || ty.Page != res {
		t.Errorf("Lookup = %+v, %v", ty, ok)
	}
}

// TestTypes: the type model resolves references as Build does: in the
// referring page's namespace, through an annotation's
// "#microsoft.graph.X" or "Collection(...)" in any case, a base type in
// its page's namespace; enumerations have a name but are no object type.
func TestTypes(t *testing.T) {
	root := nsPage("resources/session.md", "microsoft.graph", "session", "", prop("a", typ("String"), ""))
	cr := nsPage("resources/callrecords-session.md", "microsoft.graph.callRecords", "session", "",
		prop("b", typ("String"), ""))
	seg := nsPage("resources/callrecords-segment.md", "microsoft.graph.callRecords", "segment", "")
	seg.Resource.BaseType = &parser.TypeRef{Name: "session"}
	enums := nsEnumPage("resources/callrecords-enums.md", "microsoft.graph.callRecords", "modality:audio,video")
	crAPI := apiPage("api/callrecords-session-get.md", "Get", "GET /communications/callRecords/{id}/sessions/{id}")
	crAPI.Namespace = parser.Text{Value: "microsoft.graph.callRecords"}
	plain := apiPage("api/session-get.md", "Get", "GET /sessions/{id}")
	ts := NewTypes([]*parser.Page{seg, plain, cr, enums, root, crAPI})
	for _, c := range []struct {
		page *parser.Page
		ref  string
		want string
	}{
		{crAPI, "session", "callRecords.session"},
		{plain, "session", "session"},
		{plain, "microsoft.graph.callRecords.session", "callRecords.session"},
		{plain, "#microsoft.graph.callRecords.session", "callRecords.session"},
		{plain, "collection(microsoft.graph.session)", "session"},
		{crAPI, "Collection(microsoft.graph.session)", "session"},
	} {
		ty, ok := ts.Lookup(c.page, parser.TypeRef{Name: c.ref})
		if !ok || ty.Name != c.want || ty.FullName() != "microsoft.graph."+c.want {
			t.Errorf("%s on %s = %+v, %v; want %s", c.ref, c.page.Path, ty, ok, c.want)
		}
	}
	s, _ := ts.Lookup(crAPI, parser.TypeRef{Name: "segment"})
	if b, ok := ts.Base(s); !ok || b.Page != cr {
		t.Errorf("base of %s = %+v, %v; want callRecords.session", s.Name, b, ok)
	}
	if n, ok := ts.Name(crAPI, parser.TypeRef{Name: "modality"}); !ok || n != "callRecords.modality" {
		t.Errorf("Name(modality) = %q, %v", n, ok)
	}
	for _, ref := range []string{"modality", "String", "unknownThing"} {
		if ty, ok := ts.Lookup(crAPI, parser.TypeRef{Name: ref}); ok {
			t.Errorf("Lookup(%s) = %+v, want none", ref, ty)
		}
	}
	if n, ok := ts.Defined(cr); !ok || n != "callRecords.session" {
		t.Errorf("Defined(%s) = %q, %v", cr.Path, n, ok)
	}
	if _, ok := ts.Defined(enums); ok {
		t.Errorf("an enum page defines no object type")
	}
	var none *Types
	if _, ok := none.Lookup(plain, parser.TypeRef{Name: "session"}); ok {
		t.Errorf("a nil model knows a type")
	}
}

// TestVariantOwnAnnotation: when the page's response type is only its
// first example's annotation (the Response section names none), each path
// variant with an example of its own takes that example's type; a
// variant without one takes the page's.
func TestVariantOwnAnnotation(t *testing.T) {
	msg := resourcePage("message", nil, prop("subject", typ("String"), ""))
	ext := resourcePage("openTypeExtension", nil, prop("extensionName", typ("String"), ""))
	api := apiPage("api/opentypeextension-post.md", "Create", "POST /users/{id}/messages", "POST /users/{id}/messages/{id}/extensions", "POST /users/{id}/extensions")
	api.Response = parser.Response{Kind: parser.RespObject, Statuses: []int{201}, Annotated: true,
		Type: parser.TypeRef{Name: "microsoft.graph.message", Raw: "microsoft.graph.message"}}
	api.Examples = []parser.Example{
		{BlockType: "request", Name: "a", Method: "POST", URL: "/users/1/messages", Pos: parser.Pos{Line: 40}},
		{BlockType: "response", Name: "a", Status: 201, ODataType: "microsoft.graph.message", Body: `{"subject":"x"}`, JSON: map[string]any{"subject": "x"}, Pos: parser.Pos{Line: 50}},
		{BlockType: "request", Name: "b", Method: "POST", URL: "/users/1/messages/2/extensions", Pos: parser.Pos{Line: 60}},
		{BlockType: "response", Name: "b", Status: 201, ODataType: "microsoft.graph.openTypeExtension", Body: `{"extensionName":"x"}`, JSON: map[string]any{"extensionName": "x"}, Pos: parser.Pos{Line: 70}},
	}
	doc, _ := Build([]*parser.Page{msg, ext, api}, Options{})
	mustValid(t, doc)
	for path, want := range map[string]string{
		"/users/{userId}/messages":                        "message",
		"/users/{userId}/messages/{messageId}/extensions": "openTypeExtension",
		"/users/{userId}/extensions":                      "message",
	} {
		o := op(t, doc, path, "POST")
		if got := o.Responses.Value("201").Value.Content["application/json"].Schema.Ref; got != "#/components/schemas/microsoft.graph."+want {
			t.Errorf("%s returns %s, want %s", path, got, want)
		}
	}
}

// TestDefinitions: every definition of a type, the primary first (user.md
// although intune-devices-user.md sorts before it), then path order; an
// enumeration's in path order, each in its page's namespace.
func TestDefinitions(t *testing.T) {
	user := nsPage("resources/user.md", "microsoft.graph", "user", "", prop("displayName", typ("String"), ""))
	intune := nsPage("resources/intune-devices-user.md", "microsoft.graph", "user", "", prop("managedDevices", typ("String"), ""))
	mam := nsPage("resources/intune-mam-user.md", "microsoft.graph", "user", "", prop("managedAppRegistrations", typ("String"), ""))
	enums := nsEnumPage("resources/enums.md", "microsoft.graph", "modality:audio", "sizeKind:small")
	crEnums := nsEnumPage("resources/enums-callrecords.md", "microsoft.graph.callRecords", "modality:audio,screenSharing")
	cr := nsPage("resources/callrecords-session.md", "microsoft.graph.callRecords", "session", "")
	widget := nsPage("resources/widget.md", "microsoft.graph", "widget", "")
	widget.Resource.Enums = []parser.Enum{{Name: "sizeKind", Members: []parser.EnumMember{{Name: "large"}}}}
	ts := NewTypes([]*parser.Page{user, widget, mam, crEnums, intune, enums, cr})
	defs := func(name string) string {
		var out []string
		for _, d := range ts.Definitions(name) {
			out = append(out, fmt.Sprintf("%s#%d", d.Page.Path, d.Enum))
		}
		return strings.Join(out, " ")
	}
	for name, want := range map[string]string{
		"user":                 "resources/user.md#-1 resources/intune-devices-user.md#-1 resources/intune-mam-user.md#-1",
		"USER":                 "resources/user.md#-1 resources/intune-devices-user.md#-1 resources/intune-mam-user.md#-1",
		"sizeKind":             "resources/enums.md#1 resources/widget.md#0",
		"modality":             "resources/enums.md#0",
		"callRecords.modality": "resources/enums-callrecords.md#0",
		"callRecords.session":  "resources/callrecords-session.md#-1",
		"nothing":              "",
	} {
		if got := defs(name); got != want {
			t.Errorf("Definitions(%s) = %s, want %s", name, got, want)
		}
	}
	if n, ok := ts.EnumName(crEnums, 0); !ok || n != "callRecords.modality" {
		t.Errorf("EnumName(enums-callrecords.md, 0) = %q, %v", n, ok)
	}
	if _, ok := ts.EnumName(crEnums, 1); ok {
		t.Error("EnumName past the page's enumerations")
	}
	var none *Types
	if none.Definitions("user") != nil {
		t.Error("a nil model has definitions")
	}
}
