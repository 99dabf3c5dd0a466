package pipeline

// This file is graphdocgen's on-disk cache, which makes a run after a small
// docs edit redo only what the edit changed.
//
// What is cached, and why (measured on graph-docs-2021-07/v1.0, 3,341
// pages, 2 CPUs): parsing is ~0.4 s, the page fragments ~0.2 s, merging
// 0.1 s, validation ~0.3 s; generating the Go files ~1.2 s, two thirds of
// it formatting (go/format). Three things are cached:
//
//   - Pages: per page, the parsed page and its diagnostics, keyed by the
//     page's bytes, its docs-relative path, the file name positions use,
//     the Graph version and the tool's identity. The files the parser read
//     besides the page (permission includes) are recorded with the hash of
//     their bytes, or as missing, and checked on every hit. Spec fragments
//     are not cached: a fragment depends on the type index of the whole
//     page set (spec resolves every type name across pages), and decoding
//     an openapi3 fragment costs more than building it.
//   - Go files: per file name and input set (tool, Graph version, package
//     name, input paths), the last formatted file and the key templates
//     gave its content, the hash of its unformatted source
//     (templates.FileCache). After a page edit the analysis and the
//     rendering stay global, but only the files whose source changed are
//     formatted again.
//   - The package manifest: per input set, the identity of the pages the
//     package was generated from (every page key and include hash) and the
//     key of each file. A run with the same pages takes the package from
//     the files' slots without generating, and without marshaling the
//     document.
//
// Every entry starts with a header and the SHA-256 of its payload; an
// entry that is truncated, altered or undecodable is ignored (and
// rewritten by the run). Entries are written to a temporary file and
// renamed into place, so concurrent runs and interrupted runs leave
// either the old or the new entry. Entries not used for 30 days are
// removed (checked at most once a day). The cache never makes a run
// fail: any cache problem means recomputing. Deleting the folder at any
// time is safe.

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/graphdocgen/graphdocgen/parser"
	"github.com/graphdocgen/graphdocgen/templates"
)

// cacheFormat names the layout and encoding of entries; changing either
// means a new value, so old entries are never read.
const cacheFormat = "graphdocgen-cache-1"

// cacheMaxAge is how long an entry not used stays; cachePruneEvery how
// often a run looks for such entries.
const (
	cacheMaxAge     = 30 * 24 * time.Hour
	cachePruneEvery = 24 * time.Hour
	// cacheTouchAfter: a hit refreshes the entry's modification time (its
	// "last used") when it is older than this.
	cacheTouchAfter = time.Hour
)

// DefaultCacheDir is where the cache lives when Options.Cache is set and
// Options.CacheDir is empty: the user cache folder's graphdocgen
// (~/.cache/graphdocgen on Linux).
func DefaultCacheDir() (string, error) {
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("find user cache dir: %w", err)
	}
	return filepath.Join(d, "graphdocgen"), nil
}

// CacheStats says what the cache did in a run.
type CacheStats struct {
	// Dir is the cache folder; empty when the run used no cache.
	Dir string
	// PagesReused counts pages taken from the cache, PagesParsed pages
	// parsed (and stored).
	PagesReused, PagesParsed int
	// GoFilesReused counts the Go files GoFiles took from the cache,
	// GoFilesFormatted those it formatted (and stored).
	GoFilesReused, GoFilesFormatted int
	// PackageReused is true when GoFiles took the whole package from the
	// cache without generating it: every page was the page the package
	// was generated from. Otherwise every file is rendered from the
	// document and the cache spares formatting the unchanged ones.
	PackageReused bool
	// Ignored counts entries that were unusable (corrupt, truncated) and
	// cache writes that failed; the run recomputed instead.
	Ignored int
}

// cache is an open cache folder.
type cache struct {
	dir  string // DIR/graphdocgen-cache-1
	tool string // tool identity
	// ignored counts unusable entries and failed writes.
	ignored atomic.Int64
}

var (
	toolOnce sync.Once
	toolVal  string
)

