package runtime

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// DefaultMaxResponseSize is the most bytes of a JSON response body a
// Client reads and decodes unless WithMaxResponseSize sets another limit:
// 64 MiB. It applies after decompression. A larger body is an error that
// names the limit; binary downloads (io.ReadCloser results) are streamed
// and not limited.
const DefaultMaxResponseSize = 64 << 20

// DefaultAttemptTimeout bounds each attempt of a request when the
// http.Client has no Timeout of its own: two minutes, from sending the
// request to the end of a JSON body, or to the response headers of a
// download. WithAttemptTimeout changes it; the context still bounds the
// whole call.
const DefaultAttemptTimeout = 2 * time.Minute

// WithMaxResponseSize sets the most bytes of a JSON response body that is
// read and decoded; n <= 0 keeps DefaultMaxResponseSize.
func WithMaxResponseSize(n int64) Option {
	return func(c *Client) {
		if n > 0 {
			c.maxBody = n
		}
	}
}

// WithAttemptTimeout sets the timeout of each attempt used when the
// http.Client has no Timeout; d <= 0 turns it off.
func WithAttemptTimeout(d time.Duration) Option {
	return func(c *Client) { c.attemptTimeout = max(d, 0) }
}

// RetryPolicy says how a request is retried.
//
// Which requests: a 429 (throttled) or a 503 (unavailable) response is
// retried whatever the method, since the service did not process the
// request. A 502 or 504 response and a transport error (a reset
// connection, an attempt timeout) are retried only for idempotent methods
// (GET, HEAD, OPTIONS, PUT, DELETE): a POST or PATCH may have been
// processed. A 500 or any other status is never retried. A request whose
// body cannot be replayed (an io.Reader that is not an io.Seeker) is sent
// once; JSON bodies and seekable readers are sent complete on every
// attempt.
//
// How long: the Retry-After header (seconds or an HTTP date) when the
// response has one; otherwise BaseDelay doubled after every attempt, at
// most MaxDelay, with jitter (a random half of it). Every retry carries a
// Retry-Attempt header with its number (1 for the first retry). Retrying
// stops after MaxAttempts attempts, when the next wait would take the
// total past MaxTotalWait (the last response or error is returned), or
// when the context is done.
type RetryPolicy struct {
	// MaxAttempts is the most attempts, the first one included; 1 or less
	// means no retries.
	MaxAttempts int
	// BaseDelay is the wait before the first retry without Retry-After.
	BaseDelay time.Duration
	// MaxDelay caps one backoff wait (not a Retry-After).
	MaxDelay time.Duration
	// MaxTotalWait caps the sum of the waits of one call.
	MaxTotalWait time.Duration
}

// DefaultRetryPolicy is what New uses: 4 attempts, a backoff from 500ms
// to 30s, at most 2 minutes of waiting in all.
func DefaultRetryPolicy() *RetryPolicy {
	return &RetryPolicy{MaxAttempts: 4, BaseDelay: 500 * time.Millisecond, MaxDelay: 30 * time.Second, MaxTotalWait: 2 * time.Minute}
}

// WithRetry sets the retry policy of every call; nil turns retries off.
func WithRetry(p *RetryPolicy) Option {
	return func(c *Client) { c.retry = p }
}

// Middleware wraps every attempt of every request, for logging, tracing
// or metrics without replacing the transport: it may change req, must call
// next (or return an error) and may look at or replace the response.
// Redirects are followed inside next.
type Middleware func(req *http.Request, next func(*http.Request) (*http.Response, error)) (*http.Response, error)

// WithMiddleware adds m; the first added is the outermost.
func WithMiddleware(m Middleware) Option {
	return func(c *Client) {
		if m != nil {
			c.middleware = append(c.middleware, m)
		}
	}
}

// RequestOption changes one call; every operation takes them last.
type RequestOption func(*callConfig)

// callConfig is what the RequestOptions of one call set.
type callConfig struct {
	header    http.Header
	query     url.Values
	retry     *RetryPolicy
	retrySet  bool
	response  **http.Response
	streaming bool      // a download: the attempt timeout ends at the headers
	redirect  **url.URL // WithRedirectURL: a download's redirect is stored here, not followed
}

