package templates

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// mutation is a change to one generated method that its generated test
// must catch.
type mutation struct {
	kind   string
	file   string   // the ops file holding the method
	method string   // the Go method changed
	test   string   // the generated test that must fail
	repl   []string // old, new pairs replaced in the method's source; each old must occur
}

// funcSpan returns the byte range of the method name in the Go source src.
func funcSpan(t *testing.T, src []byte, name string) (start, end int) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "ops.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == name && fd.Recv != nil {
			return fset.Position(fd.Pos()).Offset, fset.Position(fd.End()).Offset
		}
	}
	t.Fatalf("no method %s", name)
	return 0, 0
}

// mutate returns src with m applied inside its method; it fails the test
// when the mutation does not apply.
func mutate(t *testing.T, src []byte, m mutation) []byte {
	t.Helper()
	start, end := funcSpan(t, src, m.method)
	body := string(src[start:end])
	for i := 0; i+1 < len(m.repl); i += 2 {
		if !strings.Contains(body, m.repl[i]) {
			t.Fatalf("%s: %q is not in %s:\n%s", m.kind, m.repl[i], m.method, body)
		}
	}
	return []byte(string(src[:start]) + strings.NewReplacer(m.repl...).Replace(body) + string(src[end:]))
}

// goTest runs the named generated tests in dir.
func goTest(t *testing.T, goBin, dir string, tests ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(goBin, "test", "-count=1", "-run", "^("+strings.Join(tests, "|")+")$", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestMutationsCaught is the mutation check of the generated tests: the
// path, the HTTP method, the result type and the escaping of a path
// argument are each changed in the generated code of one operation, and
// the operation's generated test must fail (not fail to build) each time.
// The documented success status is not among them: any 2xx succeeds
// (the service answers 200 where a page says 201), so changing the 202
// of CopyMeDriveItems to 201 changes no behaviour, and a GET answered
// 302 follows the redirect and streams. A result type that cannot take
// the docs' own example response (a collection where one object is
// declared, as the list-children page does) must make the test fail too.
func TestMutationsCaught(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test on a generated package once per mutation")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go not found")
	}
	files, err := Generate(loadDoc(t, "calendar.yaml"), Options{Package: "graph"})
	if err != nil {
		t.Fatal(err)
	}
	dir := writeModule(t, files)
	mutations := []mutation{
		{"path", "ops_me.go", "PermanentDeleteMeCalendarEvents", "TestOpPermanentDeleteMeCalendarEvents",
			[]string{`"/me/calendar/events/"`, `"/me/calendars/events/"`}},
		{"method", "ops_me.go", "PermanentDeleteMeCalendarEvents", "TestOpPermanentDeleteMeCalendarEvents",
			[]string{`"POST"`, `"DELETE"`}},
		{"escaping", "ops_me.go", "PermanentDeleteMeCalendarEvents", "TestOpPermanentDeleteMeCalendarEvents",
			[]string{`pathEscape(eventID)`, `eventID`}},
		{"result type", "ops_me.go", "CreateMeEvents", "TestOpCreateMeEvents",
			[]string{`(*Event, error)`, `(*Calendar, error)`, `invoke[Event]`, `invoke[Calendar]`}},
	}
	var tests []string
	for _, m := range mutations {
		tests = append(tests, m.test)
	}
	if out, err := goTest(t, goBin, dir, tests...); err != nil {
		t.Fatalf("the unchanged package fails its tests: %v\n%s", err, out)
	}
	for _, m := range mutations {
		t.Run(m.kind, func(t *testing.T) {
			name := filepath.Join(dir, m.file)
			orig := files[m.file]
			if err := os.WriteFile(name, mutate(t, orig, m), 0o644); err != nil {
				t.Fatal(err)
			}
			defer os.WriteFile(name, orig, 0o644)
			out, err := goTest(t, goBin, dir, m.test)
			if err == nil {
				t.Fatalf("%s changed in %s, yet %s passes:\n%s", m.kind, m.method, m.test, out)
			}
			if !strings.Contains(out, "--- FAIL: "+m.test) {
				t.Fatalf("%s: %s did not fail as a test (a build error?):\n%s", m.kind, m.test, out)
			}
			t.Logf("%s changed: %s fails:\n%s", m.kind, m.test, firstLines(out, 4))
		})
	}

	// The docs' example response of POST /me/events made a collection
	// page, as list-children's is, while the result type stays event.
	t.Run("example response of another type", func(t *testing.T) {
		doc := loadDoc(t, "calendar.yaml")
		rr := doc.Paths.Value("/me/events").Post.Responses.Status(201)
		ex := rr.Value.Content.Get("application/json").Examples["create-event"]
		ex.Value = openapi3.NewExample(map[string]any{
			"@odata.nextLink": "https://graph.microsoft.com/v1.0/me/events?$skiptoken=2",
			"value":           []any{map[string]any{"id": "AAMk1", "subject": "One"}},
		})
		files, err := Generate(doc, Options{Package: "graph"})
		if err != nil {
			t.Fatal(err)
		}
		dir := writeModule(t, files)
		out, err := goTest(t, goBin, dir, "TestOpCreateMeEvents")
		if err == nil || !strings.Contains(out, "the result type does not match the docs") {
			t.Fatalf("TestOpCreateMeEvents passes with a collection example for an event result: %v\n%s", err, out)
		}
	})
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}
