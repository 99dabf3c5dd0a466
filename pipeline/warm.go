package pipeline

import (
	"io/fs"
	"slices"
	"sync/atomic"
	"time"

	"github.com/graphdocgen/graphdocgen/internal/bincodec"
	"github.com/graphdocgen/graphdocgen/internal/fanout"
	"github.com/graphdocgen/graphdocgen/internal/fileid"
	"github.com/graphdocgen/graphdocgen/parser"
)

// A run over docs that did not change (a CI check on a push that did not
// touch them) needs neither the pages nor the document when the cache
// holds what the run produces: the diagnostics of those pages, the Go
// package (the package manifest) and, with -openapi, the document's JSON.
// Build with Options.Lazy then checks that every page is the page of
// the last run (its key, from its bytes, and the files it read) without
// decoding any page, and takes the diagnostics from a build entry;
// a page and the files its parse read that kept their file identities
// since the entry was written (package fileid) are not even read;
// GoFiles and OpenAPI take their results from the cache by the pages'
// identity, and build the document (Result.doc) only when the cache does
// not hold them.

// buildEntry is the payload of a build entry (bincodec): what Build made
// of one list of input paths, the last time.
type buildEntry struct {
	// Jobs are the pages parser.ListPages gave, in its order, each with
	// its page key and the files its parse read.
	Jobs []buildJob
	// PagesSum is the pages' identity (pageHook.identity), Pages their
	// number.
	PagesSum string
	Pages    int
	// Diags are the run's diagnostics, before -strict and sorting.
	Diags parser.Diagnostics
}

type buildJob struct {
	File string
	Tree bool
	Key  string
	Deps []pageDep
	// ID is the page file's identity (fileid) when it stands for the
	// bytes of Key, else ""; DepIDs are the same for Deps, one each ("" for
	// a dep that was missing, or whose identity is not known).
	ID     string
	DepIDs []string
}

// known reports whether the page j is still the page of b, and the files
// its parse read still those of b, by their file identities alone: none
// is read. A dep that was missing must still be missing.
func (b *buildJob) known(j parser.PageFile) bool {
	if b.ID == "" || len(b.DepIDs) != len(b.Deps) {
		return false
	}
	fi, err := parser.StatPage(j)
	if err != nil {
		return false
	}
	if id, _, ok := fileid.Of(fi); !ok || id != b.ID {
		return false
	}
	for k, d := range b.Deps {
		fi, err := fs.Stat(j.Root, d.Name)
		if d.Missing {
			if err == nil {
				return false
			}
			continue
		}
		if err != nil || b.DepIDs[k] == "" {
			return false
		}
		if id, _, ok := fileid.Of(fi); !ok || id != b.DepIDs[k] {
			return false
		}
	}
	return true
}

// identify gives b the file identities of its page and deps, as they are
// now, where they settled before start (fileid.Settled): start is a time
// before the page and its deps were read for Key and Deps.
func (b *buildJob) identify(j parser.PageFile, start time.Time) {
	b.ID, b.DepIDs = "", nil
	fi, err := parser.StatPage(j)
	if err != nil {
		return
	}
	id, changed, ok := fileid.Of(fi)
	if !ok || !fileid.Settled(changed, start, racy) {
		return
	}
	ids := make([]string, len(b.Deps))
	for k, d := range b.Deps {
		if d.Missing {
			continue
		}
		if fi, err := fs.Stat(j.Root, d.Name); err == nil {
			if id, changed, ok := fileid.Of(fi); ok && fileid.Settled(changed, start, racy) {
				ids[k] = id
			}
		}
	}
	b.ID, b.DepIDs = id, ids
}

// buildEntryName is the entry of a list of input paths (as given: the
// diagnostics name files as the paths do) and Graph version.
func (c *cache) buildEntryName(paths []string, version string) string {
	return c.store.Entry("builds", hashKey(append([]string{cacheFormat, "build", c.tool, version}, paths...)...))
}

