package cachestore

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
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
