package pipeline

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/graphdocgen/graphdocgen/internal/fanout"
	"github.com/graphdocgen/graphdocgen/internal/gctune"
	"github.com/graphdocgen/graphdocgen/parser"
)

// The benchmarks run the full 2021-07 v1.0 tree (3,341 pages) and skip
// without the corpus. Each has two parts: the OpenAPI document alone
// (Build + OpenAPI, what `openapi` runs), and the Go package (Build +
// GoFiles, what `generate` and `check` run without -openapi). `make bench`
// shows the three cases side by side: cold (no cache), warm after one page
// edit, warm and unchanged.

func needCorpus(b *testing.B) {
	if _, err := os.Stat(corpusV1); err != nil {
		b.Skipf("corpus absent (%s)", corpusV1)
	}
}

// produce runs what a command runs: the document (Build, OpenAPI), or the
// Go files (Generate: Build and GoFiles, the document validated beside
// the generation). out is the document's JSON, or the Go files.
func produce(b *testing.B, paths []string, opts Options, goFiles bool) (res *Result, out map[string][]byte) {
	opts.Lazy = true // as the commands run
	start := time.Now()
	if goFiles {
		defer func() { genTime += time.Since(start) }()
		opts.Package = "graph"
		res, out, err := Generate(paths, opts)
		if err != nil {
			b.Fatal(err)
		}
		if res.Failed() {
			b.Fatalf("the run failed: %v", res.Diags)
		}
		return res, out
	}
	res, err := Build(paths, opts)
	if err != nil {
		b.Fatal(err)
	}
	buildTime += time.Since(start)
	start = time.Now()
	defer func() { outTime += time.Since(start) }()
	doc, err := res.OpenAPI("json")
	if err != nil {
		b.Fatal(err)
	}
	return res, map[string][]byte{"openapi.json": doc}
}

// buildTime and outTime add up the time produce spent in Build and in
// OpenAPI, genTime in Generate; each benchmark reports them per run
// (build-ms/op and out-ms/op for the document, generate-ms/op for the Go
// files), as the whole is dominated by Build.
var buildTime, outTime, genTime time.Duration

// timed runs the loop of b with the phase clocks reset, and reports them.
func timed(b *testing.B, loop func()) {
	buildTime, outTime, genTime = 0, 0, 0
	n := 0
	for b.Loop() {
		loop()
		n++
	}
	if genTime > 0 {
		b.ReportMetric(float64(genTime.Milliseconds())/float64(n), "generate-ms/op")
		return
	}
	b.ReportMetric(float64(buildTime.Milliseconds())/float64(n), "build-ms/op")
	b.ReportMetric(float64(outTime.Milliseconds())/float64(n), "out-ms/op")
}

// sameBytes fails b unless a run without cache gives out.
func sameBytes(b *testing.B, paths []string, goFiles bool, out map[string][]byte) {
	b.Helper()
	_, want := produce(b, paths, Options{}, goFiles)
	if len(want) != len(out) {
		b.Fatalf("%d files with the cache, %d without", len(out), len(want))
	}
	for name, data := range want {
		if !bytes.Equal(data, out[name]) {
			b.Fatalf("%s differs with the cache", name)
		}
	}
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
			timed(b, func() { produce(b, []string{corpusV1}, Options{}, p.goFiles) })
		})
	}
}

// editCount makes every edit new, across the rounds of a benchmark.
var editCount int

// BenchmarkV1WarmOnePageEdited: a warm cache, and one page (api/event-get.md)
// edited before each run, in a way that changes the document. At the end,
// the output is checked against a run without cache.
func BenchmarkV1WarmOnePageEdited(b *testing.B) {
	needCorpus(b)
	tree := filepath.Join(b.TempDir(), "v1.0")
	copyTree(b, corpusV1, tree, func(string) bool { return true })
	// A tree checked out a while ago: its files have settled, so the
	// cache knows them by their identities (fileid.Settled), as it knows
	// a user's docs; only the page edited before each run is read.
	time.Sleep(racy)
	page := filepath.Join(tree, "api", "event-get.md")
	orig, err := os.ReadFile(page)
	if err != nil {
		b.Fatal(err)
	}
	for _, p := range parts {
		b.Run(p.name, func(b *testing.B) {
			cacheDir := b.TempDir()
			produce(b, []string{tree}, Options{CacheDir: cacheDir}, p.goFiles) // warm up
			formatted, rendered, runs := 0, 0, 0
			var out map[string][]byte
			timed(b, func() {
				b.StopTimer()
				if err := os.WriteFile(page, orig, 0o644); err != nil {
					b.Fatal(err)
				}
				editCount++
				editTitle(b, page, fmt.Sprintf(" (edit %d)", editCount))
				b.StartTimer()
				var res *Result
				res, out = produce(b, []string{tree}, Options{CacheDir: cacheDir}, p.goFiles)
				if res.Cache.PagesParsed != 1 || p.goFiles && (res.Cache.GoFilesFormatted == 0 || res.Cache.GoFilesReused == 0 || res.Cache.PackageReused) {
					b.Fatalf("cache stats %+v: want one page parsed, some Go files formatted, the others reused", res.Cache)
				}
				formatted += res.Cache.GoFilesFormatted
				rendered += res.Cache.GoFilesRendered
				runs++
			})
			if p.goFiles {
				b.ReportMetric(float64(formatted)/float64(runs), "formatted/op")
				b.ReportMetric(float64(rendered)/float64(runs), "rendered/op")
			}
			b.StopTimer()
			sameBytes(b, []string{tree}, p.goFiles, out) // the guarantee, on the whole tree
		})
	}
}

