package runtime

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// odataHostile are values that would change an OData expression or a
// URL if they went in as written.
var odataHostile = []string{
	"x' or 1 eq 1 or 'a", "&", "#", "%", "/", "?a=b", "ü-ñ 日本", "a) or (1 eq 1",
	"''", "", "1 or true", "O'Neil", "+1", `say "hi" \ bye`, "1,b=2", "%27",
	"a&$top=1", "id eq 'x'", "3", "2021-07-01T00:00:00Z", "f8a2b2c1-0000-4000-8000-000000000001",
}

// readLiteral reads one OData literal at the start of s, as the service
// would: a string in single quotes (a doubled quote is one quote), else a
// bare token up to a blank, ',' or ')'. It returns the literal's value
// and the rest of s.
func readLiteral(t *testing.T, s string) (string, string) {
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
		if s[i] != '\'' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 < len(s) && s[i+1] == '\'' {
			b.WriteByte('\'')
			i++
			continue
		}
		return b.String(), s[i+1:]
	}
	t.Fatalf("unterminated string literal in %q", s)
	return "", ""
}

// TestRuntimeODataLiterals: a value inside a function argument (quoted or
// not) or a $filter travels as exactly one OData literal equal to the
// value, whatever it holds, and the URL around it is unchanged: the
// server, after decoding the path and the query, reads the same
// expression with the value in its place.
func TestRuntimeODataLiterals(t *testing.T) {
	seen := make(chan *http.Request, 1)
	srv := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen <- r
		w.WriteHeader(http.StatusNoContent)
	})
	c, _ := runtimeServer(t, srv)
	for _, v := range odataHostile {
		if _, err := c.do(context.Background(), &request{
			method: http.MethodGet,
			path:   "/reports/f(period='" + quoteArg(v) + "',n=" + literalArg(v) + ")/items",
			query: url.Values{
				"$filter": {"ep/id eq '" + odataString(v) + "' and containerTypeId eq " + odataLiteral(v)},
				"$search": {`"` + odataPhrase(v) + `"`},
			},
		}, nil); err != nil {
			t.Fatal(err)
		}
		r := <-seen
		segs := strings.Split(r.URL.EscapedPath(), "/")
		if len(segs) != 4 || segs[1] != "reports" || segs[3] != "items" {
			t.Errorf("%q: the path has changed: %q", v, r.URL.EscapedPath())
			continue
		}
		fn, err := url.PathUnescape(segs[2])
		if err != nil {
			t.Fatalf("%q: %v", v, err)
		}
		rest, ok := strings.CutPrefix(fn, "f(period=")
		if !ok {
			t.Fatalf("%q: segment %q", v, fn)
		}
		got, rest := readLiteral(t, rest)
		if got != v || !strings.HasPrefix(rest, ",n=") {
			t.Errorf("%q: quoted argument reads %q, then %q", v, got, rest)
			continue
		}
		if got, rest = readLiteral(t, rest[len(",n="):]); got != v || rest != ")" {
			t.Errorf("%q: bare argument reads %q, then %q", v, got, rest)
		}
		q := r.URL.Query()
		if len(q) != 2 {
			t.Errorf("%q: query has %d parameters: %q", v, len(q), r.URL.RawQuery)
		}
		f, ok := strings.CutPrefix(q.Get("$filter"), "ep/id eq ")
		if !ok {
			t.Fatalf("%q: $filter %q", v, q.Get("$filter"))
		}
		got, rest = readLiteral(t, f)
		if got != v || rest != " and containerTypeId eq " && !strings.HasPrefix(rest, " and containerTypeId eq ") {
			t.Errorf("%q: $filter string reads %q, then %q", v, got, rest)
			continue
		}
		if got, rest = readLiteral(t, strings.TrimPrefix(rest, " and containerTypeId eq ")); got != v || rest != "" {
			t.Errorf("%q: $filter literal reads %q, then %q", v, got, rest)
		}
		if s := q.Get("$search"); s != `"`+strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v)+`"` {
			t.Errorf("%q: $search %q", v, s)
		}
		if strings.ContainsAny(r.URL.RawQuery, "#' \"") || strings.Contains(r.URL.RawQuery, "+") {
			t.Errorf("%q: query not percent-encoded: %q", v, r.URL.RawQuery)
		}
	}
}

func TestRuntimeODataLiteralBare(t *testing.T) {
	for in, want := range map[string]string{
		"3": "3", "-2.5": "-2.5", "true": "true", "f8a2b2c1-0000-4000-8000-000000000001": "f8a2b2c1-0000-4000-8000-000000000001",
		"2021-07-01T00:00:00+02:00": "2021-07-01T00:00:00+02:00", "displayName": "displayName",
		"": "''", "a b": "'a b'", "x' or 1 eq 1 or 'a": "'x'' or 1 eq 1 or ''a'", "ü": "'ü'", "a/b": "'a/b'", "f(x)": "'f(x)'",
	} {
		if got := odataLiteral(in); got != want {
			t.Errorf("odataLiteral(%q) = %q, want %q", in, got, want)
		}
	}
}
