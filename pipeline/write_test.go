package pipeline

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
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

// leftovers lists what a write may leave beside or inside dir: staged
// and old generations, journals, lock and temporary files.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	for _, d := range []string{dir, filepath.Dir(dir)} {
		entries, err := os.ReadDir(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			n := e.Name()
			if strings.Contains(n, "graphdocgen") || strings.Contains(n, ".tmp") || strings.Contains(n, ".old") {
				out = append(out, filepath.Join(d, n))
			}
		}
	}
	return out
}

// TestCommitDocUnwritable: an OpenAPI file that cannot be written stops
// the write before the folder changed.
func TestCommitDocUnwritable(t *testing.T) {
	dir := previousOutput(t)
	before := snapshot(t, dir)
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Commit(Generation{Dir: dir, Files: nextFiles(), Doc: filepath.Join(blocker, "openapi.json"), Data: []byte("{}")})
	if err == nil || !strings.Contains(err.Error(), "openapi.json") {
		t.Fatalf("err = %v, want one naming openapi.json", err)
	}
	if after := snapshot(t, dir); !maps.Equal(before, after) {
		t.Errorf("failed write changed the folder:\nbefore %v\nafter  %v", before, after)
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("leftovers: %v", l)
	}
}

// TestCommitWithDoc: the folder and the OpenAPI file are written
// together; unchanged files keep their inode (they are linked, not
// rewritten); a second identical commit changes nothing.
func TestCommitWithDoc(t *testing.T) {
	dir := previousOutput(t)
	same, err := os.Stat(filepath.Join(dir, "same.go"))
	if err != nil {
		t.Fatal(err)
	}
	doc := filepath.Join(t.TempDir(), "openapi.json")
	g := Generation{Dir: dir, Files: nextFiles(), Doc: doc, Data: []byte("{}\n")}
	changes, err := Commit(g)
	if err != nil || len(changes) != 5 {
		t.Fatalf("changes %v, err %v", changes, err)
	}
	if data, err := os.ReadFile(doc); err != nil || string(data) != "{}\n" {
		t.Errorf("doc %q, %v", data, err)
	}
	after, err := os.Stat(filepath.Join(dir, "same.go"))
	if err != nil || !os.SameFile(same, after) || !after.ModTime().Equal(same.ModTime()) {
		t.Errorf("unchanged same.go was rewritten")
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("leftovers: %v", l)
	}
	if changes, err := Commit(g); err != nil || len(changes) != 0 {
		t.Errorf("second commit: %v, %v", changes, err)
	}
}

// TestCommitDocInsideDir: an OpenAPI file inside the folder (-o .
// -openapi openapi.json), or in a subfolder of it, is written with it.
func TestCommitDocInsideDir(t *testing.T) {
	for _, rel := range []string{"openapi.json", filepath.Join("spec", "openapi.json")} {
		dir := previousOutput(t)
		if err := os.MkdirAll(filepath.Join(dir, "spec"), 0o755); err != nil {
			t.Fatal(err)
		}
		doc := filepath.Join(dir, rel)
		for _, data := range []string{"{}\n", "{\"v\": 2}\n"} {
			if _, err := Commit(Generation{Dir: dir, Files: nextFiles(), Doc: doc, Data: []byte(data)}); err != nil {
				t.Fatal(err)
			}
			if got, err := os.ReadFile(doc); err != nil || string(got) != data {
				t.Errorf("%s: %q, %v; want %q", rel, got, err, data)
			}
		}
		if l := append(leftovers(t, dir), leftovers(t, filepath.Join(dir, "spec"))...); len(l) > 0 {
			t.Errorf("%s: leftovers %v", rel, l)
		}
	}
}

