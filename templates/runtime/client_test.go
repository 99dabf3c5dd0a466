package runtime

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// runtimeSeen is what a test server saw of a request.
type runtimeSeen struct {
	method, path, rawQuery, body string
	header                       http.Header
}

// runtimeRecord returns a handler that sends what it sees to seen and
// answers with status, contentType (when not empty) and body.
func runtimeRecord(seen chan<- runtimeSeen, status int, contentType, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		seen <- runtimeSeen{
			body:     string(b),
			header:   r.Header.Clone(),
			method:   r.Method,
			path:     r.URL.EscapedPath(),
			rawQuery: r.URL.RawQuery,
		}
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.WriteHeader(status)
		io.WriteString(w, body)
	}
}

// runtimeServer starts a test server with h and returns a Client for it
// configured by opts as well; retries are off unless opts turn them on.
func runtimeServer(t *testing.T, h http.Handler, opts ...Option) (*Client, *httptest.Server) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	opts = append([]Option{WithBaseURL(srv.URL + "/"), WithHTTPClient(srv.Client()), WithRetry(nil)}, opts...)
	return New(opts...), srv
}

// TestRuntimeOptional checks that an Optional round-trips absent, null and
// a value, and that omitzero leaves out only the absent.
func TestRuntimeOptional(t *testing.T) {
	type item struct {
		Name Optional[string]   `json:"name,omitzero"`
		Size Optional[int]      `json:"size,omitzero"`
		Tags Optional[[]string] `json:"tags,omitzero"`
	}
	var got []byte
	var err error
	got, err = json.Marshal(item{
		Name: Some("a"),
		Size: Null[int](),
	})
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != "{\"name\":\"a\",\"size\":null}" {
		t.Errorf("Marshal = %s, want %s", string(got), "{\"name\":\"a\",\"size\":null}")
	}
	got, err = json.Marshal(item{})
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != "{}" {
		t.Errorf("Marshal = %s, want %s", string(got), "{}")
	}
	got, err = json.Marshal(item{Tags: Some([]string{})})
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != "{\"tags\":[]}" {
		t.Errorf("Marshal = %s, want %s", string(got), "{\"tags\":[]}")
	}
	var back item
	if err := json.Unmarshal([]byte("{\"name\":\"b\",\"size\":null}"), &back); err != nil {
		t.Fatal(err)
	}
	if v, ok := back.Name.Get(); !ok || v != "b" || !back.Name.IsSet() || back.Name.IsNull() {
		t.Errorf("Name = %+v, want the value \"b\"", back.Name)
	}
	if _, ok := back.Size.Get(); ok || !back.Size.IsSet() || !back.Size.IsNull() || back.Size.IsZero() {
		t.Errorf("Size = %+v, want null", back.Size)
	}
	if back.Tags.IsSet() || back.Tags.IsNull() || !back.Tags.IsZero() {
		t.Errorf("Tags = %+v, want absent", back.Tags)
	}
	if err := json.Unmarshal([]byte("{\"size\":\"x\"}"), &back); err == nil {
		t.Error("Unmarshal of a string into Optional[int] succeeded")
	}
	// Date-times: RFC 3339, and Graph's zone-less form, read as UTC.
	for in, want := range map[string]string{
		"\"2017-04-15T12:00:00.0000000\"": "2017-04-15T12:00:00Z",
		"\"2017-04-15T12:00:00.5-07:00\"": "2017-04-15T19:00:00.5Z",
		"\"2017-04-15T12:00:00Z\"":        "2017-04-15T12:00:00Z",
		"\"2019-03-19T22:37:14.628799\"":  "2019-03-19T22:37:14.628799Z",
	} {
		var at Optional[time.Time]
		if err := at.UnmarshalJSON([]byte(in)); err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		if v, _ := at.Get(); v.UTC().Format(time.RFC3339Nano) != want {
			t.Errorf("%s: got %s, want %s", in, v.UTC().Format(time.RFC3339Nano), want)
		}
	}
	var bad Optional[time.Time]
	if bad.UnmarshalJSON([]byte("\"next Tuesday\"")) == nil {
		t.Error("a date-time that is not one was accepted")
	}
}

