package spec

import (
	"reflect"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/graphpath"
	"github.com/graphdocgen/graphdocgen/parser"
)

func TestVariantNaming(t *testing.T) {
	tests := []struct {
		raw      string
		path     string
		names    []string
		docNames []string
		opID     string
	}{
		{"/users/{id | userPrincipalName}/events/{id}", "/users/{userId}/events/{eventId}",
			[]string{"userId", "eventId"}, []string{"id | userPrincipalName", "id"}, "get.users.userId.events.eventId"},
		{"/users/{usersId}/messages/{messageId}/event/instances/{eventId}/permanentDelete",
			"/users/{userId}/messages/{messageId}/event/instances/{eventId}/permanentDelete",
			[]string{"userId", "messageId", "eventId"}, []string{"usersId", "messageId", "eventId"},
			"get.users.userId.messages.messageId.event.instances.eventId.permanentDelete"},
		{"/me/calendarView/{id}", "/me/calendarView/{calendarViewId}", []string{"calendarViewId"}, []string{"id"}, ""},
		{"/users/{usersId}/calendarView/{eventId}", "/users/{userId}/calendarView/{eventId}", []string{"userId", "eventId"}, []string{"usersId", "eventId"}, ""},
		{"/groups/{groupsId}/events/{event-id}", "/groups/{groupId}/events/{eventId}", []string{"groupId", "eventId"}, nil, ""},
		{"/identity/conditionalAccess/policies/{id}", "/identity/conditionalAccess/policies/{policyId}", []string{"policyId"}, []string{"id"}, ""},
		{"/me/drive/items/{item-id}/children/{child-id}", "/me/drive/items/{itemId}/children/{childId}", []string{"itemId", "childId"}, []string{"item-id", "child-id"}, ""},
		{"/users/{id}/addresses/{id}", "/users/{userId}/addresses/{addressId}", []string{"userId", "addressId"}, nil, ""},
		{"/me/calendars/{id}/events/{event_id}", "/me/calendars/{calendarId}/events/{eventId}", nil, nil, ""},
		{"/me/events/{id}/instances/{id}/instances/{id}", "/me/events/{eventId}/instances/{instanceId}/instances/{instanceId2}",
			[]string{"eventId", "instanceId", "instanceId2"}, nil, ""},
		{"/sites/{hostname}", "/sites/{hostname}", []string{"hostname"}, []string{"hostname"}, ""},
		{"/directoryObjects/{id}/microsoft.graph.user", "/directoryObjects/{directoryObjectId}/microsoft.graph.user", nil, nil, ""},
		{"/me/calendar/calendarView(startDateTime='{start}',endDateTime='{end}')",
			"/me/calendar/calendarView(startDateTime='{start}',endDateTime='{end}')",
			[]string{"start", "end"}, []string{"start", "end"}, "get.me.calendar.calendarView.start.end"},
		{"/reports/getEmailActivityCounts(period='{period_value}')", "/reports/getEmailActivityCounts(period='{periodValue}')",
			[]string{"periodValue"}, []string{"period_value"}, "get.reports.getEmailActivityCounts.periodValue"},
		{"/me/events/delta()", "/me/events/delta()", nil, nil, "get.me.events.delta"},
		{"/groups/{id}/members/{id}/$ref", "/groups/{groupId}/members/{memberId}/$ref", nil, nil, "get.groups.groupId.members.memberId.$ref"},
		{"/me/drive/items/{id}/workbook/worksheets/{id}/range(address='A1:B2')",
			"/me/drive/items/{itemId}/workbook/worksheets/{worksheetId}/range(address='A1:B2')", nil, nil,
			"get.me.drive.items.itemId.workbook.worksheets.worksheetId.range.address"},
		{"/directoryRoles/roleTemplateId={roleTemplateId}/members", "/directoryRoles/roleTemplateId={roleTemplateId}/members",
			[]string{"roleTemplateId"}, nil, "get.directoryRoles.roleTemplateId.roleTemplateId.members"},
		{"/{id}/photo", "/{id}/photo", []string{"id"}, nil, ""},
		// Workbook pages write "<address>" placeholders and blanks
		// between arguments; neither may reach the wire as written.
		{"/me/drive/items/{id}/workbook/worksheets/{id|name}/range(<address>)/format",
			"/me/drive/items/{itemId}/workbook/worksheets/{worksheetId}/range({address})/format",
			[]string{"itemId", "worksheetId", "address"}, []string{"id", "id|name", "address"}, ""},
		{"/me/drive/items/{id}/workbook/worksheets/{id|name}/range(address='<address>')",
			"/me/drive/items/{itemId}/workbook/worksheets/{worksheetId}/range(address='{address}')", nil, nil, ""},
		{"/me/drive/items/{id}/workbook/worksheets/{id}/range/resizedRange(deltaRows={n}, deltaColumns={m})",
			"/me/drive/items/{itemId}/workbook/worksheets/{worksheetId}/range/resizedRange(deltaRows={n},deltaColumns={m})",
			[]string{"itemId", "worksheetId", "n", "m"}, nil, ""},
		{"/me/x/f(a='x y', b = 1)", "/me/x/f(a='x y',b=1)", nil, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			v := buildVariant(reqLine("GET", tt.raw, 1))
			if v.Path != tt.path {
				t.Errorf("path = %q, want %q", v.Path, tt.path)
			}
			var names, docs []string
			for _, p := range v.Params {
				names = append(names, p.Name)
				docs = append(docs, p.DocName)
			}
			if tt.names != nil && !reflect.DeepEqual(names, tt.names) {
				t.Errorf("names = %q, want %q", names, tt.names)
			}
			if tt.docNames != nil && !reflect.DeepEqual(docs, tt.docNames) {
				t.Errorf("doc names = %q, want %q", docs, tt.docNames)
			}
			if tt.opID != "" {
				if got := operationID("GET", v.Path); got != tt.opID {
					t.Errorf("operationID = %q, want %q", got, tt.opID)
				}
			}
		})
	}
}