// toolID identifies the running tool: the main module's version and the
// hash of the executable, so that any rebuild invalidates the cache. Empty
// when the executable cannot be read (then no cache is used).
func toolID() string {
	toolOnce.Do(func() {
		exe, err := os.Executable()
		if err != nil {
			return
		}
		f, err := os.Open(exe)
		if err != nil {
			return
		}
		defer f.Close()
		h := sha256.New()
		if _, err := io.Copy(h, f); err != nil {
			return
		}
		version := "(unknown)"
		if bi, ok := debug.ReadBuildInfo(); ok {
			version = bi.Main.Path + "@" + bi.Main.Version
		}
		toolVal = version + " " + hex.EncodeToString(h.Sum(nil))
	})
	return toolVal
}

// openCache opens (creating) the cache under dir; nil when it cannot be
// used, which only means the run goes without it.
func openCache(dir string) *cache {
	tool := toolID()
	if dir == "" || tool == "" {
		return nil
	}
	c := &cache{dir: filepath.Join(dir, cacheFormat), tool: tool}
	if err := os.MkdirAll(filepath.Join(c.dir, "pages"), 0o755); err != nil {
		return nil
	}
	if err := os.MkdirAll(filepath.Join(c.dir, "files"), 0o755); err != nil {
		return nil
	}
	readme := filepath.Join(dir, "README")
	if _, err := os.Stat(readme); errors.Is(err, os.ErrNotExist) {
		_ = c.write(readme, []byte("This folder is graphdocgen's cache. It is safe to delete at any time.\n"))
	}
	return c
}

// hashKey hashes the parts of a key, each length-prefixed so that no two
// part lists give one input.
func hashKey(parts ...string) string {
	h := sha256.New()
	var n [8]byte
	for _, p := range parts {
		binary.LittleEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil))
}

func sum(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// An entry on disk is: the line cacheFormat, the line hex SHA-256 of the
// payload, the payload.

func seal(payload []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(payload) + len(cacheFormat) + 66)
	b.WriteString(cacheFormat)
	b.WriteByte('\n')
	b.WriteString(sum(payload))
	b.WriteByte('\n')
	b.Write(payload)
	return b.Bytes()
}

// unseal returns the payload of an entry; ok is false when the entry is
// not one or its checksum does not match.
func unseal(data []byte) (payload []byte, ok bool) {
	head, rest, found := bytes.Cut(data, []byte{'\n'})
	if !found || string(head) != cacheFormat {
		return nil, false
	}
	want, payload, found := bytes.Cut(rest, []byte{'\n'})
	if !found || len(want) != 64 || sum(payload) != string(want) {
		return nil, false
	}
	return payload, true
}

// read returns the payload of the entry at name; ok is false for a
// missing or unusable entry (counted as ignored unless missing). A hit
// refreshes the entry's last-used time.
func (c *cache) read(name string) ([]byte, bool) {
	data, err := os.ReadFile(name)
	if err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			c.ignored.Add(1)
		}
		return nil, false
	}
	payload, ok := unseal(data)
	if !ok {
		c.ignored.Add(1)
		return nil, false
	}
	if fi, err := os.Stat(name); err == nil && time.Since(fi.ModTime()) > cacheTouchAfter {
		now := time.Now()
		_ = os.Chtimes(name, now, now)
	}
	return payload, true
}

// write stores data at name atomically: a temporary file in the same
// folder renamed into place. A failure is counted, never returned to the
// run.
func (c *cache) write(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		c.ignored.Add(1)
		return err
	}
	if err := writeAndClose(tmp, data); err != nil {
		os.Remove(tmp.Name())
		c.ignored.Add(1)
		return err
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		os.Remove(tmp.Name())
		c.ignored.Add(1)
		return err
	}
	return nil
}

// writeEntry seals payload and writes it at name.
func (c *cache) writeEntry(name string, payload []byte) {
	_ = c.write(name, seal(payload))
}

