package templates

import (
	doccomment "go/doc/comment"
	"strings"
	"testing"
)

// TestDocLinesNoHeading: prose from the docs never turns into a doc
// comment heading. A one-line paragraph without punctuation between two
// others ("Not yet documented", a description equal to a title) is what
// go/doc reads as a heading; docLines ends such a paragraph with a period
// and leaves punctuated ones alone.
func TestDocLinesNoHeading(t *testing.T) {
	for _, c := range []struct{ in, last string }{
		{"Not yet documented", "Not yet documented."},
		{"Remove a key credential from an application", "Remove a key credential from an application."},
		{"Gets the 2", "Gets the 2."},
		{"Définir la catégorie", "Définir la catégorie."},
		{"Already one.", "Already one."},
		{"A question?", "A question?"},
		{"See (the list)", "See (the list)"},
	} {
		lines := docLines(c.in, 76)
		if got := lines[len(lines)-1]; got != c.last {
			t.Errorf("docLines(%q) ends %q, want %q", c.in, got, c.last)
		}
		text := "F calls \"x\".\n\n" + strings.Join(lines, "\n") + "\n\nHTTP: GET /x\n"
		var p doccomment.Parser
		for _, b := range p.Parse(text).Content {
			if h, ok := b.(*doccomment.Heading); ok {
				t.Errorf("docLines(%q): go/doc reads a heading %v", c.in, h.Text)
			}
		}
	}
}
