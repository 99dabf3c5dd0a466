package graphpath

import (
	"reflect"
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"/me/events", "me|events"},
		{"/users/{id | userPrincipalName}/events/", "users|{id | userPrincipalName}|events"},
		{"/me/drive/root:/a/b.txt:/content", "me|drive|root:/a/b.txt:|content"},
		{"/drives/{drive-id}/root:/{item-path}:", "drives|{drive-id}|root:/{item-path}:"},
		{"/sites/contoso.sharepoint.com:/teams/hr", "sites|contoso.sharepoint.com:/teams/hr"},
		{"/me/drive/items/x/workbook/worksheets('S/1')/range(address='A1:B2')", "me|drive|items|x|workbook|worksheets('S/1')|range(address='A1:B2')"},
		{"/reports/getEmailActivityCounts(period='{a/b}')", "reports|getEmailActivityCounts(period='{a/b}')"},
		{"/x/range(address='A1'/entireRow", "x|range(address='A1')|entireRow"},
		{"/groups/{group-id/drive/items/{item-id}/follow", "groups|{group-id}|drive|items|{item-id}|follow"},
		{"/users/o'neil/events", "users|o'neil|events"}, // a stray quote does not swallow the path
		{"/me/photo/$value", "me|photo|$value"},
		{"", ""},
	} {
		if got := strings.Join(Split(tc.in), "|"); got != tc.want {
			t.Errorf("Split(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParseKinds(t *testing.T) {
	p := Parse("/users/{userId}/microsoft.graph.user/calendarView/delta(token='{token}')/items('{item-id}')/root:/{item-path}:/$count")
	kinds := []Kind{Literal, Param, Literal, Literal, Function, Key, Key, Literal}
	if len(p) != len(kinds) {
		t.Fatalf("got %d segments, want %d: %+v", len(p), len(kinds), p)
	}
	for i, k := range kinds {
		if p[i].Kind != k {
			t.Errorf("segment %d %q: kind %s, want %s", i, p[i].Raw, p[i].Kind, k)
		}
	}
	if !p[2].IsCast() || p[3].IsCast() || p[7].IsCast() {
		t.Error("IsCast: want only microsoft.graph.user")
	}
	if !p[7].IsSystem() || p[0].IsSystem() {
		t.Error("IsSystem: want only $count")
	}
	if !p[6].IsItemPath() || p[5].IsItemPath() {
		t.Error("IsItemPath: want only root:/{item-path}:")
	}
	if got, want := p.Placeholders(), []string{"userId", "token", "item-id", "item-path"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Placeholders = %q, want %q", got, want)
	}
	if p[4].BaseName() != "delta" || Parse("/microsoft.graph.delta()")[0].BaseName() != "delta" || p[6].BaseName() != "root" {
		t.Error("BaseName")
	}
	f := ParseSegment("getSchedule(a = '{x}', b=1)")
	if f.Kind != Function || !reflect.DeepEqual(f.Args, []Arg{{Name: "a", Placeholder: "x", Quoted: true}, {Name: "b", Value: "1"}}) {
		t.Errorf("function args: %+v", f)
	}
}

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		tmpl, url string
		want      []string // nil: no match
	}{
		{"/users/{userId}/events/{eventId}", "https://graph.microsoft.com/v1.0/users/a%40b.com/events/AAM=?$select=subject", []string{"a@b.com", "AAM="}},
		{"/users/{userId}/events", "/users/x/calendar", nil},
		{"/users/{userId}/events", "/Users/x/EVENTS", []string{"x"}},
		{"/reports/getEmailActivityCounts(period='{period}')", "/reports/getEmailActivityCounts(period='D7')", []string{"D7"}},
		{"/me/calendarView/delta", "/me/calendarView/delta()", []string{}},
		{"/me/events/microsoft.graph.delta()", "/me/events/delta", []string{}},
		{"/me/events/delta(token='{token}')", "/me/events/delta(token='a,b')", []string{"a,b"}},
		{"/f(a='{a}',b='{b}')", "/f(b='2', a='1')", []string{"1", "2"}}, // named: by name, template order
		{"/f(a='{a}')", "/g(a='1')", nil},
		{"/drives/{driveId}/items('{itemId}')", "/drives/d1/items('x/y')", []string{"d1", "x/y"}},
		{"/drives/{driveId}/root:/{itemPath}:/content", "/drives/d1/root:/Folder/My%20File.txt:/content", []string{"d1", "Folder/My File.txt"}},
		{"/sites/{hostname}:/{path}", "/sites/contoso.sharepoint.com:/teams/hr", []string{"contoso.sharepoint.com", "teams/hr"}},
		{"/users/{userId}/microsoft.graph.user", "/users/1/microsoft.graph.user", []string{"1"}},
		{"/me/photo/$value", "/me/photo/$value", []string{}},
		{"/me/photo/$value", "/me/photo/$ref", nil},
		{"/me/x{a}y{b}z", "/me/xAyyBz", []string{"A", "yB"}},
		{"/users/{userId}", "/users/o'neil", []string{"o'neil"}},
		{"/groups/{id}/members/$count", "/groups/g%2F1/members/%24count", []string{"g/1"}},
	} {
		r, ok := Match(tc.tmpl, tc.url)
		if tc.want == nil {
			if ok {
				t.Errorf("Match(%q, %q) = %q, want no match", tc.tmpl, tc.url, r.Values)
			}
			continue
		}
		if !ok {
			t.Errorf("Match(%q, %q): no match", tc.tmpl, tc.url)
			continue
		}
		if len(r.Values) == 0 && len(tc.want) == 0 {
			continue
		}
		if !reflect.DeepEqual(r.Values, tc.want) {
			t.Errorf("Match(%q, %q) = %q, want %q", tc.tmpl, tc.url, r.Values, tc.want)
		}
	}
}

