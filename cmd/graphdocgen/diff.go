package main

import (
	"fmt"
	"io"

	"github.com/graphdocgen/graphdocgen/apidiff"
	"github.com/graphdocgen/graphdocgen/pipeline"
)

// cmdDiff prints the API changelog between two versions of the docs (docs
// trees or OpenAPI files). Exit 0, or 1 with -fail-on-breaking when a
// breaking change was found; 2 on usage or I/O errors or when a side
// cannot be built.
func cmdDiff(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("diff", "diff [-format text|json] [-fail-on-breaking] [-version V] OLD NEW", stderr)
	format := fs.String("format", "text", "output `format`: text or json")
	failOnBreaking := fs.Bool("fail-on-breaking", false, "exit 1 when a change is breaking for a client user")
	version := fs.String("version", "", "Graph version of docs trees, v1.0 or beta (default: from the path)")
	if err := fs.Parse(args); err != nil {
		return statusForParseError(err)
	}
	if fs.NArg() != 2 {
		fmt.Fprintln(stderr, "graphdocgen diff: want two arguments, OLD and NEW (docs trees or OpenAPI files)")
		fs.Usage()
		return exitUsage
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "graphdocgen diff: unknown format %q (want text or json)\n", *format)
		return exitUsage
	}
	if v := *version; v != "" && v != "v1.0" && v != "beta" {
		fmt.Fprintf(stderr, "graphdocgen diff: -version %q: want v1.0 or beta\n", v)
		return exitUsage
	}
	var sides [2]*pipeline.Result
	oldDoc, oldRes, err := pipeline.Document(fs.Arg(0), pipeline.Options{Version: *version})
	if err != nil {
		fmt.Fprintf(stderr, "graphdocgen: %v\n", err)
		return exitUsage
	}
	newDoc, newRes, err := pipeline.Document(fs.Arg(1), pipeline.Options{Version: *version})
	if err != nil {
		fmt.Fprintf(stderr, "graphdocgen: %v\n", err)
		return exitUsage
	}
	sides[0], sides[1] = oldRes, newRes
	for i, res := range sides {
		if res != nil && res.Failed() {
			printDiags(res.Diags, stderr)
			fmt.Fprintf(stderr, "graphdocgen diff: %s cannot be built\n", fs.Arg(i))
			return exitUsage
		}
	}
	rep, err := apidiff.Compare(oldDoc, newDoc)
	if err != nil {
		fmt.Fprintf(stderr, "graphdocgen: %v\n", err)
		return exitUsage
	}
	if *format == "json" {
		err = rep.WriteJSON(stdout)
	} else {
		err = rep.WriteText(stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "graphdocgen: write output: %v\n", err)
		return exitUsage
	}
	if *failOnBreaking && rep.Breaking > 0 {
		fmt.Fprintf(stderr, "graphdocgen diff: %d breaking change(s)\n", rep.Breaking)
		return exitDiags
	}
	return exitOK
}
