package pipeline

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/graphdocgen/graphdocgen/templates"
)

// appPaths are the inputs of the app fixture as a new user gives them: 24
// API pages by name (calendar, downloads and upload sessions from
// generated/docs; users, mail and files from testdata/app) and the resource
// pages of both folders, with types that no operation of these pages
// reaches (group, team, chat, ...). Where both folders have a page of one
// name (driveitem-get-content.md, driveitem.md), the app's own is taken,
// as one docs tree has each page once.
func appPaths(t *testing.T) []string {
	t.Helper()
	var paths []string
	for _, sub := range []string{"api", "resources"} {
		app, err := filepath.Glob(filepath.Join("testdata", "app", sub, "*.md"))
		if err != nil {
			t.Fatal(err)
		}
		own := map[string]bool{}
		for _, p := range app {
			own[filepath.Base(p)] = true
		}
		fixture, err := filepath.Glob(filepath.Join(fixtureDocs, sub, "*.md"))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, p := range fixture {
			if !own[filepath.Base(p)] {
				paths = append(paths, p)
				n++
			}
		}
		if sub == "api" && n+len(app) != 24 {
			t.Fatalf("%d API pages, want 24", n+len(app))
		}
		paths = append(paths, app...)
	}
	return paths
}

// declaredTypes maps the type names declared at the top of the Go files
// (tests left out) to their declarations.
func declaredTypes(t *testing.T, files map[string][]byte) map[string]*ast.TypeSpec {
	t.Helper()
	out := map[string]*ast.TypeSpec{}
	fset := token.NewFileSet()
	for name, src := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.TYPE {
				for _, s := range gd.Specs {
					ts := s.(*ast.TypeSpec)
					out[ts.Name.Name] = ts
				}
			}
		}
	}
	return out
}

// goReached is the set of models the operations' signatures reach in the
// Go source, through the types of struct fields.
func goReached(t *testing.T, files map[string][]byte, decl map[string]*ast.TypeSpec) map[string]bool {
	t.Helper()
	reached := map[string]bool{}
	var mark func(n ast.Node)
	mark = func(n ast.Node) {
		ast.Inspect(n, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok || reached[id.Name] || decl[id.Name] == nil {
				return true
			}
			reached[id.Name] = true
			mark(decl[id.Name].Type)
			return true
		})
	}
	fset := token.NewFileSet()
	for name, src := range files {
		if !strings.HasPrefix(name, "ops_") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				mark(d.Type)
			case *ast.GenDecl:
				for _, s := range d.Specs {
					if ts, ok := s.(*ast.TypeSpec); ok {
						mark(ts.Type) // params structs
					}
				}
			}
		}
	}
	return reached
}

