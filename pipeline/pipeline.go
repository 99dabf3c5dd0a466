// Package pipeline runs graphdocgen's stages in a line: docs pages (parser)
// to one OpenAPI document (spec) to a Go package (templates). Everything is
// produced in memory; writing files is the caller's last step, so that a
// failed run leaves nothing half-written.
//
// It also decides what a problem means for the run. Over a docs tree a
// broken page is a warning: real docs always hold a few, and the run goes on
// with the others. A page given by name that yields nothing is an error. An
// invalid merged document is an error (Generate, for a caller that writes
// the package, validates the document while it generates the client from
// it, and fails the same way). Strict mode turns every warning into an
// error, for CI.
//
// With Options.Cache (or CacheDir) a run keeps an on-disk cache (cache.go)
// of parsed pages and of the formatted Go files per input, so that a run
// after a small docs edit parses only the edited pages and formats only
// the files whose source changed; the output is byte-identical with and
// without it.
package pipeline

import (
	"bytes"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/parser"
	"github.com/graphdocgen/graphdocgen/spec"
	"github.com/graphdocgen/graphdocgen/templates"
)

// Options configure a run.
type Options struct {
	// Version is the Graph version the docs describe, "v1.0" or "beta".
	// Empty: "beta" when every input path has a "beta" element, else "v1.0".
	Version string
	// Package is the Go package name of the generated client ("graph").
	Package string
	// Strict turns warnings into errors.
	Strict bool
	// Workers bounds concurrent page parsing and Go file rendering; 0
	// means GOMAXPROCS.
	Workers int
	// Cache makes the run use the on-disk cache (see CacheDir): pages
	// whose bytes (and included files) did not change are not parsed
	// again, and GoFiles does not format again a file whose source did
	// not change. The output is the same with and without it.
	Cache bool
	// CacheDir is the cache folder; empty means DefaultCacheDir(). Setting
	// it turns the cache on. A folder that cannot be used means a run
	// without cache, never an error.
	CacheDir string
	// AllTypes makes GoFiles emit a Go type for every schema of the
	// document; by default only the types the operations reach are
	// emitted (the document itself is always complete).
	AllTypes bool
	// Lazy lets Build, with a cache, leave Pages and Doc nil when the
	// pages are those of the last run over the same paths (warm.go): the
	// diagnostics come from the cache, and GoFiles and OpenAPI take their
	// results from it, building the document only when it does not hold
	// them. For callers that use only Diags, GoFiles and OpenAPI.
	Lazy bool
	// KeepDocument makes Generate keep the document (Result.Doc, and
	// Result.OpenAPI) for the caller. Without it Generate lets the
	// document go once the client's model is built from it: the
	// collections while the files are rendered do not mark it again
	// (about 50 MB of live heap on v1.0; a twentieth of a cold run's
	// CPU). Build and GoFiles always keep it.
	KeepDocument bool
}

// cacheDir returns the cache folder the options ask for, or "" for none.
func (o Options) cacheDir() string {
	if o.CacheDir != "" {
		return o.CacheDir
	}
	if !o.Cache {
		return ""
	}
	d, err := DefaultCacheDir()
	if err != nil {
		return ""
	}
	return d
}

// Result is what a run produced.
type Result struct {
	Pages []*parser.Page
	Doc   *openapi3.T
	// Diags are every problem found, sorted by position.
	Diags parser.Diagnostics
	// Cache says what the cache did (zero when the run used none).
	Cache CacheStats
	// Types counts the schemas GoFiles emitted and pruned (zero before
	// GoFiles).
	Types templates.TypeStats

	cache    *cache   // nil without cache
	inputs   []string // the input paths, absolute and sorted
	version  string   // the Graph version of the document
	pagesSum string   // the identity of the pages (pageHook.identity); "" unknown

	// rebuild, for a lazy Result (Options.Lazy), builds the pages and
	// the document; nil once they are there.
	rebuild func() (*Result, error)

	// dropped is true when Generate let the document go (Options.KeepDocument)
	dropped bool

	jsonOnce sync.Once
	jsonData []byte // the document marshaled as JSON, once
	jsonErr  error
}

