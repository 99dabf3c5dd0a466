package graph

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

var hostile = []string{
	"x' or 1 eq 1 or 'a", "&", "#", "%", "/", "?a=b", "ü-ñ 日本", "a) or (1 eq 1", "''", "",
	"1 or true", "O'Neil", "+1", "say \"hi\" \\ bye", "1,b=2", "%27", "a&$top=1", "3", "f8a2b2c1-0000-4000-8000-000000000001",
}

// literal reads one OData literal at the start of s as the service does:
// a string in single quotes (a doubled quote is one quote), else a bare
// token up to a blank, ',' or ')'.
func literal(t *testing.T, s string) (string, string) {
	t.Helper()
	if !strings.HasPrefix(s, "'") {
		end := strings.IndexAny(s, " ,)")
		if end < 0 {
			end = len(s)
		}
		return s[:end], s[end:]
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch {
		case s[i] != '\'':
			b.WriteByte(s[i])
		case i+1 < len(s) && s[i+1] == '\'':
			b.WriteByte('\'')
			i++
		default:
			return b.String(), s[i+1:]
		}
	}
	t.Fatalf("unterminated string literal in %q", s)
	return "", ""
}

// expect reads s as prefix, a literal, rest and reports the literal.
func expect(t *testing.T, s, prefix, rest string) string {
	t.Helper()
	after, ok := strings.CutPrefix(s, prefix)
	if !ok {
		t.Fatalf("%q does not start with %q", s, prefix)
	}
	v, tail := literal(t, after)
	if tail != rest {
		t.Errorf("%q: after the literal %q comes %q, want %q", s, v, tail, rest)
	}
	return v
}

func serve(t *testing.T) (*Client, <-chan *http.Request) {
	seen := make(chan *http.Request, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen <- r
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(srv.Close)
	return New(WithBaseURL(srv.URL), WithHTTPClient(srv.Client()), WithTokenSource(StaticToken("t")), WithRetry(nil)), seen
}

func TestHostileFilterValues(t *testing.T) {
	c, seen := serve(t)
	ctx := context.Background()
	for _, v := range hostile {
		if err := c.GetStorageFileStorageContainers(ctx, v); err != nil {
			t.Fatal(err)
		}
		r := <-seen
		if q := r.URL.Query(); len(q) != 1 {
			t.Errorf("%q: query %q", v, r.URL.RawQuery)
		}
		if got := expect(t, r.URL.Query().Get("$filter"), "containerTypeId eq ", ""); got != v {
			t.Errorf("containerTypeId eq: got %q, want %q", got, v)
		}
		if err := c.GetMeMessages(ctx, v, v+"2", v); err != nil {
			t.Fatal(err)
		}
		r = <-seen
		q := r.URL.Query()
		if len(q) != 2 {
			t.Errorf("%q: query %q", v, r.URL.RawQuery)
		}
		f, ok := strings.CutPrefix(q.Get("$filter"), "singleValueExtendedProperties/Any(ep: ep/id eq ")
		if !ok {
			t.Fatalf("$filter %q", q.Get("$filter"))
		}
		id, rest := literal(t, f)
		val := expect(t, rest, " and ep/value eq ", ")")
		if id != v || val != v+"2" {
			t.Errorf("$filter %q: id %q, value %q; want %q, %q", f, id, val, v, v+"2")
		}
		if s := q.Get("$search"); s != "\""+strings.NewReplacer("\\", "\\\\", "\"", "\\\"").Replace(v)+"\"" {
			t.Errorf("$search %q for %q", s, v)
		}
	}
}

func TestHostileFunctionArguments(t *testing.T) {
	c, seen := serve(t)
	for _, v := range hostile {
		if err := c.CellMeDriveItemsWorkbookWorksheets(context.Background(), "item", "sheet", v, v); err != nil {
			if v == "" {
				continue
			}
			t.Fatal(err)
		}
		r := <-seen
		segs := strings.Split(r.URL.EscapedPath(), "/")
		if len(segs) != 9 || segs[8] == "" {
			t.Errorf("%q: path %q", v, r.URL.EscapedPath())
			continue
		}
		fn, err := url.PathUnescape(segs[8])
		if err != nil {
			t.Fatal(err)
		}
		args, ok := strings.CutPrefix(fn, "cell(row=")
		if !ok {
			t.Fatalf("%q: segment %q", v, fn)
		}
		row, rest := literal(t, args)
		if row != v {
			t.Errorf("row: got %q, want %q", row, v)
		}
		if col := expect(t, rest, ",column=", ")"); col != v {
			t.Errorf("column: got %q, want %q", col, v)
		}
	}
}

func TestNonASCIILiteralSegment(t *testing.T) {
	c, seen := serve(t)
	if err := c.DeleteSitesRootListsDonnéesItems(context.Background(), "a/b?c#d%2F"); err != nil {
		t.Fatal(err)
	}
	r := <-seen
	if got, want := r.URL.EscapedPath(), "/sites/root/lists/Donn%C3%A9es/items/a%2Fb%3Fc%23d%252F"; got != want {
		t.Errorf("path %q, want %q", got, want)
	}
	if r.URL.Path != "/sites/root/lists/Données/items/a/b?c#d%2F" {
		t.Errorf("decoded path %q", r.URL.Path)
	}
}
