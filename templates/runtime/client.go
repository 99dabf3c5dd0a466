package runtime

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

// TokenSource supplies the OAuth 2.0 access token sent as a bearer token
// with every request. Token is called once per request, so an
// implementation should cache tokens and refresh them before they expire;
// it must be safe for concurrent use.
type TokenSource interface {
	// Token returns an access token, without the "Bearer " prefix. An
	// empty token sends no Authorization header.
	Token(ctx context.Context) (string, error)
}

// StaticToken is a fixed bearer token.
type StaticToken string

// Token returns t.
func (t StaticToken) Token(context.Context) (string, error) {
	return string(t), nil
}

// TokenFunc adapts a function to TokenSource.
type TokenFunc func(ctx context.Context) (string, error)

// Token returns fn(ctx).
func (fn TokenFunc) Token(ctx context.Context) (string, error) {
	return fn(ctx)
}

// defaultUserAgent is the User-Agent header sent unless WithUserAgent
// sets another.
const defaultUserAgent = "graphdocgen"

// Option configures a Client; pass options to New.
type Option func(*Client)

// Client calls the Microsoft Graph API. Create one with New; a Client is
// safe for concurrent use by multiple goroutines.
type Client struct {
	baseURL    string // without a trailing slash
	httpClient *http.Client
	tokens     TokenSource // nil: no Authorization header
	userAgent  string

	retry          *RetryPolicy  // nil: no retries
	maxBody        int64         // cap of a decoded response body
	attemptTimeout time.Duration // per attempt when httpClient has no Timeout
	middleware     []Middleware  // outermost first
	sleep          func(context.Context, time.Duration) error

	batch *batchHook // a batch call's Client: requests go to the Batch (batch.go)

	scoped *scopedClients // httpClient's copies with the token-scope CheckRedirect (transport.go)

	base   *parsedBase  // baseURL parsed, made by New
	bearer *bearerCache // the last token's Authorization value
}

// parsedBase is a base URL parsed once, with the string it came from.
type parsedBase struct {
	raw string
	u   *url.URL
	err error
}

// bearerCache holds the Authorization value of the last token, so that
// an unchanged token costs no allocation per request.
type bearerCache struct {
	last atomic.Pointer[bearerValue]
}

// bearerValue is a token and its "Bearer " header value.
type bearerValue struct {
	token, header string
}

// authorization returns "Bearer "+token, reusing the last one built.
func (b *bearerCache) authorization(token string) string {
	if b == nil {
		return "Bearer " + token
	}
	if v := b.last.Load(); v != nil && v.token == token {
		return v.header
	}
	v := &bearerValue{header: "Bearer " + token, token: token}
	b.last.Store(v)
	return v.header
}

// New returns a Client configured by opts. By default it sends requests
// to the document's server (defaultBaseURL) with http.DefaultClient, retries
// as DefaultRetryPolicy says, caps decoded bodies at DefaultMaxResponseSize,
// gives each attempt DefaultAttemptTimeout when the http.Client has no
// Timeout and, without WithTokenSource, sends no Authorization header.
func New(opts ...Option) *Client {
	c := &Client{
		baseURL:    defaultBaseURL,
		httpClient: http.DefaultClient,
		userAgent:  defaultUserAgent,

		retry:          DefaultRetryPolicy(),
		maxBody:        DefaultMaxResponseSize,
		attemptTimeout: DefaultAttemptTimeout,
		sleep:          sleepCtx,
	}
	for _, opt := range opts {
		opt(c)
	}
	c.scopeClients()
	c.base = parseBase(c.baseURL)
	c.bearer = &bearerCache{}
	return c
}

// WithBaseURL sets the base URL the request paths are appended to, such
// as https://graph.microsoft.us/v1.0 for a national cloud or the URL of a
// test server. Trailing slashes are trimmed.
func WithBaseURL(u string) Option {
	return func(c *Client) {
		c.baseURL = strings.TrimRight(u, "/")
	}
}

// WithHTTPClient sets the http.Client that sends the requests, for
// timeouts, proxies, retries or tests. A nil hc keeps http.DefaultClient.
// New copies hc's settings (Transport, Jar, Timeout, CheckRedirect): set
// them before calling New; the Transport itself is shared, not copied.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *Client) {
		if hc != nil {
			c.httpClient = hc
		}
	}
}

