package cachestore

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func packFiles(t *testing.T, s *Store) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(s.Dir(), "pages", PackDir, "*.pack"))
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// A pack reads back through ReadEntry, entry by entry; a temporary file
// left by an interrupted pack write is no pack; a damaged entry is
// ignored (counted) unless its own file is usable; a damaged index makes
// the whole pack ignored; an old pack is pruned, a used one touched.
func TestPack(t *testing.T) {
	dir := t.TempDir()
	s := Open(dir, "pages")
	keys := []string{HashKey("a"), HashKey("b"), HashKey("c")}
	payloads := [][]byte{[]byte("alpha"), {}, bytes.Repeat([]byte("c"), 1000)}
	if _, ok := s.ReadEntry("pages", keys[0]); ok { // the packs are read now
		t.Fatal("entry read before it was written")
	}
	if err := s.WritePack("pages", keys, payloads); err != nil {
		t.Fatal(err)
	}
	if got, ok := s.ReadEntry("pages", keys[2]); !ok || !bytes.Equal(got, payloads[2]) {
		t.Errorf("the writing store does not read its pack: %v", ok)
	}
	packs := packFiles(t, s)
	if len(packs) != 1 {
		t.Fatalf("%d packs, want 1", len(packs))
	}
	// An interrupted write of another pack.
	if err := os.WriteFile(filepath.Join(filepath.Dir(packs[0]), ".tmp-1234"), []byte(packMagic+"\x10"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := Open(dir, "pages")
	for i, k := range keys {
		if got, ok := r.ReadEntry("pages", k); !ok || !bytes.Equal(got, payloads[i]) {
			t.Errorf("entry %d: %q %v", i, got, ok)
		}
	}
	if _, ok := r.ReadEntry("pages", HashKey("missing")); ok || r.Ignored() != 0 {
		t.Errorf("missing entry read %v, or %d ignored", ok, r.Ignored())
	}

	data, err := os.ReadFile(packs[0])
	if err != nil {
		t.Fatal(err)
	}
	// Damage the last entry (its last byte).
	bad := bytes.Clone(data)
	bad[len(bad)-1] ^= 1
	if err := os.WriteFile(packs[0], bad, 0o644); err != nil {
		t.Fatal(err)
	}
	r = Open(dir, "pages")
	if _, ok := r.ReadEntry("pages", keys[2]); ok || r.Ignored() != 1 {
		t.Errorf("damaged entry read %v, %d ignored, want not read and 1", ok, r.Ignored())
	}
	if got, ok := r.ReadEntry("pages", keys[0]); !ok || string(got) != "alpha" {
		t.Errorf("intact entry beside a damaged one: %q %v", got, ok)
	}
	// The run rewrites the damaged entry as its own file: no longer ignored.
	r.Write(r.Entry("pages", keys[2]), payloads[2])
	r = Open(dir, "pages")
	if got, ok := r.ReadEntry("pages", keys[2]); !ok || !bytes.Equal(got, payloads[2]) || r.Ignored() != 0 {
		t.Errorf("rewritten entry: %v, %d ignored", ok, r.Ignored())
	}
	if err := os.Remove(r.Entry("pages", keys[2])); err != nil {
		t.Fatal(err)
	}
	// Damaged index, a pack cut in its head: the pack is ignored. A pack
	// cut after its index: the entries cut are.
	for i, d := range [][]byte{
		append(append(bytes.Clone(data[:len(packMagic)+20]), 'X'), data[len(packMagic)+21:]...),
		data[:len(packMagic)+4],
		data[:len(data)/2],
	} {
		if err := os.WriteFile(packs[0], d, 0o644); err != nil {
			t.Fatal(err)
		}
		r = Open(dir, "pages")
		if _, ok := r.ReadEntry("pages", keys[2]); ok || r.Ignored() != 1 {
			t.Errorf("damage %d: read %v, %d ignored", i, ok, r.Ignored())
		}
	}

	// Used: touched. Unused for MaxAge: pruned.
	if err := os.WriteFile(packs[0], data, 0o644); err != nil {
		t.Fatal(err)
	}
	dayAgo := time.Now().Add(-24 * time.Hour)
	if err := os.Chtimes(packs[0], dayAgo, dayAgo); err != nil {
		t.Fatal(err)
	}
	r = Open(dir, "pages")
	r.ReadEntry("pages", keys[0])
	if fi, err := os.Stat(packs[0]); err != nil || time.Since(fi.ModTime()) > time.Hour {
		t.Errorf("used pack not touched (%v)", err)
	}
	old := time.Now().Add(-MaxAge - time.Hour)
	if err := os.Chtimes(packs[0], old, old); err != nil {
		t.Fatal(err)
	}
	r.Prune()
	if _, err := os.Stat(packs[0]); !os.IsNotExist(err) {
		t.Errorf("old pack kept (%v)", err)
	}
}

// Two stores writing the same pack at once, and one reading it meanwhile:
// every read gives the entry or nothing, never an error or wrong bytes.
func TestPackConcurrent(t *testing.T) {
	dir := t.TempDir()
	keys := []string{HashKey("a"), HashKey("b")}
	payloads := [][]byte{[]byte("one"), []byte("two")}
	done := make(chan bool)
	for range 2 {
		go func() {
			s := Open(dir, "pages")
			for range 20 {
				if err := s.WritePack("pages", keys, payloads); err != nil {
					t.Error(err)
				}
			}
			done <- true
		}()
	}
	for range 20 {
		s := Open(dir, "pages")
		for i, k := range keys {
			if got, ok := s.ReadEntry("pages", k); ok && !bytes.Equal(got, payloads[i]) {
				t.Errorf("entry %d: %q", i, got)
			}
		}
		if s.Ignored() != 0 {
			t.Errorf("%d ignored while packs are written", s.Ignored())
		}
	}
	<-done
	<-done
}

// An entry file is looked for only in the folders the store listed with
// its packs, or made itself: an entry another store wrote before the
// listing is read, one this store writes after it too; an entry another
// store writes later in a folder that was not there is a miss for this
// store (it recomputes), and the next store reads it.
func TestEntryFolders(t *testing.T) {
	dir := t.TempDir()
	other := Open(dir, "pages")
	keyBefore := HashKey("written before the listing")
	other.Write(other.Entry("pages", keyBefore), []byte("before"))

	s := Open(dir, "pages")
	if got, ok := s.ReadEntry("pages", keyBefore); !ok || string(got) != "before" {
		t.Fatalf("entry written before the listing: %q, %v", got, ok)
	}
	var keyOwn, keyLater string
	for i := 0; keyOwn == "" || keyLater == ""; i++ {
		k := HashKey("key", string(rune('a'+i%26)), string(rune('a'+i/26)))
		if _, err := os.Stat(filepath.Dir(s.Entry("pages", k))); err == nil {
			continue // its folder exists already
		}
		if keyOwn == "" {
			keyOwn = k
		} else if k[:2] != keyOwn[:2] {
			keyLater = k
		}
	}
	s.Write(s.Entry("pages", keyOwn), []byte("own"))
	if got, ok := s.ReadEntry("pages", keyOwn); !ok || string(got) != "own" {
		t.Fatalf("entry this store wrote after the listing: %q, %v", got, ok)
	}
	other.Write(other.Entry("pages", keyLater), []byte("later"))
	if _, ok := s.ReadEntry("pages", keyLater); ok {
		t.Fatal("entry in a folder made after the listing was looked for")
	}
	if got, ok := Open(dir, "pages").ReadEntry("pages", keyLater); !ok || string(got) != "later" {
		t.Fatalf("a new store: %q, %v", got, ok)
	}
	if s.Ignored() != 0 {
		t.Fatalf("%d ignored, want 0", s.Ignored())
	}
}
