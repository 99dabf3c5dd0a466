package templates

import (
	"bytes"
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/dave/jennifer/jen"
	"github.com/getkin/kin-openapi/openapi3"

	gparser "github.com/graphdocgen/graphdocgen/parser"
	"github.com/graphdocgen/graphdocgen/spec"
	"github.com/graphdocgen/graphdocgen/xgraph"
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
		if err := buildEach(doc, Options{}, func(_ string, build func() *jen.File) { build() }); err != nil {
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
		err := buildEach(doc, Options{}, func(name string, build func() *jen.File) {
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

// BenchmarkV1GenerateOnePageEdited: Generate with a warm cache after the
// summary of the operations of one page (api/event-get.md, in the files
// of me, users and groups) changed, as its title does.
func BenchmarkV1GenerateOnePageEdited(b *testing.B) {
	doc := v1Doc(b)
	var ops []*openapi3.Operation
	for _, path := range doc.Paths.InMatchingOrder() {
		for _, op := range doc.Paths.Value(path).Operations() {
			if x, err := xgraph.ReadOperation(op); err == nil && x.Page == "api/event-get.md" {
				ops = append(ops, op)
			}
		}
	}
	if len(ops) == 0 {
		b.Fatal("no operation of api/event-get.md")
	}
	orig := ops[0].Summary
	defer func() {
		for _, op := range ops {
			op.Summary = orig
		}
	}()
	c := newMemCache()
	if _, err := Generate(doc, Options{Cache: c}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	edit, rendered, runs := 0, 0, 0
	for b.Loop() {
		edit++
		for _, op := range ops {
			op.Summary = fmt.Sprintf("%s (edit %d)", orig, edit)
		}
		var st FileStats
		if _, err := Generate(doc, Options{Cache: c, Files: &st}); err != nil {
			b.Fatal(err)
		}
		rendered += len(st.Rendered)
		runs++
	}
	b.ReportMetric(float64(rendered)/float64(runs), "rendered/op")
}

// BenchmarkV1InputKeys: the deep hashes of the schemas, the hashes of
// the values files share, and the input key of every file, what a run
// with a cache computes before it builds any file (the keys here one
// after the other, on one goroutine).
func BenchmarkV1InputKeys(b *testing.B) {
	doc := v1Doc(b)
	var specs []fileSpec
	if err := buildFiles(doc, Options{Cache: newMemCache()}, func(fs fileSpec) { specs = append(specs, fs) }); err != nil {
		b.Fatal(err)
	}
	m, err := buildModel(doc, "graph", false)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		h, err := newKeyHasher(m.all)
		if err != nil {
			b.Fatal(err)
		}
		h.share(m.ops)
		for _, fs := range specs {
			if fs.key != nil {
				if _, err := fs.key(); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
}
