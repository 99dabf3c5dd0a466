package fileid

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// TestOf: a regular file has an identity, which a rewrite of the same
// size with its modification time set back still changes (the change
// time); a folder has none.
func TestOf(t *testing.T) {
	if runtime.GOOS != "linux" {
		if _, _, ok := Stat(os.Args[0]); ok {
			t.Fatal("an identity outside Linux")
		}
		t.Skip("identities are read on Linux only")
	}
	dir := t.TempDir()
	f := filepath.Join(dir, "a.md")
	if err := os.WriteFile(f, []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	id, changed, ok := Stat(f)
	if !ok || id == "" || changed.IsZero() {
		t.Fatalf("regular file: %q, %v, %v", id, changed, ok)
	}
	if again, _, _ := Stat(f); again != id {
		t.Errorf("the same file: %q then %q", id, again)
	}
	fi, err := os.Stat(f)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond) // past the file times' clock tick
	if err := os.WriteFile(f, []byte("two"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(f, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	if id2, _, ok := Stat(f); !ok || id2 == id {
		t.Errorf("rewritten with the same size and time: the identity stayed %q", id)
	}
	if _, _, ok := Stat(dir); ok {
		t.Error("a folder has an identity")
	}
	if _, _, ok := Stat(filepath.Join(dir, "none")); ok {
		t.Error("a missing file has an identity")
	}
}

// TestSettled: a file changed more than racy before the read began
// stands for it; one changed later, or at the margin, does not.
func TestSettled(t *testing.T) {
	start := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		changed time.Time
		want    bool
	}{
		{start.Add(-3 * time.Second), true},
		{start.Add(-Racy), false},
		{start.Add(-time.Second), false},
		{start.Add(time.Second), false},
	} {
		if got := Settled(tc.changed, start, Racy); got != tc.want {
			t.Errorf("changed %v before the start: settled %v, want %v", start.Sub(tc.changed), got, tc.want)
		}
	}
}
