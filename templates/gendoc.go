package templates

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"
)

// docFile is doc.go of the generated package: its package comment, the
// manual of the client.
func (m *model) docFile() *jen.File {
	f := newFile(m.pkg)
	for _, l := range m.packageDoc() {
		f.PackageComment(l)
	}
	f.Comment("defaultBaseURL is the base URL of the API, the server of the document")
	f.Comment("the package was generated from.")
	f.Const().Id("defaultBaseURL").Op("=").Lit(strings.TrimRight(m.baseURL, "/"))
	return f
}

// packageDoc returns the package comment of the generated package.
func (m *model) packageDoc() []string {
	title := cmp.Or(m.title, "Microsoft Graph")
	version := m.version
	var example *opInfo
	for _, o := range m.ops {
		if o.method == "GET" && o.result == rObject && !o.collection && o.params != nil {
			example = o
			break
		}
	}
	list := m.pagingExample("List")
	head := fmt.Sprintf("Package %s is a client for the %s API", m.pkg, title)
	if version != "" {
		head += " " + version
	}
	head += fmt.Sprintf(", generated from its reference documentation: %d operations and %d types.", len(m.ops), len(m.schemas))
	p := func(s string) []string { return append(docLines(s, 76), "") }
	var out []string
	out = append(out, p(head)...)
	out = append(out, "# Client", "")
	out = append(out, p(fmt.Sprintf("New returns a Client for %s. Options change the base URL (WithBaseURL, for national clouds and tests), the http.Client (WithHTTPClient), the token source (WithTokenSource) and the User-Agent (WithUserAgent). A Client is safe for concurrent use.", m.baseURL))...)
	out = append(out, "\tc := "+m.pkg+".New("+m.pkg+".WithTokenSource("+m.pkg+".StaticToken(token)))", "")
	out = append(out, "# Authentication", "")
	out = append(out, p("Every request carries \"Authorization: Bearer TOKEN\" with a token from the TokenSource, asked once per request: StaticToken is a fixed token, TokenFunc adapts a function, for instance one that caches and refreshes tokens from an OAuth 2.0 library. The token is sent only to the base URL's origin (scheme, host and port): a redirect elsewhere drops it, one from https to http is refused, and an @odata.nextLink elsewhere is an error, never followed. Each method's doc comment lists the permissions it needs, least privileged first.")...)
	out = append(out, "# Retries and limits", "")
	out = append(out, p("A 429 or 503 response is retried for every method, a 502, a 504 or a transport error only for idempotent ones (GET, HEAD, OPTIONS, PUT, DELETE), honouring Retry-After, else with exponential backoff and jitter, as DefaultRetryPolicy says; WithRetry changes the policy and WithRetry(nil) turns retries off. JSON bodies are decoded up to DefaultMaxResponseSize (WithMaxResponseSize), error bodies are kept to 1 MiB, and each attempt has DefaultAttemptTimeout when the http.Client has no Timeout (WithAttemptTimeout). WithMiddleware wraps every attempt, for logging and tracing.")...)
	out = append(out, "# Operations", "")
	out = append(out, p("Each operation and path variant is one method on *Client. Its arguments are a context, the path parameters in path order (escaped, so an ID cannot change the path), the required query parameters, the request body (a pointer to its model, or an io.Reader for binary content) and, when the operation has optional query or header parameters, a pointer to its parameters struct (nil for none), and last any RequestOptions of this call: WithHeader and WithQuery add a header or query parameter, WithCallRetry sets its retry policy, WithResponse stores the raw *http.Response. It returns error alone when the response has no content, a pointer to the model for objects and collections, the value for primitive results, an io.ReadCloser for binary content and downloads (the caller closes it), and the Location URL for accepted long-running operations.")...)
	if example != nil {
		var args []string
		args = append(args, "ctx")
		for _, a := range example.pathArgs {
			args = append(args, a.goName)
		}
		out = append(out, fmt.Sprintf("\tv, err := c.%s(%s, &%s.%s{Select: []string{\"id\"}})", example.goName, strings.Join(args, ", "), m.pkg, example.params.goName), "")
	}
	out = append(out, "# Downloads and uploads", "")
	out = append(out, p("A download (file content, a photo, a report) returns an io.ReadCloser that streams the body; the caller closes it. When the service answers with a redirect to a pre-authenticated download URL, the call follows it without the bearer token; WithRedirectURL stores that URL instead and returns an empty body, and a Range header (WithHeader) goes on to the download URL. A download is not subject to WithMaxResponseSize; its context bounds it, and cancelling the context ends a Read.")...)
	out = append(out, m.downloadExample()...)
	out = append(out, p("Upload sends a file (an io.ReaderAt such as an *os.File, and its size) to the uploadUrl of an upload session made by a createUploadSession operation: chunks of UploadOptions.ChunkSize (a multiple of 320 KiB, DefaultUploadChunkSize by default) in order, each a PUT with Content-Range and without the bearer token, retried as the retry policy says, UploadOptions.Progress called after each; the final response is decoded into the type argument, such as the uploaded item. ResumeUpload continues an upload that stopped from the ranges the session still expects, and CancelUpload deletes the session.")...)
	out = append(out, m.uploadExample()...)
	out = append(out, "# Naming", "")
	out = append(out, p("A method is named by a verb and the literal segments of its path. The verb is the action or function name for actions and functions; otherwise Get (an object), List (a collection), Create (POST), Update (PATCH), Replace (PUT) or Delete (DELETE). So POST /users/{userId}/events/{eventId}/permanentDelete is PermanentDeleteUsersEvents and GET /me/events is ListMeEvents. When two paths give one name, the one with more parameters gets By and its last parameter (GetMeEventsByEventID). Types are the schema names in Go case (event is Event); enumeration constants are the type name and the member (ImportanceHigh).")...)
	out = append(out, "# Errors", "")
	out = append(out, p("A response with an unexpected status is returned as *Error, with the status, the OData error code and message, the request-id and the raw body:")...)
	out = append(out, "\tvar e *"+m.pkg+".Error", "\tif errors.As(err, &e) && e.StatusCode == http.StatusNotFound { ... }", "")
	out = append(out, "# Optional values", "")
	out = append(out, p("A property that may be absent is an Optional[T]: absent (the zero value, left out of requests), null (Null, which clears the property in an update) or a value (Some). Get returns the value and whether there is one. Collections are plain slices: nil is absent, an empty non-nil slice is sent as []. Properties the docs do not list survive a round trip in AdditionalProperties. Date, TimeOfDay and Duration spell Graph's Edm.Date, Edm.TimeOfDay and Edm.Duration.")...)
	out = append(out, "# Paging", "")
	out = append(out, p("A List method returns one page: the items in Value, the URL of the next page in ODataNextLink (@odata.nextLink) when there are more, ODataCount (@odata.count) when asked for with $count=true, and on the final page of a delta function ODataDeltaLink (@odata.deltaLink). All iterates over the items of every page, Pages over the pages: they call the given function for the first page when the loop starts, follow each next link with the same client, stop fetching when the loop breaks, and yield an error once, which ends the loop. Every collection response type has the Items, NextLink and DeltaLink methods they use, so the types are inferred.")...)
	if list != nil {
		args := callArgs(list)
		out = append(out,
			fmt.Sprintf("\tfor v, err := range %s.All(ctx, c, func(ctx context.Context) (*%s.%s, error) {", m.pkg, m.pkg, list.resultSchema.goName),
			fmt.Sprintf("\t\treturn c.%s(%s)", list.goName, strings.Join(args, ", ")),
			"\t}) {",
			"\t\tif err != nil {",
			"\t\t\treturn err",
			"\t\t}",
			"\t\t// use v",
			"\t}",
			"",
		)
	}
	out = append(out, p("NextPage fetches one next page, for code that works page by page. For a delta sync, range with a Pager (NewPager(c, first), then its All or Pages): after a loop that went through every page, without a break or an error, its DeltaLink method returns the final page's deltaLink; save it, and start the next round from it with DeltaPage as the first page.")...)
	if delta := m.pagingExample("Delta"); delta != nil {
		coll := delta.resultSchema.goName
		out = append(out,
			fmt.Sprintf("\tp := %s.NewPager(c, func(ctx context.Context) (*%s.%s, error) {", m.pkg, m.pkg, coll),
			"\t\tif saved != \"\" {",
			fmt.Sprintf("\t\t\treturn %s.DeltaPage[%s.%s](ctx, c, saved)", m.pkg, m.pkg, coll),
			"\t\t}",
			fmt.Sprintf("\t\treturn c.%s(%s)", delta.goName, strings.Join(callArgs(delta), ", ")),
			"\t})",
			"\tfor v, err := range p.All(ctx) {",
			"\t\tif err != nil {",
			"\t\t\treturn err // saved stays: the next round starts from it again",
			"\t\t}",
			"\t\t// apply v",
			"\t}",
			"\tif link, ok := p.DeltaLink(); ok {",
			"\t\tsaved = link",
			"\t}",
			"",
		)
	}
	out = append(out, docLines("NextPage and DeltaPage follow a link only when it is on the base URL's origin and has no userinfo; any other is an error naming it, and nothing is sent.", 76)...)
	out = append(out, "")
	out = append(out, m.batchDoc()...)
	return out
}

