package golden

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDeltaUsersExample: a page documents delta for /me and for
// /users/{id}, and its one example asks the /users variant (written
// "delta()", percent-encoded user). The example belongs to the /users
// operation, and the generated /users test sends the example's user and
// window instead of placeholder values.
func TestDeltaUsersExample(t *testing.T) {
	out := runCase(t, filepath.Join("testdata", "delta-users-example"), 1)
	if strings.Contains(string(out.diags), "example-url") {
		t.Errorf("diagnostics about the example URL:\n%s", out.diags)
	}
	var doc struct {
		Paths map[string]map[string]struct {
			Examples []struct {
				Name string `json:"name"`
			} `json:"x-graph-examples"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(out.openapi, &doc); err != nil {
		t.Fatal(err)
	}
	if n := len(doc.Paths["/me/calendarView/delta"]["get"].Examples); n != 0 {
		t.Errorf("the /me variant has %d example(s), want 0", n)
	}
	if ex := doc.Paths["/users/{userId}/calendarView/delta"]["get"].Examples; len(ex) != 1 || ex[0].Name != "event_delta_users" {
		t.Errorf("the /users variant has examples %+v, want event_delta_users", ex)
	}
	src := string(out.goFiles["ops_users_test.go"])
	call := `c.DeltaUsersCalendarView(context.Background(), "megan@contoso.com", "2025-03-10T00:00:00Z", "2025-03-14T00:00:00Z")`
	if !strings.Contains(src, call) {
		t.Errorf("the /users test does not call %s:\n%s", call, src)
	}
}

// methodDecl is a generated method's name and its parameter list.
var methodDecl = regexp.MustCompile(`func \(c \*Client\) ([A-Za-z0-9]+)\(ctx context\.Context((?:, [A-Za-z0-9]+ [^,)]+)*)`)

// TestSegmentSpelling: in each generated package (every golden case and
// generated/), a path word is spelled one way in argument names and in
// method names alike (the docs write "calendarGroups" on one page and
// "calendargroups" on the next).
func TestSegmentSpelling(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("testdata", "*", "go"))
	dirs = append(dirs, filepath.Join("..", "generated", "calendar"))
	n := 0
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "ops_*"))
		var methods []string
		args := map[string]map[string]bool{} // lower case -> spellings
		for _, f := range files {
			if strings.Contains(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range methodDecl.FindAllStringSubmatch(string(b), -1) {
				methods = append(methods, m[1])
				for _, a := range strings.Split(m[2], ", ") {
					name, _, ok := strings.Cut(a, " ")
					if !ok || name == "" || name == "body" || name == "params" {
						continue
					}
					w := strings.TrimSuffix(name, "ID")
					k := strings.ToLower(w)
					if args[k] == nil {
						args[k] = map[string]bool{}
					}
					args[k][w] = true
				}
			}
		}
		n += len(methods)
		for k, sp := range args {
			if len(sp) > 1 {
				t.Errorf("%s: argument word %q spelled %d ways: %v", dir, k, len(sp), sp)
			}
			for w := range sp {
				exp := strings.ToUpper(w[:1]) + w[1:] // as a method name spells it
				for _, m := range methods {
					if i := strings.Index(strings.ToLower(m), k); i >= 0 && len(k) > 3 && m[i:i+len(k)] != exp && strings.EqualFold(m[i:i+len(k)], exp) && m[i:i+len(k)] != strings.ToLower(exp) {
						t.Errorf("%s: method %s spells %q, argument %s", dir, m, m[i:i+len(k)], w)
					}
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no generated methods found")
	}
}
