package templates

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sort"
	"testing"
	"unsafe"

	"github.com/getkin/kin-openapi/openapi3"
)

// editedRun is a run of Generate after an edit, with a cache warmed on
// the document before it.
type editedRun struct {
	before, want, got map[string][]byte
	stats             FileStats
	changed           []string // the files whose bytes the edit changed
	formatted         []string // the files the run formatted
}

// runEdited warms a cache on calendar.yaml, edits a fresh load of it,
// and generates the edited document with the cache and without.
func runEdited(t *testing.T, edit func(doc *openapi3.T)) editedRun {
	t.Helper()
	c := newMemCache()
	var r editedRun
	var err error
	if r.before, err = Generate(loadDoc(t, "calendar.yaml"), Options{Cache: c}); err != nil {
		t.Fatal(err)
	}
	doc := loadDoc(t, "calendar.yaml")
	edit(doc)
	if r.want, err = Generate(doc, Options{}); err != nil {
		t.Fatal(err)
	}
	for name, data := range r.want {
		if !bytes.Equal(data, r.before[name]) {
			r.changed = append(r.changed, name)
		}
	}
	slices.Sort(r.changed)
	c.reset()
	if r.got, err = Generate(doc, Options{Cache: c, Files: &r.stats}); err != nil {
		t.Fatal(err)
	}
	r.formatted = c.formatted()
	return r
}

// check fails t unless the edited run gave the bytes of the run without
// cache, every file has an input key, and every file the edit changed
// was rendered and formatted, and no other formatted.
func (r editedRun) check(t *testing.T, what string) {
	t.Helper()
	sameFiles(t, what, r.want, r.got)
	if len(r.stats.Unkeyed) > 0 {
		t.Errorf("%s: files without an input key: %v", what, r.stats.Unkeyed)
	}
	for _, name := range r.changed {
		if !slices.Contains(r.stats.Rendered, name) {
			t.Errorf("%s: %s changed and was not rendered", what, name)
		}
	}
	if !slices.Equal(r.formatted, r.changed) {
		t.Errorf("%s: formatted %v, want the files that changed, %v", what, r.formatted, r.changed)
	}
}

func operation(t *testing.T, doc *openapi3.T, path, method string) *openapi3.Operation {
	t.Helper()
	item := doc.Paths.Value(path)
	if item == nil || item.GetOperation(method) == nil {
		t.Fatalf("calendar.yaml has no %s %s", method, path)
	}
	return item.GetOperation(method)
}

func component(t *testing.T, doc *openapi3.T, name string) *openapi3.Schema {
	t.Helper()
	ref := doc.Components.Schemas[name]
	if ref == nil || ref.Value == nil {
		t.Fatalf("calendar.yaml has no schema %s", name)
	}
	return ref.Value
}

// TestInputKeysOneOperation: after one operation's summary changes, only
// the file made from it is rendered (its operations file; its test file
// is not made from the summary, opDoc), and doc.go, rendered on every
// run; the operations file alone is formatted.
func TestInputKeysOneOperation(t *testing.T) {
	r := runEdited(t, func(doc *openapi3.T) {
		operation(t, doc, "/me/events/{eventId}", "GET").Summary += " (edited)"
	})
	r.check(t, "a summary edited")
	if !slices.Equal(r.changed, []string{"ops_me.go"}) {
		t.Errorf("the edit changed %v, want ops_me.go alone", r.changed)
	}
	if want := []string{"doc.go", "ops_me.go"}; !slices.Equal(r.stats.Rendered, want) {
		t.Errorf("rendered %v, want %v", r.stats.Rendered, want)
	}
}

// TestInputKeysReferencedSchema: a schema that other schemas and the
// operations reach through them changes: every file that reaches it is
// rendered, the files that change are formatted, and the files that do
// not reach it are not rendered.
func TestInputKeysReferencedSchema(t *testing.T) {
	r := runEdited(t, func(doc *openapi3.T) {
		// start and end of an event, and so of its operations' tests
		s := component(t, doc, "microsoft.graph.dateTimeTimeZone")
		s.Properties["dateTime"].Value.Type = &openapi3.Types{"integer"}
	})
	r.check(t, "a referenced schema edited")
	if !slices.Contains(r.changed, "models.go") {
		t.Errorf("the edit did not change models.go: %v", r.changed)
	}
	for _, name := range []string{"ops_me.go", "ops_me_test.go", "ops_users.go", "ops_groups.go"} {
		if !slices.Contains(r.stats.Rendered, name) {
			t.Errorf("%s reaches the schema and was not rendered: %v", name, r.stats.Rendered)
		}
	}
	for _, name := range []string{"ops_reports.go", "ops_reports_test.go"} {
		if _, ok := r.want[name]; !ok {
			t.Fatalf("no %s", name)
		}
		if slices.Contains(r.stats.Rendered, name) {
			t.Errorf("%s does not reach the schema and was rendered", name)
		}
	}
}

