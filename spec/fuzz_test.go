package spec

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/graphdocgen/graphdocgen/internal/fuzzseed"
	"github.com/graphdocgen/graphdocgen/parser"
)

// FuzzFragment: the spec build of any one page (parsed first, as an API
// page or, with resource set, as a resource page) does not panic, gives
// diagnostics positioned in the page, and a document that marshals.
// Inputs are bounded and seeded as for parser.FuzzParse.
//
// Go's fuzzer minimises every input that finds new coverage, for up to a
// minute and with a number of runs that grows with the square of its
// length, so each run must be cheap: a run builds one page, not both
// kinds, and checks that the document marshals with jsonSafe (a walk for
// the values encoding/json refuses) rather than by marshaling it, which
// took more than half of each run. The full Marshal runs where go test
// replays the seeds and the saved inputs (not in the fuzzing workers).
func FuzzFragment(f *testing.F) {
	for _, s := range fuzzseed.Pages("../generated/docs") {
		f.Add(s, false)
		f.Add(s, true)
	}
	fuzzing := flag.Lookup("test.fuzzworker") != nil && flag.Lookup("test.fuzzworker").Value.String() == "true"
	f.Fuzz(func(t *testing.T, src []byte, resource bool) {
		if len(src) > fuzzseed.MaxInput {
			return
		}
		name := "api/x.md"
		if resource {
			name = "resources/x.md"
		}
		p, _ := parser.Parse(nil, name, "f.md", src)
		doc, ds := Fragment(p, Options{})
		for _, d := range ds {
			if d.Pos.File != "f.md" && d.Pos.File != "" {
				t.Errorf("diagnostic outside the page: %v", d)
			}
		}
		if doc == nil {
			t.Fatal("nil document")
		}
		if err := jsonSafe(reflect.ValueOf(doc), map[uintptr]bool{}); err != nil {
			t.Fatalf("document does not marshal: %v", err)
		}
		if !fuzzing {
			if _, err := Marshal(doc, "json"); err != nil {
				t.Fatalf("document does not marshal: %v", err)
			}
		}
	})
}

// jsonSafe reports what in v encoding/json would refuse: a float that is
// NaN or infinite, a channel, function or complex number, a cycle of
// pointers (json.Marshal fails on those). A struct with a non-empty Ref
// field (kin-openapi's *Ref types) marshals as the reference alone, so its
// Value, which resolving points back up the document, is not followed.
// onPath holds the pointers and maps being walked.
func jsonSafe(v reflect.Value, onPath map[uintptr]bool) error {
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		if f := v.Float(); math.IsNaN(f) || math.IsInf(f, 0) {
			return fmt.Errorf("unsupported float %v", f)
		}
	case reflect.Chan, reflect.Func, reflect.Complex64, reflect.Complex128, reflect.UnsafePointer:
		if v.Kind() != reflect.Func || !v.IsNil() {
			return fmt.Errorf("unsupported %s", v.Type())
		}
	case reflect.Interface:
		if !v.IsNil() {
			return jsonSafe(v.Elem(), onPath)
		}
	case reflect.Pointer, reflect.Map:
		if v.IsNil() {
			return nil
		}
		ptr := v.Pointer()
		if onPath[ptr] {
			return fmt.Errorf("a cycle through %s", v.Type())
		}
		onPath[ptr] = true
		defer delete(onPath, ptr)
		if v.Kind() == reflect.Pointer {
			return jsonSafe(v.Elem(), onPath)
		}
		for it := v.MapRange(); it.Next(); {
			if err := jsonSafe(it.Value(), onPath); err != nil {
				return fmt.Errorf("%v: %w", it.Key(), err)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if err := jsonSafe(v.Index(i), onPath); err != nil {
				return fmt.Errorf("[%d]: %w", i, err)
			}
		}
	case reflect.Struct:
		f := structFields(v.Type())
		ref := f.ref >= 0 && v.Field(f.ref).String() != ""
		for _, i := range f.walk {
			if ref && i == f.value {
				continue
			}
			if err := jsonSafe(v.Field(i), onPath); err != nil {
				return fmt.Errorf("%s: %w", v.Type().Field(i).Name, err)
			}
		}
	}
	return nil
}

