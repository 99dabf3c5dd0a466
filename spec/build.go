package spec

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/getkin/kin-openapi/openapi3"
	"sigs.k8s.io/yaml"

	"github.com/graphdocgen/graphdocgen/internal/asciifold"
	"github.com/graphdocgen/graphdocgen/internal/fanout"
	"github.com/graphdocgen/graphdocgen/parser"
)

// Build turns pages into one validated document: a fragment per page (the
// pages are fragmented concurrently, with type names resolved across the
// whole page set), merged, validated. A document that does not validate is
// returned with an error diagnostic. The result does not depend on the
// order of pages.
func Build(pages []*parser.Page, opts Options) (*openapi3.T, parser.Diagnostics) {
	doc, diags, validated := build(pages, opts, true)
	diags = append(diags, validated()...)
	diags.Sort()
	return doc, diags
}

// BuildValidating is Build returning as soon as the document is complete,
// while it is validated: validated returns the verdict Build would add to
// diags (nothing, or an invalid-openapi error), waiting for it. The
// validation only reads the document, on a goroutine of its own, so the
// caller may read the document meanwhile (generate the client from it),
// and must not change it before validated returns. A verdict known at
// once (a reference that does not resolve) is in diags, and the document
// is then not for reading. diags are sorted; validated may be called more
// than once.
func BuildValidating(pages []*parser.Page, opts Options) (doc *openapi3.T, diags parser.Diagnostics, validated func() parser.Diagnostics) {
	doc, diags, validated = build(pages, opts, false)
	diags.Sort()
	return doc, diags, validated
}

// build is Build with the validation left running (its steps on three
// goroutines when parallel, else on one, beside the caller), and the
// diagnostics not sorted.
func build(pages []*parser.Page, opts Options, parallel bool) (*openapi3.T, parser.Diagnostics, func() parser.Diagnostics) {
	sorted := make([]*parser.Page, 0, len(pages))
	for _, p := range pages {
		if p != nil {
			sorted = append(sorted, p)
		}
	}
	if opts.TakePages {
		clear(pages)
	}
	slices.SortStableFunc(sorted, func(a, b *parser.Page) int { return strings.Compare(a.Path, b.Path) })
	files := make(map[string]string, len(sorted))
	for _, p := range sorted {
		if p.File != "" {
			files[p.Path] = p.File
		}
	}
	// One resolution for both: validate checks the document with the
	// examples fitExamples leaves.
	doc, diags, walk := assembleWalking(sorted, opts, runtime.GOMAXPROCS(0), true)
	resolved, monotone := walk.resolve()
	if !resolved {
		monotone = false
		resolved = openapi3.NewLoader().ResolveRefsIn(doc, nil) == nil
	}
	if !resolved {
		// Validate reports the reference that does not resolve.
		diags = append(diags, invalidDocument(Validate(doc))...)
		return doc, diags, func() parser.Diagnostics { return nil }
	}
	// A walk that saw every schema (monotone) knows whether any is
	// writeOnly.
	fdiags, fitted := fitExamplesIn(doc, files, misfitChunk, monotone && !walk.writeOnly)
	fitted.monotone = monotone
	diags = append(diags, fdiags...)
	verr := make(chan error, 1)
	go func() { verr <- validateFitted(doc, parallel, fitted) }()
	return doc, diags, sync.OnceValue(func() parser.Diagnostics { return invalidDocument(<-verr) })
}

// invalidDocument is the diagnostic of a validation error, if any.
func invalidDocument(err error) parser.Diagnostics {
	if err == nil {
		return nil
	}
	return parser.Diagnostics{parser.Errorf(parser.Pos{File: "openapi"}, "invalid-openapi", "%v", err)}
}

// assemble is Build up to the resolution of references: the fragments of
// the sorted pages, merged, with the restated inherited properties
// dropped.
func assemble(sorted []*parser.Page, opts Options) (*openapi3.T, parser.Diagnostics) {
	return assembleWith(sorted, opts, runtime.GOMAXPROCS(0))
}

// afterFragments, when set (by tests), is called by assembleWith once
// every fragment is built, with its sorted pages and type index, which
// it still holds then.
var afterFragments func(sorted []*parser.Page, idx *typeIndex)

// assembleWith is assemble with the fragments built by workers
// goroutines. Each prepares its fragments for the merge (prepareMerge),
// and the first stage of the merge (merger.add) takes them in page order
// while the rest are built: a fragment records its page's path, so the
// sorted pages are the fragments in Merge's order. With opts.TakePages,
// each page's element of sorted is set to nil once its fragment is
// built.
func assembleWith(sorted []*parser.Page, opts Options, workers int) (*openapi3.T, parser.Diagnostics) {
	doc, diags, _ := assembleWalking(sorted, opts, workers, false)
	return doc, diags
}

