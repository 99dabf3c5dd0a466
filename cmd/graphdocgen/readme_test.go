package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// repoRoot is the repository's root, absolute.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// offlineGo runs the go command in dir without the network: modules come
// from the module cache.
func offlineGo(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local", cacheEnv+"=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s in %s: %v\n%s", strings.Join(args, " "), dir, err, out)
	}
	return string(out)
}

// readmeFirstCommand is the first line of the README's first sh block,
// without its comment.
func readmeFirstCommand(t *testing.T) []string {
	t.Helper()
	f, err := os.Open(filepath.Join(repoRoot(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if sc.Text() == "```sh" && sc.Scan() {
			line, _, _ := strings.Cut(sc.Text(), "#")
			return strings.Fields(line)
		}
	}
	t.Fatal("README has no sh block")
	return nil
}

// TestReadmeExample runs the README's first command (the built-in example)
// in a scratch copy of the module layout: it writes the client where
// `go test ./...` of the module does not reach it, and the client it
// writes passes its own tests.
func TestReadmeExample(t *testing.T) {
	args := readmeFirstCommand(t)
	if len(args) < 4 || strings.Join(args[:3], " ") != "go run ./cmd/graphdocgen" {
		t.Fatalf("README's first command is %q, want go run ./cmd/graphdocgen ...", args)
	}
	args = args[3:]
	mod := t.TempDir()
	writeFile(t, filepath.Join(mod, "go.mod"), "module example.com/layout\n\ngo 1.24\n")
	var outDir string
	for i := 0; i < len(args); i++ {
		switch {
		case (args[i] == "-o" || args[i] == "-openapi") && i+1 < len(args):
			if args[i] == "-o" {
				outDir = args[i+1]
			}
			args[i+1] = filepath.Join(mod, args[i+1])
			i++
		case !strings.HasPrefix(args[i], "-") && i > 0:
			args[i] = filepath.Join(repoRoot(t), args[i]) // the docs, in this repository
		}
	}
	if outDir == "" {
		t.Fatalf("README's first command has no -o: %q", args)
	}
	args = append([]string{args[0], "-no-cache"}, args[1:]...)
	if st, _, stderr := runCmd(t, args...); st != exitOK {
		t.Fatalf("graphdocgen %s: status %d\n%s", strings.Join(args, " "), st, stderr)
	}
	if _, err := os.Stat(filepath.Join(mod, outDir, "client.go")); err != nil {
		t.Fatalf("no client in %s: %v", outDir, err)
	}
	// Not part of the module's ./..., so `make test` does not test it ...
	cmd := exec.Command("go", "list", "./...")
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
	if out, _ := cmd.CombinedOutput(); strings.Contains(string(out), filepath.ToSlash(outDir)) {
		t.Errorf("go list ./... lists the example %s:\n%s", outDir, out)
	}
	// ... and ignored by git in this repository.
	ignore, _ := os.ReadFile(filepath.Join(repoRoot(t), ".gitignore"))
	top := strings.SplitN(filepath.ToSlash(outDir), "/", 2)[0]
	if !strings.Contains("\n"+string(ignore), "\n/"+top+"/\n") {
		t.Errorf(".gitignore does not ignore /%s/", top)
	}
	if testing.Short() {
		return
	}
	offlineGo(t, mod, "test", "-count=1", "./"+filepath.ToSlash(outDir))
}

// TestDownstreamModule does what the README tells a user: a new module
// takes graphdocgen as a tool dependency (go get -tool, with a replace to
// this checkout), a //go:generate line runs go tool graphdocgen, and go
// generate and go test pass, and the README's downstream program, the
// module's main.go, runs (runDownstreamProgram). Offline: GOPROXY=off and
// the module cache, with this repository's go.sum for the tool's
// requirements.
func TestDownstreamModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the tool and a generated client in a scratch module")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	root := repoRoot(t)
	app := filepath.Join(t.TempDir(), "app")
	writeFile(t, filepath.Join(app, "go.mod"), "module example.com/app\n\ngo 1.24\n")
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(app, "go.sum"), string(sum))
	offlineGo(t, app, "mod", "edit", "-replace", "github.com/graphdocgen/graphdocgen="+root)
	offlineGo(t, app, "get", "-tool", "github.com/graphdocgen/graphdocgen/cmd/graphdocgen")
	gomod, _ := os.ReadFile(filepath.Join(app, "go.mod"))
	if !strings.Contains(string(gomod), "tool github.com/graphdocgen/graphdocgen/cmd/graphdocgen") {
		t.Fatalf("go.mod has no tool directive:\n%s", gomod)
	}
	copyDir(t, filepath.Join(root, "generated", "docs"), filepath.Join(app, "docs"))
	writeFile(t, filepath.Join(app, "graph", "gen.go"), `package graph

//go:generate go tool graphdocgen generate -o . -pkg graph -openapi openapi.json ../docs
`)
	// the README's downstream program, as written there
	writeFile(t, filepath.Join(app, "main.go"), readmeDownstreamProgram(t))
	offlineGo(t, app, "generate", "./...")
	for _, f := range []string{"client.go", "models.go", "openapi.json", "gen.go"} {
		if _, err := os.Stat(filepath.Join(app, "graph", f)); err != nil {
			t.Errorf("after go generate: %v", err)
		}
	}
	offlineGo(t, app, "vet", "./...")
	out := offlineGo(t, app, "test", "-count=1", "./...")
	if !strings.Contains(out, "ok  \texample.com/app/graph") {
		t.Errorf("go test ./... did not test the client:\n%s", out)
	}
	runDownstreamProgram(t, app)
}

// copyDir copies the files under src to dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		writeFile(t, filepath.Join(dst, rel), string(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestReadmeMetadataRecipe runs the README's `lint -metadata` recipe (its
// fixture CSDL and pages) and checks that it reports metadata findings at
// docs positions without failing.
func TestReadmeMetadataRecipe(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repoRoot(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var args []string
	for _, l := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(l, "go run ./cmd/graphdocgen lint -metadata "); ok {
			args = append([]string{"lint", "-metadata"}, strings.Fields(rest)...)
			break
		}
	}
	if len(args) != 4 {
		t.Fatalf("README has no `go run ./cmd/graphdocgen lint -metadata FILE DOCS` line: %q", args)
	}
	args[2] = filepath.Join(repoRoot(t), args[2])
	args[3] = filepath.Join(repoRoot(t), args[3])
	st, stdout, stderr := runCmd(t, args...)
	if st != exitOK {
		t.Fatalf("status %d\n%s", st, stderr)
	}
	for _, rule := range []string{"metadata-path-unresolved", "metadata-response-type", "metadata-property-unknown", "metadata-enum-member"} {
		if !strings.Contains(stdout, "["+rule+"]") {
			t.Errorf("no %s finding in\n%s", rule, stdout)
		}
	}
	if !strings.Contains(stdout, "widget-list.md:25:1: warning: GET /me/gadgets does not resolve") {
		t.Errorf("path finding not at its request line:\n%s", stdout)
	}
}
