// Command graphdocgen turns Microsoft Graph API reference pages into an
// OpenAPI 3 document and a typed Go client with tests.
//
// Usage:
//
//	graphdocgen openapi  [-o FILE] [-version V] [-strict] PATH...
//	graphdocgen generate -o DIR [-pkg NAME] [-openapi FILE] [-all-types] [-version V] [-strict] PATH...
//	graphdocgen check    -o DIR [-pkg NAME] [-openapi FILE] [-all-types] [-version V] [-strict] PATH...
//	graphdocgen lint     [-format text|json|github|sarif] [-disable RULE,...] [-metadata FILE] [-strict] [-rules] PATH...
//	graphdocgen diff     [-format text|json] [-fail-on-breaking] [-version V] OLD NEW
//	graphdocgen report   [-json] [-gen] [-keep DIR] [-notest] [-all-types] [-n N] [-diags] [-version V] [-strict] PATH...
//	graphdocgen version
//
// Every flag is checked before any work: a usage error exits 2 and reads
// nothing.
//
// PATH is a docs page (api/event-get.md) or a docs tree (a folder holding
// api/, resources/ and includes/, or a folder above such folders). Exit
// status: 0 success; 1 errors were reported in the docs (nothing is
// written); 2 usage or I/O error.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/graphdocgen/graphdocgen/internal/gctune"
	"github.com/graphdocgen/graphdocgen/parser"
	"github.com/graphdocgen/graphdocgen/pipeline"
	"github.com/graphdocgen/graphdocgen/spec"
	"github.com/graphdocgen/graphdocgen/templates"
)

const usage = `graphdocgen turns Microsoft Graph API reference pages into an OpenAPI 3
document and a typed Go client with tests.

Usage:
  graphdocgen openapi  [-o FILE] [-version V] [-strict] PATH...
  graphdocgen generate -o DIR [-pkg NAME] [-openapi FILE] [-all-types] [-version V] [-strict] PATH...
  graphdocgen check    -o DIR [-pkg NAME] [-openapi FILE] [-all-types] [-version V] [-strict] PATH...
  graphdocgen lint     [-format text|json|github|sarif] [-disable RULE,...] [-metadata FILE] [-strict] [-rules] PATH...
  graphdocgen diff     [-format text|json] [-fail-on-breaking] [-version V] OLD NEW
  graphdocgen report   [-json] [-gen] [-keep DIR] [-notest] [-all-types] [-n N] [-diags] [-version V] [-strict] PATH...
  graphdocgen version

PATH is a docs page (such as api/event-permanentdelete.md) or a docs tree: a
folder holding api/, resources/ and includes/ (or a folder above such
folders). A page's permissions [!INCLUDE] is read relative to the page.

Commands:
  openapi    write the OpenAPI 3 document: JSON, or YAML when FILE ends in
             .yaml or .yml; standard output when -o is not given
  generate   write a Go client package and its tests into DIR; only changed
             files are written, and generated files no longer produced are
             removed. Only the types the operations reach are emitted
             (-all-types: every type of the document)
  check      regenerate in memory and compare with DIR (and FILE): exit 0
             when identical, 1 on drift with a unified diff per file, 2 when
             the docs cannot be built; writes nothing
  lint       check the docs' own consistency (examples against the
             documented paths, methods, statuses and types; includes;
             annotations; with -metadata FILE also against the service's
             CSDL): exit 1 when errors were found. -rules lists them
  diff       the API changelog from OLD to NEW (docs trees or OpenAPI
             files): operations, parameters, bodies, responses, statuses,
             permissions and types added, removed or changed, each marked
             breaking or not; -fail-on-breaking exits 1 on a breaking change
  report     print the docs' coverage; -gen also times build/vet/test of the client
  version    print graphdocgen's version

Parsed pages and generated files are cached (-cache DIR, $GRAPHDOCGEN_CACHE,
else the user cache folder; -no-cache or GRAPHDOCGEN_CACHE=off to skip it):
the output is the same with and without the cache.

Problems are printed as file:line:col: severity: message [rule]. In a docs
tree a broken page is a warning and the run goes on; a page given by name
that yields nothing is an error. -strict makes every warning an error.

Exit status:
  0  success (warnings may have been printed)
  1  errors were reported; nothing was written
  2  usage error, or a path could not be read or written

Run 'graphdocgen COMMAND -h' for a command's flags, 'graphdocgen version' for
the version.
`

