// Package gctune sets the garbage collector of a graphdocgen process for
// its workload: a few seconds of many short-lived allocations (a cold
// generate of the v1.0 docs allocates about 850 MB in 12 million objects)
// over a live heap that is small beside them (50 to 90 MB).
//
// With Go's default (GOGC=100) the collector runs each time the heap
// doubles: 41 times in such a run, 30 of them in its first half second,
// while the heap is under 50 MB. Start sets GOGC=400 and bounds the
// memory with a soft limit (debug.SetMemoryLimit): Base, or 2.5 times the
// live heap the last collection left when that is more. A small run
// collects rarely and stays under Base; a run whose live heap nears Base
// collects about as often as with the defaults, and never back to back
// (the limit follows the live heap, with room over it for the runtime's
// own memory, so the collector is not made to run for a heap it cannot
// shrink).
//
// The environment wins: with GOGC or GOMEMLIMIT set, Start changes
// nothing, and the runtime does what they say.
package gctune

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// Percent is the GOGC Start sets.
const Percent = 400

// Base is the smallest memory limit Start sets, in bytes.
const Base = 200 << 20

var (
	mu      sync.Mutex
	running bool
	gen     int // the watcher's generation: a stopped one does not rearm
)

// Start tunes the collector as the package doc says, unless GOGC or
// GOMEMLIMIT is set. It reports whether it did; stop puts back the
// settings Start found (a command never calls it; a benchmark that runs
// a command's work in its own process does).
func Start() (stop func(), tuned bool) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}, false
	}
	mu.Lock()
	defer mu.Unlock()
	if running {
		return func() {}, true
	}
	running = true
	gen++
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	percent := debug.SetGCPercent(Percent)
	limit := debug.SetMemoryLimit(Limit(live(sample)))
	watch(gen, sample)
	return func() {
		mu.Lock()
		defer mu.Unlock()
		if !running {
			return
		}
		running = false
		gen++
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}, true
}

// Limit is the memory limit for a live heap of live bytes: Base, or 2.5
// times live when that is more.
func Limit(live uint64) int64 {
	if live > math.MaxInt64/3 {
		return math.MaxInt64
	}
	return max(Base, int64(live)*5/2)
}

func live(sample []metrics.Sample) uint64 {
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return sample[0].Value.Uint64()
}

// watch follows the live heap after every collection (a finalizer on an
// unreachable object runs after the cycle that found it, and sets up the
// next one) and sets the limit from it, until Start's stop.
func watch(g int, sample []metrics.Sample) {
	var rearm func()
	rearm = func() {
		sentinel := new([16]byte) // not a tiny allocation, which would be batched with others
		runtime.SetFinalizer(sentinel, func(*[16]byte) {
			mu.Lock()
			defer mu.Unlock()
			if g != gen {
				return
			}
			metrics.Read(sample)
			debug.SetMemoryLimit(Limit(live(sample)))
			rearm()
		})
	}
	rearm()
}