// Failed reports whether the run cannot give a trustworthy result: an error
// was reported (in strict mode, any diagnostic).
func (r *Result) Failed() bool { return r.Diags.HasErrors() }

// Build parses the pages at paths (page files or docs trees) and builds the
// merged, validated OpenAPI document. The error is for I/O problems and
// unusable input (no path, a path that cannot be read, no page at all);
// problems in pages are diagnostics in the Result.
func Build(paths []string, opts Options) (*Result, error) {
	res, validated, err := build(paths, opts, false)
	if err != nil {
		return nil, err
	}
	validated()
	return res, nil
}

// Generate is Build and GoFiles in one, for a caller that writes the
// package: the document's validation runs beside the generation of the
// client, which reads the document as it is validated, and is joined
// before Generate returns, so the Result is complete (Diags hold the
// validation's verdict). files is nil when the run failed (res.Failed():
// nothing is to be written); the client is not generated when the run
// had failed before the validation. The pages are dropped (res.Pages is
// nil): they are in the document. So is the document, once the client's
// model is built from it (res.Doc is nil and res.OpenAPI fails), unless
// opts.KeepDocument. opts are Build's and GoFiles' (Package, Workers,
// AllTypes, KeepDocument); the package is generated with the cache Build
// opened, if any. An error with a nil Result is Build's, with a Result
// GoFiles'.
func Generate(paths []string, opts Options) (res *Result, files map[string][]byte, err error) {
	res, validated, err := build(paths, opts, true)
	if err != nil {
		return nil, nil, err
	}
	res.Pages = nil // not kept alive through generating: a tenth of the peak on v1.0
	if res.Diags.HasErrors() || opts.Strict && len(res.Diags) > 0 {
		validated()
		return res, nil, nil
	}
	gopts := opts
	gopts.Cache, gopts.CacheDir = false, ""
	files, err = res.goFiles(gopts, !opts.KeepDocument)
	validated()
	if res.Failed() {
		return res, nil, nil
	}
	if err != nil {
		return res, nil, err
	}
	return res, files, nil
}

