package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// The benchmarks run the full 2021-07 v1.0 tree (3,341 pages) and skip
// without the corpus. Each has two parts: the OpenAPI document alone
// (Build + OpenAPI), and the Go package (Build + GoFiles).

func needCorpus(b *testing.B) {
	if _, err := os.Stat(corpusV1); err != nil {
		b.Skipf("corpus absent (%s)", corpusV1)
	}
}

// produce runs what a command runs: the document, or the Go files.
func produce(b *testing.B, paths []string, opts Options, goFiles bool) *Result {
	res, err := Build(paths, opts)
	if err != nil {
		b.Fatal(err)
	}
	if goFiles {
		_, err = res.GoFiles(Options{Package: "graph"})
	} else {
		_, err = res.OpenAPI("json")
	}
	if err != nil {
		b.Fatal(err)
	}
	return res
}

var parts = []struct {
	name    string
	goFiles bool
}{{"openapi", false}, {"gofiles", true}}

// BenchmarkV1Cold: no cache.
func BenchmarkV1Cold(b *testing.B) {
	needCorpus(b)
	for _, p := range parts {
		b.Run(p.name, func(b *testing.B) {
			for b.Loop() {
				produce(b, []string{corpusV1}, Options{}, p.goFiles)
			}
		})
	}
}

// editCount makes every edit new, across the rounds of a benchmark.
var editCount int

// BenchmarkV1WarmOnePageEdited: a warm cache, and one page (api/event-get.md)
// edited before each run, in a way that changes the document.
func BenchmarkV1WarmOnePageEdited(b *testing.B) {
	needCorpus(b)
	tree := filepath.Join(b.TempDir(), "v1.0")
	copyTree(b, corpusV1, tree, func(string) bool { return true })
	page := filepath.Join(tree, "api", "event-get.md")
	orig, err := os.ReadFile(page)
	if err != nil {
		b.Fatal(err)
	}
	for _, p := range parts {
		b.Run(p.name, func(b *testing.B) {
			cacheDir := b.TempDir()
			produce(b, []string{tree}, Options{CacheDir: cacheDir}, p.goFiles) // warm up
			for b.Loop() {
				b.StopTimer()
				if err := os.WriteFile(page, orig, 0o644); err != nil {
					b.Fatal(err)
				}
				editCount++
				editTitle(b, page, fmt.Sprintf(" (edit %d)", editCount))
				b.StartTimer()
				res := produce(b, []string{tree}, Options{CacheDir: cacheDir}, p.goFiles)
				if res.Cache.PagesParsed != 1 || res.Cache.GoFilesReused {
					b.Fatalf("cache stats %+v: want one page parsed, Go files generated", res.Cache)
				}
			}
		})
	}
}

// BenchmarkV1WarmUnchanged: a warm cache and no edit (a CI check on a
// push that did not touch the docs).
func BenchmarkV1WarmUnchanged(b *testing.B) {
	needCorpus(b)
	for _, p := range parts {
		b.Run(p.name, func(b *testing.B) {
			cacheDir := b.TempDir()
			produce(b, []string{corpusV1}, Options{CacheDir: cacheDir}, p.goFiles)
			for b.Loop() {
				res := produce(b, []string{corpusV1}, Options{CacheDir: cacheDir}, p.goFiles)
				if res.Cache.PagesParsed != 0 || (p.goFiles && !res.Cache.GoFilesReused) {
					b.Fatalf("cache stats %+v: want everything reused", res.Cache)
				}
			}
		})
	}
}