// TestRuntimeDate checks parsing and printing of Date.
func TestRuntimeDate(t *testing.T) {
	var d Date
	if err := d.UnmarshalText([]byte("2024-02-29")); err != nil {
		t.Fatal(err)
	}
	if d != (Date{
		Day:   29,
		Month: time.February,
		Year:  2024,
	}) {
		t.Errorf("Date = %+v, want %+v", d, (Date{
			Day:   29,
			Month: time.February,
			Year:  2024,
		}))
	}
	if d.String() != "2024-02-29" {
		t.Errorf("String = %q, want %q", d.String(), "2024-02-29")
	}
	got, err := json.Marshal(map[string]Date{"d": {
		Day:   5,
		Month: time.March,
		Year:  7,
	}})
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != "{\"d\":\"0007-03-05\"}" {
		t.Errorf("Marshal = %s, want %s", string(got), "{\"d\":\"0007-03-05\"}")
	}
	var v struct {
		D Date `json:"d"`
	}
	if err := json.Unmarshal([]byte("{\"d\":\"2021-07-01\"}"), &v); err != nil {
		t.Fatal(err)
	}
	if v.D != DateOf(time.Date(2021, time.July, 1, 23, 59, 0, 0, time.UTC)) {
		t.Errorf("Unmarshal = %v, want %v", v.D, DateOf(time.Date(2021, time.July, 1, 23, 59, 0, 0, time.UTC)))
	}
	for _, bad := range []string{"2023-02-29", "2024-2-1", "2024-02-29T00:00:00Z", ""} {
		if err := d.UnmarshalText([]byte(bad)); err == nil {
			t.Errorf("UnmarshalText(%q) succeeded, want an error", bad)
		}
	}
}

