package pipeline

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/graphdocgen/graphdocgen/internal/linediff"
)

// FileDiff is one file that differs between what is on disk and what a run
// produces.
type FileDiff struct {
	Path string // the file's path on disk
	Op   string // "add" (missing on disk), "update", or "remove" (no longer generated)
	// Unified is a unified diff from the file on disk to the regenerated
	// one, with three lines of context.
	Unified string
}

// DiffDir compares files with the generated files in dir, the way WriteDir
// would write them, without writing anything.
func DiffDir(dir string, files map[string][]byte) ([]FileDiff, error) {
	changes, err := PlanDir(dir, files)
	if err != nil {
		return nil, err
	}
	var out []FileDiff
	for _, c := range changes {
		name := filepath.Join(dir, c.Name)
		d, err := DiffFile(name, files[c.Name], c.Op != "remove")
		if err != nil {
			return nil, err
		}
		out = append(out, *d)
	}
	return out, nil
}

// DiffFile compares the file name on disk with want (exists says whether
// the file should exist at all). It returns nil when they are the same.
func DiffFile(name string, want []byte, exists bool) (*FileDiff, error) {
	have, err := os.ReadFile(name)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if !exists {
			return nil, nil
		}
		have = nil
	case err != nil:
		return nil, fmt.Errorf("read %s: %w", name, unwrapPathError(err))
	}
	if !exists {
		want = nil
	}
	if err == nil && exists && string(have) == string(want) {
		return nil, nil
	}
	op := "update"
	switch {
	case have == nil && err != nil:
		op = "add"
	case !exists:
		op = "remove"
	}
	from, to := name, name
	if op == "add" {
		from = "/dev/null"
	}
	if op == "remove" {
		to = "/dev/null"
	}
	// linediff, not difflib: difflib took minutes on two versions of a
	// 10 MB document
	u := linediff.Unified(from, to, linediff.Lines(string(have)), linediff.Lines(string(want)), 3)
	return &FileDiff{Path: name, Op: op, Unified: u}, nil
}
