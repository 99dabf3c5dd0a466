// Package asciifold holds case-insensitive tests that lower-case ASCII
// text without copying it, shared by the parser and spec. Each is exactly
// its strings.ToLower (or ToUpper) spelling: text that is not all ASCII
// takes that spelling (Unicode lowering maps some other runes to ASCII
// letters, U+0130 to 'i' and U+212A to 'k').
package asciifold

import (
	"strings"
	"unicode/utf8"
)

// IsASCII reports whether s is all ASCII.
func IsASCII[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// LowerByte is c in lower case, for ASCII.
func LowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// IndexLowerASCII is strings.Index(strings.ToLower(s),
// strings.ToLower(sub)) for ASCII s and sub.
func IndexLowerASCII[T string | []byte](s T, sub string) int {
	n := len(sub)
	if n == 0 {
		return 0
	}
	first := LowerByte(sub[0])
	for i := 0; i+n <= len(s); i++ {
		if LowerByte(s[i]) != first {
			continue
		}
		j := 1
		for j < n && LowerByte(s[i+j]) == LowerByte(sub[j]) {
			j++
		}
		if j == n {
			return i
		}
	}
	return -1
}

// HasPrefixLower is strings.HasPrefix(s, prefix) with s's ASCII letters
// lowered, for a lower-case prefix: for s ASCII or already lowered.
func HasPrefixLower(s, prefix string) bool {
	return len(s) >= len(prefix) && IndexLowerASCII(s[:len(prefix)], prefix) == 0
}

// HasPrefixLowerOf is strings.HasPrefix(strings.ToLower(s), prefix) for
// a lower-case ASCII prefix. When s starts with len(prefix) ASCII bytes,
// their lowering is the start of s's.
func HasPrefixLowerOf(s, prefix string) bool {
	n := len(prefix)
	switch {
	case len(s) >= n && IsASCII(s[:n]):
		return EqualLower(s[:n], prefix)
	case len(s) < n && IsASCII(s):
		return false
	}
	return strings.HasPrefix(strings.ToLower(s), prefix)
}

// HasPrefixUpperOf is strings.HasPrefix(strings.ToUpper(s), prefix) for
// an upper-case ASCII prefix, as HasPrefixLowerOf.
func HasPrefixUpperOf[T string | []byte](s T, prefix string) bool {
	n := len(prefix)
	switch {
	case len(s) >= n && IsASCII(s[:n]):
		for i := 0; i < n; i++ {
			c := s[i]
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			if c != prefix[i] {
				return false
			}
		}
		return true
	case len(s) < n && IsASCII(s):
		return false
	}
	return strings.HasPrefix(strings.ToUpper(string(s)), prefix)
}

// HasSuffixLowerASCII is strings.HasSuffix(strings.ToLower(s), suffix) for a
// lower-case suffix, for ASCII s.
func HasSuffixLowerASCII(s, suffix string) bool {
	return len(s) >= len(suffix) && EqualLower(s[len(s)-len(suffix):], suffix)
}

// ContainsLower is strings.Contains(strings.ToLower(s), sub) for a
// lower-case sub.
func ContainsLower[T string | []byte](s T, sub string) bool {
	if IsASCII(s) {
		return IndexLowerASCII(s, sub) >= 0
	}
	return strings.Contains(strings.ToLower(string(s)), sub)
}

// EqualLower is strings.ToLower(s) == low for a lower-case low.
func EqualLower(s, low string) bool {
	if !IsASCII(s) {
		return strings.ToLower(s) == low
	}
	if len(s) != len(low) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if LowerByte(s[i]) != low[i] {
			return false
		}
	}
	return true
}

// IsSpace reports whether the ASCII byte c is white space as
// unicode.IsSpace and strings.Fields take it.
func IsSpace(c byte) bool { return c < utf8.RuneSelf && space[c] }

var space = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// AppendLower appends strings.ToLower(s) to b: ASCII text byte by byte,
// other text by strings.ToLower. A lookup of a lower-case key takes its
// key so (m[string(b)] makes no string).
func AppendLower(b []byte, s string) []byte {
	if !IsASCII(s) {
		return append(b, strings.ToLower(s)...)
	}
	for i := 0; i < len(s); i++ {
		b = append(b, LowerByte(s[i]))
	}
	return b
}