// TestCommitKeepsUserFolders: a folder of the user's inside the output
// folder survives the swap.
func TestCommitKeepsUserFolders(t *testing.T) {
	dir := previousOutput(t)
	if err := os.MkdirAll(filepath.Join(dir, "internal", "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "internal", "x", "x.go"), []byte("package x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteDir(dir, nextFiles()); err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(filepath.Join(dir, "internal", "x", "x.go")); err != nil || string(data) != "package x\n" {
		t.Errorf("user folder lost: %q %v", data, err)
	}
}

// TestRecoverRollsBack: a journal still in the staged state (the run was
// killed while staging) is undone: the folder is the old generation and
// nothing is left behind, including an earlier writer's .tmp/.old files.
func TestRecoverRollsBack(t *testing.T) {
	dir := previousOutput(t)
	before := snapshot(t, dir)
	next := sibling(dir, newSuffix)
	if err := os.Mkdir(next, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(next, "a.go"), []byte("half"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeJournal(dir, journal{State: "staged", ID: "1"}); err != nil {
		t.Fatal(err)
	}
	// what the per-file writer of earlier versions left when killed
	legacy := map[string]string{".a.go.tmp123": GeneratedHeader + "\nnew", ".gone2.go.old456": GeneratedHeader + "\nold"}
	for n, d := range legacy {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(d), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := Recover(dir); err != nil {
		t.Fatal(err)
	}
	want := maps.Clone(before)
	want["gone2.go"] = legacy[".gone2.go.old456"] // an .old file whose file was missing is put back
	if after := snapshot(t, dir); !maps.Equal(want, after) {
		t.Errorf("after recovery:\ngot  %v\nwant %v", after, want)
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("leftovers: %v", l)
	}
}

// TestLockWaitsAndFails: a second Lock waits for the first, says so, and
// fails with ErrLocked when the wait runs out; it succeeds once the
// first is released.
func TestLockWaitsAndFails(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	unlock, err := Lock(out, LockOptions{})
	if err != nil {
		t.Fatal(err)
	}
	waited := ""
	if runtime.GOOS == "linux" {
		_, err = Lock(out, LockOptions{Wait: 200 * time.Millisecond, Waiting: func(f string) { waited = f }})
		if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "another graphdocgen run") {
			t.Errorf("second lock: %v", err)
		}
		if waited == "" {
			t.Error("Waiting was not called")
		}
	}
	unlock()
	unlock2, err := Lock(out, LockOptions{Wait: -1})
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	unlock2()
	if l, _ := filepath.Glob(filepath.Join(dir, ".*")); len(l) > 0 {
		t.Errorf("leftovers: %v", l)
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

// TestCommitDocInDir: an OpenAPI file inside the package folder (the
// go:generate line's -o . -openapi openapi.json) is written with the
// generation and kept by the next one.
func TestCommitDocInDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "graph")
	doc := filepath.Join(dir, "openapi.json")
	files := map[string][]byte{"a.go": []byte("// Code generated by graphdocgen. DO NOT EDIT.\n\npackage graph\n")}
	for i, data := range []string{`{"v":1}`, `{"v":2}`, `{"v":2}`} {
		if _, err := Commit(Generation{Dir: dir, Files: files, Doc: doc, Data: []byte(data)}); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(doc)
		if err != nil || string(got) != data {
			t.Fatalf("run %d: %s = %q, %v; want %q", i, doc, got, err, data)
		}
		if _, err := os.Stat(filepath.Join(dir, "a.go")); err != nil {
			t.Fatalf("run %d: %v", i, err)
		}
	}
}

// TestWriteAll: every file is written, whatever fails beside it; the
// error is that of the first name that failed, and first is called once.
func TestWriteAll(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{}
	var names []string
	for i := range 3 * stageWriters {
		n := fmt.Sprintf("f%02d.go", i)
		names = append(names, n)
		files[n] = []byte("package x // " + n + "\n")
	}
	// folders in the way of two of them
	for _, n := range []string{names[len(names)-1], names[5]} {
		if err := os.Mkdir(filepath.Join(dir, n), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	calls := 0
	err := writeAll(dir, names, files, func() { calls++ })
	if err == nil || err.name != names[5] {
		t.Fatalf("writeAll: %v, want the error of %s", err, names[5])
	}
	if calls != 1 {
		t.Errorf("first called %d times, want 1", calls)
	}
	for _, n := range names {
		if n == names[5] || n == names[len(names)-1] {
			continue
		}
		if data, err := os.ReadFile(filepath.Join(dir, n)); err != nil || string(data) != string(files[n]) {
			t.Errorf("%s: %q, %v", n, data, err)
		}
	}
	if err := writeAll(dir, nil, files, func() { t.Error("first called with no file") }); err != nil {
		t.Errorf("no files: %v", err)
	}
}

// TestPlanDir: each file is compared with what the folder holds, whatever
// its size against the new bytes (the same size and other bytes, shorter,
// longer, empty), on every worker; a folder in a file's place is an
// error, as an unreadable file is.
func TestPlanDir(t *testing.T) {
	dir := t.TempDir()
	old := map[string]string{
		"same.go":     "package x // same\n",
		"samesize.go": "package x // abcd\n",
		"shorter.go":  "package x\n",
		"longer.go":   "package x // a longer file than the new one\n",
		"empty.go":    "",
		"nowempty.go": "package x\n",
	}
	files := map[string][]byte{"added.go": []byte("package x\n")}
	for name, data := range old {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		files[name] = []byte(data)
	}
	files["samesize.go"] = []byte("package x // abce\n")
	files["shorter.go"] = []byte("package x // more\n")
	files["longer.go"] = []byte("package x\n")
	files["nowempty.go"] = []byte{}
	// enough unchanged files for every worker to take some
	for i := range 40 {
		name := fmt.Sprintf("f%02d.go", i)
		data := fmt.Sprintf("package x // %d\n", i)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		files[name] = []byte(data)
	}
	got, err := PlanDir(dir, files)
	if err != nil {
		t.Fatal(err)
	}
	want := []DirChange{
		{"added.go", "add"}, {"longer.go", "update"}, {"nowempty.go", "update"},
		{"samesize.go", "update"}, {"shorter.go", "update"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("changes = %v, want %v", got, want)
	}
	if err := os.Mkdir(filepath.Join(dir, "folder.go"), 0o755); err != nil {
		t.Fatal(err)
	}
	files["folder.go"] = []byte("package x\n")
	if _, err := PlanDir(dir, files); err == nil || !strings.Contains(err.Error(), "folder.go") {
		t.Errorf("a folder in a file's place: err = %v", err)
	}
}
