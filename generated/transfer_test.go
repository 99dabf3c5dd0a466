package generated_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/graphdocgen/graphdocgen/generated/calendar"
)

// End-to-end tests of downloads and uploads through the generated client:
// graph.test is Graph, evil.test the download or upload host, which must
// never see the token.

// TestE2EDownload: GetMeDriveItemsContent streams the file whether Graph
// answers 200 with it or 302 to the download host, which gets no token;
// the JSON size limit does not apply; WithRedirectURL returns the URL.
func TestE2EDownload(t *testing.T) {
	file := strings.Repeat("file content ", 500)
	var mu sync.Mutex
	direct := false
	var h *graphHosts
	h = newGraphHosts(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/me/drive/items/item-1/content" {
			http.NotFound(w, r)
			return
		}
		mu.Lock()
		d := direct
		mu.Unlock()
		if d {
			w.Header().Set("Content-Type", "application/octet-stream")
			io.WriteString(w, file)
			return
		}
		http.Redirect(w, r, h.evilURL+"/download/item-1?tempauth=t1", http.StatusFound)
	}, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/download/item-1" || r.URL.Query().Get("tempauth") != "t1" {
			http.NotFound(w, r)
			return
		}
		io.WriteString(w, file)
	})
	c := h.newClient(calendar.WithMaxResponseSize(1024))
	ctx := context.Background()
	read := func(opts ...calendar.RequestOption) string {
		t.Helper()
		rc, err := c.GetMeDriveItemsContent(ctx, "item-1", opts...)
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		b, err := io.ReadAll(rc)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}

	if got := read(); got != file {
		t.Errorf("302 download: %d bytes, want %d", len(got), len(file))
	}
	if got := h.authOf("evil.test"); len(got) != 1 || got[0] != "" {
		t.Errorf("download host got Authorization %q, want one request without", got)
	}

	var loc *url.URL
	if got := read(calendar.WithRedirectURL(&loc)); got != "" {
		t.Errorf("WithRedirectURL: body %q, want empty", got)
	}
	if loc == nil || loc.String() != h.evilURL+"/download/item-1?tempauth=t1" {
		t.Errorf("WithRedirectURL = %v", loc)
	}
	if n := len(h.authOf("evil.test")); n != 1 {
		t.Errorf("WithRedirectURL: download host got %d requests, want still 1", n)
	}

	mu.Lock()
	direct = true
	mu.Unlock()
	if got := read(calendar.WithRedirectURL(&loc)); got != file || loc != nil {
		t.Errorf("200 download: %d bytes, redirect %v; want %d bytes, nil", len(got), loc, len(file))
	}
	for _, a := range h.authOf("graph.test") {
		if a != "Bearer secret" {
			t.Errorf("graph.test got Authorization %q", a)
		}
	}
}

// uploadHost is an upload session on evil.test: PUTs in order, 202 with
// nextExpectedRanges until the last byte, then 201 with the driveItem.
type uploadHost struct {
	size int64

	mu     sync.Mutex
	data   []byte
	ranges []string // Content-Range of every PUT
	cut    int      // the PUT (1-based) whose connection is cut; 0 for none
}

// state returns copies of what the session holds and saw.
func (u *uploadHost) state() (data []byte, ranges []string) {
	u.mu.Lock()
	defer u.mu.Unlock()
	return slices.Clone(u.data), slices.Clone(u.ranges)
}

