package pipeline

// This file is graphdocgen's on-disk cache, which makes a run after a small
// docs edit redo only what the edit changed.
//
// What is cached, and why (measured on graph-docs-2021-07/v1.0, 3,341
// pages, 2 CPUs): parsing is ~0.4 s, the page fragments ~0.2 s, merging
// 0.1 s, validation ~0.3 s; generating the Go files ~1.2 s, two thirds of
// it formatting (go/format). Four things are cached:
//
//   - Pages: per page, the parsed page and its diagnostics, keyed by the
//     page's bytes, its docs-relative path, the file name positions use,
//     the Graph version and the tool's identity. The files the parser read
//     besides the page (permission includes) are recorded with the hash of
//     their bytes, or as missing, and checked on every hit. Entries are in
//     package bincodec's binary encoding: it keeps every value exactly,
//     and decoding a page takes a tenth of the time JSON took (the whole
//     v1.0 tree: 0.2 s against 2.6 s on 1 CPU). Spec fragments
//     are not cached: a fragment depends on the type index of the whole
//     page set (spec resolves every type name across pages), and decoding
//     an openapi3 fragment costs more than building it.
//   - Go files: per file name and input set (tool, Graph version, package
//     name, input paths), the last formatted file and the keys templates
//     gave it: the hash of the model values it is made from and the hash
//     of its unformatted source (templates.FileCache). After a page edit
//     the analysis stays global, but only the files whose inputs changed
//     are built and rendered, and only those whose source changed are
//     formatted again.
//   - The package manifest: per input set, the identity of the pages the
//     package was generated from (every page key and include hash) and the
//     key of each file. A run with the same pages takes the package from
//     the files' slots without generating, and without marshaling the
//     document.
//   - Builds and documents (warm.go): per list of input paths, the page
//     keys, the files each parse read, the file identities of pages and
//     includes (package fileid: a page whose files kept theirs is not
//     read) and the run's diagnostics; per page identity, the JSON
//     document. A lazy run (Options.Lazy) over pages
//     that did not change decodes no page and builds no document.
//
// The tool's identity, part of every key, is the hash of the executable,
// remembered under the executable's file identity (toolid.go).
//
// The pages are cached through parser.Load's hook (parser.PageCache,
// pageHook below): there is one loader, with or without cache. The
// storage format (sealed entries, atomic writes, pruning of entries not
// used for 30 days) is package internal/cachestore's. An entry that is
// truncated, altered or undecodable is ignored (and rewritten by the
// run). The cache never makes a run fail: any cache problem means
// recomputing. Deleting the folder at any time is safe.

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/graphdocgen/graphdocgen/internal/bincodec"
	"github.com/graphdocgen/graphdocgen/internal/cachestore"
	"github.com/graphdocgen/graphdocgen/internal/fanout"
	"github.com/graphdocgen/graphdocgen/internal/fileid"
	"github.com/graphdocgen/graphdocgen/parser"
	"github.com/graphdocgen/graphdocgen/templates"
)

// racy is fileid.Settled's margin for the files the cache remembers by
// identity (the executable, pages, includes); tests set it to 0.
var racy = fileid.Racy

// cacheFormat is the storage format's name, also the store's folder.
const cacheFormat = cachestore.Format

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
	// GoFilesRendered counts the Go files GoFiles built and rendered: the
	// others were found by their inputs (templates.FileStats), or were
	// the runtime's.
	GoFilesRendered int
	// PackageReused is true when GoFiles took the whole package from the
	// cache without generating it: every page was the page the package
	// was generated from. Otherwise the model is built from the document,
	// and the cache spares building, rendering and formatting the files
	// whose inputs did not change, and formatting those whose source
	// did not.
	PackageReused bool
	// Ignored counts entries that were unusable (corrupt, truncated) and
	// cache writes that failed; the run recomputed instead.
	Ignored int
}

// cache is an open cache folder.
type cache struct {
	store *cachestore.Store
	tool  string // tool identity

	mu   sync.Mutex
	read readPages // the pages a lazy check read, with their keys (getBuild)
}

// openCache opens (creating) the cache under dir; nil when it cannot be
// used, which only means the run goes without it.
func openCache(dir string) *cache {
	if dir == "" {
		return nil
	}
	st := cachestore.Open(dir, "pages", "files", "tool")
	if st == nil {
		return nil
	}
	tool := toolID(st)
	if tool == "" {
		return nil
	}
	return &cache{store: st, tool: tool}
}

func hashKey(parts ...string) string { return cachestore.HashKey(parts...) }

func sum(data []byte) string { return cachestore.Sum(data) }

func (c *cache) prune() { c.store.Prune() }

