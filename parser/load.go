package parser

import (
	"cmp"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"

	"github.com/graphdocgen/graphdocgen/internal/fanout"
)

// LoadOptions tune Load.
type LoadOptions struct {
	// Workers is the number of pages parsed at once; 0 means GOMAXPROCS.
	Workers int
	// Cache, when not nil, keeps parsed pages across runs: a page it
	// holds is not parsed again. The result is the same with and without
	// it.
	Cache PageCache
	// Read, when not nil, reads each page in place of ReadPage, with
	// ReadPage's contract: a caller that has already read some of the
	// pages hands their bytes over, so that no page is read twice.
	// Without it, each worker reads its pages into one buffer of its own,
	// overwritten by the next page once a page is parsed (a parse keeps
	// no byte of its page: its Page holds strings).
	Read func(PageFile) ([]byte, Diagnostics, error)
}

// PageCache keeps parsed pages across runs (LoadOptions.Cache). Load calls
// it from several goroutines at once, before any severity change: Known
// for every page before reading it, then, for a page Known did not have,
// Get with the page read, and Put after parsing a page Get did not have.
// Load may change the diagnostics Known and Get return.
type PageCache interface {
	// Known returns the parse of page j when the cache knows, without
	// the page's bytes, that the page and the files its parse read are
	// those it stored (by their file identities, checked in this run):
	// Load then does not read the page.
	Known(j PageFile) (*Page, Diagnostics, bool)
	// Get returns the parse of page j, whose bytes are data, when it holds
	// one that is still valid (the files the parse read besides the page
	// still hold what they held, as read through j.Root now). In Get and
	// Put, data holds only during the call: Load may read the next page
	// into it.
	Get(j PageFile, data []byte) (*Page, Diagnostics, bool)
	// Put stores the parse of page j, whose bytes are data. reads are the
	// files the parse read through j.Root besides the page, in order.
	// A parse that read its root in another way (fs.FS.Open) is not
	// offered: it cannot be checked later.
	Put(j PageFile, data []byte, reads []FileRead, pg *Page, ds Diagnostics)
}

// FileRead is a file a parse read besides its page: its bytes, or the
// error reading it gave.
type FileRead struct {
	Name string
	Data []byte
	Err  error
}

// recordFS is a page's docs root as the parse sees it with a cache: it
// records each whole-file read, and any other read (Open).
type recordFS struct {
	fsys   fs.FS
	reads  []FileRead
	opened bool
}

func (r *recordFS) Open(name string) (fs.File, error) {
	r.opened = true
	return r.fsys.Open(name)
}

func (r *recordFS) ReadFile(name string) ([]byte, error) {
	data, err := fs.ReadFile(r.fsys, name)
	r.reads = append(r.reads, FileRead{Name: name, Data: data, Err: err})
	return data, err
}

// parseCached is Parse through c.
func parseCached(c PageCache, j PageFile, data []byte) (*Page, Diagnostics) {
	if c == nil {
		return Parse(j.Root, j.Name, j.File, data)
	}
	if pg, ds, ok := c.Get(j, data); ok {
		return pg, ds
	}
	rec := &recordFS{fsys: j.Root}
	pg, ds := Parse(rec, j.Name, j.File, data)
	if !rec.opened {
		c.Put(j, data, rec.reads, pg, ds)
	}
	return pg, ds
}

// Set is the result of Load: the pages read and every diagnostic.
type Set struct {
	// Pages are sorted by Path, then File.
	Pages []*Page
	// Diags are sorted by position (Diagnostics.Sort).
	Diags Diagnostics
}

// pageDirs are the folders of a docs tree that hold pages.
var pageDirs = []string{"api", "resources", "enums"}

// PageFile is one page to read, as Load finds it.
type PageFile struct {
	Root fs.FS  // the docs root: includes are read from it
	Name string // slash path relative to the docs root ("api/event-get.md")
	File string // the path positions name
	Tree bool   // the page came from walking a tree (its errors are warnings)
}

// ListPages returns the pages the paths name, in the order Load parses
// them: each path is a page file or a docs tree, as for Load. The error is
// for I/O only.
func ListPages(paths []string) ([]PageFile, error) {
	var files []PageFile
	for _, p := range paths {
		found, err := collect(p)
		if err != nil {
			return nil, err
		}
		files = append(files, found...)
	}
	return files, nil
}

// Load reads pages. Each path is either a page file or a docs tree: a
// folder holding api/, resources/ (and includes/, enums/), or a folder
// above such folders (graph-docs-2021-07/v1.0, or graph-docs-2021-07
// holding v1.0 and beta). For a tree, the pages are api/*.md,
// resources/*.md and enums/*.md; includes/ is read only through
// [!INCLUDE] lines. For a single file, the docs root is the grandparent
// when the file's folder is named api, resources or enums, else the
// folder.
//
// Pages are parsed concurrently; the result does not depend on the order.
// Over a tree a broken page does not stop the run: its errors are
// reported as warnings ("Over a docs tree a broken page is a warning
// too"); a file named on its own keeps its errors. The error return is for
// I/O only: a path that cannot be read ("read PATH: ...").
func Load(paths []string, opts LoadOptions) (*Set, error) {
	jobs, err := ListPages(paths)
	if err != nil {
		return nil, err
	}
	return LoadFiles(jobs, opts)
}