// TestAppEmitsOnlyReachedTypes generates the 24-page app: every model the
// package declares is reached from an operation in the Go code itself, or
// is a type derived from a reached one (the service may send it, marked
// with @odata.type); the types no operation reaches are left out, and
// kept with AllTypes.
func TestAppEmitsOnlyReachedTypes(t *testing.T) {
	res, err := Build(appPaths(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Failed() || len(res.Diags) > 0 {
		t.Fatalf("diagnostics:\n%s", res.Diags.Error())
	}
	files, err := res.GoFiles(Options{})
	if err != nil {
		t.Fatal(err)
	}
	st := res.Types
	all, err := res.GoFiles(Options{AllTypes: true})
	if err != nil {
		t.Fatal(err)
	}
	allSt := res.Types
	decl, allDecl := declaredTypes(t, files), declaredTypes(t, all)
	reached := goReached(t, files, decl)
	// a model's base types, from the document
	bases := map[string][]string{}
	for key, s := range res.Doc.Components.Schemas {
		for _, part := range s.Value.AllOf {
			if strings.HasPrefix(part.Ref, "#/components/schemas/") {
				bases[goTypeName(key)] = append(bases[goTypeName(key)], goTypeName(strings.TrimPrefix(part.Ref, "#/components/schemas/")))
			}
		}
	}
	var derived []string
	for name, ts := range decl {
		if _, model := ts.Type.(*ast.StructType); !model || reached[name] || runtimeType(files, name) {
			continue
		}
		if slices.ContainsFunc(bases[name], func(b string) bool { return reached[b] }) {
			derived = append(derived, name)
		}
	}
	// the base types of those (their properties are in each derived
	// struct, so Go does not refer to them)
	isBase := map[string]bool{}
	var up func(name string)
	up = func(name string) {
		for _, b := range bases[name] {
			if !isBase[b] {
				isBase[b] = true
				up(b)
			}
		}
	}
	for name := range reached {
		up(name)
	}
	for _, name := range derived {
		up(name)
	}
	for name, ts := range decl {
		if _, model := ts.Type.(*ast.StructType); model && !reached[name] && !isBase[name] && !slices.Contains(derived, name) && !runtimeType(files, name) {
			t.Errorf("type %s is emitted, yet no operation reaches it, it derives from no reached type and is no base of one", name)
		}
	}
	sort.Strings(derived)
	// eventMessage derives from message, which a List returns
	if !slices.Contains(derived, "EventMessage") || !isBase["Entity"] || !isBase["OutlookItem"] {
		t.Errorf("derived types kept: %v, bases %v; want EventMessage, and Entity and OutlookItem as bases", derived, isBase)
	}
	var pruned []string
	for name := range allDecl {
		if decl[name] == nil {
			pruned = append(pruned, name)
		}
	}
	sort.Strings(pruned)
	want := []string{
		"Attachment", "Calendar", "CalendarColor", "Channel", "Chat", "Extension", "Group", "MailFolder",
		"ODataError", "Permission", "Team", "TeamFunSettings", "Thumbnail", "ThumbnailSet",
	}
	if !slices.Equal(pruned, want) {
		t.Errorf("pruned types %v\nwant %v", pruned, want)
	}
	if st.Pruned != len(want) || st.Emitted+st.Pruned != st.Schemas || allSt.Emitted != st.Schemas || allSt.Pruned != 0 {
		t.Errorf("stats %+v, all types %+v", st, allSt)
	}
	// navigation properties to pruned types hold raw JSON; those to kept
	// types keep them
	for _, tf := range [][2]string{{"User", "Calendar"}, {"User", "JoinedTeams"}, {"Message", "Attachments"}, {"DriveItem", "Permissions"}} {
		typ, field := tf[0], tf[1]
		if got := fieldType(decl[typ], field); got != "json.RawMessage" {
			t.Errorf("%s.%s is %s, want json.RawMessage (its target is pruned)", typ, field, got)
		}
	}
	for typ, field := range map[string]string{"User": "Drive", "DriveItem": "Children"} {
		if got := fieldType(decl[typ], field); got == "json.RawMessage" {
			t.Errorf("%s.%s is raw JSON, though its target type is emitted", typ, field)
		}
	}
	if testing.Short() {
		return
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/app\n\ngo 1.24\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteDir(dir, files); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"vet", "./..."}, {"test", "-count=1", "./..."}} {
		cmd := exec.Command(goBin, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

// goTypeName is the Go name of a schema key without namespace, enough
// for the fixture (no two of its types share a name).
func goTypeName(key string) string {
	name := key[strings.LastIndex(key, ".")+1:]
	return strings.ToUpper(name[:1]) + name[1:]
}

// runtimeType reports whether name is declared in a runtime file
// (client.go, helpers.go), not a model.
func runtimeType(files map[string][]byte, name string) bool {
	rt, _ := templates.RuntimeFiles("graph")
	for f := range rt {
		src := string(files[f])
		if strings.Contains(src, "\ntype "+name+" ") || strings.Contains(src, "\ntype "+name+"[") || strings.Contains(src, "\n\t"+name+" ") {
			return true
		}
	}
	return false
}

// fieldType is the type expression of a struct field, as written.
func fieldType(ts *ast.TypeSpec, field string) string {
	if ts == nil {
		return "(no type)"
	}
	st, ok := ts.Type.(*ast.StructType)
	if !ok {
		return "(not a struct)"
	}
	for _, f := range st.Fields.List {
		for _, n := range f.Names {
			if n.Name == field {
				var b strings.Builder
				writeExpr(&b, f.Type)
				return b.String()
			}
		}
	}
	return "(no field)"
}

func writeExpr(b *strings.Builder, e ast.Expr) {
	switch e := e.(type) {
	case *ast.Ident:
		b.WriteString(e.Name)
	case *ast.SelectorExpr:
		writeExpr(b, e.X)
		b.WriteString("." + e.Sel.Name)
	case *ast.StarExpr:
		b.WriteString("*")
		writeExpr(b, e.X)
	case *ast.ArrayType:
		b.WriteString("[]")
		writeExpr(b, e.Elt)
	case *ast.IndexExpr:
		writeExpr(b, e.X)
		b.WriteString("[")
		writeExpr(b, e.Index)
		b.WriteString("]")
	default:
		b.WriteString("?")
	}
}
