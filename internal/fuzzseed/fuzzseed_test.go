package fuzzseed

import (
	"bytes"
	"strings"
	"testing"
)

func TestCut(t *testing.T) {
	page := "---\ntitle: x\ndoc_type: apiPageType\n---\n# x\n\n## HTTP request\n\n" + strings.Repeat("line\n", 2000) + "## Response\n\nok\n"
	seeds := Cut([]byte(page))
	if len(seeds) < 3 {
		t.Fatalf("%d seeds", len(seeds))
	}
	var body []byte
	for _, s := range seeds {
		if len(s) > MaxInput || !bytes.HasPrefix(s, []byte("---\ndoc_type: apiPageType\n---\n")) {
			t.Errorf("seed of %d bytes starting %q", len(s), s[:min(len(s), 40)])
		}
		body = append(body, bytes.TrimPrefix(s, []byte("---\ndoc_type: apiPageType\n---\n"))...)
	}
	if string(body) != page {
		t.Error("the seeds do not add up to the page")
	}
	if n := len(Pages("../../generated/docs")); n < 30 {
		t.Errorf("%d seeds from the fixture docs", n)
	}
}