func (u *uploadHost) serve(w http.ResponseWriter, r *http.Request) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if r.URL.Path != "/up/s1" {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if r.Method == http.MethodGet {
		fmt.Fprintf(w, `{"expirationDateTime":"2999-01-01T00:00:00Z","nextExpectedRanges":["%d-"]}`, len(u.data))
		return
	}
	u.ranges = append(u.ranges, r.Header.Get("Content-Range"))
	if len(u.ranges) == u.cut {
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			conn.Close()
		}
		return
	}
	var start, end, total int64
	_, err := fmt.Sscanf(r.Header.Get("Content-Range"), "bytes %d-%d/%d", &start, &end, &total)
	b, _ := io.ReadAll(r.Body)
	if err != nil || total != u.size || start != int64(len(u.data)) || int64(len(b)) != end-start+1 {
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"error":{"code":"invalidRange","message":"unexpected range"}}`)
		return
	}
	u.data = append(u.data, b...)
	if int64(len(u.data)) < u.size {
		w.WriteHeader(http.StatusAccepted)
		fmt.Fprintf(w, `{"expirationDateTime":"2999-01-01T00:00:00Z","nextExpectedRanges":["%d-"]}`, len(u.data))
		return
	}
	w.WriteHeader(http.StatusCreated)
	fmt.Fprintf(w, `{"id":"new-item","name":"figures.xlsx","size":%d}`, len(u.data))
}

// uploadSetup starts Graph, which answers createUploadSession with an
// upload URL on evil.test, and the session there, for a file of 2.5
// chunks of 320 KiB.
func uploadSetup(t *testing.T, cut int) (*graphHosts, *uploadHost, []byte) {
	t.Helper()
	file := make([]byte, 5*calendar.UploadChunkUnit/2)
	for i := range file {
		file[i] = byte(i % 251)
	}
	up := &uploadHost{size: int64(len(file)), cut: cut}
	var h *graphHosts
	h = newGraphHosts(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/me/drive/items/folder-1:/figures.xlsx:/createUploadSession" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"uploadUrl":%q,"expirationDateTime":"2999-01-01T00:00:00Z"}`, h.evilURL+"/up/s1")
	}, up.serve)
	return h, up, file
}

// createSession calls createUploadSession and returns the upload URL.
func createSession(t *testing.T, c *calendar.Client, size int) string {
	t.Helper()
	session, err := c.CreateUploadSessionMeDriveItemsByPath(context.Background(), "folder-1", "figures.xlsx", &calendar.DriveitemCreateuploadsessionRequestBody{
		Item: calendar.Some(calendar.DriveItemUploadableProperties{FileSize: calendar.Some(int64(size))}),
	})
	if err != nil {
		t.Fatal(err)
	}
	uploadURL, ok := session.UploadURL.Get()
	if !ok {
		t.Fatal("no uploadUrl")
	}
	return uploadURL
}