// assembleWalking is assembleWith, with walk also starting
// resolveLocalGraph's walk of the paths (walkLocalPaths) once the merge
// is done, beside dropRestatedInherited (which changes only what the
// components' schemas hold): the caller resolves the references with
// the walk's resolve.
func assembleWalking(sorted []*parser.Page, opts Options, workers int, walk bool) (*openapi3.T, parser.Diagnostics, *localWalk) {
	idx := newTypeIndex(sorted)
	idx.primary = nil // Types' alone: a fragment does not read it, and it holds pages
	ins := make([]*mergeInput, len(sorted))
	fdiags := make([]parser.Diagnostics, len(sorted))
	stubbed := make([]map[string]parser.Pos, len(sorted))
	m := newMerger(opts)
	// The first stage is run by the workers, by whichever holds addMu,
	// for each fragment in order as soon as it and those before it are
	// built (a goroutine of its own waited, behind the busy workers, and
	// was still adding the last fragments when they were done).
	built := make([]atomic.Bool, len(sorted))
	var addMu sync.Mutex
	var added atomic.Int64 // the fragments added; changed under addMu
	addReady := func() {
		for {
			if !addMu.TryLock() {
				return // the holder adds this fragment or sees it built after
			}
			n := int(added.Load())
			for n < len(sorted) && built[n].Load() {
				m.add(ins[n])
				n++
				added.Store(int64(n))
			}
			addMu.Unlock()
			// A fragment built after the check and before the unlock
			// found the lock held: it is added here.
			if n >= len(sorted) || !built[n].Load() {
				return
			}
		}
	}
	fanout.For(len(sorted), max(workers, 1), 1, func(_, i int) {
		var f *openapi3.T
		f, fdiags[i], stubbed[i] = buildFragment(sorted[i], opts, idx, true)
		frag := fragmentOf(sorted[i])
		if opts.TakePages {
			sorted[i] = nil
		}
		ins[i] = prepareMergeOf(f, frag)
		built[i].Store(true)
		addReady()
	})
	addReady() // nothing is left by now: every worker returned unlocked
	if afterFragments != nil {
		afterFragments(sorted, idx)
	}
	var diags parser.Diagnostics
	for _, d := range fdiags {
		diags = append(diags, d...)
	}
	doc, md := m.finish()
	diags = append(diags, md...)
	var w *localWalk
	if walk {
		w = walkLocalPaths(doc)
	}
	// The stubs are the merge's: dropping restated properties, which reads
	// and changes the page schemas' properties, leaves them as they are.
	var unresolved parser.Diagnostics
	var found sync.WaitGroup
	found.Go(func() { unresolved = unresolvedTypes(doc, stubbed) })
	dropRestatedInherited(doc)
	found.Wait()
	diags = append(diags, unresolved...)
	return doc, diags, w
}

// resolveRefs gives every $ref of doc its Value, as a loader reading the
// marshaled document would: resolveLocal for the documents Build makes,
// else kin-openapi's loader.
func resolveRefs(doc *openapi3.T) error {
	if resolveLocal(doc) {
		return nil
	}
	return openapi3.NewLoader().ResolveRefsIn(doc, nil)
}

// Marshal returns the document as JSON (indented by two spaces, ending in a
// newline) or YAML (format "yaml"). The bytes depend only on the document:
// map keys are sorted.
func Marshal(doc *openapi3.T, format string) ([]byte, error) {
	switch format {
	case "yaml":
		data, err := json.Marshal(doc)
		if err != nil {
			return nil, fmt.Errorf("marshal document: %w", err)
		}
		out, err := yaml.JSONToYAML(data)
		if err != nil {
			return nil, fmt.Errorf("convert document to yaml: %w", err)
		}
		return out, nil
	case "json", "":
		data, err := marshalIndented(doc)
		if err != nil {
			return nil, fmt.Errorf("marshal document: %w", err)
		}
		return append(data, '\n'), nil
	}
	return nil, fmt.Errorf("unknown format %q (want json or yaml)", format)
}

// FormatFor returns the format a file name asks for: "yaml" for .yaml and
// .yml, "json" otherwise.
func FormatFor(filename string) string {
	switch strings.ToLower(filepath.Ext(filename)) {
	case ".yaml", ".yml":
		return "yaml"
	}
	return "json"
}

// unresolvedTypes warns at every use of a type that no page defines (a
// stub in the merged document): the client decodes it as raw JSON. Each
// page's first use of the type is named.
func unresolvedTypes(doc *openapi3.T, stubbed []map[string]parser.Pos) parser.Diagnostics {
	stubs := map[string]string{} // lower-case key -> merged key
	if doc.Components != nil {
		for key, s := range doc.Components.Schemas {
			if isStub(s) {
				stubs[strings.ToLower(key)] = key
			}
		}
	}
	var diags parser.Diagnostics
	var buf [128]byte
	for _, uses := range stubbed {
		for key, pos := range uses {
			if merged, ok := stubs[string(asciifold.AppendLower(buf[:0], key))]; ok {
				diags = append(diags, parser.Warnf(pos, "unresolved-type",
					"type %s is not defined by any page given; it decodes as raw JSON (add its resource page to type it)", merged))
			}
		}
	}
	return diags
}
