package spec

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/graphdocgen/graphdocgen/parser"
)

// v1Pages loads the corpus's v1.0 tree, or skips without it.
func v1Pages(b *testing.B) *parser.Set {
	b.Helper()
	dir := filepath.Join("..", "..", "shared", "corpus", "graph-docs-2021-07", "v1.0")
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("corpus not available: %v", err)
	}
	set, err := parser.Load([]string{dir}, parser.LoadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	return set
}

// BenchmarkV1Build: Build of the whole v1.0 tree, as a cold generate and a
// one-page-edit run do it. The pages are parsed once, outside the timer.
func BenchmarkV1Build(b *testing.B) {
	set := v1Pages(b)
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

// BenchmarkV1Validate: the validation of the built v1.0 document, its
// steps in turn on one goroutine (so the time is its CPU), with the
// media types fitExamples checked ("fitted", as Build validates) and
// without them ("all", as Validate does).
func BenchmarkV1Validate(b *testing.B) {
	set := v1Pages(b)
	sorted := slices.Clone(set.Pages)
	slices.SortStableFunc(sorted, func(a, b *parser.Page) int { return strings.Compare(a.Path, b.Path) })
	doc, _ := assemble(sorted, Options{Version: "v1.0"})
	ok, monotone := resolveLocalGraph(doc)
	if !ok {
		b.Fatal("references do not resolve")
	}
	_, fitted := fitExamplesBy(doc, nil, misfitChunk)
	fitted.monotone = monotone
	for _, c := range []struct {
		name   string
		fitted fittedMedia
	}{{"fitted", fitted}, {"all", fittedMedia{}}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := validateFitted(doc, false, c.fitted); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
