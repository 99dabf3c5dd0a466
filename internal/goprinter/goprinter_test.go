package goprinter

import (
	"bytes"
	"go/parser"
	stdprinter "go/printer"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestSameAsGoPrinter: on the Go sources of the toolchain's tree (a few
// packages and go/printer's test files in -short mode, all of src/go and
// src/cmd/compile otherwise), this package prints what go/printer prints,
// in gofmt's configuration and in two others. It is skipped unless the
// toolchain is of Release.
func TestSameAsGoPrinter(t *testing.T) {
	if !Current() {
		t.Skipf("%s is not of %s", runtime.Version(), Release)
	}
	src := filepath.Join(runtime.GOROOT(), "src")
	dirs := []string{"go/printer", "go/ast", "go/format", "fmt"}
	if !testing.Short() {
		dirs = []string{"go", "cmd/compile"}
	}
	configs := []struct {
		ours   Config
		theirs stdprinter.Config
	}{
		{Config{Mode: gofmtMode, Tabwidth: 8}, stdprinter.Config{Mode: stdprinter.Mode(gofmtMode), Tabwidth: 8}},
		{Config{Mode: gofmtMode | FastFuncs, Tabwidth: 8}, stdprinter.Config{Mode: stdprinter.Mode(gofmtMode), Tabwidth: 8}},
		{Config{Tabwidth: 8}, stdprinter.Config{Tabwidth: 8}},
		{Config{Mode: RawFormat}, stdprinter.Config{Mode: stdprinter.RawFormat}},
	}
	n := 0
	for _, dir := range dirs {
		err := filepath.WalkDir(filepath.Join(src, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, ".input") && !strings.HasSuffix(path, ".golden") {
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			fset := token.NewFileSet()
			file, err := parser.ParseFile(fset, path, data, parser.ParseComments|parser.SkipObjectResolution)
			if err != nil {
				return nil // not Go (a test file meant not to parse)
			}
			n++
			for _, c := range configs {
				var want, got bytes.Buffer
				werr := c.theirs.Fprint(&want, fset, file)
				gerr := c.ours.Fprint(&got, fset, file)
				if (werr == nil) != (gerr == nil) || !bytes.Equal(want.Bytes(), got.Bytes()) {
					t.Errorf("%s, mode %v: differs from go/printer (errors %v, %v)", path, c.theirs.Mode, werr, gerr)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n < 50 {
		t.Fatalf("only %d files compared", n)
	}
}

// TestMatches: a release and its point releases match; others do not.
func TestMatches(t *testing.T) {
	for v, want := range map[string]bool{
		Release: true, Release + ".8": true, Release + ".12": true,
		Release + "1.0": false, "go1.25.3": false, "devel go1.27-abc": false, "": false,
	} {
		if got := Matches(v); got != want {
			t.Errorf("Matches(%q) = %v, want %v", v, got, want)
		}
	}
}
