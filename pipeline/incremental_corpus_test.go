package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIncrementalWholeV1 is issue 5's check on the whole v1.0 tree: in a
// copy of it, edit one page; the run with the warm cache parses only that
// page and gives the same bytes as a clean run without cache.
func TestIncrementalWholeV1(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole v1.0 tree three times; skipped in -short mode")
	}
	if _, err := os.Stat(corpusV1); err != nil {
		t.Skip("corpus absent:", corpusV1)
	}
	tree := t.TempDir()
	copyTree(t, corpusV1, tree, func(string) bool { return true })
	cache := t.TempDir()
	opts := Options{CacheDir: cache}

	first := runOnce(t, []string{tree}, opts) // cold: fills the cache

	page := filepath.Join(tree, "api", "event-get.md")
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	// A new path variant: the document and one group's Go files change.
	edited := strings.Replace(string(data), "GET /me/events/{id}\n", "GET /me/events/{id}\nGET /users/{id | userPrincipalName}/calendar/events/{id}/extra\n", 1)
	if edited == string(data) {
		t.Fatal("the edit did not apply: the page changed")
	}
	if err := os.WriteFile(page, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}

	warm := runOnce(t, []string{tree}, opts)
	clean := runOnce(t, []string{tree}, Options{})
	sameOutput(t, "warm cache after one edit vs no cache", clean, warm)
	if warm.stats.PagesParsed != 1 {
		t.Errorf("warm run parsed %d pages, want 1 (the edited one)", warm.stats.PagesParsed)
	}
	// Every other page came back from its entry (bincodec's encoding
	// takes every page of the tree); sameOutput above shows it came back
	// exactly.
	if want := first.stats.PagesParsed - 1; warm.stats.PagesReused != want {
		t.Errorf("warm run reused %d pages, want %d (all but the edited one)", warm.stats.PagesReused, want)
	}
	// The operations and tests of the file groups that hold the page's
	// operations (/me/events, /me/calendar/events, /users/{id}/events, ...:
	// five groups of 10 to 40 operations), doc.go's counts: 11 of the 252
	// files.
	if n := warm.stats.GoFilesFormatted; n == 0 || n > 16 || n >= len(warm.goFiles)/10 {
		t.Errorf("warm run formatted %d of %d Go files, want the few the edit touches", n, len(warm.goFiles))
	}
	if !strings.Contains(string(warm.openapi), "/calendar/events/{eventId}/extra") {
		t.Error("the edited page's new path is not in the document")
	}
}
