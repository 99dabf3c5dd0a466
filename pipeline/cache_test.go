package pipeline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/graphdocgen/graphdocgen/internal/cachestore"
	"github.com/graphdocgen/graphdocgen/parser"
	"github.com/graphdocgen/graphdocgen/templates"
	"github.com/graphdocgen/graphdocgen/xgraph"
)

// corpusV1 is the 2021-07 v1.0 docs tree, relative to the package folder.
const corpusV1 = "../../shared/corpus/graph-docs-2021-07/v1.0"

// fixtureDocs is the project's own docs tree (always present).
const fixtureDocs = "../generated/docs"

// treeCase is a docs tree to copy into a test's folder: src, and which of
// its files (slash paths relative to src) to take.
type treeCase struct {
	name string
	src  string
	keep func(rel string) bool
}

// corpusSubset keeps the event and calendar pages of the corpus and the
// resources they use most, so the test is quick but real.
func corpusSubset(rel string) bool {
	dir, file, _ := strings.Cut(rel, "/")
	switch dir {
	case "api":
		return strings.HasPrefix(file, "event-") || strings.HasPrefix(file, "calendar-")
	case "resources":
		for _, p := range []string{"event", "calendar", "attendee", "datetimetimezone", "itembody", "location", "recipient", "emailaddress", "patternedrecurrence", "responsestatus"} {
			if strings.HasPrefix(file, p) {
				return true
			}
		}
	case "includes":
		return true
	}
	return false
}

// treeCases are the fixture tree and, when present and not under -short,
// a subset of the corpus (the slowest subtest of the unit pass, 20 s of
// the pipeline's -race -short run; the full pass runs it).
func treeCases(t *testing.T) []treeCase {
	cases := []treeCase{{name: "fixture", src: fixtureDocs, keep: func(string) bool { return true }}}
	if _, err := os.Stat(corpusV1); err != nil {
		t.Logf("corpus absent (%s): fixture tree only", corpusV1)
	} else if testing.Short() {
		t.Log("-short: fixture tree only; the full pass adds the corpus subset")
	} else {
		cases = append(cases, treeCase{name: "corpus", src: corpusV1, keep: corpusSubset})
	}
	return cases
}

// copyTree copies the files of src that keep accepts into dst.
func copyTree(t testing.TB, src, dst string, keep func(rel string) bool) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if !keep(filepath.ToSlash(rel)) {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatalf("copy %s: %v", src, err)
	}
}

// output is everything a run produces that users see.
type output struct {
	diags   string
	openapi []byte
	yaml    []byte
	goFiles map[string][]byte
	stats   CacheStats
}

func runOnce(t testing.TB, paths []string, opts Options) output {
	t.Helper()
	res, err := Build(paths, opts)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	var out output
	var b strings.Builder
	for _, d := range res.Diags {
		fmt.Fprintln(&b, d.String())
	}
	out.diags = b.String()
	if res.Doc == nil {
		t.Fatalf("no document; diagnostics:\n%s", out.diags)
	}
	if out.openapi, err = res.OpenAPI("json"); err != nil {
		t.Fatalf("openapi: %v", err)
	}
	if out.yaml, err = res.OpenAPI("yaml"); err != nil {
		t.Fatalf("openapi yaml: %v", err)
	}
	if out.goFiles, err = res.GoFiles(Options{Package: "graph"}); err != nil {
		t.Fatalf("go files: %v", err)
	}
	out.stats = res.Cache
	return out
}

func sameOutput(t *testing.T, what string, want, got output) {
	t.Helper()
	if want.diags != got.diags {
		t.Errorf("%s: diagnostics differ:\nwant:\n%s\ngot:\n%s", what, want.diags, got.diags)
	}
	if !bytes.Equal(want.openapi, got.openapi) {
		t.Errorf("%s: OpenAPI JSON differs (%d vs %d bytes)", what, len(want.openapi), len(got.openapi))
	}
	if !bytes.Equal(want.yaml, got.yaml) {
		t.Errorf("%s: OpenAPI YAML differs", what)
	}
	if len(want.goFiles) != len(got.goFiles) {
		t.Errorf("%s: %d Go files, want %d", what, len(got.goFiles), len(want.goFiles))
	}
	for name, data := range want.goFiles {
		if !bytes.Equal(data, got.goFiles[name]) {
			t.Errorf("%s: Go file %s differs", what, name)
		}
	}
}

