package gctune

import (
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

func TestLimit(t *testing.T) {
	for _, c := range []struct {
		live uint64
		want int64
	}{
		{0, Base},
		{50 << 20, Base},
		{Base * 2 / 5, Base},
		{Base, Base * 5 / 2},
		{1 << 30, 5 << 29},
		{1 << 63, 1<<63 - 1},
	} {
		if got := Limit(c.live); got != c.want {
			t.Errorf("Limit(%d) = %d, want %d", c.live, got, c.want)
		}
	}
}

// TestStart runs in a child process (TestMain-free: the child is this test
// binary with GCTUNE_CHILD set), since Start changes the whole process.
func TestStart(t *testing.T) {
	if mode := os.Getenv("GCTUNE_CHILD"); mode != "" {
		child(t, mode)
		return
	}
	for _, c := range []struct{ name, env string }{
		{"tuned", ""},
		{"gogc-set", "GOGC=100"},
		{"memlimit-set", "GOMEMLIMIT=1GiB"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestStart$", "-test.v")
			cmd.Env = append(clean(os.Environ()), "GCTUNE_CHILD="+c.name)
			if c.env != "" {
				cmd.Env = append(cmd.Env, c.env)
			}
			out, err := cmd.CombinedOutput()
			if err != nil || !strings.Contains(string(out), "--- PASS: TestStart") {
				t.Fatalf("child %s: %v\n%s", c.name, err, out)
			}
		})
	}
}

// clean drops GOGC and GOMEMLIMIT from env.
func clean(env []string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, "GOGC=") && !strings.HasPrefix(kv, "GOMEMLIMIT=") {
			out = append(out, kv)
		}
	}
	return out
}

// child checks Start in a fresh process, as mode says.
func child(t *testing.T, mode string) {
	before := debug.SetMemoryLimit(-1)
	beforePercent := debug.SetGCPercent(-1)
	debug.SetGCPercent(beforePercent)
	stop, tuned := Start()
	percent := debug.SetGCPercent(-1)
	debug.SetGCPercent(percent)
	if mode != "tuned" {
		if tuned || debug.SetMemoryLimit(-1) != before {
			t.Fatalf("%s: Start tuned the collector (percent %d, limit %d)", mode, percent, debug.SetMemoryLimit(-1))
		}
		return
	}
	if !tuned || percent != Percent || debug.SetMemoryLimit(-1) != Base {
		t.Fatalf("Start: tuned %v, percent %d, limit %d; want %d and %d", tuned, percent, debug.SetMemoryLimit(-1), Percent, Base)
	}
	// A live heap above Base raises the limit to 2.5 times it after a
	// collection, so the collector does not run back to back.
	live := make([][]byte, 0, 64)
	for range 64 {
		live = append(live, make([]byte, 4<<20)) // 256 MiB
	}
	var limit int64
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		runtime.GC()
		if limit = debug.SetMemoryLimit(-1); limit >= 5*(256<<20)/2 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	runtime.KeepAlive(live)
	if limit < 5*(256<<20)/2 {
		t.Fatalf("with 256 MiB live the limit is %d, want at least %d", limit, 5*(256<<20)/2)
	}
	// And it comes down to Base when that heap is gone.
	live = nil
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		runtime.GC()
		if limit = debug.SetMemoryLimit(-1); limit == Base {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if limit != Base {
		t.Fatalf("with the heap freed the limit is %d, want %d", limit, Base)
	}
	// stop puts back what Start found, and the watcher stays stopped.
	stop()
	runtime.GC()
	runtime.GC()
	if l, p := debug.SetMemoryLimit(-1), debug.SetGCPercent(beforePercent); l != before || p != beforePercent {
		t.Fatalf("after stop: limit %d, percent %d; want %d and %d", l, p, before, beforePercent)
	}
}