// WithHeader adds a request header to one call (after the operation's own,
// which it can override by name).
func WithHeader(key, value string) RequestOption {
	return func(cc *callConfig) {
		if cc.header == nil {
			cc.header = http.Header{}
		}
		cc.header.Add(key, value)
	}
}

// WithQuery adds a query parameter to one call.
func WithQuery(key, value string) RequestOption {
	return func(cc *callConfig) {
		if cc.query == nil {
			cc.query = url.Values{}
		}
		cc.query.Add(key, value)
	}
}

// WithCallRetry sets the retry policy of one call; nil sends it once.
func WithCallRetry(p *RetryPolicy) RequestOption {
	return func(cc *callConfig) { cc.retry, cc.retrySet = p, true }
}

// WithResponse stores the raw *http.Response of the call's last attempt in
// *dst, for its headers and status. Its body is already read (for JSON
// results, a reader of the same bytes) or is the stream the call returns.
func WithResponse(dst **http.Response) RequestOption {
	return func(cc *callConfig) { cc.response = dst }
}

// callOptions applies the options of r. It returns the callConfig by
// value, so that a call without options allocates none.
func (c *Client) callOptions(r *request) callConfig {
	if len(r.opts) == 0 {
		return callConfig{retry: c.retry}
	}
	cc := &callConfig{retry: c.retry}
	for _, o := range r.opts {
		if o != nil {
			o(cc)
		}
	}
	return *cc
}

// capture stores resp where WithResponse asked.
func (cc *callConfig) capture(resp *http.Response) {
	if cc.response != nil {
		*cc.response = resp
	}
}

// sameOrigin reports whether u has the scheme, host and port of base and
// no userinfo.
func sameOrigin(base, u *url.URL) bool {
	return u.User == nil && strings.EqualFold(base.Scheme, u.Scheme) &&
		strings.EqualFold(base.Hostname(), u.Hostname()) && port(base) == port(u)
}

// port is u's port, or its scheme's default.
func port(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return "443"
	case "http":
		return "80"
	}
	return ""
}

// checkLink returns the error for a service-sent link (an @odata.nextLink
// or @odata.deltaLink) that is not on the base URL's origin: the client
// follows such links with the token, so one elsewhere is refused.
func (c *Client) checkLink(what, link string) error {
	u, err := url.Parse(link)
	if err != nil {
		return fmt.Errorf("graph: %s %q: %w", what, link, err)
	}
	if !c.trusted(u) {
		return fmt.Errorf("graph: %s %q is not on the base URL's origin %s; not followed", what, redact(u), c.baseURL)
	}
	return nil
}

// redact is u without its userinfo's password.
func redact(u *url.URL) string { return u.Redacted() }

// httpClientFor returns a copy of the Client's http.Client whose
// CheckRedirect enforces the token scope on every hop: Authorization is
// dropped on a hop off the base URL's origin (net/http keeps it for the
// same host on another port or scheme, and for subdomains), a redirect
// from https to http or to a URL with userinfo is refused, and with
// noRedirect the redirect response itself is returned. The caller's own
// CheckRedirect, if any, runs after these checks.
//
// New makes the two copies once (scoped); a Client whose http.Client was
// replaced since (a batch's recording copy) makes them per call.
func (c *Client) httpClientFor(noRedirect bool) *http.Client {
	if s := c.scoped; s != nil && s.src == c.httpClient {
		if noRedirect {
			return s.noRedirect
		}
		return s.follow
	}
	return c.scopedCopy(noRedirect)
}

// scopedClients are the two copies httpClientFor returns, made from src.
type scopedClients struct {
	src                *http.Client
	follow, noRedirect *http.Client
}

// scopeClients makes c's scopedClients from its current http.Client.
func (c *Client) scopeClients() {
	c.scoped = &scopedClients{src: c.httpClient, follow: c.scopedCopy(false), noRedirect: c.scopedCopy(true)}
}

