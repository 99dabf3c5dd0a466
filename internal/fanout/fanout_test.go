package fanout

import (
	"runtime"
	"sync"
	"testing"
)

// TestFor: every index once, on no more goroutines than asked for (and
// than there are chunks), each taking its indexes in increasing order.
func TestFor(t *testing.T) {
	for _, c := range []struct{ n, workers, chunk int }{
		{0, 4, 1}, {1, 4, 1}, {7, 1, 1}, {100, 3, 1}, {100, 3, 32}, {100, 8, 7}, {5, 8, 0}, {1000, 0, 1}, {3, 8, 2},
	} {
		counts := make([]int, c.n)
		var mu sync.Mutex
		last := map[int]int{} // worker -> last index it got
		For(c.n, c.workers, c.chunk, func(w, i int) {
			mu.Lock()
			defer mu.Unlock()
			counts[i]++
			if l, ok := last[w]; ok && i <= l {
				t.Errorf("%+v: worker %d got %d after %d", c, w, i, l)
			}
			last[w] = i
		})
		for i, k := range counts {
			if k != 1 {
				t.Errorf("%+v: index %d called %d times", c, i, k)
			}
		}
		want := c.workers
		if want <= 0 {
			want = runtime.GOMAXPROCS(0)
		}
		want = min(want, (c.n+max(c.chunk, 1)-1)/max(c.chunk, 1))
		for w := range last {
			if w < 0 || w >= want {
				t.Errorf("%+v: worker %d, want below %d", c, w, want)
			}
		}
	}
}