// putBuild stores what Build made of paths: the pages' entries as the hook
// recorded them, their file identities, and diags. jobs are the pages
// the run loaded (parser.ListPages of paths, in its order). Nothing is
// stored when a page could not be cached. start is a time before the run
// read any page: the identities of the pages the lazy check knew by
// identity are kept, the others' taken now (buildJob.identify).
func (c *cache) putBuild(paths []string, jobs []parser.PageFile, version string, hook *pageHook, pagesSum string, pages int, diags parser.Diagnostics, start time.Time, workers int) {
	if pagesSum == "" {
		return
	}
	e := buildEntry{PagesSum: pagesSum, Pages: pages, Diags: diags}
	hook.mu.Lock()
	for _, j := range jobs {
		r, ok := hook.pages[j.File]
		if !ok || !r.stored {
			hook.mu.Unlock()
			return
		}
		e.Jobs = append(e.Jobs, buildJob{File: j.File, Tree: j.Tree, Key: r.key, Deps: r.deps})
	}
	hook.mu.Unlock()
	c.mu.Lock()
	rp := c.read
	c.mu.Unlock()
	fanout.For(len(jobs), workers, 16, func(_, i int) {
		b := &e.Jobs[i]
		if r, ok := rp[pageID{jobs[i].File, jobs[i].Name, jobs[i].Tree}]; ok && r.known != nil && r.known.Key == b.Key && slices.Equal(r.known.Deps, b.Deps) {
			b.ID, b.DepIDs = r.known.ID, r.known.DepIDs
			return
		}
		b.identify(jobs[i], start)
	})
	c.writeBuild(paths, version, &e)
}

// writeBuild stores the build entry e of paths.
func (c *cache) writeBuild(paths []string, version string, e *buildEntry) {
	payload, err := bincodec.Marshal(e)
	if err != nil {
		c.store.Ignore()
		return
	}
	c.store.Write(c.buildEntryName(paths, version), payload)
}

// readPage, when not nil, reads the pages of Build in place of
// parser.ReadPage (a test counts the reads through it). Without it, Load
// reads each worker's pages into one buffer (parser.LoadOptions.Read).
var readPage func(parser.PageFile) ([]byte, parser.Diagnostics, error)

// readOne reads one page through readPage or parser.ReadPage.
func readOne(j parser.PageFile) ([]byte, parser.Diagnostics, error) {
	if readPage != nil {
		return readPage(j)
	}
	return parser.ReadPage(j)
}

// pageID is a page as parser.ListPages names it: its file, its name in
// its root (which, with the file, names the root) and whether it came from
// a tree (which decides how it is read).
type pageID struct {
	File, Name string
	Tree       bool
}

// readPages are the pages a lazy run read when it found a changed page,
// for the full run that follows (parser.LoadOptions.Read): each page is
// read once, and hashed once (the page hook takes the key the check
// made, pageHook.key).
type readPages map[pageID]readPageData

// readPageData is a page's bytes as the lazy check read them, and its
// page key (cache.pageKey) for those bytes; or, for a page the check
// knew by its file identities (buildJob.known), no bytes and the build
// entry's job, which names its key and deps.
type readPageData struct {
	data  []byte
	key   string
	known *buildJob
}

// read implements parser.LoadOptions.Read: the bytes read already, or a
// read now.
func (rp readPages) read(j parser.PageFile) ([]byte, parser.Diagnostics, error) {
	if r, ok := rp[pageID{j.File, j.Name, j.Tree}]; ok && r.data != nil {
		return r.data, nil, nil
	}
	return readOne(j)
}

// keyOf returns the page key the lazy check made for data, when data is
// the very slice it read for the page j (the bytes the key was made of).
func (rp readPages) keyOf(j parser.PageFile, data []byte) (string, bool) {
	r, ok := rp[pageID{j.File, j.Name, j.Tree}]
	if !ok || len(r.data) != len(data) || len(data) == 0 || &r.data[0] != &data[0] {
		return "", false
	}
	return r.key, true
}

