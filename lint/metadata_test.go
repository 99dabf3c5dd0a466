package lint

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/graphdocgen/graphdocgen/csdl"
	"github.com/graphdocgen/graphdocgen/parser"
)

const metadataFixture = "../csdl/testdata/service.csdl.xml"

func loadMetadataFixture(t *testing.T) (*parser.Set, *csdl.Model) {
	t.Helper()
	set, err := parser.Load([]string{"testdata/metadata"}, parser.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := csdl.ParseFile(metadataFixture)
	if err != nil {
		t.Fatal(err)
	}
	return set, m
}

// metadataOnly keeps the findings of the metadata-* rules as
// "page rule" strings (page relative to the fixture tree).
func metadataOnly(ds parser.Diagnostics) []string {
	var out []string
	for _, d := range ds {
		if strings.HasPrefix(d.Rule, "metadata-") {
			rel, _ := filepath.Rel("testdata/metadata", d.Pos.File)
			out = append(out, filepath.ToSlash(rel)+" "+d.Rule)
		}
	}
	slices.Sort(out)
	return out
}

func TestMetadataRules(t *testing.T) {
	set, m := loadMetadataFixture(t)
	got := Check(set.Pages, set.Diags, Options{Metadata: m})
	want := []string{
		"api/widget-list.md metadata-path-unresolved",
		"api/widget-list.md metadata-response-type",
		"resources/gadget.md metadata-type-unknown",
		"resources/user.md metadata-property-type",
		"resources/user.md metadata-property-undocumented",
		"resources/user.md metadata-property-undocumented",
		"resources/user.md metadata-property-unknown",
		"resources/widgetcolor.md metadata-enum-member",
		"resources/widgetcolor.md metadata-enum-member",
	}
	if g := metadataOnly(got); !slices.Equal(g, want) {
		t.Errorf("metadata findings:\n%s\nwant:\n%s\nall:\n%v", strings.Join(g, "\n"), strings.Join(want, "\n"), got)
	}
	// what the service says, at the docs position
	for _, c := range []struct{ rule, text string }{
		{RuleMetadataPathUnresolved, `GET /me/gadgets does not resolve against the metadata at segment 2 "gadgets"`},
		{RuleMetadataResponseType, "documented as widget, but the metadata says GET /me/widgets returns Collection(microsoft.graph.widget)"},
		{RuleMetadataTypeUnknown, "no type gadget"},
		{RuleMetadataPropertyType, "address is documented as Int32, but the metadata types it microsoft.graph.postalAddress"},
		{RuleMetadataPropertyUnknown, "nickname is not a property of microsoft.graph.user"},
		{RuleMetadataPropertyUndocumented, "relationship manager (microsoft.graph.directoryObject)"},
		{RuleMetadataEnumMember, "green is not a member of the metadata's microsoft.graph.widgetColor (red, blue)"},
		{RuleMetadataEnumMember, "has member(s) the page does not document: blue"},
	} {
		found := false
		for _, d := range got {
			if d.Rule == c.rule && strings.Contains(d.Message, c.text) {
				found = true
				if d.Pos.Line == 0 || d.Pos.Col == 0 || d.Pos.File == "" {
					t.Errorf("%s: no position: %v", c.rule, d)
				}
			}
		}
		if !found {
			t.Errorf("no %s finding saying %q", c.rule, c.text)
		}
	}
	for _, d := range got {
		if d.Rule == RuleMetadataPathUnresolved && d.Pos.Line != lineOf(t, "testdata/metadata/api/widget-list.md", "GET /me/gadgets") {
			t.Errorf("path finding at line %d, want the request line", d.Pos.Line)
		}
		if d.Rule == RuleMetadataTypeUnknown && d.Pos.Line != lineOf(t, "testdata/metadata/resources/gadget.md", "# gadget") {
			t.Errorf("type finding at line %d, want the H1", d.Pos.Line)
		}
		if d.Rule == RuleMetadataPropertyUnknown && d.Pos.Line != lineOf(t, "testdata/metadata/resources/user.md", "|nickname|") {
			t.Errorf("property finding at line %d, want the table row", d.Pos.Line)
		}
	}
	// without metadata: none of them
	if g := metadataOnly(Check(set.Pages, set.Diags, Options{})); len(g) > 0 {
		t.Errorf("metadata findings without metadata: %v", g)
	}
	// disabled globally
	dis := Check(set.Pages, set.Diags, Options{Metadata: m, Disable: []string{RuleMetadataEnumMember}})
	if g := metadataOnly(dis); len(g) != len(want)-2 || slices.ContainsFunc(g, func(s string) bool { return strings.Contains(s, RuleMetadataEnumMember) }) {
		t.Errorf("disabled enum rule still reported: %v", g)
	}
}

// lineOf is the 1-based line of the first line of file containing text.
func lineOf(t *testing.T, file, text string) int {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(b), "\n") {
		if strings.Contains(l, text) {
			return i + 1
		}
	}
	t.Fatalf("%s: no line with %q", file, text)
	return 0
}

