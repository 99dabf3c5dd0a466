package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCmd runs the command line in-process and returns its exit status and
// output.
func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	st := run(args, &out, &errb)
	return st, out.String(), errb.String()
}

const fixtureDocs = "../../generated/docs"

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

func TestHelpAndUsage(t *testing.T) {
	st, out, _ := runCmd(t, "--help")
	if st != 0 || !strings.Contains(out, "graphdocgen openapi") || !strings.Contains(out, "Exit status") {
		t.Errorf("--help: status %d, output:\n%s", st, out)
	}
	if st, _, errOut := runCmd(t); st != 2 || !strings.Contains(errOut, "Usage") {
		t.Errorf("no args: status %d, stderr %q", st, errOut)
	}
	if st, _, errOut := runCmd(t, "frobnicate"); st != 2 || !strings.Contains(errOut, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: status %d, stderr %q", st, errOut)
	}
	if st, _, errOut := runCmd(t, "openapi"); st != 2 || !strings.Contains(errOut, "no PATH") {
		t.Errorf("openapi without path: status %d, stderr %q", st, errOut)
	}
	if st, _, errOut := runCmd(t, "generate", fixtureDocs); st != 2 || !strings.Contains(errOut, "-o DIR is required") {
		t.Errorf("generate without -o: status %d, stderr %q", st, errOut)
	}
	if st, _, _ := runCmd(t, "openapi", "-nosuchflag", fixtureDocs); st != 2 {
		t.Errorf("bad flag: status %d, want 2", st)
	}
}

func TestUnreadablePath(t *testing.T) {
	st, out, errOut := runCmd(t, "openapi", filepath.Join(t.TempDir(), "missing.md"))
	if st != 2 || out != "" || !strings.Contains(errOut, "missing.md") || !strings.Contains(errOut, "no such file") {
		t.Errorf("status %d, stdout %q, stderr %q", st, out, errOut)
	}
}

func TestNotADocsPageByName(t *testing.T) {
	dir := t.TempDir()
	page := writeFile(t, filepath.Join(dir, "notes.md"), "# Shopping list\n\n- milk\n- bread\n")
	outFile := filepath.Join(dir, "out.json")
	st, out, errOut := runCmd(t, "openapi", "-o", outFile, page)
	if st != 1 {
		t.Errorf("status %d, want 1; stderr:\n%s", st, errOut)
	}
	if !strings.Contains(errOut, page+":1:1: error:") {
		t.Errorf("want a positioned error for %s, stderr:\n%s", page, errOut)
	}
	if out != "" {
		t.Errorf("stdout should be empty, got %q", out)
	}
	if _, err := os.Stat(outFile); !os.IsNotExist(err) {
		t.Errorf("%s was written despite errors", outFile)
	}
}

func TestUnwritableOutput(t *testing.T) {
	dir := t.TempDir()
	blocker := writeFile(t, filepath.Join(dir, "file"), "x")
	target := filepath.Join(blocker, "out.json") // a path under a regular file
	st, _, errOut := runCmd(t, "openapi", "-o", target, fixtureDocs)
	if st != 2 || !strings.Contains(errOut, "out.json") {
		t.Errorf("status %d, want 2; stderr:\n%s", st, errOut)
	}
	st, _, errOut = runCmd(t, "generate", "-o", filepath.Join(blocker, "pkg"), fixtureDocs)
	if st != 2 || !strings.Contains(errOut, "pkg") {
		t.Errorf("generate: status %d, want 2; stderr:\n%s", st, errOut)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("something was left behind in %s: %v", dir, entries)
	}
}

// operations decodes an OpenAPI JSON document into method+path -> operation.
func operations(t *testing.T, data []byte) map[string]map[string]any {
	t.Helper()
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	ops := map[string]map[string]any{}
	for path, item := range doc.Paths {
		for method, raw := range item {
			var op map[string]any
			if json.Unmarshal(raw, &op) == nil && op["operationId"] != nil {
				ops[strings.ToUpper(method)+" "+path] = op
			}
		}
	}
	return ops
}