// scopedCopy is a copy of c's http.Client with the CheckRedirect
// described at httpClientFor.
func (c *Client) scopedCopy(noRedirect bool) *http.Client {
	hc := *c.httpClient
	prev := c.httpClient.CheckRedirect
	hc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if noRedirect {
			return http.ErrUseLastResponse
		}
		if strings.EqualFold(via[0].URL.Scheme, "https") && !strings.EqualFold(req.URL.Scheme, "https") {
			return fmt.Errorf("graph: redirect from https to %s refused", redact(req.URL))
		}
		if req.URL.User != nil {
			return fmt.Errorf("graph: redirect to %s refused: it has userinfo", redact(req.URL))
		}
		if !c.trusted(req.URL) {
			req.Header.Del("Authorization")
		}
		if prev != nil {
			return prev(req, via)
		}
		if len(via) >= 10 {
			return errors.New("graph: stopped after 10 redirects")
		}
		return nil
	}
	return &hc
}

// errAttemptTimeout is the cause of an attempt cut off by the attempt
// timeout.
var errAttemptTimeout = errors.New("attempt timeout (WithAttemptTimeout)")

// send sends r, retrying as the call's policy says, and returns the last
// response, with cancel, which the caller calls when done with the body.
func (c *Client) send(ctx context.Context, r *request, cc *callConfig, accept string, noRedirect bool) (*http.Response, func(), error) {
	if c.batch != nil {
		return c.batch.send(ctx, c, r, cc, accept)
	}
	hc := c.httpClientFor(noRedirect)
	policy := cc.retry
	var waited time.Duration
	for attempt := 1; ; attempt++ {
		actx, cancel, started := c.attemptContext(ctx, hc, cc.streaming)
		req, replayable, err := c.newRequest(actx, r, accept, cc)
		if err != nil {
			cancel()
			return nil, nil, err
		}
		if attempt > 1 {
			req.Header.Set("Retry-Attempt", strconv.Itoa(attempt-1))
		}
		resp, err := c.roundTrip(hc, req)
		started()
		retry := policy != nil && attempt < policy.MaxAttempts && replayable && ctx.Err() == nil && retryable(req.Method, resp, err)
		var wait time.Duration
		if retry {
			wait = policy.delay(attempt, resp)
			retry = wait <= policy.MaxTotalWait-waited
		}
		if !retry {
			if err != nil {
				cancel()
				if cause := context.Cause(actx); errors.Is(cause, errAttemptTimeout) && ctx.Err() == nil {
					return nil, nil, fmt.Errorf("graph: %s %s: %w", r.method, r.path, cause)
				}
				return nil, nil, fmt.Errorf("graph: %w", err)
			}
			return resp, cancel, nil
		}
		if resp != nil {
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorBody))
			resp.Body.Close()
		}
		cancel()
		waited += wait
		if err := c.sleep(ctx, wait); err != nil {
			return nil, nil, fmt.Errorf("graph: %s %s: waiting to retry: %w", r.method, r.path, err)
		}
	}
}

// attemptContext returns the context of one attempt: ctx with the attempt
// timeout when the http.Client has none. For a download the timeout ends
// when started is called (at the response headers).
func (c *Client) attemptContext(ctx context.Context, hc *http.Client, streaming bool) (context.Context, func(), func()) {
	if hc.Timeout > 0 || c.attemptTimeout <= 0 {
		if !streaming {
			// nothing to end early: closing the body ends the attempt
			return ctx, func() {}, func() {}
		}
		actx, cancel := context.WithCancel(ctx)
		return actx, cancel, func() {}
	}
	if !streaming {
		if d, ok := ctx.Deadline(); ok && !d.After(time.Now().Add(c.attemptTimeout)) {
			// ctx ends first: a timer context would end with it
			return ctx, func() {}, func() {}
		}
		// one timer context: fewer allocations on every JSON call
		actx, cancel := context.WithTimeoutCause(ctx, c.attemptTimeout, errAttemptTimeout)
		return actx, cancel, func() {}
	}
	actx, cancel := context.WithCancelCause(ctx)
	timer := time.AfterFunc(c.attemptTimeout, func() { cancel(errAttemptTimeout) })
	return actx, func() { timer.Stop(); cancel(context.Canceled) }, func() { timer.Stop() }
}

