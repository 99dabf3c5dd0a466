package report

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/graphdocgen/graphdocgen/pipeline"
)

// The corpus tests read ../shared/corpus (relative to the repository
// root) and skip when it is absent.
//
//   - TestCorpusModern runs always (35 pages, well under a second).
//   - TestCorpusCoverage runs the whole 2021-07 v1.0 and beta trees and
//     asserts the coverage the project promises: >= 99% of API pages give
//     an operation and each other one has a positioned reason; >= 98% of
//     operations have a documented status and >= 98% of named response
//     types resolve; the merged document validates; the README's coverage
//     table quotes today's page, operation, path and variant counts. It
//     takes about 15 s;
//     it is skipped under -short, and under -race it runs on a seeded
//     sample of 150 API pages of v1.0 instead (the detector makes the
//     whole trees take minutes).
//   - TestCorpusScale generates the whole-v1.0 client and runs go build,
//     go vet and go test on it. It takes minutes and a few GB, so it runs
//     only when GRAPHDOCGEN_SCALE=1 (make scale).

func corpus(t testing.TB, rel string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "corpus", filepath.FromSlash(rel))
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus absent: %v", err)
	}
	return dir
}

// checkCoverage asserts the promised figures on r.
func checkCoverage(t *testing.T, name string, r *Report, minTypes float64) {
	t.Helper()
	t.Logf("%s: %d pages, %d API (%.2f%% with operations), %d operations on %d paths, status %.2f%%, types %.2f%% of %d, examples %d/%d match, %d stubs",
		name, r.Pages, r.APIPages, r.PageCoverage(), r.Operations, r.Paths, r.StatusCoverage(), r.TypeCoverage(), r.TypedResponses,
		r.ExamplesChecked-len(r.BadExamples), r.ExamplesChecked, r.Stubs)
	if r.APIPages == 0 || r.Operations == 0 {
		t.Fatalf("%s: nothing measured", name)
	}
	if !r.Valid {
		t.Errorf("%s: the merged document does not validate: %s", name, r.ValidationError)
	}
	if c := r.PageCoverage(); c < 99 {
		t.Errorf("%s: %.2f%% of API pages give an operation, want >= 99%%", name, c)
	}
	for _, p := range r.PagesWithoutOperations {
		if p.Reason == "" || !strings.Contains(p.Pos, ":") {
			t.Errorf("%s: page %s has no positioned reason: %+v", name, p.Page, p)
		}
	}
	if c := r.StatusCoverage(); c < 98 {
		t.Errorf("%s: %.2f%% of operations have a documented status, want >= 98%%", name, c)
	}
	if c := r.TypeCoverage(); c < minTypes {
		t.Errorf("%s: %.2f%% of named response types resolve, want >= %.0f%%", name, c, minTypes)
	}
}

