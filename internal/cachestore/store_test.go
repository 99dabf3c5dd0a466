package cachestore

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A sealed entry reads back; a damaged one (cut, a byte changed, another
// format) is ignored and counted; a missing one is not counted.
func TestStoreReadWrite(t *testing.T) {
	s := Open(t.TempDir(), "pages")
	if s == nil {
		t.Fatal("store did not open")
	}
	name := s.Entry("pages", HashKey("a", "b"))
	s.Write(name, []byte("payload"))
	if got, ok := s.Read(name); !ok || string(got) != "payload" {
		t.Fatalf("read %q %v", got, ok)
	}
	good, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	damaged := [][]byte{
		good[:len(good)-1],
		append(bytes.Clone(good[:len(good)-1]), 'X'),
		append([]byte("graphdocgen-cache-0"), good[len(Format):]...),
		{},
	}
	for i, d := range damaged {
		if err := os.WriteFile(name, d, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, ok := s.Read(name); ok {
			t.Errorf("damage %d: entry read", i)
		}
		if s.Ignored() != i+1 {
			t.Errorf("damage %d: %d ignored", i, s.Ignored())
		}
	}
	if _, ok := s.Read(filepath.Join(s.Dir(), "pages", "no", "such")); ok || s.Ignored() != len(damaged) {
		t.Errorf("missing entry: read %v, %d ignored", ok, s.Ignored())
	}
}

// EncodeStrings round-trips, and every cut of its bytes is an error or
// fewer parts, never wrong bytes.
func TestEncodeStrings(t *testing.T) {
	parts := [][]byte{[]byte("key"), {}, bytes.Repeat([]byte("x"), 300)}
	b := EncodeStrings(parts...)
	got, err := DecodeStrings(b)
	if err != nil || len(got) != len(parts) {
		t.Fatalf("round trip: %d parts, %v", len(got), err)
	}
	for i := range parts {
		if !bytes.Equal(got[i], parts[i]) {
			t.Errorf("part %d: %q", i, got[i])
		}
	}
	for n := range len(b) {
		got, err := DecodeStrings(b[:n])
		if err == nil && len(got) >= len(parts) {
			t.Errorf("cut at %d: %d parts decoded", n, len(got))
		}
	}
	if HashKey("ab", "c") == HashKey("a", "bc") {
		t.Error("HashKey does not separate its parts")
	}
}

// Every single-bit change of an entry, anywhere in it, makes it ignored.
func TestStoreSealFindsBitFlips(t *testing.T) {
	payload := bytes.Repeat([]byte("a page entry\x00\xff"), 40)
	good := Seal(payload)
	if got, ok := Unseal(good); !ok || !bytes.Equal(got, payload) {
		t.Fatal("a sealed entry does not unseal")
	}
	for i := range good {
		for bit := range 8 {
			d := bytes.Clone(good)
			d[i] ^= 1 << bit
			if _, ok := Unseal(d); ok {
				t.Fatalf("byte %d bit %d flipped: entry unsealed", i, bit)
			}
		}
	}
}

// Prune removes the entries of earlier formats' folders once unused for
// MaxAge, and those folders once empty; other folders are not its.
func TestPruneEarlierFormats(t *testing.T) {
	root := t.TempDir()
	s := Open(root, "pages")
	old := time.Now().Add(-MaxAge - time.Hour)
	put := func(name string, mtime time.Time) string {
		t.Helper()
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
		return p
	}
	exists := func(p string) bool {
		_, err := os.Stat(p)
		return err == nil
	}
	stale := put("graphdocgen-cache-2/pages/ab/abcd", old)
	used := put("graphdocgen-cache-2/files/cd/cdef", time.Now())
	stamp := put("graphdocgen-cache-2/pruned", time.Now())
	foreign := put("other/pages/ab/abcd", old)
	s.Prune()
	if exists(stale) || exists(filepath.Dir(stale)) || !exists(used) || !exists(stamp) || !exists(foreign) {
		t.Errorf("first prune: stale %v (folder %v), used %v, stamp %v, foreign %v",
			exists(stale), exists(filepath.Dir(stale)), exists(used), exists(stamp), exists(foreign))
	}
	// a month later: nothing of format 2 was used
	for _, p := range []string{used, stamp, filepath.Join(s.Dir(), "pruned")} {
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	s.Prune()
	if exists(filepath.Join(root, "graphdocgen-cache-2")) || !exists(s.Dir()) || !exists(foreign) {
		t.Errorf("second prune: format 2 folder %v, store %v, foreign %v",
			exists(filepath.Join(root, "graphdocgen-cache-2")), exists(s.Dir()), exists(foreign))
	}
}
