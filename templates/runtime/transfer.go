package runtime

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// This file holds file transfers: the redirect of a download (/content)
// and large uploads through an upload session (createUploadSession).
//
// Downloads. An operation that returns file content (io.ReadCloser) streams
// the response body: the service either answers 200 with the bytes or 302
// with a pre-authenticated download URL, which the call follows without the
// bearer token (the token goes to the base URL's origin only). The stream is
// not subject to WithMaxResponseSize and the attempt timeout ends at the
// response headers; the context of the call bounds the whole download, so
// cancelling it ends a Read. WithRedirectURL returns the download URL
// instead of following it.
//
// Uploads. Upload sends a file to the uploadUrl of an upload session in
// chunks; ResumeUpload continues one that stopped; CancelUpload deletes the
// session. None of them sends the bearer token: the upload URL is
// pre-authenticated and Graph refuses a PUT with an Authorization header.

// WithRedirectURL makes a download (an operation returning io.ReadCloser)
// stop at a redirect and store its Location, the pre-authenticated download
// URL, in *dst; the call then returns an empty body (http.NoBody). When the
// service answers with the content itself, *dst is set to nil and the body
// is the content. The URL needs no token and is valid for a few minutes;
// fetch it with any HTTP client, for example with a Range header for part
// of the file. Other operations ignore the option.
func WithRedirectURL(dst **url.URL) RequestOption {
	return func(cc *callConfig) { cc.redirect = dst }
}

