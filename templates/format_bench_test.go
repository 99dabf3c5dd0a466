package templates

import (
	"bytes"
	"os"
	"sort"
	"sync"
	"testing"

	"github.com/dave/jennifer/jen"

	gparser "github.com/graphdocgen/graphdocgen/parser"
	"github.com/graphdocgen/graphdocgen/spec"
)

// v1Sources are the files of Generate on the v1.0 corpus as jennifer
// renders them unformatted, by name; the benchmark skips without the
// corpus.
var v1Sources = sync.OnceValues(func() (map[string][]byte, error) {
	const corpus = "../../shared/corpus/graph-docs-2021-07/v1.0"
	if _, err := os.Stat(corpus); err != nil {
		return nil, nil
	}
	set, err := gparser.Load([]string{corpus}, gparser.LoadOptions{})
	if err != nil {
		return nil, err
	}
	doc, _ := spec.Build(set.Pages, spec.Options{Version: "v1.0"})
	out := map[string][]byte{}
	err = buildEach(doc, Options{Package: "graph"}, func(name string, build func() *jen.File) {
		f := build()
		f.NoFormat = true
		var src bytes.Buffer
		if err := f.Render(&src); err == nil {
			out[name] = src.Bytes()
		}
	})
	return out, err
})

func loadV1Sources(b *testing.B) ([]string, map[string][]byte) {
	b.Helper()
	srcs, err := v1Sources()
	if err != nil {
		b.Fatal(err)
	}
	if srcs == nil {
		b.Skip("corpus absent")
	}
	names := make([]string, 0, len(srcs))
	size := 0
	for n, s := range srcs {
		names = append(names, n)
		size += len(s)
	}
	sort.Strings(names)
	b.SetBytes(int64(size))
	return names, srcs
}

// BenchmarkFormatV1: formatSource on every file of a v1.0 Generate, one
// after the other (the CPU cost of formatting).
func BenchmarkFormatV1(b *testing.B) {
	names, srcs := loadV1Sources(b)
	var buf bytes.Buffer
	for b.Loop() {
		for _, n := range names {
			if _, err := formatSource(srcs[n], &buf); err != nil {
				b.Fatal(err)
			}
		}
	}
}
