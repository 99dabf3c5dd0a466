package parser

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/graphdocgen/graphdocgen/internal/fuzzseed"
	"github.com/yuin/goldmark/text"
)

// writeTree writes a docs tree with two versions under dir.
func writeTree(t *testing.T, dir string) {
	t.Helper()
	files := map[string]string{
		"v1.0/api/widget-polish.md":                              pageModern,
		"v1.0/api/gadget-list.md":                                page2021,
		"v1.0/resources/gadget.md":                               resourcePage,
		"v1.0/includes/permissions/widget-polish-permissions.md": includeModern,
		"v1.0/includes/other.md":                                 "# not a page\n",
		"beta/api/notes.md":                                      "# Notes\n",
		"beta/enums/paintfinish.md":                              enumPage,
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLoadTree(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir)
	set, err := Load([]string{dir}, LoadOptions{Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range set.Pages {
		got = append(got, p.Path+" "+string(p.Kind))
	}
	want := []string{
		"api/gadget-list.md api", "api/notes.md other", "api/widget-polish.md api",
		"enums/paintfinish.md enum", "resources/gadget.md resource",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("pages = %q", got)
	}
	// the include was resolved inside the tree
	for _, p := range set.Pages {
		if p.Path == "api/widget-polish.md" {
			if !p.Permissions.Found || p.File != filepath.Join(dir, "v1.0", "api", "widget-polish.md") {
				t.Errorf("widget page: file %q permissions %+v", p.File, p.Permissions)
			}
		}
	}
	// a broken page in a tree is a warning
	if len(set.Diags) != 1 || set.Diags[0].Rule != "not-a-docs-page" || set.Diags[0].Severity != Warning ||
		set.Diags[0].Pos.File != filepath.Join(dir, "beta", "api", "notes.md") {
		t.Errorf("diags = %v", set.Diags)
	}
	// the result does not depend on the number of workers
	one, err := Load([]string{dir}, LoadOptions{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(one, set) {
		t.Error("Workers: 1 gave another result")
	}
}

// TestLoadFiles: a listing loaded is the tree loaded, and only the pages
// of the listing are loaded, even when the tree has changed since it was
// taken.
func TestLoadFiles(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir)
	jobs, err := ListPages([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	want, err := Load([]string{dir}, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := LoadFiles(jobs, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("LoadFiles of the listing is not Load of the tree")
	}
	if err := os.WriteFile(filepath.Join(dir, "v1.0", "api", "gadget-get.md"), []byte(page2021), 0o644); err != nil {
		t.Fatal(err)
	}
	var part []PageFile
	for _, j := range jobs {
		if j.Name != "api/gadget-list.md" {
			part = append(part, j)
		}
	}
	got, err = LoadFiles(part, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, p := range got.Pages {
		paths = append(paths, p.Path)
	}
	if want := []string{"api/notes.md", "api/widget-polish.md", "enums/paintfinish.md", "resources/gadget.md"}; !reflect.DeepEqual(paths, want) {
		t.Errorf("pages of the part = %q, want %q", paths, want)
	}
}

func TestLoadFile(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir)
	file := filepath.Join(dir, "v1.0", "api", "widget-polish.md")
	set, err := Load([]string{file, filepath.Join(dir, "beta", "api", "notes.md")}, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Pages) != 2 || set.Pages[1].Path != "api/widget-polish.md" || set.Pages[1].File != file ||
		set.Pages[1].Permissions.Include != "includes/permissions/widget-polish-permissions.md" || !set.Pages[1].Permissions.Found {
		t.Fatalf("pages = %+v", set.Pages)
	}
	// a file named on its own keeps its errors
	if len(set.Diags) != 1 || set.Diags[0].Severity != Error {
		t.Errorf("diags = %v", set.Diags)
	}

	// a file outside api/: its folder is the docs root
	loose := filepath.Join(dir, "loose.md")
	if err := os.WriteFile(loose, []byte(page2021), 0o644); err != nil {
		t.Fatal(err)
	}
	set, err = Load([]string{loose}, LoadOptions{})
	if err != nil || len(set.Pages) != 1 || set.Pages[0].Path != "loose.md" || set.Pages[0].Response.Type.Link != "../resources/gadget.md" {
		t.Errorf("loose file: %v %+v", err, set)
	}
}

func TestLoadErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope.md")
	_, err := Load([]string{missing}, LoadOptions{})
	if err == nil || !strings.HasPrefix(err.Error(), "read "+missing+": ") {
		t.Errorf("err = %v", err)
	}
}

// FuzzParse checks that no input makes the parser panic and that every
// diagnostic has a position in the file.
// FuzzParse: any input parses without panicking, into a page and
// diagnostics that all have positions. Inputs are bounded
// (fuzzseed.MaxInput) and seeded with pieces of the fixture pages, so that
// the fuzzer's minimising of each new input stays short.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{pageModern, page2021, resourcePage, enumPage, "", "---\n", "---\ntitle: x\n---\n# [HTTP](#tab/http)\n<!-- {",
		"## HTTP request\n```http\nGET /a/{b/c('d\n```\n", "<!-- { \"type\": \"#page.annotation\" } -->"} {
		for _, s := range fuzzseed.Cut([]byte(seed)) {
			f.Add(s)
		}
	}
	for _, s := range fuzzseed.Pages("../generated/docs") {
		f.Add(s)
	}
	root := docsFS()
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > fuzzseed.MaxInput {
			return
		}
		p, ds := Parse(root, "api/x.md", "f.md", src)
		if p == nil {
			t.Fatal("nil page")
		}
		for _, d := range ds {
			if d.Pos.File != "f.md" || d.Pos.Line < 1 {
				t.Errorf("diagnostic without position: %v", d)
			}
		}
	})
}

func benchFiles(b *testing.B) [][]byte {
	dir := corpusTree(b, "graph-docs-2021-07/v1.0/api")
	var out [][]byte
	for _, f := range mdFiles(b, dir) {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}

// BenchmarkParseV1 parses every 2021-07 v1.0 API page once per iteration.
func BenchmarkParseV1(b *testing.B) {
	files := benchFiles(b)
	root := os.DirFS(filepath.Join(corpusDir, "graph-docs-2021-07/v1.0"))
	b.ResetTimer()
	for b.Loop() {
		for _, data := range files {
			Parse(root, "api/x.md", "x.md", data)
		}
	}
}

// BenchmarkGoldmarkV1 is goldmark's parse alone over the same files, for
// the ratio.
func BenchmarkGoldmarkV1(b *testing.B) {
	files := benchFiles(b)
	b.ResetTimer()
	for b.Loop() {
		for _, data := range files {
			md.Parser().Parse(text.NewReader(data))
		}
	}
}

// TestLoadPageFolder: a tree's resources/ (or api/) folder given on its own
// gives its pages, read with the tree above it as their root, as the
// README's go:generate line passes ../docs/resources.
func TestLoadPageFolder(t *testing.T) {
	set, err := Load([]string{"../generated/docs/resources"}, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir("../generated/docs/resources")
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Pages) == 0 || len(set.Pages) != len(entries) {
		t.Fatalf("%d pages from resources/, want %d", len(set.Pages), len(entries))
	}
	for _, p := range set.Pages {
		if !strings.HasPrefix(p.Path, "resources/") || p.Kind == KindAPI {
			t.Errorf("page %s (%v) is not a resources page", p.Path, p.Kind)
		}
	}
}

// BenchmarkLoadV1 is Load of the 2021-07 v1.0 tree, without a cache:
// reading every page through DocsFS and parsing it on all cores.
func BenchmarkLoadV1(b *testing.B) {
	dir := filepath.Join(corpusDir, "graph-docs-2021-07/v1.0")
	if _, err := os.Stat(dir); err != nil {
		b.Skip("corpus not present")
	}
	for b.Loop() {
		if _, err := Load([]string{dir}, LoadOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLoadSharedBuffer: Load reads the pages of a worker into one buffer
// (no LoadOptions.Read), and the pages are what reading each page into
// bytes of its own (ReadPage) gives: a parse keeps none of its bytes. The
// corpus pages (a sample under -short) are read large and small in turn.
func TestLoadSharedBuffer(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir)
	api := filepath.Join(dir, "v1.0", "api")
	for _, f := range corpusSample("graph-docs-2021-07/v1.0/api/*.md") {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(api, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	shared, err := Load([]string{dir}, LoadOptions{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	own, err := Load([]string{dir}, LoadOptions{Workers: 1, Read: ReadPage})
	if err != nil {
		t.Fatal(err)
	}
	if len(shared.Pages) < 5 || !reflect.DeepEqual(shared, own) {
		t.Errorf("%d pages read into one buffer differ from %d read each on its own", len(shared.Pages), len(own.Pages))
	}
}

// TestDocsFSJoin: join gives filepath.Join of the root and a valid path,
// and of the root and its folder.
func TestDocsFSJoin(t *testing.T) {
	for _, root := range []string{"/", "/docs", "/a/b.c/d", t.TempDir()} {
		d := &DocsFS{real: root}
		for _, name := range []string{"x.md", "api/x.md", "includes/permissions/a-b.md", "a/b/c/d.md", "é/ü.md"} {
			file, dir := d.join(name)
			wantDir := ""
			if i := strings.LastIndexByte(name, '/'); i >= 0 {
				wantDir = filepath.Join(root, filepath.FromSlash(name[:i]))
			}
			if want := filepath.Join(root, filepath.FromSlash(name)); file != want || dir != wantDir {
				t.Errorf("join(%q, %q) = %q, %q; want %q, %q", root, name, file, dir, want, wantDir)
			}
		}
	}
}

// A folder of the tree that becomes a symlink out of it between two
// reads is refused on the second: each read checks every folder of the
// page's path, not only the first read.
func TestDocsFSFolderTurnedSymlink(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	for _, dir := range []string{filepath.Join(root, "api"), outside} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "x.md"), []byte("# "+dir+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d := NewDocsFS(root)
	if _, err := d.ReadFile("api/x.md"); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(root, "api"), filepath.Join(root, "was-api")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "api")); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	data, err := d.ReadFile("api/x.md")
	if err == nil || !errors.Is(err, errOutside) {
		t.Errorf("read through a folder turned symlink out of the tree: %q, %v", data, err)
	}
}

// TestDocsFSStat: Stat finds a file as a read would, refusing what a read
// refuses before any byte: a file through a symlink out of the tree, a
// folder, a named pipe, a missing file.
func TestDocsFSStat(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "api"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{filepath.Join(root, "api", "x.md"), filepath.Join(outside, "y.md")} {
		if err := os.WriteFile(f, []byte("# page\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d := NewDocsFS(root)
	fi, err := d.Stat("api/x.md")
	if err != nil || fi.Size() != int64(len("# page\n")) || !fi.Mode().IsRegular() {
		t.Fatalf("Stat of a page: %v, %v", fi, err)
	}
	if _, err := d.Stat("api"); !errors.Is(err, errNotRegular) {
		t.Errorf("Stat of a folder: %v, want %v", err, errNotRegular)
	}
	if _, err := d.Stat("api/none.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Stat of a missing file: %v, want not exist", err)
	}
	if _, err := d.Stat("../x.md"); !errors.Is(err, fs.ErrInvalid) {
		t.Errorf("Stat of an invalid path: %v", err)
	}
	if err := os.Symlink(filepath.Join(outside, "y.md"), filepath.Join(root, "api", "out.md")); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	if _, err := d.Stat("api/out.md"); !errors.Is(err, errOutside) {
		t.Errorf("Stat through a symlink out of the tree: %v, want %v", err, errOutside)
	}
	if _, err := d.ReadFile("api/out.md"); !errors.Is(err, errOutside) {
		t.Errorf("the read it stands for: %v", err)
	}
	if err := os.Symlink("x.md", filepath.Join(root, "api", "in.md")); err != nil {
		t.Fatal(err)
	}
	if fi, err := d.Stat("api/in.md"); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("Stat through a symlink inside the tree: %v, %v", fi, err)
	}
	j := PageFile{Root: d, Name: "api/out.md", File: filepath.Join(root, "api", "out.md"), Tree: true}
	if _, err := StatPage(j); !errors.Is(err, errOutside) {
		t.Errorf("StatPage of a tree page through a symlink out: %v", err)
	}
	j.Tree = false // a page named on its own is read by its path
	if _, err := StatPage(j); err != nil {
		t.Errorf("StatPage of a page named on its own: %v", err)
	}
}

// knownCache is a PageCache that knows one page without reading it and
// counts the calls.
type knownCache struct {
	mu       sync.Mutex
	file     string
	page     *Page
	got, put int
}

func (c *knownCache) Known(j PageFile) (*Page, Diagnostics, bool) {
	if j.File != c.file {
		return nil, nil, false
	}
	return c.page, Diagnostics{Errorf(Pos{File: j.File, Line: 1, Col: 1}, "test", "from the cache")}, true
}

func (c *knownCache) Get(j PageFile, data []byte) (*Page, Diagnostics, bool) {
	c.mu.Lock()
	c.got++
	c.mu.Unlock()
	return nil, nil, false
}

func (c *knownCache) Put(PageFile, []byte, []FileRead, *Page, Diagnostics) {
	c.mu.Lock()
	c.put++
	c.mu.Unlock()
}

// TestLoadKnownPage: a page the cache knows is neither read nor offered
// to Get or Put; its diagnostics turn warnings in a tree as those of a
// parse do, and the set is what it would be with the page parsed.
func TestLoadKnownPage(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir)
	tree := filepath.Join(dir, "v1.0")
	plain, err := Load([]string{tree}, LoadOptions{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	jobs, err := ListPages([]string{tree})
	if err != nil || len(jobs) < 2 {
		t.Fatalf("%d pages, %v", len(jobs), err)
	}
	known := jobs[0]
	var page *Page
	for _, p := range plain.Pages {
		if p.File == known.File {
			page = p
		}
	}
	if page == nil {
		t.Fatalf("%s not loaded", known.File)
	}
	c := &knownCache{file: known.File, page: page}
	var mu sync.Mutex
	reads := map[string]int{}
	set, err := Load([]string{tree}, LoadOptions{Workers: 2, Cache: c, Read: func(j PageFile) ([]byte, Diagnostics, error) {
		mu.Lock()
		reads[j.File]++
		mu.Unlock()
		return ReadPage(j)
	}})
	if err != nil {
		t.Fatal(err)
	}
	if reads[known.File] != 0 || len(reads) != len(jobs)-1 {
		t.Errorf("reads %v: want every page but %s read", reads, known.File)
	}
	if c.got != len(jobs)-1 || c.put != len(jobs)-1 {
		t.Errorf("Get %d, Put %d times: want %d each", c.got, c.put, len(jobs)-1)
	}
	if !reflect.DeepEqual(set.Pages, plain.Pages) {
		t.Error("the pages differ from a load without cache")
	}
	found := false
	for _, d := range set.Diags {
		if d.Rule == "test" {
			found = true
			if d.Severity != Warning {
				t.Errorf("the known page's diagnostic in a tree: severity %v, want a warning", d.Severity)
			}
		}
	}
	if !found {
		t.Error("the known page's diagnostics are missing")
	}
}
