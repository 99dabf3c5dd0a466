package runtime

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
)

// deltaServer serves a delta query of numbers: the first round (no
// $deltatoken) in two pages, 1 2 then 3, and a round from $deltatoken=N
// of one page, N*10; a round's final page has the deltaLink of token
// N+1. foreign, when set, is the host its links are on instead of the
// request's. It records the request URLs it got.
type deltaServer struct {
	foreign string
	mu      sync.Mutex
	got     []string
}

func (s *deltaServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.got = append(s.got, r.URL.RequestURI())
	s.mu.Unlock()
	host := r.Host
	if s.foreign != "" {
		host = s.foreign
	}
	link := func(q string) string { return "http://" + host + "/delta?" + q }
	body := map[string]any{}
	switch q := r.URL.Query(); {
	case q.Get("$deltatoken") != "":
		var n int
		fmt.Sscan(q.Get("$deltatoken"), &n)
		body["value"] = []int{n * 10}
		body["@odata.deltaLink"] = link(fmt.Sprintf("$deltatoken=%d", n+1))
	case q.Get("$skiptoken") == "2":
		body["value"] = []int{3}
		body["@odata.deltaLink"] = link("$deltatoken=1")
	default:
		body["value"] = []int{1, 2}
		body["@odata.nextLink"] = link("$skiptoken=2")
		body["@odata.count"] = 3
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(body)
}

func (s *deltaServer) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.got)
}

// deltaFirst returns the first-page function of a delta loop: the start
// of the query, or DeltaPage of saved when there is one.
func deltaFirst(c *Client, saved string) func(context.Context) (*opsPage, error) {
	return func(ctx context.Context) (*opsPage, error) {
		if saved != "" {
			return DeltaPage[opsPage](ctx, c, saved)
		}
		return invoke[opsPage](ctx, c, &request{method: "GET", path: "/delta"})
	}
}

// TestPagerPages: Pages yields the pages in order, each decoded whole.
func TestPagerPages(t *testing.T) {
	srv := &deltaServer{}
	c, _ := runtimeServer(t, srv)
	var got [][]int
	var links []string
	for page, err := range Pages(context.Background(), c, deltaFirst(c, "")) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, page.Items())
		l, _ := page.NextLink()
		links = append(links, l)
	}
	if want := [][]int{{1, 2}, {3}}; !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("pages = %v, want %v", got, want)
	}
	if len(links) != 2 || !strings.HasSuffix(links[0], "/delta?$skiptoken=2") || links[1] != "" {
		t.Errorf("next links = %q", links)
	}
	if want := []string{"/delta", "/delta?$skiptoken=2"}; !slices.Equal(srv.requests(), want) {
		t.Errorf("requests = %q, want %q", srv.requests(), want)
	}
}

// TestPagerDeltaLink: after a complete range (All or Pages) the Pager
// has the final page's deltaLink; DeltaPage resumes from it, and a second
// round gives the next link. A break, an error or no range at all leave
// none.
func TestPagerDeltaLink(t *testing.T) {
	srv := &deltaServer{}
	c, _ := runtimeServer(t, srv)
	ctx := context.Background()
	p := NewPager(c, deltaFirst(c, ""))
	if l, ok := p.DeltaLink(); ok || l != "" {
		t.Errorf("before a range: DeltaLink = %q, %v", l, ok)
	}
	var items []int
	for v, err := range p.All(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		items = append(items, v)
	}
	if want := []int{1, 2, 3}; !slices.Equal(items, want) {
		t.Errorf("items = %v, want %v", items, want)
	}
	saved, ok := p.DeltaLink()
	if !ok || !strings.HasSuffix(saved, "/delta?$deltatoken=1") {
		t.Fatalf("DeltaLink = %q, %v; want the final page's", saved, ok)
	}

	// resume
	p = NewPager(c, deltaFirst(c, saved))
	items = nil
	for page, err := range p.Pages(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		items = append(items, page.Items()...)
	}
	if want := []int{10}; !slices.Equal(items, want) {
		t.Errorf("resumed items = %v, want %v", items, want)
	}
	if l, ok := p.DeltaLink(); !ok || !strings.HasSuffix(l, "/delta?$deltatoken=2") {
		t.Errorf("resumed DeltaLink = %q, %v", l, ok)
	}
	if got := srv.requests(); got[len(got)-1] != "/delta?$deltatoken=1" {
		t.Errorf("resume requested %q", got[len(got)-1])
	}

	// a break, on the final page too, leaves no link
	p = NewPager(c, deltaFirst(c, ""))
	for v, err := range p.All(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		if v == 3 {
			break
		}
	}
	if l, ok := p.DeltaLink(); ok || l != "" {
		t.Errorf("after a break: DeltaLink = %q, %v", l, ok)
	}

	// an error leaves no link, and ranging again starts over
	fail := true
	p = NewPager(c, func(ctx context.Context) (*opsPage, error) {
		if fail {
			return nil, errors.New("boom")
		}
		return deltaFirst(c, "")(ctx)
	})
	var errs []error
	for _, err := range p.All(ctx) {
		errs = append(errs, err)
	}
	if len(errs) != 1 || errs[0] == nil || errs[0].Error() != "boom" {
		t.Errorf("errors = %v", errs)
	}
	if _, ok := p.DeltaLink(); ok {
		t.Errorf("after an error: DeltaLink ok")
	}
	fail = false
	for _, err := range p.All(ctx) {
		if err != nil {
			t.Fatal(err)
		}
	}
	if l, ok := p.DeltaLink(); !ok || !strings.HasSuffix(l, "$deltatoken=1") {
		t.Errorf("second range: DeltaLink = %q, %v", l, ok)
	}
}

