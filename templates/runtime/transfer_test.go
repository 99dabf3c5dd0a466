package runtime

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// transferHosts serves graph.test and files.test (a download or upload
// host) from two test servers, records the Authorization each got, and
// returns a Client for graph.test with the token "tok" and opts.
func transferHosts(t *testing.T, graph, files http.HandlerFunc, opts ...Option) (c *Client, graphURL, filesURL string, seen *seenAuth) {
	t.Helper()
	seen = &seenAuth{}
	g := httptest.NewServer(seen.handler(graph))
	f := httptest.NewServer(seen.handler(files))
	t.Cleanup(g.Close)
	t.Cleanup(f.Close)
	gHost := "graph.test:" + g.URL[strings.LastIndex(g.URL, ":")+1:]
	fHost := "files.test:" + f.URL[strings.LastIndex(f.URL, ":")+1:]
	hc := hostMap(map[string]string{gHost: g.Listener.Addr().String(), fHost: f.Listener.Addr().String()})
	graphURL, filesURL = "http://"+gHost, "http://"+fHost
	opts = append([]Option{WithBaseURL(graphURL + "/v1.0"), WithHTTPClient(hc), WithTokenSource(StaticToken("tok")), WithRetry(nil)}, opts...)
	return New(opts...), graphURL, filesURL, seen
}

// download calls GET /me/drive/items/1/content as a generated operation
// returning io.ReadCloser does, and reads the body.
func download(t *testing.T, c *Client, opts ...RequestOption) (string, error) {
	t.Helper()
	rc, err := invokeStream(context.Background(), c, &request{method: http.MethodGet, path: "/me/drive/items/1/content", opts: opts})
	if err != nil {
		return "", err
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	return string(b), err
}

// TestDownload: a /content call streams the file whether the service
// answers 200 with it or 302 to another host, which gets no token; the
// JSON size limit does not apply; WithRedirectURL returns the redirect.
func TestDownload(t *testing.T) {
	file := strings.Repeat("0123456789", 1000)
	var filesURL atomic.Value // string, set once the servers run
	var direct atomic.Bool
	c, gu, fu, seen := transferHosts(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1.0/me/drive/items/1/content" {
			http.NotFound(w, r)
			return
		}
		if direct.Load() {
			w.Header().Set("Content-Type", "application/octet-stream")
			io.WriteString(w, file)
			return
		}
		http.Redirect(w, r, filesURL.Load().(string)+"/dl/abc?tempauth=xyz", http.StatusFound)
	}, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/dl/abc" || r.URL.Query().Get("tempauth") != "xyz" {
			http.NotFound(w, r)
			return
		}
		if rg := r.Header.Get("Range"); rg != "" {
			w.Header().Set("Content-Range", "bytes 0-9/"+strconv.Itoa(len(file)))
			w.WriteHeader(http.StatusPartialContent)
			io.WriteString(w, file[:10])
			return
		}
		io.WriteString(w, file)
	}, WithMaxResponseSize(100))
	filesURL.Store(fu)
	fHost := strings.TrimPrefix(fu, "http://")

	got, err := download(t, c)
	if err != nil || got != file {
		t.Fatalf("302 download: %d bytes, %v; want %d bytes", len(got), err, len(file))
	}
	if a := seen.of(fHost); len(a) != 1 || a[0] != "" {
		t.Errorf("download host got Authorization %q, want one request without", a)
	}
	// a Range header goes on to the download URL: 206 is a success
	got, err = download(t, c, WithHeader("Range", "bytes=0-9"))
	if err != nil || got != file[:10] {
		t.Errorf("range download = %q, %v", got, err)
	}

	// WithRedirectURL: the URL, an empty body, nothing sent to the host
	var loc *url.URL
	var resp *http.Response
	got, err = download(t, c, WithRedirectURL(&loc), WithResponse(&resp))
	if err != nil || got != "" {
		t.Errorf("WithRedirectURL body = %q, %v; want empty", got, err)
	}
	if loc == nil || loc.String() != fu+"/dl/abc?tempauth=xyz" {
		t.Errorf("WithRedirectURL = %v", loc)
	}
	if resp == nil || resp.StatusCode != http.StatusFound {
		t.Errorf("WithResponse with WithRedirectURL: %+v", resp)
	}
	if n := len(seen.of(fHost)); n != 2 {
		t.Errorf("download host got %d requests, want 2", n)
	}

	// 200 with the bytes: streamed past the JSON limit, token to graph only
	direct.Store(true)
	got, err = download(t, c, WithRedirectURL(&loc))
	if err != nil || got != file {
		t.Errorf("200 download: %d bytes, %v", len(got), err)
	}
	if loc != nil {
		t.Errorf("WithRedirectURL after a 200 = %v, want nil", loc)
	}
	graphAuth := seen.of(strings.TrimPrefix(gu, "http://"))
	if len(graphAuth) != 4 {
		t.Errorf("graph host got %d requests, want 4", len(graphAuth))
	}
	for _, a := range graphAuth {
		if a != "Bearer tok" {
			t.Errorf("graph host got Authorization %q", a)
		}
	}
}

