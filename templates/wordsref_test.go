package templates

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/graphdocgen/graphdocgen/internal/asciifold"
)

// refSplitWords and refGoWord are splitWords and goWord as they were
// written first, on []rune: the reference the substring-based ones must
// agree with.
func refSplitWords(s string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = nil
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush()
			continue
		}
		if len(cur) > 0 && unicode.IsUpper(r) {
			prev := cur[len(cur)-1]
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
				flush()
			}
		}
		if len(cur) > 0 && unicode.IsDigit(r) && unicode.IsLetter(cur[len(cur)-1]) {
			if _, ok := initialisms[strings.ToLower(string(cur))]; ok {
				flush()
			}
		}
		cur = append(cur, r)
	}
	flush()
	return words
}

func refGoWord(w string) string {
	lw := strings.ToLower(w)
	if v, ok := initialisms[lw]; ok {
		return v
	}
	if v, ok := specialWords[lw]; ok {
		return v
	}
	rs := []rune(w)
	allUpper := len(rs) > 1
	for _, r := range rs {
		if unicode.IsLower(r) {
			allUpper = false
		}
	}
	if allUpper {
		return w
	}
	rs[0] = unicode.ToUpper(rs[0])
	return string(rs)
}

func refExportedName(s string) string {
	var b strings.Builder
	for _, w := range refSplitWords(s) {
		b.WriteString(refGoWord(w))
	}
	out := b.String()
	if out != "" && !unicode.IsLetter([]rune(out)[0]) {
		out = "N" + out
	}
	return out
}

// TestWordsAsReference: splitWords, goWord and exportedName give what the
// rune-based reference gives, on names of every shape the docs have and
// on non-ASCII and invalid UTF-8 ("\u0130D" lowers to "id", as the
// reference's strings.ToLower reads it).
func TestWordsAsReference(t *testing.T) {
	for k := range initialisms {
		if len(k) > foldKeyMax || !asciifold.IsASCII(k) || strings.ToLower(k) != k {
			t.Fatalf("initialism key %q: not lower-case ASCII of at most %d bytes", k, foldKeyMax)
		}
	}
	for k := range specialWords {
		if len(k) > foldKeyMax || !asciifold.IsASCII(k) || strings.ToLower(k) != k {
			t.Fatalf("special word %q: not lower-case ASCII of at most %d bytes", k, foldKeyMax)
		}
	}
	inputs := []string{
		"", "a", "A", "_", "$value", "@odata.nextLink", "userId", "HTTPRequest", "iCalUId",
		"x509Certificate", "3dsEnabled", "id2", "ID2", "url3x", "urls4", "odata2", "ODATA",
		"microsoft.graph.callRecords.session", "delta(token='{token}')", "root:", "ABC", "AbC",
		"aBCDef", "ab1Cd", "a1B", "Élan", "élan", "ÉLAN", "\u0130D", "\u0130d2", "\u212Aelvin",
		"naïve", "日本語", "x\xffy", "\xff", "\xffabc", "ab\xc3", "über-große", "ǅungla",
		"ǲx", "ßtraße", "ﬁle", "HTTPSConnection", "someURL2Thing", "ip6Address", "Ip6", "apiV2",
		"a-b-c", "A.B.C", "  spaced  out  ", "camelCaseWithIDs", "JSONBody", "json_body",
		"\ufffdx", "x\ufffd", "Ω", "ΩΩ", "ωΩ", "Ⅻ", "٣abc", "a٣", "ID٣",
	}
	// every pair of a few pieces, for the boundaries between them
	pieces := []string{"a", "B", "1", "id", "ID", "url", ".", "É", "é", "\xff", "Ab", "odata"}
	for _, x := range pieces {
		for _, y := range pieces {
			for _, z := range pieces {
				inputs = append(inputs, x+y+z)
			}
		}
	}
	for _, in := range inputs {
		got, want := splitWords(in), refSplitWords(in)
		if strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Errorf("splitWords(%q) = %q, want %q", in, got, want)
		}
		if got, want := exportedName(in), refExportedName(in); got != want {
			t.Errorf("exportedName(%q) = %q, want %q", in, got, want)
		}
		for _, w := range want {
			if got, want := goWord(w), refGoWord(w); got != want {
				t.Errorf("goWord(%q) = %q, want %q", w, got, want)
			}
		}
		if utf8.ValidString(in) && in != "" {
			if got, want := goWord(in), refGoWord(in); got != want {
				t.Errorf("goWord(%q) = %q, want %q", in, got, want)
			}
		}
	}
}

// refDocLines and refLowerFirst are docLines and lowerFirst as they were
// written first, building strings word by word and on []rune.
func refDocLines(text string, width int) []string {
	var out []string
	for _, para := range strings.Split(strings.TrimSpace(text), "\n") {
		words := strings.Fields(para)
		if len(words) == 0 {
			if len(out) > 0 && out[len(out)-1] != "" {
				out = append(out, "")
			}
			continue
		}
		if last := words[len(words)-1]; endsInAlnum(last) {
			words[len(words)-1] = last + "."
		}
		line := ""
		for _, w := range words {
			if line != "" && len(line)+1+len(w) > width {
				out = append(out, line)
				line = ""
			}
			if line != "" {
				line += " "
			}
			line += w
		}
		out = append(out, line)
	}
	return out
}

func refLowerFirst(s string) string {
	if s == "" {
		return s
	}
	rs := []rune(s)
	if len(rs) > 1 && rs[1] >= 'A' && rs[1] <= 'Z' {
		return s
	}
	if rs[0] >= 'A' && rs[0] <= 'Z' {
		rs[0] += 'a' - 'A'
	}
	return string(rs)
}

// TestDocLinesAsReference: docLines and lowerFirst give what the
// reference gives, at the wrapping width's edges (a last word whose
// period makes it wrap), on blank and spaced paragraphs, non-ASCII and
// invalid UTF-8.
func TestDocLinesAsReference(t *testing.T) {
	texts := []string{
		"", " ", "\n\n", "a", "A", "AB", "Ab", "ÉA", "Éa", "aB", "x\xff", "\xffA", "A\xff", "É",
		"Not yet documented", "Returns the user.", "one two\n\nthree\n \n\nfour!",
		strings.Repeat("word ", 40), strings.Repeat("wörd\t", 30) + "end",
		strings.Repeat("x", 200) + " y", "a " + strings.Repeat("b", 75), "a " + strings.Repeat("b", 74),
		"a " + strings.Repeat("b", 73), strings.Repeat("ab ", 25) + "c", strings.Repeat("ab ", 24) + "cd",
		"  leading and trailing  \n  spaces  ", "tab\tseparated\vwords\fhere\r\nnext 7",
		"ends in a digit 42", "ends in a quote \"x\"", "non-breaking\u00a0space\u0085next",
	}
	for _, text := range texts {
		for _, width := range []int{1, 2, 10, 72, 73, 74, 75, 76, 77} {
			got, want := docLines(text, width), refDocLines(text, width)
			if strings.Join(got, "\n") != strings.Join(want, "\n") || len(got) != len(want) {
				t.Errorf("docLines(%q, %d) = %q, want %q", text, width, got, want)
			}
		}
		if got, want := lowerFirst(text), refLowerFirst(text); got != want {
			t.Errorf("lowerFirst(%q) = %q, want %q", text, got, want)
		}
	}
}