// TestInputKeysNameCollision: a new schema whose Go name is that of a
// params struct (the names of types come first) renames the struct: the
// files that name it change, though none of their operations did, and
// are rendered; the schema is pruned (no operation reaches it), so the
// models are not.
func TestInputKeysNameCollision(t *testing.T) {
	r := runEdited(t, func(doc *openapi3.T) {
		doc.Components.Schemas["microsoft.graph.eventGetParams"] = &openapi3.SchemaRef{Value: &openapi3.Schema{
			Type:       &openapi3.Types{"object"},
			Properties: openapi3.Schemas{"x": {Value: &openapi3.Schema{Type: &openapi3.Types{"string"}}}},
		}}
	})
	r.check(t, "a colliding schema added")
	if !bytes.Contains(r.got["ops_me.go"], []byte("EventGetParams2")) {
		t.Fatal("the params struct was not renamed: the test proves nothing")
	}
	for _, name := range []string{"ops_me.go", "ops_me_test.go", "ops_users.go", "ops_users_test.go"} {
		if !slices.Contains(r.changed, name) {
			t.Errorf("the rename did not change %s: %v", name, r.changed)
		}
	}
	// the files that reach the struct name it: they, and doc.go, are
	// all that is rendered
	for _, name := range r.stats.Rendered {
		if name != "doc.go" && !slices.Contains(r.changed, name) {
			t.Errorf("%s was rendered and did not change: %v", name, r.changed)
		}
	}
}

// TestInputKeysEverywhere: one edit at a time of every operation (its
// summary, its first parameter's description, its response example) and
// every schema (its description, each property's description, each
// property's type), each on a cache warmed without it, gives the bytes
// of a run without cache, formatting exactly the files that changed.
func TestInputKeysEverywhere(t *testing.T) {
	type edit struct {
		what string
		do   func(doc *openapi3.T)
	}
	var edits []edit
	doc := loadDoc(t, "calendar.yaml")
	for _, path := range doc.Paths.InMatchingOrder() {
		for method := range doc.Paths.Value(path).Operations() {
			op := func(doc *openapi3.T) *openapi3.Operation { return operation(t, doc, path, method) }
			edits = append(edits,
				edit{method + " " + path + " summary", func(doc *openapi3.T) { op(doc).Summary += " (edited)" }},
				edit{method + " " + path + " first parameter", func(doc *openapi3.T) {
					for _, p := range op(doc).Parameters {
						if p.Value != nil {
							p.Value = &openapi3.Parameter{Name: p.Value.Name, In: p.Value.In, Required: p.Value.Required,
								Schema: p.Value.Schema, Description: p.Value.Description + " (edited)", Extensions: p.Value.Extensions}
							return
						}
					}
				}},
				edit{method + " " + path + " response example", func(doc *openapi3.T) {
					for _, rr := range op(doc).Responses.Map() {
						if rr.Value == nil {
							continue
						}
						for _, mt := range rr.Value.Content {
							for name, ex := range mt.Examples {
								if ex.Value != nil {
									mt.Examples[name] = &openapi3.ExampleRef{Value: &openapi3.Example{Value: map[string]any{"edited": "yes"}}}
									return
								}
							}
						}
					}
				}},
			)
		}
	}
	for _, name := range sortedKeys(doc.Components.Schemas) {
		s := func(doc *openapi3.T) *openapi3.Schema { return component(t, doc, name) }
		edits = append(edits, edit{name + " description", func(doc *openapi3.T) { s(doc).Description += " (edited)" }})
		props := sortedKeys(doc.Components.Schemas[name].Value.Properties)
		for _, p := range props {
			prop := func(doc *openapi3.T) *openapi3.SchemaRef { return s(doc).Properties[p] }
			edits = append(edits,
				edit{name + "." + p + " description", func(doc *openapi3.T) {
					if v := prop(doc).Value; v != nil {
						c := *v
						c.Description += " (edited)"
						prop(doc).Value = &c
					}
				}},
				edit{name + "." + p + " type", func(doc *openapi3.T) {
					s(doc).Properties[p] = &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"number"}}}
				}},
			)
		}
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].what < edits[j].what })
	if len(edits) < 50 {
		t.Fatalf("%d edits", len(edits))
	}
	if testing.Short() {
		// every fifth, and all of the first ten
		var some []edit
		for i, e := range edits {
			if i < 10 || i%5 == 0 {
				some = append(some, e)
			}
		}
		edits = some
	}
	changedSome := 0
	for _, e := range edits {
		r := runEdited(t, e.do)
		r.check(t, e.what)
		if len(r.changed) > 0 {
			changedSome++
		}
	}
	t.Logf("%d edits, %d changed a file", len(edits), changedSome)
	if changedSome < len(edits)/3 {
		t.Errorf("only %d of %d edits changed a file: the test proves little", changedSome, len(edits))
	}
}

