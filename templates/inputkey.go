package templates

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"math"
	"reflect"
	"runtime"
	"slices"
	"sync"
	"unsafe"

	"github.com/graphdocgen/graphdocgen/xgraph"
)

// This file gives each generated file a key computed from its inputs,
// before anything of it is built: the hash of exactly the values its
// emitter is handed (fileSpec.inputs), walked by reflection through
// every field, element and pointer they reach. A file whose key is in the
// cache is neither built as a jennifer tree nor rendered nor formatted.
//
// The key cannot miss an input that the emitter reads through the
// values: the walk reads all of them, not a list of the fields the
// emitter happens to use. What keeps the emitters to those values:
//
//   - They are functions of the values (and package-level constants of
//     the generator's code): not methods of the model, whose document
//     and indexes they would reach otherwise.
//   - The model's values hold what the emitters read of the OpenAPI
//     document (a summary, a description, an example body) and no
//     pointer into it: the walk refuses any type outside this package,
//     xgraph and encoding/json (keyPackages), so a field that points into
//     the document makes the key fail, and the file is rendered instead
//     (a test asserts every file of a document gets a key).
//   - The code that reads the values is not in the key: the key is valid
//     for one build of the generator, and a FileCache must not serve one
//     build's files to another (the pipeline's slots are named by the
//     tool's identity, the hash of its executable).
//
// The schemas are shared by many files and reach one another in cycles
// (an entity's navigation properties): a schema is written into a key as
// its component name and a deep hash of all the model values it reaches,
// each computed once per run (deepHashes: the strongly connected
// components of the schema graph, hashed from the leaves up). So an edit
// of one operation changes the keys of its own files only, and an edit
// of a schema the keys of every file that reaches it (those are rendered
// again, and formatted only when their source changed).
//
// The other values several files share are hashed once per run too
// (share): an operation's call (*opCall, in its operations file and its
// test file) and a params struct (in the file that declares it and the
// files of its operations). Each is written into a key as the hash of all
// it reaches, walked on its own. What such a walk cannot see is which of
// its pointers are also reached from outside the value; no emitter
// depends on that: the only pointers an emitter compares or keys a map
// by are an operation's own arguments (expectedPath, queryExpr,
// callArgs), which are inside its call.

// inputKeyVersion names the way input keys are made; a change in what a
// key covers means a new value.
const inputKeyVersion = "graphdocgen-templates-inputs-2"

// keyPackages are the packages whose types the key walk reads: the
// model's own, and the plain data of the x-graph vocabulary and decoded
// JSON (json.Number) that the model holds.
var keyPackages = map[string]bool{
	"":                                      true, // the predeclared types
	reflect.TypeFor[schemaInfo]().PkgPath(): true,
	reflect.TypeFor[xgraph.Example]().PkgPath(): true,
	reflect.TypeFor[json.Number]().PkgPath():    true,
}

var (
	schemaInfoPtr = reflect.TypeFor[*schemaInfo]()
	// the types of the values several files share (share)
	opCallPtr       = reflect.TypeFor[*opCall]()
	paramsStructPtr = reflect.TypeFor[*paramsStruct]()
)

// keyHasher makes the input keys of one model's files; it is only read
// once made (and shared), so files are keyed concurrently.
type keyHasher struct {
	deep map[*schemaInfo][sha256.Size]byte
	// shared holds the hashes of the values share was handed; a shared
	// value not in it is hashed where it is met.
	shared map[seenPtr][sha256.Size]byte
}

// newKeyHasher computes the deep hash of every schema reachable from
// schemas.
func newKeyHasher(schemas []*schemaInfo) (*keyHasher, error) {
	deep, err := deepHashes(schemas)
	if err != nil {
		return nil, err
	}
	return &keyHasher{deep: deep, shared: map[seenPtr][sha256.Size]byte{}}, nil
}

// node writes a schema as its name and deep hash.
func (h *keyHasher) node(w *keyWriter, si *schemaInfo) error {
	d, ok := h.deep[si]
	if !ok {
		return fmt.Errorf("schema %s has no deep hash", si.component)
	}
	w.str(si.component)
	w.digest(d[:])
	return nil
}