// pageEntryName is where the entry of a page key lives: pages/XX/KEY.
func (c *cache) pageEntryName(key string) string {
	return filepath.Join(c.dir, "pages", key[:2], key)
}

// pageDep is a file the parser read besides the page: its hash, or
// Missing when it could not be read.
type pageDep struct {
	Name    string `json:"name"`
	Sum     string `json:"sum,omitempty"`
	Missing bool   `json:"missing,omitempty"`
}

// pageEntry is the payload of a page entry.
type pageEntry struct {
	Deps  []pageDep          `json:"deps"`
	Page  *parser.Page       `json:"page"`
	Diags parser.Diagnostics `json:"diags"`
}

// pageKey is the key of a page: everything its parse depends on besides
// the files it includes.
func (c *cache) pageKey(version, name, file string, data []byte) string {
	return hashKey(cacheFormat, "page", c.tool, version, name, file, sum(data))
}

// getPage returns the cached parse of a page, when there is one and the
// files it read still hold what they held (deps, as they are now).
func (c *cache) getPage(key string, root fs.FS) (*parser.Page, parser.Diagnostics, []pageDep, bool) {
	payload, ok := c.read(c.pageEntryName(key))
	if !ok {
		return nil, nil, nil, false
	}
	e, err := decodePageEntry(payload)
	if err != nil || e.Page == nil {
		c.ignored.Add(1)
		return nil, nil, nil, false
	}
	for _, d := range e.Deps {
		data, err := fs.ReadFile(root, d.Name)
		if d.Missing != (err != nil) || (err == nil && sum(data) != d.Sum) {
			return nil, nil, nil, false // an include changed: not corrupt, stale
		}
	}
	return e.Page, e.Diags, e.Deps, true
}

// putPage stores the parse of a page.
func (c *cache) putPage(key string, deps []pageDep, pg *parser.Page, diags parser.Diagnostics) {
	payload, err := json.Marshal(pageEntry{Deps: deps, Page: pg, Diags: diags})
	if err != nil {
		c.ignored.Add(1)
		return
	}
	name := c.pageEntryName(key)
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		c.ignored.Add(1)
		return
	}
	c.writeEntry(name, payload)
}

// decodePageEntry decodes a page entry exactly back to what was stored.
// Numbers in the pages' decoded JSON (Example.JSON, Resource.JSON) are
// json.Number, as the parser keeps them; those of annotations are
// float64, as encoding/json gives them.
func decodePageEntry(payload []byte) (*pageEntry, error) {
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.UseNumber()
	var e pageEntry
	if err := dec.Decode(&e); err != nil {
		return nil, err
	}
	if e.Page != nil {
		for i := range e.Page.Examples {
			if a := e.Page.Examples[i].Annotation; a != nil {
				e.Page.Examples[i].Annotation = floatNumbers(a).(map[string]any)
			}
		}
	}
	return &e, nil
}

// floatNumbers turns the json.Number values in v into float64.
func floatNumbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return x
		}
		return f
	case map[string]any:
		for k, e := range x {
			x[k] = floatNumbers(e)
		}
	case []any:
		for i, e := range x {
			x[i] = floatNumbers(e)
		}
	}
	return v
}

// recordFS is the docs root as the parser sees it on a cache miss: it
// records every file read through it with the hash of the bytes it gave,
// so that the entry can tell when an include changed. A read through Open
// (not whole-file) makes the page uncacheable, as does text that is not
// UTF-8 (the JSON encoding would not keep it byte for byte).
type recordFS struct {
	fsys        fs.FS
	deps        []pageDep
	uncacheable bool
}

func (r *recordFS) Open(name string) (fs.File, error) {
	r.uncacheable = true
	return r.fsys.Open(name)
}

func (r *recordFS) ReadFile(name string) ([]byte, error) {
	data, err := fs.ReadFile(r.fsys, name)
	if err != nil {
		r.deps = append(r.deps, pageDep{Name: name, Missing: true})
		return nil, err
	}
	if !utf8.Valid(data) {
		r.uncacheable = true
	}
	r.deps = append(r.deps, pageDep{Name: name, Sum: sum(data)})
	return data, nil
}

