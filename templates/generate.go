package templates

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphdocgen/graphdocgen/xgraph"
)

// genHeader is the first line of every generated file.
const genHeader = xgraph.HeaderText

// Options configure Generate.
type Options struct {
	// Package is the generated package's name; "graph" when empty.
	Package string
	// Cache, when not nil, keeps formatted files across runs
	// (incremental.go): a file whose unformatted source did not change
	// is taken from it instead of being formatted again. The result is
	// the same with and without it.
	Cache FileCache
	// Workers bounds how many files are rendered at once; 0 means
	// GOMAXPROCS.
	Workers int
	// AllTypes emits a type for every schema of the document; by default
	// only the types the operations reach are emitted (prune.go).
	AllTypes bool
	// Stats, when not nil, is set to the counts of schemas emitted and
	// pruned.
	Stats *TypeStats
	// Files, when not nil, is set to what Generate did with the files.
	Files *FileStats
}

// FileStats says which files Generate built and rendered: with a cache,
// a file whose input key (inputkey.go) is in it is not.
type FileStats struct {
	// Rendered are the files built as jennifer trees and rendered, sorted.
	Rendered []string
	// Unkeyed are the files that have inputs but no input key, because
	// the key walk met a value that is not model data (a bug: the file is
	// rendered on every run), sorted.
	Unkeyed []string
}

// packageName is the generated package's name.
func (o Options) packageName() string {
	if o.Package == "" {
		return "graph"
	}
	return o.Package
}

// modelsPerFile is how many schemas one models file holds before the
// models are split by first letter.
const modelsPerFile = 400

func newFile(pkg string) *jen.File {
	f := jen.NewFile(pkg)
	f.HeaderComment(genHeader)
	return f
}

// Generate turns doc into the files of a Go client package: file name to
// gofmt'd source. It fails with a list of the problems it cannot resolve.
// The analysis and naming pass is global and sequential; then each file
// is built, rendered and formatted concurrently with the others, and taken
// from opts.Cache when its source did not change (incremental.go).
func Generate(doc *openapi3.T, opts Options) (map[string][]byte, error) {
	defer forgetDocumentCodes() // the document's codes are not kept for the next
	// The runtime's files depend on the package name alone: copied while
	// the analysis runs, much of it on one core.
	var rt map[string][]byte
	var rtErr error
	rtDone := make(chan struct{})
	go func() {
		defer close(rtDone)
		if pkg := opts.packageName(); isIdent(pkg) { // else buildFiles fails
			rt, rtErr = copyRuntime(pkg, opts.Cache)
		}
	}()
	r := newRenderer(opts)
	err := buildFiles(doc, opts, r.add)
	out, rerr := r.wait()
	<-rtDone
	if opts.Files != nil {
		*opts.Files = r.stats()
	}
	if err != nil {
		return nil, err
	}
	if rerr != nil {
		return nil, fmt.Errorf("generate: %w", rerr)
	}
	if rtErr != nil {
		return nil, fmt.Errorf("generate: %w", rtErr)
	}
	for name, data := range rt {
		if _, ok := out[name]; ok {
			return nil, fmt.Errorf("generate: %s is both a runtime file and a generated one", name)
		}
		out[name] = data
	}
	return out, nil
}

// fileSpec is one file to generate: its name, the function that builds
// its jennifer tree and, when the tree is made from model values alone,
// the function that computes the file's input key (inputkey.go).
type fileSpec struct {
	name  string
	build func() *jen.File
	key   func() (string, error) // nil: no input key
}

// emitSpec is the file name that emit builds from in alone. emit is a
// top-level function, so what it reads is in (and the generator's code):
// the file's input key is the hash of in, made by h (nil: no key).
func emitSpec[T any](h *keyHasher, name string, in T, emit func(T) *jen.File) fileSpec {
	fs := fileSpec{name: name, build: func() *jen.File { return emit(in) }}
	if h != nil {
		fs.key = func() (string, error) { return h.key(name, in) }
	}
	return fs
}

// opsFileIn is what ops_GROUP.go is made from, testFileIn
// ops_GROUP_test.go, modelsFileIn a models file.
type (
	opsFileIn struct {
		pkg    string
		params []*paramsStruct
		ops    []*opInfo
	}
	testFileIn struct {
		pkg, group string
		ops        []*opInfo
	}
	modelsFileIn struct {
		pkg     string
		schemas []*schemaInfo
	}
)

