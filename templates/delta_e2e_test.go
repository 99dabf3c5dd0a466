package templates

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDeltaEndToEnd runs testdata/e2e/delta_test.go inside the client
// generated from calendar.yaml, under the race detector: the typed
// @odata.nextLink, @odata.deltaLink and @odata.count fields, Pages, a
// Pager's final deltaLink, rounds resumed from it with DeltaPage, and
// deltaLinks and nextLinks off the base URL's origin refused.
func TestDeltaEndToEnd(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go not found")
	}
	if testing.Short() {
		t.Skip("short")
	}
	files, err := Generate(loadDoc(t, "calendar.yaml"), Options{Package: "graph"})
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join("testdata", "e2e", "delta_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	files["delta_e2e_test.go"] = src
	dir := writeModule(t, files)
	cmd := exec.Command(goBin, "test", "-race", "-count=1", "-run", "TestDelta", "-v", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go test: %v\n%s", err, out)
	}
	for _, name := range []string{"TestDeltaTypedFields", "TestDeltaPagesAndResume", "TestDeltaForeignOrigin"} {
		if !strings.Contains(string(out), "--- PASS: "+name) {
			t.Errorf("%s did not run:\n%s", name, out)
		}
	}
}