// WithTokenSource sets where the bearer token of every request comes
// from. The token is sent only to the scheme and host of the base URL.
func WithTokenSource(ts TokenSource) Option {
	return func(c *Client) {
		c.tokens = ts
	}
}

// WithUserAgent sets the User-Agent header of every request. An empty ua
// leaves it to the http.Client.
func WithUserAgent(ua string) Option {
	return func(c *Client) {
		c.userAgent = ua
	}
}

// Error is a response with an unexpected status: the HTTP status and the
// OData error body, {"error":{"code":...,"message":...,"innerError":{...}}}.
// Operations return it as *Error; use errors.As to inspect it.
type Error struct {
	// StatusCode is the HTTP status code, such as 404.
	StatusCode int
	// Code is error.code, such as "ErrorItemNotFound"; empty when the body
	// is not an OData error.
	Code string
	// Message is error.message.
	Message string
	// RequestID is error.innerError.request-id, else the request-id
	// response header; quote it when asking Microsoft for support.
	RequestID string
	// ClientRequestID is error.innerError.client-request-id, else the
	// client-request-id response header.
	ClientRequestID string
	// Date is error.innerError.date, else the Date response header.
	Date string
	// RetryAfter is the Retry-After header of a throttled (429) or
	// unavailable (503) response; zero when absent.
	RetryAfter time.Duration
	// Body is the raw response body.
	Body []byte
}

// Error returns "graph: STATUS CODE: MESSAGE (request-id ID)", or the
// status text and the start of the body when the body is not an OData
// error.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("graph: ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	if e.Code == "" && e.Message == "" {
		if text := http.StatusText(e.StatusCode); text != "" {
			b.WriteString(" " + text)
		}
		if s := errorSnippet(e.Body); s != "" {
			b.WriteString(": " + s)
		}
	}
	if e.Code != "" {
		b.WriteString(" " + e.Code)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if e.RequestID != "" {
		b.WriteString(" (request-id " + e.RequestID + ")")
	}
	return b.String()
}

// errorSnippet returns the start of a body that is not an OData error,
// on one line.
func errorSnippet(body []byte) string {
	s := strings.Join(strings.Fields(string(body)), " ")
	const limit = 200
	if len(s) > limit {
		s = strings.ToValidUTF8(s[:limit], "") + "..."
	}
	return s
}

// newError returns the *Error for resp, whose body has been read into
// body.
func newError(resp *http.Response, body []byte) *Error {
	var env struct {
		Error struct {
			Code       string `json:"code"`
			Message    string `json:"message"`
			InnerError struct {
				RequestID       string `json:"request-id"`
				ClientRequestID string `json:"client-request-id"`
				Date            string `json:"date"`
			} `json:"innerError"`
		} `json:"error"`
	}
	// A body that is not an OData error leaves env empty; Body keeps it.
	_ = json.Unmarshal(body, &env)
	e := &Error{
		Body:            body,
		ClientRequestID: env.Error.InnerError.ClientRequestID,
		Code:            env.Error.Code,
		Date:            env.Error.InnerError.Date,
		Message:         env.Error.Message,
		RequestID:       env.Error.InnerError.RequestID,
		RetryAfter:      retryAfter(resp.Header.Get("Retry-After"), time.Now()),
		StatusCode:      resp.StatusCode,
	}
	if e.RequestID == "" {
		e.RequestID = resp.Header.Get("request-id")
	}
	if e.ClientRequestID == "" {
		e.ClientRequestID = resp.Header.Get("client-request-id")
	}
	if e.Date == "" {
		e.Date = resp.Header.Get("Date")
	}
	return e
}