// opsFile is ops_GROUP.go: the params structs and the operations.
func opsFile(in opsFileIn) *jen.File {
	f := newFile(in.pkg)
	for _, ps := range in.params {
		ps.emit(f.Group)
	}
	// the operations of one path (its methods, its query variants) are
	// next to each other and most spell the path alike: one expression
	var prev []urlPart
	var path jen.Code
	for _, o := range in.ops {
		if path == nil || !sameParts(prev, o.pathParts) {
			prev, path = o.pathParts, o.pathExpr()
		}
		o.emitOp(f.Group, path)
	}
	return f
}

// opsTestFile is ops_GROUP_test.go.
func opsTestFile(in testFileIn) *jen.File { return testFile(in.pkg, in.group, in.ops) }

// modelsFile is a models file: the schemas' declarations.
func modelsFile(in modelsFileIn) *jen.File {
	f := newFile(in.pkg)
	for _, si := range in.schemas {
		emitSchema(f.Group, si)
		f.Line()
	}
	return f
}

// buildFiles analyzes doc and hands add every file to generate. The
// analysis is global and done first; building a file only reads it, so
// the files may be built concurrently (the renderer builds them in its
// workers: the operations and their tests are most of the building).
// With opts.Cache, the files made from model values alone have input
// keys.
func buildFiles(doc *openapi3.T, opts Options, add func(fileSpec)) error {
	if doc == nil {
		return fmt.Errorf("generate: no document")
	}
	pkg := opts.packageName()
	if !isIdent(pkg) {
		return fmt.Errorf("generate: package name %q is not a Go identifier", pkg)
	}
	m, err := buildModel(doc, pkg, opts.AllTypes)
	if err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	if opts.Stats != nil {
		*opts.Stats = m.stats
	}
	if err := problemsError(m.problems); err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	var h *keyHasher
	if opts.Cache != nil {
		// without a hasher every file is rendered: the same bytes
		if h, _ = newKeyHasher(m.all); h != nil {
			h.share(m.ops)
		}
	}
	groups := map[string][]*opInfo{}
	for _, o := range m.ops {
		groups[o.group] = append(groups[o.group], o)
	}
	paramsOf := map[string][]*paramsStruct{}
	for _, ps := range m.params {
		g := ps.group
		paramsOf[g] = append(paramsOf[g], ps)
	}
	// The operations first: they are most of the work, and the renderer
	// starts on them while the rest is built.
	for _, g := range sortedKeys(groups) {
		add(emitSpec(h, "ops_"+g+".go", opsFileIn{pkg, paramsOf[g], opsView(groups[g])}, opsFile))
		add(emitSpec(h, "ops_"+g+"_test.go", testFileIn{pkg, g, testsView(groups[g])}, opsTestFile))
	}
	for _, mf := range m.modelFiles() {
		add(emitSpec(h, mf.name, modelsFileIn{pkg, mf.schemas}, modelsFile))
	}
	// doc.go reads the whole model (the first operations of kinds, the
	// counts): it is built on every run, and is small.
	add(fileSpec{name: "doc.go", build: m.docFile})
	return nil
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// modelFile is one models file: its name and schemas.
type modelFile struct {
	name    string
	schemas []*schemaInfo
}

// modelFiles lays the schemas out in models.go, or in models_X-Y.go files
// by first letter when there are many.
func (m *model) modelFiles() []modelFile {
	var list []*schemaInfo
	for _, si := range m.schemas {
		if si.kind != sAlias {
			list = append(list, si)
		}
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].goName < list[j].goName })
	if len(list) <= modelsPerFile {
		return []modelFile{{"models.go", list}}
	}
	// buckets of consecutive first letters, each about modelsPerFile
	byLetter := map[byte][]*schemaInfo{}
	for _, si := range list {
		c := strings.ToLower(si.goName)[0]
		byLetter[c] = append(byLetter[c], si)
	}
	letters := sortedKeys(func() map[string]bool {
		mp := map[string]bool{}
		for c := range byLetter {
			mp[string(c)] = true
		}
		return mp
	}())
	var out []modelFile
	var cur []*schemaInfo
	first := ""
	flush := func(last string) {
		if len(cur) == 0 {
			return
		}
		name := "models_" + first + ".go"
		if last != first {
			name = "models_" + first + "-" + last + ".go"
		}
		out = append(out, modelFile{name, cur})
		cur = nil
	}
	prev := ""
	for _, l := range letters {
		if len(cur) > 0 && len(cur)+len(byLetter[l[0]]) > modelsPerFile {
			flush(prev)
		}
		if len(cur) == 0 {
			first = l
		}
		cur = append(cur, byLetter[l[0]]...)
		prev = l
	}
	flush(prev)
	return out
}