// TestBest: the most specific variant wins and ties go to the first; a
// /users example is never attached to the /me variant.
func TestBest(t *testing.T) {
	vs := []string{"/me/calendarView/delta", "/users/{userId}/calendarView/delta"}
	i, r, ok := Best(vs, "https://graph.microsoft.com/v1.0/users/megan%40contoso.com/calendarView/delta()?startDateTime=x")
	if !ok || i != 1 || !reflect.DeepEqual(r.Values, []string{"megan@contoso.com"}) {
		t.Errorf("Best = %d %+v %v, want the /users variant", i, r, ok)
	}
	if i, _, _ := Best(vs, "/me/calendarView/delta"); i != 0 {
		t.Errorf("Best(/me) = %d", i)
	}
	// literal beats placeholder
	if i, _, _ := Best([]string{"/users/{userId}", "/users/delta()"}, "/users/delta"); i != 1 {
		t.Errorf("literal variant lost: %d", i)
	}
	// ties: the first
	if i, _, _ := Best([]string{"/a/{x}", "/a/{y}"}, "/a/1"); i != 0 {
		t.Errorf("tie went to %d", i)
	}
	if _, _, ok := Best(vs, "/groups/1"); ok {
		t.Error("no variant should match")
	}
}

func TestExamplePath(t *testing.T) {
	for _, tc := range []struct {
		in, path, rel string
		ok            bool
	}{
		{"https://graph.microsoft.com/v1.0/me/events?$select=subject", "/me/events", "/me/events?$select=subject", true},
		{"https://graph.microsoft.com/beta/users/x", "/users/x", "/users/x", true},
		{"https://graph.microsoft.com/v1.0/betaUsers", "/betaUsers", "/betaUsers", true},
		{"GRAPH.microsoft.com/V1.0/me", "/me", "/me", true},
		{"me/messages", "/me/messages", "/me/messages", true},
		{"/me/calendarView(start='a?b')?x=1", "/me/calendarView(start='a?b')", "/me/calendarView(start='a?b')?x=1", true},
		{"https://contoso.sharepoint.com/x", "/x", "/x", false},
		{"https://graph.microsoft.com", "/", "/", false},
	} {
		p, rel, ok := ExamplePath(tc.in)
		if p != tc.path || rel != tc.rel || ok != tc.ok {
			t.Errorf("ExamplePath(%q) = %q, %q, %v; want %q, %q, %v", tc.in, p, rel, ok, tc.path, tc.rel, tc.ok)
		}
	}
}