func TestMetadataFormats(t *testing.T) {
	set, m := loadMetadataFixture(t)
	got := Check(set.Pages, set.Diags, Options{Metadata: m})
	var ds parser.Diagnostics
	for _, d := range got {
		if strings.HasPrefix(d.Rule, "metadata-") {
			ds = append(ds, d)
		}
	}
	if len(ds) == 0 {
		t.Fatal("no metadata findings")
	}
	for _, format := range Formats {
		var b bytes.Buffer
		if err := Write(&b, format, ds, "1.0.0"); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, d := range ds {
			var want string
			switch format {
			case "text":
				want = fmt.Sprintf("%s:%d:%d: warning: ", d.Pos.File, d.Pos.Line, d.Pos.Col)
			case "json":
				want = fmt.Sprintf(`"file":%q,"line":%d,"col":%d,"severity":"warning","rule":%q`, d.Pos.File, d.Pos.Line, d.Pos.Col, d.Rule)
			case "github":
				want = fmt.Sprintf("::warning file=%s,line=%d,col=%d,title=%s::", d.Pos.File, d.Pos.Line, d.Pos.Col, d.Rule)
			case "sarif":
				want = fmt.Sprintf(`"ruleId": %q`, d.Rule)
			}
			if !strings.Contains(out, want) {
				t.Errorf("%s: no %q in\n%s", format, want, out)
			}
		}
		if format == "sarif" {
			var log sarifLog
			if err := json.Unmarshal(b.Bytes(), &log); err != nil {
				t.Fatal(err)
			}
			for _, r := range log.Runs[0].Results {
				rule := log.Runs[0].Tool.Driver.Rules[r.RuleIndex]
				if rule.ID != r.RuleID || rule.FullDescription.Text == "" {
					t.Errorf("sarif result %s points at rule %s", r.RuleID, rule.ID)
				}
				if len(r.Locations) == 0 || r.Locations[0].PhysicalLocation.Region == nil || r.Locations[0].PhysicalLocation.Region.StartLine == 0 {
					t.Errorf("sarif result %s has no position", r.RuleID)
				}
			}
		}
	}
}

func TestMetadataStats(t *testing.T) {
	set, m := loadMetadataFixture(t)
	st := CheckMetadata(set.Pages, m)
	// paths: /me/widgets/{}, /users/{}/widgets/{}, /me/widgets/{}/paint,
	// /me/widgets, /me/gadgets, /me/manager/gadgets
	if st.Paths != 6 || st.PathsResolved != 4 {
		t.Errorf("paths %d resolved %d, want 6 and 4", st.Paths, st.PathsResolved)
	}
	// get, paint agree; list disagrees
	if st.Responses != 3 || st.ResponsesAgree != 2 {
		t.Errorf("responses %d agree %d, want 3 and 2", st.Responses, st.ResponsesAgree)
	}
}

// TestMetadataVariantResponses: a page whose Response section names no
// type and whose examples annotate a type per path compares each path
// with its own example's type, not all with the first example's; a path
// without an example of its own is not compared (the page gives it no
// type).
func TestMetadataVariantResponses(t *testing.T) {
	page := "---\ntitle: \"Get things\"\ndoc_type: apiPageType\n---\n\n# Get things\n\n## HTTP request\n\n```http\n" +
		"GET /me/widgets/{id}\nGET /users/{id}/widgets/{id}\nGET /users/{id}/manager\n```\n\n" +
		"## Response\n\nIf successful, this method returns a `200 OK` response code and the object in the response body.\n\n## Examples\n\n" +
		"<!-- { \"blockType\": \"request\", \"name\": \"get_manager\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/users/1/manager\n```\n\n" +
		"<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.directoryObject\" } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"id\": \"1\"}\n```\n\n" +
		"<!-- { \"blockType\": \"request\", \"name\": \"get_widget\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/users/1/widgets/2\n```\n\n" +
		"<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.widget\" } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"id\": \"2\"}\n```\n"
	p, _ := parser.Parse(nil, "api/thing-get.md", "api/thing-get.md", []byte(page))
	if !p.Response.Annotated {
		t.Fatalf("response = %+v, want the first annotation, marked so", p.Response)
	}
	m, err := csdl.ParseFile(metadataFixture)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range Check([]*parser.Page{p}, nil, Options{Metadata: m}) {
		if strings.HasPrefix(d.Rule, "metadata-") {
			t.Errorf("finding: %v", d)
		}
	}
	if st := CheckMetadata([]*parser.Page{p}, m); st.Responses != 1 || st.ResponsesAgree != 1 {
		t.Errorf("stats = %+v, want the widgets path compared with its widget", st)
	}
}