// TestSeedPage is the first acceptance check: the nine POST paths
// of event: permanentDelete, each with 204, no body and permissions.
func TestSeedPage(t *testing.T) {
	pages := map[string]string{"fixture": fixtureDocs + "/api/event-permanentdelete.md"}
	if real := "../../../shared/corpus/graph-docs-modern/v1.0/api/event-permanentdelete.md"; fileExists(real) {
		pages["corpus"] = real
	}
	for name, page := range pages {
		t.Run(name, func(t *testing.T) {
			outFile := filepath.Join(t.TempDir(), "out.json")
			st, _, errOut := runCmd(t, "openapi", "-o", outFile, page)
			if st != 0 {
				t.Fatalf("status %d; stderr:\n%s", st, errOut)
			}
			data, err := os.ReadFile(outFile)
			if err != nil {
				t.Fatal(err)
			}
			ops := operations(t, data)
			if len(ops) != 9 {
				t.Fatalf("got %d operations, want 9: %v", len(ops), keys(ops))
			}
			for key, op := range ops {
				if !strings.HasPrefix(key, "POST /") || !strings.HasSuffix(key, "/permanentDelete") {
					t.Errorf("unexpected operation %s", key)
				}
				if op["requestBody"] != nil {
					t.Errorf("%s has a request body", key)
				}
				resp, _ := op["responses"].(map[string]any)
				if _, ok := resp["204"]; !ok {
					t.Errorf("%s has no 204 response: %v", key, resp)
				}
				perms, _ := op["x-graph-permissions"].(map[string]any)
				for _, k := range []string{"delegatedWork", "delegatedPersonal", "application"} {
					// one alternative of one scope
					list, _ := perms[k].([]any)
					if alt, _ := first(list).([]any); len(list) != 1 || len(alt) != 1 || alt[0] != "Calendars.ReadWrite" {
						t.Errorf("%s: x-graph-permissions.%s = %v", key, k, perms[k])
					}
				}
			}
		})
	}
}

func TestOpenAPIYAMLAndStdout(t *testing.T) {
	st, out, errOut := runCmd(t, "openapi", fixtureDocs)
	if st != 0 || !strings.HasPrefix(out, "{") {
		t.Fatalf("status %d, stdout starts %.40q, stderr:\n%s", st, out, errOut)
	}
	y := filepath.Join(t.TempDir(), "doc.yaml")
	if st, _, errOut := runCmd(t, "openapi", "-o", y, fixtureDocs); st != 0 {
		t.Fatalf("yaml: status %d, stderr:\n%s", st, errOut)
	}
	data, _ := os.ReadFile(y)
	if !bytes.Contains(data, []byte("openapi: 3.0.3")) {
		t.Errorf("%s is not the YAML form: %.80q", y, data)
	}
}

func TestGenerateWritesOnlyChanges(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "calendar")
	st, out, errOut := runCmd(t, "generate", "-o", dir, fixtureDocs)
	if st != 0 {
		t.Fatalf("status %d; stderr:\n%s", st, errOut)
	}
	if !strings.Contains(out, "add "+filepath.Join(dir, "client.go")) {
		t.Errorf("first run should add client.go, said:\n%s", out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "client.go"))
	if err != nil || !bytes.Contains(data, []byte("package calendar")) {
		t.Errorf("client.go: %v, package line missing", err)
	}
	// A stale generated file is removed; a file of the user's is kept.
	writeFile(t, filepath.Join(dir, "ops_old.go"), "// Code generated by graphdocgen. DO NOT EDIT.\n\npackage calendar\n")
	writeFile(t, filepath.Join(dir, "mine.go"), "package calendar\n")
	st, out, errOut = runCmd(t, "generate", "-o", dir, fixtureDocs)
	if st != 0 {
		t.Fatalf("second run: status %d; stderr:\n%s", st, errOut)
	}
	if strings.TrimSpace(out) != "remove "+filepath.Join(dir, "ops_old.go") {
		t.Errorf("second run should only remove the stale file, said:\n%s", out)
	}
	if !fileExists(filepath.Join(dir, "mine.go")) {
		t.Error("a file not generated by graphdocgen was removed")
	}
}

