package runtime

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The operations of these tests, written as the generator writes them.

type batchThing struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

type batchThingParams struct {
	Select []string
}

func (p *batchThingParams) apply(r *request) {
	if p == nil {
		return
	}
	queryValue(r, "$select", formatList(p.Select))
}

func batchGetThing(ctx context.Context, c *Client, id string, params *batchThingParams, opts ...RequestOption) (*batchThing, error) {
	r := &request{method: "GET", path: "/things/" + pathEscape(id), opts: opts}
	params.apply(r)
	return invoke[batchThing](ctx, c, r)
}

func batchCreateThing(ctx context.Context, c *Client, body *batchThing, opts ...RequestOption) (*batchThing, error) {
	return invoke[batchThing](ctx, c, &request{method: "POST", path: "/things", body: body, contentType: "application/json", opts: opts})
}

func batchDeleteThing(ctx context.Context, c *Client, id string, opts ...RequestOption) error {
	return invokeNone(ctx, c, &request{method: "DELETE", path: "/things/" + pathEscape(id), opts: opts})
}

func batchCountThings(ctx context.Context, c *Client, opts ...RequestOption) (int64, error) {
	return invokeValue[int64](ctx, c, &request{method: "GET", path: "/things/countAll()", opts: opts})
}

func batchGetContent(ctx context.Context, c *Client, id string, opts ...RequestOption) (io.ReadCloser, error) {
	return invokeStream(ctx, c, &request{method: "GET", path: "/things/" + pathEscape(id) + "/content", opts: opts})
}

func batchPutContent(ctx context.Context, c *Client, id string, body io.Reader, opts ...RequestOption) (*batchThing, error) {
	return invoke[batchThing](ctx, c, &request{method: "PUT", path: "/things/" + pathEscape(id) + "/content", rawBody: body, contentType: "text/plain", opts: opts})
}

func batchCopyThing(ctx context.Context, c *Client, id string, opts ...RequestOption) (*url.URL, error) {
	return invokeLocation(ctx, c, &request{method: "POST", path: "/things/" + pathEscape(id) + "/copy", opts: opts}, 202)
}

// batchServer is a $batch endpoint: it records every $batch request body
// and answers each item with answer(item).
type batchServer struct {
	t      *testing.T
	answer func(req batchRequest) batchResponse
	mu     sync.Mutex
	posts  []batchPost
}

// batchPost is what the server saw of one $batch request.
type batchPost struct {
	header   http.Header
	raw      []byte
	requests []batchRequest
	keys     []map[string]json.RawMessage
}