func TestIdentity(t *testing.T) {
	if a, b := Identity("/Users/{id}/events/{event-id}"), Identity("/users/{userId}/Events/{eventId}"); a != b || a != "/users/{}/events/{}" {
		t.Errorf("Identity: %q vs %q", a, b)
	}
	if Identity("/users/{id}/events") == Identity("/users/{id}/messages") {
		t.Error("two paths with one identity")
	}
	// AppendIdentity is Identity, for strings and bytes, whatever b held.
	for _, p := range []string{"", "/", "/Users/{id}/events/{event-id}", "/a/{x}/f(p='{y}')", "{{a}}/{b", "}{/{}/{X{Y}Z}",
		"/Drives/{ID}/Items/{a}/{b}/{c}/{d}/{e}/{f}/{g}/{h}/{i}/{j}", "/Usérs/{Íd}/ÉVENTS", "/a\xff{B}/C"} {
		want := Identity(p)
		if got := string(AppendIdentity([]byte("x"), p)); got != "x"+want {
			t.Errorf("AppendIdentity(%q) = %q, want x%q", p, got, want)
		}
		if got := string(AppendIdentity(nil, []byte(p))); got != want {
			t.Errorf("AppendIdentity([]byte(%q)) = %q, want %q", p, got, want)
		}
	}
	if got := PlaceholderNames("/a/{x}/f(p='{y}')"); !reflect.DeepEqual(got, []string{"x", "y"}) {
		t.Errorf("PlaceholderNames = %q", got)
	}
}

// FuzzPath: the splitter, parser and matcher never panic, the segments of
// a path are parts of it in order, and a path filled in with the values
// Match captured matches again.
func FuzzPath(f *testing.F) {
	for _, s := range []string{"/me/events", "/users/{id}/events/{eventId}", "/drives/{d}/root:/{p}:/content",
		"/f(a='{a}',b=\"x\")", "/x/range(address='A1'/entireRow", "/a/o'b/{c}", "/%41/{x}y{z}", "/{{}}/:/::/"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, tmpl, url string) {
		segs := Split(tmpl)
		rest := tmpl
		for _, s := range segs {
			if strings.HasSuffix(s, ")") && !strings.Contains(rest, s) {
				s = strings.TrimSuffix(s, ")") // the closed range( segment
			}
			i := strings.Index(rest, s)
			if i < 0 {
				t.Fatalf("Split(%q): segment %q not found in order", tmpl, s)
			}
			rest = rest[i+len(s):]
		}
		p := Parse(tmpl)
		_ = p.Placeholders()
		_ = Identity(tmpl)
		r, ok := Match(tmpl, url)
		if ok && r.Score < 0 {
			t.Fatalf("negative score")
		}
		if _, ok := MatchPath(p, "/"+strings.Join(segs, "/")); !ok && !strings.ContainsAny(tmpl, "{}<>?#%'\"()") {
			t.Fatalf("a plain path %q does not match itself", tmpl)
		}
	})
}