func TestStrictTurnsWarningsIntoErrors(t *testing.T) {
	dir := t.TempDir()
	// A tree with one good page and one without its HTTP request block:
	// a warning normally, an error with -strict.
	good, err := os.ReadFile(fixtureDocs + "/api/event-delete.md")
	if err != nil {
		t.Skip("fixture page missing:", err)
	}
	writeFile(t, filepath.Join(dir, "api", "event-delete.md"), string(good))
	writeFile(t, filepath.Join(dir, "api", "broken.md"), "---\ntitle: \"Broken page\"\ndoc_type: apiPageType\n---\n\n# Broken page\n\nNamespace: microsoft.graph\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n")
	st, out, errOut := runCmd(t, "openapi", dir)
	if st != 0 || out == "" || !strings.Contains(errOut, "broken.md") || !strings.Contains(errOut, "warning") {
		t.Errorf("without -strict: status %d, stderr:\n%s", st, errOut)
	}
	st, out, errOut = runCmd(t, "openapi", "-strict", dir)
	if st != 1 || out != "" || !strings.Contains(errOut, "error") {
		t.Errorf("with -strict: status %d, stdout %d bytes, stderr:\n%s", st, len(out), errOut)
	}
	// generate writes nothing, and prints the errors
	pkg := filepath.Join(t.TempDir(), "calendar")
	doc := filepath.Join(t.TempDir(), "openapi.json")
	st, out, errOut = runCmd(t, "generate", "-strict", "-no-cache", "-o", pkg, "-openapi", doc, dir)
	if st != 1 || out != "" || !strings.Contains(errOut, "broken.md") || !strings.Contains(errOut, "error(s), 0 warning(s)") {
		t.Errorf("generate -strict: status %d, stdout %q, stderr:\n%s", st, out, errOut)
	}
	if fileExists(pkg) || fileExists(doc) {
		t.Error("generate -strict wrote output")
	}
}

func fileExists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}

func keys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

func TestCheck(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "calendar")
	doc := filepath.Join(t.TempDir(), "openapi.json")
	if st, _, errOut := runCmd(t, "generate", "-o", dir, "-openapi", doc, fixtureDocs); st != 0 {
		t.Fatalf("generate: status %d\n%s", st, errOut)
	}
	st, out, errOut := runCmd(t, "check", "-o", dir, "-openapi", doc, fixtureDocs)
	if st != 0 || !strings.Contains(out, "up to date") {
		t.Fatalf("fresh output: status %d, stdout:\n%s\nstderr:\n%s", st, out, errOut)
	}

	// Drift: a changed file, a missing file, a stale generated file and a
	// changed document.
	models := filepath.Join(dir, "models.go")
	data, _ := os.ReadFile(models)
	writeFile(t, models, strings.Replace(string(data), "package calendar", "package calendar\n\n// edited by hand", 1))
	os.Remove(filepath.Join(dir, "doc.go"))
	writeFile(t, filepath.Join(dir, "ops_stale.go"), "// Code generated by graphdocgen. DO NOT EDIT.\n\npackage calendar\n")
	docData, _ := os.ReadFile(doc)
	writeFile(t, doc, strings.Replace(string(docData), `"openapi": "3.0.3"`, `"openapi": "3.0.2"`, 1))
	edited := snapshot(t, dir)

	st, out, _ = runCmd(t, "check", "-o", dir, "-openapi", doc, fixtureDocs)
	if st != 1 {
		t.Errorf("drift: status %d, want 1", st)
	}
	for _, want := range []string{
		"-// edited by hand",
		"+++ " + filepath.Join(dir, "doc.go"),
		"--- " + filepath.Join(dir, "ops_stale.go"),
		`+  "openapi": "3.0.3"`,
		"drift: 1 file(s) added, 1 removed, 2 changed",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
	if after := snapshot(t, dir); after != edited {
		t.Error("check wrote to the output folder")
	}

	// The docs cannot be built: 2.
	bad := writeFile(t, filepath.Join(t.TempDir(), "notes.md"), "# Not a page\n")
	if st, _, _ := runCmd(t, "check", "-o", dir, bad); st != 2 {
		t.Errorf("unbuildable docs: status %d, want 2", st)
	}
}

