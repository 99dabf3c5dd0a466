package spec

import (
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/parser"
)

// nsPage is a resource page of namespace ns ("microsoft.graph.callRecords",
// or "" for a page without a Namespace line), at path, defining name with
// @odata.type odataType (empty for none).
func nsPage(path, ns, name, odataType string, props ...parser.Property) *parser.Page {
	p := &parser.Page{Path: path, File: path, Kind: parser.KindResource,
		Title:       parser.Text{Value: name + " resource type"},
		Description: parser.Text{Value: "A " + name + "."},
		Namespace:   parser.Text{Value: ns},
		Resource: &parser.Resource{Name: name, ODataType: odataType, Properties: props,
			Pos: parser.Pos{File: path, Line: 10}},
	}
	return p
}

// nsEnumPage is an enum page of namespace ns defining the enumerations,
// each given as "name:member,member".
func nsEnumPage(path, ns string, enums ...string) *parser.Page {
	r := &parser.Resource{}
	for _, e := range enums {
		name, members, _ := strings.Cut(e, ":")
		en := parser.Enum{Name: name, Pos: parser.Pos{File: path, Line: 12}}
		for _, m := range strings.Split(members, ",") {
			en.Members = append(en.Members, parser.EnumMember{Name: m})
		}
		r.Enums = append(r.Enums, en)
	}
	return &parser.Page{Path: path, File: path, Kind: parser.KindEnum,
		Title:     parser.Text{Value: "enum values"},
		Namespace: parser.Text{Value: ns}, Resource: r}
}

func schemaKeys(doc *openapi3.T) []string {
	return sortedKeys(doc.Components.Schemas)
}

// mustSchema returns the schema at key, failing when absent.
func mustSchema(t *testing.T, doc *openapi3.T, key string) *openapi3.Schema {
	t.Helper()
	s := doc.Components.Schemas[key]
	if s == nil || s.Value == nil {
		t.Fatalf("no schema %s; have %v", key, schemaKeys(doc))
	}
	return s.Value
}

// TestNamespacesKeepTypesApart: callRecords.mediaStream and
// microsoft.graph.mediaStream are two types, each keyed by its full name,
// with their own properties and sources; neither is a stub and nothing
// is reported as defined twice.
func TestNamespacesKeepTypesApart(t *testing.T) {
	root := nsPage("resources/mediastream.md", "microsoft.graph", "mediaStream", "microsoft.graph.mediaStream",
		prop("sourceId", typ("String"), ""))
	cr := nsPage("resources/callrecords-mediastream.md", "microsoft.graph.callRecords", "mediaStream", "microsoft.graph.callRecords.mediaStream",
		prop("streamId", typ("String"), ""))
	doc, diags := Build([]*parser.Page{root, cr}, Options{})
	mustValid(t, doc)
	if hasRule(diags, "duplicate-type") {
		t.Errorf("the two types were merged:\n%s", diags.Error())
	}
	r := mustSchema(t, doc, "microsoft.graph.mediaStream")
	c := mustSchema(t, doc, "microsoft.graph.callRecords.mediaStream")
	if _, ok := r.Properties["sourceId"]; !ok || len(r.Properties) != 1 {
		t.Errorf("microsoft.graph.mediaStream = %s", jsonString(t, r))
	}
	if _, ok := c.Properties["streamId"]; !ok || len(c.Properties) != 1 {
		t.Errorf("microsoft.graph.callRecords.mediaStream = %s", jsonString(t, c))
	}
	if got := c.Extensions[extSource]; got != "resources/callrecords-mediastream.md:10" {
		t.Errorf("callRecords source = %v", got)
	}
}