func (s *batchServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != "POST" || r.URL.EscapedPath() != "/v1.0/$batch" {
		s.t.Errorf("%s %s, want POST /v1.0/$batch", r.Method, r.URL.EscapedPath())
		w.WriteHeader(http.StatusNotFound)
		return
	}
	raw, _ := io.ReadAll(r.Body)
	var in struct {
		Requests []batchRequest `json:"requests"`
	}
	var keys struct {
		Requests []map[string]json.RawMessage `json:"requests"`
	}
	if err := json.Unmarshal(raw, &in); err != nil {
		s.t.Errorf("$batch body: %v\n%s", err, raw)
	}
	_ = json.Unmarshal(raw, &keys)
	s.mu.Lock()
	s.posts = append(s.posts, batchPost{header: r.Header.Clone(), raw: raw, requests: in.Requests, keys: keys.Requests})
	s.mu.Unlock()
	var out struct {
		Responses []batchResponse `json:"responses"`
	}
	// answered in reverse order: Graph does not keep the order
	for i := len(in.Requests) - 1; i >= 0; i-- {
		out.Responses = append(out.Responses, s.answer(in.Requests[i]))
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(out)
}

// batchClient starts s and returns a Client of it with base URL .../v1.0.
func newBatchServer(t *testing.T, answer func(batchRequest) batchResponse, opts ...Option) (*Client, *batchServer) {
	s := &batchServer{t: t, answer: answer}
	c, srv := runtimeServer(t, s, opts...)
	c.baseURL = srv.URL + "/v1.0"
	return c, s
}

func jsonBody(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}

// TestBatchWireFormat: the $batch request carries each call as Graph
// documents it (ids, methods, URLs relative to the version root with
// their query, headers, JSON bodies as objects and other bodies as
// base64 with their Content-Type, dependsOn), once, with the token; and
// each response is decoded into its operation's result or *Error.
func TestBatchWireFormat(t *testing.T) {
	ctx := context.Background()
	c, s := newBatchServer(t, func(r batchRequest) batchResponse {
		switch r.ID {
		case "1":
			return batchResponse{ID: r.ID, Status: 200, Headers: map[string]string{"Content-Type": "application/json"}, Body: jsonBody(batchThing{ID: "a/b", Name: "first"})}
		case "2":
			return batchResponse{ID: r.ID, Status: 201, Headers: map[string]string{"content-type": "application/json;odata.metadata=minimal"}, Body: jsonBody(batchThing{ID: "new", Name: "made"})}
		case "3":
			return batchResponse{ID: r.ID, Status: 204}
		case "4":
			return batchResponse{ID: r.ID, Status: 404, Headers: map[string]string{"Content-Type": "application/json", "request-id": "rid-4"}, Body: json.RawMessage(`{"error":{"code":"itemNotFound","message":"no such thing"}}`)}
		case "5":
			return batchResponse{ID: r.ID, Status: 429, Headers: map[string]string{"Retry-After": "7", "Content-Type": "application/json"}, Body: json.RawMessage(`{"error":{"code":"TooManyRequests","message":"slow down"}}`)}
		case "6":
			return batchResponse{ID: r.ID, Status: 200, Headers: map[string]string{"Content-Type": "application/octet-stream"}, Body: jsonBody(base64.StdEncoding.EncodeToString([]byte("\x00binary\xff")))}
		case "7":
			return batchResponse{ID: r.ID, Status: 200, Body: json.RawMessage(`{"value":42}`)}
		case "8":
			return batchResponse{ID: r.ID, Status: 200, Headers: map[string]string{"Content-Type": "application/json"}, Body: jsonBody(batchThing{ID: "c"})}
		case "9":
			return batchResponse{ID: r.ID, Status: 202, Headers: map[string]string{"Location": "/v1.0/operations/op1"}}
		case "10":
			return batchResponse{ID: r.ID, Status: 424, Headers: map[string]string{"Content-Type": "application/json"}, Body: json.RawMessage(`{"error":{"code":"FailedDependency","message":"dependency failed"}}`)}
		}
		t.Errorf("unexpected item %q", r.ID)
		return batchResponse{ID: r.ID, Status: 500}
	}, WithTokenSource(StaticToken("tok")))

	b := NewBatch(c)
	get := Add(b, func(c *Client) (*batchThing, error) {
		return batchGetThing(ctx, c, "a/b", &batchThingParams{Select: []string{"id", "name"}}, WithHeader("Prefer", `outlook.timezone="UTC"`))
	})
	create := Add(b, func(c *Client) (*batchThing, error) {
		return batchCreateThing(ctx, c, &batchThing{ID: "new", Name: "made"})
	})
	del := AddNoResult(b, func(c *Client) error { return batchDeleteThing(ctx, c, "old") }, create)
	missing := Add(b, func(c *Client) (*batchThing, error) { return batchGetThing(ctx, c, "gone", nil) })
	throttled := Add(b, func(c *Client) (*batchThing, error) { return batchGetThing(ctx, c, "busy", nil) })
	content := Add(b, func(c *Client) (io.ReadCloser, error) { return batchGetContent(ctx, c, "f") })
	count := Add(b, func(c *Client) (int64, error) { return batchCountThings(ctx, c) })
	put := Add(b, func(c *Client) (*batchThing, error) {
		return batchPutContent(ctx, c, "c", strings.NewReader("plain text"))
	})
	cp := Add(b, func(c *Client) (*url.URL, error) { return batchCopyThing(ctx, c, "c") })
	dep := AddNoResult(b, func(c *Client) error { return batchDeleteThing(ctx, c, "x") }, missing, throttled)
	if b.Len() != 10 || get.ID() != "1" || dep.ID() != "10" {
		t.Fatalf("Len %d, ids %s..%s", b.Len(), get.ID(), dep.ID())
	}
	if _, err := get.Result(); !errors.Is(err, errBatchNotSent) {
		t.Errorf("Result before Send: %v", err)
	}
	if err := b.Send(ctx); err != nil {
		t.Fatal(err)
	}
	if len(s.posts) != 1 {
		t.Fatalf("%d $batch requests, want 1", len(s.posts))
	}
	p := s.posts[0]
	if got := p.header.Get("Authorization"); got != "Bearer tok" {
		t.Errorf("Authorization %q", got)
	}
	if got := p.header.Get("Content-Type"); got != "application/json" {
		t.Errorf("Content-Type %q", got)
	}
	want := []struct {
		method, url string
		headers     map[string]string
		body        string
		dependsOn   []string
	}{
		{"GET", "/things/a%2Fb?$select=id%2Cname", map[string]string{"Prefer": `outlook.timezone="UTC"`}, "", nil},
		{"POST", "/things", map[string]string{"Content-Type": "application/json"}, `{"id":"new","name":"made"}`, nil},
		{"DELETE", "/things/old", nil, "", []string{"2"}},
		{"GET", "/things/gone", nil, "", nil},
		{"GET", "/things/busy", nil, "", nil},
		{"GET", "/things/f/content", nil, "", nil},
		{"GET", "/things/countAll()", nil, "", nil},
		{"PUT", "/things/c/content", map[string]string{"Content-Type": "text/plain"}, `"` + base64.StdEncoding.EncodeToString([]byte("plain text")) + `"`, nil},
		{"POST", "/things/c/copy", nil, "", nil},
		{"DELETE", "/things/x", nil, "", []string{"4", "5"}},
	}
	if len(p.requests) != len(want) {
		t.Fatalf("%d requests, want %d:\n%s", len(p.requests), len(want), p.raw)
	}
	for i, w := range want {
		r := p.requests[i]
		if r.ID != strconv.Itoa(i+1) || r.Method != w.method || r.URL != w.url {
			t.Errorf("request %d: %s %s %s, want %d %s %s", i, r.ID, r.Method, r.URL, i+1, w.method, w.url)
		}
		if fmt.Sprint(r.Headers) != fmt.Sprint(w.headers) {
			t.Errorf("request %d headers %v, want %v", i, r.Headers, w.headers)
		}
		if string(r.Body) != w.body {
			t.Errorf("request %d body %s, want %s", i, r.Body, w.body)
		}
		if fmt.Sprint(r.DependsOn) != fmt.Sprint(w.dependsOn) {
			t.Errorf("request %d dependsOn %v, want %v", i, r.DependsOn, w.dependsOn)
		}
		// absent fields are left out, not sent empty
		for _, k := range []string{"headers", "body", "dependsOn"} {
			if v, ok := p.keys[i][k]; ok && (string(v) == "null" || string(v) == "{}" || string(v) == "[]" || string(v) == `""`) {
				t.Errorf("request %d sends %s: %s", i, k, v)
			}
		}
	}

	if v, err := get.Result(); err != nil || v.ID != "a/b" || v.Name != "first" {
		t.Errorf("get = %+v, %v", v, err)
	}
	if v, err := create.Result(); err != nil || v.ID != "new" {
		t.Errorf("create = %+v, %v", v, err)
	}
	if _, err := del.Result(); err != nil {
		t.Errorf("delete: %v", err)
	}
	var e *Error
	if _, err := missing.Result(); !errors.As(err, &e) || e.StatusCode != 404 || e.Code != "itemNotFound" || e.RequestID != "rid-4" {
		t.Errorf("missing: %v", err)
	}
	if v, err := throttled.Result(); !errors.As(err, &e) || v != nil || e.StatusCode != 429 || e.RetryAfter != 7*time.Second || e.Code != "TooManyRequests" {
		t.Errorf("throttled: %v, %v", v, err)
	}
	if rc, err := content.Result(); err != nil {
		t.Errorf("content: %v", err)
	} else {
		got, _ := io.ReadAll(rc)
		rc.Close()
		if string(got) != "\x00binary\xff" {
			t.Errorf("content = %q", got)
		}
	}
	if n, err := count.Result(); err != nil || n != 42 {
		t.Errorf("count = %d, %v", n, err)
	}
	if v, err := put.Result(); err != nil || v.ID != "c" {
		t.Errorf("put = %+v, %v", v, err)
	}
	if u, err := cp.Result(); err != nil || u.String() != c.baseURL+"/operations/op1" {
		t.Errorf("copy = %v, %v", u, err)
	}
	if err := dep.Err(); !errors.As(err, &e) || e.StatusCode != 424 {
		t.Errorf("dependent: %v", err)
	}
	if err := b.Send(ctx); err == nil {
		t.Error("a second Send is not an error")
	}
}

// TestBatchSplit: more than MaxBatchRequests items go in several $batch
// requests, items linked by dependsOn in one; a linked group too large
// for one request is an error before anything is sent.
func TestBatchSplit(t *testing.T) {
	ctx := context.Background()
	ok := func(r batchRequest) batchResponse {
		return batchResponse{ID: r.ID, Status: 200, Headers: map[string]string{"Content-Type": "application/json"}, Body: jsonBody(batchThing{ID: strings.TrimPrefix(r.URL, "/things/")})}
	}
	c, s := newBatchServer(t, ok)
	b := NewBatch(c)
	var items []*BatchItem[*batchThing]
	for i := range 45 {
		var deps []BatchRef
		if i >= 15 && i < 25 { // items 16..25 form a chain
			if i > 15 {
				deps = append(deps, items[i-1])
			}
		}
		id := strconv.Itoa(i + 1)
		items = append(items, Add(b, func(c *Client) (*batchThing, error) { return batchGetThing(ctx, c, id, nil) }, deps...))
	}
	if err := b.Send(ctx); err != nil {
		t.Fatal(err)
	}
	var sizes []int
	for _, p := range s.posts {
		sizes = append(sizes, len(p.requests))
	}
	// 1..15 and the chain 16..25 do not fit in 20: the chain starts the second request
	if fmt.Sprint(sizes) != "[15 20 10]" {
		t.Errorf("$batch sizes %v, want [15 20 10]", sizes)
	}
	for i, it := range items {
		if v, err := it.Result(); err != nil || v.ID != strconv.Itoa(i+1) {
			t.Errorf("item %d = %v, %v", i+1, v, err)
		}
	}
	second := s.posts[1].requests
	if second[0].ID != "16" || second[1].DependsOn[0] != "16" {
		t.Errorf("second $batch request starts %+v %+v", second[0], second[1])
	}

	c, s = newBatchServer(t, ok)
	b = NewBatch(c)
	var prev BatchRef
	for i := range MaxBatchRequests + 1 {
		var deps []BatchRef
		if prev != nil {
			deps = append(deps, prev)
		}
		id := strconv.Itoa(i)
		prev = Add(b, func(c *Client) (*batchThing, error) { return batchGetThing(ctx, c, id, nil) }, deps...)
	}
	if err := b.Send(ctx); err == nil || !strings.Contains(err.Error(), "21 items depend on one another") {
		t.Errorf("Send of a chain of 21 = %v", err)
	}
	if len(s.posts) != 0 {
		t.Errorf("%d $batch requests sent", len(s.posts))
	}
	if err := prev.(*BatchItem[*batchThing]).Err(); err == nil {
		t.Error("an item of an unsent batch has no error")
	}
}

// TestBatchAddErrors: a call that cannot be one item of a batch is the
// item's error and Send sends nothing; nothing reaches the network while
// recording.
func TestBatchAddErrors(t *testing.T) {
	ctx := context.Background()
	c, s := newBatchServer(t, func(r batchRequest) batchResponse { return batchResponse{ID: r.ID, Status: 204} })
	other := NewBatch(c)
	foreign := AddNoResult(other, func(c *Client) error { return batchDeleteThing(ctx, c, "x") })
	cases := []struct {
		name string
		add  func(b *Batch) error
		want string
	}{
		{"no request", func(b *Batch) error {
			return AddNoResult(b, func(*Client) error { return nil }).Err()
		}, "made no request"},
		{"two requests", func(b *Batch) error {
			return AddNoResult(b, func(c *Client) error {
				_ = batchDeleteThing(ctx, c, "a")
				return batchDeleteThing(ctx, c, "b")
			}).Err()
		}, "made 2 requests"},
		{"another batch", func(b *Batch) error {
			return AddNoResult(b, func(c *Client) error { return batchDeleteThing(ctx, c, "a") }, foreign).Err()
		}, "another batch"},
		{"link off the origin", func(b *Batch) error {
			return Add(b, func(c *Client) (*batchThing, error) {
				return NextPage[batchThing](ctx, c, "https://elsewhere.example/v1.0/things?$skiptoken=x")
			}).Err()
		}, "not on the base URL's origin"},
		{"body cannot be encoded", func(b *Batch) error {
			return Add(b, func(c *Client) (*batchThing, error) {
				return invoke[batchThing](ctx, c, &request{method: "POST", path: "/things", body: func() {}})
			}).Err()
		}, "encode POST /things body"},
		{"around send", func(b *Batch) error {
			return AddNoResult(b, func(c *Client) error {
				_, err := c.httpClient.Get(c.baseURL + "/things")
				return err
			}).Err()
		}, "cannot be part of a batch"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := NewBatch(c)
			fine := AddNoResult(b, func(c *Client) error { return batchDeleteThing(ctx, c, "fine") })
			err := tc.add(b)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Add: %v, want %q", err, tc.want)
			}
			if err := b.Send(ctx); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Send: %v, want %q", err, tc.want)
			}
			if err := fine.Err(); err == nil || !strings.Contains(err.Error(), "batch not sent") {
				t.Errorf("the other item: %v", err)
			}
		})
	}
	if len(s.posts) != 0 {
		t.Errorf("%d $batch requests sent", len(s.posts))
	}
}