// retryAfter parses a Retry-After header, in seconds or an HTTP date;
// zero when v is empty, invalid or in the past.
func retryAfter(v string, now time.Time) time.Duration {
	if s, err := strconv.ParseInt(v, 10, 64); err == nil && s > 0 {
		if s > math.MaxInt64/int64(time.Second) {
			return math.MaxInt64 // more than 292 years; no policy waits that long
		}
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// Optional is a property that can be absent, null or a value. Fields of
// this type carry the json tag option omitzero: an absent property is left
// out of a request, Null sends an explicit null (PATCH clears the property
// with it) and Some sends a value. Decoding a response gives an absent
// Optional for a property that is not in the body and a null one for a
// JSON null.
type Optional[T any] struct {
	value T
	set   bool // present, as a value or as null
	null  bool
}

// Some returns an Optional holding v.
func Some[T any](v T) Optional[T] {
	return Optional[T]{
		set:   true,
		value: v,
	}
}

// Null returns an Optional that is sent as an explicit JSON null.
func Null[T any]() Optional[T] {
	return Optional[T]{
		null: true,
		set:  true,
	}
}

// Get returns the value and true, or the zero value and false when o is
// absent or null.
func (o Optional[T]) Get() (T, bool) {
	return o.value, o.set && !o.null
}

// IsSet reports whether o is present, as a value or as null.
func (o Optional[T]) IsSet() bool {
	return o.set
}

// IsNull reports whether o is an explicit null.
func (o Optional[T]) IsNull() bool {
	return o.set && o.null
}

// IsZero reports whether o is absent, so that omitzero leaves it out.
func (o Optional[T]) IsZero() bool {
	return !o.set
}

// MarshalJSON encodes the value, or null when o is null or absent.
func (o Optional[T]) MarshalJSON() ([]byte, error) {
	if !o.set || o.null {
		return []byte("null"), nil
	}
	return json.Marshal(o.value)
}

// UnmarshalJSON decodes a value into o, or makes o null for a JSON null.
func (o *Optional[T]) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		*o = Null[T]()
		return nil
	}
	var v T
	// Graph writes some DateTimeOffset values without a zone: UTC.
	if sp, ok := any(&v).(*string); ok {
		if s, ok := plainJSONString(b); ok {
			*sp = s
			*o = Some(v)
			return nil
		}
	}
	if t, ok := any(&v).(*time.Time); ok {
		parsed, err := parseDateTime(b)
		if err != nil {
			return err
		}
		*t = parsed
	} else if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*o = Some(v)
	return nil
}

// plainJSONString is the value of b when b is a JSON string that needs no
// unescaping (no backslash, no control character, valid UTF-8), as
// encoding/json would decode it; false otherwise, and encoding/json
// decodes it.
func plainJSONString(b []byte) (string, bool) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return "", false
	}
	in := b[1 : len(b)-1]
	for _, c := range in {
		if c == '\\' || c == '"' || c < 0x20 {
			return "", false
		}
	}
	if !utf8.Valid(in) {
		return "", false
	}
	return string(in), true
}

// parseDateTime reads a JSON string holding an Edm.DateTimeOffset: RFC 3339,
// or, as Graph also writes, the same without a zone ("2017-04-15T12:00:00.0000000"),
// which is UTC.
func parseDateTime(b []byte) (time.Time, error) {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return time.Time{}, err
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err == nil {
		return t, nil
	}
	if u, uerr := time.ParseInLocation("2006-01-02T15:04:05.999999999", s, time.UTC); uerr == nil {
		return u, nil
	}
	return time.Time{}, err
}

// Date is a calendar date without a time zone (Edm.Date), written
// "2006-01-02".
type Date struct {
	Year  int        // such as 2021
	Month time.Month // January is 1
	Day   int        // of the month, from 1
}

// DateOf returns the date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{
		Day:   d,
		Month: m,
		Year:  y,
	}
}

// String returns d as "2006-01-02".
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// MarshalText returns d.String().
func (d Date) MarshalText() ([]byte, error) {
	return []byte(d.String()), nil
}

// UnmarshalText parses a date such as "2006-01-02".
func (d *Date) UnmarshalText(b []byte) error {
	v, err := time.Parse("2006-01-02", string(b))
	if err != nil {
		return fmt.Errorf("graph: parse date: %w", err)
	}
	*d = DateOf(v)
	return nil
}

// TimeOfDay is a time of day without a date or a time zone
// (Edm.TimeOfDay). Graph writes it "15:04:05.0000000"; the fraction is
// optional when parsing.
type TimeOfDay struct {
	Hour       int // 0 to 23
	Minute     int // 0 to 59
	Second     int // 0 to 59
	Nanosecond int // 0 to 999999999; Graph keeps 100 ns steps
}

