package parser

import (
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/graphdocgen/graphdocgen/xgraph"
)

// corpusDir is the shared corpus, relative to the package directory.
const corpusDir = "../../shared/corpus"

// corpusTree returns the path of a corpus folder, skipping the test when it
// is absent.
func corpusTree(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join(corpusDir, rel)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("corpus folder %s absent", p)
	}
	return p
}

// corpusSample is the corpus files matching pattern (relative to the
// corpus; none when it is absent), the first 300 under -short: for the
// tests that check hand-made inputs always and the corpus's when present.
func corpusSample(pattern string) []string {
	files, _ := filepath.Glob(filepath.Join(corpusDir, pattern))
	if testing.Short() && len(files) > 300 {
		files = files[:300]
	}
	return files
}

// mdFiles lists the .md files of a folder, sorted.
func mdFiles(tb testing.TB, dir string) []string {
	tb.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatalf("read %s: %v", dir, err)
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".md") {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(out)
	return out
}

// TestCorpusModern parses every page of the modern sample: every API page
// yields request lines, every resource page a resource with properties.
func TestCorpusModern(t *testing.T) {
	dir := corpusTree(t, "graph-docs-modern/v1.0")
	set, err := Load([]string{dir}, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Pages) < 30 {
		t.Fatalf("loaded %d pages, want the whole sample", len(set.Pages))
	}
	for _, p := range set.Pages {
		switch p.Kind {
		case KindAPI:
			if n := countLines(p); n == 0 {
				t.Errorf("%s: no request lines", p.File)
			}
			if len(p.Response.Statuses) == 0 {
				t.Errorf("%s: no response status", p.File)
			}
		case KindResource:
			if p.Resource == nil || p.Resource.Name == "" || len(p.Resource.Properties) == 0 {
				t.Errorf("%s: resource without name or properties", p.File)
			}
		default:
			t.Errorf("%s: kind %q", p.File, p.Kind)
		}
	}
	for _, d := range set.Diags {
		if d.Rule == "bad-annotation-json" || d.Rule == "no-http-request" || d.Rule == "not-a-docs-page" {
			t.Errorf("unexpected diagnostic %s", d)
		}
	}
}

// TestCorpusSeed checks one modern page element by element.
func TestCorpusSeed(t *testing.T) {
	dir := corpusTree(t, "graph-docs-modern/v1.0")
	set, err := Load([]string{filepath.Join(dir, "api", "event-permanentdelete.md")}, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Pages) != 1 {
		t.Fatalf("got %d pages", len(set.Pages))
	}
	p := set.Pages[0]
	if p.Path != "api/event-permanentdelete.md" {
		t.Errorf("Path = %q", p.Path)
	}
	var posts int
	for _, rs := range p.Requests {
		for _, l := range rs.Lines {
			if l.Method == "POST" {
				posts++
			}
		}
	}
	if posts != 9 || countLines(p) != 9 {
		t.Errorf("POST lines = %d of %d, want 9", posts, countLines(p))
	}
	if p.Body.Kind != BodyNone {
		t.Errorf("body kind = %q, want none", p.Body.Kind)
	}
	if !slices.Equal(p.Response.Statuses, []int{204}) || p.Response.Kind != RespNone {
		t.Errorf("response = %v %q", p.Response.Statuses, p.Response.Kind)
	}
	perm := p.Permissions
	if !perm.Found || perm.Include != "includes/permissions/event-permanentdelete-permissions.md" {
		t.Errorf("permissions found=%v include=%q", perm.Found, perm.Include)
	}
	for name, list := range map[string]xgraph.Alternatives{"work": perm.DelegatedWork, "personal": perm.DelegatedPersonal, "application": perm.Application} {
		if !reflect.DeepEqual(list, xgraph.Alternatives{{"Calendars.ReadWrite"}}) {
			t.Errorf("%s permissions = %v", name, list)
		}
	}
	if len(set.Diags) != 0 {
		t.Errorf("diagnostics: %v", set.Diags)
	}
}