// snapshot returns a folder's file names and contents, to see that
// nothing was written.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range entries {
		data, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		b.WriteString(e.Name())
		b.WriteString("\x00")
		b.Write(data)
		b.WriteString("\x00")
	}
	return b.String()
}

func TestLint(t *testing.T) {
	broken := "../../golden/testdata/tree-with-broken-pages/docs"
	st, out, _ := runCmd(t, "lint", fixtureDocs)
	if st != 0 || out != "" {
		t.Errorf("clean fixture docs: status %d, findings:\n%s", st, out)
	}
	st, out, _ = runCmd(t, "lint", broken)
	if st != 1 {
		t.Errorf("broken tree: status %d, want 1", st)
	}
	for _, want := range []string{
		"event-dismissreminder.md:56:3: error:",
		"[bad-annotation-json]",
		"event-snoozereminder.md:22:1: error:",
		"[missing-include]",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("lint output lacks %q:\n%s", want, out)
		}
	}
	// Disabling the two error rules leaves warnings only: exit 0.
	st, out, _ = runCmd(t, "lint", "-disable", "bad-annotation-json,missing-include", broken)
	if st != 0 || strings.Contains(out, "missing-include") {
		t.Errorf("-disable: status %d, output:\n%s", st, out)
	}
	if st, _, errOut := runCmd(t, "lint", "-disable", "no-such-rule", broken); st != 2 || !strings.Contains(errOut, "no-such-rule") {
		t.Errorf("unknown rule: status %d, stderr %q", st, errOut)
	}
	if st, _, _ := runCmd(t, "lint", "-format", "xml", broken); st != 2 {
		t.Errorf("unknown format: status %d, want 2", st)
	}
	st, out, _ = runCmd(t, "lint", "-format", "sarif", broken)
	var sarif struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []struct {
				RuleID string `json:"ruleId"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &sarif); err != nil || st != 1 {
		t.Fatalf("sarif: status %d, %v:\n%s", st, err, out)
	}
	if sarif.Version != "2.1.0" || len(sarif.Runs) != 1 || len(sarif.Runs[0].Results) != 4 {
		t.Errorf("sarif: version %q, runs %+v", sarif.Version, sarif.Runs)
	}
	st, out, _ = runCmd(t, "lint", "-rules")
	if st != 0 || !strings.Contains(out, "example-url-no-match") {
		t.Errorf("-rules: status %d:\n%s", st, out)
	}
}

// copyTree copies a docs tree into a new temporary folder.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		writeFile(t, filepath.Join(dst, rel), string(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestDiff(t *testing.T) {
	// The same document twice: no change.
	st, out, errOut := runCmd(t, "diff", "-fail-on-breaking", "../../generated/openapi.json", fixtureDocs)
	if st != 0 || !strings.Contains(out, "0 operations added, 0 removed, 0 changed") {
		t.Errorf("same docs: status %d, stdout:\n%s\nstderr:\n%s", st, out, errOut)
	}
	// A newer version of the docs drops the forward action and adds a
	// permission to delete.
	newer := copyTree(t, fixtureDocs)
	os.Remove(filepath.Join(newer, "api", "event-forward.md"))
	st, out, errOut = runCmd(t, "diff", fixtureDocs, newer)
	if st != 0 {
		t.Fatalf("status %d, stderr:\n%s", st, errOut)
	}
	for _, want := range []string{
		"- POST /me/events/{eventId}/forward",
		"page api/event-forward.md removed  BREAKING",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("diff output lacks %q:\n%s", want, out)
		}
	}
	if st, _, errOut := runCmd(t, "diff", "-fail-on-breaking", fixtureDocs, newer); st != 1 || !strings.Contains(errOut, "breaking change") {
		t.Errorf("-fail-on-breaking: status %d, stderr %q", st, errOut)
	}
	st, out, _ = runCmd(t, "diff", "-format", "json", newer, fixtureDocs)
	var rep struct {
		Added    int `json:"added"`
		Breaking int `json:"breaking"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || st != 0 {
		t.Fatalf("json: status %d, %v\n%s", st, err, out)
	}
	if rep.Added == 0 || rep.Breaking != 0 {
		t.Errorf("reverse diff: %+v, want additions and nothing breaking", rep)
	}
	if st, _, _ := runCmd(t, "diff", fixtureDocs); st != 2 {
		t.Errorf("one argument: status %d, want 2", st)
	}
	if st, _, errOut := runCmd(t, "diff", fixtureDocs, filepath.Join(t.TempDir(), "nope.json")); st != 2 || !strings.Contains(errOut, "nope.json") {
		t.Errorf("missing file: status %d, stderr %q", st, errOut)
	}
}

