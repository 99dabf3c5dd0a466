package templates

import (
	"fmt"
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
	return f
}

// packageDoc returns the package comment of the generated package.
func (m *model) packageDoc() []string {
	title := "Microsoft Graph"
	version := ""
	if m.doc.Info != nil {
		if m.doc.Info.Title != "" {
			title = m.doc.Info.Title
		}
		version = m.doc.Info.Version
	}
	var example *opInfo
	for _, o := range m.ops {
		if o.method == "GET" && o.result == rObject && !o.collection && o.params != nil {
			example = o
			break
		}
	}
	var list *opInfo
	for _, o := range m.ops {
		if o.collection && len(o.pathArgs) == 0 {
			list = o
			break
		}
	}
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
	out = append(out, p("Every request carries \"Authorization: Bearer TOKEN\" with a token from the TokenSource, asked once per request: StaticToken is a fixed token, TokenFunc adapts a function, for instance one that caches and refreshes tokens from an OAuth 2.0 library. The token is sent only to the base URL's host. Each method's doc comment lists the permissions it needs, least privileged first.")...)
	out = append(out, "# Operations", "")
	out = append(out, p("Each operation and path variant is one method on *Client. Its arguments are a context, the path parameters in path order (escaped, so an ID cannot change the path), the required query parameters, the request body (a pointer to its model, or an io.Reader for binary content) and, when the operation has optional query or header parameters, a pointer to its parameters struct (nil for none). It returns error alone when the response has no content, a pointer to the model for objects and collections, the value for primitive results, an io.ReadCloser for binary content (the caller closes it), and the Location URL for redirects and accepted long-running operations.")...)
	if example != nil {
		var args []string
		args = append(args, "ctx")
		for _, a := range example.pathArgs {
			args = append(args, a.goName)
		}
		out = append(out, fmt.Sprintf("\tv, err := c.%s(%s, &%s.%s{Select: []string{\"id\"}})", example.goName, strings.Join(args, ", "), m.pkg, example.params.goName), "")
	}
	out = append(out, "# Naming", "")
	out = append(out, p("A method is named by a verb and the literal segments of its path. The verb is the action or function name for actions and functions; otherwise Get (an object), List (a collection), Create (POST), Update (PATCH), Replace (PUT) or Delete (DELETE). So POST /users/{userId}/events/{eventId}/permanentDelete is PermanentDeleteUsersEvents and GET /me/events is ListMeEvents. When two paths give one name, the one with more parameters gets By and its last parameter (GetMeEventsByEventID). Types are the schema names in Go case (event is Event); enumeration constants are the type name and the member (ImportanceHigh).")...)
	out = append(out, "# Errors", "")
	out = append(out, p("A response with an unexpected status is returned as *Error, with the status, the OData error code and message, the request-id and the raw body:")...)
	out = append(out, "\tvar e *"+m.pkg+".Error", "\tif errors.As(err, &e) && e.StatusCode == http.StatusNotFound { ... }", "")
	out = append(out, "# Optional values", "")
	out = append(out, p("A property that may be absent is an Optional[T]: absent (the zero value, left out of requests), null (Null, which clears the property in an update) or a value (Some). Get returns the value and whether there is one. Collections are plain slices: nil is absent, an empty non-nil slice is sent as []. Properties the docs do not list survive a round trip in AdditionalProperties. Date, TimeOfDay and Duration spell Graph's Edm.Date, Edm.TimeOfDay and Edm.Duration.")...)
	out = append(out, "# Paging", "")
	page := "A List method returns one page: the items in Value and, when there are more, the URL of the next page in ODataNextLink (@odata.nextLink). Follow it with the same client until it is absent."
	if list != nil {
		page += fmt.Sprintf(" %s is such a method.", list.goName)
	}
	out = append(out, docLines(page, 76)...)
	return out
}
