package templates

import (
	"bytes"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/dave/jennifer/jen"
	"github.com/getkin/kin-openapi/openapi3"
)

// buildEach is buildFiles handing each file's name and builder to add.
func buildEach(doc *openapi3.T, opts Options, add func(name string, build func() *jen.File)) error {
	return buildFiles(doc, opts, func(fs fileSpec) { add(fs.name, fs.build) })
}

// memCache is a FileCache in memory that counts what it is asked, keeping
// one entry per file name as the pipeline's disk cache does.
type memCache struct {
	mu      sync.Mutex
	entries map[string]memEntry
	hits    []string
	puts    []string
	fresh   []string // the puts of bytes under none of the keys before: formatted
}

type memEntry struct {
	keys []string
	data []byte
}

func newMemCache() *memCache { return &memCache{entries: map[string]memEntry{}} }

func (c *memCache) Get(name, key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[name]
	if !ok || !slices.Contains(e.keys, key) {
		return nil, false
	}
	c.hits = append(c.hits, name)
	return e.data, true
}

func (c *memCache) Put(name string, data []byte, keys ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !slices.ContainsFunc(keys, func(k string) bool { return slices.Contains(c.entries[name].keys, k) }) {
		c.fresh = append(c.fresh, name)
	}
	c.entries[name] = memEntry{keys: slices.Clone(keys), data: data}
	c.puts = append(c.puts, name)
}

// formatted are the files put under new keys only (sorted).
func (c *memCache) formatted() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Sorted(slices.Values(c.fresh))
}

// reset forgets what was asked, not the entries.
func (c *memCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.hits, c.puts, c.fresh = nil, nil, nil
}

func (c *memCache) counts() (hits, puts []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	h, p := slices.Clone(c.hits), slices.Clone(c.puts)
	slices.Sort(h)
	slices.Sort(p)
	return h, p
}

func sameFiles(t *testing.T, what string, want, got map[string][]byte) {
	t.Helper()
	if len(want) != len(got) {
		t.Errorf("%s: %d files, want %d", what, len(got), len(want))
	}
	for name, data := range want {
		if !bytes.Equal(data, got[name]) {
			t.Errorf("%s: %s differs", what, name)
		}
	}
}

// TestRenderMatchesJennifer: rendering unformatted and formatting (what
// Generate does, cache or not) gives the bytes jennifer's own Render
// gives, for every file.
func TestRenderMatchesJennifer(t *testing.T) {
	for _, pkg := range []string{"graph", "msgraph"} {
		files := map[string]*jen.File{}
		err := buildEach(loadDoc(t, "calendar.yaml"), Options{Package: pkg}, func(name string, build func() *jen.File) {
			if files[name] != nil {
				t.Errorf("%s built twice", name)
			}
			files[name] = build()
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range sortedKeys(files) {
			var want bytes.Buffer
			if err := files[name].Render(&want); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			got, err := renderFile(name, files[name], nil)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if !bytes.Equal(want.Bytes(), got) {
				t.Errorf("%s %s: differs from jennifer's Render", pkg, name)
			}
		}
	}
}

// TestGenerateCache: with a cache, cold and warm, with 1 to 8 workers,
// the files are those generated without it; a warm run formats nothing.
func TestGenerateCache(t *testing.T) {
	doc := loadDoc(t, "calendar.yaml")
	want, err := Generate(doc, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	c := newMemCache()
	cold, err := Generate(doc, Options{Cache: c})
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, "cold", want, cold)
	rendered := len(want)
	hits, puts := c.counts()
	if len(hits) != 0 || len(puts) != rendered {
		t.Errorf("cold: %d hits, %d puts; want 0 and %d", len(hits), len(puts), rendered)
	}
	for _, w := range []int{1, 3, 8} {
		c.reset()
		warm, err := Generate(doc, Options{Cache: c, Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		sameFiles(t, fmt.Sprintf("warm, %d workers", w), want, warm)
		hits, puts := c.counts()
		if len(hits) != rendered || len(puts) != 0 {
			t.Errorf("warm, %d workers: %d hits, %d puts; want %d and 0", w, len(hits), len(puts), rendered)
		}
	}
}

// TestGenerateCacheAfterEdit: after one operation's summary changes, the
// files that change are formatted again, and only they; the rest comes
// from the cache, and the result is what a run without cache gives.
func TestGenerateCacheAfterEdit(t *testing.T) {
	c := newMemCache()
	before, err := Generate(loadDoc(t, "calendar.yaml"), Options{Cache: c})
	if err != nil {
		t.Fatal(err)
	}
	doc := loadDoc(t, "calendar.yaml")
	item := doc.Paths.Value("/me/events/{eventId}")
	if item == nil || item.Get == nil {
		t.Fatal("calendar.yaml has no GET /me/events/{eventId}")
	}
	item.Get.Summary += " (edited)"
	want, err := Generate(doc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var changed []string
	for name, data := range want {
		if !bytes.Equal(data, before[name]) {
			changed = append(changed, name)
		}
	}
	slices.Sort(changed)
	if len(changed) == 0 || len(changed) == len(want) {
		t.Fatalf("the edit changed %v of %d files; the test proves nothing", changed, len(want))
	}
	if !slices.Contains(changed, "ops_me.go") {
		t.Errorf("the edit did not change ops_me.go: %v", changed)
	}
	c.reset()
	got, err := Generate(doc, Options{Cache: c})
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, "after the edit", want, got)
	hits, _ := c.counts()
	if f := c.formatted(); !slices.Equal(f, changed) || len(hits) != len(want)-len(changed) {
		t.Errorf("after the edit: formatted %v, want %v; %d hits, want %d", f, changed, len(hits), len(want)-len(changed))
	}
}

// TestGenerateCacheSharedAcrossPackages: one cache used for two package
// names never gives one package's file to the other.
func TestGenerateCacheSharedAcrossPackages(t *testing.T) {
	c := newMemCache()
	for round := range 2 {
		for _, pkg := range []string{"graph", "msgraph"} {
			want, err := Generate(loadDoc(t, "calendar.yaml"), Options{Package: pkg})
			if err != nil {
				t.Fatal(err)
			}
			got, err := Generate(loadDoc(t, "calendar.yaml"), Options{Package: pkg, Cache: c})
			if err != nil {
				t.Fatal(err)
			}
			sameFiles(t, fmt.Sprintf("round %d, package %s", round, pkg), want, got)
		}
	}
}

// TestFileKey: the key follows the source byte for byte.
func TestFileKey(t *testing.T) {
	a := fileKey([]byte("package a\n"))
	if a != fileKey([]byte("package a\n")) {
		t.Error("one source, two keys")
	}
	for _, src := range []string{"package a", "package a\n\n", "package b\n", ""} {
		if fileKey([]byte(src)) == a {
			t.Errorf("source %q has the key of %q", src, "package a\n")
		}
	}
	if len(a) != 64 {
		t.Errorf("key %q is not a hex SHA-256", a)
	}
}