// TimeOfDayOf returns the time of day of t in t's location.
func TimeOfDayOf(t time.Time) TimeOfDay {
	return TimeOfDay{
		Hour:       t.Hour(),
		Minute:     t.Minute(),
		Nanosecond: t.Nanosecond(),
		Second:     t.Second(),
	}
}

// String returns t as "15:04:05.0000000".
func (t TimeOfDay) String() string {
	return fmt.Sprintf("%02d:%02d:%02d.%07d", t.Hour, t.Minute, t.Second, t.Nanosecond/100)
}

// MarshalText returns t.String().
func (t TimeOfDay) MarshalText() ([]byte, error) {
	return []byte(t.String()), nil
}

// UnmarshalText parses a time of day such as "15:04:05.0000000".
func (t *TimeOfDay) UnmarshalText(b []byte) error {
	v, err := time.Parse("15:04:05", string(b))
	if err != nil {
		return fmt.Errorf("graph: parse time of day: %w", err)
	}
	*t = TimeOfDayOf(v)
	return nil
}

// Duration is an ISO 8601 duration (Edm.Duration) such as "PT1H30M" or
// "P1DT12H", kept as Graph wrote it; Std converts it to a time.Duration and
// DurationOf converts back.
type Duration string

// DurationOf returns d as a Duration of days, hours, minutes and seconds
// with a fraction as needed, such as "P1DT2H" or "-PT1.5S"; "PT0S" for zero.
func DurationOf(d time.Duration) Duration {
	if d == 0 {
		return "PT0S"
	}
	var b strings.Builder
	u := uint64(d)
	if d < 0 {
		b.WriteByte('-')
		u = -u // the magnitude, also for math.MinInt64
	}
	put := func(n uint64, unit byte) {
		b.WriteString(strconv.FormatUint(n, 10))
		b.WriteByte(unit)
	}
	b.WriteByte('P')
	const day = uint64(24 * time.Hour)
	if u >= day {
		put(u/day, 'D')
		u %= day
	}
	if u == 0 {
		return Duration(b.String())
	}
	b.WriteByte('T')
	if u >= uint64(time.Hour) {
		put(u/uint64(time.Hour), 'H')
		u %= uint64(time.Hour)
	}
	if u >= uint64(time.Minute) {
		put(u/uint64(time.Minute), 'M')
		u %= uint64(time.Minute)
	}
	if u > 0 {
		b.WriteString(strconv.FormatUint(u/uint64(time.Second), 10))
		if ns := u % uint64(time.Second); ns > 0 {
			b.WriteByte('.')
			b.WriteString(strings.TrimRight(fmt.Sprintf("%09d", ns), "0"))
		}
		b.WriteByte('S')
	}
	return Duration(b.String())
}

// Std returns d as a time.Duration. It accepts a sign, then weeks, days,
// hours, minutes and seconds in that order, each with an optional
// fraction: "P1DT2H", "-PT0.5S", "PT1.5H". Years and months, which have no
// fixed length, are an error, and so is a value beyond the range of
// time.Duration.
func (d Duration) Std() (time.Duration, error) {
	s := string(d)
	neg := false
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	s, ok := strings.CutPrefix(s, "P")
	if !ok || s == "" {
		return 0, invalidDuration(d, "want P, then a number and a designator")
	}
	datePart, timePart, hasTime := strings.Cut(s, "T")
	if hasTime && timePart == "" {
		return 0, invalidDuration(d, "nothing after T")
	}
	limit := uint64(math.MaxInt64)
	if neg {
		limit++
	}
	total, err := addDuration(0, datePart, "WD", limit)
	if err == nil {
		total, err = addDuration(total, timePart, "HMS", limit)
	}
	if err != nil {
		return 0, invalidDuration(d, err.Error())
	}
	if neg {
		return -time.Duration(total), nil
	}
	return time.Duration(total), nil
}

// invalidDuration is the error of Std for d.
func invalidDuration(d Duration, why string) error {
	return fmt.Errorf("graph: invalid duration %q: %s", string(d), why)
}