// toolVersion is the module version graphdocgen was built from ("devel"
// for a build from a checkout).
func toolVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

func main() {
	gctune.Start() // GOGC=400 under a memory limit that follows the live heap, unless GOGC or GOMEMLIMIT is set
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// exit statuses
const (
	exitOK    = 0
	exitDiags = 1
	exitUsage = 2
)

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	case "version":
		fmt.Fprintf(stdout, "graphdocgen %s\n", toolVersion())
		return exitOK
	case "openapi":
		return cmdOpenAPI(args[1:], stdout, stderr)
	case "generate":
		return cmdGenerate(args[1:], stdout, stderr)
	case "report":
		return cmdReport(args[1:], stdout, stderr)
	case "check":
		return cmdCheck(args[1:], stdout, stderr)
	case "lint":
		return cmdLint(args[1:], stdout, stderr)
	case "diff":
		return cmdDiff(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "graphdocgen: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

// common flags of the commands that read docs.
type common struct {
	version  string
	strict   bool
	cacheDir string
	noCache  bool
}

// cacheEnv names the environment variable that sets the default cache
// folder; "off" turns the cache off.
const cacheEnv = "GRAPHDOCGEN_CACHE"

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.version, "version", "", "Graph version of the docs, v1.0 or beta (default: beta when the path says so, else v1.0)")
	fs.BoolVar(&c.strict, "strict", false, "treat warnings as errors")
	fs.StringVar(&c.cacheDir, "cache", "", "cache `DIR` for parsed pages and generated files (default: $"+cacheEnv+", else the user cache folder; safe to delete)")
	fs.BoolVar(&c.noCache, "no-cache", false, "run without the cache")
}

// check reports a flag value that cannot work, before any work is done.
func (c *common) check() error {
	switch c.version {
	case "", "v1.0", "beta":
		return nil
	}
	return fmt.Errorf("-version %q: want v1.0 or beta", c.version)
}

// options turns the flags into pipeline options.
func (c *common) options(pkg string) pipeline.Options {
	o := pipeline.Options{Version: c.version, Strict: c.strict, Package: pkg}
	env := os.Getenv(cacheEnv)
	switch {
	case c.noCache || (c.cacheDir == "" && env == "off"):
	case c.cacheDir != "":
		o.CacheDir = c.cacheDir
	case env != "":
		o.CacheDir = env
	default:
		o.Cache = true
	}
	return o
}

func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: graphdocgen %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args; ok is false when the command should stop with
// the returned status (help asked for, or a usage error).
func parseFlags(fs *flag.FlagSet, args []string) (status int, ok bool) {
	if err := fs.Parse(args); err != nil {
		return statusForParseError(err), false
	}
	if fs.NArg() == 0 {
		fmt.Fprintf(fs.Output(), "graphdocgen %s: no PATH given\n", fs.Name())
		fs.Usage()
		return exitUsage, false
	}
	return 0, true
}

// statusForParseError is the exit status after a flag parsing error: 0
// when help was asked for, else 2.
func statusForParseError(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	return exitUsage
}

// build runs the pipeline and prints its diagnostics; ok is false when the
// command must stop with status.
func build(c common, pkg string, paths []string, stderr io.Writer) (res *pipeline.Result, status int, ok bool) {
	opts := c.options(pkg)
	opts.Lazy = true // the commands use only Diags, GoFiles and OpenAPI
	res, err := pipeline.Build(paths, opts)
	if err != nil {
		fmt.Fprintf(stderr, "graphdocgen: %v\n", err)
		return nil, exitUsage, false
	}
	printDiags(res.Diags, stderr)
	if res.Failed() {
		return res, exitDiags, false
	}
	return res, exitOK, true
}