// batchDoc is the Batching section of the package comment, with the
// package's first GET of an object as its example.
func (m *model) batchDoc() []string {
	p := func(s string) []string { return append(docLines(s, 76), "") }
	out := []string{"# Batching", ""}
	out = append(out, p("NewBatch collects calls of these methods and Send sends them as JSON batches (POST /$batch), at most MaxBatchRequests to a request: more are split, and items that depend on one another stay together. Add takes a function that makes one call through the Client it is given; the call is recorded, not sent, and after Send the item's Result is what the call returns for the item's response: its result, or an *Error with the item's status and body. Items are not retried: a throttled item's *Error has the item's Retry-After in RetryAfter. AddNoResult is Add for methods that return an error only; items given as the last arguments of Add are ones the new item waits for (dependsOn).")...)
	var ex *opInfo
	for _, o := range m.ops {
		if o.method == "GET" && o.result == rObject && o.resultSchema != nil && len(o.queryArgs) == 0 {
			ex = o
			break
		}
	}
	if ex == nil {
		return out[:len(out)-1]
	}
	args := []string{"ctx"}
	for _, a := range ex.pathArgs {
		args = append(args, a.goName)
	}
	if ex.params != nil {
		args = append(args, "nil")
	}
	out = append(out,
		"\tb := "+m.pkg+".NewBatch(c)",
		fmt.Sprintf("\tfirst := %s.Add(b, func(c *%s.Client) (*%s.%s, error) {", m.pkg, m.pkg, m.pkg, ex.resultSchema.goName),
		fmt.Sprintf("\t\treturn c.%s(%s)", ex.goName, strings.Join(args, ", ")),
		"\t})",
		"\tif err := b.Send(ctx); err != nil {",
		"\t\treturn err // the $batch request itself failed",
		"\t}",
		"\tv, err := first.Result()",
	)
	return out
}

