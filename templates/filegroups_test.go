package templates

import (
	"encoding/json"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// opsAt makes n operations at path, as buildOp leaves them: their
// path's segments and group.
func opsAt(path string, n int) []*opInfo {
	segs := splitPath(path)
	var out []*opInfo
	for range n {
		out = append(out, &opInfo{opCall: &opCall{path: path, segs: segs}, opModel: opModel{group: groupName(segs)}})
	}
	return out
}

// TestSplitFileGroups: a group of more than splitAbove operations is
// split by the next literal segment, sub-groups of ownFileMin or more
// getting files of their own, again while one is too large; the rest,
// and words the go command reads in a file name, stay in the group.
func TestSplitFileGroups(t *testing.T) {
	var ops []*opInfo
	want := map[*opInfo]string{}
	add := func(path string, n int, group string) {
		for _, o := range opsAt(path, n) {
			ops = append(ops, o)
			want[o] = group
		}
	}
	// /me: 60+30+5+3+10+10+1 = 119 > 100
	add("/me/events/{id}", 60, "me_events")
	add("/me/drive/items/{id}", 30, "me_drive")
	add("/me/photo/$value", 5, "me") // 5 < ownFileMin
	add("/me", 3, "me")              // the path ends before
	add("/me/test/{id}", 10, "me")   // ops_me_test.go would be a test file
	add("/me/linux", 10, "me")       // ops_me_linux.go would be built on Linux alone
	add("/me/microsoft.graph.delta()", 1, "me")
	// /users: split twice, by the literal segments after the placeholders
	add("/users/{id}/drive/items/{id}/children", 120, "users_drive_items_children")
	add("/users/{id}/drive/items/{id}", 30, "users_drive_items")
	add("/users/{id}/drive/root", 15, "users_drive_root")
	add("/users/{id}/drive", 9, "users_drive")
	add("/users/{id}", 2, "users")
	// exactly splitAbove: one file
	add("/groups/{id}/events", splitAbove, "groups")
	splitFileGroups(ops)
	got := map[string]int{}
	for _, o := range ops {
		got[o.group]++
		if o.group != want[o] {
			t.Errorf("%s: group %q, want %q", o.path, o.group, want[o])
		}
	}
	if t.Failed() {
		t.Logf("groups: %v", got)
	}
	// users_drive_items_children is still over splitAbove, with no
	// segment left to split it by: one file
	if got["users_drive_items_children"] != 120 {
		t.Errorf("users_drive_items_children has %d operations, want 120", got["users_drive_items_children"])
	}
}

// TestSplitFileGroupsOrder: a file keeps its operations in the order
// they come, and the split does not depend on it.
func TestSplitFileGroupsOrder(t *testing.T) {
	a := append(opsAt("/me/events", 90), opsAt("/me/calendar/events", 20)...)
	b := append(opsAt("/me/calendar/events", 20), opsAt("/me/events", 90)...)
	splitFileGroups(a)
	splitFileGroups(b)
	if a[0].group != "me_events" || a[100].group != "me_calendar" || b[0].group != "me_calendar" || b[30].group != "me_events" {
		t.Errorf("groups %s %s / %s %s", a[0].group, a[100].group, b[0].group, b[30].group)
	}
}

// TestBuildWords: every GOOS and GOARCH of the toolchain is a word no
// file of its own is made for (a file ops_me_linux.go would be built on
// Linux alone).
func TestBuildWords(t *testing.T) {
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	out, err := exec.Command(gobin, "tool", "dist", "list", "-json").Output()
	if err != nil {
		t.Skip("go tool dist list:", err)
	}
	var ports []struct{ GOOS, GOARCH string }
	if err := json.Unmarshal(out, &ports); err != nil {
		t.Fatal(err)
	}
	if len(ports) < 10 {
		t.Fatalf("only %d ports listed", len(ports))
	}
	for _, p := range ports {
		for _, w := range []string{p.GOOS, p.GOARCH} {
			if !buildWords[w] {
				t.Errorf("%s is not in buildWords", w)
			}
		}
	}
}

// TestErrorTestNames: the test of each file's error path is named after
// the file, and no two files' share a name.
func TestErrorTestNames(t *testing.T) {
	seen := map[string]string{}
	for _, g := range []string{"me", "me_events", "meevents", "me_events_1x", "me_events_n1x", "users_drive_items", "usersdrive_items", "root"} {
		n := errorTestName(g)
		if prev, ok := seen[n]; ok {
			t.Errorf("%s and %s: both %s", prev, g, n)
		}
		seen[n] = g
	}
	if got := errorTestName("users"); got != "TestOpsErrorUsers" {
		t.Errorf("users: %s", got)
	}
	if got := errorTestName("me_drive_items"); got != "TestOpsErrorMe_drive_items" {
		t.Errorf("me_drive_items: %s", got)
	}
}

// TestGenerateSplitGroup: a document whose /me has more than splitAbove
// operations gets ops_me_events.go and its test beside ops_me.go, the
// params struct in the file of the first operation using it.
func TestGenerateSplitGroup(t *testing.T) {
	doc := loadDoc(t, "calendar.yaml")
	item := doc.Paths.Value("/me/events/{eventId}")
	for i := range splitAbove {
		doc.Paths.Set(fmt.Sprintf("/me/events/{eventId}/n%d", i), item)
	}
	files := generate(t, doc)
	fset := token.NewFileSet()
	for name, src := range files {
		if _, err := parser.ParseFile(fset, name, src, 0); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	events, me := string(files["ops_me_events.go"]), string(files["ops_me.go"])
	if events == "" || me == "" || files["ops_me_events_test.go"] == nil {
		t.Fatalf("no ops_me_events.go, ops_me_events_test.go or ops_me.go beside it: %d files", len(files))
	}
	for _, s := range []string{"func (c *Client) GetMeEvents(", "type EventGetParams struct"} {
		if !strings.Contains(events, s) || strings.Contains(me, s) {
			t.Errorf("%q is not in ops_me_events.go alone", s)
		}
	}
	if !strings.Contains(me, "func (c *Client) GetMePhotoValue(") && !strings.Contains(me, "PhotoValue") {
		t.Errorf("ops_me.go lost /me/photo/$value")
	}
	if !strings.Contains(string(files["ops_me_events_test.go"]), "func TestOpsErrorMe_events(") {
		t.Errorf("ops_me_events_test.go has no TestOpsErrorMe_events")
	}
	if !strings.Contains(string(files["ops_users.go"]), "params *EventGetParams") {
		t.Errorf("ops_users.go does not use EventGetParams of ops_me_events.go")
	}
}

// TestFileGroupsDocumented: the package doc states the rule's numbers.
func TestFileGroupsDocumented(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(strings.ReplaceAll(string(src), "//", "")), " ")
	for _, s := range []string{fmt.Sprintf("more than %d operations", splitAbove), fmt.Sprintf("sub-group of %d or more", ownFileMin), fmt.Sprintf("more than %d, files of at most %d", modelsPerFile, modelsPerFile)} {
		if !strings.Contains(text, s) {
			t.Errorf("doc.go does not say %q", s)
		}
	}
}

// TestModelFileRanges: the models are cut by the beginnings of their
// names into files of at most n, a letter split further while its names
// are too many, small neighbours put together, and no file named so that
// the go command would read it as a test or for one system only.
func TestModelFileRanges(t *testing.T) {
	var keys []string
	add := func(prefix string, k int) {
		for i := range k {
			keys = append(keys, fmt.Sprintf("%s%03d", prefix, i))
		}
	}
	add("", 0)
	add("a", 3)
	add("b", 4)
	add("ios", 5)  // alone: a build word
	add("user", 0) // user itself below
	keys = append(keys, "user")
	add("usera", 6)
	add("userb", 6)
	add("w", 2)
	add("windowsa", 7)
	add("windowsb", 7)
	sort.Strings(keys)
	got := modelFileRanges(keys, 10)
	var names []string
	next := 0
	for _, r := range got {
		names = append(names, fmt.Sprintf("%s:%d", r.name, r.to-r.from))
		if r.from != next || r.to <= r.from || r.to-r.from > 10 {
			t.Errorf("%s: %d..%d after %d", r.name, r.from, r.to, next)
		}
		next = r.to
	}
	if next != len(keys) {
		t.Errorf("the ranges end at %d of %d", next, len(keys))
	}
	// a 3, b 4, i 5; u 13 split down to user 1 (the name that ends
	// there), usera 6, userb 6; w 16 split to w0 2, windowsa 7,
	// windowsb 7; then put together up to 10 in their order
	want := "models_a-b.go:7 models_i-user.go:6 models_usera.go:6 models_userb-w0.go:8 models_windowsa.go:7 models_windowsb.go:7"
	if g := strings.Join(names, " "); g != want {
		t.Errorf("ranges:\n%s\nwant\n%s", g, want)
	}
	// a group alone whose letters are a build word: io 11 split to ioa 6
	// and ios 5, neither put together with its neighbours
	keys = nil
	add("ioa", 6)
	add("ios", 5)
	add("iz", 6)
	var got2 []string
	for _, r := range modelFileRanges(keys, 10) {
		got2 = append(got2, r.name)
	}
	if g, w := strings.Join(got2, " "), "models_ioa.go models_ios-ios.go models_iz.go"; g != w {
		t.Errorf("ranges %s, want %s", g, w)
	}
	// names alike beyond splitting stay in one file
	same := []string{"x", "x", "x"}
	if r := modelFileRanges(same, 2); len(r) != 1 || r[0].to != 3 {
		t.Errorf("equal names: %+v", r)
	}
	// names without file letters come first, as "0"
	if r := modelFileRanges([]string{"", "", "a", "b", "c"}, 2); r[0].name != "models_0.go" {
		t.Errorf("no letters: %+v", r)
	}
}