// TestNamespaceReferencesResolveInNamespace: a type named without its
// namespace on a page of namespace callRecords is the callRecords type
// when callRecords defines it (mediaStream, the base type endpoint),
// else the microsoft.graph one (identitySet); a link to a page gives that
// page's type whatever the namespace; a name written with its namespace is
// kept. An API page of the namespace resolves its response type the same
// way, and a collection response follows its type's namespace.
func TestNamespaceReferencesResolveInNamespace(t *testing.T) {
	const ns = "microsoft.graph.callRecords"
	pages := []*parser.Page{
		nsPage("resources/mediastream.md", "microsoft.graph", "mediaStream", "", prop("sourceId", typ("String"), "")),
		nsPage("resources/endpoint.md", "microsoft.graph", "endpoint", "", prop("url", typ("String"), "")),
		nsPage("resources/identityset.md", "microsoft.graph", "identitySet", "", prop("user", typ("String"), "")),
		nsPage("resources/callrecords-mediastream.md", ns, "mediaStream", "", prop("streamId", typ("String"), "")),
		nsPage("resources/callrecords-endpoint.md", ns, "endpoint", "", prop("userAgent", typ("String"), "")),
		nsPage("resources/callrecords-media.md", ns, "media", "",
			prop("streams", coll("mediaStream"), ""),
			prop("linked", parser.TypeRef{Name: "mediaStream", Link: "resources/mediastream.md", Raw: "mediaStream"}, ""),
			prop("qualified", typ("microsoft.graph.callRecords.mediaStream"), ""),
			prop("rootQualified", typ("microsoft.graph.mediaStream"), ""),
			prop("by", typ("identitySet"), ""),
			prop("unknown", typ("nowhere"), "")),
		nsPage("resources/callrecords-participantendpoint.md", ns, "participantEndpoint", ""),
		nsPage("resources/media.md", "microsoft.graph", "media", "", prop("streams", coll("mediaStream"), "")),
	}
	pages[6].Resource.BaseType = &parser.TypeRef{Name: "endpoint", Raw: "endpoint"}
	list := apiPage("api/callrecords-media-list.md", "List media", "GET /communications/media")
	list.Namespace = parser.Text{Value: ns}
	list.Response = parser.Response{Kind: parser.RespCollection, Statuses: []int{200}, Type: typ("mediaStream")}
	get := apiPage("api/mediastream-get.md", "Get mediaStream", "GET /mediaStreams/{id}")
	get.Response = parser.Response{Kind: parser.RespObject, Statuses: []int{200}, Type: typ("mediaStream")}
	pages = append(pages, list, get)

	doc, _ := Build(pages, Options{})
	mustValid(t, doc)
	media := mustSchema(t, doc, "microsoft.graph.callRecords.media")
	want := map[string]string{
		"linked":        "microsoft.graph.mediaStream",
		"qualified":     "microsoft.graph.callRecords.mediaStream",
		"rootQualified": "microsoft.graph.mediaStream",
		"by":            "microsoft.graph.identitySet",
		"unknown":       "microsoft.graph.nowhere",
	}
	for p, key := range want {
		if got := media.Properties[p]; got == nil || refOf(got) != schemaRef(key) {
			t.Errorf("media.%s = %s, want $ref %s", p, jsonString(t, got), key)
		}
	}
	if s := media.Properties["streams"]; s == nil || s.Value.Items == nil || s.Value.Items.Ref != schemaRef("microsoft.graph.callRecords.mediaStream") {
		t.Errorf("media.streams = %s", jsonString(t, s))
	}
	if s := mustSchema(t, doc, "microsoft.graph.media").Properties["streams"]; s.Value.Items.Ref != schemaRef("microsoft.graph.mediaStream") {
		t.Errorf("microsoft.graph.media.streams = %s", jsonString(t, s))
	}
	pe := mustSchema(t, doc, "microsoft.graph.callRecords.participantEndpoint")
	if len(pe.AllOf) != 2 || pe.AllOf[0].Ref != schemaRef("microsoft.graph.callRecords.endpoint") {
		t.Errorf("participantEndpoint base = %s", jsonString(t, pe))
	}
	if !isStub(doc.Components.Schemas["microsoft.graph.nowhere"]) {
		t.Errorf("an unknown type is not a microsoft.graph stub: %v", schemaKeys(doc))
	}
	ref := op(t, doc, "/communications/media", "GET").Responses.Value("200").Value.Content["application/json"].Schema.Ref
	if ref != schemaRef("microsoft.graph.callRecords.mediaStreamCollectionResponse") {
		t.Errorf("namespace API page response $ref = %q", ref)
	}
	cr := mustSchema(t, doc, "microsoft.graph.callRecords.mediaStreamCollectionResponse")
	if cr.Properties["value"].Value.Items.Ref != schemaRef("microsoft.graph.callRecords.mediaStream") {
		t.Errorf("collection = %s", jsonString(t, cr))
	}
	ref = op(t, doc, "/mediaStreams/{mediaStreamId}", "GET").Responses.Value("200").Value.Content["application/json"].Schema.Ref
	if ref != schemaRef("microsoft.graph.mediaStream") {
		t.Errorf("microsoft.graph API page response $ref = %q", ref)
	}
	for _, k := range schemaKeys(doc) {
		if isStub(doc.Components.Schemas[k]) && k != "microsoft.graph.nowhere" {
			t.Errorf("unexpected stub %s", k)
		}
	}
}