// fewestArgs returns the first of the operations keep accepts with the
// fewest path and query arguments; nil when keep accepts none.
func (m *model) fewestArgs(keep func(*opInfo) bool) *opInfo {
	var best *opInfo
	for _, o := range m.ops {
		if keep(o) && (best == nil || len(o.pathArgs)+len(o.queryArgs) < len(best.pathArgs)+len(best.queryArgs)) {
			best = o
		}
	}
	return best
}

// downloadExample is the code of a redirected download in the package
// doc, when the package has one.
func (m *model) downloadExample() []string {
	o := m.fewestArgs(func(o *opInfo) bool { return o.redirects() })
	if o == nil {
		return nil
	}
	return []string{
		fmt.Sprintf("	rc, err := c.%s(%s)", o.goName, strings.Join(callArgs(o), ", ")),
		"	if err != nil {",
		"		return err",
		"	}",
		"	defer rc.Close()",
		"	_, err = io.Copy(w, rc)",
		"",
	}
}

// uploadExample is the code of an upload in the package doc, when the
// package has an operation that creates an upload session (its result is
// microsoft.graph.uploadSession, with uploadUrl) and the driveItem type.
func (m *model) uploadExample() []string {
	isURL := func(f *fieldInfo) bool { return f.json == "uploadUrl" }
	o := m.fewestArgs(func(o *opInfo) bool {
		return o.body == bJSON && o.result == rObject && o.resultSchema != nil &&
			o.resultSchema.component == "microsoft.graph.uploadSession" && slices.ContainsFunc(o.resultSchema.fields, isURL)
	})
	item := m.byName["microsoft.graph.driveItem"]
	if o == nil || item == nil || !slices.Contains(m.schemas, item) {
		return nil
	}
	urlField := o.resultSchema.fields[slices.IndexFunc(o.resultSchema.fields, isURL)]
	args := append([]string{}, callArgs(o)...)
	at := 1 + len(o.pathArgs) + len(o.queryArgs)
	args = slices.Insert(args, at, "body")
	get := "uploadURL := session." + urlField.goName
	if !urlField.required {
		get = "uploadURL, _ := session." + urlField.goName + ".Get()"
	}
	upload := fmt.Sprintf("%s.Upload[%s.%s]", m.pkg, m.pkg, item.goName)
	resume := fmt.Sprintf("%s.ResumeUpload[%s.%s]", m.pkg, m.pkg, item.goName)
	return []string{
		fmt.Sprintf("	session, err := c.%s(%s)", o.goName, strings.Join(args, ", ")),
		"	if err != nil {",
		"		return err",
		"	}",
		"	" + get,
		fmt.Sprintf("	item, err := %s(ctx, c, uploadURL, f, size, &%s.UploadOptions{Progress: progress})", upload, m.pkg),
		"	if err != nil {",
		"		// the session lasts until it expires: continue where it stopped",
		fmt.Sprintf("		item, err = %s(ctx, c, uploadURL, f, size, nil)", resume),
		"	}",
		"",
	}
}

// callArgs are the arguments of a call of o in the package doc: ctx,
// the path and required query parameters by name, nil for the optional
// parameters.
func callArgs(o *opInfo) []string {
	args := []string{"ctx"}
	for _, a := range o.pathArgs {
		args = append(args, a.goName)
	}
	for _, a := range o.queryArgs {
		args = append(args, a.goName)
	}
	if o.params != nil {
		args = append(args, "nil")
	}
	return args
}

// pagingExample returns the operation the Paging section shows for verb
// (List, Delta): a GET of a collection response with the paging methods
// whose name starts with verb, with the fewest arguments (the first in
// path order among those); nil when there is none.
func (m *model) pagingExample(verb string) *opInfo {
	var best *opInfo
	for _, o := range m.ops {
		if o.method != "GET" || !o.collection || o.resultSchema == nil || !strings.HasPrefix(o.goName, verb) {
			continue
		}
		if _, _, _, ok := o.resultSchema.pageFields(); !ok {
			continue
		}
		if best == nil || len(o.pathArgs)+len(o.queryArgs) < len(best.pathArgs)+len(best.queryArgs) {
			best = o
		}
	}
	return best
}
