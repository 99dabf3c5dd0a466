package parser

import (
	"strings"
	"testing"
)

// TestHasWord: hasWord says what its lower-case-copy spelling says, on
// ASCII text and on text whose lowering is not ASCII.
func TestHasWord(t *testing.T) {
	texts := []string{"", "ConsistencyLevel", "consistencylevel header", "The CONSISTENCYLEVEL", "Consistency Level",
		"consİstencylevel", "\u212Aind", "kind", "And", "AND", "anD ", "ſ", "s", "Optional. Required when", "not Required", "ıNCLUDE", "[!include x]", "[!ıNCLUDE", "HTTPS://x", "İ"}
	subs := []string{"consistencylevel", "kind", "and", "s", "required", "not required", "e", "[!include", "include", "https://", "i"}
	for _, s := range texts {
		for _, sub := range subs {
			if got, want := hasWord(s, sub), refHasWord(s, sub); got != want {
				t.Errorf("hasWord(%q, %q) = %v, want %v", s, sub, got, want)
			}
		}
	}
}

// refHasWord is hasWord as it was written, over a lower-case copy.
func refHasWord(t, word string) bool {
	low := strings.ToLower(t)
	for i := 0; ; {
		j := strings.Index(low[i:], word)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(word)
		if (j == 0 || !isLetter(low[j-1])) && (end == len(low) || !isLetter(low[end])) {
			return true
		}
		i = j + 1
	}
}

// TestNormTitle: normTitle is the lower-cased title without a trailing
// colon, its words one space apart, on ASCII and other titles.
func TestNormTitle(t *testing.T) {
	ref := func(t string) string {
		t = strings.ToLower(strings.TrimSpace(t))
		t = strings.TrimRight(t, ": ")
		return strings.Join(strings.Fields(t), " ")
	}
	for _, title := range []string{"", " ", "HTTP request", "http request", "  Request   headers: ", "Response:\t", "Foo :\t:",
		"a\tb", "a\n b", "Request body:", "Permission Type", "Permissions (from least to most privileged)", "Request  Headers", "Properties", "İnclude", "Relationships \u00a0", "x:", ":", "a  ", "Example 1: Get"} {
		if got, want := normTitle(title), ref(title); got != want {
			t.Errorf("normTitle(%q) = %q, want %q", title, got, want)
		}
	}
	// headerTitle returns a common title as written without normTitle
	for title := range commonTitles {
		if got := normTitle(title); got != title {
			t.Errorf("common title %q: normTitle gives %q", title, got)
		}
	}
}

// TestPrimitiveAndCollection: primitiveName and splitCollection read
// names as their lower-casing spellings did.
func TestPrimitiveAndCollection(t *testing.T) {
	refPrimitive := func(n string) string {
		low := strings.ToLower(strings.TrimSpace(n))
		return primitives[strings.TrimPrefix(low, "edm.")]
	}
	for _, n := range []string{"String", " Edm.Int32 ", "EDM.guid", "edm.", "Edm", "DateTimeOffset", "İnt32", "Kind", "x",
		"a very long name that is longer than thirty-two bytes", "Collection(microsoft.graph.x)", "collection( a )", "X collection",
		"x Collections", "Collection of x", "COLLECTION OF [x]", "x[]", "İ collection", "Collection (y)", "collection(x", "collectionx)"} {
		if got, want := primitiveName(n), refPrimitive(n); got != want {
			t.Errorf("primitiveName(%q) = %q, want %q", n, got, want)
		}
		name, coll := splitCollection(n)
		t.Logf("%q: %q %v", n, name, coll)
	}
	for n, want := range map[string]string{"Collection(microsoft.graph.x)": "microsoft.graph.x", "collection( a )": "a",
		"X collection": "X", "x Collections": "x", "Collection of x": "x", "x[]": "x", "Collection (y)": "y"} {
		if got, coll := splitCollection(n); got != want || !coll {
			t.Errorf("splitCollection(%q) = %q, %v, want %q, true", n, got, coll, want)
		}
	}
	for _, n := range []string{"collection(x", "collectionx)", "String", "siteCollection"} {
		if got, coll := splitCollection(n); coll || got != n {
			t.Errorf("splitCollection(%q) = %q, %v, want it unchanged", n, got, coll)
		}
	}
}
