package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/graphdocgen/graphdocgen/pipeline"
)

// TestQueryVariantsCounted: the golden case of query variants has 8
// (three $filter variants and a $expand one of the /me/messages
// operations, one of /users/{userId}/messages, one $id variant, two
// variants of the alert list); the page that documents only variants
// (singlevaluelegacyextendedproperty-get.md) is a page with operations,
// and the text report says how many variants there are.
func TestQueryVariantsCounted(t *testing.T) {
	dir := filepath.Join("..", "golden", "testdata", "query-variants", "docs")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("golden case absent: %v", err)
	}
	res, err := pipeline.Build([]string{dir}, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := Compute(res)
	if r.QueryVariants != 8 {
		t.Errorf("%d query variants, want 8", r.QueryVariants)
	}
	if r.APIPagesWithOperations != r.APIPages || len(r.PagesWithoutOperations) != 0 {
		t.Errorf("API pages %d, with operations %d: %+v", r.APIPages, r.APIPagesWithOperations, r.PagesWithoutOperations)
	}
	var b bytes.Buffer
	if err := r.WriteText(&b, 5); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "query variants     8\n") {
		t.Errorf("text report:\n%s", b.String())
	}
}