// TestMetadataKeys: a literal after an entity collection is a key
// written as a segment (/boards/root, although a board has a "root"
// property; /boards/{id}/lanes/todo), but complex values have no key, so
// a property of one item of a complex collection is a key the docs left
// out (/boards/{id}/fields/icon): the path is reported, and the page's
// icon is not compared with the sort field the key would have reached. A
// POST to .../$ref adds a reference: its response is not compared with
// the collection's item.
func TestMetadataKeys(t *testing.T) {
	set, err := parser.Load([]string{"testdata/metadata-keys"}, parser.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := csdl.ParseFile(metadataFixture)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range Check(set.Pages, set.Diags, Options{Metadata: m}) {
		if strings.HasPrefix(d.Rule, "metadata-") {
			got = append(got, filepath.Base(d.Pos.File)+" "+d.Rule+": "+d.Message)
		}
	}
	want := []string{`icon-get.md metadata-path-unresolved: GET /boards/{id}/fields/icon does not resolve against the metadata at segment 4 "icon": ` +
		`icon is a property of one sortField, but fields is a collection of complex values, which have no key to select one by`}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if st := CheckMetadata(set.Pages, m); st.Paths != 4 || st.PathsResolved != 3 || st.Responses != 2 || st.ResponsesAgree != 2 {
		t.Errorf("stats = %+v, want 4 paths, 3 resolved, 2 responses compared, both agreeing", st)
	}
}

// TestMetadataDefinitions: a type or enumeration documented on several
// pages is compared as Build merges it. user.md and shop-user.md both
// define user: a property the service has is undocumented only when
// neither page documents it, reported once, at the primary definition;
// sizeKind's members are split over enums.md and widget.md: none is
// missing. shop-enums.md's widgetColor is microsoft.graph.shop's, whose
// members it documents, not microsoft.graph's.
func TestMetadataDefinitions(t *testing.T) {
	set, err := parser.Load([]string{"testdata/metadata-defs"}, parser.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := csdl.ParseFile(metadataFixture)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range Check(set.Pages, set.Diags, Options{Metadata: m}) {
		if strings.HasPrefix(d.Rule, "metadata-") {
			got = append(got, filepath.Base(d.Pos.File)+" "+d.Rule+": "+d.Message)
		}
	}
	want := []string{"user.md metadata-property-undocumented: the metadata's microsoft.graph.user has the relationship photo " +
		"(microsoft.graph.photo), which none of the 2 pages defining user documents"}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// every property row of both pages is compared
	if st := CheckMetadata(set.Pages, m); st.Properties != 7 || st.PropertiesInMD != 7 {
		t.Errorf("stats = %+v, want 7 properties, all in the metadata", st)
	}
}

// TestMetadataLinkedTo: a type cell whose link leads to another type's
// page than its text names is compared as the link resolves, and the
// finding says which type that is; a plural in the text is no other type.
func TestMetadataLinkedTo(t *testing.T) {
	const head = "---\ntitle: \"%s resource type\"\ndoc_type: resourcePageType\n---\n\n# %s resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n"
	widget := fmt.Sprintf(head, "widget", "widget") + "|name|[label](user.md)|The name.|\n|color|[widgetColor](widgetcolor.md)|The color.|\n|tags|String collection|The tags.|\n"
	user := fmt.Sprintf(head, "user", "user") + "|displayName|String|The name.|\n|address|[postalAddresses](postaladdress.md) collection|The address.|\n" +
		"\n## Relationships\n\n|Relationship|Type|Description|\n|:---|:---|:---|\n|widgets|[widget](widget.md) collection|The widgets.|\n|manager|[directoryObject](directoryobject.md)|The manager.|\n|photo|[photo](photo.md)|The photo.|\n"
	address := fmt.Sprintf(head, "postalAddress", "postalAddress") + "|city|String|The city.|\n"
	var pages []*parser.Page
	for name, text := range map[string]string{"resources/widget.md": widget, "resources/user.md": user, "resources/postaladdress.md": address} {
		p, _ := parser.Parse(nil, name, name, []byte(text))
		pages = append(pages, p)
	}
	m, err := csdl.ParseFile(metadataFixture)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range Check(pages, nil, Options{Metadata: m}) {
		if strings.HasPrefix(d.Rule, "metadata-") {
			got = append(got, filepath.Base(d.Pos.File)+" "+d.Rule+": "+d.Message)
		}
	}
	want := []string{
		"user.md metadata-property-type: property address is documented as postalAddresses collection, but the metadata types it microsoft.graph.postalAddress",
		"widget.md metadata-property-type: property name is documented as label (linked to user), but the metadata types it Edm.String",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestMetadataStatsVariantLines: request lines that set a fixed query on
// one path are one path in the statistics, not one per query.
func TestMetadataStatsVariantLines(t *testing.T) {
	page := "---\ntitle: \"List widgets\"\ndoc_type: apiPageType\n---\n\n# List widgets\n\n## HTTP request\n\n```http\n" +
		"GET /me/widgets\nGET /me/widgets?$filter=color eq 'red'\nGET /me/widgets?$top={n}\n```\n\n" +
		"## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [widget](../resources/widget.md) objects in the response body.\n"
	p, _ := parser.Parse(nil, "api/widget-list.md", "api/widget-list.md", []byte(page))
	if n := len(p.Requests[0].Lines); n != 3 {
		t.Fatalf("%d request lines, want 3", n)
	}
	m, err := csdl.ParseFile(metadataFixture)
	if err != nil {
		t.Fatal(err)
	}
	if st := CheckMetadata([]*parser.Page{p}, m); st.Paths != 1 || st.PathsResolved != 1 {
		t.Errorf("stats = %+v, want one path, resolved", st)
	}
}
