package spec

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"
)

// ogen is the release the interoperability test runs (see
// /work/.library/env/packages/go-partial.tsv for the versions known).
const (
	ogenModule  = "github.com/ogen-go/ogen@v1.24.0"
	ogenCommand = "github.com/ogen-go/ogen/cmd/ogen"
)

// ogenConfig is ogen's ogen.yml: the client only (feature paths/client),
// and an operation ogen cannot generate is skipped, with an INFO
// "Skipping operation" line saying why, instead of failing the run (its
// documented ignore_not_implemented: ["all"]).
const ogenConfig = `generator:
  features:
    disable_all: true
    enable: ["paths/client"]
  ignore_not_implemented: ["all"]
`

// ogenOurFaults are the reasons ogen gives for skipping that are the
// document's fault, not ogen's limits: two parameters of one operation
// whose names differ in case or punctuation only.
var ogenOurFaults = []string{"too similar parameter name"}

// ogenDefects are ogen v1.24.0's failures on what the document is right
// to say: both come from the OpenAPI 3.0 form of a nullable reference,
// {"allOf": [{"$ref": ...}], "nullable": true}. A nullable reference to an
// object schema without properties (an abstract base type such as
// mobileAppIdentifier) reached from two operations is generated twice
// ("anonymous type name conflict: \"OptMicrosoftGraphMobileAppIdentifier\"");
// a nullable reference inside a cycle of types (drive.root, a driveItem
// reaching drive again) is boxed as a pointer to an Opt type ogen never
// writes ("undefined: OptMicrosoftGraphDriveItem").
var ogenDefects = []string{`anonymous type name conflict: "Opt`, "undefined: Opt"}