// TestBatchNextLink: a next link on the origin is batched relative to the
// version root.
func TestBatchNextLink(t *testing.T) {
	ctx := context.Background()
	c, s := newBatchServer(t, func(r batchRequest) batchResponse {
		return batchResponse{ID: r.ID, Status: 200, Headers: map[string]string{"Content-Type": "application/json"}, Body: jsonBody(batchThing{ID: "p2"})}
	})
	b := NewBatch(c)
	next := Add(b, func(c *Client) (*batchThing, error) {
		return NextPage[batchThing](ctx, c, c.baseURL+"/things?$skiptoken=abc%3D")
	})
	if err := b.Send(ctx); err != nil {
		t.Fatal(err)
	}
	if got := s.posts[0].requests[0].URL; got != "/things?$skiptoken=abc%3D" {
		t.Errorf("url %q", got)
	}
	if v, err := next.Result(); err != nil || v.ID != "p2" {
		t.Errorf("next = %v, %v", v, err)
	}
}

// TestBatchFailures: a $batch request that fails as a whole is Send's
// error and every item's; it is retried like any POST on 429; an item
// without a response, or with a broken one, is that item's error.
func TestBatchFailures(t *testing.T) {
	ctx := context.Background()
	var calls int
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.URL.Query().Get("case") == "down":
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"error":{"code":"BadRequest","message":"bad batch"}}`)
		case r.URL.Query().Get("case") == "busy" && calls == 1:
			w.Header().Set("Retry-After", "3")
			w.WriteHeader(http.StatusTooManyRequests)
		default:
			io.WriteString(w, `{"responses":[{"id":"1","status":200,"body":{"id":"one"}},{"id":"2","status":0},{"id":"1","status":500}]}`)
		}
	})
	c, _ := runtimeServer(t, h, WithRetry(&RetryPolicy{MaxAttempts: 3, MaxTotalWait: time.Minute}))
	waits := recordSleep(c)
	add := func(b *Batch) []*BatchItem[*batchThing] {
		var items []*BatchItem[*batchThing]
		for _, id := range []string{"one", "two", "three"} {
			items = append(items, Add(b, func(c *Client) (*batchThing, error) { return batchGetThing(ctx, c, id, nil) }))
		}
		return items
	}

	b := NewBatch(c, WithQuery("case", "down"))
	items := add(b)
	err := b.Send(ctx)
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != 400 || e.Code != "BadRequest" {
		t.Errorf("Send = %v", err)
	}
	for _, it := range items {
		if !errors.As(it.Err(), &e) || e.StatusCode != 400 {
			t.Errorf("item %s: %v", it.ID(), it.Err())
		}
	}

	calls = 0
	b = NewBatch(c, WithQuery("case", "busy"))
	items = add(b)
	if err := b.Send(ctx); err != nil {
		t.Fatal(err)
	}
	if calls != 2 || len(*waits) != 1 || (*waits)[0] != 3*time.Second {
		t.Errorf("%d $batch attempts, waits %v", calls, *waits)
	}
	if v, err := items[0].Result(); err != nil || v.ID != "one" {
		t.Errorf("item 1 = %v, %v (the first response of an id counts)", v, err)
	}
	if err := items[1].Err(); err == nil || !strings.Contains(err.Error(), "status 0") {
		t.Errorf("item 2: %v", err)
	}
	if err := items[2].Err(); err == nil || !strings.Contains(err.Error(), "no response") {
		t.Errorf("item 3: %v", err)
	}

	// an empty batch sends nothing
	calls = 0
	if err := NewBatch(c).Send(ctx); err != nil || calls != 0 {
		t.Errorf("empty batch: %v, %d requests", err, calls)
	}
}

// TestBatchBody: item bodies are JSON as is, base64 for the rest, text
// when a string is not base64.
func TestBatchBody(t *testing.T) {
	cases := []struct {
		ct, raw, want, wantCT string
	}{
		{"application/json", `{"a":1}`, `{"a":1}`, "application/json"},
		{"", `{"a":1}`, `{"a":1}`, "application/json"},
		{"", `null`, ``, ""},
		{"", ``, ``, ""},
		{"image/png", `"` + base64.StdEncoding.EncodeToString([]byte{1, 2, 3}) + `"`, "\x01\x02\x03", "image/png"},
		{"text/plain", `"AQID"`, "\x01\x02\x03", "text/plain"},
		{"text/plain", `"not base64!"`, "not base64!", "text/plain"},
		{"application/json", `"a json string"`, `"a json string"`, "application/json"},
	}
	for _, tc := range cases {
		h := http.Header{}
		if tc.ct != "" {
			h.Set("Content-Type", tc.ct)
		}
		got, err := batchBody(h, json.RawMessage(tc.raw))
		if err != nil || !bytes.Equal(got, []byte(tc.want)) || h.Get("Content-Type") != tc.wantCT {
			t.Errorf("batchBody(%q, %s) = %q, %v, Content-Type %q; want %q, %q", tc.ct, tc.raw, got, err, h.Get("Content-Type"), tc.want, tc.wantCT)
		}
	}
}

// TestBatchDownloadRedirect: a batch follows no redirect; a download
// answered 302 gives its URL with WithRedirectURL and says so without.
func TestBatchDownloadRedirect(t *testing.T) {
	ctx := context.Background()
	c, _ := newBatchServer(t, func(r batchRequest) batchResponse {
		return batchResponse{ID: r.ID, Status: 302, Headers: map[string]string{"Location": "https://download.example/f?sig=1"}}
	})
	b := NewBatch(c)
	var u *url.URL
	with := Add(b, func(c *Client) (io.ReadCloser, error) { return batchGetContent(ctx, c, "f", WithRedirectURL(&u)) })
	without := Add(b, func(c *Client) (io.ReadCloser, error) { return batchGetContent(ctx, c, "g") })
	if err := b.Send(ctx); err != nil {
		t.Fatal(err)
	}
	if rc, err := with.Result(); err != nil || rc != http.NoBody || u == nil || u.String() != "https://download.example/f?sig=1" {
		t.Errorf("with WithRedirectURL: %v, %v, %v", rc, u, err)
	}
	if _, err := without.Result(); err == nil || !strings.Contains(err.Error(), "pass WithRedirectURL") {
		t.Errorf("without: %v", err)
	}
}