// share hashes the values the files of ops share, each once and on all
// cores: the params structs first, as the calls reach them. It must
// return before any key is made. A key is the same with and without it
// (TestInputKeySharedValues).
func (h *keyHasher) share(ops []*opInfo) {
	var params []reflect.Value
	calls := make([]reflect.Value, 0, len(ops))
	seen := map[*paramsStruct]bool{}
	for _, o := range ops {
		if o.params != nil && !seen[o.params] {
			seen[o.params] = true
			params = append(params, reflect.ValueOf(o.params))
		}
		if o.opCall != nil {
			calls = append(calls, reflect.ValueOf(o.opCall))
		}
	}
	h.shared = make(map[seenPtr][sha256.Size]byte, len(params)+len(calls))
	for _, list := range [][]reflect.Value{params, calls} {
		sums := make([][sha256.Size]byte, len(list))
		errs := make([]error, len(list))
		parallel(len(list), func(i int) { sums[i], errs[i] = h.hashShared(list[i]) })
		for i, v := range list {
			if errs[i] == nil { // else hashed again, and failed, where met
				h.shared[seenPtr{v.Type(), v.UnsafePointer()}] = sums[i]
			}
		}
	}
}

// sharedSum is the hash of the shared value p points to.
func (h *keyHasher) sharedSum(p reflect.Value) ([sha256.Size]byte, error) {
	if d, ok := h.shared[seenPtr{p.Type(), p.UnsafePointer()}]; ok {
		return d, nil
	}
	return h.hashShared(p)
}

// hashShared hashes the value p points to, and all it reaches. A shared
// value it meets that share did not hash is hashed by a writer of its
// own, so the shared types must not reach each other in a cycle (a
// paramsStruct reaches no call; TestSharedTypesNoCycle).
func (h *keyHasher) hashShared(p reflect.Value) ([sha256.Size]byte, error) {
	w := newKeyWriter(h.node)
	w.hasher = h
	if err := w.value(p.Elem()); err != nil {
		w.sum(nil)
		return [sha256.Size]byte{}, err
	}
	var d [sha256.Size]byte
	w.sum(d[:0])
	return d, nil
}

// key is the input key of the file name whose emitter is handed inputs.
func (h *keyHasher) key(name string, inputs ...any) (string, error) {
	w := newKeyWriter(h.node)
	w.hasher = h
	w.str(inputKeyVersion)
	w.str(runtime.Version())
	w.str(name)
	for _, in := range inputs {
		if err := w.value(reflect.ValueOf(in)); err != nil {
			w.sum(nil)
			return "", fmt.Errorf("input key of %s: %w", name, err)
		}
	}
	var d [sha256.Size]byte
	return hex.EncodeToString(w.sum(d[:0])), nil
}

// keyWriter writes values into a hash, unambiguously: every length, nil
// and kind is written. It gathers them in buf, and hashes buf when it is
// full (most values are a few bytes).
type keyWriter struct {
	h    hash.Hash
	buf  []byte
	seen ptrTable // pointers written, by order of first writing
	node func(*keyWriter, *schemaInfo) error
	// hasher, when not nil, gives the hashes of shared values
	hasher *keyHasher
	keys   []string // the keys of the maps being written, outermost first
}

// keyBufSize is the size of a keyWriter's buffer.
const keyBufSize = 8 << 10

// seenPtr is a pointer written: a value of one type at one address.
type seenPtr struct {
	t reflect.Type
	p unsafe.Pointer
}

// ptrTable numbers the pointers a writer writes, in the order of their
// first writing: a set of seenPtr by open addressing (a Go map hashed
// the reflect.Type of every key and was a fifth of the key walk).
type ptrTable struct {
	slots []ptrSlot // len a power of two, at most half full; p nil: free
	used  []int     // the slots taken, for reset
}

type ptrSlot struct {
	seenPtr
	order uint64
}