// build is Build with the document's validation left running: validated
// joins it, adding its verdict to the diagnostics (and finishing them:
// -strict, sorted, stored in the cache); it may be called more than once.
// Until then the diagnostics are not finished. With dropPages, spec takes
// the pages (spec.Options.TakePages): each is let go once its fragment is
// built, and res.Pages holds none.
func build(paths []string, opts Options, dropPages bool) (res *Result, validated func(), err error) {
	if len(paths) == 0 {
		return nil, nil, fmt.Errorf("no input: give a docs page or a docs tree")
	}
	start := time.Now() // before any page is read (fileid.Settled)
	res = &Result{}
	done := func() {}
	named := map[string]bool{} // page File -> given by name
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, nil, fmt.Errorf("read %s: %w", p, unwrapPathError(err))
		}
		if !fi.IsDir() {
			named[filepath.ToSlash(p)] = true
		}
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	version := opts.Version
	if version == "" {
		version = guessVersion(paths)
	}
	res.version = version
	res.inputs = inputIdentity(paths)
	if dir := opts.cacheDir(); dir != "" {
		res.cache = openCache(dir)
	}
	lopts := parser.LoadOptions{Workers: workers, Read: readPage}
	var jobs []parser.PageFile // the pages, listed once for the lazy check, the load and the build entry
	if c := res.cache; c != nil && opts.Lazy {
		lazy, read, listed, ok := lazyBuild(paths, opts, c, version, workers, start)
		if ok {
			return lazy, done, nil
		}
		lopts.Read = read.read // the pages the lazy check read are not read again
		jobs = listed
	}
	if jobs == nil {
		if jobs, err = parser.ListPages(paths); err != nil {
			return nil, nil, err
		}
	}
	var hook *pageHook
	if c := res.cache; c != nil {
		hook = c.pageHook(version)
		lopts.Cache = hook
	}
	set, err := parser.LoadFiles(jobs, lopts)
	if err != nil {
		return nil, nil, err
	}
	if c := res.cache; c != nil {
		hook.flush()
		var reused int
		reused, res.pagesSum = hook.identity(set.Pages)
		c.prune()
		res.Cache = CacheStats{Dir: cacheRoot(c), PagesReused: reused, PagesParsed: len(set.Pages) - reused}
		res.Cache.Ignored = c.store.Ignored()
	}
	res.Pages = set.Pages
	// The loaders already report a broken page inside a tree as warnings.
	res.Diags = append(res.Diags, set.Diags...)
	for _, pg := range set.Pages {
		if named[filepath.ToSlash(pg.File)] && !yieldsSomething(pg) && !hasError(set.Diags, pg.File) {
			res.Diags = append(res.Diags, parser.Errorf(parser.Pos{File: pg.File, Line: 1, Col: 1},
				"empty-page", "the page yields no operation and no type"))
		}
	}
	if len(set.Pages) == 0 {
		if res.Diags.HasErrors() {
			res.Diags.Sort()
			return res, done, nil
		}
		return nil, nil, fmt.Errorf("no docs pages found in %s", strings.Join(paths, ", "))
	}
	doc, diags, verdict := buildDocument(set.Pages, spec.Options{Version: version, TakePages: dropPages})
	res.Doc = doc
	n := len(res.Diags)
	res.Diags = append(res.Diags, diags...)
	// The verdict, once it comes, completes the diagnostics, which the
	// build entry stores: it is written then, while the caller goes on
	// (generating the client), not after. Until validated, res.Diags are
	// only read.
	pages, pagesSum, base := len(set.Pages), res.pagesSum, res.Diags
	final := make(chan parser.Diagnostics, 1)
	go func() {
		diags := base
		if v := verdict(); len(v) > 0 {
			// among spec's diagnostics, sorted, as spec.Build gives them
			sd := append(slices.Clone(base[n:]), v...)
			sd.Sort()
			diags = append(slices.Clone(base[:n]), sd...)
		}
		if c := res.cache; c != nil {
			c.putBuild(paths, jobs, version, hook, pagesSum, pages, diags, start, workers)
		}
		final <- diags
	}()
	validated = sync.OnceFunc(func() {
		res.Diags = <-final
		finishDiags(res, opts)
	})
	return res, validated, nil
}

// buildDocument builds the document of the pages, its validation left
// running (spec.BuildValidating; a test makes the document invalid).
var buildDocument = spec.BuildValidating

// finishDiags applies -strict to the diagnostics of res, and sorts them.
func finishDiags(res *Result, opts Options) {
	if opts.Strict {
		for i := range res.Diags {
			res.Diags[i].Severity = parser.Error
		}
	}
	res.Diags.Sort()
}

// cacheRoot is the cache folder of c, as CacheStats names it.
func cacheRoot(c *cache) string { return filepath.Dir(c.store.Dir()) }

// OpenAPI returns the document as JSON or YAML ("json", "yaml"). The JSON
// is marshaled once per Result: Doc must not be changed after the first
// call.
func (r *Result) OpenAPI(format string) ([]byte, error) {
	if format == "json" || format == "" {
		if data, ok := r.cachedJSON(); ok {
			return bytes.Clone(data), nil
		}
	}
	if err := r.doc(); err != nil {
		return nil, err
	}
	if r.Doc == nil {
		return nil, r.noDocument()
	}
	if format != "json" && format != "" {
		return spec.Marshal(r.Doc, format)
	}
	data, err := r.json()
	if err != nil {
		return nil, err
	}
	return bytes.Clone(data), nil
}

// json returns the document marshaled as JSON, marshaling it once (and
// storing it in the cache, for a lazy run over the same pages).
func (r *Result) json() ([]byte, error) {
	r.jsonOnce.Do(func() {
		r.jsonData, r.jsonErr = spec.Marshal(r.Doc, "json")
		if r.jsonErr == nil && r.cache != nil {
			r.cache.putDoc(r.pagesSum, r.jsonData)
		}
	})
	return r.jsonData, r.jsonErr
}

// noDocument is the error of a Result without a document.
func (r *Result) noDocument() error {
	if r.dropped {
		return fmt.Errorf("no document: Generate let it go (Options.KeepDocument)")
	}
	return fmt.Errorf("no document")
}

