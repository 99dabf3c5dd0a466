package generated

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/graphdocgen/graphdocgen/internal/linediff"
	"github.com/graphdocgen/graphdocgen/pipeline"
)

// TestGeneratedUpToDate regenerates the example client in memory and
// compares it with what is checked in.
func TestGeneratedUpToDate(t *testing.T) {
	res, err := pipeline.Build([]string{"docs"}, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Failed() {
		t.Fatalf("the fixture docs have errors:\n%v", res.Diags)
	}
	for _, d := range res.Diags {
		t.Errorf("the fixture docs should be clean: %s", d)
	}
	files, err := res.GoFiles(pipeline.Options{Package: "calendar"})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := res.OpenAPI("json")
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, want []byte) {
		got, err := os.ReadFile(name)
		if err != nil {
			t.Errorf("%s: %v (run go generate ./generated)", name, err)
			return
		}
		if !bytes.Equal(got, want) {
			d := linediff.Unified(name+" (checked in)", name+" (regenerated)", linediff.Lines(string(got)), linediff.Lines(string(want)), 3)
			t.Errorf("%s is stale (run go generate ./generated):\n%s", name, d)
		}
	}
	check("openapi.json", doc)
	for name, data := range files {
		check(filepath.Join("calendar", name), data)
	}
	changes, err := pipeline.PlanDir("calendar", files)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range changes {
		if c.Op == "remove" {
			t.Errorf("calendar/%s is no longer generated (run go generate ./generated)", c.Name)
		}
	}
	for name := range files {
		if !strings.HasPrefix(string(files[name]), pipeline.GeneratedHeader) {
			t.Errorf("%s does not start with the generated-code header", name)
		}
	}
}
