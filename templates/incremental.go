package templates

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"runtime"
	"sync"

	"github.com/dave/jennifer/jen"
)

// This file makes Generate incremental at file level.
//
// The analysis and naming pass (buildModel) stays global: a page edit can
// rename things in other files. So does building each file's jennifer
// tree, which is cheap. What is cached is the expensive last step of each
// file, formatting (go/format parses and prints the whole file, about two
// thirds of Generate on the v1.0 docs).
//
// A file's key is the hash of its unformatted source, as jennifer renders
// it with NoFormat, and of the Go release whose go/format formats it. That
// source is exactly what the formatted bytes are computed from (jen's
// File.Render formats that same text), so a key that matches gives the
// same bytes by construction: the key needs no list of the model fields a
// file is rendered from (the test files follow model types deep into the
// schemas), no generator version to bump, and it cannot go stale when the
// renderers change.

// FileCache keeps formatted files across runs; Generate uses it through
// Options.Cache. name is the file's name ("ops_me.go"), key identifies its
// content exactly (a hex SHA-256): Get returns the bytes stored with that
// name and key, if any. An implementation may keep only the last key of
// each name. Generate calls Get and Put from several goroutines at once.
// Get's bytes become part of Generate's result and must not change later;
// Put must not change data and may keep it.
type FileCache interface {
	Get(name, key string) ([]byte, bool)
	Put(name, key string, data []byte)
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
	next chan renderJob
	wg   sync.WaitGroup

	mu   sync.Mutex
	out  map[string][]byte
	errs map[string]error
}

type renderJob struct {
	name  string
	build func() *jen.File
}

func newRenderer(opts Options) *renderer {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// A queue as long as there are workers: each waiting file is a whole
	// jennifer tree, and the builder outruns the formatting (with 64
	// places, generate on v1.0 peaked 90 MB higher).
	r := &renderer{opts: opts, next: make(chan renderJob, workers), out: map[string][]byte{}, errs: map[string]error{}}
	for range workers {
		r.wg.Go(func() {
			var bufs renderBufs // reused for every file of this worker
			for j := range r.next {
				data, err := bufs.renderFile(j.name, j.build(), r.opts.Cache)
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

// add queues the file name, which build builds, for building and
// rendering.
func (r *renderer) add(name string, build func() *jen.File) { r.next <- renderJob{name, build} }

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

// renderBufs are the buffers of one rendering worker: the unformatted
// source and the printer's output of a file, kept from one file to the
// next (growing them anew for every file of v1.0 allocated 100 MB).
type renderBufs struct{ src, out bytes.Buffer }

// renderFile renders f unformatted, and formats it (formatSource: the
// bytes of go/format, faster) unless the cache holds the result.
func renderFile(name string, f *jen.File, cache FileCache) ([]byte, error) {
	var b renderBufs
	return b.renderFile(name, f, cache)
}

func (b *renderBufs) renderFile(name string, f *jen.File, cache FileCache) ([]byte, error) {
	f.NoFormat = true
	src := &b.src
	src.Reset()
	if err := f.Render(src); err != nil {
		return nil, fmt.Errorf("render %s: %w", name, err)
	}
	var key string
	if cache != nil {
		key = fileKey(src.Bytes())
		if data, ok := cache.Get(name, key); ok {
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
		cache.Put(name, key, data)
	}
	return data, nil
}
