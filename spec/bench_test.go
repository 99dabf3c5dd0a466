package spec

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/graphdocgen/graphdocgen/parser"
)

// BenchmarkV1Build: Build of the whole v1.0 tree, as a cold generate and a
// one-page-edit run do it. The pages are parsed once, outside the timer.
func BenchmarkV1Build(b *testing.B) {
	dir := filepath.Join("..", "..", "shared", "corpus", "graph-docs-2021-07", "v1.0")
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("corpus not available: %v", err)
	}
	set, err := parser.Load([]string{dir}, parser.LoadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		doc, diags := Build(set.Pages, Options{Version: "v1.0"})
		for _, d := range diags {
			if d.Severity == parser.Error {
				b.Fatal(d.String())
			}
		}
		if len(doc.Paths.Map()) == 0 {
			b.Fatal("no paths")
		}
	}
}