// put returns the order of sp if it was put before (ok), else gives it
// the next order.
func (pt *ptrTable) put(sp seenPtr) (order uint64, ok bool) {
	if 2*(len(pt.used)+1) > len(pt.slots) {
		pt.grow()
	}
	mask := uintptr(len(pt.slots) - 1)
	for i := ptrHash(sp.p) & mask; ; i = (i + 1) & mask {
		s := &pt.slots[i]
		if s.p == nil {
			*s = ptrSlot{sp, uint64(len(pt.used))}
			pt.used = append(pt.used, int(i))
			return 0, false
		}
		if s.p == sp.p && s.t == sp.t {
			return s.order, true
		}
	}
}

func (pt *ptrTable) grow() {
	old := pt.slots
	pt.slots = make([]ptrSlot, max(64, 2*len(old)))
	mask := uintptr(len(pt.slots) - 1)
	for k, j := range pt.used {
		s := old[j]
		i := ptrHash(s.p) & mask
		for pt.slots[i].p != nil {
			i = (i + 1) & mask
		}
		pt.slots[i] = s
		pt.used[k] = int(i)
	}
}

// reset empties the table, keeping its room unless it grew large.
func (pt *ptrTable) reset() {
	if len(pt.slots) > 1<<14 {
		pt.slots, pt.used = nil, nil
		return
	}
	for _, i := range pt.used {
		pt.slots[i] = ptrSlot{}
	}
	pt.used = pt.used[:0]
}

// ptrHash spreads the bits of an address (Fibonacci hashing).
func ptrHash(p unsafe.Pointer) uintptr {
	return uintptr(uint64(uintptr(p)) * 0x9E3779B97F4A7C15 >> 32)
}

// keyWriters are the writers not in use.
var keyWriters = sync.Pool{New: func() any {
	return &keyWriter{h: sha256.New(), buf: make([]byte, 0, keyBufSize)}
}}

// newKeyWriter returns a writer whose schemas are written by node; sum
// gives it back.
func newKeyWriter(node func(*keyWriter, *schemaInfo) error) *keyWriter {
	w := keyWriters.Get().(*keyWriter)
	w.node = node
	return w
}

// sum appends the hash of what was written to b, and puts w back for
// another value: w is not used after.
func (w *keyWriter) sum(b []byte) []byte {
	w.flush()
	out := w.h.Sum(b)
	w.h.Reset()
	w.seen.reset()
	clear(w.keys[:cap(w.keys)]) // the pool keeps no string of the document
	w.keys = w.keys[:0]
	w.node, w.hasher = nil, nil
	keyWriters.Put(w)
	return out
}

func (w *keyWriter) flush() {
	w.h.Write(w.buf)
	w.buf = w.buf[:0]
}

// room makes room for n more bytes in buf, if they fit in it.
func (w *keyWriter) room(n int) {
	if len(w.buf)+n > cap(w.buf) {
		w.flush()
	}
}

func (w *keyWriter) byte(b byte) {
	w.room(1)
	w.buf = append(w.buf, b)
}

func (w *keyWriter) uint(u uint64) {
	w.room(binary.MaxVarintLen64)
	w.buf = binary.AppendUvarint(w.buf, u)
}

func (w *keyWriter) str(s string) {
	w.uint(uint64(len(s)))
	if len(s) > 256 { // hashed where it is, not copied first

		w.flush()
		w.h.Write(unsafe.Slice(unsafe.StringData(s), len(s)))
		return
	}
	w.room(len(s))
	w.buf = append(w.buf, s...)
}

// digest writes a hash.
func (w *keyWriter) digest(d []byte) {
	w.room(len(d))
	w.buf = append(w.buf, d...)
}