// TestNamespaceEnums: an enum page with a Namespace line defines its
// enumerations in that namespace, so the namespace's resource pages find
// them whether they write the name bare or qualified, and an enumeration
// of the same name in microsoft.graph stays apart. A link with an anchor
// into the namespace's enum page resolves there from a microsoft.graph
// page. An enum page without a Namespace line named enums-NS.md takes
// namespace NS when other pages use it. An API page of the namespace that
// returns the enumeration wraps it in "value".
func TestNamespaceEnums(t *testing.T) {
	const ns = "microsoft.graph.callRecords"
	pages := []*parser.Page{
		nsEnumPage("resources/enums-callrecords.md", ns, "modality:audio,video", "callType:groupCall,peerToPeer"),
		nsEnumPage("resources/enums.md", "microsoft.graph", "modality:unknown,audio,video,data"),
		nsPage("resources/callrecords-session.md", ns, "session", "microsoft.graph.callRecords.session",
			prop("modalities", coll("modality"), ""),
			prop("kind", typ("microsoft.graph.callRecords.callType"), "")),
		nsPage("resources/call.md", "microsoft.graph", "call", "",
			prop("requestedModalities", coll("modality"), ""),
			prop("recordType", parser.TypeRef{Name: "callType", Link: "resources/enums-callrecords.md#calltype-values", Raw: "callType"}, "")),
		nsPage("resources/managedtenants-tenant.md", "microsoft.graph.managedTenants", "tenant", "",
			prop("status", typ("tenantOnboardingStatus"), "")),
		{Path: "resources/enums-managedtenants.md", File: "resources/enums-managedtenants.md", Kind: parser.KindEnum,
			Resource: &parser.Resource{Enums: []parser.Enum{{Name: "tenantOnboardingStatus",
				Members: []parser.EnumMember{{Name: "active"}, {Name: "inactive"}}}}}},
	}
	mode := apiPage("api/callrecords-session-mode.md", "session: mode", "GET /communications/sessions/{id}/mode")
	mode.Namespace = parser.Text{Value: ns}
	mode.Response = parser.Response{Kind: parser.RespObject, Statuses: []int{200}, Type: typ("modality")}
	pages = append(pages, mode)

	doc, diags := Build(pages, Options{})
	mustValid(t, doc)
	if hasRule(diags, "duplicate-type") {
		t.Errorf("enumerations were merged:\n%s", diags.Error())
	}
	crm := mustSchema(t, doc, "microsoft.graph.callRecords.modality")
	if got := jsonString(t, crm.Enum); got != `["audio","video"]` {
		t.Errorf("callRecords.modality members = %s", got)
	}
	if got := jsonString(t, mustSchema(t, doc, "microsoft.graph.modality").Enum); got != `["unknown","audio","video","data"]` {
		t.Errorf("microsoft.graph.modality members = %s", got)
	}
	s := mustSchema(t, doc, "microsoft.graph.callRecords.session")
	if m := s.Properties["modalities"]; m.Value.Items.Ref != schemaRef("microsoft.graph.callRecords.modality") {
		t.Errorf("session.modalities = %s", jsonString(t, m))
	}
	if k := s.Properties["kind"]; refOf(k) != schemaRef("microsoft.graph.callRecords.callType") {
		t.Errorf("session.kind = %s", jsonString(t, k))
	}
	c := mustSchema(t, doc, "microsoft.graph.call")
	if m := c.Properties["requestedModalities"]; m.Value.Items.Ref != schemaRef("microsoft.graph.modality") {
		t.Errorf("call.requestedModalities = %s", jsonString(t, m))
	}
	if r := c.Properties["recordType"]; refOf(r) != schemaRef("microsoft.graph.callRecords.callType") {
		t.Errorf("call.recordType = %s", jsonString(t, r))
	}
	if st := mustSchema(t, doc, "microsoft.graph.managedTenants.tenant").Properties["status"]; refOf(st) != schemaRef("microsoft.graph.managedTenants.tenantOnboardingStatus") {
		t.Errorf("tenant.status = %s", jsonString(t, st))
	}
	mustSchema(t, doc, "microsoft.graph.managedTenants.tenantOnboardingStatus")
	ref := op(t, doc, "/communications/sessions/{sessionId}/mode", "GET").Responses.Value("200").Value.Content["application/json"].Schema.Ref
	if ref != schemaRef("callrecordsSessionModeResponse") {
		t.Fatalf("enum response $ref = %q", ref)
	}
	w := mustSchema(t, doc, "callrecordsSessionModeResponse")
	if v := w.Properties["value"]; v == nil || v.Ref != schemaRef("microsoft.graph.callRecords.modality") {
		t.Errorf("wrapper = %s", jsonString(t, w))
	}
	for _, k := range schemaKeys(doc) {
		if isStub(doc.Components.Schemas[k]) {
			t.Errorf("stub %s", k)
		}
	}
}

