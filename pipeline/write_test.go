package pipeline

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// snapshot returns every file in dir (hidden ones too) with its contents.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		if e.IsDir() {
			out[e.Name()+"/"] = ""
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(data)
	}
	return out
}

// previousOutput writes a folder as a previous run left it: generated
// files, one of which the next run drops, and a file of the user's.
func previousOutput(t *testing.T) string {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"a.go":      GeneratedHeader + "\npackage x // a v1\n",
		"gone.go":   GeneratedHeader + "\npackage x // dropped next run\n",
		"m.go":      GeneratedHeader + "\npackage x // m v1\n",
		"mine.go":   "package x // the user's own\n",
		"same.go":   GeneratedHeader + "\npackage x // unchanged\n",
		"README.md": "notes\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func nextFiles() map[string][]byte {
	return map[string][]byte{
		"a.go":    []byte(GeneratedHeader + "\npackage x // a v2\n"),
		"b.go":    []byte(GeneratedHeader + "\npackage x // b new\n"),
		"m.go":    []byte(GeneratedHeader + "\npackage x // m v2\n"),
		"same.go": []byte(GeneratedHeader + "\npackage x // unchanged\n"),
		"z.go":    []byte(GeneratedHeader + "\npackage x // z new\n"),
	}
}

// TestWriteDirFailsMidway: whichever move fails (a file into place, or a
// replaced or removed file aside), the folder is left exactly as it was,
// with no temporary file behind.
func TestWriteDirFailsMidway(t *testing.T) {
	// Count the moves a successful write makes.
	dir := previousOutput(t)
	moves := 0
	renameFile = func(a, b string) error { moves++; return os.Rename(a, b) }
	t.Cleanup(func() { renameFile = os.Rename })
	changes, err := WriteDir(dir, nextFiles())
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 5 { // a update, b add, gone remove, m update, z add
		t.Fatalf("changes %v", changes)
	}
	if moves < 5 {
		t.Fatalf("%d moves", moves)
	}
	for fail := 1; fail <= moves; fail++ {
		dir := previousOutput(t)
		before := snapshot(t, dir)
		n := 0
		renameFile = func(a, b string) error {
			if n++; n == fail {
				return &os.LinkError{Op: "rename", Old: a, New: b, Err: errors.New("injected failure")}
			}
			return os.Rename(a, b)
		}
		_, err := WriteDir(dir, nextFiles())
		if err == nil || !strings.Contains(err.Error(), "injected failure") {
			t.Errorf("move %d failing: error %v", fail, err)
		}
		if after := snapshot(t, dir); !maps.Equal(before, after) {
			t.Errorf("move %d failing changed the folder:\nbefore %v\nafter  %v", fail, before, after)
		}
	}
}

// TestWriteDirUnwritable: a file that cannot be written (its name is a
// folder in the way) stops the write before anything changed.
func TestWriteDirUnwritable(t *testing.T) {
	dir := previousOutput(t)
	if err := os.Mkdir(filepath.Join(dir, "z.go"), 0o755); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	if _, err := WriteDir(dir, nextFiles()); err == nil {
		t.Fatal("no error with a folder in the way")
	}
	if after := snapshot(t, dir); !maps.Equal(before, after) {
		t.Errorf("failed write changed the folder:\nbefore %v\nafter  %v", before, after)
	}
}

// TestWriteDirSuccess: the folder holds the new files, the user's files,
// and no leftover.
func TestWriteDirSuccess(t *testing.T) {
	dir := previousOutput(t)
	if _, err := WriteDir(dir, nextFiles()); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"mine.go": "package x // the user's own\n", "README.md": "notes\n"}
	for n, d := range nextFiles() {
		want[n] = string(d)
	}
	if got := snapshot(t, dir); !maps.Equal(want, got) {
		t.Errorf("folder after write:\ngot  %v\nwant %v", got, want)
	}
}

// WriteFile must not replace a device or a pipe by renaming over it:
// "openapi -o /dev/null" is a common way to time or check a run.
func TestWriteFileToSpecialFiles(t *testing.T) {
	fi, err := os.Stat(os.DevNull)
	if err != nil || fi.Mode().IsRegular() {
		t.Skip("no device at", os.DevNull)
	}
	if err := WriteFile(os.DevNull, []byte("discarded\n")); err != nil {
		t.Fatal(err)
	}
	after, err := os.Stat(os.DevNull)
	if err != nil || after.Mode() != fi.Mode() {
		t.Fatalf("%s changed: %v -> %v (%v)", os.DevNull, fi.Mode(), after.Mode(), err)
	}
	dir := t.TempDir()
	if err := WriteFile(dir, []byte("x")); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("writing to a folder: err = %v", err)
	}
}