// editTitle changes the front matter title of the page, which changes the
// document (the operation's summary) and the client's doc comments.
func editTitle(t testing.TB, file, suffix string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		if v, ok := strings.CutPrefix(l, "title:"); ok {
			v = strings.TrimSpace(v)
			if strings.HasSuffix(v, `"`) {
				v = strings.TrimSuffix(v, `"`) + suffix + `"`
			} else {
				v += suffix
			}
			lines[i] = "title: " + v
			if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatalf("%s has no title line", file)
}

// TestCacheSameBytes is the guarantee: cold and warm, with 1 and 4
// workers, and after one page is edited, the output with the cache is
// byte for byte the output without it, and the warm run parses only the
// edited page.
func TestCacheSameBytes(t *testing.T) {
	for _, tc := range treeCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			tree := filepath.Join(t.TempDir(), "docs")
			copyTree(t, tc.src, tree, tc.keep)
			cacheDir := filepath.Join(t.TempDir(), "cache")
			paths := []string{tree}

			base := runOnce(t, paths, Options{Workers: 1})
			if base.stats.Dir != "" {
				t.Fatalf("a run without cache reports a cache: %+v", base.stats)
			}
			cold := runOnce(t, paths, Options{Workers: 4, CacheDir: cacheDir})
			sameOutput(t, "cold, 4 workers", base, cold)
			if cold.stats.PagesReused != 0 || cold.stats.PagesParsed == 0 || cold.stats.GoFilesReused != 0 || cold.stats.GoFilesFormatted != len(base.goFiles) || cold.stats.PackageReused {
				t.Errorf("cold run stats %+v: want every page parsed and every Go file formatted, nothing reused", cold.stats)
			}
			for _, w := range []int{1, 4} {
				warm := runOnce(t, paths, Options{Workers: w, CacheDir: cacheDir})
				sameOutput(t, fmt.Sprintf("warm, %d workers", w), base, warm)
				if warm.stats.PagesParsed != 0 || warm.stats.PagesReused != cold.stats.PagesParsed || warm.stats.GoFilesReused != len(base.goFiles) || warm.stats.GoFilesFormatted != 0 || !warm.stats.PackageReused {
					t.Errorf("warm run stats %+v: want every page and the whole Go package reused", warm.stats)
				}
			}

			// Edit one page.
			pages, err := filepath.Glob(filepath.Join(tree, "api", "event-get.md"))
			if err != nil || len(pages) != 1 {
				t.Fatalf("no api/event-get.md in %s", tree)
			}
			editTitle(t, pages[0], " (edited)")
			fresh := runOnce(t, paths, Options{Workers: 1})
			if bytes.Equal(fresh.openapi, base.openapi) {
				t.Fatal("the edit did not change the document; the test proves nothing")
			}
			// The files the edit changes are formatted again, and only
			// they: the others come from the cache.
			changed := changedFiles(base.goFiles, fresh.goFiles)
			if len(changed) == 0 || len(changed) == len(fresh.goFiles) {
				t.Fatalf("the edit changed %d of %d Go files; the test proves nothing", len(changed), len(fresh.goFiles))
			}
			for _, w := range []int{1, 4} {
				inc := runOnce(t, paths, Options{Workers: w, CacheDir: cacheDir})
				sameOutput(t, fmt.Sprintf("after the edit, %d workers", w), fresh, inc)
				wantParsed := 1
				if w == 4 {
					wantParsed = 0 // the 1-worker run stored it
				}
				if inc.stats.PagesParsed != wantParsed {
					t.Errorf("after the edit, %d workers: %d pages parsed, want %d (%+v)", w, inc.stats.PagesParsed, wantParsed, inc.stats)
				}
				wantFormatted := len(changed)
				if w == 4 {
					wantFormatted = 0 // and the package is that of the 1-worker run
				}
				if inc.stats.GoFilesFormatted != wantFormatted || inc.stats.GoFilesReused != len(fresh.goFiles)-wantFormatted || inc.stats.PackageReused != (w == 4) {
					t.Errorf("after the edit, %d workers: stats %+v, want %d Go files formatted (%v), the others reused", w, inc.stats, wantFormatted, changed)
				}
			}
			if t.Failed() {
				return
			}
			// Going back to the old page reuses its old entry.
			data, err := os.ReadFile(filepath.Join(tc.src, "api", "event-get.md"))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(pages[0], data, 0o644); err != nil {
				t.Fatal(err)
			}
			back := runOnce(t, paths, Options{CacheDir: cacheDir})
			sameOutput(t, "edit undone", base, back)
			if back.stats.PagesParsed != 0 || back.stats.PackageReused || back.stats.GoFilesFormatted != len(changed) {
				t.Errorf("edit undone: stats %+v, want no page parsed and the %d changed Go files formatted again", back.stats, len(changed))
			}
		})
	}
}

