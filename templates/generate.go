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
	r := newRenderer(opts)
	err := buildFiles(doc, opts, r.add)
	out, rerr := r.wait()
	if err != nil {
		return nil, err
	}
	if rerr != nil {
		return nil, fmt.Errorf("generate: %w", rerr)
	}
	rt, err := copyRuntime(opts.packageName(), opts.Cache)
	if err != nil {
		return nil, fmt.Errorf("generate: %w", err)
	}
	for name, data := range rt {
		if _, ok := out[name]; ok {
			return nil, fmt.Errorf("generate: %s is both a runtime file and a generated one", name)
		}
		out[name] = data
	}
	return out, nil
}

// buildFiles analyzes doc and hands add, for every file, the function
// that builds its jennifer tree. The analysis is global and done first;
// building a file only reads it, so the functions may run concurrently
// (the renderer calls them in its workers: the operations and their
// tests are most of the building).
func buildFiles(doc *openapi3.T, opts Options, add func(name string, build func() *jen.File)) error {
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
	groups := map[string][]*opInfo{}
	for _, o := range m.ops {
		groups[o.group] = append(groups[o.group], o)
	}
	paramsOf := map[string][]*paramsStruct{}
	for _, ps := range m.params {
		g := ps.ops[0].group
		paramsOf[g] = append(paramsOf[g], ps)
	}
	// The operations first: they are most of the work, and the renderer
	// starts on them while the rest is built.
	for _, g := range sortedKeys(groups) {
		add("ops_"+g+".go", func() *jen.File {
			f := newFile(pkg)
			for _, ps := range paramsOf[g] {
				ps.emit(f.Group)
			}
			for _, o := range groups[g] {
				o.emitOp(f.Group)
			}
			return f
		})
		add("ops_"+g+"_test.go", func() *jen.File { return m.testFile(g, groups[g]) })
	}
	// The model files are built here, each handed over as it is complete.
	m.modelFiles(func(name string, f *jen.File) { add(name, func() *jen.File { return f }) })
	add("doc.go", m.docFile)
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

// modelFiles lays the schemas out in models.go, or in models_X-Y.go files
// by first letter when there are many, handing each file to add when it is
// complete (all of v1.0's model trees at once were a fifth of generate's
// peak memory).
func (m *model) modelFiles(add func(name string, f *jen.File)) {
	var list []*schemaInfo
	for _, si := range m.schemas {
		if si.kind != sAlias {
			list = append(list, si)
		}
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].goName < list[j].goName })
	if len(list) <= modelsPerFile {
		f := newFile(m.pkg)
		for _, si := range list {
			m.emitSchema(f.Group, si)
			f.Line()
		}
		add("models.go", f)
		return
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
		f := newFile(m.pkg)
		for _, si := range cur {
			m.emitSchema(f.Group, si)
			f.Line()
		}
		add(name, f)
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
}
