package runtime

import (
	"bytes"
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// MaxBatchRequests is the most requests Graph takes in one $batch
// request. Send splits a larger Batch into several $batch requests.
const MaxBatchRequests = 20

// Batch collects calls of the Client's operations and sends them as JSON
// batches (POST /$batch), MaxBatchRequests to a request:
//
//	b := NewBatch(c)
//	ev := Add(b, func(c *Client) (*Event, error) {
//		return c.GetMeEvents(ctx, id, nil)
//	})
//	del := AddNoResult(b, func(c *Client) error {
//		return c.DeleteMeEvents(ctx, otherID)
//	}, ev) // sent after ev, in the same $batch request
//	if err := b.Send(ctx); err != nil {
//		return err // the $batch request itself failed
//	}
//	e, err := ev.Result() // *Event, or this item's *Error
//
// Each item is the operation's own method, so its arguments and result are
// typed as in a direct call; its answer in the batch response is decoded
// as a direct call's response would be: the result type on success, an
// *Error with the item's status, headers (Retry-After) and body
// otherwise. Items are not retried: a throttled item (429) is that item's
// *Error, its RetryAfter set from the item's Retry-After header, to add to
// a new Batch after the wait. The $batch request itself is retried as the
// Client's RetryPolicy says.
//
// A download (an operation returning io.ReadCloser) gives its content
// when the service answers with it; a batch follows no redirect, so for
// one answered 302 with the download URL pass WithRedirectURL to the call
// (the item's result is then an empty body and the URL is stored).
//
// A Batch is not safe for concurrent use; it is sent once.
type Batch struct {
	c       *Client
	opts    []RequestOption
	entries []*batchEntry
	err     error // the first Add error: Send sends nothing
	sent    bool
}

// NewBatch returns an empty Batch of c. opts apply to each $batch request
// (WithHeader, WithCallRetry, WithResponse: the last one); options of an
// item go in its own call.
func NewBatch(c *Client, opts ...RequestOption) *Batch {
	return &Batch{
		c:    c,
		opts: opts,
	}
}

// Len returns the number of items added.
func (b *Batch) Len() int {
	return len(b.entries)
}

// BatchRef is an item of a Batch that another item can depend on:
// *BatchItem[T] of Add and AddNoResult.
type BatchRef interface {
	ref() *batchEntry
}

// BatchItem is one call of a Batch; Result returns its result after Send.
type BatchItem[T any] struct {
	entry *batchEntry
	value T
	err   error
}

// ID returns the item's id in the $batch request: "1" for the first item
// added, then "2" and so on.
func (it *BatchItem[T]) ID() string {
	return it.entry.id
}

// Result returns what the call returned when its response was decoded: the
// result, or the item's error (*Error for an unexpected status, such as
// 424 Failed Dependency when an item it depends on failed). Before Send,
// or when its $batch request failed, the error says so.
func (it *BatchItem[T]) Result() (T, error) {
	return it.value, it.err
}

// Err returns the error Result returns.
func (it *BatchItem[T]) Err() error {
	return it.err
}

// ref returns the item's entry.
func (it *BatchItem[T]) ref() *batchEntry {
	return it.entry
}

// Add adds the call of one operation to b, made through c, the Client it
// is given: call must make exactly one call of c and return its result,
// since it is run twice, once when added to record the request (nothing is
// sent) and once after Send to decode the item's response. dependsOn are
// items of b this one waits for (dependsOn in the $batch request); they
// are sent in one $batch request with it. A call that cannot be batched
// (none, or more than one request, or a request that cannot be built) is
// the item's error, and Send then sends nothing.
func Add[T any](b *Batch, call func(c *Client) (T, error), dependsOn ...BatchRef) *BatchItem[T] {
	it := &BatchItem[T]{}
	it.entry = b.add(func(c *Client) error {
		it.value, it.err = call(c)
		return it.err
	}, func(err error) {
		var zero T
		it.value, it.err = zero, err
	}, dependsOn)
	return it
}

// AddNoResult is Add for an operation that returns an error only, such as
// a delete.
func AddNoResult(b *Batch, call func(c *Client) error, dependsOn ...BatchRef) *BatchItem[struct{}] {
	return Add(b, func(c *Client) (struct{}, error) {
		return struct{}{}, call(c)
	}, dependsOn...)
}

// batchEntry is one item of a Batch.
type batchEntry struct {
	batch *Batch
	n     int    // position in the batch, from 1
	id    string // n in decimal
	req   batchRequest
	deps  []*batchEntry
	run   func(c *Client) error // the call, with the result stored in its item
	fail  func(err error)       // stores err as the item's result
}

// batchRequest is one request of a $batch request body.
type batchRequest struct {
	ID        string            `json:"id"`
	Method    string            `json:"method"`
	URL       string            `json:"url"`
	Headers   map[string]string `json:"headers,omitempty"`
	Body      json.RawMessage   `json:"body,omitempty"`
	DependsOn []string          `json:"dependsOn,omitempty"`
}

// batchResponse is one response of a $batch response body.
type batchResponse struct {
	ID      string            `json:"id"`
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Body    json.RawMessage   `json:"body"`
}

// errBatchRecorded is what a call recorded by Add gets instead of a
// response.
var errBatchRecorded = errors.New("graph: request recorded for a batch, not sent")

// errBatchNotSent is an item's result before Send.
var errBatchNotSent = errors.New("graph: the batch has not been sent")

// batchHook stands in for sending on the Client a batch call is given:
// when recording, it keeps the request; when replaying, it answers with
// the item's response.
type batchHook struct {
	n      int            // requests seen
	req    *batchRequest  // the recorded request
	err    error          // building the request failed
	answer *http.Response // replaying: the item's response
}

// send is Client.send for a batch call.
func (h *batchHook) send(ctx context.Context, c *Client, r *request, cc *callConfig, accept string) (*http.Response, func(), error) {
	h.n++
	if h.n > 1 {
		return nil, nil, errors.New("graph: a batch item is one request; the call made more")
	}
	if h.answer != nil {
		if cc.streaming && cc.redirect == nil && isRedirect(h.answer.StatusCode) {
			// a batch follows no redirect: the download URL is the result
			return nil, nil, fmt.Errorf("graph: %s %s: the service answered %d with the download URL; a batch follows no redirect: pass WithRedirectURL to the call to get it", r.method, r.path, h.answer.StatusCode)
		}
		return h.answer, func() {}, nil
	}
	req, _, err := c.newRequest(ctx, r, accept, cc)
	if err == nil {
		var br batchRequest
		br, err = c.toBatchRequest(req)
		h.req = &br
	}
	if err != nil {
		h.err = err
		return nil, nil, err
	}
	return nil, nil, errBatchRecorded
}

// batchClient returns a copy of c whose requests go to h: without a
// token, a User-Agent or middleware (the $batch request has them), and
// with an http.Client that refuses to send, should a call find a way
// around send.
func (c *Client) batchClient(h *batchHook) *Client {
	cp := *c
	cp.batch = h
	cp.tokens = nil
	cp.userAgent = ""
	cp.middleware = nil
	cp.httpClient = &http.Client{Transport: batchNoNetwork{}}
	return &cp
}

// batchNoNetwork is the transport of a batch call's Client.
type batchNoNetwork struct{}

// RoundTrip refuses req.
func (batchNoNetwork) RoundTrip(req *http.Request) (*http.Response, error) {
	return nil, fmt.Errorf("graph: %s %s cannot be part of a batch", req.Method, redact(req.URL))
}

// add records a call as the next entry of b.
func (b *Batch) add(run func(c *Client) error, fail func(error), deps []BatchRef) *batchEntry {
	e := &batchEntry{
		batch: b,
		fail:  fail,
		id:    strconv.Itoa(len(b.entries) + 1),
		n:     len(b.entries) + 1,
		run:   run,
	}
	b.entries = append(b.entries, e)
	err := b.record(e, deps)
	if err != nil {
		err = fmt.Errorf("graph: batch item %s: %w", e.id, err)
		if b.err == nil {
			b.err = err
		}
		fail(err)
		return e
	}
	fail(errBatchNotSent)
	return e
}

// record fills e's request and dependencies.
func (b *Batch) record(e *batchEntry, deps []BatchRef) error {
	if b.sent {
		return errors.New("added after Send")
	}
	for _, d := range deps {
		var de *batchEntry
		if d != nil {
			de = d.ref()
		}
		if de == nil || de.batch != b {
			return errors.New("depends on an item of another batch")
		}
		e.deps = append(e.deps, de)
		e.req.DependsOn = append(e.req.DependsOn, de.id)
	}
	h := &batchHook{}
	err := e.run(b.c.batchClient(h))
	switch {
	case h.err != nil:
		return h.err
	case h.n > 1:
		return fmt.Errorf("the call made %d requests; an item is one", h.n)
	case h.n == 0 && err != nil:
		return err
	case h.req == nil:
		return errors.New("the call made no request through the Client it was given")
	}
	deps0 := e.req.DependsOn
	e.req = *h.req
	e.req.ID = e.id
	e.req.DependsOn = deps0
	return nil
}

// toBatchRequest turns req, built by newRequest, into a request of a
// $batch body: its URL relative to the base URL, its headers but Accept,
// and its body as JSON when it is JSON, else base64.
func (c *Client) toBatchRequest(req *http.Request) (batchRequest, error) {
	br := batchRequest{Method: req.Method}
	base, err := c.baseURLParsed()
	if err != nil {
		return br, fmt.Errorf("base URL: %w", err)
	}
	rel, ok := strings.CutPrefix(req.URL.EscapedPath(), strings.TrimRight(base.EscapedPath(), "/"))
	if !sameOrigin(base, req.URL) || !ok || !strings.HasPrefix(rel, "/") {
		return br, fmt.Errorf("%s is not below the base URL %s", redact(req.URL), c.baseURL)
	}
	if req.URL.RawQuery != "" {
		rel += "?" + req.URL.RawQuery
	}
	br.URL = rel
	for k, vs := range req.Header {
		if k == "Accept" {
			continue
		}
		if br.Headers == nil {
			br.Headers = map[string]string{}
		}
		br.Headers[k] = strings.Join(vs, ", ")
	}
	if req.Body == nil || req.Body == http.NoBody {
		return br, nil
	}
	data, err := io.ReadAll(req.Body)
	req.Body.Close()
	if err != nil {
		return br, fmt.Errorf("read %s %s body: %w", req.Method, rel, err)
	}
	if isJSONType(req.Header.Get("Content-Type")) && json.Valid(data) {
		br.Body = data
		return br, nil
	}
	enc, err := json.Marshal(base64.StdEncoding.EncodeToString(data))
	if err != nil {
		return br, err
	}
	br.Body = enc
	return br, nil
}

// isJSONType reports whether a Content-Type is JSON.
func isJSONType(contentType string) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}