// TestDownloadErrors: an error status of the download host is *Error,
// and a redirect without Location under WithRedirectURL an error.
func TestDownloadErrors(t *testing.T) {
	var filesURL atomic.Value // string, set once the servers run
	c, _, fu, _ := transferHosts(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("noloc") != "" {
			w.WriteHeader(http.StatusFound)
			return
		}
		http.Redirect(w, r, filesURL.Load().(string)+"/gone", http.StatusFound)
	}, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"error":{"code":"itemNotFound","message":"expired"}}`)
	})
	filesURL.Store(fu)
	_, err := download(t, c)
	var ge *Error
	if !errors.As(err, &ge) || ge.StatusCode != http.StatusNotFound || ge.Code != "itemNotFound" {
		t.Errorf("download host 404: err = %v", err)
	}
	var loc *url.URL
	_, err = download(t, c, WithQuery("noloc", "1"), WithRedirectURL(&loc))
	if err == nil || loc != nil {
		t.Errorf("302 without Location: err = %v, loc = %v", err, loc)
	}
}

// TestDownloadCancel: cancelling the context ends a Read of a download
// that is under way.
func TestDownloadCancel(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	c, _ := runtimeServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "first part")
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	ctx, cancel := context.WithCancel(context.Background())
	rc, err := invokeStream(ctx, c, &request{method: http.MethodGet, path: "/me/drive/items/1/content"})
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	buf := make([]byte, len("first part"))
	if _, err := io.ReadFull(rc, buf); err != nil || string(buf) != "first part" {
		t.Fatalf("first part = %q, %v", buf, err)
	}
	cancel()
	if _, err := io.ReadAll(rc); !errors.Is(err, context.Canceled) {
		t.Errorf("read after cancel: err = %v, want context.Canceled", err)
	}
}

// fakeSession is an upload session on the files host: it takes chunks in
// order, answers 202 with nextExpectedRanges and, at the last byte, 201
// with a driveItem; GET gives its state and DELETE removes it.
type fakeSession struct {
	t    *testing.T
	size int64

	mu      sync.Mutex
	data    []byte   // received, in order
	ranges  []string // Content-Range of every PUT, in order
	attempt []string // Retry-Attempt of every PUT
	auth    []string // Authorization of every request
	// fail, when it returns true for a PUT (by its 0-based number), cuts
	// the connection after reading half the chunk
	fail      func(n int) bool
	outlook   bool // 200 with NextExpectedRanges ["N"], then 201 with no body
	deleted   bool
	expiresAt string
}

// seen is a copy of what s holds and saw.
type sessionSeen struct {
	data                  []byte
	ranges, attempt, auth []string
}

func (s *fakeSession) seen() sessionSeen {
	s.mu.Lock()
	defer s.mu.Unlock()
	return sessionSeen{data: slices.Clone(s.data), ranges: slices.Clone(s.ranges), attempt: slices.Clone(s.attempt), auth: slices.Clone(s.auth)}
}

// set changes s under its lock.
func (s *fakeSession) set(f func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f()
}

func (s *fakeSession) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.auth = append(s.auth, r.Header.Get("Authorization"))
	if s.deleted {
		http.NotFound(w, r)
		return
	}
	expires := s.expiresAt
	if expires == "" {
		expires = "2999-01-01T00:00:00Z"
	}
	switch r.Method {
	case http.MethodDelete:
		s.deleted = true
		w.WriteHeader(http.StatusNoContent)
		return
	case http.MethodGet:
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"expirationDateTime":%q,"nextExpectedRanges":["%d-%d"]}`, expires, len(s.data), s.size-1)
		return
	case http.MethodPut:
	default:
		w.WriteHeader(http.StatusMethodNotAllowed)
		return
	}
	n := len(s.ranges)
	cr := r.Header.Get("Content-Range")
	s.ranges = append(s.ranges, cr)
	s.attempt = append(s.attempt, r.Header.Get("Retry-Attempt"))
	var start, end, total int64
	if _, err := fmt.Sscanf(cr, "bytes %d-%d/%d", &start, &end, &total); err != nil || total != s.size || end < start || end >= total {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	if r.ContentLength != end-start+1 {
		s.t.Errorf("PUT %s: Content-Length %d", cr, r.ContentLength)
	}
	if s.fail != nil && s.fail(n) {
		io.CopyN(io.Discard, r.Body, (end-start+1)/2)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
		return
	}
	b, err := io.ReadAll(r.Body)
	if err != nil || int64(len(b)) != end-start+1 {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	if start < int64(len(s.data)) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusRequestedRangeNotSatisfiable)
		io.WriteString(w, `{"error":{"code":"invalidRange","message":"already received"}}`)
		return
	}
	if start != int64(len(s.data)) {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	s.data = append(s.data, b...)
	w.Header().Set("Content-Type", "application/json")
	if int64(len(s.data)) < s.size {
		if s.outlook {
			fmt.Fprintf(w, `{"ExpirationDateTime":%q,"NextExpectedRanges":["%d"]}`, expires, len(s.data))
			return
		}
		w.WriteHeader(http.StatusAccepted)
		fmt.Fprintf(w, `{"expirationDateTime":%q,"nextExpectedRanges":["%d-"]}`, expires, len(s.data))
		return
	}
	if s.outlook {
		w.Header().Set("Location", "https://outlook.example/attachments/a1")
		w.WriteHeader(http.StatusCreated)
		return
	}
	w.WriteHeader(http.StatusCreated)
	fmt.Fprintf(w, `{"id":"item-1","name":"big.bin","size":%d}`, len(s.data))
}