// TestCacheIncludeChange: a page's cache entry depends on the permissions
// include it read; changing, removing or adding the include reparses the
// page and the output follows.
func TestCacheIncludeChange(t *testing.T) {
	tree := filepath.Join(t.TempDir(), "docs")
	copyTree(t, fixtureDocs, tree, func(string) bool { return true })
	inc := filepath.Join(tree, "includes", "permissions", "event-get-permissions.md")
	data, err := os.ReadFile(inc)
	if err != nil {
		t.Fatalf("fixture include: %v", err)
	}
	cacheDir := t.TempDir()
	paths := []string{tree}
	runOnce(t, paths, Options{CacheDir: cacheDir})

	edited := strings.Replace(string(data), "Calendars.Read", "Calendars.ReadBasic", 1)
	if edited == string(data) {
		t.Fatal("include holds no Calendars.Read to edit")
	}
	steps := []struct {
		name  string
		apply func() error
	}{
		{"include changed", func() error { return os.WriteFile(inc, []byte(edited), 0o644) }},
		{"include removed", func() error { return os.Remove(inc) }},
		{"include back", func() error { return os.WriteFile(inc, data, 0o644) }},
	}
	for _, st := range steps {
		if err := st.apply(); err != nil {
			t.Fatal(err)
		}
		want := runOnce(t, paths, Options{})
		got := runOnce(t, paths, Options{CacheDir: cacheDir})
		sameOutput(t, st.name, want, got)
		if st.name != "include back" && got.stats.PagesParsed != 1 {
			t.Errorf("%s: %d pages parsed, want 1", st.name, got.stats.PagesParsed)
		}
	}
}