// Send sends the items in $batch requests of at most MaxBatchRequests,
// in the order they were added; items that depend on one another go in
// one request. After Send every item has its result. Send returns an
// error when a $batch request fails as a whole (its items, and those of
// the $batch requests not sent after it, get that error too), when an Add
// failed, when more than MaxBatchRequests items depend on one another, or
// when b was sent before; an item's own failure is only its Result's.
func (b *Batch) Send(ctx context.Context) error {
	if b.sent {
		return errors.New("graph: batch already sent")
	}
	b.sent = true
	failAll := func(entries []*batchEntry, err error) error {
		for _, e := range entries {
			e.fail(err)
		}
		return err
	}
	if b.err != nil {
		return failAll(b.entries, fmt.Errorf("graph: batch not sent: %w", b.err))
	}
	chunks, err := b.chunks()
	if err != nil {
		return failAll(b.entries, err)
	}
	for i, chunk := range chunks {
		if err := b.sendChunk(ctx, chunk); err != nil {
			for _, rest := range chunks[i:] {
				failAll(rest, err)
			}
			return err
		}
	}
	return nil
}

// chunks splits the entries into $batch requests: the entries linked by
// dependencies stay together, groups in the order of their first entry,
// each request filled before the next one is started.
func (b *Batch) chunks() ([][]*batchEntry, error) {
	group := make(map[*batchEntry]*batchEntry, len(b.entries)) // union-find parent
	var find func(e *batchEntry) *batchEntry
	find = func(e *batchEntry) *batchEntry {
		p, ok := group[e]
		if !ok || p == e {
			return e
		}
		root := find(p)
		group[e] = root
		return root
	}
	for _, e := range b.entries {
		for _, d := range e.deps {
			// the first added is the root, so a group's root is its first entry
			ra, rb := find(d), find(e)
			if ra == rb {
				continue
			}
			if ra.n < rb.n {
				group[rb] = ra
			} else {
				group[ra] = rb
			}
		}
	}
	var order []*batchEntry
	members := map[*batchEntry][]*batchEntry{}
	for _, e := range b.entries {
		r := find(e)
		if _, ok := members[r]; !ok {
			order = append(order, r)
		}
		members[r] = append(members[r], e)
	}
	var chunks [][]*batchEntry
	var cur []*batchEntry
	for _, r := range order {
		m := members[r]
		if len(m) > MaxBatchRequests {
			return nil, fmt.Errorf("graph: batch: %d items depend on one another (items %s to %s); one $batch request takes at most %d", len(m), m[0].id, m[len(m)-1].id, MaxBatchRequests)
		}
		if len(cur)+len(m) > MaxBatchRequests {
			chunks = append(chunks, cur)
			cur = nil
		}
		cur = append(cur, m...)
	}
	if len(cur) > 0 {
		chunks = append(chunks, cur)
	}
	for _, c := range chunks {
		slices.SortFunc(c, func(a, b *batchEntry) int { return cmp.Compare(a.n, b.n) })
	}
	return chunks, nil
}