// durationUnits are the sizes of the designators Std accepts; M is
// minutes, as months are refused.
var durationUnits = map[byte]uint64{
	'D': uint64(24 * time.Hour),
	'H': uint64(time.Hour),
	'M': uint64(time.Minute),
	'S': uint64(time.Second),
	'W': uint64(7 * 24 * time.Hour),
}

// addDuration adds to total the components of part, the date or the time
// part of an ISO 8601 duration: numbers, each with an optional fraction and
// followed by one of designators, in their order. It fails when the sum
// exceeds limit.
func addDuration(total uint64, part, designators string, limit uint64) (uint64, error) {
	for part != "" {
		i := strings.IndexFunc(part, func(r rune) bool {
			return (r < '0' || r > '9') && r != '.' && r != ','
		})
		if i <= 0 {
			return 0, fmt.Errorf("want a number, then a designator, at %q", part)
		}
		num, letter := part[:i], part[i]
		part = part[i+1:]
		j := strings.IndexByte(designators, letter)
		switch {
		case j >= 0:
			designators = designators[j+1:]
		case letter == 'Y' || letter == 'M' && strings.Contains(designators, "D"):
			return 0, errors.New("years and months have no fixed length")
		default:
			return 0, fmt.Errorf("unexpected %q", string(letter))
		}
		size := durationUnits[letter]
		whole, frac, _ := strings.Cut(strings.ReplaceAll(num, ",", "."), ".")
		n, err := strconv.ParseUint(whole, 10, 64)
		if err != nil || n > limit/size {
			return 0, fmt.Errorf("number %q out of range", num)
		}
		v := n * size
		if frac != "" {
			x, err := strconv.ParseFloat("0."+frac, 64)
			if err != nil {
				return 0, fmt.Errorf("bad number %q", num)
			}
			v += uint64(math.Round(x * float64(size)))
		}
		if v > limit || total > limit-v {
			return 0, errors.New("out of the range of time.Duration")
		}
		total += v
	}
	return total, nil
}

// request is one HTTP request of an operation.
type request struct {
	method      string
	path        string // below the base URL, built with pathEscape; or an absolute URL such as an @odata.nextLink
	query       url.Values
	header      http.Header // added to, and overriding, the defaults
	body        any         // marshaled as JSON when not nil; an io.Reader is streamed as is
	rawBody     io.Reader   // streamed as is; takes precedence over body
	contentType string      // of rawBody or a reader body; application/octet-stream when empty
	noRedirect  bool        // return a 3xx response instead of following it
	noAuth      bool        // never send the bearer token (a pre-authenticated upload URL)
	// contentLength is the length of rawBody when net/http cannot tell
	// it (an io.SectionReader); 0 leaves it to net/http.
	contentLength int64
	opts          []RequestOption
}

// pathEscape escapes s as one path segment: url.PathEscape, which escapes
// "/", "?", "#" and "%", and "." and ".." escaped as well, so that no ID can
// change the path.
func pathEscape(s string) string {
	switch s {
	case ".":
		return "%2E"
	case "..":
		return "%2E%2E"
	}
	return url.PathEscape(s)
}

// queryEscaper rewrites url.QueryEscape output the way Graph reads it
// best: %20 for a space and a literal $ for OData system query options.
var queryEscaper = strings.NewReplacer("+", "%20", "%24", "$")

// encodeQuery encodes q sorted by key, like url.Values.Encode with
// queryEscaper.
func encodeQuery(q url.Values) string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(q)) {
		for _, v := range q[k] {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(queryEscaper.Replace(url.QueryEscape(k)))
			b.WriteByte('=')
			b.WriteString(queryEscaper.Replace(url.QueryEscape(v)))
		}
	}
	return b.String()
}

// trusted reports whether u is on the base URL's origin: the same scheme,
// host and port (the default port of the scheme when none is given) and
// no userinfo. The bearer token goes only there.
func (c *Client) trusted(u *url.URL) bool {
	base, err := c.baseURLParsed()
	return err == nil && sameOrigin(base, u)
}

