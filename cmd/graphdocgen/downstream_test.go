package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// downstreamMarker is the README line above the ```go block that
// TestDownstreamModule uses as its module's main.go.
const downstreamMarker = "<!-- main.go of TestDownstreamModule -->"

// readmeDownstreamProgram returns the README's downstream program: the
// ```go block after downstreamMarker, as it is written there.
func readmeDownstreamProgram(t *testing.T) string {
	t.Helper()
	f, err := os.Open(filepath.Join(repoRoot(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() && sc.Text() != downstreamMarker {
	}
	if !sc.Scan() || sc.Text() != "```go" {
		t.Fatalf("README has no ```go block after %q", downstreamMarker)
	}
	var b strings.Builder
	for sc.Scan() {
		if sc.Text() == "```" {
			return b.String()
		}
		b.WriteString(sc.Text() + "\n")
	}
	t.Fatal("README's downstream program block is not closed")
	return ""
}

// downstreamHosts are the test servers of the downstream program: Graph
// (base URL .../v1.0), the download host Graph redirects to and the upload
// host of the upload sessions. Every request's Authorization header is
// kept per host.
type downstreamHosts struct {
	t                       *testing.T
	graph, download, upload *httptest.Server

	mu         sync.Mutex
	auth       map[string][]string // host name -> Authorization headers seen
	deltaStart int                 // delta requests without a token
	retries    []string            // Retry-Attempt of the start requests
	deltaLinks []string            // the delta links followed
	broken     bool                // the upload failed once
	uploaded   [][]byte            // the files received, one per session
	file       []byte              // the download's content
}

func newDownstreamHosts(t *testing.T) *downstreamHosts {
	h := &downstreamHosts{t: t, auth: map[string][]string{}}
	h.file = bytes.Repeat([]byte("%PDF report\n"), 5000)
	h.graph = httptest.NewServer(h.seen("graph", h.serveGraph))
	h.download = httptest.NewServer(h.seen("download", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/files/report.pdf" || r.URL.Query().Get("sig") != "s1" {
			t.Errorf("download host: %s %s", r.Method, r.URL)
		}
		w.Header().Set("Content-Type", "application/pdf")
		w.Write(h.file)
	}))
	h.upload = httptest.NewServer(h.seen("upload", h.serveUpload))
	t.Cleanup(func() {
		h.graph.Close()
		h.download.Close()
		h.upload.Close()
	})
	return h
}

// seen records the Authorization header of every request to host.
func (h *downstreamHosts) seen(host string, next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		h.auth[host] = append(h.auth[host], r.Header.Get("Authorization"))
		h.mu.Unlock()
		next(w, r)
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func (h *downstreamHosts) serveGraph(w http.ResponseWriter, r *http.Request) {
	base := h.graph.URL + "/v1.0"
	page := func(subjects []string, link, url string) map[string]any {
		var value []map[string]any
		for _, s := range subjects {
			value = append(value, map[string]any{"id": "id-" + s, "subject": s})
		}
		return map[string]any{"value": value, link: url}
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	q := r.URL.Query()
	switch p := r.Method + " " + strings.TrimPrefix(r.URL.Path, "/v1.0"); {
	case p == "GET /me/calendarView/delta" && q.Get("startDateTime") != "":
		h.deltaStart++
		h.retries = append(h.retries, r.Header.Get("Retry-Attempt"))
		if h.deltaStart == 1 {
			w.Header().Set("Retry-After", "1")
			writeJSON(w, http.StatusTooManyRequests, map[string]any{"error": map[string]string{"code": "TooManyRequests", "message": "throttled"}})
			return
		}
		writeJSON(w, 200, page([]string{"Standup"}, "@odata.nextLink", base+"/me/calendarView/delta?$skiptoken=p2"))
	case p == "GET /me/calendarView/delta":
		h.deltaLinks = append(h.deltaLinks, r.URL.RawQuery)
		switch r.URL.RawQuery {
		case "$skiptoken=p2":
			writeJSON(w, 200, page([]string{"Review"}, "@odata.deltaLink", base+"/me/calendarView/delta?$deltatoken=d1"))
		case "$deltatoken=d1":
			writeJSON(w, 200, page([]string{"Review (moved)"}, "@odata.deltaLink", base+"/me/calendarView/delta?$deltatoken=d2"))
		default:
			writeJSON(w, 410, map[string]any{"error": map[string]string{"code": "resyncRequired", "message": r.URL.RawQuery}})
		}
	case p == "GET /me/drive/items/report-id/content":
		http.Redirect(w, r, h.download.URL+"/files/report.pdf?sig=s1", http.StatusFound)
	case p == "POST /me/drive/items/root:/backup.bin:/createUploadSession":
		h.uploaded = append(h.uploaded, nil)
		writeJSON(w, 200, map[string]any{
			"uploadUrl":          h.upload.URL + "/up/" + strconv.Itoa(len(h.uploaded)-1),
			"expirationDateTime": time.Now().Add(time.Hour).UTC().Format(time.RFC3339),
			"nextExpectedRanges": []string{"0-"},
		})
	case p == "POST /$batch":
		var in struct {
			Requests []struct {
				ID, Method, URL string
				DependsOn       []string
			}
		}
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			h.t.Errorf("$batch body: %v", err)
		}
		want := fmt.Sprintf("%+v", []any{
			[]any{"1", "GET", "/me/events/standup?$select=subject", []string(nil)},
			[]any{"2", "DELETE", "/me/events/old-standup", []string{"1"}},
		})
		var got []any
		for _, rq := range in.Requests {
			got = append(got, []any{rq.ID, rq.Method, rq.URL, rq.DependsOn})
		}
		if fmt.Sprintf("%+v", got) != want {
			h.t.Errorf("$batch requests %+v, want %s", got, want)
		}
		writeJSON(w, 200, map[string]any{"responses": []any{
			map[string]any{"id": "2", "status": 429, "headers": map[string]string{"Retry-After": "5", "Content-Type": "application/json"},
				"body": map[string]any{"error": map[string]string{"code": "TooManyRequests", "message": "throttled"}}},
			map[string]any{"id": "1", "status": 200, "headers": map[string]string{"Content-Type": "application/json"},
				"body": map[string]any{"id": "standup", "subject": "Standup"}},
		}})
	default:
		h.t.Errorf("graph host: unexpected %s", p)
		w.WriteHeader(http.StatusNotFound)
	}
}

// serveUpload is an upload session: it takes chunks in order, fails the
// second chunk of the first session once (500, not retried), answers
// GET with the range it expects next and 201 with the item at the end.
func (h *downstreamHosts) serveUpload(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	defer h.mu.Unlock()
	n, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/up/"))
	if err != nil || n >= len(h.uploaded) {
		h.t.Errorf("upload host: %s %s", r.Method, r.URL)
		w.WriteHeader(http.StatusNotFound)
		return
	}
	have := int64(len(h.uploaded[n]))
	next := map[string]any{
		"expirationDateTime": time.Now().Add(time.Hour).UTC().Format(time.RFC3339),
		"nextExpectedRanges": []string{strconv.FormatInt(have, 10) + "-"},
	}
	if r.Method == "GET" {
		writeJSON(w, 200, next)
		return
	}
	var start, end, size int64
	if _, err := fmt.Sscanf(r.Header.Get("Content-Range"), "bytes %d-%d/%d", &start, &end, &size); err != nil || r.Method != "PUT" || start != have {
		h.t.Errorf("upload host: %s Content-Range %q, have %d", r.Method, r.Header.Get("Content-Range"), have)
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	chunk, _ := io.ReadAll(r.Body)
	if n == 0 && start > 0 && !h.broken {
		h.broken = true
		writeJSON(w, 500, map[string]any{"error": map[string]string{"code": "generalException", "message": "broken"}})
		return
	}
	h.uploaded[n] = append(h.uploaded[n], chunk...)
	if int64(len(h.uploaded[n])) < size {
		writeJSON(w, 202, map[string]any{"nextExpectedRanges": []string{strconv.Itoa(len(h.uploaded[n])) + "-"}})
		return
	}
	writeJSON(w, 201, map[string]any{"id": "up1", "name": "backup.bin", "size": size})
}

// runDownstreamProgram builds the module's program (the README's) and
// runs it twice against downstreamHosts: the first run retries the
// throttled delta request, follows the next link, saves the deltaLink,
// downloads through the redirect, resumes the broken upload and reports
// the batch's throttled item; the second run starts from the saved
// deltaLink. The token goes to the Graph host only.
func runDownstreamProgram(t *testing.T, app string) {
	bin := filepath.Join(t.TempDir(), "calsync")
	offlineGo(t, app, "build", "-o", bin, ".")
	h := newDownstreamHosts(t)
	state := t.TempDir()
	upload := filepath.Join(t.TempDir(), "backup.bin")
	content := make([]byte, 800<<10) // two and a half chunks of 320 KiB
	for i := range content {
		content[i] = byte(i * 7)
	}
	writeFile(t, upload, string(content))
	run := func() string {
		t.Helper()
		cmd := exec.Command(bin, "-state", state, "-upload", upload)
		cmd.Env = append(os.Environ(), "GRAPH_BASE_URL="+h.graph.URL+"/v1.0", "GRAPH_TOKEN=secret")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("the README's program: %v\n%s%s", err, out, stderr.String())
		}
		return string(out)
	}
	linkFile := filepath.Join(state, "events.deltalink")
	common := fmt.Sprintf("downloaded: %d bytes\n", len(h.file))

	out := run()
	want := "changed: Standup\nchanged: Review\n" + common
	if !strings.HasPrefix(out, want) || !strings.Contains(out, "\nupload stopped, resuming: ") ||
		!strings.HasSuffix(out, fmt.Sprintf("uploaded: %d bytes\nbatch get: Standup\nbatch delete throttled; retry after 5s\n", len(content))) {
		t.Errorf("first run printed:\n%s", out)
	}
	if link, _ := os.ReadFile(linkFile); string(link) != h.graph.URL+"/v1.0/me/calendarView/delta?$deltatoken=d1" {
		t.Errorf("saved deltaLink %q", link)
	}
	if got, _ := os.ReadFile(filepath.Join(state, "report.pdf")); !bytes.Equal(got, h.file) {
		t.Errorf("downloaded %d bytes, want the %d of the download host", len(got), len(h.file))
	}

	out = run()
	want = "changed: Review (moved)\n" + common + fmt.Sprintf("uploaded: %d bytes\nbatch get: Standup\nbatch delete throttled; retry after 5s\n", len(content))
	if out != want {
		t.Errorf("second run printed:\n%s\nwant:\n%s", out, want)
	}
	if link, _ := os.ReadFile(linkFile); string(link) != h.graph.URL+"/v1.0/me/calendarView/delta?$deltatoken=d2" {
		t.Errorf("saved deltaLink after the second run %q", link)
	}

	h.mu.Lock()
	defer h.mu.Unlock()
	if h.deltaStart != 2 || !slices.Equal(h.retries, []string{"", "1"}) {
		t.Errorf("delta from the start %d times (Retry-Attempt %q), want twice in the first run: the 429 and its retry", h.deltaStart, h.retries)
	}
	if !slices.Equal(h.deltaLinks, []string{"$skiptoken=p2", "$deltatoken=d1"}) {
		t.Errorf("links followed %q", h.deltaLinks)
	}
	if len(h.uploaded) != 2 || !bytes.Equal(h.uploaded[0], content) || !bytes.Equal(h.uploaded[1], content) {
		t.Errorf("upload host received %d sessions", len(h.uploaded))
	}
	for host, seen := range h.auth {
		for _, a := range seen {
			if want := map[bool]string{true: "Bearer secret", false: ""}[host == "graph"]; a != want {
				t.Errorf("%s host got Authorization %q, want %q", host, a, want)
			}
		}
	}
	if len(h.auth["download"]) != 2 || len(h.auth["upload"]) == 0 {
		t.Errorf("requests per host: %d download, %d upload", len(h.auth["download"]), len(h.auth["upload"]))
	}
}