// sendChunk sends one $batch request and decodes each item's response.
func (b *Batch) sendChunk(ctx context.Context, chunk []*batchEntry) error {
	var in struct {
		Requests []batchRequest `json:"requests"`
	}
	for _, e := range chunk {
		in.Requests = append(in.Requests, e.req)
	}
	var out struct {
		Responses []batchResponse `json:"responses"`
	}
	if _, err := b.c.do(ctx, &request{
		body:   in,
		method: http.MethodPost,
		opts:   b.opts,
		path:   "/$batch",
	}, &out); err != nil {
		return err
	}
	byID := make(map[string]batchResponse, len(out.Responses))
	for _, r := range out.Responses {
		if _, dup := byID[r.ID]; !dup {
			byID[r.ID] = r
		}
	}
	for _, e := range chunk {
		r, ok := byID[e.id]
		if !ok {
			e.fail(fmt.Errorf("graph: batch item %s (%s %s): no response in the $batch response", e.id, e.req.Method, e.req.URL))
			continue
		}
		b.replay(e, r)
	}
	return nil
}

// replay runs e's call again, answered by its response r.
func (b *Batch) replay(e *batchEntry, r batchResponse) {
	resp, err := b.c.itemResponse(e, r)
	if err != nil {
		e.fail(fmt.Errorf("graph: batch item %s (%s %s): %w", e.id, e.req.Method, e.req.URL, err))
		return
	}
	h := &batchHook{answer: resp}
	_ = e.run(b.c.batchClient(h))
	if h.n != 1 {
		e.fail(fmt.Errorf("graph: batch item %s (%s %s): the call made %d requests when its response was decoded, not the 1 it was added with", e.id, e.req.Method, e.req.URL, h.n))
	}
}

