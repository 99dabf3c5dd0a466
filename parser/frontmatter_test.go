package parser

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// astShape writes what the parser reads of a node tree: kinds, segments,
// link destinations, heading levels, list markers, table alignments.
func astShape(b *strings.Builder, n ast.Node, depth int) {
	fmt.Fprintf(b, "%*s%s pos=%d", depth, "", n.Kind(), n.Pos())
	if n.Type() == ast.TypeBlock || n.Type() == ast.TypeDocument {
		fmt.Fprintf(b, " blank=%v", n.HasBlankPreviousLines())
		l := n.Lines()
		for i := 0; i < l.Len(); i++ {
			fmt.Fprintf(b, " %v", l.At(i))
		}
	}
	switch n := n.(type) {
	case *ast.Text:
		fmt.Fprintf(b, " %v soft=%v hard=%v raw=%v", n.Segment, n.SoftLineBreak(), n.HardLineBreak(), n.IsRaw())
	case *ast.String:
		fmt.Fprintf(b, " %q", n.Value)
	case *ast.Link:
		fmt.Fprintf(b, " %q %q", n.Destination, n.Title)
	case *ast.Heading:
		fmt.Fprintf(b, " h%d", n.Level)
	case *ast.List:
		fmt.Fprintf(b, " %c %d tight=%v", n.Marker, n.Start, n.IsTight)
	case *ast.FencedCodeBlock:
		if n.Info != nil {
			fmt.Fprintf(b, " info=%v", n.Info.Segment)
		}
	case *ast.HTMLBlock:
		fmt.Fprintf(b, " type=%d closure=%v", n.HTMLBlockType, n.ClosureLine)
	case *east.Table:
		fmt.Fprintf(b, " %v", n.Alignments)
	}
	b.WriteByte('\n')
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		astShape(b, c, depth+1)
	}
}

// TestFrontMatterSkipped: newSource, which starts goldmark after the front
// matter, gives the tree goldmark gives for the page with its front
// matter lines blanked (spaces, line breaks kept), on the fixture pages
// and, when the corpus is present, on every v1.0 page and include.
func TestFrontMatterSkipped(t *testing.T) {
	var files []string
	for _, root := range []string{"../generated/docs", filepath.Join(corpusDir, "graph-docs-2021-07/v1.0")} {
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
				files = append(files, p)
			}
			return nil
		})
	}
	if testing.Short() && len(files) > 400 {
		files = files[:400]
	}
	if len(files) == 0 {
		t.Fatal("no pages")
	}
	withFront := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src = stripBOM(src)
		s := newSource(f, src)
		blanked := src
		if s.frontEnd > 0 {
			withFront++
			blanked = []byte(string(src))
			n := len(src)
			if s.frontEnd-1 < len(s.lines) {
				n = s.lines[s.frontEnd-1]
			}
			for i := 0; i < n; i++ {
				if blanked[i] != '\n' {
					blanked[i] = ' '
				}
			}
		}
		var got, want strings.Builder
		astShape(&got, s.doc, 0)
		astShape(&want, md.Parser().Parse(text.NewReader(blanked)), 0)
		if got.String() != want.String() {
			t.Errorf("%s: the tree differs from the blanked page's:\n%s\nwant:\n%s", f, got.String(), want.String())
		}
	}
	if withFront == 0 {
		t.Error("no page with front matter")
	}
}
