package templates

import (
	"fmt"
	doccomment "go/doc/comment"
	"slices"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"
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

// TestDocLinesWrap: paragraphs are wrapped at the width, words split at
// any white space, runs of blank lines between paragraphs are one empty
// line, and a word longer than the width is a line of its own.
func TestDocLinesWrap(t *testing.T) {
	for _, c := range []struct {
		in    string
		width int
		want  []string
	}{
		{"", 10, nil},
		{"one two three four", 9, []string{"one two", "three", "four."}},
		{"a\u00a0b\tc\u2003d", 76, []string{"a b c d."}},
		{"first.\n\n\n \nsecond.\n", 76, []string{"first.", "", "second."}},
		{"x incomprehensibilities y", 5, []string{"x", "incomprehensibilities", "y."}},
	} {
		if got := docLines(c.in, c.width); !slices.Equal(got, c.want) {
			t.Errorf("docLines(%q, %d) = %q, want %q", c.in, c.width, got, c.want)
		}
	}
}

// TestWrapComment holds wrapComment to comment of docLines' lines: one
// line, several, paragraphs, and lines jennifer would write otherwise
// (starting with // or /*).
func TestWrapComment(t *testing.T) {
	for _, in := range []string{
		"",
		"Short",
		"Field is the value of a very long description that goes over more than one line of the comment.",
		"Two paragraphs.\n\nThe second one",
		"A line that wraps before //comment-like text, /* and this too",
		"//starts with slashes",
	} {
		got, want := jen.NewFile("p"), jen.NewFile("p")
		wrapComment(got.Group, in, 20)
		comment(want.Group, docLines(in, 20)...)
		if g, w := fmt.Sprintf("%#v", got), fmt.Sprintf("%#v", want); g != w {
			t.Errorf("wrapComment(%q):\n%s\nwant\n%s", in, g, w)
		}
	}
}
