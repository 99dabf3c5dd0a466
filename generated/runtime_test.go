package generated_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/graphdocgen/graphdocgen/generated/calendar"
)

// End-to-end tests of the runtime through the generated client: each
// behaviour of templates/runtime once more, as a user of the generated
// package sees it. Separate host names (graph.test, evil.test) reach the
// test servers through a transport that dials them.

// graphHosts is a server for graph.test and one for evil.test, and an
// http.Client that dials both names.
type graphHosts struct {
	graph, evil *httptest.Server
	graphURL    string // http://graph.test:PORT
	evilURL     string // http://evil.test:PORT
	client      *http.Client

	mu   sync.Mutex
	auth map[string][]string // Authorization by host name
}

func newGraphHosts(t *testing.T, graph, evil http.HandlerFunc) *graphHosts {
	t.Helper()
	h := &graphHosts{auth: map[string][]string{}}
	record := func(next http.HandlerFunc) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			h.mu.Lock()
			host, _, _ := net.SplitHostPort(r.Host)
			h.auth[host] = append(h.auth[host], r.Header.Get("Authorization"))
			h.mu.Unlock()
			next(w, r)
		}
	}
	h.graph = httptest.NewServer(record(graph))
	h.evil = httptest.NewServer(record(evil))
	t.Cleanup(h.graph.Close)
	t.Cleanup(h.evil.Close)
	_, gp, _ := net.SplitHostPort(h.graph.Listener.Addr().String())
	_, ep, _ := net.SplitHostPort(h.evil.Listener.Addr().String())
	h.graphURL = "http://graph.test:" + gp
	h.evilURL = "http://evil.test:" + ep
	dial := map[string]string{
		"graph.test:" + gp: h.graph.Listener.Addr().String(),
		"evil.test:" + ep:  h.evil.Listener.Addr().String(),
	}
	h.client = &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			to, ok := dial[addr]
			if !ok {
				return nil, fmt.Errorf("no test host %s", addr)
			}
			return (&net.Dialer{}).DialContext(ctx, network, to)
		},
	}}
	return h
}

func (h *graphHosts) authOf(host string) []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.auth[host]...)
}

func (h *graphHosts) newClient(opts ...calendar.Option) *calendar.Client {
	return calendar.New(append([]calendar.Option{
		calendar.WithBaseURL(h.graphURL),
		calendar.WithHTTPClient(h.client),
		calendar.WithTokenSource(calendar.StaticToken("secret")),
	}, opts...)...)
}

// TestE2ETokenScope: a redirect to another host loses the token.
func TestE2ETokenScope(t *testing.T) {
	var h *graphHosts
	h = newGraphHosts(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, h.evilURL+"/elsewhere", http.StatusFound)
	}, func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"subject":"moved"}`)
	})
	ev, err := h.newClient().GetMeEvents(context.Background(), "e1", nil)
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := ev.Subject.Get(); s != "moved" {
		t.Errorf("subject %q", s)
	}
	if got := h.authOf("evil.test"); len(got) != 1 || got[0] != "" {
		t.Errorf("evil.test got Authorization %q", got)
	}
	if got := h.authOf("graph.test"); len(got) != 1 || got[0] != "Bearer secret" {
		t.Errorf("graph.test got Authorization %q", got)
	}
}

// TestE2ENextLinkOrigin: All stops with an error naming a nextLink on
// another host, after the items of the pages before it, and sends
// nothing there.
func TestE2ENextLinkOrigin(t *testing.T) {
	var h *graphHosts
	h = newGraphHosts(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"value":[{"subject":"one"}],"@odata.nextLink":%q}`, h.evilURL+"/me/events?page=2")
	}, func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"value":[{"subject":"evil"}]}`)
	})
	c := h.newClient()
	var subjects []string
	var errs []error
	for ev, err := range calendar.All(context.Background(), c, func(ctx context.Context) (*calendar.EventCollectionResponse, error) {
		return c.ListMeEvents(ctx, nil)
	}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		s, _ := ev.Subject.Get()
		subjects = append(subjects, s)
	}
	if len(subjects) != 1 || subjects[0] != "one" {
		t.Errorf("items %q", subjects)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "evil.test") {
		t.Errorf("errors %v, want one naming the link", errs)
	}
	if n := len(h.authOf("evil.test")); n != 0 {
		t.Errorf("evil.test got %d requests", n)
	}
}

// TestE2ERetry: a throttled POST is sent again after Retry-After, with
// its whole body and a Retry-Attempt header; per-call options add a
// header and a query parameter and capture the response.
func TestE2ERetry(t *testing.T) {
	var mu sync.Mutex
	var bodies, attempts, extra []string
	h := newGraphHosts(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, string(b))
		attempts = append(attempts, r.Header.Get("Retry-Attempt"))
		extra = append(extra, r.Header.Get("X-Trace")+" "+r.URL.Query().Get("$select"))
		n := len(bodies)
		mu.Unlock()
		if n == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			io.WriteString(w, `{"error":{"code":"TooManyRequests","message":"slow down"}}`)
			return
		}
		w.Header().Set("request-id", "r-2")
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"id":"new"}`)
	}, http.NotFound)
	c := h.newClient()
	body := &calendar.Event{Subject: calendar.Some(strings.Repeat("long subject ", 100))}
	var resp *http.Response
	start := time.Now()
	ev, err := c.CreateMeEvents(context.Background(), body, nil,
		calendar.WithHeader("X-Trace", "t1"), calendar.WithQuery("$select", "id"), calendar.WithResponse(&resp))
	if err != nil {
		t.Fatal(err)
	}
	if time.Since(start) < 900*time.Millisecond {
		t.Errorf("retried after %v, before Retry-After", time.Since(start))
	}
	if id, _ := ev.ID.Get(); id != "new" {
		t.Errorf("id %q", id)
	}
	if len(bodies) != 2 || bodies[0] != bodies[1] || !strings.Contains(bodies[0], "long subject") {
		t.Errorf("bodies %q", bodies)
	}
	if attempts[0] != "" || attempts[1] != "1" {
		t.Errorf("Retry-Attempt %q", attempts)
	}
	if extra[1] != "t1 id" {
		t.Errorf("per-call header and query: %q", extra)
	}
	if resp == nil || resp.StatusCode != http.StatusCreated || resp.Header.Get("request-id") != "r-2" {
		t.Errorf("WithResponse: %+v", resp)
	}

	// off: the 429 comes back as *Error at once
	bodies = nil
	_, err = h.newClient(calendar.WithRetry(nil)).CreateMeEvents(context.Background(), body, nil)
	var gerr *calendar.Error
	if !errors.As(err, &gerr) || gerr.StatusCode != http.StatusTooManyRequests || gerr.RetryAfter != time.Second {
		t.Errorf("WithRetry(nil): err = %v", err)
	}
}

// TestE2ELimit: a response over WithMaxResponseSize is an error naming
// the limit.
func TestE2ELimit(t *testing.T) {
	h := newGraphHosts(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"subject":%q}`, strings.Repeat("x", 4096))
	}, http.NotFound)
	_, err := h.newClient(calendar.WithMaxResponseSize(1024)).GetMeEvents(context.Background(), "e1", nil)
	if err == nil || !strings.Contains(err.Error(), "limit of 1024 bytes") {
		t.Errorf("err = %v", err)
	}
}
