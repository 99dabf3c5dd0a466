package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const corpus = "../../../shared/corpus"

// goRun runs the go command in dir and returns its output.
func goRun(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// TestCorpusClientsBuildAndPass generates clients from the real docs (the
// seed page alone, and the whole current-format sample), then vets them and
// runs their generated tests as a module of their own.
func TestCorpusClientsBuildAndPass(t *testing.T) {
	if testing.Short() {
		t.Skip("builds generated packages; skipped in -short mode")
	}
	modern := filepath.Join(corpus, "graph-docs-modern", "v1.0")
	if !fileExists(modern) {
		t.Skip("corpus not present at", corpus)
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	cases := []struct {
		name, input string
		minOps      int
	}{
		{"seed", filepath.Join(modern, "api", "event-permanentdelete.md"), 9},
		{"modern", modern, 80},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			mod := t.TempDir()
			writeFile(t, filepath.Join(mod, "go.mod"), "module example.com/corpus\n\ngo 1.24\n")
			if st, _, errOut := runCmd(t, "generate", "-o", filepath.Join(mod, "graph"), c.input); st != 0 {
				t.Fatalf("generate: status %d\n%s", st, errOut)
			}
			// Only the standard library: the module has no requirements,
			// so any other import fails the build below.
			goRun(t, mod, "vet", "./...")
			cmd := exec.Command("go", "test", "-count=1", "-v", "./...")
			cmd.Dir = mod
			cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
			outb, err := cmd.CombinedOutput()
			out := string(outb)
			// A generated test fails when the result type the docs
			// give cannot take the docs' own example response (the
			// list-children page declares one driveItem and shows a
			// page of them): those are the docs' mismatches, listed;
			// any other failure is ours.
			failed := regexp.MustCompile(`(?m)^--- FAIL: (\S+)`).FindAllStringSubmatch(out, -1)
			for _, f := range failed {
				// -v prints a test's messages between its RUN and FAIL lines
				block := out[:strings.Index(out, f[0])]
				block = block[strings.LastIndex(block, "=== RUN   "+f[1]+"\n"):]
				if !strings.Contains(block, "the result type does not match the docs") && !strings.Contains(block, "is not decoded into a property of") {
					t.Errorf("%s fails for another reason than a docs result type mismatch:\n%s", f[1], block)
				} else {
					t.Logf("docs mismatch: %s", strings.TrimSpace(block))
				}
			}
			if err != nil && len(failed) == 0 {
				t.Fatalf("go test: %v\n%s", err, out)
			}
			passed := regexp.MustCompile(`(?m)^--- PASS: TestOp`).FindAllString(out, -1)
			if len(passed) < c.minOps {
				t.Errorf("%d generated operation tests passed, want at least %d", len(passed), c.minOps)
			}
			if c.name == "seed" {
				n := len(regexp.MustCompile(`(?m)^--- PASS: TestOpPermanentDelete`).FindAllString(out, -1))
				if n != 9 {
					t.Errorf("%d PermanentDelete tests passed, want 9 (one per path)", n)
				}
			}
		})
	}
}

// TestCorpusCheckDrift is issue 5's drift check on the real "docs changed"
// pair: a client generated from the January 2021 docs has drifted from
// the July docs (exit 1, with a diff), one generated from July has not.
func TestCorpusCheckDrift(t *testing.T) {
	if testing.Short() {
		t.Skip("generates two whole-v1.0 clients; skipped in -short mode")
	}
	jan := filepath.Join(corpus, "graph-docs-2021-01", "v1.0")
	jul := filepath.Join(corpus, "graph-docs-2021-07", "v1.0")
	if !fileExists(jan) || !fileExists(jul) {
		t.Skip("corpus not present at", corpus)
	}
	tmp := t.TempDir()
	old, cur := filepath.Join(tmp, "jan", "graph"), filepath.Join(tmp, "jul", "graph")
	for dir, docs := range map[string]string{old: jan, cur: jul} {
		if st, _, errOut := runCmd(t, "generate", "-o", dir, "-openapi", dir+".json", docs); st != 0 {
			t.Fatalf("generate %s: status %d\n%.2000s", docs, st, errOut)
		}
	}
	st, out, errOut := runCmd(t, "check", "-o", old, "-openapi", old+".json", jul)
	if st != 1 {
		t.Fatalf("check against January output: status %d, want 1\n%.2000s", st, errOut)
	}
	for _, want := range []string{"--- " + filepath.Join(old, "ops_"), "+++ " + old + ".json", "graphdocgen check: drift:"} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q", want)
		}
	}
	if st, out, errOut := runCmd(t, "check", "-o", cur, "-openapi", cur+".json", jul); st != 0 {
		t.Errorf("check against July output: status %d, want 0\n%.2000s\n%.2000s", st, out, errOut)
	}
}