// TestNamespaceSpelling: a namespace is spelled as most pages spell it
// (enums-termstore.md writes microsoft.graph.termstore, the resource
// pages termStore), and a type name the title capitalized ("Group
// resource type") takes the @odata.type's spelling. termStore.group does
// not merge into microsoft.graph.group.
func TestNamespaceSpelling(t *testing.T) {
	pages := []*parser.Page{
		nsPage("resources/group.md", "microsoft.graph", "group", "microsoft.graph.group", prop("mail", typ("String"), "")),
		nsPage("resources/termstore-group.md", "microsoft.graph.termStore", "Group", "microsoft.graph.termStore.group",
			prop("scope", typ("termGroupScope"), "")),
		nsPage("resources/termstore-set.md", "microsoft.graph.termStore", "set", "microsoft.graph.termStore.set",
			prop("parentGroup", typ("microsoft.graph.termstore.group"), "")),
		nsEnumPage("resources/enums-termstore.md", "microsoft.graph.termstore", "termGroupScope:global,system"),
	}
	doc, diags := Build(pages, Options{})
	mustValid(t, doc)
	want := []string{
		"microsoft.graph.group", "microsoft.graph.termStore.group", "microsoft.graph.termStore.set",
		"microsoft.graph.termStore.termGroupScope",
	}
	var got []string
	for _, k := range schemaKeys(doc) {
		if strings.HasPrefix(k, "microsoft.graph.") && k != errorSchema {
			got = append(got, k)
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("schemas = %v, want %v", got, want)
	}
	if hasRule(diags, "duplicate-type") {
		t.Errorf("termStore.group merged into group:\n%s", diags.Error())
	}
	g := mustSchema(t, doc, "microsoft.graph.termStore.group")
	if s := g.Properties["scope"]; refOf(s) != schemaRef("microsoft.graph.termStore.termGroupScope") {
		t.Errorf("group.scope = %s", jsonString(t, s))
	}
	if p := mustSchema(t, doc, "microsoft.graph.termStore.set").Properties["parentGroup"]; refOf(p) != schemaRef("microsoft.graph.termStore.group") {
		t.Errorf("set.parentGroup = %s", jsonString(t, p))
	}
	if _, ok := mustSchema(t, doc, "microsoft.graph.group").Properties["scope"]; ok {
		t.Errorf("microsoft.graph.group took termStore.group's properties")
	}
}

// TestSubNamespace reads Namespace lines.
func TestSubNamespace(t *testing.T) {
	for in, want := range map[string]string{
		"microsoft.graph":                       "",
		"microsoft.graph.":                      "",
		"":                                      "",
		"microsoft.graph.callRecords":           "callRecords",
		"Microsoft.Graph.callRecords":           "callRecords",
		"microsoft.graph.ediscovery.ediscovery": "ediscovery.ediscovery",
		"microsoft.graphx":                      "",
		"other.namespace":                       "",
	} {
		if got := subNamespace(in); got != want {
			t.Errorf("subNamespace(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFragmentNamespace: a page on its own (Fragment) keys its types by
// namespace too and finds the types it defines itself.
func TestFragmentNamespace(t *testing.T) {
	p := nsEnumPage("resources/enums-callrecords.md", "microsoft.graph.callRecords", "modality:audio")
	doc, _ := Fragment(p, Options{})
	mustSchema(t, doc, "microsoft.graph.callRecords.modality")
	r := nsPage("resources/callrecords-session.md", "microsoft.graph.callRecords", "session", "",
		prop("caller", typ("endpoint"), ""))
	doc, _ = Fragment(r, Options{})
	mustSchema(t, doc, "microsoft.graph.callRecords.session")
	if c := mustSchema(t, doc, "microsoft.graph.callRecords.session").Properties["caller"]; refOf(c) != schemaRef("microsoft.graph.endpoint") {
		t.Errorf("caller = %s (a type the page set does not define is a microsoft.graph stub)", jsonString(t, c))
	}
}

// TestCorpusNamespaces: in the 2021-07 v1.0 docs, the callRecords and
// externalConnectors types are keyed in their namespaces: no stub is
// left in either namespace, callRecords.mediaStream is apart from
// microsoft.graph.mediaStream (the calls API's), the callRecords session
// refers to its namespace's modality enumeration, and the sessions list
// returns callRecords sessions.
func TestCorpusNamespaces(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	doc, diags := Build(loadCorpus(t, "graph-docs-2021-07/v1.0"), Options{})
	if diags.HasErrors() {
		t.Fatalf("build: %s", diags.Error())
	}
	for _, k := range schemaKeys(doc) {
		if (strings.HasPrefix(k, "microsoft.graph.callRecords.") || strings.HasPrefix(k, "microsoft.graph.externalConnectors.")) && isStub(doc.Components.Schemas[k]) {
			t.Errorf("stub %s", k)
		}
	}
	root := mustSchema(t, doc, "microsoft.graph.mediaStream")
	cr := mustSchema(t, doc, "microsoft.graph.callRecords.mediaStream")
	if src := cr.Extensions[extSource]; !strings.HasPrefix(src.(string), "resources/callrecords-mediastream.md:") {
		t.Errorf("callRecords.mediaStream source = %v", src)
	}
	if src := root.Extensions[extSource]; !strings.HasPrefix(src.(string), "resources/mediastream.md:") {
		t.Errorf("mediaStream source = %v", src)
	}
	if _, also := root.Extensions[extAlso]; also {
		t.Errorf("microsoft.graph.mediaStream still merges another definition: %v", root.Extensions[extAlso])
	}
	if m := mustSchema(t, doc, "microsoft.graph.callRecords.modality"); len(m.Enum) == 0 {
		t.Errorf("callRecords.modality = %s", jsonString(t, m))
	}
	s := ownProps(mustSchema(t, doc, "microsoft.graph.callRecords.session"))
	if m := s.Properties["modalities"]; m == nil || m.Value.Items == nil || m.Value.Items.Ref != schemaRef("microsoft.graph.callRecords.modality") {
		t.Errorf("session.modalities = %s", jsonString(t, m))
	}
	ref := op(t, doc, "/communications/callRecords/{callRecordId}/sessions", "GET").Responses.Value("200").Value.Content["application/json"].Schema.Ref
	if ref != schemaRef("microsoft.graph.callRecords.sessionCollectionResponse") {
		t.Errorf("sessions list response $ref = %q", ref)
	}
}