// parseBase parses raw, a base URL.
func parseBase(raw string) *parsedBase {
	u, err := url.Parse(raw)
	return &parsedBase{err: err, raw: raw, u: u}
}

// baseURLParsed is the base URL parsed: the one New parsed, unless
// baseURL has changed since.
func (c *Client) baseURLParsed() (*url.URL, error) {
	b := c.base
	if b == nil || b.raw != c.baseURL {
		b = parseBase(c.baseURL)
	}
	return b.u, b.err
}

// newRequest builds the *http.Request of one attempt of r: the URL, the
// body, the token and the headers, with those of cc. replayable reports
// whether the body can be sent again complete: none, JSON, or an
// io.Seeker, which is rewound to its start.
func (c *Client) newRequest(ctx context.Context, r *request, accept string, cc *callConfig) (req *http.Request, replayable bool, err error) {
	u := r.path
	if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
		if strings.Contains(u, "//") || strings.HasSuffix(u, "/") {
			return nil, false, fmt.Errorf("graph: %s %s: empty path segment", r.method, u)
		}
		u = c.baseURL + u
	}
	query := r.query
	if len(cc.query) > 0 {
		query = url.Values{}
		for k, vs := range r.query {
			query[k] = append(query[k], vs...)
		}
		for k, vs := range cc.query {
			query[k] = append(query[k], vs...)
		}
	}
	if len(query) > 0 {
		sep := "?"
		if strings.Contains(u, "?") {
			sep = "&"
		}
		u += sep + encodeQuery(query)
	}
	body, contentType := r.rawBody, r.contentType
	replayable = true
	if body == nil && r.body != nil {
		if rd, ok := r.body.(io.Reader); ok {
			body = rd
		} else {
			data, err := json.Marshal(r.body)
			if err != nil {
				return nil, false, fmt.Errorf("graph: encode %s %s body: %w", r.method, r.path, err)
			}
			body = bytes.NewReader(data)
			contentType = "application/json"
		}
	}
	if rd, ok := body.(io.Seeker); ok && body != nil {
		if _, err := rd.Seek(0, io.SeekStart); err != nil {
			return nil, false, fmt.Errorf("graph: %s %s: rewind body: %w", r.method, r.path, err)
		}
	} else if body != nil && !isMemoryReader(body) {
		replayable = false
	}
	if body != nil && contentType == "" {
		contentType = "application/octet-stream"
	}
	req, err = http.NewRequestWithContext(ctx, r.method, u, body)
	if err != nil {
		return nil, false, fmt.Errorf("graph: %s %s: %w", r.method, r.path, err)
	}
	if r.contentLength > 0 {
		req.ContentLength = r.contentLength
	}
	// The default headers' values share one array, each a slice of its
	// own whose capacity ends at its value, so that Add copies.
	values := make([]string, 0, 4)
	set := func(key, value string) {
		values = append(values, value)
		n := len(values)
		req.Header[key] = values[n-1 : n : n]
	}
	set("Accept", accept)
	if contentType != "" {
		set("Content-Type", contentType)
	}
	if c.userAgent != "" {
		set("User-Agent", c.userAgent)
	}
	for _, h := range []http.Header{r.header, cc.header} {
		for k, vs := range h {
			req.Header.Del(k)
			for _, v := range vs {
				req.Header.Add(k, v)
			}
		}
	}
	if c.tokens != nil && !r.noAuth && c.trusted(req.URL) {
		token, err := c.tokens.Token(ctx)
		if err != nil {
			return nil, false, fmt.Errorf("graph: token: %w", err)
		}
		if token != "" {
			set("Authorization", c.bearer.authorization(token))
		}
	}
	return req, replayable, nil
}

// statusOK reports whether status is a success: any 2xx, or one of ok.
func statusOK(status int, ok []int) bool {
	return status >= 200 && status < 300 || slices.Contains(ok, status)
}

// hasRedirect reports whether ok lists a 3xx status, which the caller
// wants to see rather than follow.
func hasRedirect(ok []int) bool {
	return slices.ContainsFunc(ok, func(s int) bool {
		return s >= 300 && s < 400
	})
}

// maxErrorBody bounds how much of an error response is read and kept in
// Error.Body.
const maxErrorBody = 1 << 20