func countLines(p *Page) int {
	n := 0
	for _, rs := range p.Requests {
		n += len(rs.Lines)
	}
	return n
}

// TestCorpusSample2021 parses a seeded random 200 of the 2021-07 v1.0 API
// pages: each yields at least one request line.
func TestCorpusSample2021(t *testing.T) {
	dir := corpusTree(t, "graph-docs-2021-07/v1.0/api")
	files := mdFiles(t, dir)
	r := rand.New(rand.NewSource(20210716))
	r.Shuffle(len(files), func(i, j int) { files[i], files[j] = files[j], files[i] })
	files = files[:min(200, len(files))]
	set, err := Load(files, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range set.Pages {
		if countLines(p) == 0 {
			t.Errorf("%s: no request lines", p.File)
		}
	}
}

// measureSample is how many pages of each tree TestCorpusMeasure parses
// under -short: a seeded sample, so that the unit pass stays fast; the
// full pass parses the whole trees.
const measureSample = 1000

// mdTree lists the .md files under dir, sorted.
func mdTree(tb testing.TB, dir string) []string {
	tb.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".md") {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		tb.Fatalf("walk %s: %v", dir, err)
	}
	sort.Strings(out)
	return out
}

// TestCorpusMeasure parses all 2021-07 v1.0 and beta pages (under -short
// a seeded sample of measureSample pages of each) and reports the shares;
// it fails below 99% of API pages with request lines.
func TestCorpusMeasure(t *testing.T) {
	for _, v := range []string{"v1.0", "beta"} {
		dir := corpusTree(t, "graph-docs-2021-07/"+v)
		paths := []string{dir}
		if testing.Short() {
			files := mdTree(t, dir)
			r := rand.New(rand.NewSource(20210716))
			r.Shuffle(len(files), func(i, j int) { files[i], files[j] = files[j], files[i] })
			paths = files[:min(measureSample, len(files))]
		}
		set, err := Load(paths, LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var api, withLines, withStatus, withPerm, withKind, withBody, examples, exJSON, res, resProps, enums int
		var missing []string
		for _, p := range set.Pages {
			switch p.Kind {
			case KindAPI:
				api++
				if countLines(p) > 0 {
					withLines++
				} else {
					missing = append(missing, p.Path)
				}
				if len(p.Response.Statuses) > 0 {
					withStatus++
				}
				if p.Response.Kind != RespUnknown {
					withKind++
				}
				if p.Body.Kind != BodyUnknown {
					withBody++
				}
				if p.Permissions.Found {
					withPerm++
				}
				examples += len(p.Examples)
				for _, ex := range p.Examples {
					if ex.JSON != nil {
						exJSON++
					}
				}
			case KindResource, KindEnum:
				res++
				if p.Resource != nil && (len(p.Resource.Properties) > 0 || len(p.Resource.Enums) > 0) {
					resProps++
				}
				if p.Resource != nil {
					enums += len(p.Resource.Enums)
				}
			}
		}
		pct := func(n, d int) float64 { return 100 * float64(n) / float64(max(d, 1)) }
		t.Logf("%s: %d pages, %d API: request lines %.1f%%, statuses %.1f%%, response kind %.1f%%, body kind %.1f%%, permissions %.1f%%; %d examples (%d JSON bodies)",
			v, len(set.Pages), api, pct(withLines, api), pct(withStatus, api), pct(withKind, api), pct(withBody, api), pct(withPerm, api), examples, exJSON)
		t.Logf("%s: %d resource/enum pages, %.1f%% with properties or members, %d enums; %d diagnostics", v, res, pct(resProps, res), enums, len(set.Diags))
		if len(missing) > 0 {
			t.Logf("%s: API pages without request lines: %v", v, missing[:min(len(missing), 40)])
		}
		if pct(withLines, api) < 99 {
			t.Errorf("%s: only %.2f%% of API pages have request lines", v, pct(withLines, api))
		}
		rules := map[string]int{}
		for _, d := range set.Diags {
			rules[d.Rule]++
		}
		t.Logf("%s: diagnostics by rule: %v", v, rules)
	}
}
