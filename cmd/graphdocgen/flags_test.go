package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFlagsCheckedBeforeWork: a bad flag value is a usage error (exit 2)
// reported before any page is read: the path given does not exist, and
// the error is about the flag, not the path; nothing is written.
func TestFlagsCheckedBeforeWork(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no-such-docs")
	out := filepath.Join(t.TempDir(), "out")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"generate", "-pkg", "a-b", "-o", out, missing}, `-pkg "a-b" is not a Go package name`},
		{[]string{"check", "-pkg", "func", "-o", out, missing}, `-pkg "func" is not a Go package name`},
		{[]string{"generate", "-version", "v2", "-o", out, missing}, `-version "v2": want v1.0 or beta`},
		{[]string{"openapi", "-version", "v2", missing}, `-version "v2": want v1.0 or beta`},
		{[]string{"report", "-version", "v2", missing}, `-version "v2": want v1.0 or beta`},
		{[]string{"report", "-keep", out, missing}, `-keep, -notest and -all-types need -gen`},
		{[]string{"diff", "-version", "v2", missing, missing}, `-version "v2": want v1.0 or beta`},
		{[]string{"lint", "-format", "xml", missing}, `unknown format "xml"`},
		{[]string{"lint", "-metadata", filepath.Join(t.TempDir(), "absent.xml"), missing}, `-metadata: read metadata: open`},
		{[]string{"lint", "-metadata", "flags_test.go", missing}, `-metadata: flags_test.go: parse metadata:`},
	} {
		st, stdout, stderr := runCmd(t, tc.args...)
		if st != exitUsage || stdout != "" || !strings.Contains(stderr, tc.want) || strings.Contains(stderr, "no-such-docs") {
			t.Errorf("%s: status %d, stdout %q, stderr %q; want 2 and %q", strings.Join(tc.args, " "), st, stdout, stderr, tc.want)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s was created: %v", out, err)
	}
}

// TestUsageListsEveryCommand: the top-level usage names every command run
// dispatches, and each command's -h lists its flags.
func TestUsageListsEveryCommand(t *testing.T) {
	_, out, _ := runCmd(t, "-h")
	for _, cmd := range []string{"openapi", "generate", "check", "lint", "diff", "report", "version"} {
		if !strings.Contains(out, "graphdocgen "+cmd) {
			t.Errorf("usage lacks the synopsis of %s", cmd)
		}
		if !strings.Contains(out, "\n  "+cmd+" ") {
			t.Errorf("usage's command list lacks %s", cmd)
		}
	}
	for cmd, flags := range map[string][]string{
		"lint":     {"-strict", "-format", "-disable", "-rules", "-metadata"},
		"generate": {"-all-types", "-pkg", "-openapi", "-strict"},
		"report":   {"-json", "-gen", "-keep", "-notest", "-all-types", "-n", "-diags", "-strict"},
	} {
		st, _, stderr := runCmd(t, cmd, "-h")
		if st != exitOK {
			t.Errorf("%s -h: status %d", cmd, st)
		}
		synopsis, _, _ := strings.Cut(stderr, "\n")
		for _, f := range flags {
			if !strings.Contains(synopsis, f) || !strings.Contains(stderr, "\n  "+f) {
				t.Errorf("%s -h does not show %s:\n%s", cmd, f, stderr)
			}
		}
	}
}

// TestGenerateReportsPruned: generate says on standard error how many
// types it emitted and pruned; -all-types emits every type.
func TestGenerateReportsPruned(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "calendar")
	st, _, stderr := runCmd(t, "generate", "-no-cache", "-o", dir, fixtureDocs)
	if st != exitOK || !strings.Contains(stderr, "graphdocgen: 37 of 42 types emitted, 5 pruned") {
		t.Fatalf("status %d, stderr %q", st, stderr)
	}
	all := filepath.Join(t.TempDir(), "calendar")
	st, _, stderr = runCmd(t, "generate", "-no-cache", "-all-types", "-o", all, fixtureDocs)
	if st != exitOK || !strings.Contains(stderr, "graphdocgen: 42 types (all") {
		t.Fatalf("-all-types: status %d, stderr %q", st, stderr)
	}
	pruned, _ := os.ReadFile(filepath.Join(dir, "models.go"))
	every, _ := os.ReadFile(filepath.Join(all, "models.go"))
	if len(pruned) == 0 || len(every) <= len(pruned) {
		t.Errorf("models.go: %d bytes pruned, %d with -all-types", len(pruned), len(every))
	}
}

// TestMissingIncludeIsAWarning: a permissions include that does not exist
// is a warning whether the page is given by name or in a folder: the run
// writes the client (the operation has no permissions); -strict makes it
// an error and nothing is written.
func TestMissingIncludeIsAWarning(t *testing.T) {
	tree := "../../golden/testdata/bad-missing-include/docs"
	page := filepath.Join(tree, "api", "event-snoozereminder.md")
	for _, in := range []string{page, tree} {
		dir := filepath.Join(t.TempDir(), "graph")
		st, _, stderr := runCmd(t, "generate", "-no-cache", "-o", dir, in)
		if st != exitOK || !strings.Contains(stderr, "event-snoozereminder.md:22:1: warning: permissions include includes/permissions/event-snoozereminder-permissions.md not found; the operation has no permissions [missing-include]") {
			t.Errorf("%s: status %d, stderr %q", in, st, stderr)
		}
		if _, err := os.Stat(filepath.Join(dir, "ops_me.go")); err != nil {
			t.Errorf("%s: no client written: %v", in, err)
		}
		strictDir := filepath.Join(t.TempDir(), "graph")
		st, _, stderr = runCmd(t, "generate", "-no-cache", "-strict", "-o", strictDir, in)
		if st != exitDiags || !strings.Contains(stderr, "error: permissions include") {
			t.Errorf("%s -strict: status %d, stderr %q", in, st, stderr)
		}
		if _, err := os.Stat(strictDir); !os.IsNotExist(err) {
			t.Errorf("%s -strict: %s written", in, strictDir)
		}
	}
}
