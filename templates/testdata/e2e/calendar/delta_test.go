package graph

// This file is not part of graphdocgen: TestDeltaEndToEnd copies it into a
// client generated from calendar.yaml and runs it there, so the paging
// runtime is tested through the generated types and methods.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
)

// deltaService serves GET /me/events/delta: the first round (no
// $deltatoken) in two pages, events a b then c, the first with
// @odata.count; a round from $deltatoken=N is one page, event dN. A
// round's final page has the deltaLink of token N+1. Links are on
// linkHost when it is set (another name of the same server), else on the
// request's host.
type deltaService struct {
	t        *testing.T
	linkHost string
	mu       sync.Mutex
	got      []string
}

func (s *deltaService) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.got = append(s.got, r.Host+" "+r.URL.Query().Get("$skiptoken")+"/"+r.URL.Query().Get("$deltatoken"))
	s.mu.Unlock()
	if auth := r.Header.Get("Authorization"); auth != "Bearer secret" {
		s.t.Errorf("%s: Authorization = %q", r.URL, auth)
	}
	if r.Method != http.MethodGet || !strings.HasPrefix(r.URL.Path, "/me/events/delta") {
		s.t.Errorf("unexpected %s %s", r.Method, r.URL)
		w.WriteHeader(http.StatusNotFound)
		return
	}
	host := r.Host
	if s.linkHost != "" {
		host = s.linkHost
	}
	link := func(q string) string { return "http://" + host + "/me/events/delta?" + q }
	ev := func(id string) map[string]any { return map[string]any{"id": id} }
	body := map[string]any{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#Collection(event)"}
	switch q := r.URL.Query(); {
	case q.Get("$deltatoken") != "":
		var n int
		fmt.Sscan(q.Get("$deltatoken"), &n)
		body["value"] = []any{ev(fmt.Sprintf("d%d", n))}
		body["@odata.deltaLink"] = link(fmt.Sprintf("$deltatoken=%d", n+1))
	case q.Get("$skiptoken") == "2":
		body["value"] = []any{ev("c")}
		body["@odata.deltaLink"] = link("$deltatoken=1")
	default:
		body["value"] = []any{ev("a"), ev("b")}
		body["@odata.nextLink"] = link("$skiptoken=2")
		body["@odata.count"] = 3
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(body)
}

func (s *deltaService) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.got)
}

// newDeltaClient starts the service and returns a client of it, the
// service, and another host name of the same server (a foreign origin
// whose requests would still arrive, so a test sees any that is sent).
func newDeltaClient(t *testing.T) (*Client, *deltaService, string) {
	s := &deltaService{t: t}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	u, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	c := New(WithBaseURL("http://127.0.0.1:"+u.Port()), WithHTTPClient(srv.Client()),
		WithTokenSource(StaticToken("secret")), WithRetry(nil))
	return c, s, "localhost:" + u.Port()
}

// round is the first-page function of a delta round: from saved when
// there is one, else the start of the query.
func round(c *Client, saved string) func(context.Context) (*EventCollectionResponse, error) {
	return func(ctx context.Context) (*EventCollectionResponse, error) {
		if saved != "" {
			return DeltaPage[EventCollectionResponse](ctx, c, saved)
		}
		return c.DeltaMeEvents(ctx, nil)
	}
}

func ids(evs []Event) []string {
	var out []string
	for _, ev := range evs {
		id, _ := ev.ID.Get()
		out = append(out, id)
	}
	return out
}

