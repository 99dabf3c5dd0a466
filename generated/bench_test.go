package generated_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/graphdocgen/graphdocgen/generated/calendar"
)

// BenchmarkCall measures one GET of an event through the generated client
// against the same request with plain net/http and encoding/json, on the
// same server: the runtime's overhead per call (ns/op, allocs/op; make
// bench), with and without the attempt timeout.
func BenchmarkCall(b *testing.B) {
	const body = `{"id":"e1","subject":"Plan","importance":"high","isAllDay":false,"start":{"dateTime":"2026-12-01T10:00:00","timeZone":"UTC"}}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, body)
	}))
	defer srv.Close()
	ctx := context.Background()
	b.Run("generated", func(b *testing.B) {
		c := calendar.New(calendar.WithBaseURL(srv.URL), calendar.WithHTTPClient(srv.Client()), calendar.WithTokenSource(calendar.StaticToken("t")))
		b.ReportAllocs()
		for b.Loop() {
			ev, err := c.GetMeEvents(ctx, "e1", nil)
			if err != nil || ev == nil {
				b.Fatal(err)
			}
		}
	})
	// The same call without the attempt timeout (WithAttemptTimeout(0)):
	// what the timeout's context and timer cost.
	b.Run("generated/no-attempt-timeout", func(b *testing.B) {
		c := calendar.New(calendar.WithBaseURL(srv.URL), calendar.WithHTTPClient(srv.Client()), calendar.WithTokenSource(calendar.StaticToken("t")), calendar.WithAttemptTimeout(0))
		b.ReportAllocs()
		for b.Loop() {
			ev, err := c.GetMeEvents(ctx, "e1", nil)
			if err != nil || ev == nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("net/http", func(b *testing.B) {
		hc := srv.Client()
		b.ReportAllocs()
		for b.Loop() {
			req, err := http.NewRequestWithContext(ctx, "GET", srv.URL+"/me/events/e1", nil)
			if err != nil {
				b.Fatal(err)
			}
			req.Header.Set("Authorization", "Bearer t")
			req.Header.Set("Accept", "application/json")
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			var ev calendar.Event
			err = json.NewDecoder(resp.Body).Decode(&ev)
			resp.Body.Close()
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}
