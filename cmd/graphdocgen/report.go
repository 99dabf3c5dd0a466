package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/graphdocgen/graphdocgen/pipeline"
	"github.com/graphdocgen/graphdocgen/report"
)

// cmdReport prints the coverage report of a docs tree and, with -gen, the
// scale of its generated client.
func cmdReport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("report", "report [-json] [-gen] [-keep DIR] [-notest] [-all-types] [-n N] [-diags] [-version V] [-strict] [-cache DIR|-no-cache] PATH...", stderr)
	var c common
	c.register(fs)
	asJSON := fs.Bool("json", false, "print the report as JSON, with every list complete")
	gen := fs.Bool("gen", false, "also generate the client into a temporary module and time go build, go vet and go test on it")
	keep := fs.String("keep", "", "with -gen, generate into `DIR` (empty or absent) and keep it")
	notest := fs.Bool("notest", false, "with -gen, run go build and go vet only")
	allTypes := fs.Bool("all-types", false, "with -gen, emit every type of the docs, not only those the operations reach")
	sample := fs.Int("n", 20, "list at most `N` entries of each list in text output (-1: all)")
	diags := fs.Bool("diags", false, "also print every diagnostic to standard error")
	if st, ok := parseFlags(fs, args); !ok {
		return st
	}
	if err := c.check(); err != nil {
		fmt.Fprintf(stderr, "graphdocgen report: %v\n", err)
		return exitUsage
	}
	if (*keep != "" || *notest || *allTypes) && !*gen {
		fmt.Fprintln(stderr, "graphdocgen report: -keep, -notest and -all-types need -gen")
		return exitUsage
	}
	t0 := time.Now()
	res, err := pipeline.Build(fs.Args(), c.options(""))
	if err != nil {
		fmt.Fprintf(stderr, "graphdocgen: %v\n", err)
		return exitUsage
	}
	elapsed := time.Since(t0)
	if *diags {
		printDiags(res.Diags, stderr)
	}
	rep := report.Compute(res)
	rep.BuildTime = elapsed
	status := exitOK
	if *gen {
		if res.Doc == nil {
			fmt.Fprintln(stderr, "graphdocgen: no document to generate from")
			return exitDiags
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		sr, err := report.Scale(ctx, res, report.ScaleOptions{Dir: *keep, SkipTest: *notest, AllTypes: *allTypes})
		if err != nil {
			fmt.Fprintf(stderr, "graphdocgen: %v\n", err)
			return exitDiags
		}
		rep.Scale = sr
		if !sr.OK {
			status = exitDiags
		}
	}
	rep.MaxRSSKB = report.SelfMaxRSSKB()
	if *asJSON {
		err = rep.WriteJSON(stdout)
	} else {
		err = rep.WriteText(stdout, *sample)
	}
	if err != nil {
		fmt.Fprintf(stderr, "graphdocgen: write report: %v\n", err)
		return exitUsage
	}
	if res.Failed() || !rep.Valid && res.Doc != nil {
		status = exitDiags
	}
	return status
}
