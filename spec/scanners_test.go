package spec

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// isComponentKey answers as the regular expression it replaces, on
// random strings of the bytes around its classes' edges, newlines and
// non-ASCII text included.
func TestIsComponentKey(t *testing.T) {
	re := regexp.MustCompile(`^[a-zA-Z0-9.\-_]+$`)
	alphabet := []string{"a", "z", "A", "Z", "0", "9", ".", "-", "_", "/", ",", "`", "@", "[", "{", ":", " ", "\n", "\x00", "é", "K", "\x7f"}
	cases := append([]string{"", "microsoft.graph.event", "a\n", "\na", "microsoft.graph.event collection"},
		randomStrings(rand.New(rand.NewPCG(1, 2)), alphabet, 8)...)
	for _, s := range cases {
		if got, want := isComponentKey(s), re.MatchString(s); got != want {
			t.Errorf("isComponentKey(%q) = %v, want %v", s, got, want)
		}
	}
}

// notNullable's one pass answers as the three searches it replaces, on
// random strings of the phrases' parts (TestNotNullable has fixed ones).
func TestNotNullableOnePass(t *testing.T) {
	old := func(desc string) bool {
		low := strings.ToLower(desc)
		return strings.Contains(low, "not nullable") || strings.Contains(low, "non-nullable") || strings.Contains(low, "cannot be null")
	}
	words := []string{"not ", "NOT ", "non-", "Non-", "nullable", "NULLABLE", "null", "Null", "cannot be ", "Cannot Be ", "not", " ", "-", "n", "é", "x", "."}
	cases := append([]string{"", "Not nullable.", "Read-only. Non-nullable.", "It cannot be null", "nullable", "not  nullable"},
		randomStrings(rand.New(rand.NewPCG(3, 4)), words, 6)...)
	for _, s := range cases {
		if got, want := notNullable(s), old(s); got != want {
			t.Errorf("notNullable(%q) = %v, want %v", s, got, want)
		}
	}
}

// randomStrings are 50,000 strings, each of fewer than maxParts parts drawn
// from parts by r.
func randomStrings(r *rand.Rand, parts []string, maxParts int) []string {
	out := make([]string, 50000)
	for i := range out {
		s := ""
		for n := r.IntN(maxParts); n > 0; n-- {
			s += parts[r.IntN(len(parts))]
		}
		out[i] = s
	}
	return out
}
