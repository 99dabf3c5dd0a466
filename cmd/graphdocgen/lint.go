package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/graphdocgen/graphdocgen/csdl"
	"github.com/graphdocgen/graphdocgen/lint"
	"github.com/graphdocgen/graphdocgen/parser"
)

// cmdLint checks the docs' own consistency. Exit 0 when no error was found
// (warnings may have been printed), 1 when errors were, 2 on usage or I/O
// errors.
func cmdLint(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("lint", "lint [-format text|json|github|sarif] [-disable RULE,...] [-metadata FILE] [-strict] [-rules] PATH...", stderr)
	format := fs.String("format", "text", "output `format`: "+strings.Join(lint.Formats, ", "))
	disable := fs.String("disable", "", "comma-separated rule `IDs` to leave out")
	strict := fs.Bool("strict", false, "treat warnings as errors (exit 1 on any finding)")
	listRules := fs.Bool("rules", false, "list the rules and exit")
	metadata := fs.String("metadata", "", "check the docs against the service's CSDL metadata `FILE` ($metadata XML)")
	if err := fs.Parse(args); err != nil {
		return statusForParseError(err)
	}
	if *listRules {
		for _, r := range lint.Rules {
			fmt.Fprintf(stdout, "%-30s %-7s %s\n", r.ID, r.Severity, r.Summary)
		}
		return exitOK
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "graphdocgen lint: no PATH given")
		fs.Usage()
		return exitUsage
	}
	if !slices.Contains(lint.Formats, *format) {
		fmt.Fprintf(stderr, "graphdocgen lint: unknown format %q (want %s)\n", *format, strings.Join(lint.Formats, ", "))
		return exitUsage
	}
	opts := lint.Options{}
	for _, id := range strings.Split(*disable, ",") {
		if id = strings.TrimSpace(id); id != "" {
			opts.Disable = append(opts.Disable, id)
		}
	}
	if err := opts.Validate(); err != nil {
		fmt.Fprintf(stderr, "graphdocgen lint: %v\n", err)
		return exitUsage
	}
	if *metadata != "" {
		m, err := csdl.ParseFile(*metadata)
		if err != nil {
			fmt.Fprintf(stderr, "graphdocgen lint: -metadata: %v\n", err)
			return exitUsage
		}
		opts.Metadata = m
	}
	set, err := parser.Load(fs.Args(), parser.LoadOptions{})
	if err != nil {
		fmt.Fprintf(stderr, "graphdocgen: %v\n", err)
		return exitUsage
	}
	findings := lint.Check(set.Pages, set.Diags, opts)
	if *strict {
		for i := range findings {
			findings[i].Severity = parser.Error
		}
	}
	if err := lint.Write(stdout, *format, findings, toolVersion()); err != nil {
		fmt.Fprintf(stderr, "graphdocgen: %v\n", err)
		return exitUsage
	}
	if e, w := findings.Count(); *format != "text" || e+w > 0 {
		fmt.Fprintf(stderr, "graphdocgen lint: %d error(s), %d warning(s) in %d page(s)\n", e, w, len(set.Pages))
	}
	if findings.HasErrors() {
		return exitDiags
	}
	return exitOK
}
