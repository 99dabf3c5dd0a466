package runtime

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The fuzz targets of the runtime's parsers; go test runs their seeds,
// go test -fuzz FuzzX explores.

func FuzzRetryAfter(f *testing.F) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	for _, s := range []string{"", "0", "7", "-3", "99999999999999999999", now.Add(time.Minute).Format(http.TimeFormat), "Mon, 02 Jan 2006 15:04:05 GMT", "soon"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		d := retryAfter(v, now)
		if d < 0 {
			t.Fatalf("retryAfter(%q) = %v, negative", v, d)
		}
		if n, err := strconv.Atoi(v); err == nil && n > 0 && n < 1<<30 && d != time.Duration(n)*time.Second {
			t.Fatalf("retryAfter(%q) = %v, want %ds", v, d, n)
		}
	})
}

func FuzzOptional(f *testing.F) {
	for _, s := range []string{`null`, `"a"`, `""`, `1`, `{"a":1}`, `"\u0000"`, `[`, ` "x" `} {
		f.Add([]byte(s))
	}
	f.Add([]byte("\"caf\xc3\xa9\""))
	f.Add([]byte("\"\xff\""))
	f.Add([]byte(`"a\"b"`))
	f.Fuzz(func(t *testing.T, b []byte) {
		// the fast path decodes exactly as encoding/json does
		if s, ok := plainJSONString(b); ok {
			var want string
			if err := json.Unmarshal(b, &want); err != nil || want != s {
				t.Fatalf("plainJSONString(%q) = %q, encoding/json says %q, %v", b, s, want, err)
			}
		}
		var o Optional[string]
		if err := json.Unmarshal(b, &o); err != nil {
			return
		}
		if !o.IsSet() {
			t.Fatalf("%q decoded to an absent Optional", b)
		}
		enc, err := json.Marshal(o)
		if err != nil {
			t.Fatalf("marshal %q: %v", b, err)
		}
		var again Optional[string]
		if err := json.Unmarshal(enc, &again); err != nil || again != o {
			t.Fatalf("%q: round trip %s gave %+v, %v", b, enc, again, err)
		}
	})
}

func FuzzDate(f *testing.F) {
	for _, s := range []string{"2026-12-01", "0001-01-01", "2024-02-29", "2023-02-29", "20261201", "-001-01-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var d Date
		if err := d.UnmarshalText([]byte(s)); err != nil {
			return
		}
		var again Date
		if err := again.UnmarshalText([]byte(d.String())); err != nil || again != d {
			t.Fatalf("%q: %s does not round-trip: %+v, %v", s, d, again, err)
		}
		var tod TimeOfDay
		if err := tod.UnmarshalText([]byte(s)); err == nil {
			var t2 TimeOfDay
			if err := t2.UnmarshalText([]byte(tod.String())); err != nil || t2 != tod {
				t.Fatalf("time of day %q does not round-trip", s)
			}
		}
	})
}

func FuzzDuration(f *testing.F) {
	for _, s := range []string{"PT1H30M", "P1D", "-PT5S", "PT0.5S", "P", "PT", "P1Y", "P99999999999999999999D", "PT1.S"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Duration(s).Std()
		if err != nil {
			return
		}
		back, err := DurationOf(d).Std()
		if err != nil || back != d {
			t.Fatalf("%q = %v; DurationOf gives %q = %v, %v", s, d, DurationOf(d), back, err)
		}
	})
}

func FuzzErrorBody(f *testing.F) {
	for _, s := range []string{``, `{"error":{"code":"x","message":"y","innerError":{"request-id":"r"}}}`, `<html>`, `{"error":"flat"}`, `{"error":{"code":1}}`} {
		f.Add([]byte(s), 404)
	}
	f.Fuzz(func(t *testing.T, body []byte, status int) {
		resp := &http.Response{StatusCode: status, Header: http.Header{"Request-Id": {"hdr"}}}
		e := newError(resp, body)
		if !bytes.Equal(e.Body, body) || e.StatusCode != status {
			t.Fatalf("Error keeps %q/%d, want %q/%d", e.Body, e.StatusCode, body, status)
		}
		msg := e.Error()
		if !strings.HasPrefix(msg, "graph: ") {
			t.Fatalf("Error() = %q", msg)
		}
		if e.RequestID == "" {
			t.Fatal("no request id: the header is the fallback")
		}
	})
}

// An Optional string decodes as encoding/json decodes a string, on the
// fast path (a string without escapes) and off it.
func TestOptionalStringDecoding(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`"plain"`, "plain"},
		{`"café"`, "café"},
		{`"a\"b"`, `a"b`},
		{`"tab\there"`, "tab\there"},
		{`"\u00e9"`, "é"},
		{"\"\xff\"", "\ufffd"},
		{`""`, ""},
	} {
		var o Optional[string]
		if err := json.Unmarshal([]byte(tc.in), &o); err != nil {
			t.Fatalf("%s: %v", tc.in, err)
		}
		if got, ok := o.Get(); !ok || got != tc.want {
			t.Errorf("%s decoded to %q (set %v), want %q", tc.in, got, ok, tc.want)
		}
	}
	for _, bad := range []string{"\"a\nb\"", `"unterminated`, `1`} {
		var o Optional[string]
		if err := json.Unmarshal([]byte(bad), &o); err == nil {
			t.Errorf("%q decoded to %+v, want an error", bad, o)
		}
	}
}
