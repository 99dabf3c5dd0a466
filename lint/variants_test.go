package lint

import (
	"strings"
	"testing"

	"github.com/graphdocgen/graphdocgen/parser"
)

// variantLine is a request line with a fixed query.
func variantLine(method, path, query string, ln int) parser.RequestLine {
	l := line(method, path, ln)
	l.Raw, l.Query = path+"?"+query, query
	return l
}

// TestExampleOfQueryVariant: an example whose path and method match only
// request lines with a fixed query of their own (query variants) is
// checked against their queries as well: it must set every option of one
// of them ($filter, or expand without "$" as the docs also write it);
// one that sets none is example-url-no-match, naming the options. A
// plain line of the same path and method accepts any query, and a
// $skiptoken or $deltatoken continues a query without repeating it.
func TestExampleOfQueryVariant(t *testing.T) {
	mk := func(url string, plain bool) *parser.Page {
		p := cleanPage()
		p.Requests[0].Lines = []parser.RequestLine{
			variantLine("GET", "/me/events", "$filter=singleValueExtendedProperties/Any(ep: ep/id eq '{id_value}')", 20),
			variantLine("GET", "/me/events", "expand=attachments", 21),
		}
		if plain {
			p.Requests[0].Lines = append(p.Requests[0].Lines, line("GET", "/me/events", 22))
		}
		p.Examples = []parser.Example{{BlockType: "request", Name: "get_events", Method: "GET", URL: url, Pos: pos("api/event-update.md", 50)}}
		return p
	}
	for _, c := range []struct {
		url   string
		plain bool
		n     int
	}{
		{"https://graph.microsoft.com/v1.0/me/events?$filter=singleValueExtendedProperties/Any(ep: ep/id eq 'x')", false, 0},
		{"https://graph.microsoft.com/v1.0/me/events?%24filter=id%20eq%20'x'&$top=2", false, 0},
		{"https://graph.microsoft.com/v1.0/me/events?$expand=attachments", false, 0},
		{"https://graph.microsoft.com/v1.0/me/events?$select=subject", false, 1},
		{"https://graph.microsoft.com/v1.0/me/events", false, 1},
		{"https://graph.microsoft.com/v1.0/me/events", true, 0},
		{"https://graph.microsoft.com/v1.0/me/events?$skiptoken=R0usm", false, 0},
	} {
		ds := Check(pagesWith(mk(c.url, c.plain)), nil, Options{})
		got := only(t, ds, RuleExampleURLNoMatch, c.n)
		if c.n == 1 && !strings.Contains(got[0].Message, "($filter or expand)") {
			t.Errorf("%s: %s", c.url, got[0].Message)
		}
	}
}

// TestQueryOptionParamUnmatched: a fixed query's option whose value is a
// placeholder is a parameter of the request, so a page with a parameter
// table must list it (by the option's or the placeholder's name); OData
// $-options and values with more than a placeholder are not checked.
func TestQueryOptionParamUnmatched(t *testing.T) {
	p := cleanPage()
	p.Requests[0].Lines = append(p.Requests[0].Lines,
		variantLine("GET", "/me/calendarView", "startDateTime={start_datetime}&endDateTime={end_datetime}&tz={zone}", 24),
		variantLine("GET", "/me/events", "$filter=id eq '{id}'&$top={n}&mode=a{b}", 25))
	p.Query.Params = append(p.Query.Params, parser.Param{Name: "zone"})
	only(t, Check(pagesWith(p), nil, Options{}), RulePathParamUnmatched, 0)
	p.Query.Params = p.Query.Params[:1] // startDateTime alone
	ds := only(t, Check(pagesWith(p), nil, Options{}), RulePathParamUnmatched, 3)
	var msgs []string
	for _, d := range ds {
		msgs = append(msgs, d.Message)
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"query option endDateTime={end_datetime}", "query option tz={zone}", "endDateTime={end} of calendarView"} {
		if !strings.Contains(all, want) {
			t.Errorf("findings lack %q:\n%s", want, all)
		}
	}
}
