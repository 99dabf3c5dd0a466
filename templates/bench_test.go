package templates

import (
	"bytes"
	"os"
	"sync"
	"testing"

	"github.com/dave/jennifer/jen"
	"github.com/getkin/kin-openapi/openapi3"

	gparser "github.com/graphdocgen/graphdocgen/parser"
	"github.com/graphdocgen/graphdocgen/spec"
)

// The benchmarks run on the document of the 2021-07 v1.0 tree (3,341
// pages), built once per test binary, and skip without the corpus. They
// split Generate in its parts: the analysis and naming pass (buildModel),
// the building of every file's jennifer tree, its rendering without
// formatting, and the whole.

const benchCorpusV1 = "../../shared/corpus/graph-docs-2021-07/v1.0"

var benchDoc struct {
	once sync.Once
	doc  *openapi3.T
	err  error
}

// v1Doc is the document of the v1.0 corpus, built once.
func v1Doc(b testing.TB) *openapi3.T {
	b.Helper()
	if _, err := os.Stat(benchCorpusV1); err != nil {
		b.Skipf("corpus absent (%s)", benchCorpusV1)
	}
	benchDoc.once.Do(func() {
		set, err := gparser.Load([]string{benchCorpusV1}, gparser.LoadOptions{})
		if err != nil {
			benchDoc.err = err
			return
		}
		benchDoc.doc, _ = spec.Build(set.Pages, spec.Options{Version: "v1.0"})
	})
	if benchDoc.err != nil {
		b.Fatal(benchDoc.err)
	}
	return benchDoc.doc
}

// BenchmarkV1BuildModel: the analysis and naming pass alone.
func BenchmarkV1BuildModel(b *testing.B) {
	doc := v1Doc(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := buildModel(doc, "graph", false); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkV1BuildTrees: buildModel and every file's jennifer tree,
// built in turn on one goroutine.
func BenchmarkV1BuildTrees(b *testing.B) {
	doc := v1Doc(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := buildFiles(doc, Options{}, func(_ string, build func() *jen.File) { build() }); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkV1RenderTrees: BenchmarkV1BuildTrees and the rendering of
// each tree without formatting (what a file's cache key is made from).
func BenchmarkV1RenderTrees(b *testing.B) {
	doc := v1Doc(b)
	b.ReportAllocs()
	var buf bytes.Buffer
	for b.Loop() {
		err := buildFiles(doc, Options{}, func(name string, build func() *jen.File) {
			f := build()
			f.NoFormat = true
			buf.Reset()
			if err := f.Render(&buf); err != nil {
				b.Fatalf("render %s: %v", name, err)
			}
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkV1Generate: the whole of Generate, without cache.
func BenchmarkV1Generate(b *testing.B) {
	doc := v1Doc(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Generate(doc, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
