package templates

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// loadDoc loads a testdata document and validates it.
func loadDoc(t testing.TB, name string) *openapi3.T {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	if err := doc.Validate(context.Background(), openapi3.AllowExtraSiblingFields("x-ms-navigationProperty")); err != nil {
		t.Fatalf("validate %s: %v", name, err)
	}
	return doc
}

// writeModule writes files into a new module directory.
func writeModule(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/gen\n\ngo 1.24\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestEndToEnd compiles, vets and runs the package generated from each
// testdata document and its generated tests, with the tests of
// testdata/e2e/<document> added to the package, under the race detector.
// For calendar.yaml: batching through the generated operations; paging
// and delta (the typed @odata.nextLink, @odata.deltaLink and @odata.count
// fields, Pages, a Pager's final deltaLink, rounds resumed from it with
// DeltaPage, deltaLinks and nextLinks off the base URL's origin refused);
// a key that differs from a property in case only kept in
// AdditionalProperties with its spelling and never filling the field. For
// odata.yaml: a value the docs put inside a $filter (in quotes or not), a
// $search phrase or a function's argument list reaches the server as
// exactly one literal equal to the value, whatever it holds, and a path
// with a non-ASCII literal segment keeps the escaping of its IDs. Each
// test of those files must report a pass.
func TestEndToEnd(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go not found")
	}
	if testing.Short() {
		t.Skip("short")
	}
	for _, doc := range []string{"calendar.yaml", "odata.yaml"} {
		t.Run(doc, func(t *testing.T) {
			files, err := Generate(loadDoc(t, doc), Options{Package: "graph"})
			if err != nil {
				t.Fatal(err)
			}
			checkStdlibOnly(t, files)
			// tests of our own, run in the generated package with its own
			extra, err := filepath.Glob(filepath.Join("testdata", "e2e", strings.TrimSuffix(doc, ".yaml"), "*_test.go"))
			if err != nil {
				t.Fatal(err)
			}
			if len(extra) == 0 {
				t.Fatalf("no tests in testdata/e2e for %s", doc)
			}
			var ours []string // the test functions those files declare
			for _, name := range extra {
				b, err := os.ReadFile(name)
				if err != nil {
					t.Fatal(err)
				}
				files[filepath.Base(name)] = b
				f, err := parser.ParseFile(token.NewFileSet(), name, b, 0)
				if err != nil {
					t.Fatal(err)
				}
				for _, d := range f.Decls {
					if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && strings.HasPrefix(fn.Name.Name, "Test") {
						ours = append(ours, fn.Name.Name)
					}
				}
			}
			dir := writeModule(t, files)
			if os.Getenv("TEMPLATES_KEEP") != "" {
				t.Logf("module in %s", dir)
			}
			var out []byte
			for _, args := range [][]string{{"vet", "./..."}, {"test", "-race", "-count=1", "-v", "./..."}} {
				cmd := exec.Command(goBin, args...)
				cmd.Dir = dir
				cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod")
				out, err = cmd.CombinedOutput()
				if err != nil {
					t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
				}
			}
			// each test of testdata/e2e/<document> ran and passed (none skipped or lost)
			for _, name := range ours {
				if !strings.Contains(string(out), "--- PASS: "+name+" ") {
					t.Errorf("%s did not run and pass:\n%s", name, out)
				}
			}
		})
	}
}

// checkStdlibOnly asserts that the generated files import the standard
// library only.
func checkStdlibOnly(t *testing.T, files map[string][]byte) {
	t.Helper()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	fset := token.NewFileSet()
	for _, n := range names {
		f, err := parser.ParseFile(fset, n, files[n], parser.ImportsOnly)
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if first := strings.Split(p, "/")[0]; strings.Contains(first, ".") {
				t.Errorf("%s imports %s, not the standard library", n, p)
			}
		}
	}
}
