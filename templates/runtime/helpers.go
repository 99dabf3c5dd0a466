package runtime

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// marshalObject encodes v, a struct without methods, and adds the
// additional properties whose keys it does not have.
func marshalObject(v any, extra map[string]json.RawMessage) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil || len(extra) == 0 {
		return b, err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(b, &all); err != nil {
		return nil, err
	}
	for k, x := range extra {
		if _, ok := all[k]; !ok {
			all[k] = x
		}
	}
	return json.Marshal(all)
}

// unmarshalObject decodes b into v, a struct without methods, and keeps
// the properties other than known in *extra, with their exact spelling. A
// key that differs from a known one in case only ("FOOBAR" beside
// "fooBar") is not that property: encoding/json would fill the field with
// it and a re-encoding would spell it as the field, so it goes to *extra.
func unmarshalObject(b []byte, v any, extra *map[string]json.RawMessage, known ...string) error {
	if string(b) == "null" {
		return nil
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(b, &all); err != nil {
		return err
	}
	var rest map[string]json.RawMessage
	folded := false
	for k, x := range all {
		if slices.Contains(known, k) {
			continue
		}
		if rest == nil {
			rest = map[string]json.RawMessage{}
		}
		rest[k] = x
		for _, n := range known {
			if strings.EqualFold(k, n) {
				folded = true
				break
			}
		}
	}
	if folded {
		// decode the exactly spelled properties only
		for k := range rest {
			delete(all, k)
		}
		exact, err := json.Marshal(all)
		if err != nil {
			return err
		}
		b = exact
	}
	if err := json.Unmarshal(b, v); err != nil {
		return err
	}
	*extra = rest
	return nil
}

// queryValue sets key to v in r's query unless v is empty.
func queryValue(r *request, key, v string) {
	if v == "" {
		return
	}
	if r.query == nil {
		r.query = url.Values{}
	}
	r.query.Set(key, v)
}

// headerValue sets key to v in r's header unless v is empty.
func headerValue(r *request, key, v string) {
	if v == "" {
		return
	}
	if r.header == nil {
		r.header = http.Header{}
	}
	r.header.Set(key, v)
}

// impliedHeader sets key to v in r's header when the header is not set
// and one of the query options is (and not "false"): the docs require
// "ConsistencyLevel: eventual" with $search and $count on directory
// objects, so a caller who sets those gets it.
func impliedHeader(r *request, key, v string, options ...string) {
	if r.header.Get(key) != "" {
		return
	}
	for _, o := range options {
		if q := r.query.Get(o); q != "" && q != "false" {
			headerValue(r, key, v)
			return
		}
	}
}

// formatValue spells a parameter value as Graph expects it in a URL.
func formatValue(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case time.Time:
		return x.Format(time.RFC3339Nano)
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}

// formatList joins the values with commas.
func formatList[T any](vs []T) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = formatValue(v)
	}
	return strings.Join(parts, ",")
}

// formatOptional spells a set value; absent and null are empty.
func formatOptional[T any](o Optional[T]) string {
	if v, ok := o.Get(); ok {
		return formatValue(v)
	}
	return ""
}

// formatBool spells true; false is left out.
func formatBool(b bool) string {
	if b {
		return "true"
	}
	return ""
}

// quoteArg spells a function or key argument the docs write inside
// '...' in the path: an OData string literal's text (odataString), then
// escaped as a path segment. Graph decodes the path before it reads the
// arguments, so the quoting, not the percent-encoding, keeps the value
// one argument.
func quoteArg(s string) string { return pathEscape(odataString(s)) }

// literalArg spells a function or key argument the docs write without
// quotes in the path ("range(address={address})"): one OData literal
// (odataLiteral), then escaped as a path segment.
func literalArg(s string) string { return pathEscape(odataLiteral(s)) }

// odataString is the text of an OData string literal between its single
// quotes: every quote doubled, so that no value ends the literal.
func odataString(s string) string { return strings.ReplaceAll(s, "'", "''") }

// odataPhrase is the text of a $search phrase between its double quotes:
// '\' and '"' escaped with a backslash.
func odataPhrase(s string) string { return phraseEscaper.Replace(s) }

// phraseEscaper is odataPhrase's replacer, built once.
var phraseEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

// odataLiteral spells s as one OData literal where the docs write a
// placeholder without quotes inside an expression or an argument list
// ("containerTypeId eq {value}"): as it is when it is one bare token (a
// number, a GUID, a date or time, true, null, an enumeration member or a
// property name: ASCII letters, digits and . _ : + -), else as a string
// literal in single quotes, its quotes doubled. No value can add an
// operator, an argument or a parenthesis to the expression.
func odataLiteral(s string) string {
	bare := s != ""
	for i := 0; i < len(s) && bare; i++ {
		c := s[i]
		bare = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '.' || c == '_' || c == ':' || c == '+' || c == '-'
	}
	if bare {
		return s
	}
	return "'" + odataString(s) + "'"
}

// invoke sends r and decodes the JSON response into a new T.
func invoke[T any](ctx context.Context, c *Client, r *request) (*T, error) {
	out := new(T)
	if _, err := c.do(ctx, r, out); err != nil {
		return nil, err
	}
	return out, nil
}

// invokeValue sends r and returns the "value" of the JSON response.
func invokeValue[T any](ctx context.Context, c *Client, r *request) (T, error) {
	var out struct {
		Value T `json:"value"`
	}
	_, err := c.do(ctx, r, &out)
	return out.Value, err
}

// invokeNone sends r and expects no content.
func invokeNone(ctx context.Context, c *Client, r *request) error {
	_, err := c.do(ctx, r, nil)
	return err
}

// invokeStream sends r and returns the response body; the caller closes it.
func invokeStream(ctx context.Context, c *Client, r *request) (io.ReadCloser, error) {
	body, _, err := c.doStream(ctx, r)
	return body, err
}

// invokeLocation sends r, expects status and returns the Location header.
func invokeLocation(ctx context.Context, c *Client, r *request, status int) (*url.URL, error) {
	resp, err := c.do(ctx, r, nil, status)
	if err != nil {
		return nil, err
	}
	return location(resp)
}