// TestDeltaTypedFields: the generated collection response decodes
// @odata.nextLink, @odata.deltaLink and @odata.count into its typed
// fields, not AdditionalProperties.
func TestDeltaTypedFields(t *testing.T) {
	c, _, _ := newDeltaClient(t)
	ctx := context.Background()
	first, err := c.DeltaMeEvents(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n, ok := first.ODataCount.Get(); !ok || n != 3 {
		t.Errorf("ODataCount = %d, %v; want 3", n, ok)
	}
	next, ok := first.ODataNextLink.Get()
	if !ok || !strings.HasSuffix(next, "/me/events/delta?$skiptoken=2") {
		t.Errorf("ODataNextLink = %q, %v", next, ok)
	}
	if l, ok := first.ODataDeltaLink.Get(); ok {
		t.Errorf("first page ODataDeltaLink = %q", l)
	}
	last, err := NextPage[EventCollectionResponse](ctx, c, next)
	if err != nil {
		t.Fatal(err)
	}
	if l, ok := last.ODataDeltaLink.Get(); !ok || !strings.HasSuffix(l, "$deltatoken=1") {
		t.Errorf("final page ODataDeltaLink = %q, %v", l, ok)
	}
	if l, ok := last.DeltaLink(); !ok || l != must(last.ODataDeltaLink.Get()) {
		t.Errorf("DeltaLink() = %q, %v", l, ok)
	}
	for _, page := range []*EventCollectionResponse{first, last} {
		for k := range page.AdditionalProperties {
			if k != "@odata.context" {
				t.Errorf("AdditionalProperties has %q", k)
			}
		}
	}
}

func must[T any](v T, _ bool) T { return v }

// TestDeltaPagesAndResume: Pages yields the pages of the first round; a
// Pager's DeltaLink after ranging is the final one, a round resumed from
// it with DeltaPage gets the changes and the next deltaLink, and a round
// broken off gives none.
func TestDeltaPagesAndResume(t *testing.T) {
	c, s, _ := newDeltaClient(t)
	ctx := context.Background()
	var pages [][]string
	for page, err := range Pages(ctx, c, round(c, "")) {
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, ids(page.Value))
	}
	if want := [][]string{{"a", "b"}, {"c"}}; !slices.EqualFunc(pages, want, slices.Equal) {
		t.Errorf("pages = %v, want %v", pages, want)
	}

	saved := ""
	for i, want := range [][]string{{"a", "b", "c"}, {"d1"}, {"d2"}} {
		p := NewPager(c, round(c, saved))
		var got []string
		for ev, err := range p.All(ctx) {
			if err != nil {
				t.Fatalf("round %d: %v", i, err)
			}
			got = append(got, must(ev.ID.Get()))
		}
		if !slices.Equal(got, want) {
			t.Errorf("round %d: events %v, want %v", i, got, want)
		}
		link, ok := p.DeltaLink()
		if wantLink := fmt.Sprintf("$deltatoken=%d", i+1); !ok || !strings.HasSuffix(link, wantLink) {
			t.Fatalf("round %d: DeltaLink = %q, %v; want one ending %s", i, link, ok, wantLink)
		}
		saved = link
	}
	if got := s.requests(); !strings.HasSuffix(got[len(got)-1], "/2") || !strings.HasSuffix(got[len(got)-2], "/1") {
		t.Errorf("requests = %q: the resumed rounds did not use the saved links", got)
	}

	p := NewPager(c, round(c, ""))
	for _, err := range p.All(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		break
	}
	if l, ok := p.DeltaLink(); ok {
		t.Errorf("after a break: DeltaLink = %q", l)
	}
}

// TestDeltaForeignOrigin: a saved deltaLink on another host, another
// scheme or with userinfo is an error naming it and no request is sent;
// a next link the service sends on another host is not followed.
func TestDeltaForeignOrigin(t *testing.T) {
	c, s, other := newDeltaClient(t)
	ctx := context.Background()
	port := strings.TrimPrefix(other, "localhost:")
	for _, link := range []string{
		"http://" + other + "/me/events/delta?$deltatoken=1",
		"https://127.0.0.1:" + port + "/me/events/delta?$deltatoken=1",
		"http://u@127.0.0.1:" + port + "/me/events/delta?$deltatoken=1",
	} {
		var errs []error
		p := NewPager(c, round(c, link))
		for ev, err := range p.All(ctx) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			t.Errorf("%s: got event %s", link, must(ev.ID.Get()))
		}
		if len(errs) != 1 || !strings.Contains(errs[0].Error(), "delta link \""+link+"\"") {
			t.Errorf("%s: errors %v, want one naming the delta link", link, errs)
		}
		if l, ok := p.DeltaLink(); ok {
			t.Errorf("%s: DeltaLink = %q", link, l)
		}
		var e *Error
		if len(errs) == 1 && errors.As(errs[0], &e) {
			t.Errorf("%s: a response error: the link was requested", link)
		}
	}
	if got := s.requests(); len(got) != 0 {
		t.Errorf("requests sent: %q", got)
	}

	s.linkHost = other
	var got []string
	var errs []error
	for ev, err := range All(ctx, c, round(c, "")) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, must(ev.ID.Get()))
	}
	if !slices.Equal(got, []string{"a", "b"}) || len(errs) != 1 || !strings.Contains(errs[0].Error(), "next link \"http://"+other) {
		t.Errorf("events %v, errors %v", got, errs)
	}
	if req := s.requests(); len(req) != 1 || !strings.HasPrefix(req[0], "127.0.0.1:") {
		t.Errorf("requests = %q, want the first page only", req)
	}
}
