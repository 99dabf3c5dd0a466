package apidiff_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/apidiff"
	"github.com/graphdocgen/graphdocgen/parser"
	"github.com/graphdocgen/graphdocgen/spec"
)

func buildCorpus(t *testing.T, rel string) *openapi3.T {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "corpus", filepath.FromSlash(rel))
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	set, err := parser.Load([]string{dir}, parser.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := spec.Build(set.Pages, spec.Options{Version: "v1.0"})
	if doc == nil || doc.Paths == nil || doc.Paths.Len() == 0 {
		t.Fatalf("%s: no operations built", rel)
	}
	return doc
}

// pageOps lists the operations documented by page.
func pageOps(doc *openapi3.T, page string) []string {
	var out []string
	for path, item := range doc.Paths.Map() {
		for method, o := range item.Operations() {
			if o.Extensions["x-graph-page"] == page {
				out = append(out, strings.ToUpper(method)+" "+path)
			}
		}
	}
	return out
}

// TestCorpus compares the January 2021 v1.0 docs with the July 2021 ones.
// api/chat-get-tabs.md exists only in July, api/endpoint-get.md only in
// January.
func TestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two corpus trees")
	}
	old := buildCorpus(t, "graph-docs-2021-01/v1.0")
	new := buildCorpus(t, "graph-docs-2021-07/v1.0")
	r, err := apidiff.Compare(old, new)
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]apidiff.Change{}
	kinds := map[string]int{}
	for _, c := range r.Changes {
		kinds[c.Kind]++
		switch c.Kind {
		case apidiff.KindOperationAdded, apidiff.KindOperationRemoved:
			byKey[c.Kind+" "+c.Method+" "+c.Path] = c
		case apidiff.KindPageAdded, apidiff.KindPageRemoved:
			byKey[c.Kind+" "+c.Page] = c
		}
		if c.Kind == apidiff.KindOperationRemoved && !c.Breaking {
			t.Errorf("removal not breaking: %+v", c)
		}
		if c.Kind == apidiff.KindOperationAdded && c.Breaking {
			t.Errorf("addition breaking: %+v", c)
		}
	}

	added := pageOps(new, "api/chat-get-tabs.md")
	if len(added) == 0 || len(pageOps(old, "api/chat-get-tabs.md")) != 0 {
		t.Fatalf("api/chat-get-tabs.md: %d operations in July, want some, and none in January", len(added))
	}
	for _, k := range added {
		c, ok := byKey[apidiff.KindOperationAdded+" "+k]
		if !ok {
			t.Errorf("%s (api/chat-get-tabs.md) not reported added", k)
		} else if !strings.HasPrefix(c.Source, "api/chat-get-tabs.md:") {
			t.Errorf("%s: source %q", k, c.Source)
		}
	}
	if _, ok := byKey[apidiff.KindPageAdded+" api/chat-get-tabs.md"]; !ok {
		t.Error("api/chat-get-tabs.md not reported as an added page")
	}

	removed := pageOps(old, "api/endpoint-get.md")
	if len(removed) == 0 || len(pageOps(new, "api/endpoint-get.md")) != 0 {
		t.Fatalf("api/endpoint-get.md: %d operations in January, want some, and none in July", len(removed))
	}
	for _, k := range removed {
		c, ok := byKey[apidiff.KindOperationRemoved+" "+k]
		if !ok {
			t.Errorf("%s (api/endpoint-get.md) not reported removed", k)
		} else if !c.Breaking || !strings.HasPrefix(c.Source, "api/endpoint-get.md:") {
			t.Errorf("%s: breaking %v source %q", k, c.Breaking, c.Source)
		}
	}
	if _, ok := byKey[apidiff.KindPageRemoved+" api/endpoint-get.md"]; !ok {
		t.Error("api/endpoint-get.md not reported as a removed page")
	}

	t.Logf("operations: %d added, %d removed, %d changed; %d breaking changes of %d", r.Added, r.Removed, r.Changed, r.Breaking, len(r.Changes))
	t.Logf("by kind: %v", kinds)
}