func TestKeySegment(t *testing.T) {
	line := parser.RequestLine{Method: "GET", Raw: "/drives/{drive-id}/root:/{item-path}:/content", Segments: []parser.Segment{
		{Kind: parser.SegLiteral, Raw: "drives", Name: "drives"},
		{Kind: parser.SegParam, Raw: "{drive-id}", Name: "drive-id"},
		{Kind: parser.SegKey, Raw: "root:/{item-path}:", Name: "root", Args: []parser.Arg{{Placeholder: "item-path"}}},
		{Kind: parser.SegLiteral, Raw: "content", Name: "content"},
	}}
	v := buildVariant(line)
	if want := "/drives/{driveId}/root:/{itemPath}:/content"; v.Path != want {
		t.Fatalf("path = %q, want %q", v.Path, want)
	}
	if got, want := operationID("GET", v.Path), "get.drives.driveId.root.itemPath.content"; got != want {
		t.Errorf("operationID = %q, want %q", got, want)
	}
	if v.matchScore(graphpath.Split("/drives/b!x/root:/folder/file.txt:/content")) < 0 {
		t.Error("key segment with slashes in the item path does not match")
	}
	if v.matchScore(graphpath.Split("/drives/b!x/items/1/content")) >= 0 {
		t.Error("an items path matched a root path variant")
	}
}