// LoadFiles is Load for the pages ListPages gave: a caller that listed
// the pages already (to check them against a cache, say) loads that
// listing, in its order, rather than walking the trees again. Its error is
// Load's: a page that cannot be read.
func LoadFiles(jobs []PageFile, opts LoadOptions) (*Set, error) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	read := opts.Read
	type result struct {
		page  *Page
		diags Diagnostics
		err   error
	}
	results := make([]result, len(jobs))
	bufs := make([][]byte, workers) // each worker's page bytes, when Load reads them
	fanout.For(len(jobs), workers, 1, func(w, i int) {
		j := jobs[i]
		var pg *Page
		var ds Diagnostics
		known := false
		if opts.Cache != nil {
			pg, ds, known = opts.Cache.Known(j)
		}
		if !known {
			var data []byte
			var err error
			if read != nil {
				data, ds, err = read(j)
			} else {
				data, ds, err = readPageInto(j, bufs[w])
				if cap(data) > cap(bufs[w]) {
					bufs[w] = data[:0]
				}
			}
			switch {
			case err != nil:
				results[i].err = err
				return
			case data != nil:
				pg, ds = parseCached(opts.Cache, j, data)
			}
		}
		if j.Tree {
			for k := range ds {
				ds[k].Severity = Warning
			}
		}
		results[i] = result{page: pg, diags: ds}
	})

	set := &Set{}
	seen := map[string]bool{}
	for _, r := range results {
		if r.err != nil {
			return nil, r.err
		}
		file := r.page.fileOr(r.diags)
		if seen[file] {
			continue // the same file named twice
		}
		seen[file] = true
		if r.page != nil {
			set.Pages = append(set.Pages, r.page)
		}
		set.Diags = append(set.Diags, r.diags...)
	}
	slices.SortStableFunc(set.Pages, func(a, b *Page) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.File, b.File))
	})
	set.Diags.Sort()
	return set, nil
}

// fileOr is the page's file, or for a page that could not be read (nil)
// the file of its diagnostic.
func (p *Page) fileOr(ds Diagnostics) string {
	if p != nil {
		return p.File
	}
	if len(ds) > 0 {
		return ds[0].Pos.File
	}
	return ""
}

// unwrapPathErr drops the *fs.PathError wrapper, whose text repeats the
// path.
func unwrapPathErr(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// collect returns the pages of one path.
func collect(p string) ([]PageFile, error) {
	info, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", p, unwrapPathErr(err))
	}
	if !info.IsDir() {
		dir := filepath.Dir(p)
		base := filepath.Base(dir)
		rootDir := dir
		name := filepath.Base(p)
		if slices.Contains(pageDirs, base) {
			rootDir = filepath.Dir(dir)
			name = base + "/" + name
		}
		return []PageFile{{Root: NewDocsFS(rootDir), Name: name, File: p}}, nil
	}
	roots, err := findRoots(p)
	if err != nil {
		return nil, err
	}
	var jobs []PageFile
	if d := filepath.Base(filepath.Clean(p)); len(roots) == 0 && slices.Contains(pageDirs, d) {
		// a page folder of a tree given on its own (docs/resources): its
		// pages, with the tree above it as their root
		roots, only := []string{filepath.Dir(filepath.Clean(p))}, d
		return collectDirs(roots, []string{only}, jobs)
	}
	return collectDirs(roots, pageDirs, jobs)
}

// collectDirs lists the pages of the folders dirs of each root.
func collectDirs(roots, dirs []string, jobs []PageFile) ([]PageFile, error) {
	for _, r := range roots {
		fsys := NewDocsFS(r)
		for _, d := range dirs {
			entries, err := os.ReadDir(filepath.Join(r, d))
			if err != nil {
				if os.IsNotExist(err) {
					continue
				}
				return nil, fmt.Errorf("read %s: %w", filepath.Join(r, d), unwrapPathErr(err))
			}
			for _, e := range entries {
				if e.IsDir() || !strings.HasSuffix(strings.ToLower(e.Name()), ".md") {
					continue
				}
				name := d + "/" + e.Name()
				jobs = append(jobs, PageFile{Root: fsys, Name: name, File: filepath.Join(r, d, e.Name()), Tree: true})
			}
		}
	}
	return jobs, nil
}

// findRoots returns the folders at or below dir that hold api/, resources/
// or enums/, sorted. A folder that is a root is not searched further.
func findRoots(dir string) ([]string, error) {
	var roots []string
	var walk func(d string, depth int) error
	walk = func(d string, depth int) error {
		entries, err := os.ReadDir(d)
		if err != nil {
			return fmt.Errorf("read %s: %w", d, unwrapPathErr(err))
		}
		var subdirs []string
		isRoot := false
		for _, e := range entries {
			if !e.IsDir() {
				continue
			}
			if slices.Contains(pageDirs, e.Name()) {
				isRoot = true
			}
			subdirs = append(subdirs, e.Name())
		}
		if isRoot {
			roots = append(roots, d)
			return nil
		}
		if depth >= 4 {
			return nil
		}
		for _, sd := range subdirs {
			if strings.HasPrefix(sd, ".") {
				continue
			}
			if err := walk(filepath.Join(d, sd), depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(dir, 0); err != nil {
		return nil, err
	}
	sort.Strings(roots)
	return roots, nil
}