// TestMain keeps the tests' cache out of the user's cache folder.
// With GRAPHDOCGEN_RUN_MAIN=1 the test binary is graphdocgen itself: the
// tests that kill a run start it as a child process that way.
func TestMain(m *testing.M) {
	if os.Getenv("GRAPHDOCGEN_RUN_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	dir, err := os.MkdirTemp("", "graphdocgen-test-cache")
	if err != nil {
		panic(err)
	}
	os.Setenv(cacheEnv, dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func TestCacheFlags(t *testing.T) {
	cacheDir := t.TempDir()
	outs := map[string]string{}
	for _, args := range [][]string{
		{"openapi", "-no-cache", fixtureDocs},
		{"openapi", "-cache", cacheDir, fixtureDocs}, // cold
		{"openapi", "-cache", cacheDir, fixtureDocs}, // warm
	} {
		st, out, errOut := runCmd(t, args...)
		if st != 0 {
			t.Fatalf("%v: status %d\n%s", args, st, errOut)
		}
		outs[strings.Join(args, " ")+string(rune('0'+len(outs)))] = out
	}
	var first string
	for _, out := range outs {
		if first == "" {
			first = out
		} else if out != first {
			t.Fatal("output differs with and without the cache")
		}
	}
	entries, _ := os.ReadDir(cacheDir)
	if len(entries) == 0 {
		t.Error("-cache DIR left the folder empty")
	}
	// -no-cache wins over -cache: nothing is written there.
	unused := t.TempDir()
	if st, _, _ := runCmd(t, "openapi", "-no-cache", "-cache", unused, fixtureDocs); st != 0 {
		t.Fatal("run without the cache failed")
	}
	if entries, _ := os.ReadDir(unused); len(entries) != 0 {
		t.Error("cache written despite -no-cache")
	}
	// How the flags and the environment choose the cache.
	for _, c := range []struct {
		env     string
		flags   common
		wantDir string
		wantOn  bool
	}{
		{env: "", flags: common{}, wantOn: true},
		{env: "/tmp/x", flags: common{}, wantDir: "/tmp/x"},
		{env: "off", flags: common{}},
		{env: "off", flags: common{cacheDir: "/d"}, wantDir: "/d"},
		{env: "/tmp/x", flags: common{cacheDir: "/d"}, wantDir: "/d"},
		{env: "/tmp/x", flags: common{noCache: true, cacheDir: "/d"}},
	} {
		t.Setenv(cacheEnv, c.env)
		o := c.flags.options("")
		if o.CacheDir != c.wantDir || o.Cache != c.wantOn {
			t.Errorf("env %q flags %+v: CacheDir %q Cache %v, want %q %v", c.env, c.flags, o.CacheDir, o.Cache, c.wantDir, c.wantOn)
		}
	}
}

func TestVersion(t *testing.T) {
	st, out, _ := runCmd(t, "version")
	if st != 0 || !strings.HasPrefix(out, "graphdocgen ") || strings.TrimSpace(strings.TrimPrefix(out, "graphdocgen ")) == "" {
		t.Errorf("version: status %d, %q", st, out)
	}
}

// first is the first element of a list, nil when it is empty.
func first(l []any) any {
	if len(l) == 0 {
		return nil
	}
	return l[0]
}
