package templates

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/dave/jennifer/jen"
)

// This file makes Generate incremental at file level.
//
// The analysis and naming pass (buildModel) stays global: a page edit can
// rename things in other files. Each file then has up to two keys:
//
//   - Its input key (inputkey.go), the hash of the model values its
//     emitter is handed, computed without building the file. A file
//     whose input key is in the cache is taken from it: not built as a
//     jennifer tree, not rendered, not formatted.
//   - Its source key, the hash of its unformatted source as jennifer
//     renders it with NoFormat, and of the Go release whose go/format
//     formats it. That source is exactly what the formatted bytes are
//     computed from (jen's File.Render formats that same text), so a key
//     that matches gives the same bytes by construction. A file whose
//     inputs changed is rendered, and formatted only when its source key
//     is not in the cache (an edit of a schema changes the inputs of
//     every file that reaches it, and the source of few).
//
// A file is stored under both keys, the next run finding it by either.

// FileCache keeps formatted files across runs; Generate uses it through
// Options.Cache. name is the file's name ("ops_me.go"), a key identifies
// its content exactly (a hex SHA-256): Get returns the bytes stored with
// that name under that key, if any; Put stores data under each of keys,
// replacing what name had. An implementation may keep only the last
// bytes of each name. Input keys do not cover the generator's code: a
// cache must not serve the files of one build of the generator to
// another. Generate calls Get and Put from several goroutines at once.
// Get's bytes become part of Generate's result and must not change later;
// Put must not change data and may keep it.
type FileCache interface {
	Get(name, key string) ([]byte, bool)
	Put(name string, data []byte, keys ...string)
}

// fileKeyVersion names the way keys are made; a change in what a key
// covers means a new value.
const fileKeyVersion = "graphdocgen-templates-file-1"

// fileKey is the cache key of a file whose unformatted source is src.
func fileKey(src []byte) string {
	h := sha256.New()
	var n [8]byte
	for _, p := range [][]byte{[]byte(fileKeyVersion), []byte(runtime.Version()), src} {
		binary.LittleEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.Write(p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// renderer builds, renders and formats files concurrently, as they are
// added.
type renderer struct {
	opts Options
	next chan fileSpec
	wg   sync.WaitGroup

	mu       sync.Mutex
	out      map[string][]byte
	errs     map[string]error
	rendered []string // files built and rendered
	unkeyed  []string // files whose input key failed
}

func newRenderer(opts Options) *renderer {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// A queue as long as there are workers: a file is built when a
	// worker takes it, and the builder outruns the formatting.
	r := &renderer{opts: opts, next: make(chan fileSpec, workers), out: map[string][]byte{}, errs: map[string]error{}}
	for range workers {
		r.wg.Go(func() {
			var bufs renderBufs // reused for every file of this worker
			for j := range r.next {
				data, err := r.produce(&bufs, j)
				r.mu.Lock()
				if err != nil {
					r.errs[j.name] = err
				} else {
					r.out[j.name] = data
				}
				r.mu.Unlock()
			}
		})
	}
	return r
}

// produce returns the file j: from the cache by its input key, or built
// and rendered (renderFile).
func (r *renderer) produce(bufs *renderBufs, j fileSpec) ([]byte, error) {
	cache := r.opts.Cache
	var inKey string
	if cache != nil && j.key != nil {
		k, err := j.key()
		if err == nil {
			if data, ok := cache.Get(j.name, k); ok {
				return data, nil
			}
			inKey = k
		} else {
			r.mu.Lock()
			r.unkeyed = append(r.unkeyed, j.name)
			r.mu.Unlock()
		}
	}
	r.mu.Lock()
	r.rendered = append(r.rendered, j.name)
	r.mu.Unlock()
	return bufs.renderFile(j.name, j.build(), cache, inKey)
}

// add queues the file spec for building and rendering.
func (r *renderer) add(spec fileSpec) { r.next <- spec }

// wait returns the files rendered, or the error of the first file (by
// name) that failed.
func (r *renderer) wait() (map[string][]byte, error) {
	close(r.next)
	r.wg.Wait()
	if len(r.errs) > 0 {
		return nil, r.errs[sortedKeys(r.errs)[0]]
	}
	return r.out, nil
}

// stats are the renderer's counts, once it is done.
func (r *renderer) stats() FileStats {
	r.mu.Lock()
	defer r.mu.Unlock()
	st := FileStats{Rendered: slices.Clone(r.rendered), Unkeyed: slices.Clone(r.unkeyed)}
	slices.Sort(st.Rendered)
	slices.Sort(st.Unkeyed)
	return st
}

// renderBufs are the buffers of one rendering worker: the unformatted
// source and the printer's output of a file, kept from one file to the
// next (growing them anew for every file of v1.0 allocated 100 MB).
type renderBufs struct{ src, out bytes.Buffer }

// renderFile renders f unformatted, and formats it (formatSource: the
// bytes of go/format, faster) unless the cache holds the result.
func renderFile(name string, f *jen.File, cache FileCache) ([]byte, error) {
	var b renderBufs
	return b.renderFile(name, f, cache, "")
}

// renderFile renders f and formats it unless the cache holds the file
// under its source key; with inKey (the file's input key, not in the
// cache), the file is stored under both keys.
func (b *renderBufs) renderFile(name string, f *jen.File, cache FileCache, inKey string) ([]byte, error) {
	f.NoFormat = true
	src := &b.src
	src.Reset()
	if err := f.Render(src); err != nil {
		return nil, fmt.Errorf("render %s: %w", name, err)
	}
	var keys []string
	if cache != nil {
		key := fileKey(src.Bytes())
		if inKey != "" {
			keys = []string{inKey, key}
		} else {
			keys = []string{key}
		}
		if data, ok := cache.Get(name, key); ok {
			if inKey != "" {
				cache.Put(name, data, keys...) // found by its inputs next time
			}
			return data, nil
		}
	}
	// a new slice of the file's length: the package's files are all held
	// until they are written
	data, err := formatSource(src.Bytes(), &b.out)
	if err != nil {
		return nil, fmt.Errorf("format %s: %w", name, err)
	}
	if cache != nil {
		cache.Put(name, data, keys...)
	}
	return data, nil
}
