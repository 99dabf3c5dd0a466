package main

import (
	"bytes"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/graphdocgen/graphdocgen/pipeline"
)

// child returns the command running graphdocgen args in a child process
// (this test binary, see TestMain), with extra environment.
func child(t testing.TB, env []string, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Skip("no executable:", err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(append(os.Environ(), "GRAPHDOCGEN_RUN_MAIN=1"), env...)
	return cmd
}

// files returns the regular files of dir with their contents, leaving out
// the generation marker a killed run may leave behind.
func files(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() == ".graphdocgen-generation" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(data)
	}
	return out
}

// leftoversIn lists the temporary files, staged folders and journals in
// the folders dirs.
func leftoversIn(t *testing.T, dirs ...string) []string {
	t.Helper()
	var out []string
	for _, d := range dirs {
		entries, err := os.ReadDir(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if n := e.Name(); strings.Contains(n, "graphdocgen") || strings.Contains(n, ".tmp") || strings.Contains(n, ".old") {
				out = append(out, filepath.Join(d, n))
			}
		}
	}
	return out
}

// oldDocs is a copy of the fixture docs without two pages: its client is
// a previous generation that differs from the fixtures' in added,
// changed and removed files.
func oldDocs(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "docs")
	if err := os.CopyFS(dst, os.DirFS(fixtureDocs)); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"api/event-delta.md", "api/calendar-getschedule.md", "api/user-post-events.md"} {
		if err := os.Remove(filepath.Join(dst, p)); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// generation is an output folder and OpenAPI file as one run left them.
type generation struct {
	pkg map[string]string
	doc string
}

func readGeneration(t *testing.T, out, doc string) generation {
	t.Helper()
	data, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	return generation{files(t, out), string(data)}
}

func (g generation) equal(h generation) bool { return g.doc == h.doc && maps.Equal(g.pkg, h.pkg) }

// TestGenerateKilled kills generate (SIGKILL, in a child process) at
// every step of its write over a previous output: the folder is then the
// old or the new generation, whole, and builds; the OpenAPI file is the
// old or the new one; the next run finishes or undoes the killed one and
// leaves no temporary file.
func TestGenerateKilled(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("no SIGKILL")
	}
	old := oldDocs(t)
	base := t.TempDir()
	ref := filepath.Join(base, "ref", "calendar")
	refDoc := filepath.Join(base, "ref", "openapi.json")
	if st, _, errOut := runCmd(t, "generate", "-o", ref, "-openapi", refDoc, old); st != 0 {
		t.Fatalf("old generation: %d\n%s", st, errOut)
	}
	oldGen := readGeneration(t, ref, refDoc)
	if st, _, errOut := runCmd(t, "generate", "-o", ref, "-openapi", refDoc, fixtureDocs); st != 0 {
		t.Fatalf("new generation: %d\n%s", st, errOut)
	}
	newGen := readGeneration(t, ref, refDoc)
	if oldGen.equal(newGen) {
		t.Fatal("the two generations are the same")
	}
	// the points of pipeline.Commit, in order: a kill at or after
	// "swapped" leaves the new folder, after "committed" the rerun rolls forward
	points := []string{"staging", "staged", "committed", "swapped", "merged", "doc-renamed", "cleaned"}
	mod := filepath.Join(base, "mod")
	if err := os.MkdirAll(mod, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module killed\n\ngo 1.25\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for i, point := range points {
		root := filepath.Join(base, point)
		out, doc := filepath.Join(root, "calendar"), filepath.Join(root, "openapi.json")
		if st, _, errOut := runCmd(t, "generate", "-o", out, "-openapi", doc, old); st != 0 {
			t.Fatalf("%s: old generation: %d\n%s", point, st, errOut)
		}
		var stderr bytes.Buffer
		cmd := child(t, []string{"GRAPHDOCGEN_CRASH_AT=" + point}, "generate", "-o", out, "-openapi", doc, fixtureDocs)
		cmd.Stderr = &stderr
		err := cmd.Run()
		ee, ok := err.(*exec.ExitError)
		if !ok || ee.ExitCode() != -1 || !strings.Contains(ee.String(), "killed") {
			t.Fatalf("%s: the run was not killed: %v\n%s", point, err, stderr.String())
		}
		got := readGeneration(t, out, doc)
		wantPkg, wantDoc := oldGen.pkg, oldGen.doc
		if i >= 3 {
			wantPkg = newGen.pkg
		}
		if i >= 5 {
			wantDoc = newGen.doc
		}
		if !maps.Equal(got.pkg, wantPkg) {
			t.Errorf("killed at %s: the folder is neither the expected generation (old %v, new %v)", point, maps.Equal(got.pkg, oldGen.pkg), maps.Equal(got.pkg, newGen.pkg))
		}
		if got.doc != wantDoc {
			t.Errorf("killed at %s: the OpenAPI file is not the expected one", point)
		}
		if err := os.CopyFS(filepath.Join(mod, strings.ReplaceAll(point, "-", "")), os.DirFS(out)); err != nil {
			t.Fatal(err)
		}
		// the next run recovers and leaves nothing behind
		st, stdout, errOut := runCmd(t, "generate", "-o", out, "-openapi", doc, fixtureDocs)
		if st != 0 {
			t.Fatalf("%s: rerun: %d\n%s", point, st, errOut)
		}
		// a committed run is rolled forward: nothing is left to write
		if rolledForward := stdout == ""; rolledForward != (i >= 2) {
			t.Errorf("killed at %s: the rerun wrote %q", point, stdout)
		}
		if got := readGeneration(t, out, doc); !got.equal(newGen) {
			t.Errorf("killed at %s: the rerun did not write the new generation", point)
		}
		if l := leftoversIn(t, root, out); len(l) > 0 {
			t.Errorf("killed at %s: the rerun left %v", point, l)
		}
	}
	if testing.Short() {
		return
	}
	build := exec.Command("go", "vet", "./...")
	build.Dir = mod
	if out, err := build.CombinedOutput(); err != nil {
		t.Errorf("a folder left by a killed run does not build: %v\n%s", err, out)
	}
}

// TestGenerateConcurrent runs two generates into one folder at once: one
// waits for the other, both succeed, and the folder is the generation,
// with nothing left behind. A run that cannot get the lock in time says
// so and fails.
func TestGenerateConcurrent(t *testing.T) {
	root := t.TempDir()
	out, doc := filepath.Join(root, "calendar"), filepath.Join(root, "openapi.json")
	if st, _, errOut := runCmd(t, "generate", "-o", out, "-openapi", doc, oldDocs(t)); st != 0 {
		t.Fatalf("old generation: %d\n%s", st, errOut)
	}
	ref := filepath.Join(t.TempDir(), "calendar")
	refDoc := filepath.Join(filepath.Dir(ref), "openapi.json")
	if st, _, errOut := runCmd(t, "generate", "-o", ref, "-openapi", refDoc, fixtureDocs); st != 0 {
		t.Fatalf("reference: %d\n%s", st, errOut)
	}
	want := readGeneration(t, ref, refDoc)

	var wg sync.WaitGroup
	errs := make([]string, 2)
	for i := range 2 {
		wg.Go(func() {
			cmd := child(t, nil, "generate", "-no-cache", "-o", out, "-openapi", doc, fixtureDocs)
			if b, err := cmd.CombinedOutput(); err != nil {
				errs[i] = err.Error() + "\n" + string(b)
			}
		})
	}
	wg.Wait()
	for i, e := range errs {
		if e != "" {
			t.Errorf("run %d: %s", i, e)
		}
	}
	if got := readGeneration(t, out, doc); !got.equal(want) {
		t.Error("after two runs at once the folder is not the generation")
	}
	if l := leftoversIn(t, root, out); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}

	if runtime.GOOS != "linux" {
		return
	}
	unlock, err := pipeline.Lock(out, pipeline.LockOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	before := readGeneration(t, out, doc)
	st, _, errOut := runCmd(t, "generate", "-lock-wait", "300ms", "-o", out, oldDocs(t))
	if st != 2 || !strings.Contains(errOut, "waiting for another run writing") || !strings.Contains(errOut, "another graphdocgen run is writing it") {
		t.Errorf("locked folder: status %d, stderr:\n%s", st, errOut)
	}
	if got := readGeneration(t, out, doc); !got.equal(before) {
		t.Error("a run that did not get the lock changed the folder")
	}
}
