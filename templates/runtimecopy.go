package templates

import (
	"embed"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"strings"
	"sync"
)

// The fixed runtime of every generated package is the real Go package in
// runtime/ (see its document.go for which of its files are copied). It is
// embedded here and copied into each generated package with its package
// clause rewritten through go/ast and the generated-file header added.
//
// The runtime's files are gofmt-clean (go/printer prints each as it is),
// so the copy is the file with its package name, at the position the
// parser gave it, replaced: what printing the rewritten tree gives
// (TestRuntimeCopyIsPrinted holds the two together), without parsing
// and printing 90 KB on every run (~14 ms of CPU).

//go:embed runtime/*.go
var runtimeFS embed.FS

// runtimeStandIn is the runtime file that stands in for the per-document
// declarations the generator writes itself (doc.go): not copied, but its
// names are reserved like the others.
const runtimeStandIn = "document.go"

// runtimeSource is one parsed runtime file.
type runtimeSource struct {
	name string // file name in the generated package
	copy bool   // copied into the generated package
	test bool   // a _test.go file
	src  []byte
	// name is the package clause's name: its offset in src and length
	nameOff, nameLen int
}

// copiedRuntimeFile reports whether the runtime file name is copied into
// every generated package: the non-test files but the stand-in, and the
// test helpers of the generated operation tests (ops_*_test.go).
func copiedRuntimeFile(name string) bool {
	if strings.HasSuffix(name, "_test.go") {
		return strings.HasPrefix(name, "ops_")
	}
	return name != runtimeStandIn
}

// runtimeDecls is what the runtime declares, read from its syntax trees.
type runtimeDecls struct {
	files []runtimeSource
	// names are the package-level identifiers of the copied files and the
	// stand-in (the generated doc.go declares those), sorted: no model,
	// params struct or constant may take them.
	names []string
	// testNames are the package-level identifiers of the copied test
	// files, sorted.
	testNames []string
	// methods are the methods declared on Client, sorted.
	methods []string
}

// loadRuntime reads the embedded runtime once.
var loadRuntime = sync.OnceValues(func() (*runtimeDecls, error) {
	entries, err := fs.ReadDir(runtimeFS, "runtime")
	if err != nil {
		return nil, fmt.Errorf("runtime: %w", err)
	}
	d := &runtimeDecls{}
	seen := map[string]bool{}
	seenTest := map[string]bool{}
	seenMethod := map[string]bool{}
	for _, e := range entries {
		name := e.Name()
		copied := copiedRuntimeFile(name)
		test := strings.HasSuffix(name, "_test.go")
		if test && !copied {
			continue
		}
		src, err := runtimeFS.ReadFile(path.Join("runtime", name))
		if err != nil {
			return nil, fmt.Errorf("runtime: %w", err)
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("runtime: %w", err)
		}
		for _, n := range topLevelNames(f) {
			if test {
				seenTest[n] = true
			} else {
				seen[n] = true
			}
		}
		for _, m := range methodsOf(f, "Client") {
			seenMethod[m] = true
		}
		if copied {
			off := fset.Position(f.Name.Pos()).Offset
			d.files = append(d.files, runtimeSource{name: name, copy: true, test: test, src: src, nameOff: off, nameLen: len(f.Name.Name)})
		}
	}
	d.names = sortedKeys(seen)
	d.testNames = sortedKeys(seenTest)
	d.methods = sortedKeys(seenMethod)
	return d, nil
})

// rtMethods returns the methods the runtime declares on Client: no
// operation method may take them.
func rtMethods() []string {
	d, err := loadRuntime()
	if err != nil {
		return nil
	}
	return d.methods
}

// topLevelNames returns the package-level identifiers f declares (not
// methods, not the blank identifier).
func topLevelNames(f *ast.File) []string {
	var out []string
	for _, decl := range f.Decls {
		switch x := decl.(type) {
		case *ast.FuncDecl:
			if x.Recv == nil {
				out = append(out, x.Name.Name)
			}
		case *ast.GenDecl:
			for _, s := range x.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					out = append(out, s.Name.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						if n.Name != "_" {
							out = append(out, n.Name)
						}
					}
				}
			}
		}
	}
	return out
}

// methodsOf returns the names of the methods f declares on typ or *typ.
func methodsOf(f *ast.File, typ string) []string {
	var out []string
	for _, decl := range f.Decls {
		fd, ok := decl.(*ast.FuncDecl)
		if !ok || fd.Recv == nil || len(fd.Recv.List) == 0 {
			continue
		}
		if receiverType(fd.Recv.List[0].Type) == typ {
			out = append(out, fd.Name.Name)
		}
	}
	return out
}

func receiverType(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.StarExpr:
		return receiverType(x.X)
	case *ast.IndexExpr:
		return receiverType(x.X)
	case *ast.IndexListExpr:
		return receiverType(x.X)
	case *ast.Ident:
		return x.Name
	}
	return ""
}

// runtimeFiles returns the runtime's files for the generated package pkg,
// by name: each parsed, its package clause set to pkg, printed in gofmt
// style and headed by the generated-file comment.
func runtimeFiles(pkg string) (map[string][]byte, error) { return copyRuntime(pkg, nil) }

// copyRuntime is runtimeFiles through cache, when not nil: a file whose
// source and package name did not change is taken from it.
func copyRuntime(pkg string, cache FileCache) (map[string][]byte, error) {
	d, err := loadRuntime()
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, rf := range d.files {
		var key string
		if cache != nil {
			key = fileKey(append([]byte("package "+pkg+"\n"), rf.src...))
			if data, ok := cache.Get(rf.name, key); ok {
				out[rf.name] = data
				continue
			}
		}
		data := rf.copyAs(pkg)
		out[rf.name] = data
		if cache != nil {
			cache.Put(rf.name, data, key)
		}
	}
	return out, nil
}

// copyAs is the file in package pkg: the generated-file header, then
// the source with the package clause's name replaced.
func (rf runtimeSource) copyAs(pkg string) []byte {
	header := "// " + genHeader + "\n\n"
	out := make([]byte, 0, len(header)+len(rf.src)-rf.nameLen+len(pkg))
	out = append(out, header...)
	out = append(out, rf.src[:rf.nameOff]...)
	out = append(out, pkg...)
	return append(out, rf.src[rf.nameOff+rf.nameLen:]...)
}

// RuntimeFiles returns the files every generated package of name pkg
// gets from the runtime, by name; they are the same for every document,
// so the golden cases leave them out and add them back to build a case.
func RuntimeFiles(pkg string) (map[string][]byte, error) { return runtimeFiles(pkg) }
