package spec

import (
	"strings"
	"testing"

	"github.com/graphdocgen/graphdocgen/xgraph"
)

// fnPage is an API page in Graph docs format: its title, request lines,
// response sentence and example request URLs.
func fnPage(title, response string, lines []string, exampleURLs ...string) string {
	return fnPageSummary(title, "", response, lines, exampleURLs...)
}

// fnPageSummary is fnPage with an opening paragraph.
func fnPageSummary(title, summary, response string, lines []string, exampleURLs ...string) string {
	var b strings.Builder
	b.WriteString("---\ntitle: \"" + title + "\"\ndoc_type: apiPageType\n---\n\n# " + title + "\n\nNamespace: microsoft.graph\n\n")
	if summary != "" {
		b.WriteString(summary + "\n\n")
	}
	b.WriteString("## HTTP request\n\n```http\n" + strings.Join(lines, "\n") + "\n```\n\n")
	b.WriteString("## Response\n\n" + response + "\n\n## Examples\n\n")
	for i, u := range exampleURLs {
		b.WriteString("### Request " + string(rune('a'+i)) + "\n\n<!-- { \"blockType\": \"request\", \"name\": \"ex_" + string(rune('a'+i)) + "\" } -->\n```http\nGET " + u + "\n```\n\n")
	}
	return b.String()
}

// A GET of a literal segment whose title names what it does, not the
// segment, is a function when the page itself says so: an example or
// another request line calls the segment with parentheses, or the
// response section speaks of "this function". A navigation's page says
// "this method" and calls nothing.
func TestFunctionFromPageEvidence(t *testing.T) {
	const ok200 = "If successful, this method returns a `200 OK` response code and a collection of [widget](../resources/widget.md) objects in the response body."
	for _, tt := range []struct {
		name, page, path, want string
	}{
		{"an example calls it", fnPage("Track changes for a box", ok200,
			[]string{"GET /boxes/{box-id}/root/delta", "GET /me/box/root/delta"},
			"https://graph.microsoft.com/v1.0/me/box/root/delta", "https://graph.microsoft.com/v1.0/me/box/root/delta(token='a1b2')"),
			"/root/delta", "delta"},
		{"another request line calls it", fnPage("Get span", ok200,
			[]string{"GET /me/sheets/{sheet-id}/span(address='{address}')", "GET /me/tables/{table-id}/columns/{column-id}/span"}),
			"/columns/{columnId}/span", "span"},
		{"the response says function", fnPage("List availableKinds",
			"If successful, this function returns a `200 OK` response code and a String collection in the response body.",
			[]string{"GET /gizmoProviders/availableKinds"},
			"https://graph.microsoft.com/v1.0/gizmoProviders/availableKinds"),
			"/gizmoProviders/availableKinds", "availableKinds"},
		{"the opening paragraph says function", fnPageSummary("Get latest gadget uses",
			"Get the latest uses of gadgets. This OData function sorts them by when they were last used.", ok200,
			[]string{"GET /me/gadgetUses/latest"}),
			"/me/gadgetUses/latest", "latest"},
		// navigations
		{"another function named", fnPageSummary("List widgets",
			"List the widgets. To track changes to them, use the delta function.", ok200,
			[]string{"GET /me/widgets"}),
			"/me/widgets", ""},
		{"a navigation", fnPage("List joinedClubs", ok200,
			[]string{"GET /me/joinedClubs"},
			"https://graph.microsoft.com/v1.0/me/joinedClubs?$top=2"),
			"/me/joinedClubs", ""},
		{"another segment called", fnPage("Get span format", ok200,
			[]string{"GET /me/sheets/{sheet-id}/span(address='{address}')/format", "GET /me/tables/{table-id}/columns/{column-id}/format"},
			"https://graph.microsoft.com/v1.0/me/sheets/1/span(address='A1')/format"),
			"/columns/{columnId}/format", ""},
		{"function inside another word", fnPage("List calls",
			"If successful, this method returns a `200 OK` response code and a collection of functionCall objects in the response body.",
			[]string{"GET /me/calls"}),
			"/me/calls", ""},
	} {
		doc, _ := Build(parsePages(t, map[string]string{"api/x.md": tt.page}), Options{})
		found := false
		for _, p := range doc.Paths.InMatchingOrder() {
			if !strings.HasSuffix(p, tt.path) || doc.Paths.Value(p).Get == nil {
				continue
			}
			found = true
			x, err := xgraph.ReadOperation(doc.Paths.Value(p).Get)
			if err != nil {
				t.Fatal(err)
			}
			if x.Action != tt.want {
				t.Errorf("%s: GET %s: action %q, want %q", tt.name, p, x.Action, tt.want)
			}
		}
		if !found {
			t.Errorf("%s: no GET path ending in %s; have %v", tt.name, tt.path, doc.Paths.InMatchingOrder())
		}
	}
}
