package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"runtime/debug"
	"syscall"
	"testing"
)

// peakRSS runs graphdocgen args in a child process (see TestMain) and
// returns its peak resident set size in MiB (Linux counts the parent's
// resident set at the exec too: the number is an upper bound). The run
// must succeed.
func peakRSS(b *testing.B, args ...string) float64 {
	b.Helper()
	exe, err := os.Executable()
	if err != nil {
		b.Skip(err)
	}
	var stderr bytes.Buffer
	cmd := child(b, []string{"GRAPHDOCGEN_CACHE=off"}, args...)
	cmd.Path = exe
	cmd.Stdout, cmd.Stderr = nil, &stderr
	if err := cmd.Run(); err != nil {
		b.Fatalf("%v: %v\n%s", args, err, stderr.String())
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		b.Skip("no rusage here")
	}
	return float64(ru.Maxrss) / 1024 // KiB on Linux
}

// BenchmarkPeakRSSReportBeta is the peak memory of `report` on the 2021-07
// beta tree (the largest), reported as peak-MiB.
func BenchmarkPeakRSSReportBeta(b *testing.B) {
	beta := filepath.Join("..", "..", "..", "shared", "corpus", "graph-docs-2021-07", "beta")
	if _, err := os.Stat(beta); err != nil {
		b.Skip("corpus absent")
	}
	var peak float64
	for b.Loop() {
		peak = max(peak, peakRSS(b, "report", beta))
	}
	b.ReportMetric(peak, "peak-MiB")
}

// BenchmarkPeakRSSGenerateV1 is the peak memory of `generate` on the
// 2021-07 v1.0 tree (the whole client), reported as peak-MiB.
func BenchmarkPeakRSSGenerateV1(b *testing.B) {
	v1 := filepath.Join("..", "..", "..", "shared", "corpus", "graph-docs-2021-07", "v1.0")
	if _, err := os.Stat(v1); err != nil {
		b.Skip("corpus absent")
	}
	var peak float64
	for b.Loop() {
		out := filepath.Join(b.TempDir(), "graph")
		peak = max(peak, peakRSS(b, "generate", "-o", out, v1))
	}
	b.ReportMetric(peak, "peak-MiB")
}

// BenchmarkPeakRSSOpenAPI50MB is the peak memory of `openapi` on a docs
// tree holding one 50 MB page beside a real one: the page is over the
// size limit and is not read.
func BenchmarkPeakRSSOpenAPI50MB(b *testing.B) {
	root := filepath.Join(b.TempDir(), "docs")
	if err := os.CopyFS(root, os.DirFS(fixtureDocs)); err != nil {
		b.Fatal(err)
	}
	// written in pieces: the benchmark's own memory must stay small, as
	// Linux counts the parent's resident set at exec in the child's peak
	f, err := os.Create(filepath.Join(root, "api", "huge.md"))
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString("---\ndoc_type: apiPageType\n---\n# huge\n\n## HTTP request\n\n```http\nGET /me/huge\n```\n\n")
	line := "Some text of a paragraph that goes on and on, line after line.\n"
	for n := 0; n < 50<<20; n += len(line) {
		w.WriteString(line)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	debug.FreeOSMemory()
	var peak float64
	for b.Loop() {
		peak = max(peak, peakRSS(b, "openapi", "-o", os.DevNull, root))
	}
	b.ReportMetric(peak, "peak-MiB")
}
