package parser

import (
	"strings"
	"unicode/utf8"
)

// Case-insensitive tests that lower-case ASCII text without copying it.
// Each is exactly its strings.ToLower spelling: text that is not all ASCII
// takes that spelling (Unicode lowering maps some other runes to ASCII
// letters, U+0130 to 'i' and U+212A to 'k').

// isASCII reports whether s is all ASCII.
func isASCII[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// lowerByte is c in lower case, for ASCII.
func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// indexLower is strings.Index(strings.ToLower(s), sub) for a lower-case
// sub, for ASCII s.
func indexLowerASCII[T string | []byte](s T, sub string) int {
	n := len(sub)
	if n == 0 {
		return 0
	}
	first := sub[0]
	for i := 0; i+n <= len(s); i++ {
		if lowerByte(s[i]) != first {
			continue
		}
		j := 1
		for j < n && lowerByte(s[i+j]) == sub[j] {
			j++
		}
		if j == n {
			return i
		}
	}
	return -1
}

// hasPrefixLower is strings.HasPrefix(s, prefix) with s's ASCII letters
// lowered, for a lower-case prefix: for s ASCII or already lowered.
func hasPrefixLower(s, prefix string) bool {
	return len(s) >= len(prefix) && indexLowerASCII(s[:len(prefix)], prefix) == 0
}

// hasPrefixLowerOf is strings.HasPrefix(strings.ToLower(s), prefix) for
// a lower-case ASCII prefix. When s starts with len(prefix) ASCII bytes,
// their lowering is the start of s's.
func hasPrefixLowerOf(s, prefix string) bool {
	n := len(prefix)
	switch {
	case len(s) >= n && isASCII(s[:n]):
		return equalLower(s[:n], prefix)
	case len(s) < n && isASCII(s):
		return false
	}
	return strings.HasPrefix(strings.ToLower(s), prefix)
}

// hasPrefixUpperOf is strings.HasPrefix(strings.ToUpper(s), prefix) for
// an upper-case ASCII prefix, as hasPrefixLowerOf.
func hasPrefixUpperOf[T string | []byte](s T, prefix string) bool {
	n := len(prefix)
	switch {
	case len(s) >= n && isASCII(s[:n]):
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
	case len(s) < n && isASCII(s):
		return false
	}
	return strings.HasPrefix(strings.ToUpper(string(s)), prefix)
}

// hasSuffixLowerASCII is strings.HasSuffix(strings.ToLower(s), suffix) for a
// lower-case suffix, for ASCII s.
func hasSuffixLowerASCII(s, suffix string) bool {
	return len(s) >= len(suffix) && equalLower(s[len(s)-len(suffix):], suffix)
}

// containsLower is strings.Contains(strings.ToLower(s), sub) for a
// lower-case sub.
func containsLower[T string | []byte](s T, sub string) bool {
	if isASCII(s) {
		return indexLowerASCII(s, sub) >= 0
	}
	return strings.Contains(strings.ToLower(string(s)), sub)
}

// equalLower is strings.ToLower(s) == low for a lower-case low.
func equalLower(s, low string) bool {
	if !isASCII(s) {
		return strings.ToLower(s) == low
	}
	if len(s) != len(low) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if lowerByte(s[i]) != low[i] {
			return false
		}
	}
	return true
}