// Go files are cached one entry per file name and input set (the slot
// of the file): it holds the key templates gave the file's content (the
// hash of its unformatted source) and the formatted bytes. A slot keeps
// only the last version of its file, so the cache does not grow with
// every edit; an edit undone formats the file again.

// goFileCache is the templates.FileCache of one GoFiles call: the slots of
// one set of inputs, Graph version and package name.
type goFileCache struct {
	c      *cache
	prefix []string // the parts of a slot name before the file name
	reused atomic.Int64

	mu    sync.Mutex
	keys  map[string]string    // file name -> the key Generate asked for
	slots map[string]slotState // file name -> its slot, read once per run
}

// slotState is what a file's slot held when read: ok false for a slot
// missing or unusable.
type slotState struct {
	key  string
	data []byte
	ok   bool
}

// goFiles returns the file cache of a package generated from inputs.
func (c *cache) goFiles(inputs []string, version, pkg string, allTypes bool) *goFileCache {
	types := "reached-types"
	if allTypes {
		types = "all-types"
	}
	prefix := append([]string{cacheFormat, "gofile", c.tool, version, pkg, types}, inputs...)
	return &goFileCache{c: c, prefix: prefix, keys: map[string]string{}, slots: map[string]slotState{}}
}

// entryName is where the slot of the file name lives: files/XX/SLOT.
func (g *goFileCache) entryName(name string) string {
	slot := hashKey(append(slices.Clip(g.prefix), name)...)
	return filepath.Join(g.c.dir, "files", slot[:2], slot)
}

// Get returns the file stored in the slot of name when it was stored
// with key.
func (g *goFileCache) Get(name, key string) ([]byte, bool) {
	g.mu.Lock()
	g.keys[name] = key
	st, read := g.slots[name]
	g.mu.Unlock()
	if !read {
		st = g.readSlot(name)
		g.mu.Lock()
		g.slots[name] = st
		g.mu.Unlock()
	}
	if !st.ok || st.key != key {
		return nil, false // missing, unusable, or another version of the file
	}
	g.reused.Add(1)
	return st.data, true
}

// readSlot reads the slot of name.
func (g *goFileCache) readSlot(name string) slotState {
	payload, ok := g.c.read(g.entryName(name))
	if !ok {
		return slotState{}
	}
	key, data, err := decodeGoFile(payload)
	if err != nil {
		g.c.ignored.Add(1)
		return slotState{}
	}
	return slotState{key: key, data: data, ok: true}
}

// Put stores data with key in the slot of name.
func (g *goFileCache) Put(name, key string, data []byte) {
	entry := g.entryName(name)
	if err := os.MkdirAll(filepath.Dir(entry), 0o755); err != nil {
		g.c.ignored.Add(1)
		return
	}
	g.c.writeEntry(entry, encodeGoFile(key, data))
	g.mu.Lock()
	g.slots[name] = slotState{key: key, data: data, ok: true}
	g.mu.Unlock()
}

// The package manifest is one more slot: the identity of the pages the
// package was generated from, the type counts (templates.TypeStats), the
// number of files and the name and key of each. When a run
// has the same pages, the package is its files' slots, as long as each
// still holds the key the manifest names.

// manifestName is the slot of the manifest (no file is named "").
func (g *goFileCache) manifestName() string { return g.entryName("") }

