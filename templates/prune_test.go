package templates

import (
	"regexp"

	"github.com/getkin/kin-openapi/openapi3"
	"strings"
	"testing"
)

func allSource(files map[string][]byte) string {
	var b strings.Builder
	for _, n := range sortedKeys(files) {
		b.Write(files[n])
	}
	return b.String()
}

// TestPrune checks that only the types the operations reach are emitted
// by default, and every type with AllTypes.
func TestPrune(t *testing.T) {
	doc := loadDoc(t, "calendar.yaml")
	// a navigation property to a type no operation reaches
	sess := doc.Components.Schemas["microsoft.graph.session"]
	doc.Components.Schemas["microsoft.graph.event"].Value.AllOf[1].Value.Properties["session"] = &openapi3.SchemaRef{
		Ref: "#/components/schemas/microsoft.graph.session", Value: sess.Value,
		Extensions: map[string]any{"x-ms-navigationProperty": true},
	}
	var st, allSt TypeStats
	files, err := Generate(doc, Options{Stats: &st})
	if err != nil {
		t.Fatal(err)
	}
	allFiles, err := Generate(doc, Options{AllTypes: true, Stats: &allSt})
	if err != nil {
		t.Fatal(err)
	}
	src, all := allSource(files), allSource(allFiles)
	t.Logf("stats %+v, all types %+v", st, allSt)
	for _, typ := range []string{
		"Event", "OutlookItem", "Entity", // the result, its bases
		"Attendee", "Recipient", "EmailAddress", "Importance", "AttendeeType", "EventType", // properties, enums
		"Extension",               // an unresolved property type: a raw holder
		"EventForwardRequestBody", // a request body
		"EventCollectionResponse", // a list result
	} {
		if !regexp.MustCompile(`(?m)^type ` + typ + ` `).MatchString(src) {
			t.Errorf("pruned package lacks type %s", typ)
		}
	}
	// Session is only the target of Event's navigation property session
	for _, typ := range []string{"Session", "CallRecordsSession", "WeekIndex", "ODataError"} {
		if regexp.MustCompile(`(?m)^type ` + typ + ` `).MatchString(src) {
			t.Errorf("pruned package has type %s, which no operation reaches", typ)
		}
		if !regexp.MustCompile(`(?m)^type ` + typ + ` `).MatchString(all) {
			t.Errorf("-all-types package lacks type %s", typ)
		}
	}
	if st.Schemas != allSt.Schemas || allSt.Pruned != 0 || allSt.Emitted != allSt.Schemas {
		t.Errorf("all-types stats %+v, pruned stats %+v", allSt, st)
	}
	if got := strings.Count(src, "\ntype ") + strings.Count(src, "\n\ttype ") - strings.Count(src, "type plain"); got < st.Emitted {
		t.Errorf("%d type declarations, stats say %d emitted", got, st.Emitted)
	}
	// and the primitive result wrapper directoryObjectCheckMemberGroupsResponse
	if st.Pruned != 5 || st.Emitted+st.Pruned != st.Schemas || st.RawNavigation != 1 {
		t.Errorf("stats %+v: want 5 pruned and 1 navigation property as raw JSON", st)
	}
	// the navigation property to the pruned Session decodes as raw JSON;
	// those to Event and Calendar (reached) keep their type
	for _, re := range []string{`(?m)^\s*Session\s+json\.RawMessage\s+` + "`" + `json:"session`, `(?m)^\s*Calendar\s+Optional\[\*?Calendar\]`, `(?m)^\s*Instances\s+\[\]Event\b`} {
		if !regexp.MustCompile(re).MatchString(src) {
			t.Errorf("pruned package does not match %s", re)
		}
	}
}