// uploadFixture is a file of 2.5 chunks of 320 KiB, a session for it on
// files.test and a Client for graph.test with opts.
func uploadFixture(t *testing.T, opts ...Option) (*Client, *fakeSession, string, []byte) {
	t.Helper()
	file := make([]byte, 5*UploadChunkUnit/2)
	for i := range file {
		file[i] = byte(i * 7)
	}
	s := &fakeSession{t: t, size: int64(len(file))}
	c, _, filesURL, _ := transferHosts(t, http.NotFound, s.ServeHTTP, opts...)
	return c, s, filesURL + "/up/session-1?tempauth=abc", file
}

type testItem struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Size int64  `json:"size"`
}

type progressLog struct{ calls [][2]int64 }

func (p *progressLog) options() *UploadOptions {
	return &UploadOptions{ChunkSize: UploadChunkUnit, Progress: func(done, size int64) { p.calls = append(p.calls, [2]int64{done, size}) }}
}

// TestUpload: a file of three chunks goes up in order with Content-Range
// and Content-Length, no Authorization, progress after each chunk, and the
// final driveItem decoded.
func TestUpload(t *testing.T) {
	c, s, uploadURL, file := uploadFixture(t)
	var p progressLog
	item, err := Upload[testItem](context.Background(), c, uploadURL, bytes.NewReader(file), int64(len(file)), p.options())
	if err != nil {
		t.Fatal(err)
	}
	if item.ID != "item-1" || item.Size != int64(len(file)) {
		t.Errorf("item = %+v", item)
	}
	const u = UploadChunkUnit
	size := len(file)
	want := []string{
		fmt.Sprintf("bytes 0-%d/%d", u-1, size),
		fmt.Sprintf("bytes %d-%d/%d", u, 2*u-1, size),
		fmt.Sprintf("bytes %d-%d/%d", 2*u, size-1, size),
	}
	if !slices.Equal(s.seen().ranges, want) {
		t.Errorf("Content-Range %q, want %q", s.seen().ranges, want)
	}
	if !bytes.Equal(s.seen().data, file) {
		t.Errorf("session holds %d bytes, not the file", len(s.seen().data))
	}
	for _, a := range s.seen().auth {
		if a != "" {
			t.Errorf("upload host got Authorization %q", a)
		}
	}
	wantP := [][2]int64{{u, int64(size)}, {2 * u, int64(size)}, {int64(size), int64(size)}}
	if !slices.Equal(p.calls, wantP) {
		t.Errorf("progress %v, want %v", p.calls, wantP)
	}

	// the default chunk size sends the whole 800 KiB at once
	c2, s2, url2, _ := uploadFixture(t)
	if _, err := Upload[testItem](context.Background(), c2, url2, bytes.NewReader(file), int64(len(file)), nil); err != nil {
		t.Fatal(err)
	}
	if len(s2.seen().ranges) != 1 || s2.seen().ranges[0] != fmt.Sprintf("bytes 0-%d/%d", size-1, size) {
		t.Errorf("default chunk size: Content-Range %q", s2.seen().ranges)
	}
}

