package spec

import (
	"testing"

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
		// the title's verb is not the segment
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