// getBuild returns the build entry of paths when every page is still the
// page it names (the same key, the same files read, holding the same
// bytes). A page whose file identity, and its deps', are those of the
// entry is not read (buildJob.known); the others are read, hashed, and
// not parsed or decoded. When a page changed, it returns every page
// checked, with its key or its job, for the full run that follows: once
// a page is known to have changed, the others are still checked (the
// full run needs their keys), only the includes of those read are not.
// start is a time before the check began; when every page is still the
// same, pages that were read are given their identities now, and the
// entry is written again (buildJob.identify).
func (c *cache) getBuild(paths []string, version string, workers int, start time.Time) (*buildEntry, readPages, []parser.PageFile, bool) {
	payload, ok := c.store.Read(c.buildEntryName(paths, version))
	if !ok {
		return nil, nil, nil, false
	}
	var e buildEntry
	if err := bincodec.Unmarshal(payload, &e); err != nil || e.PagesSum == "" {
		c.store.Ignore()
		return nil, nil, nil, false
	}
	jobs, err := parser.ListPages(paths)
	if err != nil {
		return nil, nil, nil, false
	}
	// The entry's jobs by page, so that a page added or removed leaves
	// the others known.
	type jobID struct {
		file string
		tree bool
	}
	wants := make(map[jobID]*buildJob, len(e.Jobs))
	for i := range e.Jobs {
		wants[jobID{e.Jobs[i].File, e.Jobs[i].Tree}] = &e.Jobs[i]
	}
	wantOf := func(j parser.PageFile) *buildJob { return wants[jobID{j.File, j.Tree}] }
	read := make([]readPageData, len(jobs)) // each worker writes its own pages
	var stale atomic.Bool
	if len(jobs) != len(e.Jobs) {
		stale.Store(true)
	}
	fanout.For(len(jobs), workers, 1, func(_, i int) {
		j, want := jobs[i], wantOf(jobs[i])
		if i >= len(e.Jobs) || e.Jobs[i].File != j.File || e.Jobs[i].Tree != j.Tree {
			stale.Store(true) // not the entry's list of pages, in its order
		}
		if want != nil && want.known(j) {
			read[i] = readPageData{key: want.Key, known: want}
			return
		}
		data, _, err := readOne(j)
		if err != nil || data == nil {
			stale.Store(true)
			return
		}
		key := c.pageKey(version, j.Name, j.File, data)
		read[i] = readPageData{data: data, key: key}
		if want == nil || key != want.Key {
			stale.Store(true)
		}
		if stale.Load() {
			return
		}
		for _, d := range want.Deps {
			data, err := fs.ReadFile(j.Root, d.Name)
			if d.Missing != (err != nil) || (err == nil && sum(data) != d.Sum) {
				stale.Store(true)
				break
			}
		}
	})
	if stale.Load() {
		rp := readPages{}
		for i, r := range read {
			if r.data != nil || r.known != nil {
				rp[pageID{jobs[i].File, jobs[i].Name, jobs[i].Tree}] = r
			}
		}
		c.mu.Lock()
		c.read = rp
		c.mu.Unlock()
		return nil, rp, jobs, false
	}
	// Every page is the same: those read get their identities, for the
	// next run to know them without reading.
	var named atomic.Bool
	fanout.For(len(jobs), workers, 16, func(_, i int) {
		if read[i].known == nil {
			b := &e.Jobs[i] // the same list: checked above
			b.identify(jobs[i], start)
			if b.ID != "" {
				named.Store(true)
			}
		}
	})
	if named.Load() {
		c.writeBuild(paths, version, &e)
	}
	return &e, nil, jobs, true
}

// docEntryName is the entry of the JSON document of the pages pagesSum.
func (c *cache) docEntryName(pagesSum string) string {
	return c.store.Entry("docs", hashKey(cacheFormat, "doc", c.tool, pagesSum))
}

// putDoc stores the JSON document of the pages pagesSum.
func (c *cache) putDoc(pagesSum string, data []byte) {
	if pagesSum != "" {
		c.store.Write(c.docEntryName(pagesSum), data)
	}
}

// getDoc returns the JSON document of the pages pagesSum, if stored.
func (c *cache) getDoc(pagesSum string) ([]byte, bool) {
	if pagesSum == "" {
		return nil, false
	}
	return c.store.Read(c.docEntryName(pagesSum))
}

// lazyBuild is Build's way out for Options.Lazy: a Result without pages
// and document, from the build entry, or ok false, the pages it read and
// their listing (nil when it listed none).
func lazyBuild(paths []string, opts Options, c *cache, version string, workers int, start time.Time) (*Result, readPages, []parser.PageFile, bool) {
	e, read, jobs, ok := c.getBuild(paths, version, workers, start)
	if !ok {
		return nil, read, jobs, false
	}
	res := &Result{cache: c, inputs: inputIdentity(paths), version: version, pagesSum: e.PagesSum}
	res.Diags = slices.Clone(e.Diags)
	finishDiags(res, opts)
	c.prune()
	res.Cache = CacheStats{Dir: cacheRoot(c), PagesReused: e.Pages}
	res.Cache.Ignored = c.store.Ignored()
	full := opts
	full.Lazy = false
	res.rebuild = func() (*Result, error) { return Build(paths, full) }
	return res, nil, jobs, true
}

// doc makes sure r.Doc (and r.Pages) are there: a lazy Result builds them
// now. Building again gives the same diagnostics, so r.Diags stay.
func (r *Result) doc() error {
	if r.Doc != nil || r.rebuild == nil {
		return nil
	}
	full, err := r.rebuild()
	if err != nil {
		return err
	}
	r.rebuild = nil
	r.Pages, r.Doc = full.Pages, full.Doc
	r.Cache.PagesReused, r.Cache.PagesParsed = full.Cache.PagesReused, full.Cache.PagesParsed
	if full.pagesSum != r.pagesSum {
		r.pagesSum = "" // the docs changed under the run: trust nothing stored
	}
	return nil
}
