package templates

import (
	"fmt"
	"sort"

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

// modelsPerFile is how many schemas one models file holds at most (but
// for names alike beyond splitting, modelFileRanges), so that an edited
// resource page regenerates a small file.
const modelsPerFile = 100

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

// modelFiles lays the schemas out in models.go, or, when there are more
// than modelsPerFile, in files of at most modelsPerFile by the beginnings
// of their names (modelFileRanges): models_a-c.go, models_windowsi.go.
func (m *model) modelFiles() []modelFile {
	var list []*schemaInfo
	for _, si := range m.schemas {
		if si.kind != sAlias {
			list = append(list, si)
		}
	}
	// sorted by their names in file words (the order of the files'
	// letters), then by name
	keyed := make([]struct {
		key string
		si  *schemaInfo
	}, len(list))
	for i, si := range list {
		keyed[i].key, keyed[i].si = string(appendFileWord(nil, si.goName)), si
	}
	sort.SliceStable(keyed, func(i, j int) bool {
		if keyed[i].key != keyed[j].key {
			return keyed[i].key < keyed[j].key
		}
		return keyed[i].si.goName < keyed[j].si.goName
	})
	sorted := make([]string, len(list))
	for i, k := range keyed {
		list[i], sorted[i] = k.si, k.key
	}
	if len(list) <= modelsPerFile {
		return []modelFile{{"models.go", list}}
	}
	var out []modelFile
	for _, r := range modelFileRanges(sorted, modelsPerFile) {
		out = append(out, modelFile{r.name, list[r.from:r.to]})
	}
	return out
}

// A models file's range: the schemas from..to of the sorted list.
type modelRange struct {
	name     string
	from, to int
}

// modelFileRanges cuts keys (the schemas' names in file words, sorted) in
// files of at most n: the names are grouped by their first letter, a group
// of more than n split by the next letter, again while one is too large
// (a group of one name, or of names that end there, stays whole); then
// consecutive groups are put together while they fit in n. A file is
// named by its first group's letters, and its last group's after a "-"
// when it has more than one: models_a-c.go, models_windowsi.go,
// models_windowsm-wo.go. The letters that would make the name a test file
// or a build constraint (models_ios.go) are written as a range of one
// (models_ios-ios.go). Names with no letter or digit in the file words
// come first, as "0", which no name begins with.
func modelFileRanges(keys []string, n int) []modelRange {
	type group struct {
		prefix   string
		from, to int
	}
	var groups []group
	var split func(from, to, depth int)
	split = func(from, to, depth int) {
		for i := from; i < to; {
			p := prefixOf(keys[i], depth)
			j := i + 1
			for j < to && prefixOf(keys[j], depth) == p {
				j++
			}
			if j-i > n && len(p) == depth && !allEqual(keys[i:j]) {
				split(i, j, depth+1)
			} else {
				groups = append(groups, group{p, i, j})
			}
			i = j
		}
	}
	split(0, len(keys), 1)
	var out []modelRange
	for i := 0; i < len(groups); {
		j := i + 1
		for j < len(groups) && groups[j].to-groups[i].from <= n {
			j++
		}
		first, last := shown(groups[i].prefix), shown(groups[j-1].prefix)
		name := "models_" + first + ".go"
		if j-i > 1 || buildWords[first] {
			name = "models_" + first + "-" + last + ".go"
		}
		out = append(out, modelRange{name, groups[i].from, groups[j-1].to})
		i = j
	}
	return out
}

// prefixOf is the first depth bytes of key, or key when it is shorter.
func prefixOf(key string, depth int) string {
	if len(key) > depth {
		return key[:depth]
	}
	return key
}

// allEqual reports whether every key is the first.
func allEqual(keys []string) bool {
	for _, k := range keys[1:] {
		if k != keys[0] {
			return false
		}
	}
	return true
}

// shown is a group's letters in a file name: "0" for names without any.
func shown(prefix string) string {
	if prefix == "" {
		return "0"
	}
	return prefix
}
