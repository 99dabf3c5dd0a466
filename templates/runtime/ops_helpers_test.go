package runtime

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// opsCase is the request a generated test expects and the response it sends.
type opsCase struct {
	method       string
	path         string      // escaped, as r.URL.EscapedPath() returns it
	query        url.Values  // expected query parameters
	header       http.Header // expected request headers
	contentType  string      // expected request Content-Type
	body         []byte      // expected JSON request body
	rawBody      string      // expected raw request body
	status       int
	location     string
	responseType string // application/json when empty
	response     string
}

// opsServe starts a server that checks the request against tc and answers
// it, and returns a Client for it. The server must be called once.
func opsServe(t *testing.T, tc opsCase) *Client {
	t.Helper()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if r.Method != tc.method {
			t.Errorf("method = %s, want %s", r.Method, tc.method)
		}
		if got := r.URL.EscapedPath(); got != tc.path {
			t.Errorf("path = %s, want %s", got, tc.path)
		}
		if got := r.Header.Get("Authorization"); got != "Bearer test-token" {
			t.Errorf("Authorization = %q", got)
		}
		for k, want := range tc.query {
			if got := r.URL.Query()[k]; !slices.Equal(got, want) {
				t.Errorf("query %s = %q, want %q", k, got, want)
			}
		}
		for k, want := range tc.header {
			if got := r.Header.Values(k); !slices.Equal(got, want) {
				t.Errorf("header %s = %q, want %q", k, got, want)
			}
		}
		if tc.contentType != "" && !strings.HasPrefix(r.Header.Get("Content-Type"), tc.contentType) {
			t.Errorf("Content-Type = %q, want %q", r.Header.Get("Content-Type"), tc.contentType)
		}
		b, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("read body: %v", err)
		}
		if tc.body != nil && !opsSameJSON(b, tc.body) {
			t.Errorf("body = %s, want %s", b, tc.body)
		}
		if tc.rawBody != "" && string(b) != tc.rawBody {
			t.Errorf("body = %q, want %q", b, tc.rawBody)
		}
		if tc.location != "" {
			w.Header().Set("Location", tc.location)
		}
		if tc.response != "" {
			ct := tc.responseType
			if ct == "" {
				ct = "application/json"
			}
			w.Header().Set("Content-Type", ct)
		}
		w.Header().Set("request-id", "header-request-id")
		w.WriteHeader(tc.status)
		io.WriteString(w, tc.response)
	}))
	t.Cleanup(func() {
		srv.Close()
		if n := calls.Load(); n != 1 {
			t.Errorf("server called %d times, want 1", n)
		}
	})
	return New(WithBaseURL(srv.URL), WithHTTPClient(srv.Client()), WithTokenSource(StaticToken("test-token")))
}

// opsSameJSON reports whether a and b are the same JSON value.
func opsSameJSON(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

// opsDecode decodes the JSON s into v.
func opsDecode(t *testing.T, s string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.Fatalf("decode %s: %v", s, err)
	}
}

// opsMarshal encodes v as JSON.
func opsMarshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	return b
}

// opsWrap puts a primitive result back in its {"value": ...} wrapper.
func opsWrap(v any) any {
	return map[string]any{"value": v}
}

// opsHasKey reports whether m has key k, or a key that differs in case
// only (encoding/json decodes such a key into the field, which encodes
// under its own spelling).
func opsHasKey(m map[string]any, k string) bool {
	if _, ok := m[k]; ok {
		return true
	}
	for n := range m {
		if strings.EqualFold(n, k) {
			return true
		}
	}
	return false
}

// opsCheckKeys checks that v, encoded again, has every non-null property
// of the JSON object want, with the same value for the stable keys.
func opsCheckKeys(t *testing.T, v any, want string, stable ...string) {
	t.Helper()
	var got, exp map[string]any
	opsDecode(t, string(opsMarshal(t, v)), &got)
	opsDecode(t, want, &exp)
	for k, x := range exp {
		if x != nil && !opsHasKey(got, k) {
			t.Errorf("property %q lost in %s", k, want)
		}
	}
	for _, k := range stable {
		if !reflect.DeepEqual(got[k], exp[k]) {
			t.Errorf("property %q = %v, want %v", k, got[k], exp[k])
		}
	}
}

// opsCheckTyped checks that the result type is the one of the docs example
// response: its keys the type has properties for (typed) are not left in
// AdditionalProperties (extra), and not all n keys of the example are.
func opsCheckTyped(t *testing.T, extra map[string]json.RawMessage, typeName string, n int, typed ...string) {
	t.Helper()
	for _, k := range typed {
		if _, untyped := extra[k]; untyped {
			t.Errorf("property %q of the docs example response is not decoded into a property of %s", k, typeName)
		}
	}
	if n > 0 && len(extra) == n {
		t.Errorf("none of the %d properties of the docs example response is a property of %s: the result type does not match the docs", n, typeName)
	}
}

// opsPage is a collection response of numbers, for TestOpsPaging.
type opsPage struct {
	Value []int  `json:"value"`
	Next  string `json:"@odata.nextLink"`
	Delta string `json:"@odata.deltaLink"`
}

// Items returns the numbers of the page.
func (p *opsPage) Items() []int {
	return p.Value
}

// NextLink returns the next page's URL, if any.
func (p *opsPage) NextLink() (string, bool) {
	return p.Next, p.Next != ""
}

// DeltaLink returns the deltaLink of the page, if any.
func (p *opsPage) DeltaLink() (string, bool) {
	return p.Delta, p.Delta != ""
}