// TestUploadRetry: a chunk whose connection breaks is sent again, whole,
// as the retry policy says, with Retry-Attempt.
func TestUploadRetry(t *testing.T) {
	c, s, uploadURL, file := uploadFixture(t, WithRetry(&RetryPolicy{MaxAttempts: 3}))
	s.fail = func(n int) bool { return n == 1 }
	var p progressLog
	if _, err := Upload[testItem](context.Background(), c, uploadURL, bytes.NewReader(file), int64(len(file)), p.options()); err != nil {
		t.Fatal(err)
	}
	if len(s.seen().ranges) != 4 || s.seen().ranges[1] != s.seen().ranges[2] {
		t.Errorf("Content-Range %q, want the second chunk twice", s.seen().ranges)
	}
	if !slices.Equal(s.seen().attempt, []string{"", "", "1", ""}) {
		t.Errorf("Retry-Attempt %q", s.seen().attempt)
	}
	if !bytes.Equal(s.seen().data, file) {
		t.Errorf("session holds %d bytes, not the file", len(s.seen().data))
	}
}

// TestUploadResume: an upload whose chunk breaks, with no retries, fails;
// ResumeUpload asks the session where it stands and sends the rest only.
func TestUploadResume(t *testing.T) {
	c, s, uploadURL, file := uploadFixture(t)
	s.fail = func(n int) bool { return n == 1 }
	var p progressLog
	_, err := Upload[testItem](context.Background(), c, uploadURL, bytes.NewReader(file), int64(len(file)), p.options())
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("upload bytes %d-", UploadChunkUnit)) {
		t.Fatalf("interrupted upload: err = %v, want one naming the chunk", err)
	}
	s.set(func() { s.fail = nil })
	p.calls = nil
	item, err := ResumeUpload[testItem](context.Background(), c, uploadURL, bytes.NewReader(file), int64(len(file)), p.options())
	if err != nil {
		t.Fatal(err)
	}
	if item.ID != "item-1" || !bytes.Equal(s.seen().data, file) {
		t.Errorf("item %+v, session holds %d bytes", item, len(s.seen().data))
	}
	const u = UploadChunkUnit
	size := int64(len(file))
	if want := fmt.Sprintf("bytes %d-%d/%d", u, 2*u-1, size); len(s.seen().ranges) != 4 || s.seen().ranges[2] != want {
		t.Errorf("Content-Range %q, want the resumed upload to start with %q", s.seen().ranges, want)
	}
	wantP := [][2]int64{{u, size}, {2 * u, size}, {size, size}}
	if !slices.Equal(p.calls, wantP) {
		t.Errorf("progress %v, want %v", p.calls, wantP)
	}
	for _, a := range s.seen().auth {
		if a != "" {
			t.Errorf("upload host got Authorization %q", a)
		}
	}

	// nothing left to resume: the session is gone once complete
	if err := CancelUpload(context.Background(), c, uploadURL); err != nil {
		t.Fatal(err)
	}
	_, err = ResumeUpload[testItem](context.Background(), c, uploadURL, bytes.NewReader(file), size, nil)
	var ge *Error
	if !errors.As(err, &ge) || ge.StatusCode != http.StatusNotFound {
		t.Errorf("resume of a deleted session: err = %v, want a 404 *Error", err)
	}
}

// TestUploadResync: a chunk the session already has (416) makes Upload
// ask the session and go on from there.
func TestUploadResync(t *testing.T) {
	c, s, uploadURL, file := uploadFixture(t)
	s.set(func() { s.data = append(s.data, file[:UploadChunkUnit]...) }) // an earlier run sent chunk 1
	var p progressLog
	if _, err := Upload[testItem](context.Background(), c, uploadURL, bytes.NewReader(file), int64(len(file)), p.options()); err != nil {
		t.Fatal(err)
	}
	want := []string{
		fmt.Sprintf("bytes 0-%d/%d", UploadChunkUnit-1, len(file)),
		fmt.Sprintf("bytes %d-%d/%d", UploadChunkUnit, 2*UploadChunkUnit-1, len(file)),
		fmt.Sprintf("bytes %d-%d/%d", 2*UploadChunkUnit, len(file)-1, len(file)),
	}
	if !slices.Equal(s.seen().ranges, want) {
		t.Errorf("Content-Range %q, want %q", s.seen().ranges, want)
	}
	if p.calls[0][0] != UploadChunkUnit {
		t.Errorf("progress %v, want the resync reported first", p.calls)
	}
	if !bytes.Equal(s.seen().data, file) {
		t.Errorf("session holds %d bytes, not the file", len(s.seen().data))
	}
}