// BenchmarkV1WarmUnchanged: a warm cache and no edit (a CI check on a
// push that did not touch the docs). At the end, the output is checked
// against a run without cache.
func BenchmarkV1WarmUnchanged(b *testing.B) {
	needCorpus(b)
	for _, p := range parts {
		b.Run(p.name, func(b *testing.B) {
			cacheDir := b.TempDir()
			produce(b, []string{corpusV1}, Options{CacheDir: cacheDir}, p.goFiles)
			var out map[string][]byte
			timed(b, func() {
				var res *Result
				res, out = produce(b, []string{corpusV1}, Options{CacheDir: cacheDir}, p.goFiles)
				if res.Cache.PagesParsed != 0 || (p.goFiles && !res.Cache.PackageReused) {
					b.Fatalf("cache stats %+v: want everything reused", res.Cache)
				}
			})
			b.StopTimer()
			sameBytes(b, []string{corpusV1}, p.goFiles, out)
		})
	}
}

// goldmarkFloor reads every page of the tree at dir and parses it with
// goldmark alone (parser.MarkdownOnly), on GOMAXPROCS goroutines: the
// least any run over the tree does.
func goldmarkFloor(b *testing.B, dir string) time.Duration {
	start := time.Now()
	jobs, err := parser.ListPages([]string{dir})
	if err != nil {
		b.Fatal(err)
	}
	// The pages are spread over the cores as parser.Load spreads them
	// (fanout): over an unbuffered channel, each waited about 17 µs for
	// the sender, which made the floor some 45 ms slower than goldmark is.
	var failed atomic.Bool
	fanout.For(len(jobs), 0, 1, func(_, i int) {
		data, err := os.ReadFile(jobs[i].File)
		if err != nil {
			failed.Store(true)
			return
		}
		parser.MarkdownOnly(data)
	})
	if failed.Load() {
		b.Fatal("a page could not be read")
	}
	return time.Since(start)
}

// BenchmarkV1GoldmarkRatio: a cold `generate` of the whole v1.0 tree (no
// cache: Build and GoFiles) against the goldmark floor (goldmarkFloor),
// measured in one run, paired (floor, generate, floor) so that the load
// of a shared machine falls on both: x-floor is the generate time over
// the mean of the two floors around it. The generate runs with the
// collector set as the command sets it (gctune.Start), the floor with
// Go's defaults.
func BenchmarkV1GoldmarkRatio(b *testing.B) {
	needCorpus(b)
	var floor, gen time.Duration
	for b.Loop() {
		floor += goldmarkFloor(b, corpusV1)
		runtime.GC()
		stop, _ := gctune.Start()
		start := time.Now()
		produce(b, []string{corpusV1}, Options{}, true)
		gen += time.Since(start)
		stop()
		runtime.GC()
		floor += goldmarkFloor(b, corpusV1)
	}
	b.ReportMetric(float64(floor.Milliseconds())/float64(2*b.N), "floor-ms/op")
	b.ReportMetric(float64(gen.Milliseconds())/float64(b.N), "generate-ms/op")
	b.ReportMetric(2*float64(gen)/float64(floor), "x-floor")
}

// BenchmarkV1ColdFillCache: a run into an empty cache (a first run, the
// first after an upgrade, a CI run on a fresh runner): parsing every
// page and storing it, generating and storing every Go file.
func BenchmarkV1ColdFillCache(b *testing.B) {
	needCorpus(b)
	for _, p := range parts {
		b.Run(p.name, func(b *testing.B) {
			timed(b, func() {
				b.StopTimer()
				cacheDir := b.TempDir()
				b.StartTimer()
				res, _ := produce(b, []string{corpusV1}, Options{CacheDir: cacheDir}, p.goFiles)
				if res.Cache.PagesReused != 0 {
					b.Fatalf("cache stats %+v: want every page parsed", res.Cache)
				}
			})
		})
	}
}