// TestOpsPaging checks All on three pages linked by absolute next links:
// every item in order, the pages of a Pager and the final page's
// deltaLink, no request after the loop breaks, an error on page 2 yielded
// once, and a link that repeats.
func TestOpsPaging(t *testing.T) {
	pages := [][]int{{1, 2}, {3, 4}, {5}}
	// serve starts the server; page fail answers 503 (not retried: the client has WithRetry(nil)), and with loop page 2 links to itself.
	serve := func(t *testing.T, fail int, loop bool) (*Client, *atomic.Int32) {
		calls := new(atomic.Int32)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls.Add(1)
			if got := r.Header.Get("Authorization"); got != "Bearer test-token" {
				t.Errorf("Authorization = %q", got)
			}
			n, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/pages/"))
			if err != nil || n < 1 || n > len(pages) {
				t.Errorf("unexpected request %s", r.URL)
				w.WriteHeader(http.StatusNotFound)
				return
			}
			if n > 1 && r.URL.Query().Get("$skiptoken") != strconv.Itoa(n) {
				t.Errorf("page %d: query %q", n, r.URL.RawQuery)
			}
			w.Header().Set("Content-Type", "application/json")
			if n == fail {
				w.WriteHeader(http.StatusServiceUnavailable)
				io.WriteString(w, "{\"error\":{\"code\":\"serviceNotAvailable\",\"message\":\"try later\"}}")
				return
			}
			next := n + 1
			if loop && n == 2 {
				next = 2
			}
			body := map[string]any{"value": pages[n-1]}
			if n < len(pages) {
				// absolute, as Graph sends it
				body["@odata.nextLink"] = fmt.Sprintf("http://%s/pages/%d?$skiptoken=%d", r.Host, next, next)
			} else {
				body["@odata.deltaLink"] = fmt.Sprintf("http://%s/pages/1?$deltatoken=1", r.Host)
			}
			if err := json.NewEncoder(w).Encode(body); err != nil {
				t.Errorf("encode: %v", err)
			}
		}))
		t.Cleanup(srv.Close)
		return New(WithBaseURL(srv.URL), WithHTTPClient(srv.Client()), WithTokenSource(StaticToken("test-token")), WithRetry(nil)), calls
	}
	first := func(c *Client) func(context.Context) (*opsPage, error) {
		return func(ctx context.Context) (*opsPage, error) {
			return invoke[opsPage](ctx, c, &request{
				method: "GET",
				path:   "/pages/1",
			})
		}
	}
	t.Run("all", func(t *testing.T) {
		c, calls := serve(t, 0, false)
		var got []int
		for v, err := range All(context.Background(), c, first(c)) {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, v)
		}
		if want := []int{1, 2, 3, 4, 5}; !slices.Equal(got, want) {
			t.Errorf("items = %v, want %v", got, want)
		}
		if n := calls.Load(); n != 3 {
			t.Errorf("%d requests, want %d", n, 3)
		}
	})
	t.Run("pages", func(t *testing.T) {
		c, calls := serve(t, 0, false)
		p := NewPager(c, first(c))
		var got [][]int
		for page, err := range p.Pages(context.Background()) {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, page.Items())
		}
		if !slices.EqualFunc(got, pages, slices.Equal) {
			t.Errorf("pages = %v, want %v", got, pages)
		}
		if link, ok := p.DeltaLink(); !ok || !strings.HasSuffix(link, "/pages/1?$deltatoken=1") {
			t.Errorf("DeltaLink = %q, %v; want the final page's", link, ok)
		}
		if n := calls.Load(); n != 3 {
			t.Errorf("%d requests, want %d", n, 3)
		}
	})
	t.Run("break", func(t *testing.T) {
		c, calls := serve(t, 0, false)
		var got []int
		for v, err := range All(context.Background(), c, first(c)) {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, v)
			if v == 3 {
				break
			}
		}
		if want := []int{1, 2, 3}; !slices.Equal(got, want) {
			t.Errorf("items = %v, want %v", got, want)
		}
		if n := calls.Load(); n != 2 {
			t.Errorf("%d requests, want %d (page 3 fetched after the break)", n, 2)
		}
	})
	t.Run("error", func(t *testing.T) {
		c, calls := serve(t, 2, false)
		var got []int
		var errs []error
		for v, err := range All(context.Background(), c, first(c)) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			got = append(got, v)
		}
		if want := []int{1, 2}; !slices.Equal(got, want) {
			t.Errorf("items = %v, want %v", got, want)
		}
		var e *Error
		if len(errs) != 1 || !errors.As(errs[0], &e) || e.StatusCode != http.StatusServiceUnavailable || e.Code != "serviceNotAvailable" {
			t.Errorf("errors = %v, want one *Error 503 serviceNotAvailable", errs)
		}
		if n := calls.Load(); n != 2 {
			t.Errorf("%d requests, want %d", n, 2)
		}
	})
	t.Run("loop", func(t *testing.T) {
		c, calls := serve(t, 0, true)
		var got []int
		var errs []error
		for v, err := range All(context.Background(), c, first(c)) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			got = append(got, v)
		}
		if want := []int{1, 2, 3, 4}; !slices.Equal(got, want) {
			t.Errorf("items = %v, want %v", got, want)
		}
		if len(errs) != 1 || !strings.Contains(errs[0].Error(), "already followed") {
			t.Errorf("errors = %v, want one for the repeated link", errs)
		}
		if n := calls.Load(); n != 2 {
			t.Errorf("%d requests, want %d", n, 2)
		}
	})
}