// printDiags writes the diagnostics to w in one write (v1.0 has 1,081:
// a write each was a thousand system calls, a tenth of a run over
// unchanged docs).
func printDiags(ds parser.Diagnostics, w io.Writer) {
	bw := bufio.NewWriterSize(w, 64<<10)
	defer bw.Flush()
	for _, d := range ds {
		fmt.Fprintln(bw, d.String())
	}
	if e, wn := ds.Count(); e+wn > 0 {
		fmt.Fprintf(bw, "graphdocgen: %d error(s), %d warning(s)\n", e, wn)
	}
}

func cmdOpenAPI(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("openapi", "openapi [-o FILE] [-version V] [-strict] PATH...", stderr)
	var c common
	c.register(fs)
	out := fs.String("o", "", "write the document to `FILE` (.json, .yaml or .yml) instead of standard output")
	if st, ok := parseFlags(fs, args); !ok {
		return st
	}
	if err := c.check(); err != nil {
		fmt.Fprintf(stderr, "graphdocgen openapi: %v\n", err)
		return exitUsage
	}
	res, st, ok := build(c, "", fs.Args(), stderr)
	if !ok {
		return st
	}
	// The pages are in the document now; not kept alive through
	// marshaling it.
	res.Pages = nil
	format := "json"
	if *out != "" {
		format = spec.FormatFor(*out)
	}
	data, err := res.OpenAPI(format)
	if err != nil {
		fmt.Fprintf(stderr, "graphdocgen: %v\n", err)
		return exitDiags
	}
	if *out == "" {
		if _, err := stdout.Write(data); err != nil {
			fmt.Fprintf(stderr, "graphdocgen: write output: %v\n", err)
			return exitUsage
		}
		return exitOK
	}
	if err := pipeline.WriteFile(*out, data); err != nil {
		fmt.Fprintf(stderr, "graphdocgen: %v\n", err)
		return exitUsage
	}
	return exitOK
}

// genFlags are the flags of generate and check.
type genFlags struct {
	common
	out, pkg, openapi string
	allTypes          bool
	lockWait          time.Duration
}

// check reports a flag value that cannot work, before any work is done.
func (g *genFlags) check() error {
	if err := g.common.check(); err != nil {
		return err
	}
	if g.pkg != "" && (!token.IsIdentifier(g.pkg) || token.IsKeyword(g.pkg)) {
		return fmt.Errorf("-pkg %q is not a Go package name", g.pkg)
	}
	if g.openapi != "" && g.openapi == g.out {
		return fmt.Errorf("-openapi %q is the package folder -o", g.openapi)
	}
	return nil
}

func (g *genFlags) register(fs *flag.FlagSet) {
	g.common.register(fs)
	fs.StringVar(&g.out, "o", "", "the Go package's `DIR` (required)")
	fs.StringVar(&g.pkg, "pkg", "", "Go package `NAME` (default: the base name of DIR when it is a Go identifier, else graph)")
	fs.StringVar(&g.openapi, "openapi", "", "the OpenAPI document's `FILE`, also written (generate) or compared (check)")
	fs.DurationVar(&g.lockWait, "lock-wait", pipeline.DefaultLockWait, "how long generate waits for another run writing DIR before it gives up")
	fs.BoolVar(&g.allTypes, "all-types", false, "emit a Go type for every schema of the docs, not only those the operations reach")
}

// packageName is -pkg, else the name DIR suggests.
func (g *genFlags) packageName() string {
	if g.pkg != "" {
		return g.pkg
	}
	return pipeline.PackageName(filepath.Base(g.out))
}

