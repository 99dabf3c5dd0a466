package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/graphdocgen/graphdocgen/parser"
)

// hostileTree is a copy of the fixture docs with every kind of hostile
// file a careless repository holds, and the diagnostic each must give.
func hostileTree(t *testing.T) (root string, want []string) {
	t.Helper()
	base := t.TempDir()
	root = filepath.Join(base, "docs")
	if err := os.CopyFS(root, os.DirFS(fixtureDocs)); err != nil {
		t.Fatal(err)
	}
	api := filepath.Join(root, "api")
	perms := filepath.Join(root, "includes", "permissions")
	// a page and an include outside the tree, reached by symlinks
	outside := filepath.Join(base, "outside")
	page, err := os.ReadFile(filepath.Join(api, "event-delete.md"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(outside, "secret.md"), strings.Replace(string(page), "DELETE /me/events/{id}", "DELETE /me/secrets/{id}", 1))
	writeFile(t, filepath.Join(outside, "perms.md"), "| Permission type | Permissions |\n|:--|:--|\n| Application | Secret.Read.All |\n")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(api, "outside.md")))
	must(os.Remove(filepath.Join(perms, "event-decline-permissions.md")))
	must(os.Symlink(filepath.Join(outside, "perms.md"), filepath.Join(perms, "event-decline-permissions.md")))
	// a looping and a dangling page
	must(os.Symlink("loop.md", filepath.Join(api, "loop.md")))
	must(os.Symlink("missing-target.md", filepath.Join(api, "dangling.md")))
	// named pipes as a page and as an include
	must(syscall.Mkfifo(filepath.Join(api, "fifo.md"), 0o644))
	must(os.Remove(filepath.Join(perms, "event-forward-permissions.md")))
	must(syscall.Mkfifo(filepath.Join(perms, "event-forward-permissions.md"), 0o644))
	// an include without front matter saved with a byte-order mark, and
	// a page with one
	inc := filepath.Join(perms, "event-accept-permissions.md")
	data, err := os.ReadFile(inc)
	must(err)
	_, body, _ := strings.Cut(strings.TrimPrefix(string(data), "---\n"), "---\n")
	writeFile(t, inc, "\ufeff"+strings.TrimLeft(body, "\n"))
	data, err = os.ReadFile(filepath.Join(api, "event-get.md"))
	must(err)
	writeFile(t, filepath.Join(api, "event-get.md"), "\ufeff"+string(data))
	// invalid UTF-8 on line 3, column 5
	writeFile(t, filepath.Join(api, "bad-utf8.md"), "---\ntitle: x\nab: \xff\xfe\n---\n# x\n")
	// 40 nested list items, and a page over the size limit
	var deep strings.Builder
	deep.WriteString("# Deep\n\n")
	for i := range 40 {
		deep.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	writeFile(t, filepath.Join(api, "deep.md"), deep.String())
	writeFile(t, filepath.Join(api, "huge.md"), "# Huge\n\n"+strings.Repeat("a", parser.MaxPageSize))
	want = []string{
		filepath.Join(api, "outside.md") + ":1:1: warning: page cannot be read: a symlink out of the docs tree; not followed",
		"api/event-decline.md", "permissions include includes/permissions/event-decline-permissions.md cannot be read: a symlink out of the docs tree; not followed",
		filepath.Join(api, "loop.md") + ":1:1: warning: page cannot be read: a symlink that loops (too many levels of links)",
		filepath.Join(api, "dangling.md") + ":1:1: warning: page cannot be read: no such file or directory",
		filepath.Join(api, "fifo.md") + ":1:1: warning: page cannot be read: not a regular file (a named pipe)",
		"permissions include includes/permissions/event-forward-permissions.md cannot be read: not a regular file (a named pipe)",
		filepath.Join(api, "bad-utf8.md") + ":3:5: warning: page invalid UTF-8 (byte 0xff); skipped [invalid-utf8]",
		filepath.Join(api, "deep.md") + ":42:1: warning: page nests 40 levels deep (lists, quotes or indentation), deeper than the limit of 32; skipped [too-deep]",
		filepath.Join(api, "huge.md") + ":1:1: warning: page cannot be read: larger than the limit of " + strconv.Itoa(parser.MaxPageSize) + " bytes; skipped",
	}
	return root, want
}

// TestHostileTree: every command reads the hostile tree the same way: no
// hang, no exit 2, each hostile file a warning of its own, nothing read
// from outside the tree, and the BOM include's permissions kept.
func TestHostileTree(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("no named pipes")
	}
	root, want := hostileTree(t)
	out := t.TempDir()
	pkg, doc := filepath.Join(out, "graph"), filepath.Join(out, "openapi.json")
	for _, args := range [][]string{
		{"openapi", "-o", doc, root},
		{"generate", "-o", pkg, "-openapi", doc, root},
		{"check", "-o", pkg, "-openapi", doc, root},
		{"lint", root},
		{"report", "-diags", root},
	} {
		st, stdout, stderr := runCmd(t, args...)
		// lint finds the two broken includes errors in the docs (1)
		if st != 0 && !(args[0] == "lint" && st == 1) {
			t.Errorf("%s: status %d\n%s%s", args[0], st, stdout, stderr)
		}
		all := stdout + stderr
		for _, w := range want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: no %q in the output:\n%s", args[0], w, all)
			}
		}
		if strings.Contains(all, "Secret") || strings.Contains(all, "secrets") {
			t.Errorf("%s read a file outside the tree:\n%s", args[0], all)
		}
		if strings.Contains(all, "event-accept-permissions") || strings.Contains(all, "event-get.md") {
			t.Errorf("%s: a BOM made a difference:\n%s", args[0], all)
		}
	}
	data, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	ops := operations(t, data)
	if ops["POST /me/events/{eventId}/accept"]["x-graph-permissions"] == nil {
		t.Error("the permissions of the include with a BOM were lost")
	}
	if ops["GET /me/events/{eventId}"] == nil {
		t.Error("the page with a BOM was lost")
	}
	if bytes.Contains(data, []byte("Secret")) || bytes.Contains(data, []byte("\ufffd")) {
		t.Error("the document holds what it should not")
	}
}

// TestHostilePageByName: a page named on its own that is a pipe is a read
// error (2) without hanging; one with invalid UTF-8 or too deep is a
// positioned error (1) in every command.
func TestHostilePageByName(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("no named pipes")
	}
	root, _ := hostileTree(t)
	api := filepath.Join(root, "api")
	out := t.TempDir()
	for _, c := range []struct {
		page   string
		status int
		want   string
	}{
		{"fifo.md", 2, "fifo.md: not a regular file (a named pipe)"},
		{"bad-utf8.md", 1, "bad-utf8.md:3:5: error: page invalid UTF-8 (byte 0xff); skipped [invalid-utf8]"},
		{"deep.md", 1, "deep.md:42:1: error: page nests 40 levels deep"},
		{"huge.md", 1, "huge.md:1:1: error: page cannot be read: larger than the limit"},
	} {
		page := filepath.Join(api, c.page)
		for _, args := range [][]string{
			{"openapi", page},
			{"generate", "-o", filepath.Join(out, "g"), page},
			{"check", "-o", filepath.Join(out, "g"), page},
			{"lint", page},
		} {
			st, stdout, stderr := runCmd(t, args...)
			if (st != c.status && !(args[0] == "check" && c.status == 1 && st == 2)) || !strings.Contains(stdout+stderr, c.want) {
				t.Errorf("%s %s: status %d, want %d and %q:\n%s%s", args[0], c.page, st, c.status, c.want, stdout, stderr)
			}
		}
	}
}
