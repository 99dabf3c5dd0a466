package apidiff

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func load(t *testing.T, name string) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	if err := doc.Validate(t.Context()); err != nil {
		t.Fatalf("%s does not validate: %v", name, err)
	}
	return doc
}

func compare(t *testing.T, old, new *openapi3.T) *Report {
	t.Helper()
	r, err := Compare(old, new)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// subject names what a change is about.
func subject(c Change) string {
	switch {
	case c.Path != "":
		return c.Method + " " + c.Path
	case c.Schema != "":
		return c.Schema
	}
	return c.Page
}

// line is a change in one comparable string: kind, subject, breaking, detail.
func line(c Change) string {
	b := ""
	if c.Breaking {
		b = " BREAKING"
	}
	return fmt.Sprintf("%s | %s | %s%s", c.Kind, subject(c), c.Detail, b)
}

func TestCompareTestdata(t *testing.T) {
	r := compare(t, load(t, "old.yaml"), load(t, "new.yaml"))
	want := []string{
		"parameter-added | GET /me/events | query parameter $search (string, optional)",
		"parameter-added | GET /me/events | query parameter startDateTime (string, required) BREAKING",
		"parameter-removed | GET /me/events | query parameter $top BREAKING",
		"permissions-changed | GET /me/events | application: no longer supported (was Calendars.Read) BREAKING",
		"permissions-changed | GET /me/events | delegatedWork: added Calendars.ReadBasic; least privileged Calendars.Read -> Calendars.ReadBasic",
		"response-type-changed | GET /me/events | application/json collection of microsoft.graph.event -> application/json collection of microsoft.graph.message BREAKING",
		"page-changed | POST /me/events | documented in api/event-create.md, was api/user-post-events.md",
		"request-body-changed | POST /me/events | microsoft.graph.event -> microsoft.graph.message BREAKING",
		"parameter-required-changed | GET /me/events/{eventId} | header parameter Prefer became required BREAKING",
		"parameter-type-changed | GET /me/events/{eventId} | query parameter count: string -> integer(int32) BREAKING",
		"path-renamed | GET /me/events/{eventId} | was /me/events/{id} (operationId get.me.events.id)",
		"permissions-changed | GET /me/events/{eventId} | delegatedPersonal: now supported with Calendars.Read",
		"permissions-changed | POST /me/events/{eventId}/accept | delegatedWork: added Calendars.ReadWrite.All; removed Calendars.ReadWrite; least privileged Calendars.ReadWrite -> Calendars.ReadWrite.All BREAKING",
		"request-body-changed | POST /me/events/{eventId}/accept | optional property proposedNewTime added (string(date-time))",
		"request-body-changed | POST /me/events/{eventId}/accept | property comment became required BREAKING",
		"request-body-changed | POST /me/events/{eventId}/accept | property sendResponse removed BREAKING",
		"status-changed | POST /me/events/{eventId}/accept | status 400 added",
		"status-changed | POST /me/events/{eventId}/accept | success status 202 -> 204 BREAKING",
		"operation-removed | POST /me/events/{eventId}/decline | page api/event-decline.md removed BREAKING",
		"operation-added | POST /me/events/{eventId}/forward | new page api/event-forward.md",
		"operation-added | POST /users/{userId}/events/{eventId}/accept | new path variant of api/event-accept.md",
		"page-added | api/event-create.md | 1 operation",
		"page-removed | api/event-decline.md | 1 operation",
		"page-added | api/event-forward.md | 1 operation",
		"page-removed | api/user-post-events.md | 1 operation",
		"property-added | microsoft.graph.event | location (microsoft.graph.location)",
		"property-removed | microsoft.graph.event | legacyFlag BREAKING",
		"property-type-changed | microsoft.graph.event | importance: microsoft.graph.importance -> string BREAKING",
		"enum-value-added | microsoft.graph.importance | urgent",
		"enum-value-removed | microsoft.graph.importance | high BREAKING",
		"schema-removed | microsoft.graph.legacyThing |  BREAKING",
		"schema-added | microsoft.graph.location | ",
		"base-type-changed | microsoft.graph.message | microsoft.graph.entity -> microsoft.graph.outlookItem BREAKING",
		"schema-added | microsoft.graph.recipient | ",
	}
	var got []string
	for _, c := range r.Changes {
		got = append(got, line(c))
	}
	if !slices.Equal(got, want) {
		t.Errorf("changes:\n got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	if r.Added != 2 || r.Removed != 1 || r.Changed != 4 || r.Breaking != 17 {
		t.Errorf("counts: added %d removed %d changed %d breaking %d; want 2 1 4 17", r.Added, r.Removed, r.Changed, r.Breaking)
	}
}

func find(r *Report, kind, subj string) *Change {
	for i, c := range r.Changes {
		if c.Kind == kind && subject(c) == subj {
			return &r.Changes[i]
		}
	}
	return nil
}

func TestSourcesAndIDs(t *testing.T) {
	r := compare(t, load(t, "old.yaml"), load(t, "new.yaml"))
	tests := []struct {
		kind, subj, source, opID, page string
	}{
		// Additions carry the new operation's source, removals the old one's.
		{KindOperationAdded, "POST /me/events/{eventId}/forward", "api/event-forward.md:34", "post.me.events.eventId.forward", "api/event-forward.md"},
		{KindOperationRemoved, "POST /me/events/{eventId}/decline", "api/event-decline.md:33", "post.me.events.eventId.decline", "api/event-decline.md"},
		{KindPathRenamed, "GET /me/events/{eventId}", "api/event-get.md:31", "get.me.events.eventId", "api/event-get.md"},
		{KindPageRemoved, "api/user-post-events.md", "api/user-post-events.md:28", "", "api/user-post-events.md"},
		{KindSchemaRemoved, "microsoft.graph.legacyThing", "resources/legacything.md:2", "", ""},
		{KindPropertyAdded, "microsoft.graph.event", "resources/event.md:3", "", ""},
	}
	for _, tt := range tests {
		c := find(r, tt.kind, tt.subj)
		if c == nil {
			t.Errorf("no %s for %s", tt.kind, tt.subj)
			continue
		}
		if c.Source != tt.source || c.OperationID != tt.opID || c.Page != tt.page {
			t.Errorf("%s %s: source %q opID %q page %q; want %q %q %q", tt.kind, tt.subj, c.Source, c.OperationID, c.Page, tt.source, tt.opID, tt.page)
		}
	}
}

func TestIdenticalDocumentsHaveNoChanges(t *testing.T) {
	for _, name := range []string{"old.yaml", "new.yaml"} {
		r := compare(t, load(t, name), load(t, name))
		if len(r.Changes) != 0 || r.Added+r.Removed+r.Changed+r.Breaking != 0 {
			t.Errorf("%s against itself: %+v", name, r)
		}
	}
}

// TestReverse compares new to old: what was added is now removed and
// breaking, and the reverse.
func TestReverse(t *testing.T) {
	r := compare(t, load(t, "new.yaml"), load(t, "old.yaml"))
	for _, tt := range []struct {
		kind, subj string
		breaking   bool
	}{
		{KindOperationRemoved, "POST /me/events/{eventId}/forward", true},
		{KindOperationAdded, "POST /me/events/{eventId}/decline", false},
		{KindParameterAdded, "GET /me/events", false},  // $top, optional
		{KindParameterRemoved, "GET /me/events", true}, // $search, startDateTime
		{KindSchemaRemoved, "microsoft.graph.recipient", true},
		{KindEnumValueRemoved, "microsoft.graph.importance", true},
		{KindPageRemoved, "api/event-forward.md", false},
	} {
		c := find(r, tt.kind, tt.subj)
		if c == nil {
			t.Errorf("no %s for %s", tt.kind, tt.subj)
			continue
		}
		if c.Breaking != tt.breaking {
			t.Errorf("%s %s: breaking %v, want %v", tt.kind, tt.subj, c.Breaking, tt.breaking)
		}
	}
	// Optional again: not breaking; the permission set widened back.
	for _, c := range r.Changes {
		if c.Kind == KindParameterRequiredChanged && c.Breaking {
			t.Errorf("required -> optional reported breaking: %s", line(c))
		}
	}
	if r.Added != 1 || r.Removed != 2 {
		t.Errorf("reverse counts: added %d removed %d, want 1 2", r.Added, r.Removed)
	}
}

func TestGolden(t *testing.T) {
	r := compare(t, load(t, "old.yaml"), load(t, "new.yaml"))
	var text, js bytes.Buffer
	if err := r.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string][]byte{"report.txt": text.Bytes(), "report.json": js.Bytes()} {
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run with -update to create)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from golden (run with -update after checking):\n%s", name, got)
		}
	}
	// The text names every operation line as the brief's examples do.
	for _, want := range []string{
		"+ POST /me/events/{eventId}/forward  (api/event-forward.md:34)",
		"- POST /me/events/{eventId}/decline  (api/event-decline.md:33)  page api/event-decline.md removed  BREAKING",
		"~ POST /me/events/{eventId}/accept  (api/event-accept.md:35)",
		"    status-changed: success status 202 -> 204  BREAKING",
	} {
		if !strings.Contains(text.String(), want+"\n") && !strings.Contains(text.String(), want+"  ") {
			t.Errorf("text lacks %q", want)
		}
	}
	// The JSON reads back to the same report.
	var back Report
	if err := json.Unmarshal(js.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(back.Changes, r.Changes) || back.Breaking != r.Breaking || back.Added != r.Added {
		t.Error("JSON does not round-trip")
	}
}

func TestEmptyReportJSON(t *testing.T) {
	var b bytes.Buffer
	if err := (&Report{}).WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"changes": []`) {
		t.Errorf("empty report: %s", b.String())
	}
}

// TestDeterministic compares freshly loaded documents many times; map
// iteration order differs between runs, the output must not.
func TestDeterministic(t *testing.T) {
	var first []byte
	for i := range 8 {
		r := compare(t, load(t, "old.yaml"), load(t, "new.yaml"))
		var b bytes.Buffer
		if err := r.WriteJSON(&b); err != nil {
			t.Fatal(err)
		}
		if err := r.WriteText(&b); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = b.Bytes()
		} else if !bytes.Equal(first, b.Bytes()) {
			t.Fatalf("run %d differs from run 0", i)
		}
	}
}

func TestCompareNil(t *testing.T) {
	if _, err := Compare(nil, &openapi3.T{}); err == nil {
		t.Error("nil old document: no error")
	}
	r, err := Compare(&openapi3.T{}, &openapi3.T{})
	if err != nil || len(r.Changes) != 0 {
		t.Errorf("empty documents: %v %v", r, err)
	}
}
