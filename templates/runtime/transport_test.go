package runtime

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/iotest"
	"time"
)

// hostMap is an http.Client whose transport dials every host name in
// hosts at the given test server address, so that tests can use separate
// host names (graph.test, evil.test, sub.graph.test) on one machine.
func hostMap(hosts map[string]string) *http.Client {
	tr := &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			if to, ok := hosts[addr]; ok {
				addr = to
			}
			return (&net.Dialer{}).DialContext(ctx, network, addr)
		},
	}
	return &http.Client{Transport: tr}
}

// seenAuth records the Authorization header each host name received.
type seenAuth struct {
	mu   sync.Mutex
	auth map[string][]string
}

func (s *seenAuth) handler(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		if s.auth == nil {
			s.auth = map[string][]string{}
		}
		s.auth[r.Host] = append(s.auth[r.Host], r.Header.Get("Authorization"))
		s.mu.Unlock()
		next(w, r)
	}
}

func (s *seenAuth) of(host string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.auth[host]
}

// TestTokenScope: the token goes to the base URL's exact origin only: not
// after a redirect to another host, a subdomain, another port; a redirect
// from https to http is refused.
func TestTokenScope(t *testing.T) {
	var seen seenAuth
	var other *httptest.Server
	other = httptest.NewServer(seen.handler(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"value":"elsewhere"}`)
	}))
	defer other.Close()
	otherAddr := other.Listener.Addr().String()
	_, otherPort, _ := net.SplitHostPort(otherAddr)
	srv := httptest.NewServer(seen.handler(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v1.0/to-evil":
			http.Redirect(w, r, "http://evil.test:"+otherPort+"/x", http.StatusFound)
		case "/v1.0/to-sub":
			http.Redirect(w, r, "http://sub.graph.test:"+otherPort+"/x", http.StatusTemporaryRedirect)
		case "/v1.0/to-port":
			http.Redirect(w, r, "http://graph.test:"+otherPort+"/x", http.StatusFound)
		case "/v1.0/to-self":
			http.Redirect(w, r, "/v1.0/here", http.StatusFound)
		default:
			io.WriteString(w, `{"value":"here"}`)
		}
	}))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	hc := hostMap(map[string]string{
		"graph.test:" + port:          srv.Listener.Addr().String(),
		"graph.test:" + otherPort:     otherAddr,
		"evil.test:" + otherPort:      otherAddr,
		"sub.graph.test:" + otherPort: otherAddr,
	})
	c := New(WithBaseURL("http://graph.test:"+port+"/v1.0"), WithHTTPClient(hc), WithTokenSource(StaticToken("secret")), WithRetry(nil))
	for _, p := range []string{"/to-evil", "/to-sub", "/to-port", "/to-self"} {
		var out struct{ Value string }
		if _, err := c.do(context.Background(), &request{method: "GET", path: p}, &out); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
	}
	for _, h := range []string{"evil.test:" + otherPort, "sub.graph.test:" + otherPort, "graph.test:" + otherPort} {
		got := seen.of(h)
		if len(got) != 1 || got[0] != "" {
			t.Errorf("%s got Authorization %q, want one request without it", h, got)
		}
	}
	for _, a := range seen.of("graph.test:" + port) {
		if a != "Bearer secret" {
			t.Errorf("the base host got Authorization %q", a)
		}
	}
	if n := len(seen.of("graph.test:" + port)); n != 5 {
		t.Errorf("the base host got %d requests, want 5", n)
	}

	// https to http
	tls := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/downgraded", http.StatusTemporaryRedirect)
	}))
	defer tls.Close()
	c = New(WithBaseURL(tls.URL), WithHTTPClient(tls.Client()), WithTokenSource(StaticToken("secret")), WithRetry(nil))
	_, err := c.do(context.Background(), &request{method: "POST", path: "/x", body: map[string]string{"a": "b"}}, nil)
	if err == nil || !strings.Contains(err.Error(), "redirect from https to") {
		t.Errorf("https to http redirect: err = %v", err)
	}
	if got := seen.of(strings.TrimPrefix(other.URL, "http://")); len(got) != 0 {
		t.Errorf("the http server got %d requests after the refused downgrade", len(got))
	}
}

// TestSameOrigin: scheme, host and port must match, default ports count,
// userinfo never does.
func TestSameOrigin(t *testing.T) {
	base, _ := url.Parse("https://graph.microsoft.com/v1.0")
	for link, want := range map[string]bool{
		"https://graph.microsoft.com/v1.0/me?$skiptoken=x": true,
		"https://GRAPH.microsoft.com:443/v1.0/me":          true,
		"http://graph.microsoft.com/v1.0/me":               false,
		"https://graph.microsoft.com:8443/v1.0/me":         false,
		"https://sub.graph.microsoft.com/v1.0/me":          false,
		"https://graph@graph.microsoft.com/v1.0/me":        false,
		"https://evil.example/v1.0/me":                     false,
	} {
		u, err := url.Parse(link)
		if err != nil {
			t.Fatal(err)
		}
		if got := sameOrigin(base, u); got != want {
			t.Errorf("sameOrigin(%s) = %v, want %v", link, got, want)
		}
	}
}

// TestNextLinkOrigin: a nextLink off the base origin, or with userinfo,
// is an error naming the link and fetches nothing.
func TestNextLinkOrigin(t *testing.T) {
	calls := 0
	c, srv := runtimeServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		io.WriteString(w, `{"value":[]}`)
	}))
	u, _ := url.Parse(srv.URL)
	for _, link := range []string{
		"http://evil.test/v1.0/me/events?$skiptoken=1",
		"http://user@" + u.Host + "/me/events",
		"http://user:pw@" + u.Host + "/me/events",
	} {
		_, err := NextPage[struct{}](context.Background(), c, link)
		if err == nil || !strings.Contains(err.Error(), "not on the base URL's origin") {
			t.Errorf("NextPage(%s): err = %v", link, err)
		}
		if err != nil && strings.Contains(err.Error(), "pw") {
			t.Errorf("the error shows the password: %v", err)
		}
	}
	if calls != 0 {
		t.Errorf("%d requests sent", calls)
	}
	if _, err := NextPage[struct{}](context.Background(), c, srv.URL+"/me/events?$skiptoken=2"); err != nil || calls != 1 {
		t.Errorf("a link on the origin: err = %v, %d calls", err, calls)
	}
}

// retryServer answers with statuses in turn (the last one from then on),
// recording the bodies and Retry-Attempt headers it got.
type retryServer struct {
	mu       sync.Mutex
	statuses []int
	header   http.Header
	bodies   []string
	attempts []string
}

func (s *retryServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	n := len(s.bodies)
	s.bodies = append(s.bodies, string(b))
	s.attempts = append(s.attempts, r.Header.Get("Retry-Attempt"))
	st := s.statuses[min(n, len(s.statuses)-1)]
	s.mu.Unlock()
	for k, vs := range s.header {
		w.Header()[k] = vs
	}
	if st >= 400 {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(st)
		io.WriteString(w, `{"error":{"code":"busy","message":"try later"}}`)
		return
	}
	io.WriteString(w, `{"value":"ok"}`)
}

// recordSleep replaces c's sleep by one that records the waits.
func recordSleep(c *Client) *[]time.Duration {
	var waits []time.Duration
	c.sleep = func(ctx context.Context, d time.Duration) error {
		waits = append(waits, d)
		return ctx.Err()
	}
	return &waits
}

func TestRetry(t *testing.T) {
	policy := &RetryPolicy{MaxAttempts: 4, BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second, MaxTotalWait: time.Minute}
	body := map[string]string{"subject": strings.Repeat("x", 1000)}
	cases := []struct {
		name     string
		method   string
		statuses []int
		header   http.Header
		policy   *RetryPolicy
		opts     []RequestOption
		attempts int
		ok       bool
		minWait  time.Duration
	}{
		{name: "429 Retry-After seconds, POST", method: "POST", statuses: []int{429, 200}, header: http.Header{"Retry-After": {"7"}}, policy: policy, attempts: 2, ok: true, minWait: 7 * time.Second},
		{name: "503 Retry-After date", method: "PATCH", statuses: []int{503, 503, 200}, header: http.Header{"Retry-After": {time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)}}, policy: &RetryPolicy{MaxAttempts: 4, MaxTotalWait: 3 * time.Hour}, attempts: 3, ok: true, minWait: 50 * time.Minute},
		{name: "504 GET backoff", method: "GET", statuses: []int{504, 504, 200}, policy: policy, attempts: 3, ok: true, minWait: 50 * time.Millisecond},
		{name: "504 POST not retried", method: "POST", statuses: []int{504, 200}, policy: policy, attempts: 1},
		{name: "500 not retried", method: "GET", statuses: []int{500, 200}, policy: policy, attempts: 1},
		{name: "max attempts", method: "GET", statuses: []int{503}, policy: policy, attempts: 4},
		{name: "max total wait", method: "GET", statuses: []int{429}, header: http.Header{"Retry-After": {"40"}}, policy: policy, attempts: 2},
		{name: "off", method: "GET", statuses: []int{429, 200}, policy: nil, attempts: 1},
		{name: "per call off", method: "GET", statuses: []int{429, 200}, policy: policy, opts: []RequestOption{WithCallRetry(nil)}, attempts: 1},
		{name: "per call on", method: "GET", statuses: []int{429, 200}, policy: nil, opts: []RequestOption{WithCallRetry(policy)}, attempts: 2, ok: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := &retryServer{statuses: tc.statuses, header: tc.header}
			c, _ := runtimeServer(t, s, WithRetry(tc.policy))
			waits := recordSleep(c)
			r := &request{method: tc.method, path: "/x", opts: tc.opts}
			if tc.method != "GET" {
				r.body = body
			}
			var out struct{ Value string }
			_, err := c.do(context.Background(), r, &out)
			if tc.ok != (err == nil) {
				t.Fatalf("err = %v", err)
			}
			var e *Error
			if err != nil && !errors.As(err, &e) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if len(s.bodies) != tc.attempts {
				t.Fatalf("%d attempts, want %d", len(s.bodies), tc.attempts)
			}
			for i, b := range s.bodies {
				if b != s.bodies[0] {
					t.Errorf("attempt %d body %d bytes, first %d", i+1, len(b), len(s.bodies[0]))
				}
				want := ""
				if i > 0 {
					want = string(rune('0' + i))
				}
				if s.attempts[i] != want {
					t.Errorf("attempt %d: Retry-Attempt %q, want %q", i+1, s.attempts[i], want)
				}
			}
			if tc.method != "GET" && !strings.Contains(s.bodies[0], `"subject"`) {
				t.Errorf("body %q", s.bodies[0])
			}
			if len(*waits) != len(s.bodies)-1 {
				t.Errorf("waits %v for %d attempts", *waits, len(s.bodies))
			}
			for _, w := range *waits {
				if w < tc.minWait {
					t.Errorf("waited %v, want at least %v", w, tc.minWait)
				}
				if tc.policy != nil && tc.policy.MaxDelay > 0 && tc.header == nil && w > tc.policy.MaxDelay {
					t.Errorf("waited %v, more than MaxDelay", w)
				}
			}
		})
	}
}

// TestRetryUnreplayableBody: a reader body that cannot be rewound is sent
// once; a seekable one is sent complete every time.
func TestRetryReaderBody(t *testing.T) {
	policy := &RetryPolicy{MaxAttempts: 3, MaxTotalWait: time.Minute}
	s := &retryServer{statuses: []int{503, 200}}
	c, _ := runtimeServer(t, s, WithRetry(policy))
	recordSleep(c)
	if _, err := c.do(context.Background(), &request{method: "PUT", path: "/x", rawBody: io.MultiReader(strings.NewReader("abc"))}, nil); err == nil {
		t.Error("unreplayable body: no error")
	}
	if len(s.bodies) != 1 {
		t.Errorf("unreplayable body sent %d times", len(s.bodies))
	}
	s = &retryServer{statuses: []int{503, 200}}
	c, _ = runtimeServer(t, s, WithRetry(policy))
	recordSleep(c)
	if _, err := c.do(context.Background(), &request{method: "PUT", path: "/x", rawBody: bytes.NewReader([]byte("abcdef"))}, nil); err != nil {
		t.Fatal(err)
	}
	if len(s.bodies) != 2 || s.bodies[1] != "abcdef" {
		t.Errorf("bodies %q", s.bodies)
	}
}

// TestRetryContext: a cancelled context ends the wait.
func TestRetryContext(t *testing.T) {
	s := &retryServer{statuses: []int{429}, header: http.Header{"Retry-After": {"30"}}}
	c, _ := runtimeServer(t, s, WithRetry(DefaultRetryPolicy()))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.do(ctx, &request{method: "GET", path: "/x"}, nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v", err)
	}
	if time.Since(start) > 20*time.Second {
		t.Error("the wait was not cut short")
	}
}

// TestLimits: a JSON body over the limit is an error naming it, also when
// gzip-compressed; an error body is kept to maxErrorBody; a hanging server
// is cut off by the attempt timeout.
func TestLimits(t *testing.T) {
	big := `{"value":"` + strings.Repeat("a", 5000) + `"}`
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/big":
			io.WriteString(w, big)
		case "/gzip":
			w.Header().Set("Content-Encoding", "gzip")
			zw := gzip.NewWriter(w)
			zw.Write([]byte(big))
			zw.Close()
		case "/error":
			w.WriteHeader(400)
			io.WriteString(w, strings.Repeat("e", 2*maxErrorBody))
		case "/hang":
			select {
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
		}
	})
	c, _ := runtimeServer(t, h, WithMaxResponseSize(1000))
	for _, p := range []string{"/big", "/gzip"} {
		var out struct{ Value string }
		_, err := c.do(context.Background(), &request{method: "GET", path: p}, &out)
		if err == nil || !strings.Contains(err.Error(), "limit of 1000 bytes") {
			t.Errorf("%s: err = %v", p, err)
		}
	}
	_, err := c.do(context.Background(), &request{method: "GET", path: "/error"}, nil)
	var e *Error
	if !errors.As(err, &e) || len(e.Body) != maxErrorBody {
		t.Errorf("error body: %v", err)
	}
	c, _ = runtimeServer(t, h, WithAttemptTimeout(100*time.Millisecond))
	_, err = c.do(context.Background(), &request{method: "GET", path: "/hang"}, nil)
	if err == nil || !strings.Contains(err.Error(), "attempt timeout") {
		t.Errorf("hang: err = %v", err)
	}
	// A context that ends after the attempt timeout: the attempt timeout
	// still ends the attempt; one that ends before it ends the call.
	later, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err = c.do(later, &request{method: "GET", path: "/hang"}, nil)
	if err == nil || !strings.Contains(err.Error(), "attempt timeout") || errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("hang, later deadline: err = %v", err)
	}
	sooner, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err = c.do(sooner, &request{method: "GET", path: "/hang"}, nil)
	if !errors.Is(err, context.DeadlineExceeded) || strings.Contains(err.Error(), "attempt timeout") {
		t.Errorf("hang, sooner deadline: err = %v", err)
	}
}

// TestRequestOptions: extra headers and query parameters, the raw
// response, and a middleware that sees every attempt.
func TestRequestOptions(t *testing.T) {
	c, _ := runtimeServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Got", r.Header.Get("X-Extra")+"|"+r.URL.RawQuery)
		io.WriteString(w, `{}`)
	}), WithMiddleware(func(req *http.Request, next func(*http.Request) (*http.Response, error)) (*http.Response, error) {
		req.Header.Set("X-Extra", req.Header.Get("X-Extra")+"+mw")
		return next(req)
	}))
	var resp *http.Response
	_, err := c.do(context.Background(), &request{method: "GET", path: "/x", query: url.Values{"$top": {"5"}},
		opts: []RequestOption{WithHeader("X-Extra", "one"), WithQuery("$filter", "a eq 'b'"), WithResponse(&resp)}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp == nil {
		t.Fatal("WithResponse stored nothing")
	}
	if got, want := resp.Header.Get("X-Got"), "one+mw|$filter=a%20eq%20%27b%27&$top=5"; got != want {
		t.Errorf("server saw %q, want %q", got, want)
	}
}

// TestReadLimited: the body whole up to the limit, its first limit bytes
// and errTooLarge past it, whatever length the response announces and
// however the reader splits it.
func TestReadLimited(t *testing.T) {
	const limit = 10
	for _, tc := range []struct {
		name    string
		body    string
		size    int64 // announced; -1 unknown
		limit   int64
		want    string
		tooBig  bool
		oneByte bool
	}{
		{name: "empty", body: "", size: 0, limit: limit, want: ""},
		{name: "announced", body: "abc", size: 3, limit: limit, want: "abc"},
		{name: "unknown", body: "abc", size: -1, limit: limit, want: "abc"},
		{name: "announced too short", body: "abcdef", size: 2, limit: limit, want: "abcdef"},
		{name: "announced too long", body: "ab", size: 9, limit: limit, want: "ab"},
		{name: "at the limit", body: "0123456789", size: 10, limit: limit, want: "0123456789"},
		{name: "one over", body: "0123456789x", size: 11, limit: limit, want: "0123456789", tooBig: true},
		{name: "over, unannounced", body: strings.Repeat("z", 2000), size: -1, limit: limit, want: "zzzzzzzzzz", tooBig: true},
		{name: "over, byte by byte", body: "0123456789xyz", size: -1, limit: limit, want: "0123456789", tooBig: true, oneByte: true},
		{name: "byte by byte", body: "0123456789", size: 10, limit: limit, want: "0123456789", oneByte: true},
		{name: "beyond the buffer", body: strings.Repeat("y", 5000), size: -1, limit: 1 << 20, want: strings.Repeat("y", 5000)},
		{name: "no limit", body: "abc", size: 3, limit: math.MaxInt64, want: "abc"},
	} {
		var r io.Reader = strings.NewReader(tc.body)
		if tc.oneByte {
			r = iotest.OneByteReader(r)
		}
		got, err := readLimited(r, tc.limit, tc.size)
		if string(got) != tc.want || errors.Is(err, errTooLarge) != tc.tooBig || (err != nil && !tc.tooBig) {
			t.Errorf("%s: got %q, %v; want %q, too large %v", tc.name, got, err, tc.want, tc.tooBig)
		}
	}
	failing := errors.New("reset")
	got, err := readLimited(io.MultiReader(strings.NewReader("ab"), iotest.ErrReader(failing)), limit, -1)
	if string(got) != "ab" || !errors.Is(err, failing) {
		t.Errorf("failing reader: got %q, %v", got, err)
	}
}

// TestRequestHeaderValues: the default headers of a request (which share
// one array) can each be added to and changed without touching the
// others, and the Authorization value follows the token as it changes.
func TestRequestHeaderValues(t *testing.T) {
	var mu sync.Mutex
	var seen []http.Header
	tokens := []string{"a", "a", "b", "a"}
	n := 0
	c, _ := runtimeServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Header.Clone())
		mu.Unlock()
		io.WriteString(w, `{}`)
	}), WithUserAgent("ua"), WithTokenSource(TokenFunc(func(context.Context) (string, error) {
		n++
		return tokens[(n-1)%len(tokens)], nil
	})), WithMiddleware(func(req *http.Request, next func(*http.Request) (*http.Response, error)) (*http.Response, error) {
		req.Header.Add("Accept", "text/plain")
		req.Header["Content-Type"][0] = "application/merge-patch+json"
		return next(req)
	}))
	for range tokens {
		_, err := c.do(context.Background(), &request{method: "PATCH", path: "/x", body: map[string]int{"a": 1}}, nil)
		if err != nil {
			t.Fatal(err)
		}
	}
	for i, h := range seen {
		if got := h.Values("Accept"); !slices.Equal(got, []string{"application/json", "text/plain"}) {
			t.Errorf("%d: Accept %q", i, got)
		}
		if got := h.Values("Content-Type"); !slices.Equal(got, []string{"application/merge-patch+json"}) {
			t.Errorf("%d: Content-Type %q", i, got)
		}
		if got := h.Values("User-Agent"); !slices.Equal(got, []string{"ua"}) {
			t.Errorf("%d: User-Agent %q", i, got)
		}
		if got, want := h.Get("Authorization"), "Bearer "+tokens[i]; got != want {
			t.Errorf("%d: Authorization %q, want %q", i, got, want)
		}
	}
	if len(seen) != len(tokens) {
		t.Errorf("%d requests, want %d", len(seen), len(tokens))
	}
}
