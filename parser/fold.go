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
func isASCII(s string) bool {
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
func indexLowerASCII(s, sub string) int {
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

// hasPrefixLower is strings.HasPrefix(low, prefix) for s lower case in
// its ASCII letters as indexLowerASCII reads it.
func hasPrefixLower(s, prefix string) bool {
	return len(s) >= len(prefix) && indexLowerASCII(s[:len(prefix)], prefix) == 0
}

// containsLower is strings.Contains(strings.ToLower(s), sub) for a
// lower-case sub.
func containsLower(s, sub string) bool {
	if isASCII(s) {
		return indexLowerASCII(s, sub) >= 0
	}
	return strings.Contains(strings.ToLower(s), sub)
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
