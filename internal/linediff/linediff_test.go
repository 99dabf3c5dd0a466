package linediff

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// apply applies the unified diff u to a, checking every context and
// deleted line against a, and returns the result.
func apply(t *testing.T, a []string, u string) []string {
	t.Helper()
	if u == "" {
		return a
	}
	lines := Lines(u)
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "--- ") || !strings.HasPrefix(lines[1], "+++ ") {
		t.Fatalf("no header:\n%s", u)
	}
	var out []string
	next := 0 // next line of a not yet copied
	for i := 2; i < len(lines); {
		var as, an, bs, bn int
		h := lines[i]
		if _, err := fmt.Sscanf(h, "@@ -%s +%s @@\n", new(string), new(string)); err != nil {
			t.Fatalf("bad hunk header %q", h)
		}
		f := strings.Fields(h)
		as, an = hunkNums(t, f[1][1:])
		bs, bn = hunkNums(t, f[2][1:])
		start := as - 1
		if an == 0 {
			start = as
		}
		if start < next {
			t.Fatalf("hunk %q overlaps the one before", h)
		}
		out = append(out, a[next:start]...)
		if bn == 0 && len(out) != bs || bn > 0 && len(out) != bs-1 {
			t.Fatalf("hunk %q: b side starts at %d, have %d lines", h, bs, len(out))
		}
		next = start
		i++
		var gotA, gotB int
		for i < len(lines) && !strings.HasPrefix(lines[i], "@@") {
			l := lines[i]
			i++
			body := l[1:]
			if i < len(lines) && lines[i] == "\\ No newline at end of file\n" {
				body = strings.TrimSuffix(body, "\n")
				i++
			}
			switch l[0] {
			case ' ', '-':
				if next >= len(a) || a[next] != body {
					t.Fatalf("hunk %q: line %q is not a's line %d", h, body, next+1)
				}
				next++
				gotA++
				if l[0] == ' ' {
					out = append(out, body)
					gotB++
				}
			case '+':
				out = append(out, body)
				gotB++
			default:
				t.Fatalf("bad line %q", l)
			}
		}
		if gotA != an || gotB != bn {
			t.Fatalf("hunk %q has %d/%d lines", h, gotA, gotB)
		}
	}
	return append(out, a[next:]...)
}

func hunkNums(t *testing.T, s string) (int, int) {
	start, n, ok := strings.Cut(s, ",")
	a, err := strconv.Atoi(start)
	if err != nil {
		t.Fatalf("bad range %q", s)
	}
	if !ok {
		return a, 1
	}
	b, err := strconv.Atoi(n)
	if err != nil {
		t.Fatalf("bad range %q", s)
	}
	return a, b
}

func TestUnifiedExample(t *testing.T) {
	a := Lines("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n")
	b := Lines("a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl")
	want := "--- x\n+++ y\n@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e\n@@ -9,3 +9,4 @@\n i\n j\n k\n+l\n\\ No newline at end of file\n"
	if got := Unified("x", "y", a, b, 3); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := Unified("x", "y", a, a, 3); got != "" {
		t.Errorf("equal files: %q", got)
	}
	if got := Unified("/dev/null", "y", nil, Lines("a\nb\n"), 3); got != "--- /dev/null\n+++ y\n@@ -0,0 +1,2 @@\n+a\n+b\n" {
		t.Errorf("new file: %q", got)
	}
	if got := Unified("x", "/dev/null", Lines("a\n"), nil, 3); got != "--- x\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n" {
		t.Errorf("removed file: %q", got)
	}
}

// TestUnifiedApplies: on random edits of random files (few distinct
// lines, so that anchors are rare and the other steps run too) the diff
// applies to a and gives b, and the changed lines are no more than
// replacing everything.
func TestUnifiedApplies(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 2000 {
		alphabet := 2 + r.IntN(40)
		a := make([]string, r.IntN(60))
		for i := range a {
			a[i] = strconv.Itoa(r.IntN(alphabet)) + "\n"
		}
		b := []string{}
		for i := 0; i < len(a); i++ {
			switch r.IntN(6) {
			case 0: // drop
			case 1:
				b = append(b, "new"+strconv.Itoa(r.IntN(alphabet))+"\n", a[i])
			case 2:
				b = append(b, strconv.Itoa(r.IntN(alphabet))+"\n")
			default:
				b = append(b, a[i])
			}
		}
		if len(b) > 0 && r.IntN(4) == 0 {
			b[len(b)-1] = strings.TrimSuffix(b[len(b)-1], "\n")
		}
		for _, ctx := range []int{0, 1, 3} {
			u := Unified("a", "b", a, b, ctx)
			got := apply(t, a, u)
			if strings.Join(got, "") != strings.Join(b, "") {
				t.Fatalf("case %d context %d: applying\n%s\nto %q gives %q, want %q", n, ctx, u, a, got, b)
			}
			if u == "" && strings.Join(a, "") != strings.Join(b, "") {
				t.Fatalf("case %d: no diff for different files", n)
			}
		}
	}
}

// TestLarge stands for the 10 MB documents check compares: 100,000
// lines with scattered changes and many repeated lines diff in one pass
// (difflib took minutes on such a pair). Not timed: the test would hang.
func TestLarge(t *testing.T) {
	var a, b []string
	for i := range 100_000 {
		l := fmt.Sprintf("  \"line%d\": %d,\n", i, i%7)
		if i%5 == 0 {
			l = "  },\n"
		}
		a = append(a, l)
		switch {
		case i%9973 == 0:
			b = append(b, "  \"changed\": true,\n")
		case i%7919 == 0:
		default:
			b = append(b, l)
		}
	}
	u := Unified("a", "b", a, b, 3)
	if got := apply(t, a, u); strings.Join(got, "") != strings.Join(b, "") {
		t.Fatal("the diff does not give b")
	}
	if n := strings.Count(u, "\n@@ "); n < 15 || n > 60 {
		t.Errorf("%d hunks, want about 23", n)
	}
}