// TestInputKeyRefusesForeignValues: a value of a type outside the
// model's packages (a pointer into the OpenAPI document) has no key.
func TestInputKeyRefusesForeignValues(t *testing.T) {
	h, err := newKeyHasher(nil)
	if err != nil {
		t.Fatal(err)
	}
	type holder struct{ op *openapi3.Operation }
	for _, in := range []any{holder{&openapi3.Operation{}}, func() {}, map[int]string{1: "a"}} {
		if k, err := h.key("x.go", in); err == nil {
			t.Errorf("%T: key %s, want an error", in, k)
		}
	}
	if _, err := h.key("x.go", opsFileIn{pkg: "graph"}); err != nil {
		t.Errorf("an empty operations file: %v", err)
	}
}

// TestInputKeyFollowsValues: the key changes with any value reached,
// through pointers and schemas, and not with the addresses.
func TestInputKeyFollowsValues(t *testing.T) {
	mk := func(desc, inner string) (opsFileIn, []*schemaInfo) {
		leaf := &schemaInfo{component: "leaf", goName: "Leaf", kind: sObject, desc: inner}
		root := &schemaInfo{component: "root", goName: "Root", kind: sObject}
		root.fields = []*fieldInfo{{json: "l", goName: "L", typ: &goType{kind: tModel, named: leaf}}, {json: "self", goName: "Self", typ: &goType{kind: tModel, named: root}}}
		o := &opInfo{opCall: &opCall{method: "GET", path: "/r", resultType: &goType{kind: tModel, named: root}}}
		o.summary = desc
		return opsFileIn{pkg: "graph", ops: []*opInfo{o}}, []*schemaInfo{root, leaf}
	}
	key := func(desc, inner string) string {
		in, schemas := mk(desc, inner)
		h, err := newKeyHasher(schemas)
		if err != nil {
			t.Fatal(err)
		}
		k, err := h.key("ops_r.go", in)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	base := key("a", "b")
	if base != key("a", "b") {
		t.Error("the same values, two keys")
	}
	for _, c := range [][2]string{{"a2", "b"}, {"a", "b2"}} {
		if key(c[0], c[1]) == base {
			t.Errorf("%v: the key did not change", c)
		}
	}
	if fmt.Sprint(base) == "" || len(base) != 64 {
		t.Errorf("key %q", base)
	}
}

// TestInputKeyMapFastPaths: decoded JSON objects and header maps, which
// the walk reads without reflection, are written as the reflective walk
// writes maps of other types (named here, so they take it).
func TestInputKeyMapFastPaths(t *testing.T) {
	type object map[string]any
	type headers map[string]string
	sum := func(v any) string {
		w := newKeyWriter(func(*keyWriter, *schemaInfo) error { return nil })
		if err := w.value(reflect.ValueOf(v)); err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("%x", w.sum(nil))
	}
	inner := map[string]any{"z": []any{1.5, "x", nil, map[string]any{}}, "a": json.Number("7"), "m": nil}
	for _, c := range []struct{ fast, slow any }{
		{map[string]any{}, object{}},
		{map[string]any{"b": true, "a": inner, "": "empty"}, object{"b": true, "a": inner, "": "empty"}},
		{map[string]string{"Prefer": "x", "A": ""}, headers{"Prefer": "x", "A": ""}},
		{map[string]string(nil), headers(nil)},
	} {
		if f, s := sum(c.fast), sum(c.slow); f != s {
			t.Errorf("%v: %s by the fast path, %s by reflection", c.fast, f, s)
		}
	}
	if sum(map[string]any{"a": 1.0}) == sum(map[string]any{"a": 2.0}) {
		t.Error("two values, one hash")
	}
}

// TestInputKeySharedValues: a file's key is the same whether the values
// it shares with other files were hashed first (share) or are hashed
// where they are met, and changes with them.
func TestInputKeySharedValues(t *testing.T) {
	doc := loadDoc(t, "calendar.yaml")
	m, err := buildModel(doc, "graph", false)
	if err != nil {
		t.Fatal(err)
	}
	keys := func(share bool) map[string]string {
		h, err := newKeyHasher(m.all)
		if err != nil {
			t.Fatal(err)
		}
		if share {
			h.share(m.ops)
			if len(h.shared) == 0 {
				t.Fatal("nothing shared")
			}
		}
		out := map[string]string{}
		for _, o := range m.ops {
			for name, in := range map[string]any{
				"ops": opsFileIn{"graph", nil, opsView([]*opInfo{o})}, "test": testFileIn{"graph", "g", testsView([]*opInfo{o})},
			} {
				k, err := h.key(name, in)
				if err != nil {
					t.Fatal(err)
				}
				out[o.method+" "+o.path+" "+name] = k
			}
		}
		return out
	}
	lazy, shared := keys(false), keys(true)
	if !maps.Equal(lazy, shared) {
		t.Error("the keys differ with the shared values hashed first")
	}
	o := m.ops[0]
	o.goName += "X" // in the call: both files change
	edited := keys(true)
	for _, name := range []string{"ops", "test"} {
		k := o.method + " " + o.path + " " + name
		if edited[k] == shared[k] {
			t.Errorf("%s: the key did not change with the call", k)
		}
	}
}

// TestPtrTable: the pointer table numbers pointers as a map of seenPtr
// to the count before it did, across growing and resets, and tells two
// types at one address apart.
func TestPtrTable(t *testing.T) {
	var pt ptrTable
	for round := range 3 {
		want := map[seenPtr]uint64{}
		fields := make([]fieldInfo, 500+round*300)
		for i := range 3 * len(fields) {
			f := &fields[(i*7)%len(fields)]
			for _, sp := range []seenPtr{{reflect.TypeFor[*fieldInfo](), unsafe.Pointer(f)}, {reflect.TypeFor[*string](), unsafe.Pointer(&f.json)}} {
				n, ok := pt.put(sp)
				wn, wok := want[sp]
				if !wok {
					want[sp] = uint64(len(want))
				}
				if ok != wok || n != wn {
					t.Fatalf("round %d: put %v = %d, %v; want %d, %v", round, sp, n, ok, wn, wok)
				}
			}
		}
		pt.reset()
	}
}

// TestSharedTypesNoCycle: the values share hashes on their own (calls and
// params structs) do not reach each other in a cycle, which would make
// hashShared call itself without end: a params struct reaches no call and
// no params struct, a call no other call.
func TestSharedTypesNoCycle(t *testing.T) {
	reaches := func(from, to reflect.Type) bool {
		seen := map[reflect.Type]bool{}
		var walk func(reflect.Type, bool) bool
		walk = func(ty reflect.Type, top bool) bool {
			if !top && ty == to {
				return true
			}
			if seen[ty] {
				return false
			}
			seen[ty] = true
			switch ty.Kind() {
			case reflect.Pointer, reflect.Slice, reflect.Array:
				return walk(ty.Elem(), false)
			case reflect.Map:
				return walk(ty.Key(), false) || walk(ty.Elem(), false)
			case reflect.Struct:
				for i := range ty.NumField() {
					if walk(ty.Field(i).Type, false) {
						return true
					}
				}
			}
			return false
		}
		return walk(from, true)
	}
	for _, c := range []struct{ from, to reflect.Type }{
		{paramsStructPtr, opCallPtr}, {paramsStructPtr, paramsStructPtr}, {opCallPtr, opCallPtr},
	} {
		if reaches(c.from, c.to) {
			t.Errorf("%v reaches %v: hashShared would not end on a cycle", c.from, c.to)
		}
	}
	if !reaches(opCallPtr, paramsStructPtr) {
		t.Error("a call does not reach its params struct: the walk misses fields")
	}
}