// cachedJSON is the JSON document of a lazy Result, from the cache.
func (r *Result) cachedJSON() ([]byte, bool) {
	if r.Doc != nil || r.rebuild == nil || r.cache == nil {
		return nil, false
	}
	return r.cache.getDoc(r.pagesSum)
}

// GoFiles returns the generated Go package: file name to contents, and
// sets r.Types. Only opts.Package, opts.Workers and opts.AllTypes are read, plus opts.Cache and
// opts.CacheDir when Build ran without cache. With a cache, each file whose
// inputs (the model values it is made from) or source did not change since
// it was last generated from the same input paths is taken formatted from
// it (templates.FileCache), and when the pages are
// those the stored package was generated from, the whole package is (no
// generation at all); the document is not marshaled for either.
func (r *Result) GoFiles(opts Options) (map[string][]byte, error) {
	return r.goFiles(opts, false)
}

// goFiles is GoFiles; with drop, r lets the document go while the files
// are generated (Options.KeepDocument).
func (r *Result) goFiles(opts Options, drop bool) (map[string][]byte, error) {
	if r.Doc == nil && r.rebuild == nil {
		return nil, r.noDocument()
	}
	pkg := opts.Package
	if pkg == "" {
		pkg = "graph"
	}
	c := r.cache
	if c == nil {
		if dir := opts.cacheDir(); dir != "" {
			c = openCache(dir)
		}
	}
	// The client is generated from the validated document: spec.Validate
	// resolved its references in place.
	var fst templates.FileStats
	topts := templates.Options{Package: pkg, Workers: opts.Workers, AllTypes: opts.AllTypes, Stats: &r.Types, Files: &fst}
	var fc *goFileCache
	if c != nil {
		fc = c.goFiles(r.inputs, r.version, pkg, opts.AllTypes)
		topts.Cache = fc
		// The same pages as the run that stored the package: the same
		// document, so the same files.
		if files, st, ok := fc.getPackage(r.pagesSum); ok {
			r.Types = st
			r.Cache.PackageReused = true
			r.Cache.GoFilesReused, r.Cache.GoFilesFormatted = len(files), 0
			r.Cache.Ignored = c.store.Ignored()
			return files, nil
		}
	}
	if err := r.doc(); err != nil {
		return nil, err
	}
	if r.Doc == nil {
		return nil, r.noDocument()
	}
	doc := r.Doc
	if drop {
		r.Doc, r.dropped = nil, true
	}
	files, err := templates.Generate(doc, topts)
	if err != nil {
		return nil, fmt.Errorf("generate go: %w", err)
	}
	if fc != nil {
		fc.putPackage(r.pagesSum, files, r.Types)
		if r.Cache.Dir == "" {
			r.Cache.Dir = filepath.Dir(c.store.Dir())
		}
		r.Cache.GoFilesReused = int(fc.reused.Load())
		r.Cache.GoFilesFormatted = len(files) - r.Cache.GoFilesReused
		r.Cache.GoFilesRendered = len(fst.Rendered)
		r.Cache.Ignored = c.store.Ignored()
	}
	return files, nil
}

func yieldsSomething(p *parser.Page) bool {
	for _, rs := range p.Requests {
		if len(rs.Lines) > 0 {
			return true
		}
	}
	return p.Resource != nil && (len(p.Resource.Properties) > 0 || len(p.Resource.Relationships) > 0 || len(p.Resource.Enums) > 0)
}

func hasError(ds parser.Diagnostics, file string) bool {
	for _, d := range ds {
		if d.Severity == parser.Error && d.Pos.File == file {
			return true
		}
	}
	return false
}

func guessVersion(paths []string) string {
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			abs = p
		}
		if !strings.Contains(filepath.ToSlash(abs)+"/", "/beta/") {
			return "v1.0"
		}
	}
	return "beta"
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// PackageName returns name as a Go package name when it is one (lower
// case letters and digits, not starting with a digit, not a keyword), and
// "graph" otherwise.
func PackageName(name string) string {
	if name == "" || !token.IsIdentifier(name) || token.IsKeyword(name) || strings.ToLower(name) != name || strings.Contains(name, "_") {
		return "graph"
	}
	return name
}