// fields is what jsonSafe walks of a struct type: the exported fields
// that can hold something encoding/json refuses, and the indexes of its
// Ref (a string) and Value fields, -1 if none.
type fields struct {
	walk       []int
	ref, value int
}

var fieldCache sync.Map // reflect.Type -> *fields

func structFields(t reflect.Type) *fields {
	if f, ok := fieldCache.Load(t); ok {
		return f.(*fields)
	}
	f := &fields{ref: -1, value: -1}
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		switch {
		case sf.Name == "Ref" && sf.Type.Kind() == reflect.String:
			f.ref = i
		case sf.Name == "Value":
			f.value = i
		}
		if mayRefuse(sf.Type, map[reflect.Type]bool{}) {
			f.walk = append(f.walk, i)
		}
	}
	fieldCache.Store(t, f)
	return f
}

// mayRefuse reports whether a value of type t can hold something
// jsonSafe refuses (seen: the types being looked at, for recursive ones).
func mayRefuse(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Bool, reflect.String, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return false
	case reflect.Pointer:
		return true // a cycle
	case reflect.Slice, reflect.Array:
		return mayRefuse(t.Elem(), seen)
	case reflect.Map:
		return true // a cycle
	case reflect.Struct:
		for i := range t.NumField() {
			if t.Field(i).IsExported() && mayRefuse(t.Field(i).Type, seen) {
				return true
			}
		}
		return false
	}
	return true
}

// TestJSONSafe: jsonSafe refuses what json.Marshal refuses and passes a
// reference's resolved value.
func TestJSONSafe(t *testing.T) {
	type node struct {
		Ref   string
		Value *node
		Next  *node
		X     any
	}
	loop := &node{}
	loop.Next = loop
	back := &node{}
	back.Next = &node{Ref: "#/x", Value: back}
	for _, c := range []struct {
		v  any
		ok bool
	}{
		{map[string]any{"a": []any{1.5, "x", nil}}, true},
		{map[string]any{"a": math.NaN()}, false},
		{&node{X: math.Inf(1)}, false},
		{&node{X: make(chan int)}, false},
		{loop, false},
		{back, true},
	} {
		err := jsonSafe(reflect.ValueOf(c.v), map[uintptr]bool{})
		if (err == nil) != c.ok {
			t.Errorf("jsonSafe(%T) = %v", c.v, err)
		}
		if _, jerr := json.Marshal(c.v); c.v != back && (jerr == nil) != c.ok {
			t.Errorf("json.Marshal(%T) = %v, jsonSafe %v", c.v, jerr, err)
		}
	}
}

// TestQueryNamesDifferingInCase: a query parameter AB next to aB is a
// warning, not dropped silently.
func TestQueryNamesDifferingInCase(t *testing.T) {
	src := "---\ndoc_type: apiPageType\n---\n# List widgets\n\n## HTTP request\n\n```http\nGET /widgets\n```\n\n## Optional query parameters\n\n|Name|Type|Description|\n|:--|:--|:--|\n|AB|String|Upper.|\n|aB|String|Lower.|\n\n## Response\n\nIf successful, this method returns a `200 OK` response code.\n"
	p, _ := parser.Parse(nil, "api/widget-list.md", "f.md", []byte(src))
	_, ds := Fragment(p, Options{})
	for _, d := range ds {
		if d.Rule == "duplicate-parameter" && d.Pos.Line == 17 && strings.Contains(d.Message, `"aB" differs from "AB" in case only`) {
			return
		}
	}
	t.Errorf("no warning for aB: %v", ds)
}
