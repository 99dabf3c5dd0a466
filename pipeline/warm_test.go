package pipeline

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/graphdocgen/graphdocgen/parser"
)

func diagText(res *Result) string {
	var b strings.Builder
	for _, d := range res.Diags {
		fmt.Fprintln(&b, d.String())
	}
	return b.String()
}

// TestCacheLazy: with Options.Lazy, a warm run over unchanged docs builds
// neither the pages nor the document, and gives the diagnostics, the Go
// files and the JSON document of a run without cache; what the cache
// does not hold (YAML, another package name) builds the document then;
// an edit makes the run a full one.
func TestCacheLazy(t *testing.T) {
	tree := filepath.Join(t.TempDir(), "docs")
	copyTree(t, fixtureDocs, tree, func(string) bool { return true })
	cacheDir := filepath.Join(t.TempDir(), "cache")
	paths := []string{tree}
	base := runOnce(t, paths, Options{Workers: 1})
	lazy := Options{CacheDir: cacheDir, Lazy: true}
	cold := runOnce(t, paths, lazy) // nothing stored: a full run, which stores
	sameOutput(t, "cold, lazy", base, cold)

	res, err := Build(paths, lazy)
	if err != nil {
		t.Fatal(err)
	}
	if res.Doc != nil || res.Pages != nil || res.Cache.PagesParsed != 0 || res.Cache.PagesReused != cold.stats.PagesParsed {
		t.Fatalf("warm lazy run built the document (%v) or pages (%d), stats %+v", res.Doc != nil, len(res.Pages), res.Cache)
	}
	if got := diagText(res); got != base.diags {
		t.Errorf("lazy diagnostics:\n%s\nwant:\n%s", got, base.diags)
	}
	files, err := res.GoFiles(Options{Package: "graph"})
	if err != nil {
		t.Fatal(err)
	}
	sameOutput(t, "lazy Go files", output{diags: base.diags, openapi: base.openapi, yaml: base.yaml, goFiles: base.goFiles},
		output{diags: base.diags, openapi: base.openapi, yaml: base.yaml, goFiles: files})
	json, err := res.OpenAPI("json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(json, base.openapi) {
		t.Error("lazy JSON document differs")
	}
	if res.Doc != nil || !res.Cache.PackageReused {
		t.Errorf("the Go files and the JSON document built the document (%v), stats %+v", res.Doc != nil, res.Cache)
	}
	yaml, err := res.OpenAPI("yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(yaml, base.yaml) || res.Doc == nil {
		t.Errorf("lazy YAML: same %v, document built %v", bytes.Equal(yaml, base.yaml), res.Doc != nil)
	}

	// Another package name: not in the cache, so the document is built.
	other := runOnce(t, paths, Options{Workers: 1})
	res, err = Build(paths, lazy)
	if err != nil {
		t.Fatal(err)
	}
	want, err := (func() (map[string][]byte, error) {
		r, err := Build(paths, Options{})
		if err != nil {
			return nil, err
		}
		return r.GoFiles(Options{Package: "other"})
	})()
	if err != nil {
		t.Fatal(err)
	}
	got, err := res.GoFiles(Options{Package: "other"})
	if err != nil {
		t.Fatal(err)
	}
	sameOutput(t, "lazy, another package", output{diags: other.diags, goFiles: want}, output{diags: other.diags, goFiles: got})

	// -strict on the stored diagnostics.
	strict, err := Build(paths, Options{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	res, err = Build(paths, Options{CacheDir: cacheDir, Lazy: true, Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Doc != nil || diagText(res) != diagText(strict) || res.Failed() != strict.Failed() {
		t.Errorf("lazy strict run: built %v, diagnostics:\n%s\nwant:\n%s", res.Doc != nil, diagText(res), diagText(strict))
	}

	// An edit: a full run.
	editTitle(t, filepath.Join(tree, "api", "event-get.md"), " (edited)")
	fresh := runOnce(t, paths, Options{Workers: 1})
	inc := runOnce(t, paths, lazy)
	sameOutput(t, "after the edit, lazy", fresh, inc)
	if inc.stats.PagesParsed != 1 {
		t.Errorf("after the edit: stats %+v, want one page parsed", inc.stats)
	}
}

// TestCacheLazyReadsEachPageOnce: a lazy run that finds a changed page
// hands the pages its check read to the full run, which does not read
// them again: every page is read once, and the output is that of a run
// without cache.
func TestCacheLazyReadsEachPageOnce(t *testing.T) {
	for _, tc := range []struct {
		name    string
		workers int
		last    bool // edit the last page the check reads, else the first
	}{{"one worker, last page edited", 1, true}, {"two workers, first page edited", 2, false}} {
		t.Run(tc.name, func(t *testing.T) {
			tree := filepath.Join(t.TempDir(), "docs")
			copyTree(t, fixtureDocs, tree, func(string) bool { return true })
			paths := []string{tree}
			lazy := Options{CacheDir: filepath.Join(t.TempDir(), "cache"), Lazy: true, Workers: tc.workers}
			runOnce(t, paths, lazy) // stores the build entry
			jobs, err := parser.ListPages(paths)
			if err != nil || len(jobs) < 3 {
				t.Fatalf("%d pages, %v", len(jobs), err)
			}
			edited := jobs[0].File
			if tc.last {
				edited = jobs[len(jobs)-1].File
			}
			editTitle(t, edited, " (edited)")
			want := runOnce(t, paths, Options{Workers: 1})

			reads := countReads(t)
			got := runOnce(t, paths, lazy)
			readPage = nil
			sameOutput(t, "lazy run after an edit", want, got)
			if got.stats.PagesParsed != 1 {
				t.Errorf("stats %+v, want one page parsed", got.stats)
			}
			for _, j := range jobs {
				if n := reads[j.File]; n != 1 {
					t.Errorf("%s read %d times, want once", j.File, n)
				}
			}
			if len(reads) != len(jobs) {
				t.Errorf("%d files read, want the %d pages", len(reads), len(jobs))
			}
		})
	}
}

// coarseTimes reports whether files written in dir get modification
// times in whole seconds (two files in a row both on the second).
func coarseTimes(t *testing.T, dir string) bool {
	for i := range 2 {
		f := filepath.Join(dir, fmt.Sprintf("tick%d", i))
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if fi.ModTime().Nanosecond() != 0 {
			return false
		}
		time.Sleep(3 * time.Millisecond)
	}
	return true
}

// countReads counts Build's page reads by file from now until the test
// ends (readPage): the map may be read or cleared between runs.
func countReads(t *testing.T) map[string]int {
	var mu sync.Mutex
	reads := map[string]int{}
	readPage = func(j parser.PageFile) ([]byte, parser.Diagnostics, error) {
		mu.Lock()
		reads[j.File]++
		mu.Unlock()
		return parser.ReadPage(j)
	}
	t.Cleanup(func() { readPage = nil })
	return reads
}

// TestReadPagesKeyOf: the page hook takes the lazy check's key for a page
// only for the very bytes the check read and hashed; other bytes of the
// page (a read after an edit, even of the same length) are hashed again.
func TestReadPagesKeyOf(t *testing.T) {
	j := parser.PageFile{File: "docs/api/a.md", Name: "api/a.md", Tree: true}
	data := []byte("# a page\n")
	rp := readPages{pageID{j.File, j.Name, j.Tree}: {data: data, key: "k"}}
	if key, ok := rp.keyOf(j, data); !ok || key != "k" {
		t.Errorf("the bytes read: %q, %v; want the check's key", key, ok)
	}
	if key, ok := rp.keyOf(j, bytes.Clone(data)); ok {
		t.Errorf("other bytes of the same length: key %q taken", key)
	}
	other := j
	other.File = "docs/api/b.md"
	if key, ok := rp.keyOf(other, data); ok {
		t.Errorf("another page: key %q taken", key)
	}
	var none readPages
	if _, ok := none.keyOf(j, data); ok {
		t.Error("no lazy check: a key taken")
	}
}

// TestCacheKnowsPagesByIdentity: once the build entry holds the file
// identities of the pages and their includes, a lazy run reads only the
// pages whose identity changed, and its output is still that of a run
// without cache after every kind of change: an edit, a rewrite of the
// same size with the modification time set back, a touch, an include
// rewritten the same way, a page added and removed (the others still
// known). A page that had not settled when it was read
// (fileid.Settled) is read on every run.
func TestCacheKnowsPagesByIdentity(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("file identities are read on Linux only")
	}
	origRacy := racy
	t.Cleanup(func() { racy = origRacy })
	racy = 0 // the steps sleep past a clock tick instead
	tree := filepath.Join(t.TempDir(), "docs")
	if coarseTimes(t, t.TempDir()) {
		t.Skip("file times in whole seconds here: a margin of 0 is not safe")
	}
	copyTree(t, fixtureDocs, tree, func(string) bool { return true })
	paths := []string{tree}
	jobs, err := parser.ListPages(paths)
	if err != nil || len(jobs) < 3 {
		t.Fatalf("%d pages, %v", len(jobs), err)
	}
	reads := countReads(t)
	type out struct {
		diags string
		files map[string][]byte
		stats CacheStats
	}
	run := func(opts Options) out {
		t.Helper()
		res, err := Build(paths, opts)
		if err != nil {
			t.Fatal(err)
		}
		files, err := res.GoFiles(Options{Package: "graph"})
		if err != nil {
			t.Fatal(err)
		}
		return out{diagText(res), files, res.Cache}
	}
	lazy := Options{CacheDir: filepath.Join(t.TempDir(), "cache"), Lazy: true, Workers: 2}
	step := func(what string, change func(), wantReads, wantParsed int) {
		t.Helper()
		time.Sleep(20 * time.Millisecond) // past the file times' clock tick
		if change != nil {
			change()
		}
		want := run(Options{})
		clear(reads)
		got := run(lazy)
		if got.diags != want.diags || len(changedFiles(want.files, got.files)) > 0 || len(got.files) != len(want.files) {
			t.Errorf("%s: output differs from a run without cache (files %v)", what, changedFiles(want.files, got.files))
		}
		n := 0
		for _, c := range reads {
			n += c
		}
		if wantReads >= 0 && n != wantReads {
			t.Errorf("%s: %d page reads (%v), want %d", what, n, reads, wantReads)
		}
		if got.stats.PagesParsed != wantParsed {
			t.Errorf("%s: %d pages parsed, want %d", what, got.stats.PagesParsed, wantParsed)
		}
	}
	page := filepath.Join(tree, "api", "event-get.md")
	inc := filepath.Join(tree, "includes", "permissions", "event-get-permissions.md")
	sameSize := func(file, old, new string) func() {
		return func() {
			fi, err := os.Stat(file)
			if err != nil {
				t.Fatal(err)
			}
			replaceIn(t, file, old, new)
			if err := os.Chtimes(file, fi.ModTime(), fi.ModTime()); err != nil {
				t.Fatal(err)
			}
			if fi2, err := os.Stat(file); err != nil || fi2.Size() != fi.Size() || !fi2.ModTime().Equal(fi.ModTime()) {
				t.Fatalf("%s: not rewritten with the same size and time", file)
			}
		}
	}

	step("first run", nil, len(jobs), len(jobs))
	step("unchanged", nil, 0, 0)
	step("unchanged again", nil, 0, 0)
	step("a title edited", func() { editTitle(t, page, " (edited)") }, 1, 1)
	step("after the edit", nil, 0, 0)
	step("the same size, the time set back", sameSize(page, "(edited)", "(EDITED)"), 1, 1)
	step("touched", func() {
		now := time.Now()
		if err := os.Chtimes(page, now, now); err != nil {
			t.Fatal(err)
		}
	}, 1, 0)
	step("an include rewritten, the time set back", sameSize(inc, "Calendars.Read", "Calendars.READ"), -1, 1)
	step("after the include", nil, 0, 0)
	added := filepath.Join(tree, "api", "event-get-copy.md")
	step("a page added", func() {
		data, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(added, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}, 1, 1)
	step("a page removed", func() {
		if err := os.Remove(added); err != nil {
			t.Fatal(err)
		}
	}, 0, 0)

	// Not settled: every page is read on every run.
	racy = time.Hour
	lazy.CacheDir = filepath.Join(t.TempDir(), "cache")
	step("racy, first run", nil, len(jobs), len(jobs))
	step("racy, unchanged", nil, len(jobs), 0)
}
