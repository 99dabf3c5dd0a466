package asciifold

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestFoldHelpers: the ASCII fast paths say what their strings.ToLower
// spellings say, on ASCII text and on text whose lowering is not ASCII.
func TestFoldHelpers(t *testing.T) {
	texts := []string{"", "ConsistencyLevel", "consistencylevel header", "The CONSISTENCYLEVEL", "Consistency Level",
		"consİstencylevel", "\u212Aind", "kind", "And", "AND", "anD ", "ſ", "s", "Optional. Required when", "not Required", "ıNCLUDE", "[!include x]", "[!ıNCLUDE", "HTTPS://x", "İ"}
	subs := []string{"", "consistencylevel", "kind", "and", "s", "required", "not required", "e", "[!include", "include", "https://", "i"}
	for _, s := range texts {
		for _, sub := range subs {
			if got, want := ContainsLower(s, sub), strings.Contains(strings.ToLower(s), sub); got != want {
				t.Errorf("ContainsLower(%q, %q) = %v, want %v", s, sub, got, want)
			}
			if got, want := EqualLower(s, sub), strings.ToLower(s) == sub; got != want {
				t.Errorf("EqualLower(%q, %q) = %v, want %v", s, sub, got, want)
			}
			if got, want := HasPrefixLowerOf(s, sub), strings.HasPrefix(strings.ToLower(s), sub); got != want {
				t.Errorf("HasPrefixLowerOf(%q, %q) = %v, want %v", s, sub, got, want)
			}
			up := strings.ToUpper(sub)
			if got, want := HasPrefixUpperOf(s, up), strings.HasPrefix(strings.ToUpper(s), up); got != want {
				t.Errorf("HasPrefixUpperOf(%q, %q) = %v, want %v", s, up, got, want)
			}
			if IsASCII(s) {
				if got, want := HasSuffixLowerASCII(s, sub), strings.HasSuffix(strings.ToLower(s), sub); got != want {
					t.Errorf("HasSuffixLowerASCII(%q, %q) = %v, want %v", s, sub, got, want)
				}
				if got, want := IndexLowerASCII(s, sub), strings.Index(strings.ToLower(s), sub); got != want {
					t.Errorf("IndexLowerASCII(%q, %q) = %d, want %d", s, sub, got, want)
				}
				if got, want := IndexLowerASCII(s, up), strings.Index(strings.ToLower(s), sub); got != want {
					t.Errorf("IndexLowerASCII(%q, %q) = %d, want %d", s, up, got, want)
				}
			}
		}
	}
}

// TestIsSpace: IsSpace is unicode.IsSpace on every byte below utf8.RuneSelf,
// and false above it.
func TestIsSpace(t *testing.T) {
	for c := 0; c < 256; c++ {
		want := c < utf8.RuneSelf && unicode.IsSpace(rune(c))
		if got := IsSpace(byte(c)); got != want {
			t.Errorf("IsSpace(%#x) = %v, want %v", c, got, want)
		}
	}
}

// TestAppendLower: strings.ToLower, appended, for ASCII and other text.
func TestAppendLower(t *testing.T) {
	for _, s := range []string{"", "Event", "microsoft.graph.User", "HTTP-Request 2", "İstanbul", "\u212Aelvin", "ÄÖÜ"} {
		if got := string(AppendLower([]byte("x:"), s)); got != "x:"+strings.ToLower(s) {
			t.Errorf("AppendLower(%q) = %q, want %q", s, got, "x:"+strings.ToLower(s))
		}
	}
}