// decodeBody stores a non-empty response body in out: as is into a
// *[]byte, as is into a *string unless the response is JSON (a text/plain
// $count or $value), and as JSON otherwise.
func decodeBody(contentType string, body []byte, out any) error {
	switch o := out.(type) {
	case *[]byte:
		*o = body
		return nil
	case *string:
		mt, _, _ := mime.ParseMediaType(contentType)
		if mt != "application/json" && !strings.HasSuffix(mt, "+json") {
			*o = string(body)
			return nil
		}
	}
	return json.Unmarshal(body, out)
}

// do sends r with the bearer token and reads the whole response, at most
// the Client's response size limit. On a 2xx status, or one listed in
// okStatus, it decodes a non-empty body into out when out is not nil; on
// any other status it returns *Error. Redirects are followed unless
// r.noRedirect is set or okStatus lists a 3xx status. The response is
// returned with its body read, closed and replaced by a reader of the
// same bytes.
func (c *Client) do(ctx context.Context, r *request, out any, okStatus ...int) (*http.Response, error) {
	call := c.callOptions(r)
	resp, cancel, err := c.send(ctx, r, &call, "application/json", r.noRedirect || hasRedirect(okStatus))
	if err != nil {
		return nil, err
	}
	defer cancel()
	call.capture(resp)
	ok := statusOK(resp.StatusCode, okStatus)
	limit := c.maxBody
	if !ok {
		limit = maxErrorBody
	}
	body, err := readLimited(resp.Body, limit, resp.ContentLength)
	resp.Body.Close()
	if err != nil && !(errors.Is(err, errTooLarge) && !ok) {
		if errors.Is(err, errTooLarge) {
			return resp, fmt.Errorf("graph: read %s %s response: body exceeds the limit of %d bytes (WithMaxResponseSize): %w", r.method, r.path, limit, err)
		}
		return resp, fmt.Errorf("graph: read %s %s response: %w", r.method, r.path, err)
	}
	resp.Body = newReadBody(body)
	if !ok {
		return resp, newError(resp, body)
	}
	if out == nil || len(bytes.TrimSpace(body)) == 0 {
		return resp, nil
	}
	if err := decodeBody(resp.Header.Get("Content-Type"), body, out); err != nil {
		return resp, fmt.Errorf("graph: decode %s %s response: %w", r.method, r.path, err)
	}
	return resp, nil
}

// doStream is do for a binary response: on a 2xx status it returns the
// body unread, and the caller closes it; on any other status it returns
// *Error. Redirects, such as the one to a pre-authenticated download URL,
// are followed unless r.noRedirect is set; the token is not sent there.
// With WithRedirectURL a redirect is not followed: its Location is stored
// and the body is http.NoBody. The attempt timeout covers the response
// headers only, so a long download is not cut off.
func (c *Client) doStream(ctx context.Context, r *request) (io.ReadCloser, *http.Response, error) {
	call := c.callOptions(r)
	call.streaming = true
	resp, cancel, err := c.send(ctx, r, &call, "*/*", r.noRedirect || call.redirect != nil)
	if err != nil {
		return nil, nil, err
	}
	call.capture(resp)
	if call.redirect != nil {
		*call.redirect = nil
		if isRedirect(resp.StatusCode) {
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorBody))
			resp.Body.Close()
			cancel()
			u, err := location(resp)
			if err != nil {
				return nil, resp, err
			}
			*call.redirect = u
			return http.NoBody, resp, nil
		}
	}
	if !statusOK(resp.StatusCode, nil) {
		// A truncated body still makes a useful Error.
		body, _ := readLimited(resp.Body, maxErrorBody, resp.ContentLength)
		resp.Body.Close()
		cancel()
		return nil, resp, newError(resp, body)
	}
	return &cancelBody{ReadCloser: resp.Body, cancel: cancel}, resp, nil
}

// location returns the Location header of a redirect (302) or accepted
// (202) response, resolved against the request URL.
func location(resp *http.Response) (*url.URL, error) {
	u, err := resp.Location()
	if err != nil {
		return nil, fmt.Errorf("graph: %d response: %w", resp.StatusCode, err)
	}
	return u, nil
}
