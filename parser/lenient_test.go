package parser

import "testing"

// The lenient JSON rewrites leave string literals alone, escapes included.
func TestLenientRewritesSkipStrings(t *testing.T) {
	for _, c := range []struct {
		name string
		f    func([]byte) []byte
		in   string
		want string
	}{
		{"commas", dropTrailingCommas, `{"a\",}": [1,2,],}`, `{"a\",}": [1,2]}`},
		{"keys", quoteBareKeys, `{isCollection: true, "x: y": 1}`, `{"isCollection": true, "x: y": 1}`},
		{"comments", stripJSONComments, "{\"u\": \"http://x/*y*/\"} // note\n/* c */1", "{\"u\": \"http://x/*y*/\"} \n1"},
		{"words", quoteBareWords, `{"p": String, "q": "a b", "r": null}`, `{"p": "String", "q": "a b", "r": null}`},
		{"unterminated", dropTrailingCommas, `{"a,}`, `{"a,}`},
	} {
		if got := string(c.f([]byte(c.in))); got != c.want {
			t.Errorf("%s: %q -> %q, want %q", c.name, c.in, got, c.want)
		}
	}
}
