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
	hint       int // the index of the line of the last position
}

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
	return &lineTable{name: f.Name(), base: f.Base(), size: f.Size(), lines: f.Lines()}
}

// position is fset.PositionFor(pos, false) for a pos of the table's file.
func (t *lineTable) position(pos token.Pos) (token.Position, bool) {
	off := int(pos) - t.base
	if !pos.IsValid() || off < 0 || off > t.size {
		return token.Position{}, false
	}
	i, j := 0, len(t.lines)
	if h := t.hint; h < j && t.lines[h] <= off {
		if h+1 == j || off < t.lines[h+1] {
			i, j = h+1, h+1
		} else if h+2 == j || off < t.lines[h+2] {
			i, j = h+2, h+2
		}
	}
	for i < j {
		h := int(uint(i+j) >> 1)
		if t.lines[h] <= off {
			i = h + 1
		} else {
			j = h
		}
	}
	ps := token.Position{Filename: t.name, Offset: off}
	if i > 0 {
		t.hint = i - 1
		ps.Line, ps.Column = i, off-t.lines[i-1]+1
	}
	return ps, true
}
