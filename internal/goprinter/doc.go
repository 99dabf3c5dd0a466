// Package goprinter is go/printer of Go 1.26 (copied from go1.26.8, under
// Go's license, LICENSE), changed to print large generated files faster
// with the same output. Its changes leave every byte as it was:
//
//   - nodeSize, which measures a list element by printing it to decide
//     the alignment of a multi-line list, stops printing at the element's
//     first line break (an element with one does not fit on a line,
//     whatever follows), and gives the size of a name, a literal or a
//     key: value pair of them without printing it. The size of a node does not depend on where
//     it is measured from (each call site asks with its own constant
//     limit), so the sizes remembered are the same.
//   - The positions of the one file of a file set are read from a copy
//     of its line table, without the file's lock, through an index of
//     the lines that start before each 128 bytes.
//   - With the mode FastFuncs (fast.go), a top-level function of the
//     shapes generated code has (statements of calls, assignments,
//     returns and ifs on one line each, lists on one line or one element
//     a line, the keys of pairs aligned) and without comments inside is
//     written straight as its final text, past the whitespace buffer, the
//     tabwriter and nodeSize, and the rest as before. So is the
//     declaration of one type, a name or a struct of one named field a
//     line (a type and a tag or none) with one-word line comments on
//     lines of their own between the fields (the markers formatSource
//     puts for the doc comments), the fields between them aligned as the
//     tabwriter aligns them.
//
// (Package printer's own documentation gave way to this.)
//
// Only Config.Fprint is used outside (templates' formatSource); Matches
// says whether the running toolchain's go/printer is the one copied,
// TestSameAsGoPrinter holds the two together on the Go tree's sources
// (with and without FastFuncs).
package goprinter

import (
	"runtime"
	"strings"
)

// Release is the Go release go/printer was copied from.
const Release = "go1.26"

// Matches reports whether version, a runtime.Version, is of Release:
// only then is this package's output go/printer's (and gofmt's).
func Matches(version string) bool {
	return version == Release || strings.HasPrefix(version, Release+".")
}

// Current reports whether this package prints as the running toolchain's
// go/printer does.
func Current() bool { return Matches(runtime.Version()) }