// roundTrip sends req through the middleware and hc.
func (c *Client) roundTrip(hc *http.Client, req *http.Request) (*http.Response, error) {
	if len(c.middleware) == 0 {
		return hc.Do(req)
	}
	next := hc.Do
	for i := len(c.middleware) - 1; i >= 0; i-- {
		m, inner := c.middleware[i], next
		next = func(req *http.Request) (*http.Response, error) { return m(req, inner) }
	}
	return next(req)
}

// retryable reports whether an attempt that ended with resp or err may be
// sent again (see RetryPolicy).
func retryable(method string, resp *http.Response, err error) bool {
	idempotent := false
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodPut, http.MethodDelete:
		idempotent = true
	}
	if err != nil {
		var ne net.Error
		return idempotent && (errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, errAttemptTimeout) || errors.Is(err, context.DeadlineExceeded))
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		return true
	case http.StatusBadGateway, http.StatusGatewayTimeout:
		return idempotent
	}
	return false
}

// delay is the wait before attempt+1: the response's Retry-After, else
// the backoff with jitter.
func (p *RetryPolicy) delay(attempt int, resp *http.Response) time.Duration {
	if resp != nil {
		if d := retryAfter(resp.Header.Get("Retry-After"), time.Now()); d > 0 {
			return d
		}
	}
	d := p.BaseDelay
	for i := 1; i < attempt && d < p.MaxDelay; i++ {
		d *= 2
	}
	if p.MaxDelay > 0 {
		d = min(d, p.MaxDelay)
	}
	if d <= 0 {
		return 0
	}
	return d/2 + rand.N(d/2+1)
}

// sleepCtx waits d or until ctx is done.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// errTooLarge is the error of a body over its limit.
var errTooLarge = errors.New("response body too large")

// readLimited reads r to its end, at most limit bytes: a longer body
// gives the first limit bytes and errTooLarge. size is the length the
// response announces (-1 when unknown); the buffer starts at it, so that a
// body of that length takes one allocation.
func readLimited(r io.Reader, limit, size int64) ([]byte, error) {
	// one byte more than the limit tells a body over it; one more than
	// the announced size leaves room for the read that sees the end
	most := limit // the most bytes read
	if most < math.MaxInt64 {
		most++
	}
	n := int64(512)
	if size >= 0 {
		n = min(size, limit, maxPrealloc) + 1
	}
	b := make([]byte, 0, n)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		room := b[len(b):cap(b)]
		if left := most - int64(len(b)); int64(len(room)) > left {
			room = room[:left]
		}
		m, err := r.Read(room)
		b = b[:len(b)+m]
		if int64(len(b)) > limit {
			return b[:limit], errTooLarge
		}
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
}

// maxPrealloc bounds the buffer readLimited makes from an announced
// length before any byte has arrived.
const maxPrealloc = 1 << 20

// readBody is a response body already read: a reader of its bytes.
type readBody struct {
	bytes.Reader
}

// newReadBody returns a reader of b that is also an io.ReadCloser, in one
// allocation.
func newReadBody(b []byte) *readBody {
	rb := &readBody{}
	rb.Reset(b)
	return rb
}

// Close does nothing: the bytes stay readable.
func (*readBody) Close() error { return nil }

// cancelBody is a download's body; Close ends its attempt's context.
type cancelBody struct {
	io.ReadCloser
	cancel func()
}

// Close closes the body and releases its context.
func (b *cancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// isMemoryReader reports whether body is one net/http can replay itself
// (it sets GetBody for these).
func isMemoryReader(body io.Reader) bool {
	switch body.(type) {
	case *bytes.Buffer, *bytes.Reader, *strings.Reader:
		return true
	}
	return false
}
