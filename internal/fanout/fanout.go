// Package fanout runs the iterations of a loop on several goroutines,
// the way every stage of graphdocgen spreads its work over the cores:
// each goroutine takes the next indexes from a shared counter itself.
// Nothing hands the work out, so no goroutine waits for a sender to be
// scheduled (over a channel, each of the 3,341 pages of the v1.0 docs
// waited about 17 µs for it).
package fanout

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls f(w, i) once for each i in [0, n), on up to workers
// goroutines (GOMAXPROCS when workers <= 0; no more than there are
// chunks), the caller's one of them. Each goroutine takes chunk indexes
// (at least 1) at a time, in increasing order; w is the goroutine's
// number, below the workers asked for, for the state a goroutine keeps
// across its calls. For returns when every call has.
func For(n, workers, chunk int, f func(w, i int)) {
	if n <= 0 {
		return
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	chunk = max(chunk, 1)
	workers = min(workers, (n+chunk-1)/chunk)
	var next atomic.Int64
	run := func(w int) {
		for {
			start := int(next.Add(int64(chunk))) - chunk
			if start >= n {
				return
			}
			for i := start; i < min(start+chunk, n); i++ {
				f(w, i)
			}
		}
	}
	var wg sync.WaitGroup
	for w := 1; w < workers; w++ {
		wg.Go(func() { run(w) })
	}
	run(0)
	wg.Wait()
}
