package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/graphdocgen/graphdocgen/internal/cachestore"
	"github.com/graphdocgen/graphdocgen/internal/fileid"
)

// The tool's identity is part of every cache key: the main module's
// version and the SHA-256 of the executable, so that any rebuild
// invalidates the cache. Hashing the executable (about 19 MB) took ~20
// ms at the start of every run with a cache, a fifth of a run over
// unchanged docs. The hash is remembered in the cache folder (tool/)
// under the executable's path and file identity (fileIdentity: device,
// inode, size, modification and change times), and read again only when
// the identity changed: rebuilding or replacing the executable gives it
// another inode or change time, and a change time cannot be set back. An
// identity younger than racyTool is not remembered, as its file may
// still be written within the same clock tick.

var (
	toolOnce sync.Once
	toolVal  string
)

// hashTool hashes the file at path (a variable: tests count the reads).
var hashTool = func(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// toolID identifies the running tool, remembering the executable's hash
// in st when st is not nil. Empty when the executable cannot be read
// (then no cache is used).
func toolID(st *cachestore.Store) string {
	toolOnce.Do(func() {
		exe, err := os.Executable()
		if err != nil {
			return
		}
		sum, err := toolSum(st, exe)
		if err != nil {
			return
		}
		version := "(unknown)"
		if bi, ok := debug.ReadBuildInfo(); ok {
			version = bi.Main.Path + "@" + bi.Main.Version
		}
		toolVal = version + " " + sum
	})
	return toolVal
}

// toolSum is the hex SHA-256 of the executable exe: remembered in st
// under exe's file identity, else computed (and remembered unless racy).
func toolSum(st *cachestore.Store, exe string) (string, error) {
	if st == nil {
		return hashTool(exe)
	}
	abs, err := filepath.Abs(exe)
	if err != nil {
		return hashTool(exe)
	}
	start := time.Now()
	id, _, ok := fileid.Stat(abs)
	if !ok {
		return hashTool(exe)
	}
	name := st.Entry("tool", cachestore.HashKey("tool", abs))
	if payload, found := st.Read(name); found {
		if rec, sum, cut := strings.Cut(string(payload), "\n"); cut && rec == id && len(sum) == 2*sha256.Size {
			return sum, nil
		}
	}
	sum, err := hashTool(abs)
	if err != nil {
		return "", err
	}
	if id, changed, ok := fileid.Stat(abs); ok && fileid.Settled(changed, start, racy) {
		st.Write(name, fmt.Appendf(nil, "%s\n%s", id, sum))
	}
	return sum, nil
}