// itemResponse is the *http.Response of one item of a $batch response.
func (c *Client) itemResponse(e *batchEntry, r batchResponse) (*http.Response, error) {
	if r.Status < 100 || r.Status > 999 {
		return nil, fmt.Errorf("status %d in the $batch response", r.Status)
	}
	header := http.Header{}
	for k, v := range r.Headers {
		header.Set(k, v)
	}
	body, err := batchBody(header, r.Body)
	if err != nil {
		return nil, err
	}
	u, err := url.Parse(c.baseURL + e.req.URL)
	if err != nil {
		return nil, err
	}
	return &http.Response{
		Body:          io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)),
		Header:        header,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Request:       &http.Request{Method: e.req.Method, URL: u, Header: http.Header{}},
		Status:        strings.TrimSpace(strconv.Itoa(r.Status) + " " + http.StatusText(r.Status)),
		StatusCode:    r.Status,
	}, nil
}

// batchBody returns the bytes of an item's body: a JSON object or array
// as is (Content-Type application/json when the item has none); a JSON
// string, in which Graph sends a body that is not JSON, base64-decoded
// (kept as text when it is not base64); nothing for an absent or null
// body.
func batchBody(header http.Header, raw json.RawMessage) ([]byte, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	ct := header.Get("Content-Type")
	if raw[0] != '"' || isJSONType(ct) {
		if ct == "" {
			header.Set("Content-Type", "application/json")
		}
		return raw, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, fmt.Errorf("body: %w", err)
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			return b, nil
		}
	}
	return []byte(s), nil
}