// TestOgenAccepts: ogen accepts the document of the current-format sample
// and of the whole July 2021 v1.0 tree: it generates a client from each,
// skipping no operation for a fault of the document, and the client
// compiles. When ogen fails with one of its defects above, the run is
// repeated on a copy in which each nullable reference is the plain
// reference (the only change), which must then generate and compile; the
// log says so. The tool runs in a module of its own under t.TempDir, so
// graphdocgen's go.mod stays as it is. Slow (ogen takes about 1 GiB and
// a minute or more on v1.0; its client is some 40 MB of Go, which the
// compiler takes minutes and some 7 GiB to compile): it runs
// outside -short when GRAPHDOCGEN_INTEROP=1 (make interop); skipped when
// the module proxy cannot be reached or the corpus is absent.
func TestOgenAccepts(t *testing.T) {
	if testing.Short() || os.Getenv("GRAPHDOCGEN_INTEROP") != "1" {
		t.Skip("runs ogen on the current sample's and the whole v1.0 document: GRAPHDOCGEN_INTEROP=1, outside -short (make interop)")
	}
	mod := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Minute)
	defer cancel()
	goCmd := func(dir string, env []string, args ...string) (string, error) {
		cmd := exec.CommandContext(ctx, "go", args...)
		cmd.Dir = dir
		cmd.Env = append(append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off"), env...)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module ogencheck\n\ngo 1.24\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := goCmd(mod, nil, "get", ogenModule); err != nil {
		t.Skipf("module proxy not reachable: %v\n%s", err, tail(out))
	}
	ogen := filepath.Join(mod, "ogen")
	if out, err := goCmd(mod, nil, "build", "-o", ogen, ogenCommand); err != nil {
		t.Fatalf("build ogen: %v\n%s", err, tail(out))
	}
	if err := os.WriteFile(filepath.Join(mod, "ogen.yml"), []byte(ogenConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ pkg, corpus string }{
		{"current", "graph-docs-modern/v1.0"},
		{"v1", "graph-docs-2021-07/v1.0"},
	} {
		t.Run(c.corpus, func(t *testing.T) {
			doc, _ := Build(loadCorpus(t, c.corpus), Options{Version: "v1.0"})
			data, err := Marshal(doc, "json")
			if err != nil {
				t.Fatal(err)
			}
			ops := countOps(doc)
			// attempt generates and compiles; known is the ogen defect
			// it failed with, if that is how it failed.
			attempt := func(data []byte) (known string) {
				t.Helper()
				spec := filepath.Join(mod, c.pkg+".json")
				if err := os.WriteFile(spec, data, 0o644); err != nil {
					t.Fatal(err)
				}
				start := time.Now()
				cmd := exec.CommandContext(ctx, ogen, "-config", filepath.Join(mod, "ogen.yml"), "-color=false",
					"-target", filepath.Join(mod, c.pkg), "-package", c.pkg, "-clean", spec)
				cmd.Env = append(os.Environ(), "GOMAXPROCS=1")
				outb, err := cmd.CombinedOutput()
				out := string(outb)
				if err != nil {
					if d := ogenDefect(out); d != "" {
						t.Logf("ogen fails with its defect %q:\n%s", d, tail(out))
						return d
					}
					t.Fatalf("ogen rejects the document of %s: %v\n%s", c.corpus, err, tail(out))
				}
				genTime := time.Since(start)
				skipped, reasons := ogenSkips(out)
				for _, r := range sortedKeys(reasons) {
					for _, f := range ogenOurFaults {
						if strings.Contains(r, f) {
							t.Errorf("ogen skips %d operations of %s for a fault of the document: %s", reasons[r], c.corpus, r)
						}
					}
				}
				t.Logf("ogen: %d of %d operations generated, %d skipped %v, in %v", ops-skipped, ops, skipped, reasons, genTime.Round(time.Second))
				if out, err := goCmd(mod, nil, "mod", "tidy"); err != nil {
					t.Skipf("module proxy not reachable for the client's dependencies: %v\n%s", err, tail(out))
				}
				start = time.Now()
				if out, err := goCmd(mod, nil, "build", "-p", "1", "./"+c.pkg); err != nil {
					if d := ogenDefect(out); d != "" {
						t.Logf("ogen's client does not compile, its defect %q:\n%s", d, tail(out))
						return d
					}
					t.Fatalf("ogen's client of %s does not compile: %v\n%s", c.corpus, err, tail(out))
				}
				t.Logf("its client compiles in %v (GOMAXPROCS %d)", time.Since(start).Round(time.Second), runtime.GOMAXPROCS(0))
				return ""
			}
			if attempt(data) == "" {
				return
			}
			plain, n, err := plainNullableRefs(data)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("again with the %d nullable references made plain references", n)
			if d := attempt(plain); d != "" {
				t.Fatalf("ogen still fails on %s with the nullable references made plain: %s", c.corpus, d)
			}
		})
	}
}

// ogenDefect is the ogen defect out shows, or "".
func ogenDefect(out string) string {
	for _, d := range ogenDefects {
		if strings.Contains(out, d) {
			return d
		}
	}
	return ""
}

// ogenSkips counts ogen's "Skipping operation" lines and their reasons
// (the reason_error field of the line: ogen's brief message, such as
// "too similar parameter name not implemented").
func ogenSkips(out string) (int, map[string]int) {
	n, reasons := 0, map[string]int{}
	for _, line := range strings.Split(out, "\n") {
		if !strings.Contains(line, "Skipping operation") {
			continue
		}
		n++
		_, fields, ok := strings.Cut(line, "\t{")
		var f struct {
			Reason string `json:"reason_error"`
		}
		if !ok || json.Unmarshal([]byte("{"+fields), &f) != nil {
			reasons["?"]++
			continue
		}
		reasons[f.Reason]++
	}
	return n, reasons
}

// plainNullableRefs is the JSON document data with each
// {"allOf": [{"$ref": R}], "nullable": true, ...} replaced by {"$ref": R},
// and how many were.
func plainNullableRefs(data []byte) ([]byte, int, error) {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, 0, err
	}
	n := 0
	var walk func(x any) any
	walk = func(x any) any {
		switch x := x.(type) {
		case map[string]any:
			if all, ok := x["allOf"].([]any); ok && len(all) == 1 && x["nullable"] == true {
				if r, ok := all[0].(map[string]any); ok && r["$ref"] != nil {
					n++
					return map[string]any{"$ref": r["$ref"]}
				}
			}
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				x[k] = walk(x[k])
			}
			return x
		case []any:
			for i := range x {
				x[i] = walk(x[i])
			}
			return x
		}
		return x
	}
	out, err := json.Marshal(walk(v))
	return out, n, err
}
