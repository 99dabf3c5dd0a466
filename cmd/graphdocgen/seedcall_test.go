package main

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// seedCallPages are the pages of the README's go generate example that
// the seed call, GET /me/events/{id} (event-get.md), needs.
var seedCallPages = []string{fixtureDocs + "/api/event-get.md", fixtureDocs + "/resources"}

// seedProgram is one of the two programs of BenchmarkSeedCallBuild: a
// module in dir whose main package is testdata/seedcall/NAME.
type seedProgram struct {
	name, dir string
}

// newSeedPrograms writes the two programs under root: the seed call
// through a client generated from seedCallPages, and the same request
// with net/http by hand.
func newSeedPrograms(b *testing.B, root string) []seedProgram {
	b.Helper()
	var progs []seedProgram
	for _, name := range []string{"byhand", "client"} {
		dir := filepath.Join(root, name)
		src, err := os.ReadFile(filepath.Join("testdata", "seedcall", name, "main.go"))
		if err != nil {
			b.Fatal(err)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		for file, data := range map[string][]byte{"go.mod": []byte("module example.com/seed\n\ngo 1.24\n"), "main.go": src} {
			if err := os.WriteFile(filepath.Join(dir, file), data, 0o644); err != nil {
				b.Fatal(err)
			}
		}
		if name == "client" {
			var stderr bytes.Buffer
			args := append([]string{"generate", "-no-cache", "-o", filepath.Join(dir, "graph"), "-pkg", "graph"}, seedCallPages...)
			if st := run(args, io.Discard, &stderr); st != exitOK {
				b.Fatalf("generate: exit %d\n%s", st, stderr.String())
			}
			// the client's generated tests are not part of the program
			tests, _ := filepath.Glob(filepath.Join(dir, "graph", "*_test.go"))
			for _, f := range tests {
				if err := os.Remove(f); err != nil {
					b.Fatal(err)
				}
			}
		}
		progs = append(progs, seedProgram{dir: dir, name: name})
	}
	return progs
}

// build builds p with a build cache of its own, empty (so the standard
// library is compiled too, as on a first build), and returns the binary,
// how long the build took and the CPU time it used (the go command's and
// the compilers' and linker's it ran), which the load of a shared
// machine changes less.
func (p seedProgram) build(b *testing.B, cache string) (string, time.Duration, time.Duration) {
	b.Helper()
	bin := filepath.Join(p.dir, p.name)
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = p.dir
	cmd.Env = append(os.Environ(), "GOCACHE="+cache, "GOPROXY=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local", "GOWORK=off")
	start := time.Now()
	out, err := cmd.CombinedOutput()
	d := time.Since(start)
	if err != nil {
		b.Fatalf("build %s: %v\n%s", p.name, err, out)
	}
	return bin, d, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}

// BenchmarkSeedCallBuild builds the seed-call program (a client generated
// from the README's go generate example calling GET /me/events/{id}) and
// a plain net/http program making the same request by hand, each with an
// empty build cache, alternating which goes first. It reports the ratios
// issue #12 sets goals for, client over by-hand: build-x (cold build
// time, goal 1.2; build-cpu-x the same for the CPU time) and size-x
// (binary size, goal 1.5), and each one's seconds and MiB. Both binaries are run once against a test server and
// must print the event's subject.
func BenchmarkSeedCallBuild(b *testing.B) {
	if _, err := exec.LookPath("go"); err != nil {
		b.Skip("no go command")
	}
	root := b.TempDir()
	progs := newSeedPrograms(b, root)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/me/events/e1" || r.Header.Get("Authorization") != "Bearer t" {
			http.Error(w, "unexpected "+r.URL.Path, http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id":"e1","subject":"Plan"}`)
	}))
	defer srv.Close()
	took := make([]time.Duration, len(progs))
	cpu := make([]time.Duration, len(progs))
	size := make([]int64, len(progs))
	n := 0
	for b.Loop() {
		order := []int{0, 1}
		if n%2 == 1 {
			order = []int{1, 0}
		}
		for _, i := range order {
			cache, err := os.MkdirTemp(root, "gocache-")
			if err != nil {
				b.Fatal(err)
			}
			bin, d, c := progs[i].build(b, cache)
			took[i] += d
			cpu[i] += c
			b.StopTimer()
			st, err := os.Stat(bin)
			if err != nil {
				b.Fatal(err)
			}
			size[i] = st.Size()
			cmd := exec.Command(bin, srv.URL, "e1")
			cmd.Env = append(os.Environ(), "GRAPH_TOKEN=t")
			out, err := cmd.CombinedOutput()
			if err != nil || strings.TrimSpace(string(out)) != "Plan" {
				b.Fatalf("%s: %v: %s", progs[i].name, err, out)
			}
			// the caches are large: remove each before the next build
			if err := os.RemoveAll(cache); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
		n++
	}
	hand, client := 0, 1
	b.ReportMetric(took[client].Seconds()/took[hand].Seconds(), "build-x")
	b.ReportMetric(cpu[client].Seconds()/cpu[hand].Seconds(), "build-cpu-x")
	b.ReportMetric(float64(size[client])/float64(size[hand]), "size-x")
	b.ReportMetric(took[hand].Seconds()/float64(n), "byhand-s")
	b.ReportMetric(took[client].Seconds()/float64(n), "client-s")
	b.ReportMetric(float64(size[hand])/(1<<20), "byhand-MiB")
	b.ReportMetric(float64(size[client])/(1<<20), "client-MiB")
}
