// Package linediff writes unified diffs of text files in about linear time.
//
// difflib's SequenceMatcher, which graphdocgen check used, takes minutes
// and gigabytes on two versions of a 10 MB OpenAPI document. This diff is
// anchored on lines that occur once in each side (as patience diff and
// Go's own internal diff are): the longest run of such lines in the same
// order is kept, and the stretches between them are diffed the same way;
// a stretch without such a line is diffed by longest common subsequence
// when small, else replaced whole. The result is always a correct diff,
// not always a minimal one.
package linediff

import (
	"fmt"
	"slices"
	"strings"
)

// maxLCS bounds the table of the longest-common-subsequence step
// (cells); a larger stretch without anchors is replaced whole.
const maxLCS = 1 << 20

type opKind byte

const (
	opEqual opKind = iota
	opDelete
	opInsert
)

// edit is one line of the edit script: a line of a kept (opEqual, with
// its index in b too), deleted, or a line of b inserted. A deletion's b
// is where in b it happens, an insertion's a where in a.
type edit struct {
	kind opKind
	a, b int // line indexes in a and b (the one that applies)
}

// Lines splits s into lines, each with its "\n" (the last one may lack
// it).
func Lines(s string) []string {
	if s == "" {
		return nil
	}
	out := strings.SplitAfter(s, "\n")
	if out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// Unified returns the unified diff from a (named from) to b (named to)
// with context lines around each change, "" when they are equal.
func Unified(from, to string, a, b []string, context int) string {
	es := diff(a, b)
	if !slices.ContainsFunc(es, func(e edit) bool { return e.kind != opEqual }) {
		return ""
	}
	var w strings.Builder
	fmt.Fprintf(&w, "--- %s\n+++ %s\n", from, to)
	for i := 0; i < len(es); {
		// the next change, and its hunk: changes closer than 2*context
		// equal lines share one
		for i < len(es) && es[i].kind == opEqual {
			i++
		}
		if i == len(es) {
			break
		}
		start := max(i-context, 0)
		end := i
		for {
			for end < len(es) && es[end].kind != opEqual {
				end++
			}
			eq := end
			for eq < len(es) && es[eq].kind == opEqual {
				eq++
			}
			if eq == len(es) || eq-end > 2*context {
				end = min(end+context, len(es))
				break
			}
			end = eq
		}
		writeHunk(&w, es[start:end], a, b)
		i = end
	}
	return w.String()
}

func writeHunk(w *strings.Builder, es []edit, a, b []string) {
	// where the hunk starts in a and b, and how many lines of each
	aStart, bStart := -1, -1
	na, nb := 0, 0
	for _, e := range es {
		switch e.kind {
		case opEqual:
			if aStart < 0 {
				aStart = e.a
			}
			if bStart < 0 {
				bStart = e.b
			}
			na++
			nb++
		case opDelete:
			if aStart < 0 {
				aStart = e.a
			}
			na++
		case opInsert:
			if bStart < 0 {
				bStart = e.b
			}
			nb++
		}
	}
	// a side without lines in the hunk: the edits carry where it would
	// be (the number of lines before it)
	if aStart < 0 {
		aStart = es[0].a
	}
	if bStart < 0 {
		bStart = es[0].b
	}
	fmt.Fprintf(w, "@@ -%s +%s @@\n", hunkRange(aStart, na), hunkRange(bStart, nb))
	for _, e := range es {
		switch e.kind {
		case opEqual:
			writeLine(w, ' ', a[e.a])
		case opDelete:
			writeLine(w, '-', a[e.a])
		case opInsert:
			writeLine(w, '+', b[e.b])
		}
	}
}

func hunkRange(start, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", start)
	case 1:
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}

func writeLine(w *strings.Builder, mark byte, line string) {
	w.WriteByte(mark)
	w.WriteString(line)
	if !strings.HasSuffix(line, "\n") {
		w.WriteString("\n\\ No newline at end of file\n")
	}
}

// diff returns the edit script from a to b.
func diff(a, b []string) []edit {
	ids := map[string]int{}
	id := func(ls []string) []int {
		out := make([]int, len(ls))
		for i, l := range ls {
			n, ok := ids[l]
			if !ok {
				n = len(ids)
				ids[l] = n
			}
			out[i] = n
		}
		return out
	}
	d := &differ{a: id(a), b: id(b)}
	d.count = make([]int32, 2*len(ids))
	d.run(0, len(a), 0, len(b))
	return d.out
}

type differ struct {
	a, b  []int
	count []int32 // scratch: occurrences per id in a stretch of a (even) and b (odd)
	out   []edit
}

func (d *differ) equal(ai, bi int) { d.out = append(d.out, edit{opEqual, ai, bi}) }

// run appends the edits from a[a0:a1] to b[b0:b1]; every edit of the lines
// before is appended already.
func (d *differ) run(a0, a1, b0, b1 int) {
	for a0 < a1 && b0 < b1 && d.a[a0] == d.b[b0] {
		d.equal(a0, b0)
		a0++
		b0++
	}
	var tail int
	for a1-tail > a0 && b1-tail > b0 && d.a[a1-tail-1] == d.b[b1-tail-1] {
		tail++
	}
	a1, b1 = a1-tail, b1-tail
	defer func() {
		for i := range tail {
			d.equal(a1+i, b1+i)
		}
	}()
	if a0 == a1 || b0 == b1 {
		d.replace(a0, a1, b0, b1)
		return
	}
	anchors := d.anchors(a0, a1, b0, b1)
	if len(anchors) == 0 {
		if (a1-a0)*(b1-b0) <= maxLCS {
			d.lcs(a0, a1, b0, b1)
		} else {
			d.replace(a0, a1, b0, b1)
		}
		return
	}
	for _, an := range anchors {
		d.run(a0, an[0], b0, an[1])
		d.equal(an[0], an[1])
		a0, b0 = an[0]+1, an[1]+1
	}
	d.run(a0, a1, b0, b1)
}

// replace deletes a[a0:a1] and inserts b[b0:b1].
func (d *differ) replace(a0, a1, b0, b1 int) {
	for i := a0; i < a1; i++ {
		d.out = append(d.out, edit{opDelete, i, b0})
	}
	for j := b0; j < b1; j++ {
		d.out = append(d.out, edit{opInsert, a1, j})
	}
}

// anchors returns the pairs (i, j) of lines that occur once in a[a0:a1]
// and once in b[b0:b1], the longest chain of them increasing in both.
func (d *differ) anchors(a0, a1, b0, b1 int) [][2]int {
	for i := a0; i < a1; i++ {
		d.count[2*d.a[i]]++
	}
	for j := b0; j < b1; j++ {
		d.count[2*d.b[j]+1]++
	}
	pos := map[int]int{} // id -> its index in b, for the unique ones
	for j := b0; j < b1; j++ {
		if x := d.b[j]; d.count[2*x] == 1 && d.count[2*x+1] == 1 {
			pos[x] = j
		}
	}
	var pairs [][2]int
	for i := a0; i < a1; i++ {
		if j, ok := pos[d.a[i]]; ok {
			pairs = append(pairs, [2]int{i, j})
		}
	}
	for i := a0; i < a1; i++ {
		d.count[2*d.a[i]] = 0
	}
	for j := b0; j < b1; j++ {
		d.count[2*d.b[j]+1] = 0
	}
	return longestIncreasing(pairs)
}

// longestIncreasing returns the longest subsequence of pairs (sorted by
// their first index) whose second indexes increase (patience sorting).
func longestIncreasing(pairs [][2]int) [][2]int {
	if len(pairs) == 0 {
		return nil
	}
	tops := []int{}                 // index in pairs of the top of each pile
	prev := make([]int, len(pairs)) // the top of the pile to the left when placed
	for k, p := range pairs {
		n, _ := slices.BinarySearchFunc(tops, p[1], func(t, v int) int { return pairs[t][1] - v })
		if n > 0 {
			prev[k] = tops[n-1]
		} else {
			prev[k] = -1
		}
		if n == len(tops) {
			tops = append(tops, k)
		} else {
			tops[n] = k
		}
	}
	out := make([][2]int, len(tops))
	for k, n := tops[len(tops)-1], len(tops)-1; k >= 0; k, n = prev[k], n-1 {
		out[n] = pairs[k]
	}
	return out
}

// lcs appends the edits of a longest common subsequence of a[a0:a1] and
// b[b0:b1].
func (d *differ) lcs(a0, a1, b0, b1 int) {
	n, m := a1-a0, b1-b0
	// t[i*(m+1)+j]: the LCS length of a[a0+i:a1] and b[b0+j:b1]
	t := make([]int32, (n+1)*(m+1))
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if d.a[a0+i] == d.b[b0+j] {
				t[i*(m+1)+j] = t[(i+1)*(m+1)+j+1] + 1
			} else {
				t[i*(m+1)+j] = max(t[(i+1)*(m+1)+j], t[i*(m+1)+j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case d.a[a0+i] == d.b[b0+j]:
			d.equal(a0+i, b0+j)
			i++
			j++
		case t[(i+1)*(m+1)+j] >= t[i*(m+1)+j+1]:
			d.out = append(d.out, edit{opDelete, a0 + i, b0 + j})
			i++
		default:
			d.out = append(d.out, edit{opInsert, a0 + i, b0 + j})
			j++
		}
	}
	d.replace(a0+i, a1, b0+j, b1)
}