// TestE2EUpload: a file of three chunks goes to the session's URL with
// Content-Range, no token, progress after every chunk, and the final
// driveItem decoded into calendar.DriveItem.
func TestE2EUpload(t *testing.T) {
	h, up, file := uploadSetup(t, 0)
	c := h.newClient()
	uploadURL := createSession(t, c, len(file))
	var progress []int64
	item, err := calendar.Upload[calendar.DriveItem](context.Background(), c, uploadURL, bytes.NewReader(file), int64(len(file)), &calendar.UploadOptions{
		ChunkSize: calendar.UploadChunkUnit,
		Progress:  func(done, size int64) { progress = append(progress, done) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if id, _ := item.ID.Get(); id != "new-item" {
		t.Errorf("item id %q", id)
	}
	if size, _ := item.Size.Get(); size != int64(len(file)) {
		t.Errorf("item size %d", size)
	}
	const u = calendar.UploadChunkUnit
	n := len(file)
	want := []string{
		fmt.Sprintf("bytes 0-%d/%d", u-1, n),
		fmt.Sprintf("bytes %d-%d/%d", u, 2*u-1, n),
		fmt.Sprintf("bytes %d-%d/%d", 2*u, n-1, n),
	}
	data, ranges := up.state()
	if !slices.Equal(ranges, want) {
		t.Errorf("Content-Range %q, want %q", ranges, want)
	}
	if !bytes.Equal(data, file) {
		t.Errorf("the session holds %d bytes, not the file", len(data))
	}
	if !slices.Equal(progress, []int64{u, 2 * u, int64(n)}) {
		t.Errorf("progress %v", progress)
	}
	for _, a := range h.authOf("evil.test") {
		if a != "" {
			t.Errorf("upload host got Authorization %q", a)
		}
	}
	if got := h.authOf("graph.test"); len(got) != 1 || got[0] != "Bearer secret" {
		t.Errorf("graph.test got Authorization %q", got)
	}
}

// TestE2EUploadResume: the second chunk's connection is cut and retries
// are off, so Upload fails; ResumeUpload asks the session and sends the
// second and third chunks only.
func TestE2EUploadResume(t *testing.T) {
	h, up, file := uploadSetup(t, 2)
	c := h.newClient(calendar.WithRetry(nil))
	uploadURL := createSession(t, c, len(file))
	ctx := context.Background()
	opts := &calendar.UploadOptions{ChunkSize: calendar.UploadChunkUnit}
	if _, err := calendar.Upload[calendar.DriveItem](ctx, c, uploadURL, bytes.NewReader(file), int64(len(file)), opts); err == nil {
		t.Fatal("upload with a cut connection succeeded")
	}
	var progress []int64
	opts.Progress = func(done, size int64) { progress = append(progress, done) }
	item, err := calendar.ResumeUpload[calendar.DriveItem](ctx, c, uploadURL, bytes.NewReader(file), int64(len(file)), opts)
	if err != nil {
		t.Fatal(err)
	}
	data, ranges := up.state()
	if id, _ := item.ID.Get(); id != "new-item" || !bytes.Equal(data, file) {
		t.Errorf("item %q, the session holds %d bytes", id, len(data))
	}
	const u = calendar.UploadChunkUnit
	n := len(file)
	want := []string{
		fmt.Sprintf("bytes 0-%d/%d", u-1, n),
		fmt.Sprintf("bytes %d-%d/%d", u, 2*u-1, n), // cut
		fmt.Sprintf("bytes %d-%d/%d", u, 2*u-1, n), // resumed
		fmt.Sprintf("bytes %d-%d/%d", 2*u, n-1, n),
	}
	if !slices.Equal(ranges, want) {
		t.Errorf("Content-Range %q, want %q", ranges, want)
	}
	if !slices.Equal(progress, []int64{u, 2 * u, int64(n)}) {
		t.Errorf("progress %v, want the session's state first", progress)
	}
	for _, a := range h.authOf("evil.test") {
		if a != "" {
			t.Errorf("upload host got Authorization %q", a)
		}
	}
}

// TestE2EAttachmentUpload: an Outlook attachment session, made by
// CreateUploadSessionMeEventsAttachments, answers each chunk 200 with
// NextExpectedRanges ["N"] and the last 201 with no body and the new
// attachment's Location, which WithResponse captures (the result is a
// zero T); the URL carries its own authtoken and gets no bearer token.
func TestE2EAttachmentUpload(t *testing.T) {
	file := bytes.Repeat([]byte("pdf!"), 3*calendar.UploadChunkUnit/2/4) // 1.5 chunks
	var mu sync.Mutex
	var got []byte
	var ranges []string
	var h *graphHosts
	h = newGraphHosts(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/me/events/ev-1/attachments/createUploadSession" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		fmt.Fprintf(w, `{"uploadUrl":%q,"expirationDateTime":"2999-01-01T00:00:00Z","nextExpectedRanges":["0-"]}`, h.evilURL+"/api/AttachmentSessions('s1')?authtoken=a1")
	}, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if r.Method != http.MethodPut || r.URL.Query().Get("authtoken") != "a1" {
			http.NotFound(w, r)
			return
		}
		b, _ := io.ReadAll(r.Body)
		got = append(got, b...)
		ranges = append(ranges, r.Header.Get("Content-Range"))
		if len(got) < len(file) {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"ExpirationDateTime":"2999-01-01T00:00:00Z","NextExpectedRanges":["%d"]}`, len(got))
			return
		}
		w.Header().Set("Location", "https://outlook.example/api/Events('ev-1')/Attachments('att-1')")
		w.WriteHeader(http.StatusCreated)
	})
	c := h.newClient()
	ctx := context.Background()
	session, err := c.CreateUploadSessionMeEventsAttachments(ctx, "ev-1", &calendar.AttachmentCreateuploadsessionRequestBody{
		AttachmentItem: calendar.AttachmentItem{
			AttachmentType: calendar.Some(calendar.AttachmentTypeFile),
			Name:           calendar.Some("floor-plan.pdf"),
			Size:           calendar.Some(int64(len(file))),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	uploadURL, _ := session.UploadURL.Get()
	var resp *http.Response
	if _, err := calendar.Upload[struct{}](ctx, c, uploadURL, bytes.NewReader(file), int64(len(file)),
		&calendar.UploadOptions{ChunkSize: calendar.UploadChunkUnit}, calendar.WithResponse(&resp)); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if !bytes.Equal(got, file) || len(ranges) != 2 {
		t.Errorf("the session got %d bytes in %d PUTs (%q)", len(got), len(ranges), ranges)
	}
	if resp == nil || resp.StatusCode != http.StatusCreated || !strings.Contains(resp.Header.Get("Location"), "Attachments('att-1')") {
		t.Errorf("last response %+v", resp)
	}
	for _, a := range h.authOf("evil.test") {
		if a != "" {
			t.Errorf("upload host got Authorization %q", a)
		}
	}
}