// value writes v and all it reaches. A *schemaInfo is handed to w.node;
// a pointer written before is written as its order; a map's keys must be
// strings (written in order); functions, channels and structs of packages
// outside keyPackages are an error (another package's named types of
// other kinds are plain data: strings, numbers, lists of them).
func (w *keyWriter) value(v reflect.Value) error {
	t := v.Type()
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			w.byte(1)
		} else {
			w.byte(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		w.uint(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		w.uint(v.Uint())
	case reflect.Float32, reflect.Float64:
		w.uint(math.Float64bits(v.Float()))
	case reflect.String:
		w.str(v.String())
	case reflect.Slice:
		if v.IsNil() {
			w.byte(0)
			return nil
		}
		w.byte(1)
		fallthrough
	case reflect.Array:
		n := v.Len()
		w.uint(uint64(n))
		for i := range n {
			if err := w.value(v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Map:
		if v.IsNil() {
			w.byte(0)
			return nil
		}
		w.byte(1)
		if t.Key().Kind() != reflect.String {
			return fmt.Errorf("map %s: keys are not strings", t)
		}
		switch t {
		case mapStringAny: // decoded JSON: read without reflection
			p := v.UnsafePointer()
			return w.mapAny(*(*map[string]any)(unsafe.Pointer(&p)))
		case mapStringString: // headers
			p := v.UnsafePointer()
			w.mapString(*(*map[string]string)(unsafe.Pointer(&p)))
			return nil
		}
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return cmp.Compare(a.String(), b.String()) })
		w.uint(uint64(len(keys)))
		for _, k := range keys {
			w.str(k.String())
			if err := w.value(v.MapIndex(k)); err != nil {
				return err
			}
		}
	case reflect.Struct:
		if !keyPackages[t.PkgPath()] {
			return fmt.Errorf("type %s of package %s is not model data", t, t.PkgPath())
		}
		for i := range v.NumField() {
			if err := w.value(v.Field(i)); err != nil {
				return err
			}
		}
	case reflect.Pointer:
		if v.IsNil() {
			w.byte(0)
			return nil
		}
		if t == schemaInfoPtr {
			w.byte(1)
			return w.node(w, (*schemaInfo)(v.UnsafePointer()))
		}
		sp := seenPtr{t, v.UnsafePointer()}
		if n, ok := w.seen.put(sp); ok {
			w.byte(2)
			w.uint(n)
			return nil
		}
		if w.hasher != nil && (t == opCallPtr || t == paramsStructPtr) {
			d, err := w.hasher.sharedSum(v)
			if err != nil {
				return err
			}
			w.byte(4)
			w.digest(d[:])
			return nil
		}
		w.byte(3)
		return w.value(v.Elem())
	case reflect.Interface:
		if v.IsNil() {
			w.byte(0)
			return nil
		}
		e := v.Elem()
		w.byte(1)
		w.str(e.Type().PkgPath())
		w.str(e.Type().String())
		return w.value(e)
	default:
		return fmt.Errorf("type %s (%s) is not model data", t, v.Kind())
	}
	return nil
}

var (
	mapStringAny    = reflect.TypeFor[map[string]any]()
	mapStringString = reflect.TypeFor[map[string]string]()
)

// mapAny writes m (not nil, its byte written) as value writes a
// map[string]any: its length, then each key in order and its value as an
// interface.
func (w *keyWriter) mapAny(m map[string]any) error {
	return writeMap(w, m, func(e any) error {
		if e == nil {
			w.byte(0)
			return nil
		}
		ev := reflect.ValueOf(e)
		w.byte(1)
		w.str(ev.Type().PkgPath())
		w.str(ev.Type().String())
		return w.value(ev)
	})
}

// mapString writes m as value writes a map[string]string.
func (w *keyWriter) mapString(m map[string]string) {
	_ = writeMap(w, m, func(v string) error {
		w.str(v)
		return nil
	})
}

// writeMap writes m's length, then each key in order and its value
// through elem, the keys sorted in w.keys' spare room.
func writeMap[V any](w *keyWriter, m map[string]V, elem func(V) error) error {
	start := len(w.keys)
	w.keys = appendSortedKeys(w.keys, m)
	keys := w.keys[start:]
	w.uint(uint64(len(keys)))
	for _, k := range keys {
		w.str(k)
		if err := elem(m[k]); err != nil {
			return err
		}
	}
	w.keys = w.keys[:start]
	return nil
}

// deepHashes hashes every schema reachable from roots with all the model
// values it reaches: its own values (a schema it refers to written as the
// component's name), the members of its strongly connected component and
// the deep hashes of the components it reaches (Tarjan's algorithm,
// which finishes a component after every component it reaches).
func deepHashes(roots []*schemaInfo) (map[*schemaInfo][sha256.Size]byte, error) {
	type local struct {
		sum   []byte        // hash of the schema's own values
		edges []*schemaInfo // the schemas it refers to
		err   error
	}
	localOf := func(si *schemaInfo) local {
		var l local
		w := newKeyWriter(func(w *keyWriter, to *schemaInfo) error {
			w.str(to.component)
			l.edges = append(l.edges, to)
			return nil
		})
		if err := w.value(reflect.ValueOf(si).Elem()); err != nil {
			w.sum(nil)
			return local{err: fmt.Errorf("schema %s: %w", si.component, err)}
		}
		l.sum = w.sum(nil)
		return l
	}
	// the roots' own values are hashed concurrently, each into its place
	locals := make([]local, len(roots))
	parallel(len(roots), func(i int) { locals[i] = localOf(roots[i]) })
	ownOf := make(map[*schemaInfo]*local, len(roots))
	for i, si := range roots {
		ownOf[si] = &locals[i]
	}
	type node struct {
		index, low int
		onStack    bool
		local      []byte        // hash of the schema's own values
		edges      []*schemaInfo // the schemas it refers to
	}
	nodes := map[*schemaInfo]*node{}
	comp := map[*schemaInfo]int{} // schema -> its component, once finished
	var compHash [][sha256.Size]byte
	deep := map[*schemaInfo][sha256.Size]byte{}
	var stack []*schemaInfo
	var visit func(si *schemaInfo) (*node, error)
	visit = func(si *schemaInfo) (*node, error) {
		n := &node{index: len(nodes), low: len(nodes), onStack: true}
		nodes[si] = n
		stack = append(stack, si)
		l := ownOf[si]
		if l == nil { // not a root: reached from one
			own := localOf(si)
			l = &own
		}
		if l.err != nil {
			return nil, l.err
		}
		n.local, n.edges = l.sum, l.edges
		for _, to := range n.edges {
			tn, ok := nodes[to]
			if !ok {
				var err error
				if tn, err = visit(to); err != nil {
					return nil, err
				}
				n.low = min(n.low, tn.low)
			} else if tn.onStack {
				n.low = min(n.low, tn.index)
			}
		}
		if n.low != n.index {
			return n, nil
		}
		// si roots a component: its members are on the stack down to si
		i := slices.Index(stack, si)
		members := slices.Clone(stack[i:])
		stack = stack[:i]
		slices.SortFunc(members, func(a, b *schemaInfo) int { return cmp.Compare(a.component, b.component) })
		id := len(compHash)
		var succ [][sha256.Size]byte
		for _, m := range members {
			nodes[m].onStack = false
			comp[m] = id
		}
		for _, m := range members {
			for _, to := range nodes[m].edges {
				if c := comp[to]; c != id {
					succ = append(succ, compHash[c])
				}
			}
		}
		slices.SortFunc(succ, func(a, b [sha256.Size]byte) int { return slices.Compare(a[:], b[:]) })
		succ = slices.Compact(succ)
		h := sha256.New()
		var lb [binary.MaxVarintLen64]byte
		h.Write(binary.AppendUvarint(lb[:0], uint64(len(members))))
		for _, m := range members {
			h.Write(binary.AppendUvarint(lb[:0], uint64(len(m.component))))
			h.Write([]byte(m.component))
			h.Write(nodes[m].local)
		}
		h.Write(binary.AppendUvarint(lb[:0], uint64(len(succ))))
		for _, s := range succ {
			h.Write(s[:])
		}
		var sum [sha256.Size]byte
		h.Sum(sum[:0])
		compHash = append(compHash, sum)
		for _, m := range members {
			deep[m] = sum
		}
		return n, nil
	}
	for _, si := range roots {
		if _, ok := nodes[si]; !ok {
			if _, err := visit(si); err != nil {
				return nil, err
			}
		}
	}
	return deep, nil
}