// TestRuntimeTimeOfDay checks that TimeOfDay reads Graph's seven-digit
// fraction, or none, and writes seven digits.
func TestRuntimeTimeOfDay(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want TimeOfDay
		out  string
	}{
		{"08:00:00.0000000", TimeOfDay{8, 0, 0, 0}, "08:00:00.0000000"},
		{"13:45:30", TimeOfDay{13, 45, 30, 0}, "13:45:30.0000000"},
		{"13:45:30.5", TimeOfDay{13, 45, 30, 500000000}, "13:45:30.5000000"},
		{"23:59:59.9999999", TimeOfDay{23, 59, 59, 999999900}, "23:59:59.9999999"},
	} {
		var got TimeOfDay
		if err := got.UnmarshalText([]byte(tc.in)); err != nil {
			t.Errorf("UnmarshalText(%q): %v", tc.in, err)
			continue
		}
		if got != tc.want {
			t.Errorf("UnmarshalText(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
		if s := got.String(); s != tc.out {
			t.Errorf("String() = %q, want %q", s, tc.out)
		}
	}
	for _, bad := range []string{"24:00:00", "12:60:00", "8h", ""} {
		var got TimeOfDay
		if err := got.UnmarshalText([]byte(bad)); err == nil {
			t.Errorf("UnmarshalText(%q) succeeded, want an error", bad)
		}
	}
}

// TestRuntimeDurationStd checks Duration.Std on valid and invalid ISO 8601
// durations, up to the limits of time.Duration.
func TestRuntimeDurationStd(t *testing.T) {
	for _, tc := range []struct {
		in   Duration
		want time.Duration
	}{
		{"PT1H30M", 90 * time.Minute},
		{"P1DT2H", 26 * time.Hour},
		{"PT0.5S", 500 * time.Millisecond},
		{"PT0,25S", 250 * time.Millisecond},
		{"-PT15M", -15 * time.Minute},
		{"+PT1S", time.Second},
		{"P2W", 14 * 24 * time.Hour},
		{"PT1.5H", 90 * time.Minute},
		{"P0D", 0},
		{"PT0S", 0},
		{"PT1M30.000000001S", 90*time.Second + 1},
		{"PT2562047H47M16.854775807S", math.MaxInt64},
		{"-PT2562047H47M16.854775808S", math.MinInt64},
	} {
		got, err := tc.in.Std()
		if err != nil || got != tc.want {
			t.Errorf("Duration(%q).Std() = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []Duration{
		"",
		"P",
		"PT",
		"1H",
		"P1Y",
		"P1M",
		"P1H",
		"P1DT",
		"PT1H1H",
		"PT1S1M",
		"P1D2W",
		"PT.5S",
		"PT1..5S",
		"PTXS",
		"PT1",
		"PT2562048H",
		"PT9223372036854775808S",
		"-PT2562047H47M16.854775809S",
	} {
		if got, err := in.Std(); err == nil {
			t.Errorf("Duration(%q).Std() = %v, want an error", in, got)
		} else if !strings.HasPrefix(err.Error(), "graph: invalid duration") {
			t.Errorf("Duration(%q).Std() error %q lacks its context", in, err)
		}
	}
}

// TestRuntimeDurationOf checks DurationOf, and that Std reverses it.
func TestRuntimeDurationOf(t *testing.T) {
	for _, tc := range []struct {
		in   time.Duration
		want Duration
	}{
		{0, "PT0S"},
		{90 * time.Minute, "PT1H30M"},
		{24 * time.Hour, "P1D"},
		{26 * time.Hour, "P1DT2H"},
		{61 * time.Second, "PT1M1S"},
		{-1500 * time.Millisecond, "-PT1.5S"},
		{time.Nanosecond, "PT0.000000001S"},
		{math.MinInt64, "-P106751DT23H47M16.854775808S"},
	} {
		if got := DurationOf(tc.in); got != tc.want {
			t.Errorf("DurationOf(%v) = %q, want %q", tc.in, got, tc.want)
		}
		if back, err := DurationOf(tc.in).Std(); err != nil || back != tc.in {
			t.Errorf("DurationOf(%v).Std() = %v, %v", tc.in, back, err)
		}
	}
}

// TestRuntimePathEscape checks that hostile IDs stay one path segment, both
// as escaped and as a server receives them.
func TestRuntimePathEscape(t *testing.T) {
	seen := make(chan runtimeSeen, 1)
	c, _ := runtimeServer(t, runtimeRecord(seen, http.StatusNoContent, "", ""))
	for _, tc := range []struct {
		id, want string
	}{
		{"abc", "abc"},
		{".", "%2E"},
		{"..", "%2E%2E"},
		{"...", "..."},
		{"a/b?c#d%e", "a%2Fb%3Fc%23d%25e"},
		{"user@contoso.com", "user@contoso.com"},
		{"AAMk+AD==", "AAMk+AD=="},
		{"a b;c,d", "a%20b%3Bc%2Cd"},
		{"../../admin", "..%2F..%2Fadmin"},
	} {
		got := pathEscape(tc.id)
		if got != tc.want {
			t.Errorf("pathEscape(%q) = %q, want %q", tc.id, got, tc.want)
		}
		if _, err := c.do(context.Background(), &request{
			method: http.MethodGet,
			path:   "/users/" + got + "/events",
		}, nil); err != nil {
			t.Fatal(err)
		}
		s := <-seen
		segs := strings.Split(s.path, "/")
		if len(segs) != 4 || segs[1] != "users" || segs[3] != "events" {
			t.Errorf("id %q: server saw path %q", tc.id, s.path)
			continue
		}
		if back, err := url.PathUnescape(segs[2]); err != nil || back != tc.id {
			t.Errorf("id %q: server saw segment %q", tc.id, segs[2])
		}
	}
	_, err := c.do(context.Background(), &request{
		method: http.MethodGet,
		path:   "/users/" + pathEscape("") + "/events",
	}, nil)
	if err == nil || !strings.Contains(err.Error(), "empty path segment") {
		t.Errorf("empty ID: err = %v, want an empty path segment error", err)
	}
}

// TestRuntimeError checks that error responses become *Error: the OData
// body, the header fallbacks, Retry-After and the message.
func TestRuntimeError(t *testing.T) {
	const odata = "{\"error\":{\"code\":\"ErrorItemNotFound\",\"message\":\"Item not found.\",\"innerError\":{\"date\":\"2021-07-01T00:00:00\",\"request-id\":\"body-id\",\"client-request-id\":\"client-id\"}}}"
	c, _ := runtimeServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		switch r.URL.Path {
		case "/odata":
			h.Set("request-id", "header-id")
			h.Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, odata)
		case "/plain":
			h.Set("request-id", "h-1")
			w.WriteHeader(http.StatusBadGateway)
			io.WriteString(w, "upstream\n  down")
		case "/throttled":
			h.Set("Retry-After", "7")
			w.WriteHeader(http.StatusTooManyRequests)
			io.WriteString(w, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Slow down.\"}}")
		}
	}))
	_, err := c.do(context.Background(), &request{
		method: http.MethodGet,
		path:   "/odata",
	}, nil)
	var ge *Error
	if !errors.As(err, &ge) {
		t.Fatalf("err = %v, want *Error", err)
	}
	if ge.StatusCode != 404 {
		t.Errorf("StatusCode = %d, want %d", ge.StatusCode, 404)
	}
	if ge.Code != "ErrorItemNotFound" {
		t.Errorf("Code = %q, want %q", ge.Code, "ErrorItemNotFound")
	}
	if ge.Message != "Item not found." {
		t.Errorf("Message = %q, want %q", ge.Message, "Item not found.")
	}
	if ge.RequestID != "body-id" {
		t.Errorf("RequestID = %q, want %q", ge.RequestID, "body-id")
	}
	if ge.ClientRequestID != "client-id" {
		t.Errorf("ClientRequestID = %q, want %q", ge.ClientRequestID, "client-id")
	}
	if ge.Date != "2021-07-01T00:00:00" {
		t.Errorf("Date = %q, want %q", ge.Date, "2021-07-01T00:00:00")
	}
	if string(ge.Body) != odata {
		t.Errorf("Body = %q, want %q", string(ge.Body), odata)
	}
	if err.Error() != "graph: 404 ErrorItemNotFound: Item not found. (request-id body-id)" {
		t.Errorf("Error() = %q, want %q", err.Error(), "graph: 404 ErrorItemNotFound: Item not found. (request-id body-id)")
	}
	_, _, err = c.doStream(context.Background(), &request{
		method: http.MethodGet,
		path:   "/odata",
	})
	if !errors.As(err, &ge) || ge.Code != "ErrorItemNotFound" {
		t.Errorf("doStream: err = %v, want the OData *Error", err)
	}
	_, err = c.do(context.Background(), &request{
		method: http.MethodGet,
		path:   "/plain",
	}, nil)
	if !errors.As(err, &ge) {
		t.Fatalf("err = %v, want *Error", err)
	}
	if ge.Code != "" {
		t.Errorf("Code = %q, want %q", ge.Code, "")
	}
	if ge.RequestID != "h-1" {
		t.Errorf("RequestID = %q, want %q", ge.RequestID, "h-1")
	}
	if ge.Date == "" {
		t.Error("Date is empty, want the Date header")
	}
	if err.Error() != "graph: 502 Bad Gateway: upstream down (request-id h-1)" {
		t.Errorf("Error() = %q, want %q", err.Error(), "graph: 502 Bad Gateway: upstream down (request-id h-1)")
	}
	_, err = c.do(context.Background(), &request{
		method: http.MethodGet,
		path:   "/throttled",
	}, nil)
	if !errors.As(err, &ge) {
		t.Fatalf("err = %v, want *Error", err)
	}
	if ge.RetryAfter != 7*time.Second {
		t.Errorf("RetryAfter = %v, want %v", ge.RetryAfter, 7*time.Second)
	}
	if err.Error() != "graph: 429 TooManyRequests: Slow down." {
		t.Errorf("Error() = %q, want %q", err.Error(), "graph: 429 TooManyRequests: Slow down.")
	}
	now := time.Date(2021, time.July, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"120", 2 * time.Minute},
		{"-5", 0},
		{"soon", 0},
		{"Thu, 01 Jul 2021 12:00:30 GMT", 30 * time.Second},
		{"Thu, 01 Jul 2021 11:00:00 GMT", 0},
	} {
		if got := retryAfter(tc.in, now); got != tc.want {
			t.Errorf("retryAfter(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// TestRuntimeRequest checks what do sends: method, path, query, JSON body
// and headers, the bearer token only to the base URL's host.
func TestRuntimeRequest(t *testing.T) {
	seen := make(chan runtimeSeen, 1)
	c, _ := runtimeServer(t, runtimeRecord(seen, http.StatusCreated, "application/json", "{\"id\":\"1\"}"), WithTokenSource(StaticToken("tok")), WithUserAgent("test-agent/1"))
	var out struct {
		ID string `json:"id"`
	}
	_, err := c.do(context.Background(), &request{
		body:   map[string]any{"subject": "hi"},
		header: http.Header{"Consistencylevel": {"eventual"}},
		method: http.MethodPost,
		path:   "/me/events",
		query: url.Values{
			"$filter": {"name eq 'x y'"},
			"$select": {"a,b"},
		},
	}, &out, http.StatusCreated)
	if err != nil {
		t.Fatal(err)
	}
	s := <-seen
	if s.method != "POST" {
		t.Errorf("method = %q, want %q", s.method, "POST")
	}
	if s.path != "/me/events" {
		t.Errorf("path = %q, want %q", s.path, "/me/events")
	}
	if s.rawQuery != "$filter=name%20eq%20%27x%20y%27&$select=a%2Cb" {
		t.Errorf("query = %q, want %q", s.rawQuery, "$filter=name%20eq%20%27x%20y%27&$select=a%2Cb")
	}
	if s.body != "{\"subject\":\"hi\"}" {
		t.Errorf("body = %q, want %q", s.body, "{\"subject\":\"hi\"}")
	}
	if s.header.Get("Authorization") != "Bearer tok" {
		t.Errorf("Authorization = %q, want %q", s.header.Get("Authorization"), "Bearer tok")
	}
	if s.header.Get("User-Agent") != "test-agent/1" {
		t.Errorf("User-Agent = %q, want %q", s.header.Get("User-Agent"), "test-agent/1")
	}
	if s.header.Get("Accept") != "application/json" {
		t.Errorf("Accept = %q, want %q", s.header.Get("Accept"), "application/json")
	}
	if s.header.Get("Content-Type") != "application/json" {
		t.Errorf("Content-Type = %q, want %q", s.header.Get("Content-Type"), "application/json")
	}
	if s.header.Get("ConsistencyLevel") != "eventual" {
		t.Errorf("ConsistencyLevel = %q, want %q", s.header.Get("ConsistencyLevel"), "eventual")
	}
	if out.ID != "1" {
		t.Errorf("out.ID = %q, want %q", out.ID, "1")
	}
	// Without a token source: no Authorization, the default User-Agent.
	anon, _ := runtimeServer(t, runtimeRecord(seen, http.StatusOK, "", ""))
	if _, err := anon.do(context.Background(), &request{
		method: http.MethodGet,
		path:   "/me",
	}, nil); err != nil {
		t.Fatal(err)
	}
	s = <-seen
	if s.header.Get("Authorization") != "" {
		t.Errorf("anonymous Authorization = %q, want %q", s.header.Get("Authorization"), "")
	}
	if s.header.Get("User-Agent") != defaultUserAgent {
		t.Errorf("default User-Agent = %q, want %q", s.header.Get("User-Agent"), defaultUserAgent)
	}
	// A token error stops the request before it is sent.
	errNoToken := errors.New("no token")
	failing, _ := runtimeServer(t, http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		t.Error("request sent despite a token error")
	}), WithTokenSource(TokenFunc(func(context.Context) (string, error) {
		return "", errNoToken
	})))
	if _, err := failing.do(context.Background(), &request{
		method: http.MethodGet,
		path:   "/me",
	}, nil); !errors.Is(err, errNoToken) {
		t.Errorf("token error: err = %v, want it wrapped", err)
	}
	// An absolute URL (a nextLink) on another host gets no token.
	other := make(chan runtimeSeen, 1)
	_, otherSrv := runtimeServer(t, runtimeRecord(other, http.StatusOK, "application/json", "{\"id\":\"2\"}"))
	_, err = c.do(context.Background(), &request{
		method: http.MethodGet,
		path:   otherSrv.URL + "/next?$skiptoken=x",
		query:  url.Values{"$top": {"5"}},
	}, &out)
	if err != nil {
		t.Fatal(err)
	}
	s = <-other
	if s.header.Get("Authorization") != "" {
		t.Errorf("other host Authorization = %q, want %q", s.header.Get("Authorization"), "")
	}
	if s.rawQuery != "$skiptoken=x&$top=5" {
		t.Errorf("nextLink query = %q, want %q", s.rawQuery, "$skiptoken=x&$top=5")
	}
	if out.ID != "2" {
		t.Errorf("nextLink out.ID = %q, want %q", out.ID, "2")
	}
}

// TestRuntimeRedirect checks that a 302 is returned, not followed, when
// noRedirect is set or okStatus lists it, and that location resolves it.
func TestRuntimeRedirect(t *testing.T) {
	c, srv := runtimeServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/jobs/start":
			w.Header().Set("Location", "status/1")
			w.WriteHeader(http.StatusAccepted)
		case "/start":
			w.Header().Set("Location", "/final?x=1")
			w.WriteHeader(http.StatusFound)
		case "/final":
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, "{\"id\":\"final\"}")
		default:
			http.NotFound(w, r)
		}
	}))
	var loc *url.URL
	resp, err := c.do(context.Background(), &request{
		method:     http.MethodGet,
		noRedirect: true,
		path:       "/start",
	}, nil, http.StatusFound)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusFound {
		t.Errorf("noRedirect status = %d, want %d", resp.StatusCode, http.StatusFound)
	}
	loc, err = location(resp)
	if err != nil || loc.String() != srv.URL+"/final?x=1" {
		t.Errorf("noRedirect: location = %v, %v", loc, err)
	}
	resp, err = c.do(context.Background(), &request{
		method: http.MethodGet,
		path:   "/start",
	}, nil, http.StatusFound)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusFound {
		t.Errorf("okStatus 302 status = %d, want %d", resp.StatusCode, http.StatusFound)
	}
	loc, err = location(resp)
	if err != nil || loc.String() != srv.URL+"/final?x=1" {
		t.Errorf("okStatus 302: location = %v, %v", loc, err)
	}
	// Without either, the redirect is followed.
	var out struct {
		ID string `json:"id"`
	}
	if _, err := c.do(context.Background(), &request{
		method: http.MethodGet,
		path:   "/start",
	}, &out); err != nil {
		t.Fatal(err)
	}
	if out.ID != "final" {
		t.Errorf("followed out.ID = %q, want %q", out.ID, "final")
	}
	// noRedirect alone makes the 302 an unexpected status.
	_, err = c.do(context.Background(), &request{
		method:     http.MethodGet,
		noRedirect: true,
		path:       "/start",
	}, nil)
	var ge *Error
	if !errors.As(err, &ge) || ge.StatusCode != http.StatusFound {
		t.Errorf("noRedirect without okStatus: err = %v, want a 302 *Error", err)
	}
	// A relative Location of an accepted operation resolves against the request.
	resp, err = c.do(context.Background(), &request{
		method: http.MethodPost,
		path:   "/jobs/start",
	}, nil, http.StatusAccepted)
	if err != nil {
		t.Fatal(err)
	}
	if loc, err := location(resp); err != nil || loc.String() != srv.URL+"/jobs/status/1" {
		t.Errorf("202 location = %v, %v", loc, err)
	}
	resp, err = c.do(context.Background(), &request{
		method: http.MethodGet,
		path:   "/final",
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := location(resp); err == nil {
		t.Error("location of a response without Location succeeded")
	}
}

// TestRuntimeDecode checks decoding: an empty body, a text/plain count into
// an int, a string and bytes, JSON into a string, and a bad body.
func TestRuntimeDecode(t *testing.T) {
	c, _ := runtimeServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/empty":
			w.WriteHeader(http.StatusNoContent)
		case "/count":
			w.Header().Set("Content-Type", "text/plain")
			io.WriteString(w, "42")
		case "/quoted":
			w.Header().Set("Content-Type", "application/json; odata.metadata=minimal")
			io.WriteString(w, "\"quoted\"")
		case "/bad":
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, "{")
		}
	}))
	out := map[string]string{"kept": "yes"}
	if _, err := c.do(context.Background(), &request{
		method: http.MethodGet,
		path:   "/empty",
	}, &out); err != nil || out["kept"] != "yes" {
		t.Errorf("empty body: out = %v, err = %v", out, err)
	}
	var n int
	resp, err := c.do(context.Background(), &request{
		method: http.MethodGet,
		path:   "/count",
	}, &n)
	if err != nil || n != 42 {
		t.Errorf("count: n = %d, err = %v", n, err)
	}
	if again, _ := io.ReadAll(resp.Body); string(again) != "42" {
		t.Errorf("resp.Body reread = %q, want %q", again, "42")
	}
	var s string
	if _, err := c.do(context.Background(), &request{
		method: http.MethodGet,
		path:   "/count",
	}, &s); err != nil || s != "42" {
		t.Errorf("count as string: s = %q, err = %v", s, err)
	}
	if _, err := c.do(context.Background(), &request{
		method: http.MethodGet,
		path:   "/quoted",
	}, &s); err != nil || s != "quoted" {
		t.Errorf("JSON string: s = %q, err = %v", s, err)
	}
	var b []byte
	if _, err := c.do(context.Background(), &request{
		method: http.MethodGet,
		path:   "/quoted",
	}, &b); err != nil || string(b) != "\"quoted\"" {
		t.Errorf("bytes: b = %q, err = %v", b, err)
	}
	if _, err := c.do(context.Background(), &request{
		method: http.MethodGet,
		path:   "/bad",
	}, &out); err == nil || !strings.Contains(err.Error(), "decode GET /bad") {
		t.Errorf("bad body: err = %v, want a decode error", err)
	}
}