// getPackage returns the stored package when it was generated from the
// pages pagesSum and every file is still in its slot.
func (g *goFileCache) getPackage(pagesSum string) (map[string][]byte, templates.TypeStats, bool) {
	var st templates.TypeStats
	if pagesSum == "" {
		return nil, st, false
	}
	payload, ok := g.c.read(g.manifestName())
	if !ok {
		return nil, st, false
	}
	parts, err := decodeStrings(payload)
	if err != nil || len(parts) < 3 || parts[2] != strconv.Itoa((len(parts)-3)/2) || len(parts)%2 != 1 ||
		decodeStats(parts[1], &st) != nil {
		g.c.ignored.Add(1)
		return nil, st, false
	}
	if parts[0] != pagesSum {
		return nil, st, false
	}
	files := make(map[string][]byte, len(parts)/2)
	for i := 3; i < len(parts); i += 2 {
		data, ok := g.Get(parts[i], parts[i+1])
		if !ok {
			g.reused.Store(0)
			return nil, st, false
		}
		files[parts[i]] = data
	}
	return files, st, true
}

// encodeStats and decodeStats lay out the type counts of a package.
func encodeStats(st templates.TypeStats) string {
	return fmt.Sprintf("%d %d %d %d", st.Schemas, st.Emitted, st.Pruned, st.RawNavigation)
}

func decodeStats(s string, st *templates.TypeStats) error {
	n, err := fmt.Sscanf(s, "%d %d %d %d", &st.Schemas, &st.Emitted, &st.Pruned, &st.RawNavigation)
	if err == nil && n != 4 {
		err = fmt.Errorf("type counts %q", s)
	}
	return err
}

// putPackage stores the manifest of files, generated from the pages
// pagesSum, with the keys Generate asked for.
func (g *goFileCache) putPackage(pagesSum string, files map[string][]byte, st templates.TypeStats) {
	if pagesSum == "" {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	parts := []string{pagesSum, encodeStats(st), strconv.Itoa(len(files))}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		key, ok := g.keys[name]
		if !ok {
			return // a file that did not go through the cache
		}
		parts = append(parts, name, key)
	}
	entry := g.manifestName()
	if err := os.MkdirAll(filepath.Dir(entry), 0o755); err != nil {
		g.c.ignored.Add(1)
		return
	}
	g.c.writeEntry(entry, encodeStrings(parts))
}

// encodeStrings lays out strings, each length-prefixed.
func encodeStrings(parts []string) []byte {
	var b []byte
	for _, p := range parts {
		b = binary.AppendUvarint(b, uint64(len(p)))
		b = append(b, p...)
	}
	return b
}

// decodeStrings is the inverse of encodeStrings; any damage is an error.
func decodeStrings(b []byte) ([]string, error) {
	var out []string
	for len(b) > 0 {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)-k) {
			return nil, errBadEntry
		}
		out = append(out, string(b[k:k+int(n)]))
		b = b[k+int(n):]
	}
	return out, nil
}

// encodeGoFile lays out a key and a file's bytes, each length-prefixed.
func encodeGoFile(key string, data []byte) []byte {
	b := make([]byte, 0, len(key)+len(data)+20)
	b = binary.AppendUvarint(b, uint64(len(key)))
	b = append(b, key...)
	b = binary.AppendUvarint(b, uint64(len(data)))
	return append(b, data...)
}

var errBadEntry = errors.New("bad cache entry")

// decodeGoFile is the inverse of encodeGoFile; any damage is an error.
func decodeGoFile(b []byte) (key string, data []byte, err error) {
	next := func() ([]byte, error) {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)-k) {
			return nil, errBadEntry
		}
		v := b[k : k+int(n)]
		b = b[k+int(n):]
		return v, nil
	}
	kb, err := next()
	if err != nil {
		return "", nil, err
	}
	data, err = next()
	if err != nil {
		return "", nil, err
	}
	if len(b) != 0 {
		return "", nil, errBadEntry
	}
	return string(kb), data, nil
}

// prune removes entries not used for cacheMaxAge and temporary files left
// by interrupted writes, at most once per cachePruneEvery.
func (c *cache) prune() {
	stamp := filepath.Join(c.dir, "pruned")
	if fi, err := os.Stat(stamp); err == nil && time.Since(fi.ModTime()) < cachePruneEvery {
		return
	}
	if err := c.write(stamp, nil); err != nil {
		return
	}
	now := time.Now()
	_ = filepath.WalkDir(c.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == stamp {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return nil
		}
		age := now.Sub(fi.ModTime())
		if age > cacheMaxAge || (strings.HasPrefix(d.Name(), ".tmp-") && age > cacheTouchAfter) {
			os.Remove(p)
		}
		return nil
	})
}

