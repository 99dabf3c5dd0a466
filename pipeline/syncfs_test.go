package pipeline

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// withSyncFS replaces syncFS for one test.
func withSyncFS(t *testing.T, f func(dir string) error) {
	t.Helper()
	old := syncFS
	syncFS = f
	t.Cleanup(func() { syncFS = old })
}

// TestCommitSyncsBeforeJournal: the staged generation is synced once,
// when every new and changed file and the marker are in the staged
// folder and the journal still says "staged": a journal that says
// "committed" never names bytes that are not on disk.
func TestCommitSyncsBeforeJournal(t *testing.T) {
	dir := previousOutput(t)
	files := nextFiles()
	calls := 0
	withSyncFS(t, func(next string) error {
		calls++
		if next != sibling(dir, newSuffix) {
			t.Errorf("synced %s, want the staged folder", next)
		}
		for name, data := range files {
			if got, err := os.ReadFile(filepath.Join(next, name)); err != nil || string(got) != string(data) {
				t.Errorf("at the sync, staged %s: %q, %v", name, got, err)
			}
		}
		if _, err := os.Stat(filepath.Join(next, markerName)); err != nil {
			t.Errorf("at the sync, no marker: %v", err)
		}
		var j journal
		data, err := os.ReadFile(sibling(dir, journalSuffix))
		if err == nil {
			err = json.Unmarshal(data, &j)
		}
		if err != nil || j.State != "staged" {
			t.Errorf("at the sync, journal %+v, %v: want it staged", j, err)
		}
		return syncFilesystem(next)
	})
	if _, err := Commit(Generation{Dir: dir, Files: files}); err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Errorf("synced %d times, want once", calls)
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("leftovers: %v", l)
	}
}

// TestCommitSyncFallback: without a file system sync (another system, a
// kernel or sandbox refusing syncfs) the files are fsync'd one by one
// and the generation is written; a sync that fails leaves the folder as
// it was.
func TestCommitSyncFallback(t *testing.T) {
	for _, unsupported := range []error{errors.ErrUnsupported, syscall.ENOSYS, &os.PathError{Op: "syncfs", Path: "x", Err: syscall.EPERM}} {
		dir := previousOutput(t)
		withSyncFS(t, func(string) error { return unsupported })
		if _, err := Commit(Generation{Dir: dir, Files: nextFiles()}); err != nil {
			t.Fatalf("%v: %v", unsupported, err)
		}
		for name, data := range nextFiles() {
			if got, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(got) != string(data) {
				t.Errorf("%v: %s: %q, %v", unsupported, name, got, err)
			}
		}
	}
	dir := previousOutput(t)
	before := snapshot(t, dir)
	withSyncFS(t, func(next string) error { return &os.PathError{Op: "syncfs", Path: next, Err: syscall.EIO} })
	if _, err := Commit(Generation{Dir: dir, Files: nextFiles()}); !errors.Is(err, syscall.EIO) {
		t.Fatalf("a failed sync: %v, want EIO", err)
	}
	if after := snapshot(t, dir); len(after) != len(before) {
		t.Errorf("the folder changed after a failed sync: %v", after)
	} else {
		for n, v := range before {
			if after[n] != v {
				t.Errorf("%s changed after a failed sync", n)
			}
		}
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("leftovers: %v", l)
	}
}

// TestSyncStagedFallback: the portable path fsyncs every named file and
// reports one that is missing.
func TestSyncStagedFallback(t *testing.T) {
	withSyncFS(t, func(string) error { return errors.ErrUnsupported })
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.go"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syncStaged(dir, []string{"a.go"}); err != nil {
		t.Errorf("sync: %v", err)
	}
	if err := syncStaged(dir, []string{"a.go", "missing.go"}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("sync of a missing file: %v, want ErrNotExist", err)
	}
}