func build(t *testing.T, paths ...string) *pipeline.Result {
	t.Helper()
	res, err := pipeline.Build(paths, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Doc == nil {
		t.Fatalf("no document: %v", res.Diags)
	}
	return res
}

// TestCorpusModern: the current-format sample. Its resource pages are a
// handful, so response types of other pages are stubs by design: only the
// page, status and validity figures are asserted.
func TestCorpusModern(t *testing.T) {
	r := Compute(build(t, corpus(t, "graph-docs-modern/v1.0")))
	checkCoverage(t, "modern", r, 0)
}

func TestCorpusCoverage(t *testing.T) {
	if testing.Short() {
		t.Skip("whole corpus trees: skipped under -short")
	}
	if raceEnabled {
		dir := corpus(t, "graph-docs-2021-07/v1.0")
		api, err := filepath.Glob(filepath.Join(dir, "api", "*.md"))
		if err != nil || len(api) == 0 {
			t.Fatalf("no API pages: %v", err)
		}
		slices.Sort(api)
		rand.New(rand.NewPCG(2021, 7)).Shuffle(len(api), func(i, j int) { api[i], api[j] = api[j], api[i] })
		// Every resource page, so the sample's types resolve.
		res, err := filepath.Glob(filepath.Join(dir, "resources", "*.md"))
		if err != nil || len(res) == 0 {
			t.Fatalf("no resource pages: %v", err)
		}
		r := Compute(build(t, append(api[:150], res...)...))
		checkCoverage(t, "v1.0 sample (race)", r, 98)
		return
	}
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var row [3][2]string // the README's coverage rows: v1.0 and beta columns
	for i, v := range []string{"v1.0", "beta"} {
		t.Run(v, func(t *testing.T) {
			r := Compute(build(t, corpus(t, "graph-docs-2021-07/"+v)))
			checkCoverage(t, v, r, 98)
			row[0][i] = thousands(r.APIPagesWithOperations) + " of " + thousands(r.APIPages)
			row[1][i] = thousands(r.Operations) + " / " + thousands(r.Paths)
			row[2][i] = thousands(r.QueryVariants)
		})
	}
	// the README's table "On the real docs: coverage and scale" quotes
	// these figures: it must say what the docs give today
	for i, label := range []string{"API pages with at least one operation", "operations / OpenAPI paths", "query variants (methods of their own)"} {
		for j, v := range []string{"v1.0", "beta"} {
			if row[i][j] == "" {
				continue // that subtest failed or was skipped
			}
			if want := "| " + row[i][j]; !strings.Contains(readmeRow(readme, label, j), want) {
				t.Errorf("README row %q, %s: want %q, it says %q", label, v, row[i][j], readmeRow(readme, label, j))
			}
		}
	}
}

// readmeRow is cell col (0 for the first figure) of the README table row
// that starts with label, with its leading "| ".
func readmeRow(readme []byte, label string, col int) string {
	for _, line := range strings.Split(string(readme), "\n") {
		if rest, ok := strings.CutPrefix(line, "| "+label+" "); ok {
			cells := strings.Split(rest, "|")
			if col+1 < len(cells) {
				return "| " + strings.TrimSpace(cells[col+1])
			}
		}
	}
	return ""
}

// thousands writes n with commas between groups of three digits, as the
// README does.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// TestCorpusScale: the whole-v1.0 client compiles, vets and its generated
// tests pass. GRAPHDOCGEN_SCALE=1 turns it on.
func TestCorpusScale(t *testing.T) {
	if os.Getenv("GRAPHDOCGEN_SCALE") != "1" {
		t.Skip("set GRAPHDOCGEN_SCALE=1 to build, vet and test the whole-v1.0 client (minutes)")
	}
	res := build(t, corpus(t, "graph-docs-2021-07/v1.0"))
	ctx, cancel := context.WithTimeout(context.Background(), 25*time.Minute)
	defer cancel()
	sr, err := Scale(ctx, res, ScaleOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d files, %d bytes, %d lines, largest %s (%d bytes); generate %s", sr.Files, sr.Bytes, sr.Lines, sr.Largest, sr.LargestBytes, sr.Generate)
	for _, st := range sr.Steps {
		t.Logf("%s: %s ok=%v peak RSS %d MiB", st.Command, st.Duration.Round(time.Millisecond), st.OK, st.MaxRSSKB/1024)
		if !st.OK {
			t.Errorf("%s failed:\n%s", st.Command, st.Output)
		}
	}
	if len(sr.Steps) != 3 {
		t.Errorf("ran %d steps, want build, vet and test", len(sr.Steps))
	}
	if sr.LargestBytes > 4<<20 {
		t.Errorf("%s is %d bytes; no generated file should exceed 4 MiB", sr.Largest, sr.LargestBytes)
	}
}

// BenchmarkFullV1 is the whole 2021-07 v1.0 run: parse, build and
// validate the document, generate the Go files. Compare with
// parser.BenchmarkGoldmarkV1, goldmark alone on the same files.
func BenchmarkFullV1(b *testing.B) {
	dir := corpus(b, "graph-docs-2021-07/v1.0")
	for b.Loop() {
		res, err := pipeline.Build([]string{dir}, pipeline.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := res.GoFiles(pipeline.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReportV1 is Compute on the whole v1.0 result (the example
// checks dominate).
func BenchmarkReportV1(b *testing.B) {
	dir := corpus(b, "graph-docs-2021-07/v1.0")
	res, err := pipeline.Build([]string{dir}, pipeline.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		Compute(res)
	}
}
