package spec

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/parser"
)

// corpusDir returns a folder of the shared corpus, skipping the test when
// the corpus is absent.
func corpusDir(t *testing.T, rel string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "corpus", filepath.FromSlash(rel))
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	return dir
}

func loadCorpus(t *testing.T, rel string) []*parser.Page {
	t.Helper()
	set, err := parser.Load([]string{corpusDir(t, rel)}, parser.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Pages) == 0 {
		t.Fatalf("no pages in %s", rel)
	}
	return set.Pages
}

// countOps counts the operations of a document.
func countOps(doc *openapi3.T) int {
	n := 0
	for _, item := range doc.Paths.Map() {
		n += len(item.Operations())
	}
	return n
}

// checkPages builds pages, requires every API page to give at least one
// operation and the merged document to validate, and logs counts.
func checkPages(t *testing.T, pages []*parser.Page, opts Options) {
	t.Helper()
	var noOps []string
	for _, p := range pages {
		if p.Kind != parser.KindAPI {
			continue
		}
		f, _ := Fragment(p, opts)
		if countOps(f) == 0 {
			noOps = append(noOps, p.Path)
		}
	}
	if len(noOps) > 0 {
		t.Errorf("%d API pages give no operation: %s", len(noOps), strings.Join(noOps, ", "))
	}
	doc, diags := Build(pages, opts)
	for _, d := range diags {
		if d.Severity == parser.Error {
			t.Error(d.String())
		}
	}
	logCounts(t, doc, diags)
}

func logCounts(t *testing.T, doc *openapi3.T, diags parser.Diagnostics) {
	t.Helper()
	stubs := 0
	var unresolved []string
	for _, k := range sortedKeys(doc.Components.Schemas) {
		if isStub(doc.Components.Schemas[k]) {
			stubs++
			unresolved = append(unresolved, strings.TrimPrefix(k, graphPrefix))
		}
	}
	rules := map[string]int{}
	for _, d := range diags {
		rules[d.Rule]++
	}
	var rs []string
	for _, r := range sortedKeys(rules) {
		rs = append(rs, r+"="+itoaTest(rules[r]))
	}
	t.Logf("operations %d, paths %d, schemas %d, stubs %d, diagnostics %d (%s)",
		countOps(doc), doc.Paths.Len(), len(doc.Components.Schemas), stubs, len(diags), strings.Join(rs, " "))
	if len(unresolved) > 40 {
		unresolved = unresolved[:40]
	}
	t.Logf("unresolved types (first 40): %s", strings.Join(unresolved, " "))
}

func itoaTest(n int) string {
	b := []byte{}
	for n >= 10 {
		b = append(b, byte('0'+n%10))
		n /= 10
	}
	b = append(b, byte('0'+n))
	slices.Reverse(b)
	return string(b)
}

func TestCorpusModern(t *testing.T) {
	checkPages(t, loadCorpus(t, "graph-docs-modern/v1.0"), Options{})
}

func TestCorpus2021Sample(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	all := loadCorpus(t, "graph-docs-2021-07/v1.0")
	var api, rest []*parser.Page
	for _, p := range all {
		if strings.HasPrefix(p.Path, "api/") {
			api = append(api, p)
		} else {
			rest = append(rest, p)
		}
	}
	r := rand.New(rand.NewPCG(2021, 7))
	r.Shuffle(len(api), func(i, j int) { api[i], api[j] = api[j], api[i] })
	if len(api) > 200 {
		api = api[:200]
	}
	checkPages(t, append(api, rest...), Options{})
}

func TestCorpus2021Whole(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	pages := loadCorpus(t, "graph-docs-2021-07/v1.0")
	doc, diags := Build(pages, Options{})
	for _, d := range diags {
		if d.Severity == parser.Error {
			t.Error(d.String())
		}
	}
	logCounts(t, doc, diags)
}

// The merged documents of the whole 2021 v1.0 and beta trees and of the
// current-format sample validate as a user's validator sees them: the
// marshaled bytes loaded afresh and checked with kin-openapi's default
// options, examples included.
func TestCorpusDefaultValidation(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	for _, c := range []struct{ rel, version string }{
		{"graph-docs-modern/v1.0", "v1.0"},
		{"graph-docs-2021-07/v1.0", "v1.0"},
		{"graph-docs-2021-07/beta", "beta"},
	} {
		t.Run(c.rel, func(t *testing.T) {
			doc, diags := Build(loadCorpus(t, c.rel), Options{Version: c.version})
			data, err := Marshal(doc, "json")
			if err != nil {
				t.Fatal(err)
			}
			loaded, err := openapi3.NewLoader().LoadFromData(data)
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			if err := loaded.Validate(context.Background()); err != nil {
				t.Errorf("default validation: %v", err)
			}
			n := 0
			for _, d := range diags {
				if d.Rule == RuleExampleSchemaMismatch {
					n++
				}
			}
			t.Logf("%d example bodies do not fit their schema (kept in x-graph-examples)", n)
		})
	}
}
