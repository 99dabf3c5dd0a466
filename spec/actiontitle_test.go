package spec

import (
	"testing"

	"github.com/graphdocgen/graphdocgen/parser"
	"github.com/graphdocgen/graphdocgen/xgraph"
)

// A POST to a literal segment is a bound action when the title names it
// as its verb phrase, in any form; a create names the type it creates.
func TestActionFromRequestLine(t *testing.T) {
	for _, tt := range []struct {
		title, line, want string
	}{
		{"Send mail", "POST /me/sendMail", "sendMail"},
		{"Copy a DriveItem", "POST /me/drive/items/{item-id}/copy", "copy"},
		{"Accept event", "POST /me/events/{id}/accept", "accept"},
		{"Create a reply", "POST /me/messages/{id}/createReply", "createReply"},
		{"checkMemberGroups", "POST /me/checkMemberGroups", "checkMemberGroups"},
		{"wipe action", "POST /deviceManagement/managedDevices/{managedDeviceId}/wipe", "wipe"},
		{"event: accept", "POST /me/events/{id}/accept", "accept"},
		// creates and reads stay what they are
		{"Create event", "POST /me/events", ""},
		{"Create Events", "POST /me/calendar/events", ""},
		{"Add member", "POST /groups/{id}/members/$ref", ""},
		{"Get manager", "GET /me/manager", ""},
		{"Send mail", "GET /me/sendMail", ""},
		// a GET titled by the segment itself is a function
		{"getManagedAppPolicies function", "GET /users/{id}/getManagedAppPolicies", "getManagedAppPolicies"},
		{"manager", "GET /me/manager", ""},
		{"List joinedTeams", "GET /me/joinedTeams", ""},
		// the title's verb is not the segment, and no page documents the
		// tables the segment follows (see TestActionFromAddresses)
		{"Create table", "POST /me/drive/items/{id}/workbook/tables/add", ""},
	} {
		p := apiPage("api/x.md", tt.title, tt.line)
		doc, _ := Fragment(p, Options{})
		var got string
		for _, item := range doc.Paths.Map() {
			for _, op := range item.Operations() {
				x, err := xgraph.ReadOperation(op)
				if err != nil {
					t.Fatal(err)
				}
				got = x.Action
			}
		}
		if got != tt.want {
			t.Errorf("%q %s: action %q, want %q", tt.title, tt.line, got, tt.want)
		}
	}
}

// A POST to a literal segment whose title names something else is a bound
// action by what all the pages address: no request line continues past a
// segment of its name, no resource page declares it as a property, and
// the path before it is an address some request line names.
func TestActionFromAddresses(t *testing.T) {
	domainGet := apiPage("api/domain-get.md", "Get domain", "GET /domains/{id}")
	tablesList := apiPage("api/workbook-list-tables.md", "List tables", "GET /me/drive/items/{id}/workbook/tables")
	itemGet := apiPage("api/driveitem-get.md", "Get item", "GET /me/drive/items/{item-id}")
	meetingGet := apiPage("api/onlinemeeting-get.md", "Get onlineMeeting", "GET /me/onlineMeetings/{meetingId}", "GET /me")
	driveItem := resourcePage("driveItem", nil, prop("children", coll("driveItem"), "The items of a folder."))
	for _, tt := range []struct {
		name   string
		page   *parser.Page
		others []*parser.Page
		want   string
	}{
		{"on a documented entity", apiPage("api/domain-forcedelete.md", "Force domain deletion", "POST /domains/{domain-id}/forceDelete"),
			[]*parser.Page{domainGet}, "forceDelete"},
		{"on a documented collection", apiPage("api/worksheet-post-tables.md", "Create table", "POST /me/drive/items/{item-id}/workbook/tables/add"),
			[]*parser.Page{tablesList}, "add"},
		{"on an item read by a key of another name", apiPage("api/driveitem-invite.md", "Send an invite to access an item", "POST /me/drive/items/{itemId}/invite"),
			[]*parser.Page{itemGet, driveItem}, "invite"},
		// the path before it is documented nowhere
		{"on an undocumented address", apiPage("api/domain-forcedelete.md", "Force domain deletion", "POST /domains/{domain-id}/forceDelete"),
			nil, ""},
		// a navigation the docs address further is a create
		{"on a navigation read by key", apiPage("api/application-post-onlinemeetings.md", "Create onlineMeeting", "POST /me/onlineMeetings"),
			[]*parser.Page{meetingGet}, ""},
		// a navigation a resource page declares is a create
		{"on a declared navigation", apiPage("api/driveitem-post-children.md", "Create a new folder", "POST /me/drive/items/{item-id}/children"),
			[]*parser.Page{itemGet, driveItem}, ""},
		{"a reference", apiPage("api/group-post-members.md", "Add member", "POST /me/drive/items/{item-id}/$ref"),
			[]*parser.Page{itemGet}, ""},
		{"a cast", apiPage("api/x.md", "Create a thing", "POST /me/drive/items/{item-id}/microsoft.graph.thing"),
			[]*parser.Page{itemGet}, ""},
		{"not a POST", apiPage("api/domain-x.md", "Read something", "GET /domains/{domain-id}/forceDelete"),
			[]*parser.Page{domainGet}, ""},
	} {
		doc, _ := Build(append([]*parser.Page{tt.page}, tt.others...), Options{})
		line := tt.page.Requests[0].Lines[0]
		v := buildVariant(line)
		x, err := xgraph.ReadOperation(op(t, doc, v.Path, v.Method))
		if err != nil {
			t.Fatal(err)
		}
		if x.Action != tt.want {
			t.Errorf("%s: %s %s: action %q, want %q", tt.name, line.Method, line.Raw, x.Action, tt.want)
		}
	}
}