// TestRuntimeContext checks that do honours cancellation and deadlines.
func TestRuntimeContext(t *testing.T) {
	release := make(chan struct{})
	c, _ := runtimeServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer close(release)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.do(ctx, &request{
		method: http.MethodGet,
		path:   "/slow",
	}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: err = %v, want context.Canceled", err)
	}
	ctx, cancel = context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := c.do(ctx, &request{
		method: http.MethodGet,
		path:   "/slow",
	}, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("deadline: err = %v, want context.DeadlineExceeded", err)
	}
}

// TestRuntimeStream checks doStream downloads and raw request bodies.
func TestRuntimeStream(t *testing.T) {
	seen := make(chan runtimeSeen, 1)
	c, _ := runtimeServer(t, runtimeRecord(seen, http.StatusOK, "application/octet-stream", "bin\x00ary"), WithTokenSource(StaticToken("tok")))
	rc, resp, err := c.doStream(context.Background(), &request{
		method: http.MethodGet,
		path:   "/me/photo/$value",
	})
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(rc)
	rc.Close()
	if err != nil || string(data) != "bin\x00ary" {
		t.Errorf("stream = %q, %v", data, err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Errorf("stream status = %d, want %d", resp.StatusCode, http.StatusOK)
	}
	s := <-seen
	if s.header.Get("Accept") != "*/*" {
		t.Errorf("stream Accept = %q, want %q", s.header.Get("Accept"), "*/*")
	}
	if s.header.Get("Authorization") != "Bearer tok" {
		t.Errorf("stream Authorization = %q, want %q", s.header.Get("Authorization"), "Bearer tok")
	}
	if s.path != "/me/photo/$value" {
		t.Errorf("stream path = %q, want %q", s.path, "/me/photo/$value")
	}
	for _, tc := range []struct {
		r    *request
		want string
	}{
		{&request{
			contentType: "image/jpeg",
			method:      http.MethodPut,
			path:        "/me/photo/$value",
			rawBody:     strings.NewReader("raw"),
		}, "image/jpeg"},
		{&request{
			body:   strings.NewReader("raw"),
			method: http.MethodPut,
			path:   "/me/photo/$value",
		}, "application/octet-stream"},
	} {
		if _, err := c.do(context.Background(), tc.r, nil); err != nil {
			t.Fatal(err)
		}
		s = <-seen
		if s.body != "raw" || s.header.Get("Content-Type") != tc.want {
			t.Errorf("upload: body %q, Content-Type %q; want \"raw\", %q", s.body, s.header.Get("Content-Type"), tc.want)
		}
	}
}