func TestSingular(t *testing.T) {
	for in, want := range map[string]string{
		"users": "user", "events": "event", "calendars": "calendar", "policies": "policy",
		"addresses": "address", "children": "child", "calendarView": "calendarView", "instances": "instance",
		"messages": "message", "status": "status", "boxes": "box", "people": "person", "me": "me",
	} {
		if got := singular(in); got != want {
			t.Errorf("singular(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLowerCamel(t *testing.T) {
	for in, want := range map[string]string{
		"item-path": "itemPath", "start_datetime": "startDatetime", "event-forward": "eventForward",
		"calendarView": "calendarView", "UserId": "userId", "": "param", "1x": "p1x",
	} {
		if got := lowerCamel(in); got != want {
			t.Errorf("lowerCamel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestURLPath(t *testing.T) {
	tests := []struct{ in, path, rel string }{
		{"https://graph.microsoft.com/v1.0/me/events?$select=subject", "/me/events", "/me/events?$select=subject"},
		{"https://graph.microsoft.com/beta/users/x", "/users/x", "/users/x"},
		{"/me/messages", "/me/messages", "/me/messages"},
		{"https://graph.microsoft.com/v1.0/betaUsers", "/betaUsers", "/betaUsers"},
		// a host without a scheme is the service root all the same (lint
		// always read it so)
		{"GRAPH.microsoft.com/V1.0/me", "/me", "/me"},
	}
	for _, tt := range tests {
		p, rel := urlPath(tt.in)
		if p != tt.path || rel != tt.rel {
			t.Errorf("urlPath(%q) = %q, %q; want %q, %q", tt.in, p, rel, tt.path, tt.rel)
		}
	}
}

// TestAngleSegmentParam: a whole segment written "<resourceId>" is a path
// parameter like "{resourceId}" (governancerolesetting-list.md), and the
// example URL with a real ID matches it.
func TestAngleSegmentParam(t *testing.T) {
	line := parser.RequestLine{Method: "GET", Raw: "/privilegedAccess/azureResources/resources/<resourceId>/roleSettings", Segments: []parser.Segment{
		{Kind: parser.SegLiteral, Raw: "privilegedAccess", Name: "privilegedAccess"},
		{Kind: parser.SegLiteral, Raw: "azureResources", Name: "azureResources"},
		{Kind: parser.SegLiteral, Raw: "resources", Name: "resources"},
		{Kind: parser.SegParam, Raw: "<resourceId>", Name: "resourceId"},
		{Kind: parser.SegLiteral, Raw: "roleSettings", Name: "roleSettings"},
	}}
	v := buildVariant(line)
	if want := "/privilegedAccess/azureResources/resources/{resourceId}/roleSettings"; v.Path != want {
		t.Fatalf("path = %q, want %q", v.Path, want)
	}
	if len(v.Params) != 1 || v.Params[0].DocName != "resourceId" {
		t.Errorf("params = %+v", v.Params)
	}
	if v.matchScore(graphpath.Split("/privilegedAccess/azureResources/resources/e5e7d29d/roleSettings")) < 0 {
		t.Error("the example URL does not match")
	}
}

// operationsOf yields the operations item.Operations() holds: fixed
// fields, and additional operations unless a fixed field of their method
// is set.
func TestOperationsOf(t *testing.T) {
	get, post, query, shadowed, custom, getAlt := &openapi3.Operation{OperationID: "get"}, &openapi3.Operation{OperationID: "post"},
		&openapi3.Operation{OperationID: "query"}, &openapi3.Operation{OperationID: "shadowed"},
		&openapi3.Operation{OperationID: "custom"}, &openapi3.Operation{OperationID: "getAlt"}
	item := &openapi3.PathItem{Get: get, Post: post, Query: query, AdditionalOperations: map[string]*openapi3.Operation{
		"POST": shadowed, "COPY": custom, "PUT": getAlt, "MOVE": nil,
	}}
	want := map[*openapi3.Operation]bool{}
	for _, op := range item.Operations() {
		want[op] = true
	}
	got := map[*openapi3.Operation]bool{}
	for op := range operationsOf(item) {
		if got[op] {
			t.Errorf("%s yielded twice", op.OperationID)
		}
		got[op] = true
	}
	if !reflect.DeepEqual(got, want) || len(want) != 5 {
		t.Errorf("operationsOf gave %d operations, Operations %d (want 5: get, post, query, custom, getAlt)", len(got), len(want))
	}
	for range operationsOf(nil) {
		t.Error("a nil item has operations")
	}
}

// appendIDNorm is the normal form the placeholder names were compared in
// as strings: trimmed, lower case, without "-", "_" and " ".
func TestAppendIDNorm(t *testing.T) {
	seps := strings.NewReplacer("-", "", "_", "", " ", "")
	for _, s := range []string{"", "id", " Event-ID ", "user_id", "usersId", "user id | userPrincipalName",
		"ÄrgerId", "İd", "ǅ_x", "x\t-\u00a0id", strings.Repeat("Long-Name_", 12) + "Id"} {
		want := seps.Replace(strings.ToLower(strings.TrimSpace(s)))
		if got := string(appendIDNorm([]byte("prefix"), s)); got != "prefix"+want {
			t.Errorf("appendIDNorm(%q) = %q, want %q", s, got, "prefix"+want)
		}
	}
}