// pageEntryName is where the entry of a page key lives: pages/XX/KEY.
func (c *cache) pageEntryName(key string) string { return c.store.Entry("pages", key) }

// pageDep is a file the parser read besides the page: its hash, or
// Missing when it could not be read.
type pageDep struct {
	Name    string
	Sum     string
	Missing bool
}

// pageEntry is the payload of a page entry.
type pageEntry struct {
	Deps  []pageDep
	Page  *parser.Page
	Diags parser.Diagnostics
}

// pageKey is the key of a page: everything its parse depends on besides
// the files it includes.
func (c *cache) pageKey(version, name, file string, data []byte) string {
	return hashKey(cacheFormat, "page", c.tool, version, name, file, sum(data))
}

// getPage returns the cached parse of a page, when there is one and the
// files it read still hold what they held (deps, as they are now).
func (c *cache) getPage(key string, root fs.FS) (*parser.Page, parser.Diagnostics, []pageDep, bool) {
	e, ok := c.readPage(key)
	if !ok {
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

// readPage is the page entry of key, when there is one and it decodes.
func (c *cache) readPage(key string) (*pageEntry, bool) {
	payload, ok := c.store.ReadEntry("pages", key)
	if !ok {
		return nil, false
	}
	e, err := decodePageEntry(payload)
	if err != nil || e.Page == nil {
		c.store.Ignore()
		return nil, false
	}
	return e, true
}

// encodePage is the payload of a page entry; false when the page cannot
// be encoded.
func (c *cache) encodePage(deps []pageDep, pg *parser.Page, diags parser.Diagnostics) ([]byte, bool) {
	payload, err := bincodec.Marshal(&pageEntry{Deps: deps, Page: pg, Diags: diags})
	if err != nil {
		c.store.Ignore()
		return nil, false
	}
	return payload, true
}

// packMin is the fewest page entries a run stores as one pack
// (cachestore.WritePack); fewer (a run after a few edits) are written
// one file each. A cold run over v1.0 stores 3,341: one file instead of
// 3,341 (each a create, write, close and rename).
var packMin = 64

// decodePageEntry decodes a page entry exactly back to what was stored
// (bincodec: the decoded JSON values of examples, annotations and
// resources keep their json.Number and float64 numbers, nil and empty
// lists stay apart).
func decodePageEntry(payload []byte) (*pageEntry, error) {
	var e pageEntry
	if err := bincodec.Unmarshal(payload, &e); err != nil {
		return nil, err
	}
	return &e, nil
}

// pageHook is the page cache of one Build, parser.Load's hook: the
// cache's page entries, and what each page's entry was, for the run's
// counts and the pages' identity (identity).
type pageHook struct {
	c       *cache
	version string

	mu      sync.Mutex
	pages   map[string]pageRecord // page File -> its entry
	pending []pendingPage         // entries encoded, not written yet (flush)
}

// pendingPage is a page entry to write: the parse workers only encode
// it, flush writes them all once the pages are loaded.
type pendingPage struct {
	file, key string
	payload   []byte
}

// pageRecord is what became of a page's entry in a run.
type pageRecord struct {
	key    string
	gotAt  *byte // the data Get made key of (its first byte and length), until Put
	gotLen int
	deps   []pageDep
	reused bool // taken from the cache
	stored bool // reused, or parsed and stored
}

func (c *cache) pageHook(version string) *pageHook {
	return &pageHook{c: c, version: version, pages: map[string]pageRecord{}}
}

func (h *pageHook) record(file string, r pageRecord) {
	h.mu.Lock()
	h.pages[file] = r
	h.mu.Unlock()
}

// key is the page key of the page j holding data: the one the lazy check
// made when it read these very bytes (the same version: one Build), else
// computed now.
func (h *pageHook) key(j parser.PageFile, data []byte) string {
	h.c.mu.Lock()
	rp := h.c.read
	h.c.mu.Unlock()
	if key, ok := rp.keyOf(j, data); ok {
		return key
	}
	return h.c.pageKey(h.version, j.Name, j.File, data)
}

// Known implements parser.PageCache: the pages the lazy check knew by
// their file identities (getBuild), with the deps it checked. An entry
// whose deps are not those is left to Get, as the page read.
func (h *pageHook) Known(j parser.PageFile) (*parser.Page, parser.Diagnostics, bool) {
	h.c.mu.Lock()
	r, ok := h.c.read[pageID{j.File, j.Name, j.Tree}]
	h.c.mu.Unlock()
	if !ok || r.known == nil {
		return nil, nil, false
	}
	e, ok := h.c.readPage(r.known.Key)
	if !ok || !slices.Equal(e.Deps, r.known.Deps) {
		return nil, nil, false
	}
	h.record(j.File, pageRecord{key: r.known.Key, deps: e.Deps, reused: true, stored: true})
	return e.Page, e.Diags, true
}

// Get implements parser.PageCache.
func (h *pageHook) Get(j parser.PageFile, data []byte) (*parser.Page, parser.Diagnostics, bool) {
	key := h.key(j, data)
	pg, ds, deps, ok := h.c.getPage(key, j.Root)
	r := pageRecord{key: key, deps: deps, reused: ok, stored: ok}
	if !ok && len(data) > 0 {
		r.gotAt, r.gotLen = &data[0], len(data)
	}
	h.record(j.File, r)
	return pg, ds, ok
}

// putKey is the key of the page Put stores: the key Get made, when Get
// was given the very bytes Put is (Load puts a page in the same call
// that got it, with the same buffer, which nothing writes in between: a
// record of the same file from another call has another buffer), else
// computed. It spares hashing each parsed page twice.
func (h *pageHook) putKey(j parser.PageFile, data []byte) string {
	h.mu.Lock()
	r := h.pages[j.File]
	h.mu.Unlock()
	if len(data) > 0 && r.gotAt == &data[0] && r.gotLen == len(data) && r.key != "" {
		return r.key
	}
	return h.key(j, data)
}

// Put implements parser.PageCache.
func (h *pageHook) Put(j parser.PageFile, data []byte, reads []parser.FileRead, pg *parser.Page, ds parser.Diagnostics) {
	deps := make([]pageDep, 0, len(reads))
	for _, r := range reads {
		if r.Err != nil {
			deps = append(deps, pageDep{Name: r.Name, Missing: true})
			continue
		}
		deps = append(deps, pageDep{Name: r.Name, Sum: sum(r.Data)})
	}
	key := h.putKey(j, data)
	payload, stored := h.c.encodePage(deps, pg, ds)
	h.mu.Lock()
	h.pages[j.File] = pageRecord{key: key, deps: deps, stored: stored}
	if stored {
		h.pending = append(h.pending, pendingPage{file: j.File, key: key, payload: payload})
	}
	h.mu.Unlock()
}

// flush writes the page entries Put encoded: as one pack when there are
// packMin or more, else one entry file each. A pack that cannot be
// written leaves its pages not stored (a run without their entries).
func (h *pageHook) flush() {
	h.mu.Lock()
	defer h.mu.Unlock()
	pending := h.pending
	h.pending = nil
	if len(pending) == 0 {
		return
	}
	if len(pending) < packMin {
		for _, p := range pending {
			h.c.store.Write(h.c.pageEntryName(p.key), p.payload)
		}
		return
	}
	keys := make([]string, len(pending))
	payloads := make([][]byte, len(pending))
	for i, p := range pending {
		keys[i], payloads[i] = p.key, p.payload
	}
	if err := h.c.store.WritePack("pages", keys, payloads); err != nil {
		for _, p := range pending {
			r := h.pages[p.file]
			r.stored = false
			h.pages[p.file] = r
		}
	}
}

// identity returns how many of pages were taken from the cache, and the
// pages' identity: the hash of everything they came from (each page's
// file and key, the files it read and their hashes, in the pages' order),
// the Graph version and the tool; so the same identity means the same
// pages, and the same document. It is "" when a page could not be
// cached.
func (h *pageHook) identity(pages []*parser.Page) (reused int, pagesSum string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	ident := []string{cacheFormat, "pages", h.c.tool, h.version}
	for _, pg := range pages {
		r, ok := h.pages[pg.File]
		if r.reused {
			reused++
		}
		if !ok || !r.stored {
			ident = nil
		}
		if ident != nil {
			ident = append(ident, pg.File, r.key, strconv.Itoa(len(r.deps)))
			for _, d := range r.deps {
				ident = append(ident, d.Name, d.Sum, strconv.FormatBool(d.Missing))
			}
		}
	}
	if ident != nil {
		pagesSum = hashKey(ident...)
	}
	return reused, pagesSum
}

// Go files are cached one entry per file name and input set (the slot
// of the file): it holds the keys templates gave the file (the hash of
// the model values it is made from, and the hash of its unformatted
// source) and the formatted bytes. A slot keeps
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
	keys []string
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
	return g.c.store.Entry("files", hashKey(append(slices.Clip(g.prefix), name)...))
}

// Get returns the file stored in the slot of name when it was stored
// with key.
func (g *goFileCache) Get(name, key string) ([]byte, bool) {
	g.mu.Lock()
	st, read := g.slots[name]
	g.mu.Unlock()
	if !read {
		st = g.readSlot(name)
		g.mu.Lock()
		g.slots[name] = st
		g.mu.Unlock()
	}
	if !st.ok || !slices.Contains(st.keys, key) {
		return nil, false // missing, unusable, or another version of the file
	}
	g.mu.Lock()
	g.keys[name] = key
	g.mu.Unlock()
	g.reused.Add(1)
	return st.data, true
}

// readSlot reads the slot of name.
func (g *goFileCache) readSlot(name string) slotState {
	payload, ok := g.c.store.Read(g.entryName(name))
	if !ok {
		return slotState{}
	}
	keys, data, err := decodeGoFile(payload)
	if err != nil {
		g.c.store.Ignore()
		return slotState{}
	}
	return slotState{keys: keys, data: data, ok: true}
}

// Put stores data under keys in the slot of name; the manifest names the
// file by the first key.
func (g *goFileCache) Put(name string, data []byte, keys ...string) {
	if len(keys) == 0 {
		return
	}
	g.c.store.Write(g.entryName(name), encodeGoFile(keys, data))
	g.mu.Lock()
	g.slots[name] = slotState{keys: slices.Clone(keys), data: data, ok: true}
	g.keys[name] = keys[0]
	g.mu.Unlock()
}

// The package manifest is one more slot: the identity of the pages the
// package was generated from, the type counts (templates.TypeStats), the
// number of files and the name and key of each. When a run
// has the same pages, the package is its files' slots, as long as each
// still holds the key the manifest names.

// slotReaders is the most goroutines getPackage reads slots with.
const slotReaders = 4

// manifestName is the slot of the manifest (no file is named "").
func (g *goFileCache) manifestName() string { return g.entryName("") }

// getPackage returns the stored package when it was generated from the
// pages pagesSum and every file is still in its slot.
func (g *goFileCache) getPackage(pagesSum string) (map[string][]byte, templates.TypeStats, bool) {
	var st templates.TypeStats
	if pagesSum == "" {
		return nil, st, false
	}
	payload, ok := g.c.store.Read(g.manifestName())
	if !ok {
		return nil, st, false
	}
	parts, err := decodeStrings(payload)
	if err != nil || len(parts) < 3 || parts[2] != strconv.Itoa((len(parts)-3)/2) || len(parts)%2 != 1 ||
		decodeStats(parts[1], &st) != nil {
		g.c.store.Ignore()
		return nil, st, false
	}
	if parts[0] != pagesSum {
		return nil, st, false
	}
	// the slots read on all cores (one at a time, 268 of them took 11 ms)
	n := (len(parts) - 3) / 2
	datas := make([][]byte, n)
	var missing atomic.Bool
	fanout.For(n, min(runtime.GOMAXPROCS(0), slotReaders), 4, func(_, i int) {
		if missing.Load() {
			return
		}
		data, ok := g.Get(parts[3+2*i], parts[4+2*i])
		if !ok {
			missing.Store(true)
		}
		datas[i] = data
	})
	if missing.Load() {
		g.reused.Store(0)
		return nil, st, false
	}
	files := make(map[string][]byte, n)
	for i, data := range datas {
		files[parts[3+2*i]] = data
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
	g.c.store.Write(g.manifestName(), encodeStrings(parts))
}

// encodeStrings lays out strings, each length-prefixed.
func encodeStrings(parts []string) []byte {
	bs := make([][]byte, len(parts))
	for i, p := range parts {
		bs[i] = []byte(p)
	}
	return cachestore.EncodeStrings(bs...)
}

// decodeStrings is the inverse of encodeStrings; any damage is an error.
func decodeStrings(b []byte) ([]string, error) {
	bs, err := cachestore.DecodeStrings(b)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(bs))
	for i, p := range bs {
		out[i] = string(p)
	}
	return out, nil
}

// encodeGoFile lays out a file's keys and bytes: the number of keys,
// the keys, the bytes.
func encodeGoFile(keys []string, data []byte) []byte {
	parts := make([][]byte, 0, len(keys)+2)
	parts = append(parts, []byte(strconv.Itoa(len(keys))))
	for _, k := range keys {
		parts = append(parts, []byte(k))
	}
	return cachestore.EncodeStrings(append(parts, data)...)
}

// decodeGoFile is the inverse of encodeGoFile; any damage is an error.
func decodeGoFile(b []byte) (keys []string, data []byte, err error) {
	parts, err := cachestore.DecodeStrings(b)
	if err != nil || len(parts) < 3 {
		return nil, nil, cachestore.ErrBadEntry
	}
	if n, err := strconv.Atoi(string(parts[0])); err != nil || n < 1 || n != len(parts)-2 {
		return nil, nil, cachestore.ErrBadEntry
	}
	for _, k := range parts[1 : len(parts)-1] {
		keys = append(keys, string(k))
	}
	return keys, parts[len(parts)-1], nil
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