// The cached load below does what parser.Load does (the same pages, in
// the same order, with the same diagnostics; a test holds the two
// together), with each page's parse taken from the cache when it can be.

// loadCached is parser.Load with a page cache. It also returns the
// pages' identity (pagesSum): the hash of everything the parsed pages
// came from (each page's key, the files it read and their hashes, in load
// order), the Graph version and the tool; so the same pagesSum means the
// same pages, and the same document. It is "" when a page could not be
// cached.
func loadCached(paths []string, workers int, c *cache, version string) (set *parser.Set, reused int, pagesSum string, err error) {
	jobs, err := parser.ListPages(paths)
	if err != nil {
		return nil, 0, "", err
	}
	type result struct {
		page   *parser.Page
		diags  parser.Diagnostics
		err    error
		reused bool
		key    string
		deps   []pageDep
		stored bool // reused, or cacheable and stored
		// unreadable is the file of a page that could not be read
		unreadable string
	}
	results := make([]result, len(jobs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers && w < len(jobs); w++ {
		wg.Go(func() {
			for i := range next {
				j := jobs[i]
				data, ds, err := parser.ReadPage(j)
				if err != nil {
					results[i].err = err
					continue
				}
				if data == nil { // unreadable: the page's diagnostic
					if j.Tree {
						ds[0].Severity = parser.Warning
					}
					results[i] = result{diags: ds, unreadable: j.File}
					continue
				}
				key := c.pageKey(version, j.Name, j.File, data)
				pg, ds, deps, ok := c.getPage(key, j.Root)
				stored := ok
				if !ok {
					rec := &recordFS{fsys: j.Root}
					pg, ds = parser.Parse(rec, j.Name, j.File, data)
					if !rec.uncacheable && utf8.Valid(data) {
						c.putPage(key, rec.deps, pg, ds)
						deps, stored = rec.deps, true
					}
				}
				if j.Tree {
					ds = slices.Clone(ds)
					for k := range ds {
						ds[k].Severity = parser.Warning
					}
				}
				results[i] = result{page: pg, diags: ds, reused: ok, key: key, deps: deps, stored: stored}
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()

	set = &parser.Set{}
	seen := map[string]bool{}
	ident := []string{cacheFormat, "pages", c.tool, version}
	for i, r := range results {
		if r.err != nil {
			return nil, 0, "", r.err
		}
		if ident != nil && r.stored {
			ident = append(ident, jobs[i].File, strconv.FormatBool(jobs[i].Tree), r.key, strconv.Itoa(len(r.deps)))
			for _, d := range r.deps {
				ident = append(ident, d.Name, d.Sum, strconv.FormatBool(d.Missing))
			}
		} else {
			ident = nil
		}
		if r.unreadable != "" {
			ident = nil
			if !seen[r.unreadable] {
				seen[r.unreadable] = true
				set.Diags = append(set.Diags, r.diags...)
			}
			continue
		}
		if seen[r.page.File] {
			continue // the same file named twice
		}
		seen[r.page.File] = true
		set.Pages = append(set.Pages, r.page)
		set.Diags = append(set.Diags, r.diags...)
		if r.reused {
			reused++
		}
	}
	slices.SortStableFunc(set.Pages, func(a, b *parser.Page) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.File, b.File))
	})
	set.Diags.Sort()
	if ident != nil {
		pagesSum = hashKey(ident...)
	}
	return set, reused, pagesSum, nil
}

// inputIdentity is the input paths as absolute, cleaned, sorted paths:
// what names a Go-files slot.
func inputIdentity(paths []string) []string {
	out := make([]string, 0, len(paths))
	for _, p := range paths {
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		out = append(out, filepath.Clean(p))
	}
	sort.Strings(out)
	return slices.Compact(out)
}