// produce runs the pipeline and returns the Go files and, when -openapi is
// given, the document's bytes. The diagnostics are printed once the
// document is validated, which happens while the files are generated.
func (g *genFlags) produce(paths []string, stderr io.Writer) (files map[string][]byte, doc []byte, status int, ok bool) {
	name := g.packageName()
	opts := g.options(name)
	opts.Lazy = true // only Diags, GoFiles and OpenAPI are used
	opts.AllTypes = g.allTypes
	opts.KeepDocument = g.openapi != "" // else let go once the model is built
	// The pages are not kept alive through generating (a tenth of
	// generate's peak on v1.0). Their memory is not handed back to the
	// system (debug.FreeOSMemory, a full collection on the way): the
	// collector's limit (internal/gctune) bounds the peak, which comes
	// later, in rendering the files.
	res, files, err := pipeline.Generate(paths, opts)
	if res == nil {
		fmt.Fprintf(stderr, "graphdocgen: %v\n", err)
		return nil, nil, exitUsage, false
	}
	printDiags(res.Diags, stderr)
	if res.Failed() {
		return nil, nil, exitDiags, false
	}
	if err != nil {
		fmt.Fprintf(stderr, "graphdocgen: %v\n", err)
		return nil, nil, exitDiags, false
	}
	printTypes(res.Types, g.allTypes, stderr)
	if g.openapi != "" {
		if doc, err = res.OpenAPI(spec.FormatFor(g.openapi)); err != nil {
			fmt.Fprintf(stderr, "graphdocgen: %v\n", err)
			return nil, nil, exitDiags, false
		}
	}
	return files, doc, exitOK, true
}

// parseGenFlags parses the flags of generate and check (name), which
// require -o DIR; ok is false when the command must stop with status.
func parseGenFlags(name, why string, args []string, stderr io.Writer) (g *genFlags, paths []string, status int, ok bool) {
	fs := newFlags(name, name+" -o DIR [-pkg NAME] [-openapi FILE] [-all-types] [-version V] [-strict] [-cache DIR|-no-cache] PATH...", stderr)
	g = &genFlags{}
	g.register(fs)
	if st, ok := parseFlags(fs, args); !ok {
		return nil, nil, st, false
	}
	if g.out == "" {
		fmt.Fprintf(stderr, "graphdocgen %s: -o DIR is required%s\n", name, why)
		fs.Usage()
		return nil, nil, exitUsage, false
	}
	if err := g.check(); err != nil {
		fmt.Fprintf(stderr, "graphdocgen %s: %v\n", name, err)
		return nil, nil, exitUsage, false
	}
	return g, fs.Args(), exitOK, true
}

func cmdGenerate(args []string, stdout, stderr io.Writer) int {
	g, paths, st, ok := parseGenFlags("generate", "", args, stderr)
	if !ok {
		return st
	}
	files, doc, st, ok := g.produce(paths, stderr)
	if !ok {
		return st
	}
	changes, err := pipeline.Commit(pipeline.Generation{
		Dir: g.out, Files: files, Doc: g.openapi, Data: doc,
		Lock: pipeline.LockOptions{Wait: g.lockWait, Waiting: func(lockFile string) {
			fmt.Fprintf(stderr, "graphdocgen: waiting for another run writing %s to finish (lock %s, up to %v)\n", g.out, lockFile, g.lockWait)
		}},
	})
	if err != nil {
		fmt.Fprintf(stderr, "graphdocgen: %v\n", err)
		return exitUsage
	}
	for _, ch := range changes {
		fmt.Fprintf(stdout, "%s %s\n", ch.Op, filepath.Join(g.out, ch.Name))
	}
	return exitOK
}

// printTypes says how many of the document's types the package has.
func printTypes(st templates.TypeStats, all bool, w io.Writer) {
	if all {
		fmt.Fprintf(w, "graphdocgen: %d types (all of the docs' types: -all-types)\n", st.Emitted)
		return
	}
	fmt.Fprintf(w, "graphdocgen: %d of %d types emitted, %d pruned (no operation reaches them; -all-types keeps them), %d navigation properties kept as raw JSON\n",
		st.Emitted, st.Schemas, st.Pruned, st.RawNavigation)
}