// TestUploadOutlook: an Outlook attachment session answers 200 with
// NextExpectedRanges ["N"] and ends with 201, no body and a Location.
func TestUploadOutlook(t *testing.T) {
	c, s, uploadURL, file := uploadFixture(t)
	s.outlook = true
	var resp *http.Response
	var p progressLog
	got, err := Upload[testItem](context.Background(), c, uploadURL, bytes.NewReader(file), int64(len(file)), p.options(), WithResponse(&resp))
	if err != nil {
		t.Fatal(err)
	}
	if *got != (testItem{}) || !bytes.Equal(s.seen().data, file) || len(s.seen().ranges) != 3 {
		t.Errorf("got %+v, %d bytes in %d PUTs", got, len(s.seen().data), len(s.seen().ranges))
	}
	if resp == nil || resp.Header.Get("Location") != "https://outlook.example/attachments/a1" {
		t.Errorf("WithResponse: %+v", resp)
	}
}

// TestUploadInvalid: arguments Upload refuses before sending anything,
// and a session that has expired.
func TestUploadInvalid(t *testing.T) {
	c, s, uploadURL, file := uploadFixture(t)
	ctx := context.Background()
	rd := bytes.NewReader(file)
	for _, tc := range []struct {
		name string
		url  string
		size int64
		uo   *UploadOptions
		want string
	}{
		{"relative URL", "/up/1", 10, nil, "not an absolute"},
		{"empty file", uploadURL, 0, nil, "1 byte or more"},
		{"chunk not a multiple", uploadURL, 10, &UploadOptions{ChunkSize: 1000}, "multiple of 327680"},
		{"chunk too large", uploadURL, 10, &UploadOptions{ChunkSize: MaxUploadChunkSize + UploadChunkUnit}, "multiple of 327680"},
	} {
		if _, err := Upload[testItem](ctx, c, tc.url, rd, tc.size, tc.uo); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
	if len(s.seen().auth) != 0 {
		t.Errorf("%d requests sent", len(s.seen().auth))
	}
	s.set(func() { s.expiresAt = "2015-01-29T09:21:55.523Z" })
	if _, err := ResumeUpload[testItem](ctx, c, uploadURL, rd, int64(len(file)), nil); err == nil || !strings.Contains(err.Error(), "expired") {
		t.Errorf("expired session: err = %v", err)
	}
}

// TestParseRanges reads the forms of nextExpectedRanges.
func TestParseRanges(t *testing.T) {
	got, err := parseRanges([]string{"0-99", "200-", "300", " 400-499 "}, 500)
	want := []byteRange{{0, 99}, {200, 499}, {300, 499}, {400, 499}}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("parseRanges = %v, %v; want %v", got, err, want)
	}
	for _, bad := range []string{"", "-5", "a-", "10-5", "0-500", "500-", "1-2-3"} {
		if _, err := parseRanges([]string{bad}, 500); err == nil {
			t.Errorf("parseRanges(%q) succeeded", bad)
		}
	}
}

// TestUploadCancel: cancelling the context stops an upload between
// chunks with the context's error; ResumeUpload then finishes it.
func TestUploadCancel(t *testing.T) {
	c, s, uploadURL, file := uploadFixture(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	uo := &UploadOptions{ChunkSize: UploadChunkUnit, Progress: func(done, size int64) { cancel() }}
	_, err := Upload[testItem](ctx, c, uploadURL, bytes.NewReader(file), int64(len(file)), uo)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if n := len(s.seen().data); n != UploadChunkUnit {
		t.Errorf("session holds %d bytes after the cancel, want one chunk", n)
	}
	if _, err := ResumeUpload[testItem](context.Background(), c, uploadURL, bytes.NewReader(file), int64(len(file)), &UploadOptions{ChunkSize: UploadChunkUnit}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(s.seen().data, file) {
		t.Error("the resumed upload did not complete the file")
	}
}

// TestUploadStuck: a session that keeps asking for bytes it was sent ends
// the upload with an error instead of a loop.
func TestUploadStuck(t *testing.T) {
	var puts atomic.Int32
	c, _, filesURL, _ := transferHosts(t, http.NotFound, func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		puts.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusAccepted)
		io.WriteString(w, `{"nextExpectedRanges":["0-"]}`)
	})
	file := make([]byte, 2*UploadChunkUnit)
	_, err := Upload[testItem](context.Background(), c, filesURL+"/up/1", bytes.NewReader(file), int64(len(file)), &UploadOptions{ChunkSize: UploadChunkUnit})
	if err == nil || !strings.Contains(err.Error(), "keeps asking") {
		t.Errorf("err = %v", err)
	}
	if n := puts.Load(); n > 8 {
		t.Errorf("%d PUTs for a file of 2 chunks", n)
	}
}
