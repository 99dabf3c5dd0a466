package templates

import (
	"bytes"
	"reflect"
	"slices"
	"sync"
	"testing"
	"unsafe"
)

// keyRecorder is a FileCache that serves nothing, so that every file is
// rendered, and holds each key to the bytes first put under it: a key
// put again with other bytes is a key that misses an input (a run with a
// warm cache would have served the old bytes).
type keyRecorder struct {
	mu    sync.Mutex
	what  string            // the edit of the run
	first map[string][]byte // name and key -> the bytes
	by    map[string]string // name and key -> the edit that put them
	stale []string          // "edit: name", once per edit and name
}

func (c *keyRecorder) Get(string, string) ([]byte, bool) { return nil, false }

func (c *keyRecorder) Put(name string, data []byte, keys ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, k := range keys {
		id := name + "\x00" + k
		prev, ok := c.first[id]
		if !ok {
			c.first[id], c.by[id] = data, c.what
			continue
		}
		if !bytes.Equal(prev, data) {
			s := "after " + c.what + ", " + name + " has a key it had after " + c.by[id] + ", with other bytes"
			if !slices.Contains(c.stale, s) {
				c.stale = append(c.stale, s)
			}
		}
	}
}

// stringSlot is a string of the document that can be changed in place.
type stringSlot struct {
	path string
	get  func() string
	set  func(string)
}

// settable is v, addressable, made settable when it was reached through
// an unexported field (the test changes the document's strings wherever
// they are).
func settable(v reflect.Value) reflect.Value {
	if v.CanAddr() && !v.CanSet() {
		return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
	}
	return v
}

// stringSlots lists every string value v reaches that is not empty
// (struct fields, slice and map elements, the strings of decoded JSON and
// of extensions; not map keys, nor the URL the document was loaded
// from), each once: a pointer met again is not walked again.
func stringSlots(v reflect.Value, path string, seen map[unsafe.Pointer]bool, out *[]stringSlot) {
	v = settable(v)
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() && v.Len() > 0 {
			*out = append(*out, stringSlot{path, v.String, v.SetString})
		}
	case reflect.Pointer:
		if v.IsNil() || seen[v.UnsafePointer()] {
			return
		}
		seen[v.UnsafePointer()] = true
		stringSlots(v.Elem(), path, seen, out)
	case reflect.Interface:
		if v.IsNil() {
			return
		}
		e := v.Elem()
		if e.Kind() == reflect.String {
			if v.CanSet() {
				t := e.Type()
				*out = append(*out, stringSlot{path, func() string { return v.Elem().String() }, func(s string) { v.Set(reflect.ValueOf(s).Convert(t)) }})
			}
			return
		}
		stringSlots(e, path, seen, out)
	case reflect.Struct:
		if v.Type().PkgPath() == "net/url" { // where the document was loaded from
			return
		}
		for i := range v.NumField() {
			stringSlots(v.Field(i), path+"."+v.Type().Field(i).Name, seen, out)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			stringSlots(v.Index(i), path+"[]", seen, out)
		}
	case reflect.Map:
		if v.IsNil() || v.Type().Key().Kind() != reflect.String {
			return
		}
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return cmpString(a.String(), b.String()) })
		for _, k := range keys {
			e := v.MapIndex(k)
			p := path + "[" + k.String() + "]"
			var inner reflect.Value
			switch {
			case e.Kind() == reflect.String:
				inner = e
			case e.Kind() == reflect.Interface && !e.IsNil() && e.Elem().Kind() == reflect.String:
				inner = e.Elem()
			default:
				stringSlots(e, p, seen, out)
				continue
			}
			m, t := v, inner.Type()
			*out = append(*out, stringSlot{p,
				func() string {
					e := m.MapIndex(k)
					if e.Kind() == reflect.Interface {
						e = e.Elem()
					}
					return e.String()
				},
				func(s string) {
					nv := reflect.ValueOf(s).Convert(t)
					if m.Type().Elem().Kind() == reflect.Interface {
						m.SetMapIndex(k, nv)
					} else {
						m.SetMapIndex(k, nv.Convert(m.Type().Elem()))
					}
				}})
		}
	}
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// TestInputKeysEveryString: every string of the test documents (the
// summaries, descriptions and examples, the x-graph extensions, the
// schemas' types and formats, ...), changed one at a time, and the
// document generated with and without it: no file's input key (nor its
// source key) is put with two different contents. A key that missed an
// input that changes a file would be put again with the file's new
// bytes. With -short, every fourth string.
func TestInputKeysEveryString(t *testing.T) {
	tried, changed := 0, 0
	for _, name := range []string{"calendar.yaml", "odata.yaml"} {
		doc := loadDoc(t, name)
		var slots []stringSlot
		stringSlots(reflect.ValueOf(doc), "doc", map[unsafe.Pointer]bool{}, &slots)
		c := &keyRecorder{first: map[string][]byte{}, by: map[string]string{}, what: "the document"}
		before, err := Generate(doc, Options{Cache: c})
		if err != nil {
			t.Fatal(err)
		}
		edited, changedHere, failed := 0, 0, 0
		for i, s := range slots {
			if testing.Short() && i%4 != 0 {
				continue
			}
			edited++
			old := s.get()
			s.set(old + " (edited)")
			c.what = s.path
			files, err := Generate(doc, Options{Cache: c})
			s.set(old)
			if s.get() != old {
				t.Fatalf("%s: not restored", s.path)
			}
			if err != nil {
				failed++
				continue
			}
			for name, data := range files {
				if !bytes.Equal(data, before[name]) {
					changedHere++
					break
				}
			}
		}
		for _, s := range c.stale {
			t.Errorf("%s: %s", name, s)
		}
		t.Logf("%s: %d strings, %d edited, %d changed a file, %d failed to generate", name, len(slots), edited, changedHere, failed)
		tried, changed = tried+edited, changed+changedHere
	}
	if changed < tried/4 {
		t.Errorf("only %d of %d edits changed a file: the test proves little", changed, tried)
	}
}
