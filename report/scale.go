package report

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/graphdocgen/graphdocgen/pipeline"
)

// ScaleOptions configure Scale.
type ScaleOptions struct {
	// Dir is the directory the client is written into; it must be empty or
	// absent. Empty: a new temporary directory, removed afterwards.
	Dir string
	// Package is the generated package's name ("graph").
	Package string
	// GoBin is the go command; empty: "go" from PATH.
	GoBin string
	// SkipTest leaves out go test (build and vet only).
	SkipTest bool
	// AllTypes generates every type of the document, not only those the
	// operations reach.
	AllTypes bool
}

// ScaleResult is the generated client's size and how long it took to
// generate and check.
type ScaleResult struct {
	Files int   `json:"files"`
	Bytes int64 `json:"bytes"`
	Lines int   `json:"lines"`
	// Largest is the largest file and its size in bytes.
	Largest      string `json:"largest"`
	LargestBytes int    `json:"largestBytes"`
	// Types are the document's types the client emitted and pruned.
	Types       int `json:"types"`
	TypesPruned int `json:"typesPruned"`
	TypesInDocs int `json:"typesInDocs"`
	// Generate is the time templates.Generate took (parsing and building
	// the document are not included: see Report).
	Generate time.Duration `json:"generateNs"`
	Steps    []Step        `json:"steps"`
	// OK is true when every step succeeded.
	OK bool `json:"ok"`
}

// Step is one go command run on the generated module.
type Step struct {
	Command  string        `json:"command"`
	Duration time.Duration `json:"durationNs"`
	// MaxRSSKB is the peak resident set size of the command and its
	// children in KiB, when the platform reports it.
	MaxRSSKB int64 `json:"maxRssKB,omitempty"`
	OK       bool  `json:"ok"`
	// Output is the end of the command's combined output (at most 4 KiB).
	Output string `json:"output,omitempty"`
}

// Scale generates res's client into a module in opts.Dir and runs go
// build, go vet and go test on it. The module path is unique to the run
// so that the go build cache cannot answer from an earlier run. The error
// is for generation and I/O failures; a failing go command is a Step with
// OK false.
func Scale(ctx context.Context, res *pipeline.Result, opts ScaleOptions) (*ScaleResult, error) {
	pkg := opts.Package
	if pkg == "" {
		pkg = "graph"
	}
	t0 := time.Now()
	files, err := res.GoFiles(pipeline.Options{Package: pkg, AllTypes: opts.AllTypes})
	if err != nil {
		return nil, err
	}
	sr := &ScaleResult{Generate: time.Since(t0), Types: res.Types.Emitted, TypesPruned: res.Types.Pruned, TypesInDocs: res.Types.Schemas}
	dir := opts.Dir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "graphdocgen-scale-"); err != nil {
			return nil, fmt.Errorf("scale: %w", err)
		}
		defer os.RemoveAll(dir)
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("scale: %w", err)
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		b := files[n]
		sr.Files++
		sr.Bytes += int64(len(b))
		sr.Lines += bytes.Count(b, []byte("\n"))
		if len(b) > sr.LargestBytes {
			sr.Largest, sr.LargestBytes = n, len(b)
		}
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
			return nil, fmt.Errorf("scale: %w", err)
		}
	}
	mod := fmt.Sprintf("module graphdocgen.scale/r%d/%s\n\ngo 1.24\n", time.Now().UnixNano(), pkg)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(mod), 0o644); err != nil {
		return nil, fmt.Errorf("scale: %w", err)
	}
	goBin := opts.GoBin
	if goBin == "" {
		goBin = "go"
	}
	cmds := [][]string{{"build", "./..."}, {"vet", "./..."}}
	if !opts.SkipTest {
		cmds = append(cmds, []string{"test", "-count=1", "./..."})
	}
	sr.OK = true
	for _, args := range cmds {
		st := runGo(ctx, goBin, dir, args)
		sr.Steps = append(sr.Steps, st)
		if !st.OK {
			sr.OK = false
			break
		}
	}
	return sr, nil
}

func runGo(ctx context.Context, goBin, dir string, args []string) Step {
	cmd := exec.CommandContext(ctx, goBin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	t0 := time.Now()
	err := cmd.Run()
	st := Step{Command: "go " + strings.Join(args, " "), Duration: time.Since(t0), OK: err == nil}
	if cmd.ProcessState != nil {
		st.MaxRSSKB = maxRSSKB(cmd.ProcessState)
	}
	o := out.String()
	if err != nil && !strings.Contains(o, err.Error()) {
		o += err.Error() + "\n"
	}
	if len(o) > 4096 {
		o = "..." + o[len(o)-4096:]
	}
	st.Output = o
	return st
}