func TestWireSpelling(t *testing.T) {
	for in, want := range map[string]string{
		"range(address=<address>)":         "range(address={address})",
		"range(address='<address>')":       "range(address='{address}')",
		"f(a = '{x}', b = 'two words')":    "f(a='{x}',b='two words')",
		"items('{id}')":                    "items('{id}')",
		"cell(row=<row>, column=<column>)": "cell(row={row},column={column})",
	} {
		if got := WireSpelling(in); got != want {
			t.Errorf("WireSpelling(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMatchLoose: a function whose arguments the docs and the example
// write differently matches by name, marked Loose, and loses to a strict
// match.
func TestMatchLoose(t *testing.T) {
	for _, tc := range [][2]string{
		{"/range/rowsAbove(count=n)", "/range/rowsAbove(count=2)"},
		{"/range/rowsAbove(count=n)", "/range/rowsAbove"},
		{"/f(a='{a}')", "/f(c='1')"},
		{"/worksheets/{id}/range", "/worksheets/1/range(address='A1:B2')"},
	} {
		r, ok := Match(tc[0], tc[1])
		if !ok || !r.Loose {
			t.Errorf("Match(%q, %q) = %+v, %v; want a loose match", tc[0], tc[1], r, ok)
		}
	}
	if r, ok := Match("/me/events/delta", "/me/events/delta()"); !ok || r.Loose {
		t.Errorf("delta vs delta(): %+v %v, want a strict match", r, ok)
	}
	if _, ok := Match("/me/drive/root:/{item-path}:", "/me/drive/root"); ok {
		t.Error("an item path matched the plain root")
	}
	if _, ok := Match("/range/rowsAbove", "/range/rowsBelow"); ok {
		t.Error("two names matched")
	}
	if i, _, _ := Best([]string{"/r/f(a=n)", "/r/f(a='{a}')"}, "/r/f(a='2')"); i != 1 {
		t.Errorf("the strict match lost: %d", i)
	}
}

// TestRequestTarget: the target of a request line ends at the first blank
// outside nesting, except in the query and around a '|' alternative to a
// placeholder, which is joined into the placeholder.
func TestRequestTarget(t *testing.T) {
	for _, tc := range []struct{ in, target, comment string }{
		{"/me/events", "/me/events", ""},
		{"/me/events HTTP/1.1", "/me/events", ""},
		{"/me/x // note", "/me/x", "note"},
		{"/me/x  # a comment", "/me/x", "a comment"},
		{"/x?$filter=name eq 'a b' HTTP/1.1", "/x?$filter=name eq 'a b'", ""},
		{"/x(a='b c')/y more words", "/x(a='b c')/y", "more words"},
		{"/users/{user-id} | user-principal-name/chats/{chat-id}/members", "/users/{user-id | user-principal-name}/chats/{chat-id}/members", ""},
		{"/users/{user-id}|user-principal-name/chats", "/users/{user-id | user-principal-name}/chats", ""},
		{"/users/{id} |{userPrincipalName}/events", "/users/{id | userPrincipalName}/events", ""},
		{"/users/{id}| userPrincipalName/events?$top=1", "/users/{id | userPrincipalName}/events?$top=1", ""},
		{"/users/{id}|{upn} | mail/events", "/users/{id | upn | mail}/events", ""},
		{"/users/{id | userPrincipalName}/events", "/users/{id | userPrincipalName}/events", ""},
		{"/users/{id}/events?$filter=a eq 'x|y' | z", "/users/{id}/events?$filter=a eq 'x|y' | z", ""},
		{"/users/{id} | # nothing after the bar", "/users/{id}", "| # nothing after the bar"},
		{"/users/{id} or /me", "/users/{id}", "or /me"},
	} {
		target, comment := RequestTarget(tc.in)
		if target != tc.target || comment != tc.comment {
			t.Errorf("RequestTarget(%q) = %q, %q; want %q, %q", tc.in, target, comment, tc.target, tc.comment)
		}
	}
}

func TestPieces(t *testing.T) {
	got := Pieces("singleValueExtendedProperties/Any(ep: ep/id eq '{id_value}' and ep/value eq '{property_value}')")
	want := []Piece{
		{Text: "singleValueExtendedProperties/Any(ep: ep/id eq '"},
		{Placeholder: "id_value", Quote: '\'', InParens: true},
		{Text: "' and ep/value eq '"},
		{Placeholder: "property_value", Quote: '\'', InParens: true},
		{Text: "')"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Pieces = %+v\nwant %+v", got, want)
	}
	for _, tc := range []struct {
		in   string
		want []Piece
	}{
		{"{id}", []Piece{{Placeholder: "id"}}},
		{"containerTypeId eq {value}", []Piece{{Text: "containerTypeId eq "}, {Placeholder: "value"}}},
		{"range(address={address})", []Piece{{Text: "range(address="}, {Placeholder: "address", InParens: true}, {Text: ")"}}},
		{"f(a='{x}',b={y})", []Piece{{Text: "f(a='"}, {Placeholder: "x", Quote: '\'', InParens: true}, {Text: "',b="}, {Placeholder: "y", InParens: true}, {Text: ")"}}},
		{`"{term}"`, []Piece{{Text: `"`}, {Placeholder: "term", Quote: '"'}, {Text: `"`}}},
		{"o'neil/{id}", []Piece{{Text: "o'neil/"}, {Placeholder: "id"}}},
		{"plain", []Piece{{Text: "plain"}}},
	} {
		if got := Pieces(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Pieces(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

func TestQueryPairs(t *testing.T) {
	got := QueryPairs("startDateTime={start}&$filter=a eq 'p&q' and f(x=1)&&flag& $top =5")
	want := [][2]string{{"startDateTime", "{start}"}, {"$filter", "a eq 'p&q' and f(x=1)"}, {"flag", ""}, {"$top", "5"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("QueryPairs = %q, want %q", got, want)
	}
}

// TestMeAlias: an example on /me matches a /users/{id} template, the
// alias of the signed-in user, with no value for the key and a lower
// score than a /me template; the other way round does not match.
func TestMeAlias(t *testing.T) {
	r, ok := Match("/users/{id | userPrincipalName}/messages/{id}/extensions", "https://graph.microsoft.com/v1.0/me/messages/AAMk%3D/extensions")
	if !ok || !r.Alias || r.Loose || !reflect.DeepEqual(r.Values, []string{"AAMk="}) {
		t.Errorf("Match(/me alias) = %+v, %v; want an alias match capturing the message id", r, ok)
	}
	exact, ok := Match("/me/messages/{id}/extensions", "/me/messages/AAMk/extensions")
	if !ok || exact.Alias {
		t.Fatalf("exact /me match = %+v, %v", exact, ok)
	}
	if r.Score >= exact.Score {
		t.Errorf("alias score %d, exact /me score %d: the alias must score lower", r.Score, exact.Score)
	}
	if r, ok := Match("/users/{id}", "/me"); !ok || !r.Alias || len(r.Values) != 0 {
		t.Errorf("Match(/users/{id}, /me) = %+v, %v", r, ok)
	}
	vs := []string{
		"/devices/{id}/extensions",
		"/users/{id|userPrincipalName}/extensions",
		"/users/{id|userPrincipalName}/messages/{id}/extensions",
	}
	if i, r, ok := Best(vs, "/me/messages/AAMk/extensions"); !ok || i != 2 || !r.Alias {
		t.Errorf("Best(/me/messages/.../extensions) = %d %+v %v, want 2 by alias", i, r, ok)
	}
	if i, r, _ := Best(append(vs, "/me/extensions"), "/ME/extensions"); i != 3 || r.Alias {
		t.Errorf("Best prefers the /me template: got %d %+v", i, r)
	}
	for _, tc := range [][2]string{
		{"/me/extensions", "/users/1/extensions"},          // one way only
		{"/users/{id}/extensions", "/me/messages"},         // the rest must match
		{"/groups/{id}/extensions", "/me/extensions"},      // only users
		{"/users/delta()", "/me"},                          // a function is no key
		{"/users/{id}/extensions", "/users/me/extensions"}, // plain match, no alias
	} {
		r, ok := Match(tc[0], tc[1])
		if tc[1] == "/users/me/extensions" {
			if !ok || r.Alias {
				t.Errorf("Match(%q, %q) = %+v, %v; want a plain match", tc[0], tc[1], r, ok)
			}
			continue
		}
		if ok {
			t.Errorf("Match(%q, %q) = %+v; want no match", tc[0], tc[1], r)
		}
	}
}
