package main

import (
	"fmt"
	"io"

	"github.com/graphdocgen/graphdocgen/pipeline"
)

// cmdCheck regenerates in memory and compares with what is on disk.
// Exit 0 when identical, 1 on drift (with a unified diff per file), 2 on
// usage errors or when the docs cannot be built.
func cmdCheck(args []string, stdout, stderr io.Writer) int {
	g, paths, st, ok := parseGenFlags("check", ": the generated package to compare with", args, stderr)
	if !ok {
		return st
	}
	files, doc, _, ok := g.produce(paths, stderr)
	if !ok {
		// The docs could not be built: no trustworthy comparison.
		return exitUsage
	}
	diffs, err := pipeline.DiffDir(g.out, files)
	if err != nil {
		fmt.Fprintf(stderr, "graphdocgen: %v\n", err)
		return exitUsage
	}
	if g.openapi != "" {
		d, err := pipeline.DiffFile(g.openapi, doc, true)
		if err != nil {
			fmt.Fprintf(stderr, "graphdocgen: %v\n", err)
			return exitUsage
		}
		if d != nil {
			diffs = append(diffs, *d)
		}
	}
	counts := map[string]int{}
	for _, d := range diffs {
		counts[d.Op]++
		fmt.Fprint(stdout, d.Unified)
	}
	total := len(files)
	if g.openapi != "" {
		total++
	}
	if len(diffs) == 0 {
		fmt.Fprintf(stdout, "graphdocgen check: up to date (%d files)\n", total)
		return exitOK
	}
	fmt.Fprintf(stdout, "graphdocgen check: drift: %d file(s) added, %d removed, %d changed; run graphdocgen generate to update\n",
		counts["add"], counts["remove"], counts["update"])
	return exitDiags
}
