package templates

import (
	"bytes"
	"runtime"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestParallelSameOutput: buildModel reads schemas and operations
// concurrently (parallel); the files are the same on one thread as on
// several, on the test documents and (outside -short) on the v1.0
// corpus.
func TestParallelSameOutput(t *testing.T) {
	docs := map[string]*openapi3.T{"calendar.yaml": loadDoc(t, "calendar.yaml"), "odata.yaml": loadDoc(t, "odata.yaml")}
	if !testing.Short() {
		docs["v1.0"] = v1Doc(t)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for name, doc := range docs {
		runtime.GOMAXPROCS(1)
		one, err := Generate(doc, Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		runtime.GOMAXPROCS(4)
		four, err := Generate(doc, Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(one) != len(four) {
			t.Fatalf("%s: %d files on one thread, %d on four", name, len(one), len(four))
		}
		for f, data := range one {
			if !bytes.Equal(data, four[f]) {
				t.Errorf("%s: %s differs between one thread and four", name, f)
			}
		}
	}
}

// TestParallelCallsAll: parallel calls f once for every index, below and
// above the size of a chunk.
func TestParallelCallsAll(t *testing.T) {
	for _, n := range []int{0, 1, 31, 32, 33, 100, 1000} {
		calls := make([]int, n)
		parallel(n, func(i int) { calls[i]++ })
		for i, c := range calls {
			if c != 1 {
				t.Fatalf("n=%d: f(%d) called %d times", n, i, c)
			}
		}
	}
}