// cacheFiles lists the entry files of a cache folder (not temporary files
// or the prune stamp).
func cacheFiles(t *testing.T, dir, sub string) []string {
	t.Helper()
	var out []string
	root := filepath.Join(dir, cacheFormat, sub)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// TestCacheCorruptEntries: entries that are altered, truncated, emptied,
// not entries at all or left half-written by an interrupted run are
// ignored, the output is unchanged, and the run rewrites them.
func TestCacheCorruptEntries(t *testing.T) {
	tree := filepath.Join(t.TempDir(), "docs")
	copyTree(t, fixtureDocs, tree, func(string) bool { return true })
	cacheDir := t.TempDir()
	paths := []string{tree}
	want := runOnce(t, paths, Options{})
	runOnce(t, paths, Options{CacheDir: cacheDir})

	entries := cacheFiles(t, cacheDir, "pages")
	if len(entries) < 5 {
		t.Fatalf("%d page entries, want one per page", len(entries))
	}
	damage := []func([]byte) []byte{
		func(b []byte) []byte { c := bytes.Clone(b); c[len(c)-2] ^= 0x20; return c }, // a flipped bit
		func(b []byte) []byte { return b[:len(b)/2] },                                // truncated
		func(b []byte) []byte { return nil },                                         // empty
		func(b []byte) []byte { return []byte("not a cache entry\n") },               // garbage
		func(b []byte) []byte { // checksum right, payload not a page entry
			return cachestore.Seal([]byte(`{"page": 42}`))
		},
	}
	for i, f := range damage {
		data, err := os.ReadFile(entries[i])
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(entries[i], f(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// An interrupted write: a temporary file beside the entries.
	tmp := filepath.Join(filepath.Dir(entries[0]), ".tmp-123456")
	if err := os.WriteFile(tmp, []byte(cacheFormat+"\nhalf"), 0o644); err != nil {
		t.Fatal(err)
	}
	// And damaged Go file entries: the same damage, and one entry whose
	// checksum is right but whose payload does not decode.
	manifest := manifestEntry(t, cacheDir, paths, "graph")
	slots := slices.DeleteFunc(cacheFiles(t, cacheDir, "files"), func(p string) bool { return p == manifest })
	if len(slots) != len(want.goFiles) {
		t.Fatalf("%d Go file entries besides the manifest, want one per file (%d)", len(slots), len(want.goFiles))
	}
	fileDamage := append(damage[:4:4], func([]byte) []byte { return cachestore.Seal([]byte{0xff, 0xff}) })
	for i, f := range fileDamage {
		data, err := os.ReadFile(slots[i])
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(slots[i], f(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	got := runOnce(t, paths, Options{CacheDir: cacheDir})
	sameOutput(t, "damaged cache", want, got)
	if got.stats.PagesParsed != len(damage) || got.stats.GoFilesFormatted != len(fileDamage) {
		t.Errorf("damaged cache: stats %+v, want %d pages parsed and %d Go files formatted", got.stats, len(damage), len(fileDamage))
	}
	if got.stats.Ignored != len(damage)+len(fileDamage) {
		t.Errorf("damaged cache: %d entries ignored, want %d", got.stats.Ignored, len(damage)+len(fileDamage))
	}
	again := runOnce(t, paths, Options{CacheDir: cacheDir})
	sameOutput(t, "repaired cache", want, again)
	if again.stats.PagesParsed != 0 || again.stats.GoFilesFormatted != 0 || again.stats.Ignored != 0 {
		t.Errorf("repaired cache: stats %+v, want everything reused", again.stats)
	}
}

// TestCacheUnusable: a cache folder that cannot be created means a run
// without cache, not an error.
func TestCacheUnusable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	want := runOnce(t, []string{fixtureDocs}, Options{})
	got := runOnce(t, []string{fixtureDocs}, Options{CacheDir: filepath.Join(file, "cache")})
	sameOutput(t, "unusable cache", want, got)
	if got.stats.Dir != "" {
		t.Errorf("stats %+v: want no cache used", got.stats)
	}
}

// TestCacheConcurrentRuns: runs sharing a cache folder at the same time
// all give the same output.
func TestCacheConcurrentRuns(t *testing.T) {
	cacheDir := t.TempDir()
	want := runOnce(t, []string{fixtureDocs}, Options{})
	outs := make([]output, 4)
	var wg sync.WaitGroup
	for i := range outs {
		wg.Go(func() { outs[i] = runOnce(t, []string{fixtureDocs}, Options{CacheDir: cacheDir, Workers: i + 1}) })
	}
	wg.Wait()
	for i, o := range outs {
		sameOutput(t, fmt.Sprintf("concurrent run %d", i), want, o)
	}
	got := runOnce(t, []string{fixtureDocs}, Options{CacheDir: cacheDir})
	sameOutput(t, "after concurrent runs", want, got)
	if got.stats.PagesParsed != 0 || got.stats.Ignored != 0 {
		t.Errorf("after concurrent runs: stats %+v, want every page reused", got.stats)
	}
}

// TestCachedLoadMatchesParserLoad: parser.Load with the page cache as its
// hook gives what it gives without: the same pages, deeply equal, and the
// same diagnostics, cold and warm,
// for trees and for named pages (including ones with errors).
func TestCachedLoadMatchesParserLoad(t *testing.T) {
	inputs := [][]string{
		{fixtureDocs},
		{filepath.Join(fixtureDocs, "api", "event-get.md"), filepath.Join(fixtureDocs, "api", "event-get.md")},
	}
	golden, _ := filepath.Glob("../golden/testdata/*/docs")
	for _, g := range golden {
		inputs = append(inputs, []string{g})
	}
	if _, err := os.Stat(corpusV1); err == nil && !testing.Short() {
		// the whole v1.0 tree: 10 s, more under -race; -short keeps the fixtures
		inputs = append(inputs, []string{corpusV1})
	}
	for _, in := range inputs {
		t.Run(strings.Join(in, ","), func(t *testing.T) {
			want, err := parser.Load(in, parser.LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			c := openCache(t.TempDir())
			if c == nil {
				t.Fatal("cache did not open")
			}
			for _, run := range []string{"cold", "warm"} {
				hook := c.pageHook("v1.0")
				got, err := parser.Load(in, parser.LoadOptions{Workers: 3, Cache: hook})
				if err != nil {
					t.Fatal(err)
				}
				hook.flush()
				reused, _ := hook.identity(got.Pages)
				// Every page is stored, and taken back: the entry encoding
				// (bincodec) takes every page the parser makes.
				if run == "warm" && reused != len(got.Pages) {
					t.Errorf("warm: %d of %d pages reused", reused, len(got.Pages))
				}
				if !reflect.DeepEqual(want.Diags, got.Diags) {
					t.Errorf("%s: diagnostics differ:\nwant %v\ngot  %v", run, want.Diags, got.Diags)
				}
				if len(want.Pages) != len(got.Pages) {
					t.Fatalf("%s: %d pages, want %d", run, len(got.Pages), len(want.Pages))
				}
				bad := 0
				for i := range want.Pages {
					if !reflect.DeepEqual(want.Pages[i], got.Pages[i]) {
						if bad++; bad <= 3 {
							t.Errorf("%s: page %s differs after the cache", run, want.Pages[i].File)
						}
					}
				}
			}
		})
	}
}

// TestCacheLoadErrors: unreadable inputs give parser.Load's errors.
func TestCacheLoadErrors(t *testing.T) {
	c := openCache(t.TempDir())
	missing := filepath.Join(t.TempDir(), "nope")
	_, err := parser.Load([]string{missing}, parser.LoadOptions{Workers: 1, Cache: c.pageHook("v1.0")})
	_, werr := parser.Load([]string{missing}, parser.LoadOptions{})
	if err == nil || werr == nil || err.Error() != werr.Error() {
		t.Errorf("error %v, want %v", err, werr)
	}
}

// TestCachePrune: entries unused for longer than the maximum age and old
// temporary files go; recent entries stay; pruning runs at most daily.
func TestCachePrune(t *testing.T) {
	cacheDir := t.TempDir()
	runOnce(t, []string{fixtureDocs}, Options{CacheDir: cacheDir})
	entries := cacheFiles(t, cacheDir, "pages")
	old := time.Now().Add(-cachestore.MaxAge - time.Hour)
	if err := os.Chtimes(entries[0], old, old); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(filepath.Dir(entries[1]), ".tmp-999")
	if err := os.WriteFile(tmp, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	hourAgo := time.Now().Add(-2 * time.Hour)
	if err := os.Chtimes(tmp, hourAgo, hourAgo); err != nil {
		t.Fatal(err)
	}
	c := openCache(cacheDir)
	c.prune() // the run above pruned today: nothing happens
	if _, err := os.Stat(entries[0]); err != nil {
		t.Fatalf("pruned again within a day: %v", err)
	}
	stamp := filepath.Join(c.store.Dir(), "pruned")
	longAgo := time.Now().Add(-2 * cachestore.PruneEvery)
	if err := os.Chtimes(stamp, longAgo, longAgo); err != nil {
		t.Fatal(err)
	}
	c.prune()
	if _, err := os.Stat(entries[0]); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("old entry kept (%v)", err)
	}
	if _, err := os.Stat(tmp); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("old temporary file kept (%v)", err)
	}
	for _, e := range entries[1:] {
		if _, err := os.Stat(e); err != nil {
			t.Errorf("recent entry removed: %v", err)
		}
	}
}

// TestDecodeGoFileRejectsDamage: every truncation of a Go file payload is
// an error, never a panic or wrong bytes.
func TestDecodeGoFileRejectsDamage(t *testing.T) {
	for _, data := range [][]byte{[]byte("package a\n\nfunc x() {}\n"), {}} {
		payload := encodeGoFile([]string{"abc", "def"}, data)
		keys, got, err := decodeGoFile(payload)
		if err != nil || !slices.Equal(keys, []string{"abc", "def"}) || !bytes.Equal(got, data) {
			t.Fatalf("round trip: %q %q %v", keys, got, err)
		}
		for n := range len(payload) {
			if _, _, err := decodeGoFile(payload[:n]); err == nil {
				t.Errorf("payload cut at %d decoded", n)
			}
		}
		if _, _, err := decodeGoFile(append(bytes.Clone(payload), 0)); err == nil {
			t.Error("payload with trailing bytes decoded")
		}
	}
}

// TestCacheKeyParts: every part of a page key matters.
func TestCacheKeyParts(t *testing.T) {
	c := &cache{tool: "t1"}
	base := c.pageKey("v1.0", "api/a.md", "docs/api/a.md", []byte("x"))
	other := []string{
		c.pageKey("beta", "api/a.md", "docs/api/a.md", []byte("x")),
		c.pageKey("v1.0", "api/b.md", "docs/api/a.md", []byte("x")),
		c.pageKey("v1.0", "api/a.md", "other/api/a.md", []byte("x")),
		c.pageKey("v1.0", "api/a.md", "docs/api/a.md", []byte("y")),
		(&cache{tool: "t2"}).pageKey("v1.0", "api/a.md", "docs/api/a.md", []byte("x")),
	}
	for i, k := range other {
		if k == base {
			t.Errorf("key %d equals the base key", i)
		}
	}
	if hashKey("ab", "c") == hashKey("a", "bc") {
		t.Error("hashKey does not separate its parts")
	}
	if toolID(nil) == "" {
		t.Error("no tool identity for the test binary")
	}
}

// TestPageEntryRoundTrip: a page entry decodes to exactly the page stored,
// down to the Go types in its decoded JSON: float64 in annotations,
// json.Number in bodies and representations, nil against empty lists.
func TestPageEntryRoundTrip(t *testing.T) {
	pos := parser.Pos{File: "docs/api/x.md", Line: 3, Col: 1}
	pg := &parser.Page{
		Path: "api/x.md", File: "docs/api/x.md", Kind: parser.KindAPI,
		Title:      parser.Text{Value: "Get x — “quoted” <b>", Pos: pos},
		Annotation: &parser.PageAnnotation{Suppressions: []string{}, Pos: pos},
		Query:      parser.Query{ODataNames: []string{}},
		Permissions: parser.Permissions{
			Permissions: xgraph.Permissions{DelegatedWork: xgraph.Alternatives{}, Application: xgraph.Alternatives{{"X.Read.All", "Y.Read"}}}, Found: true,
		},
		Examples: []parser.Example{{
			BlockType:  "request",
			Annotation: map[string]any{"n": 1.5, "big": 1e21, "arr": []any{2.0, nil, "x", true}, "obj": map[string]any{}},
			JSON:       map[string]any{"count": json.Number("10"), "f": json.Number("1.50"), "list": []any{json.Number("-0"), nil}},
			Body:       "{\"count\": 10}",
		}, {BlockType: "response", JSON: []any{}}},
		Resource: &parser.Resource{
			Name: "x", BaseType: &parser.TypeRef{}, JSON: map[string]any{"p": "String", "n": json.Number("3")},
			Enums: []parser.Enum{{Name: "e", Members: []parser.EnumMember{}}},
		},
	}
	diags := parser.Diagnostics{parser.Errorf(pos, "r", "m %d", 1), parser.Warnf(pos, "w", "n")}
	c := openCache(t.TempDir())
	key := c.pageKey("v1.0", pg.Path, pg.File, []byte("src"))
	deps := []pageDep{{Name: "includes/a.md", Missing: true}}
	payload, ok := c.encodePage(deps, pg, diags)
	if !ok {
		t.Fatal("page did not encode")
	}
	c.store.Write(c.pageEntryName(key), payload)
	got, gotDiags, gotDeps, ok := c.getPage(key, os.DirFS(t.TempDir()))
	if !ok {
		t.Fatal("entry not found")
	}
	if !reflect.DeepEqual(pg, got) {
		t.Errorf("page differs after the cache:\nwant %#v\ngot  %#v", pg, got)
	}
	if !reflect.DeepEqual(deps, gotDeps) {
		t.Errorf("deps differ: %v, want %v", gotDeps, deps)
	}
	if !reflect.DeepEqual(diags, gotDiags) {
		t.Errorf("diagnostics differ: %v, want %v", gotDiags, diags)
	}
	// The missing include now exists: the entry is stale.
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "includes"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "includes", "a.md"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, _, ok := c.getPage(key, os.DirFS(root)); ok {
		t.Error("entry used although its missing include now exists")
	}
}

// changedFiles lists the files of b whose bytes are not those of a, sorted.
func changedFiles(a, b map[string][]byte) []string {
	var out []string
	for name, data := range b {
		if old, ok := a[name]; !ok || !bytes.Equal(old, data) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// manifestEntry is the path of the package manifest of paths and pkg in
// the cache at cacheDir.
func manifestEntry(t *testing.T, cacheDir string, paths []string, pkg string) string {
	t.Helper()
	c := openCache(cacheDir)
	if c == nil {
		t.Fatal("cache did not open")
	}
	name := c.goFiles(inputIdentity(paths), "v1.0", pkg, false).manifestName()
	if _, err := os.Stat(name); err != nil {
		t.Fatalf("no package manifest: %v", err)
	}
	return name
}

// TestCachePackageManifest: the whole package is reused only when the
// manifest is intact, names the run's pages and every file's slot still
// holds the named version; otherwise the run generates, with the same
// output, and rewrites the manifest.
func TestCachePackageManifest(t *testing.T) {
	tree := filepath.Join(t.TempDir(), "docs")
	copyTree(t, fixtureDocs, tree, func(string) bool { return true })
	paths := []string{tree}
	cacheDir := t.TempDir()
	want := runOnce(t, paths, Options{})
	runOnce(t, paths, Options{CacheDir: cacheDir})
	manifest := manifestEntry(t, cacheDir, paths, "graph")
	good, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	payload, ok := cachestore.Unseal(good)
	if !ok {
		t.Fatal("manifest is not a sealed entry")
	}
	parts, err := decodeStrings(payload)
	if err != nil || len(parts) != 3+2*len(want.goFiles) {
		t.Fatalf("manifest parts %d (%v), want %d", len(parts), err, 3+2*len(want.goFiles))
	}
	steps := []struct {
		name        string
		entry       []byte // the manifest to put in place
		wantIgnored int
	}{
		{"damaged", good[:len(good)-3], 1},
		{"count off", cachestore.Seal(encodeStrings(append([]string{parts[0], parts[1], "1"}, parts[3:]...))), 1},
		{"type counts damaged", cachestore.Seal(encodeStrings(append([]string{parts[0], "x"}, parts[2:]...))), 1},
		{"other pages", cachestore.Seal(encodeStrings(append([]string{"other"}, parts[1:]...))), 0},
		{"a file's key changed", cachestore.Seal(encodeStrings(append(slices.Clone(parts[:len(parts)-1]), "0000"))), 0},
	}
	for _, st := range steps {
		if err := os.WriteFile(manifest, st.entry, 0o644); err != nil {
			t.Fatal(err)
		}
		got := runOnce(t, paths, Options{CacheDir: cacheDir})
		sameOutput(t, st.name, want, got)
		if got.stats.PackageReused || got.stats.GoFilesFormatted != 0 || got.stats.GoFilesReused != len(want.goFiles) || got.stats.Ignored != st.wantIgnored {
			t.Errorf("%s: stats %+v, want the package generated, every file reused, %d ignored", st.name, got.stats, st.wantIgnored)
		}
		again := runOnce(t, paths, Options{CacheDir: cacheDir})
		sameOutput(t, st.name+", again", want, again)
		if !again.stats.PackageReused {
			t.Errorf("%s: the manifest was not rewritten: stats %+v", st.name, again.stats)
		}
	}
	// A file's slot that now holds another version: the run formats it.
	other := runOnce(t, paths, Options{CacheDir: cacheDir, Package: "graph"})
	if !other.stats.PackageReused {
		t.Fatalf("stats %+v, want the package reused", other.stats)
	}
	g := openCache(cacheDir).goFiles(inputIdentity(paths), "v1.0", "graph", false)
	g.Put("models.go", []byte("package graph\n"), "stale")
	got := runOnce(t, paths, Options{CacheDir: cacheDir})
	sameOutput(t, "a slot replaced", want, got)
	if got.stats.PackageReused || got.stats.GoFilesFormatted != 1 {
		t.Errorf("a slot replaced: stats %+v, want one file formatted", got.stats)
	}
}

// goldenSample is how many golden cases TestGoFilesCacheGoldenCases
// takes under -short besides the fixture; the full pass takes them all.
const goldenSample = 4

// TestGoFilesCacheGoldenCases: on every golden case that builds, and for
// two package names sharing one cache, the Go files with a cache (cold,
// warm, and after the other package) are those without. Under -short it
// takes the fixture and a seeded sample of goldenSample cases that build.
func TestGoFilesCacheGoldenCases(t *testing.T) {
	dirs, _ := filepath.Glob("../golden/testdata/*/docs")
	limit := len(dirs) + 1
	if testing.Short() {
		rand.New(rand.NewSource(20260712)).Shuffle(len(dirs), func(i, j int) { dirs[i], dirs[j] = dirs[j], dirs[i] })
		limit = goldenSample + 1
	}
	dirs = append([]string{fixtureDocs}, dirs...)
	cacheDir := t.TempDir()
	tested := 0
	for _, dir := range dirs {
		if tested == limit {
			break
		}
		res, err := Build([]string{dir}, Options{})
		if err != nil || res.Doc == nil || res.Failed() {
			continue // a case about errors: no package
		}
		tested++
		for _, pkg := range []string{"graph", "other"} {
			want, err := res.GoFiles(Options{Package: pkg})
			if err != nil {
				t.Fatalf("%s: %v", dir, err)
			}
			for _, run := range []string{"cold", "warm"} {
				cres, err := Build([]string{dir}, Options{CacheDir: cacheDir})
				if err != nil {
					t.Fatal(err)
				}
				got, err := cres.GoFiles(Options{Package: pkg})
				if err != nil {
					t.Fatalf("%s %s: %v", dir, run, err)
				}
				if len(got) != len(want) {
					t.Errorf("%s %s %s: %d files, want %d", dir, pkg, run, len(got), len(want))
				}
				for name, data := range want {
					if !bytes.Equal(data, got[name]) {
						t.Errorf("%s %s %s: %s differs", dir, pkg, run, name)
					}
				}
				if run == "warm" && !cres.Cache.PackageReused {
					t.Errorf("%s %s warm: stats %+v, want the package reused", dir, pkg, cres.Cache)
				}
			}
		}
	}
	if tested < 3 {
		t.Errorf("%d golden cases built; want the cases with a package", tested)
	}
}

// TestCacheEditsRenderTheirFiles: after an edit of one page, of a type
// that other types and the operations reach, and of a new type whose Go
// name takes that of a params struct (so the naming pass renames the
// struct in files no edited page is about), a run with the cache warmed
// before the edit gives the bytes of a run without cache, and renders only
// the files whose inputs the edit changed: for the page and the rename,
// the files that changed (and doc.go, rendered on every run); for the
// type, not every file.
func TestCacheEditsRenderTheirFiles(t *testing.T) {
	const renamed = "resources/eventgetparams.md"
	edits := []struct {
		name  string
		edit  func(t *testing.T, tree string)
		exact bool // the files rendered are those that changed, and doc.go
	}{
		{"a page", func(t *testing.T, tree string) {
			editTitle(t, filepath.Join(tree, "api", "event-get.md"), " (edited)")
		}, true},
		{"a type others reach", func(t *testing.T, tree string) {
			replaceIn(t, filepath.Join(tree, "resources", "datetimetimezone.md"), "|dateTime|String|The local date and time", "|dateTime|String|The local date and time (edited)")
		}, false},
		{"a name taken", func(t *testing.T, tree string) {
			data, err := os.ReadFile(filepath.Join(tree, "resources", "emailaddress.md"))
			if err != nil {
				t.Fatal(err)
			}
			page := strings.ReplaceAll(string(data), "emailAddress", "eventGetParams")
			if err := os.WriteFile(filepath.Join(tree, filepath.FromSlash(renamed)), []byte(page), 0o644); err != nil {
				t.Fatal(err)
			}
		}, true},
	}
	for _, e := range edits {
		t.Run(e.name, func(t *testing.T) {
			tree := filepath.Join(t.TempDir(), "docs")
			copyTree(t, fixtureDocs, tree, func(string) bool { return true })
			cacheDir := filepath.Join(t.TempDir(), "cache")
			paths := []string{tree}
			base := runOnce(t, paths, Options{CacheDir: cacheDir})
			e.edit(t, tree)
			want := runOnce(t, paths, Options{})
			got := runOnce(t, paths, Options{CacheDir: cacheDir})
			sameOutput(t, e.name, want, got)
			changed := changedFiles(base.goFiles, want.goFiles)
			if len(changed) == 0 {
				t.Fatal("the edit changed no Go file; the test proves nothing")
			}
			if e.name == "a name taken" && !bytes.Contains(want.goFiles["ops_groups.go"], []byte("type EventGetParams2 struct")) {
				t.Fatal("the params struct was not renamed; the test proves nothing")
			}
			rendered := len(changed)
			if !slices.Contains(changed, "doc.go") {
				rendered++
			}
			st := got.stats
			if st.GoFilesFormatted != len(changed) {
				t.Errorf("stats %+v: %d Go files formatted, want the %d that changed (%v)", st, st.GoFilesFormatted, len(changed), changed)
			}
			generated := len(want.goFiles) - runtimeFiles(t)
			switch {
			case e.exact && st.GoFilesRendered != rendered:
				t.Errorf("stats %+v: %d Go files rendered, want %d: those that changed (%v) and doc.go", st, st.GoFilesRendered, rendered, changed)
			case !e.exact && (st.GoFilesRendered < rendered || st.GoFilesRendered >= generated):
				t.Errorf("stats %+v: %d Go files rendered, want those that changed (%v), doc.go and fewer than all %d", st, st.GoFilesRendered, changed, generated)
			}
		})
	}
}

// replaceIn replaces old, which must be there, by new in file.
func replaceIn(t *testing.T, file, old, new string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s has no %q", file, old)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// runtimeFiles is the number of runtime files of a generated package: not
// rendered, copied.
func runtimeFiles(t *testing.T) int {
	t.Helper()
	rt, err := templates.RuntimeFiles("graph")
	if err != nil {
		t.Fatal(err)
	}
	return len(rt)
}

// TestCachePagePack: a run storing packMin pages or more writes one pack
// and no page entry files; the next run takes every page from it; a
// damaged entry in it is ignored, its page parsed again and stored as its
// own file, and the output stays the same.
func TestCachePagePack(t *testing.T) {
	defer func(n int) { packMin = n }(packMin)
	packMin = 2
	cacheDir := t.TempDir()
	paths := []string{fixtureDocs}
	want := runOnce(t, paths, Options{})
	cold := runOnce(t, paths, Options{CacheDir: cacheDir})
	packs, err := filepath.Glob(filepath.Join(cacheDir, cacheFormat, "pages", cachestore.PackDir, "*.pack"))
	if err != nil || len(packs) != 1 {
		t.Fatalf("%d packs (%v), want 1", len(packs), err)
	}
	if n := len(cacheFiles(t, cacheDir, "pages")); n != 1 || cold.stats.PagesParsed < 2 {
		t.Fatalf("%d files under pages, want the pack alone; stats %+v", n, cold.stats)
	}
	warm := runOnce(t, paths, Options{CacheDir: cacheDir})
	sameOutput(t, "from the pack", want, warm)
	if warm.stats.PagesParsed != 0 || warm.stats.Ignored != 0 {
		t.Errorf("from the pack: stats %+v, want every page reused", warm.stats)
	}
	data, err := os.ReadFile(packs[0])
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)-2] ^= 0x20 // in the last entry
	if err := os.WriteFile(packs[0], data, 0o644); err != nil {
		t.Fatal(err)
	}
	damaged := runOnce(t, paths, Options{CacheDir: cacheDir})
	sameOutput(t, "damaged pack", want, damaged)
	if damaged.stats.PagesParsed != 1 || damaged.stats.Ignored != 1 {
		t.Errorf("damaged pack: stats %+v, want one page parsed, one entry ignored", damaged.stats)
	}
	again := runOnce(t, paths, Options{CacheDir: cacheDir})
	sameOutput(t, "repaired", want, again)
	if again.stats.PagesParsed != 0 || again.stats.Ignored != 0 {
		t.Errorf("repaired: stats %+v, want every page reused", again.stats)
	}
}

// Put stores a parsed page under the key Get made of the same bytes in
// the same call, and under the key of its own bytes when Get last saw
// another buffer for that file (the same file loaded twice at once).
func TestPagePutKey(t *testing.T) {
	c := openCache(t.TempDir())
	if c == nil {
		t.Fatal("cache did not open")
	}
	hook := c.pageHook("v1.0")
	j := parser.PageFile{Name: "api/event-get.md", File: "api/event-get.md"}
	pg := &parser.Page{File: j.File}
	one, two := []byte("# Get event\n"), []byte("# Get event, edited\n")
	pending := func() string {
		t.Helper()
		hook.mu.Lock()
		defer hook.mu.Unlock()
		if len(hook.pending) != 1 {
			t.Fatalf("%d entries pending, want 1", len(hook.pending))
		}
		key := hook.pending[0].key
		hook.pending = nil
		return key
	}
	if _, _, ok := hook.Get(j, one); ok {
		t.Fatal("hit in an empty cache")
	}
	hook.Put(j, one, nil, pg, nil)
	if got, want := pending(), c.pageKey("v1.0", j.Name, j.File, one); got != want {
		t.Errorf("same call: key %s, want %s", got, want)
	}
	// another call got the file's other bytes in between
	hook.Get(j, one)
	hook.Get(j, two)
	hook.Put(j, one, nil, pg, nil)
	if got, want := pending(), c.pageKey("v1.0", j.Name, j.File, one); got != want {
		t.Errorf("interleaved: key %s, want the key of the bytes put %s", got, want)
	}
	hook.Put(j, two, nil, pg, nil)
	if got, want := pending(), c.pageKey("v1.0", j.Name, j.File, two); got != want {
		t.Errorf("interleaved, second: key %s, want %s", got, want)
	}
}
