package csdl

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func fixture(t testing.TB) *Model {
	t.Helper()
	m, err := ParseFile("testdata/service.csdl.xml")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// segs splits a test path: "{x}" is a key, "a()" a call, "a('k')" a name
// with a key, "root:" path addressing.
func segs(path string) []Segment {
	var out []Segment
	for _, s := range strings.Split(strings.Trim(path, "/"), "/") {
		switch {
		case strings.HasPrefix(s, "{"):
			out = append(out, Segment{Key: true})
		case strings.HasSuffix(s, "()"):
			out = append(out, Segment{Name: strings.TrimSuffix(s, "()"), Call: true})
		case strings.HasSuffix(s, "')"):
			out = append(out, Segment{Name: s[:strings.IndexByte(s, '(')], Key: true})
		case strings.HasSuffix(s, ":"):
			out = append(out, Segment{Name: strings.TrimSuffix(s, ":"), ItemPath: true})
		default:
			out = append(out, Segment{Name: s})
		}
	}
	return out
}

func TestParse(t *testing.T) {
	m := fixture(t)
	u := m.Type("user")
	if u == nil || u.Name != "microsoft.graph.user" || u.BaseType != "microsoft.graph.directoryObject" {
		t.Fatalf("user = %+v", u)
	}
	if p, ok := m.Property(u, "ID"); !ok || p.Type.Name != "Edm.String" {
		t.Errorf("user.id through base types = %+v, %v", p, ok)
	}
	if p, _ := m.Property(u, "widgets"); !p.Navigation || !p.ContainsTarget || !p.Type.Collection || p.Type.Name != "microsoft.graph.widget" {
		t.Errorf("widgets = %+v", p)
	}
	if e := m.Type("widgetColor"); e == nil || e.Kind != KindEnum || strings.Join(e.Members, ",") != "red,blue" {
		t.Errorf("widgetColor = %+v", e)
	}
	if o := m.Type("order"); o == nil || o.Name != "microsoft.graph.shop.order" || o.BaseType != "microsoft.graph.entity" {
		t.Errorf("order (other namespace, alias base) = %+v", o)
	}
	if m.Type("microsoft.graph.order") != nil {
		t.Error("a qualified name must match its own namespace only")
	}
	if got := strings.Join(m.Namespaces(), ","); got != "microsoft.graph,microsoft.graph.shop" {
		t.Errorf("namespaces = %s", got)
	}
}

func TestParseErrors(t *testing.T) {
	for name, text := range map[string]string{
		"not xml":   "this is not xml",
		"no schema": `<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices/></edmx:Edmx>`,
		"truncated": `<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices><Schema Namespace="a">`,
	} {
		if _, err := Parse(strings.NewReader(text)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := ParseFile(filepath.Join(t.TempDir(), "absent.xml")); err == nil {
		t.Error("absent file: no error")
	}
}

func TestResolve(t *testing.T) {
	m := fixture(t)
	for _, c := range []struct {
		path, want string // want: type reached, or "!N" for failing segment N
	}{
		{"/users", "Collection(microsoft.graph.user)"},
		{"/users/{id}", "microsoft.graph.user"},
		{"/users('{id}')", "microsoft.graph.user"},
		{"/me", "microsoft.graph.user"},
		{"/me/displayName", "Edm.String"},
		{"/me/id", "Edm.String"},
		{"/me/address/city", "Edm.String"},
		{"/me/widgets", "Collection(microsoft.graph.widget)"},
		{"/me/widgets/{id}", "microsoft.graph.widget"},
		{"/me/widgets('{id}')/paint", "microsoft.graph.widget"},
		{"/me/widgets/{id}/paint", "microsoft.graph.widget"},
		{"/me/widgets/delta()", "Collection(microsoft.graph.widget)"},
		{"/me/widgets/microsoft.graph.delta()", "Collection(microsoft.graph.widget)"},
		{"/me/widgets/$count", "Edm.Int32"},
		{"/me/manager/$ref", "microsoft.graph.directoryObject"},
		{"/me/widgets/$entity", "microsoft.graph.widget"},
		{"/me/photo/$value", "Edm.Stream"},
		{"/me/checkMemberGroups", "Collection(Edm.String)"},
		{"/directoryObjects/{id}/microsoft.graph.user", "microsoft.graph.user"},
		{"/directoryObjects/microsoft.graph.user", "Collection(microsoft.graph.user)"},
		{"/directoryObjects/{id}/microsoft.graph.user/widgets", "Collection(microsoft.graph.widget)"},
		{"/me/widgets:", "microsoft.graph.widget"},
		{"/groups", "!0"},
		{"/me/{id}", "!1"},
		{"/me/nothing", "!1"},
		{"/users/someone@example.com", "microsoft.graph.user"},
		{"/users/someone@example.com/displayName", "Edm.String"},
		{"/users/displayName()", "!1"},
		{"/me/widgets/{id}/paint/name", "!4"},
		{"/me/widgets/{id}/microsoft.graph.user", "!3"},
		{"/me/widgets/$value", "!2"},
		{"/me/$count", "!1"},
		{"/me/displayName/{id}", "!2"},
		// a key written as a segment selects an entity of an entity
		// collection, even where the name is also a property of the
		// entity type (a site's "root", /sites/root)
		{"/boards/root", "microsoft.graph.board"},
		{"/boards/root/fields", "Collection(microsoft.graph.sortField)"},
		{"/boards/{id}/root", "microsoft.graph.root"},
		{"/boards/{id}/lanes/todo", "microsoft.graph.lane"},
		{"/boards/{id}/lanes/todo/name", "Edm.String"},
		// complex values have no key: a property of one item of a
		// complex collection is a key left out, not a key
		{"/boards/{id}/fields/icon", "!3"},
		{"/boards/{id}/fields/{id}", "!3"},
		{"/boards/{id}/fields('1')", "!2"},
		{"/boards/{id}/fields/{id}/icon", "!3"},
		{"/me/widgets/{id}/tags/{id}", "!4"},
		{"/me/widgets/{id}/tags/red", "!4"},
		// nor is a name the docs mean otherwise: a relationship of one
		// item (the key left out), an operation bound elsewhere
		{"/boards/lanes", "!1"},
		{"/users/checkMemberGroups", "!1"},
		{"/me/widgets/paint", "!2"},
		// an operation of an unrelated type is no reason: a key
		{"/me/widgets/checkMemberGroups", "microsoft.graph.widget"},
	} {
		r := m.Resolve(segs(c.path))
		got := r.Type.String()
		if !r.OK() {
			got = "!" + string(rune('0'+r.Failed))
			if r.Reason == "" {
				t.Errorf("%s: failed without a reason", c.path)
			}
		}
		if got != c.want {
			t.Errorf("%s = %s (%s), want %s", c.path, got, r.Reason, c.want)
		}
	}
}

func corpusFile(tb testing.TB, rel string) string {
	p := filepath.Join("..", "..", "shared", "corpus", rel)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("corpus absent: %v", err)
	}
	return p
}

func TestCorpusParse(t *testing.T) {
	for _, rel := range []string{"graph-metadata-2021-07/v1.0.csdl.xml", "graph-metadata-2021-07/beta.csdl.xml", "graph-metadata-2026-08/v1.0.csdl.xml"} {
		m, err := ParseFile(corpusFile(t, rel))
		if err != nil {
			t.Fatal(err)
		}
		if r := m.Resolve(segs("/me/messages/{id}")); !r.OK() || r.Type.Name != "microsoft.graph.message" {
			t.Errorf("%s: /me/messages/{id} = %+v", rel, r)
		}
		if r := m.Resolve(segs("/users/{id}/sendMail")); !r.OK() {
			t.Errorf("%s: /users/{id}/sendMail = %+v", rel, r)
		}
		// well-known folder names, one of them also an action of other
		// types (serviceUpdateMessage's archive)
		for _, p := range []string{"/me/mailFolders/inbox", "/me/mailFolders/archive"} {
			if r := m.Resolve(segs(p)); !r.OK() || r.Type.Name != "microsoft.graph.mailFolder" {
				t.Errorf("%s: %s = %+v", rel, p, r)
			}
		}
	}
}

func BenchmarkParse2026(b *testing.B) {
	data, err := os.ReadFile(corpusFile(b, "graph-metadata-2026-08/v1.0.csdl.xml"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(strings.NewReader(string(data))); err != nil {
			b.Fatal(err)
		}
	}
}
