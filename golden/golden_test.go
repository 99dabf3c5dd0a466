// Package golden holds graphdocgen's golden cases: docs pages written for
// the project, and the OpenAPI document, diagnostics and Go files that
// graphdocgen must make of them.
//
// Each case is a folder testdata/NAME with
//
//	docs/            the input: a docs tree (api/, resources/, includes/)
//	args             optional: the input paths relative to the case, one a
//	                 line (default: docs); name a page to test a page given
//	                 by name
//	diagnostics.txt  expected diagnostics, one a line, then "failed: BOOL"
//	openapi.json     expected OpenAPI document (absent when the run fails)
//	go/*.go.golden   expected Go files (absent when the run fails)
//
// go test ./golden -update rewrites the expected files from what
// graphdocgen makes now; a mismatch prints a unified diff.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/graphdocgen/graphdocgen/internal/linediff"
	"github.com/graphdocgen/graphdocgen/pipeline"
	"github.com/graphdocgen/graphdocgen/templates"
)

var update = flag.Bool("update", false, "rewrite the golden files with the current output")

func caseNames(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		t.Fatal("no golden cases in testdata")
	}
	return names
}

// output is everything a case checks.
type output struct {
	diags   []byte
	openapi []byte
	goFiles map[string][]byte
}

func runCase(t *testing.T, dir string, workers int) output {
	t.Helper()
	args := []string{filepath.Join(dir, "docs")}
	if b, err := os.ReadFile(filepath.Join(dir, "args")); err == nil {
		args = nil
		for _, l := range strings.Split(string(b), "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
				args = append(args, filepath.Join(dir, l))
			}
		}
	}
	res, err := pipeline.Build(args, pipeline.Options{Workers: workers})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	var out output
	var b bytes.Buffer
	for _, d := range res.Diags {
		fmt.Fprintln(&b, filepath.ToSlash(d.String()))
	}
	fmt.Fprintf(&b, "failed: %v\n", res.Failed())
	out.diags = b.Bytes()
	if res.Failed() {
		return out
	}
	if out.openapi, err = res.OpenAPI("json"); err != nil {
		t.Fatalf("openapi: %v", err)
	}
	if out.goFiles, err = res.GoFiles(pipeline.Options{Package: "graph"}); err != nil {
		t.Fatalf("go files: %v", err)
	}
	// The runtime's files are the same for every document and tested in
	// templates/runtime; the cases hold the per-document files only.
	rt, err := templates.RuntimeFiles("graph")
	if err != nil {
		t.Fatal(err)
	}
	for name := range rt {
		if _, ok := out.goFiles[name]; !ok {
			t.Fatalf("the generated package lacks the runtime file %s", name)
		}
		delete(out.goFiles, name)
	}
	return out
}

// defaultRun is the run of a case with the default workers, made once
// and shared by TestGolden (which compares it with the golden files) and
// TestGoldenDeterministic (which compares it with a one-worker run).
// Callers must not change it.
func defaultRun(t *testing.T, dir string) output {
	t.Helper()
	v, _ := defaultRuns.LoadOrStore(dir, &sharedRun{})
	r := v.(*sharedRun)
	r.once.Do(func() {
		r.out = runCase(t, dir, 0) // on failure (t.Fatal) ok stays false
		r.ok = true
	})
	if !r.ok {
		t.Fatalf("%s: the default run failed (see the first test to run it)", dir)
	}
	return r.out
}

type sharedRun struct {
	once sync.Once
	out  output
	ok   bool
}

var defaultRuns sync.Map // case folder -> *sharedRun

func TestGolden(t *testing.T) {
	for _, name := range caseNames(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join("testdata", name)
			out := defaultRun(t, dir)
			compare(t, filepath.Join(dir, "diagnostics.txt"), out.diags)
			compare(t, filepath.Join(dir, "openapi.json"), out.openapi)
			goDir := filepath.Join(dir, "go")
			want := map[string]bool{}
			old, _ := filepath.Glob(filepath.Join(goDir, "*.go.golden"))
			for _, f := range old {
				want[filepath.Base(f)] = true
			}
			for fname, data := range out.goFiles {
				g := fname + ".golden"
				delete(want, g)
				compare(t, filepath.Join(goDir, g), data)
			}
			for g := range want { // expected files that are no longer made
				compare(t, filepath.Join(goDir, g), nil)
			}
		})
	}
}

// compare checks got against the golden file; nil got means the file must
// not exist. With -update it rewrites (or removes) the file instead.
func compare(t *testing.T, file string, got []byte) {
	t.Helper()
	if *update {
		if got == nil {
			if err := os.Remove(file); err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			return
		}
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if os.IsNotExist(err) {
		if got != nil {
			t.Errorf("%s: missing golden file (run go test ./golden -update)", file)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if got == nil {
		t.Errorf("%s: golden file exists but the run no longer produces it (run go test ./golden -update)", file)
		return
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s: output differs from the golden file (run go test ./golden -update to accept):\n%s", file, unifiedDiff(file, want, got))
	}
}

func unifiedDiff(name string, want, got []byte) string {
	return linediff.Unified(name+" (golden)", name+" (now)", linediff.Lines(string(want)), linediff.Lines(string(got)), 3)
}

// TestGoldenGoBuilds builds, vets and tests the Go output of every case
// that has one, as a module of its own.
func TestGoldenGoBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds Go packages; skipped in -short mode")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	for _, name := range caseNames(t) {
		files, _ := filepath.Glob(filepath.Join("testdata", name, "go", "*.go.golden"))
		if len(files) == 0 {
			continue
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			tmp := t.TempDir()
			mod := "module example.com/golden\n\ngo 1.24\n"
			if err := os.WriteFile(filepath.Join(tmp, "go.mod"), []byte(mod), 0o644); err != nil {
				t.Fatal(err)
			}
			rt, err := templates.RuntimeFiles("graph")
			if err != nil {
				t.Fatal(err)
			}
			for name, data := range rt {
				if err := os.WriteFile(filepath.Join(tmp, name), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for _, f := range files {
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				base := strings.TrimSuffix(filepath.Base(f), ".golden")
				if err := os.WriteFile(filepath.Join(tmp, base), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for _, args := range [][]string{{"vet", "./..."}, {"test", "-count=1", "./..."}} {
				cmd := exec.Command(goBin, args...)
				cmd.Dir = tmp
				cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
				}
			}
		})
	}
}

// TestGoldenDeterministic runs every case twice, with the default workers
// (the run TestGolden checks) and with one worker, and requires the same
// bytes.
func TestGoldenDeterministic(t *testing.T) {
	for _, name := range caseNames(t) {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("testdata", name)
			a := defaultRun(t, dir)
			b := runCase(t, dir, 1)
			if !bytes.Equal(a.diags, b.diags) || !bytes.Equal(a.openapi, b.openapi) {
				t.Fatal("two runs gave different output")
			}
			names := slices.Sorted(func(yield func(string) bool) {
				for k := range a.goFiles {
					if !yield(k) {
						return
					}
				}
			})
			if len(a.goFiles) != len(b.goFiles) {
				t.Fatalf("two runs made %d and %d Go files", len(a.goFiles), len(b.goFiles))
			}
			for _, n := range names {
				if !bytes.Equal(a.goFiles[n], b.goFiles[n]) {
					t.Fatalf("%s differs between two runs", n)
				}
			}
		})
	}
}
