package goprinter

import (
	"errors"
	"go/token"
)

// errLineBreak ends the printing of a node whose size is measured, at its
// first line break.
var errLineBreak = errors.New("line break")

// lineTable is the line table of the one file of a file set, read without
// the file's lock.
type lineTable struct {
	name       string
	base, size int
	lines      []int
	// blocks[b] is the number of lines that start at or before offset
	// b<<blockShift (lines are some 40 bytes long: a few steps from there)
	blocks []int32
}

const blockShift = 7

// newLineTable is the table of fset's file, or nil unless fset has one.
func newLineTable(fset *token.FileSet) *lineTable {
	var files []*token.File
	fset.Iterate(func(f *token.File) bool {
		files = append(files, f)
		return len(files) < 2
	})
	if len(files) != 1 {
		return nil
	}
	f := files[0]
	t := &lineTable{name: f.Name(), base: f.Base(), size: f.Size(), lines: f.Lines()}
	t.blocks = make([]int32, t.size>>blockShift+1)
	n := 0
	for b := range t.blocks {
		for n < len(t.lines) && t.lines[n] <= b<<blockShift {
			n++
		}
		t.blocks[b] = int32(n)
	}
	return t
}

// line is fset.PositionFor(pos, false).Line for a pos of the table's file.
func (t *lineTable) line(pos token.Pos) (int, bool) {
	off := int(pos) - t.base
	if !pos.IsValid() || off < 0 || off > t.size {
		return 0, false
	}
	i := int(t.blocks[off>>blockShift])
	for i < len(t.lines) && t.lines[i] <= off {
		i++
	}
	return i, true
}

// position is fset.PositionFor(pos, false) for a pos of the table's file.
func (t *lineTable) position(pos token.Pos) (token.Position, bool) {
	i, ok := t.line(pos)
	if !ok {
		return token.Position{}, false
	}
	off := int(pos) - t.base
	ps := token.Position{Filename: t.name, Offset: off}
	if i > 0 {
		ps.Line, ps.Column = i, off-t.lines[i-1]+1
	}
	return ps, true
}