// isRedirect reports whether status is a redirect with a Location to
// follow (not 304 Not Modified).
func isRedirect(status int) bool {
	switch status {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// UploadChunkUnit is the unit of an upload chunk: Graph requires every
// chunk but the last to be a multiple of 320 KiB.
const UploadChunkUnit = 320 << 10

// DefaultUploadChunkSize is the chunk size Upload uses unless
// UploadOptions.ChunkSize sets another: 5 MiB, 16 units of 320 KiB.
const DefaultUploadChunkSize = 16 * UploadChunkUnit

// MaxUploadChunkSize is the largest chunk size: Graph takes less than
// 60 MiB in one request, so 191 units of 320 KiB.
const MaxUploadChunkSize = 191 * UploadChunkUnit

// UploadOptions configure Upload and ResumeUpload; a nil *UploadOptions
// is the defaults.
type UploadOptions struct {
	// ChunkSize is the most bytes sent in one PUT: a positive multiple of
	// UploadChunkUnit, at most MaxUploadChunkSize. Zero is
	// DefaultUploadChunkSize.
	ChunkSize int64
	// Progress, when not nil, is called after every chunk the session
	// accepts, with the bytes it holds (where its next expected range
	// starts, or size once it has every byte) and the file's size;
	// ResumeUpload calls it once more first, with where the session
	// stands. It runs on the caller's goroutine and should return quickly.
	Progress func(uploaded, size int64)
}

// chunkSize returns the chunk size of o, checked.
func (o *UploadOptions) chunkSize() (int64, error) {
	if o == nil || o.ChunkSize == 0 {
		return DefaultUploadChunkSize, nil
	}
	n := o.ChunkSize
	if n < 0 || n%UploadChunkUnit != 0 || n > MaxUploadChunkSize {
		return 0, fmt.Errorf("graph: upload chunk size %d is not a positive multiple of %d (320 KiB) up to %d", n, UploadChunkUnit, MaxUploadChunkSize)
	}
	return n, nil
}

// Upload sends size bytes of content to uploadURL, the uploadUrl of an
// upload session (the result of a createUploadSession operation), and
// decodes the service's final response into a new T, such as the
// DriveItem of the uploaded file:
//
//	// the createUploadSession operation of your docs, here driveItem's
//	session, err := c.CreateUploadSessionMeDriveItemsByPath(ctx, parentID, name, &DriveitemCreateuploadsessionRequestBody{})
//	if err != nil {
//		return err
//	}
//	uploadURL, _ := session.UploadURL.Get()
//	f, _ := os.Open(name) // an *os.File is an io.ReaderAt
//	st, _ := f.Stat()
//	item, err := Upload[DriveItem](ctx, c, uploadURL, f, st.Size(), &UploadOptions{
//		Progress: func(done, size int64) { log.Printf("%d of %d bytes", done, size) },
//	})
//	if err != nil {
//		// the session lives on until it expires: continue where it stopped
//		item, err = ResumeUpload[DriveItem](ctx, c, uploadURL, f, st.Size(), nil)
//	}
//
// The chunks are sent in order, one PUT each with Content-Length and
// Content-Range ("bytes 0-5242879/12345678") and no Authorization header;
// the next one starts where the session's nextExpectedRanges says. A chunk
// is retried as the Client's retry policy says (a PUT is idempotent, so
// also after a broken connection), and WithCallRetry in opts changes that
// for every request of the upload. A chunk the session answers 416 (it had
// those bytes already) makes Upload ask the session what it still expects
// and continue from there.
//
// The upload ends with the response that lists no next expected range: a
// 200 or 201 whose body is decoded into T (a 201 with an empty body, as
// Outlook attachments answer, gives a zero T; WithResponse captures the
// response for its Location header). With deferCommit the session answers
// the last chunk without an item; T is then decoded from that body and the
// caller commits as the docs say.
//
// An error leaves the session as it is: ResumeUpload continues it and
// CancelUpload deletes it. A response other than 2xx is an *Error. Upload
// reads content with ReadAt only, at the offsets the session asks for, so
// the same content can be passed to ResumeUpload. A file of 0 bytes cannot
// go through an upload session: replace the content with a single PUT.
func Upload[T any](ctx context.Context, c *Client, uploadURL string, content io.ReaderAt, size int64, uo *UploadOptions, opts ...RequestOption) (*T, error) {
	u, err := newUploader(c, uploadURL, content, size, uo, opts)
	if err != nil {
		return nil, err
	}
	return finishUpload[T](u.run(ctx, []byteRange{{start: 0, end: size - 1}}))
}

// ResumeUpload continues an upload to uploadURL that stopped, after an
// error of Upload or in another process: it asks the session which bytes
// it still expects (GET on uploadURL, nextExpectedRanges) and sends those
// from content, as Upload does. content and size must be those of the
// upload that stopped. A session that has expired or already completed is
// an error (its GET answers 404, as *Error).
func ResumeUpload[T any](ctx context.Context, c *Client, uploadURL string, content io.ReaderAt, size int64, uo *UploadOptions, opts ...RequestOption) (*T, error) {
	u, err := newUploader(c, uploadURL, content, size, uo, opts)
	if err != nil {
		return nil, err
	}
	ranges, err := u.status(ctx)
	if err != nil {
		return nil, err
	}
	return finishUpload[T](u.run(ctx, ranges))
}

// CancelUpload deletes the upload session at uploadURL and the bytes it
// holds (DELETE on uploadURL, without the bearer token).
func CancelUpload(ctx context.Context, c *Client, uploadURL string, opts ...RequestOption) error {
	if err := checkUploadURL(uploadURL); err != nil {
		return err
	}
	_, err := c.do(ctx, &request{
		method: http.MethodDelete,
		noAuth: true,
		opts:   opts,
		path:   uploadURL,
	}, nil)
	if err != nil {
		return fmt.Errorf("graph: cancel upload: %w", err)
	}
	return nil
}

// byteRange is an inclusive range of byte offsets.
type byteRange struct{ start, end int64 }

// uploadState is the body of an upload session's answer to a chunk or to
// GET: encoding/json matches the keys in any case, as Outlook writes
// NextExpectedRanges.
type uploadState struct {
	ExpirationDateTime string   `json:"expirationDateTime"`
	NextExpectedRanges []string `json:"nextExpectedRanges"`
}

// uploader is one Upload or ResumeUpload.
type uploader struct {
	c        *Client
	url      string
	content  io.ReaderAt
	size     int64
	chunk    int64
	progress func(uploaded, size int64)
	opts     []RequestOption
}

// checkUploadURL returns the error for an upload URL that is not an
// absolute http or https URL.
func checkUploadURL(uploadURL string) error {
	u, err := url.Parse(uploadURL)
	if err != nil {
		return fmt.Errorf("graph: upload URL: %w", err)
	}
	if (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("graph: upload URL %q is not an absolute http(s) URL", u.Redacted())
	}
	return nil
}

func newUploader(c *Client, uploadURL string, content io.ReaderAt, size int64, uo *UploadOptions, opts []RequestOption) (*uploader, error) {
	if err := checkUploadURL(uploadURL); err != nil {
		return nil, err
	}
	if size <= 0 {
		return nil, fmt.Errorf("graph: upload of %d bytes: an upload session takes 1 byte or more", size)
	}
	if content == nil {
		return nil, errors.New("graph: upload: nil content")
	}
	chunk, err := uo.chunkSize()
	if err != nil {
		return nil, err
	}
	u := &uploader{c: c, url: uploadURL, content: content, size: size, chunk: chunk, opts: opts}
	if uo != nil {
		u.progress = uo.Progress
	}
	return u, nil
}

// report calls the progress callback.
func (u *uploader) report(uploaded int64) {
	if u.progress != nil {
		u.progress(uploaded, u.size)
	}
}

// status asks the session which ranges it still expects and reports where
// it stands.
func (u *uploader) status(ctx context.Context) ([]byteRange, error) {
	var st uploadState
	if _, err := u.c.do(ctx, &request{
		method: http.MethodGet,
		noAuth: true,
		opts:   u.opts,
		path:   u.url,
	}, &st); err != nil {
		return nil, fmt.Errorf("graph: upload status: %w", err)
	}
	if t, err := time.Parse(time.RFC3339Nano, st.ExpirationDateTime); err == nil && !t.After(time.Now()) {
		return nil, fmt.Errorf("graph: upload session expired at %s", st.ExpirationDateTime)
	}
	ranges, err := parseRanges(st.NextExpectedRanges, u.size)
	if err != nil {
		return nil, fmt.Errorf("graph: upload status: %w", err)
	}
	if len(ranges) == 0 {
		return nil, errors.New("graph: upload status: the session expects no more bytes; nothing to resume")
	}
	u.report(ranges[0].start)
	return ranges, nil
}

// run sends the chunks of ranges and what the session asks for next, and
// returns the final response's body.
func (u *uploader) run(ctx context.Context, ranges []byteRange) ([]byte, error) {
	// A session that keeps asking for bytes it was sent would loop
	// forever: allow twice the chunks of the file, and a few resyncs.
	budget := 2*((u.size+u.chunk-1)/u.chunk) + 4
	resynced := false
	for {
		if budget--; budget < 0 {
			return nil, errors.New("graph: upload: the session keeps asking for bytes it was sent")
		}
		r := ranges[0]
		end := min(r.start+u.chunk, r.end+1, u.size) // exclusive
		status, body, err := u.put(ctx, r.start, end)
		if err != nil {
			var ge *Error
			if errors.As(err, &ge) && ge.StatusCode == http.StatusRequestedRangeNotSatisfiable && !resynced {
				// the session has (some of) these bytes: ask what it lacks
				resynced = true
				if ranges, err = u.status(ctx); err != nil {
					return nil, err
				}
				continue
			}
			return nil, err
		}
		resynced = false
		var st uploadState
		if status != http.StatusCreated {
			// a body that is not a session's state (the item) lists no range
			_ = json.Unmarshal(body, &st)
		}
		next, err := parseRanges(st.NextExpectedRanges, u.size)
		if err != nil {
			return nil, fmt.Errorf("graph: upload bytes %d-%d: %w", r.start, end-1, err)
		}
		if len(next) == 0 {
			u.report(u.size)
			return body, nil
		}
		ranges = next
		u.report(ranges[0].start)
	}
}

// put sends bytes [start, end) of the file and returns the status and
// body of the answer.
func (u *uploader) put(ctx context.Context, start, end int64) (int, []byte, error) {
	var body []byte
	resp, err := u.c.do(ctx, &request{
		contentLength: end - start,
		contentType:   "application/octet-stream",
		header: http.Header{
			"Content-Range": {"bytes " + strconv.FormatInt(start, 10) + "-" + strconv.FormatInt(end-1, 10) + "/" + strconv.FormatInt(u.size, 10)},
		},
		method:  http.MethodPut,
		noAuth:  true,
		opts:    u.opts,
		path:    u.url,
		rawBody: io.NewSectionReader(u.content, start, end-start),
	}, &body)
	if err != nil {
		return 0, nil, fmt.Errorf("graph: upload bytes %d-%d of %d: %w", start, end-1, u.size, err)
	}
	return resp.StatusCode, body, nil
}

// parseRanges reads nextExpectedRanges: "start-end", "start-" or, as
// Outlook writes, "start", each within a file of size bytes.
func parseRanges(ss []string, size int64) ([]byteRange, error) {
	var out []byteRange
	for _, s := range ss {
		a, b, dash := strings.Cut(strings.TrimSpace(s), "-")
		start, err := strconv.ParseInt(a, 10, 64)
		end := size - 1
		if err == nil && dash && b != "" {
			end, err = strconv.ParseInt(b, 10, 64)
		}
		if err != nil || start < 0 || start > end || end >= size {
			return nil, fmt.Errorf("next expected range %q is not within the file's %d bytes", s, size)
		}
		out = append(out, byteRange{start: start, end: end})
	}
	return out, nil
}

// finishUpload decodes the final body of an upload into a new T.
func finishUpload[T any](body []byte, err error) (*T, error) {
	if err != nil {
		return nil, err
	}
	out := new(T)
	if len(strings.TrimSpace(string(body))) == 0 {
		return out, nil
	}
	if err := decodeBody("application/json", body, out); err != nil {
		return nil, fmt.Errorf("graph: decode upload response: %w", err)
	}
	return out, nil
}