// TestDeltaPageOrigin: a saved deltaLink off the base URL's origin (here
// the same server under another host name, so a request would arrive),
// with userinfo, or empty is an error naming the link, and nothing is
// sent; the same for a next link off the origin met while ranging.
func TestDeltaPageOrigin(t *testing.T) {
	srv := &deltaServer{}
	c, hs := runtimeServer(t, srv, WithTokenSource(StaticToken("secret")))
	u, _ := url.Parse(hs.URL)
	other := "localhost:" + u.Port()
	for _, link := range []string{
		"http://" + other + "/delta?$deltatoken=1",
		"https://" + u.Host + "/delta?$deltatoken=1",
		"http://user:pw@" + u.Host + "/delta?$deltatoken=1",
		"/delta?$deltatoken=1",
	} {
		_, err := DeltaPage[opsPage](context.Background(), c, link)
		if err == nil || !strings.Contains(err.Error(), "delta link") || !strings.Contains(err.Error(), "not on the base URL's origin") {
			t.Errorf("DeltaPage(%s): err = %v", link, err)
			continue
		}
		if want := strings.Replace(link, ":pw@", ":xxxxx@", 1); !strings.Contains(err.Error(), want) {
			t.Errorf("DeltaPage(%s): the error does not name the link: %v", link, err)
		}
		p := NewPager(c, deltaFirst(c, link))
		for _, err := range p.All(context.Background()) {
			if err == nil {
				t.Errorf("Pager from %s yielded an item", link)
			}
		}
	}
	if _, err := DeltaPage[opsPage](context.Background(), c, ""); err == nil || !errors.Is(err, errEmptyLink) {
		t.Errorf("DeltaPage(\"\"): err = %v", err)
	}
	if got := srv.requests(); len(got) != 0 {
		t.Errorf("requests sent: %q", got)
	}

	// the server's links name the other host: the first page's items
	// come, its next link is an error, not followed
	srv.foreign = other
	var items []int
	var errs []error
	for v, err := range All(context.Background(), c, deltaFirst(c, "")) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items = append(items, v)
	}
	if !slices.Equal(items, []int{1, 2}) || len(errs) != 1 || !strings.Contains(errs[0].Error(), "next link \"http://"+other) {
		t.Errorf("items %v, errors %v", items, errs)
	}
	if got := srv.requests(); !slices.Equal(got, []string{"/delta"}) {
		t.Errorf("requests = %q, want the first page only", got)
	}
}

// BenchmarkPagerAll ranges over a one-page collection from memory: the
// overhead of the Pager around the first-page function.
func BenchmarkPagerAll(b *testing.B) {
	c := New()
	page := &opsPage{Value: []int{1, 2, 3}}
	first := func(context.Context) (*opsPage, error) { return page, nil }
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		for _, err := range All(ctx, c, first) {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}
