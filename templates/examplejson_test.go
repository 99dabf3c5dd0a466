package templates

import (
	"encoding/json"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// marshalOrEmpty is what mustJSON gave before appendJSON: json.Marshal's
// text, "{}" when it fails.
func marshalOrEmpty(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "{}"
	}
	return string(b)
}

// TestAppendJSON holds mustJSON to json.Marshal on values of each kind,
// strings that escape in each way (those appendJSON hands to json.Marshal
// included), numbers valid and not, and, outside -short, every example
// value of the v1.0 document.
func TestAppendJSON(t *testing.T) {
	vals := []any{
		nil, true, false, "", "plain", `q"b\s`, "<a&b>", "tab\tnl\nret\r", "\x00\x01\x1f\b\f", "ünï ✓", "bad\xffutf8", "\u2028\u2029",
		json.Number("1"), json.Number("-0.5e+10"), json.Number(""), json.Number("01"), json.Number("1."), json.Number("x"), json.Number("1e"),
		7, 1.5, []any{}, []any(nil), []any{1, "a", nil},
		map[string]any{}, map[string]any{"b": 1, "a": []any{map[string]any{"z": "<", "é": true}}, "A": nil, "a b": json.Number("2")},
		map[string]any{"x": json.Number("bad")}, map[string]any{"x": float32(1.25)},
	}
	check := func(v any) {
		t.Helper()
		if got, want := mustJSON(v), marshalOrEmpty(v); got != want {
			t.Errorf("%#v: mustJSON gives %s, json.Marshal %s", v, got, want)
		}
	}
	for _, v := range vals {
		check(v)
	}
	if testing.Short() {
		return
	}
	doc := v1Doc(t)
	n := 0
	each := func(c openapi3.Content) {
		for _, mt := range c {
			if mt == nil {
				continue
			}
			for _, ex := range mt.Examples {
				if ex != nil && ex.Value != nil {
					check(ex.Value.Value)
					n++
				}
			}
		}
	}
	for _, path := range doc.Paths.InMatchingOrder() {
		for _, op := range doc.Paths.Value(path).Operations() {
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				each(op.RequestBody.Value.Content)
			}
			for _, r := range op.Responses.Map() {
				if r != nil && r.Value != nil {
					each(r.Value.Content)
				}
			}
		}
	}
	if n < 1000 {
		t.Errorf("only %d examples compared", n)
	}
}
