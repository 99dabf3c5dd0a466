package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/graphdocgen/graphdocgen/internal/cachestore"
)

// The executable's hash is remembered in the cache under its file
// identity: read once while the file stays the same, read again when
// it is rewritten (even to the same size) or replaced by another file
// (even with the same bytes and modification time), and not remembered
// while the file had not settled before it was hashed (fileid.Settled).
func TestToolSumRemembered(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("file identities are read on Linux only")
	}
	origHash, origRacy := hashTool, racy
	t.Cleanup(func() { hashTool, racy = origHash, origRacy })
	reads := 0
	hashTool = func(path string) (string, error) {
		reads++
		return origHash(path)
	}
	racy = 0
	st := cachestore.Open(t.TempDir(), "tool")
	dir := t.TempDir()
	exe := filepath.Join(dir, "graphdocgen")
	write := func(path, data string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(data), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	check := func(what, data string, wantReads int) {
		t.Helper()
		got, err := toolSum(st, exe)
		if err != nil {
			t.Fatal(err)
		}
		want := sha256.Sum256([]byte(data))
		if got != hex.EncodeToString(want[:]) {
			t.Errorf("%s: sum %s, want the hash of %q", what, got, data)
		}
		if reads != wantReads {
			t.Errorf("%s: %d reads of the executable, want %d", what, reads, wantReads)
		}
	}
	write(exe, "build one")
	check("first run", "build one", 1)
	check("same file", "build one", 1)
	check("same file again", "build one", 1)

	time.Sleep(10 * time.Millisecond) // past the file times' clock tick
	write(exe, "build two")           // the same size, in place
	check("rewritten", "build two", 2)
	check("rewritten, again", "build two", 2)

	// another file with the first bytes and times, renamed over it
	fi, err := os.Stat(exe)
	if err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "new")
	write(other, "build one")
	if err := os.Chtimes(other, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(other, exe); err != nil {
		t.Fatal(err)
	}
	check("replaced", "build one", 3)
	check("replaced, again", "build one", 3)

	// a file changed within racy is hashed on every run
	racy = time.Hour
	time.Sleep(10 * time.Millisecond)
	write(exe, "build six")
	check("racy", "build six", 4)
	check("racy, again", "build six", 5)

	// without a store, every run hashes
	got, err := toolSum(nil, exe)
	if err != nil || reads != 6 || got == "" {
		t.Errorf("no store: %q, %v, %d reads", got, err, reads)
	}
}
