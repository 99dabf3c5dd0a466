package pipeline

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/graphdocgen/graphdocgen/internal/fanout"
	"github.com/graphdocgen/graphdocgen/xgraph"
)

// GeneratedHeader starts every file graphdocgen generates. WriteDir only
// ever removes files that start with it.
const GeneratedHeader = xgraph.Header

// How a generation is written (Commit). The output folder DIR is never
// edited in place: the new generation is staged in a sibling folder
// .DIR.graphdocgen-new (the unchanged files and the user's own files hard
// linked in, the new and changed files written, then all made durable at
// once: one syncfs of the file system on Linux, an fsync per file
// elsewhere), the OpenAPI file beside itself as .FILE.graphdocgen-tmp
// (fsync'd), and only then a journal .DIR.graphdocgen-journal (written to
// a temporary file, fsync'd and renamed) says the generation is
// committed: so no journal says so before every staged byte is on disk.
// Then the two folders are swapped in one step (renameat2
// RENAME_EXCHANGE on Linux; two renames elsewhere), the user's folders
// (and files added meanwhile) are moved over from the old generation, the
// OpenAPI file is renamed into place, and the old generation is removed.
// A run killed at any point leaves DIR holding the old or the new
// generation; the next run reads the journal first and rolls the
// interrupted one back (not committed) or forward (committed), removing
// every leftover. The folder's lock (.DIR.graphdocgen.lock beside it)
// keeps two runs from writing it at once.
const (
	newSuffix     = ".graphdocgen-new"
	oldSuffix     = ".graphdocgen-old"
	journalSuffix = ".graphdocgen-journal"
	tmpSuffix     = ".graphdocgen-tmp"
	lockSuffix    = ".graphdocgen.lock"
	// markerName is a file in the staged folder naming its generation, so
	// that recovery can tell whether the swap happened.
	markerName = ".graphdocgen-generation"
)

// sibling is the path of name's hidden companion with suffix.
func sibling(name, suffix string) string {
	return filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+suffix)
}

// crashAt, when GRAPHDOCGEN_CRASH_AT names a point of a write, kills the
// process there with SIGKILL: the tests use it to show that a run killed
// anywhere leaves the old or the new generation behind.
func crashAt(point string) {
	if os.Getenv("GRAPHDOCGEN_CRASH_AT") == point {
		p, _ := os.FindProcess(os.Getpid())
		_ = p.Kill()
		select {} // the signal is on its way
	}
}

// WriteFile writes data to name atomically: a temporary file beside it,
// fsync'd and renamed over name, under name's lock. A failed or killed
// write leaves name as it was; the next write removes the temporary file.
// A name that exists and is not a regular file (/dev/null, /dev/stdout, a
// named pipe) is written to as it is: renaming over it would replace it.
func WriteFile(name string, data []byte) error {
	if special, err := isSpecial(name); err != nil {
		return err
	} else if special {
		return writeSpecial(name, data)
	}
	unlock, err := Lock(name, LockOptions{})
	if err != nil {
		return err
	}
	defer unlock()
	tmp := sibling(name, tmpSuffix)
	if err := writeSynced(tmp, data); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", name, err)
	}
	crashAt("file-staged")
	if err := os.Rename(tmp, name); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", name, unwrapLinkError(err))
	}
	syncDir(filepath.Dir(name))
	return nil
}

// isSpecial reports whether name exists and is not a regular file; a
// folder is an error.
func isSpecial(name string) (bool, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return false, nil
	}
	if fi.IsDir() {
		return false, fmt.Errorf("write %s: is a directory", name)
	}
	return !fi.Mode().IsRegular(), nil
}

func writeSpecial(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("write %s: %w", name, unwrapPathError(err))
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", name, unwrapPathError(err))
	}
	return nil
}

// writeSynced creates name (replacing it) with data, mode 0644, and
// fsyncs it.
func writeSynced(name string, data []byte) error {
	return writeFileSync(name, data, true)
}

// writeFile creates name (replacing it) with data, mode 0644, and leaves
// its sync to the caller.
func writeFile(name string, data []byte) error {
	return writeFileSync(name, data, false)
}

func writeFileSync(name string, data []byte, sync bool) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return unwrapPathError(err)
	}
	_, err = f.Write(data)
	if err == nil && sync {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(name, 0o644)
	}
	return unwrapPathError(err)
}

// syncDir fsyncs a folder, so that renames in it are durable. Errors are
// ignored: not every file system can sync a folder.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		_ = f.Sync()
		f.Close()
	}
}

// DirChange is what WriteDir did, or would do, to one file.
type DirChange struct {
	Name string // file name inside the folder
	Op   string // "add", "update" or "remove"
}

// PlanDir compares files with what dir holds and returns the changes that
// writing them would make: new files, changed files, and generated files
// (starting with GeneratedHeader) that files no longer has. Sorted by name.
// The files are read on all cores (a package of 268 files, 12 MB, took
// 10 ms on one), each worker reading into a buffer of its own.
func PlanDir(dir string, files map[string][]byte) ([]DirChange, error) {
	names := slices.Sorted(maps.Keys(files))
	ops := make([]string, len(names))
	errs := make([]error, len(names))
	workers := min(runtime.GOMAXPROCS(0), planReaders)
	bufs := make([][]byte, workers)
	fanout.For(len(names), workers, 4, func(w, i int) {
		name := filepath.Join(dir, names[i])
		var same bool
		var err error
		same, bufs[w], err = sameFile(name, files[names[i]], bufs[w])
		switch {
		case errors.Is(err, os.ErrNotExist):
			ops[i] = "add"
		case err != nil:
			errs[i] = fmt.Errorf("read %s: %w", name, unwrapPathError(err))
		case !same:
			ops[i] = "update"
		}
	})
	var changes []DirChange
	for i, name := range names {
		if errs[i] != nil {
			return nil, errs[i]
		}
		if ops[i] != "" {
			changes = append(changes, DirChange{name, ops[i]})
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("read %s: %w", dir, unwrapPathError(err))
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") {
			continue
		}
		if _, ok := files[e.Name()]; ok {
			continue
		}
		if isGenerated(filepath.Join(dir, e.Name())) {
			changes = append(changes, DirChange{e.Name(), "remove"})
		}
	}
	slices.SortFunc(changes, func(a, b DirChange) int { return strings.Compare(a.Name, b.Name) })
	return changes, nil
}

// planReaders is the most goroutines PlanDir reads with.
const planReaders = 4

// sameFile reports whether the file name holds data, reading it into buf
// (returned, grown as needed). A file of another size is not read.
func sameFile(name string, data, buf []byte) (bool, []byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return false, buf, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return false, buf, err
	}
	if !fi.Mode().IsRegular() {
		// not a file of ours to compare by size: read as os.ReadFile would
		old, err := io.ReadAll(f)
		return err == nil && bytes.Equal(old, data), buf, err
	}
	if fi.Size() != int64(len(data)) {
		return false, buf, nil
	}
	// one byte more than data, to see a file that grew since the Stat
	if cap(buf) < len(data)+1 {
		buf = make([]byte, len(data)+1)
	}
	n, err := io.ReadFull(f, buf[:len(data)+1])
	switch err {
	case io.ErrUnexpectedEOF, io.EOF:
		err = nil
	case nil:
		return false, buf, nil // longer than data
	}
	if err != nil {
		return false, buf, err
	}
	return n == len(data) && bytes.Equal(buf[:n], data), buf, nil
}

func isGenerated(name string) bool {
	fi, err := os.Lstat(name)
	if err != nil || !fi.Mode().IsRegular() {
		return false
	}
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	buf := make([]byte, len(GeneratedHeader))
	n, _ := io.ReadFull(f, buf)
	return string(buf[:n]) == GeneratedHeader
}

// WriteDir makes dir hold files, as Commit does without an OpenAPI file.
func WriteDir(dir string, files map[string][]byte) ([]DirChange, error) {
	return Commit(Generation{Dir: dir, Files: files})
}

// Generation is what one generate run writes: the Go package's folder and
// files, and optionally the OpenAPI document's file and bytes.
type Generation struct {
	Dir   string
	Files map[string][]byte
	Doc   string // the OpenAPI file; "" for none
	Data  []byte // its content
	Lock  LockOptions
}

// journal is the state of a write, stored beside the output folder.
type journal struct {
	// State is "staged" while the new generation is being staged (an
	// interrupted run is rolled back), "committed" once it is complete
	// (rolled forward: swapped in), "swapped" once the folder holds it
	// (the rest of the old generation is cleaned up).
	State  string `json:"state"`
	ID     string `json:"id"`     // the generation's marker
	Doc    string `json:"doc"`    // the OpenAPI file, "" for none
	DocTmp string `json:"docTmp"` // its staged copy
}

// Commit makes g.Dir hold g.Files and g.Doc hold g.Data as one
// transaction: it writes the files that are new or changed (unchanged
// ones keep their modification time, the user's own files stay), removes
// generated files that are no longer produced, and returns the changes.
// Everything is staged before anything is renamed, so an error (a folder
// or file that cannot be written) leaves both as they were, and a killed
// run leaves the old or the new generation; see the comment at the top of
// this file. A Doc that is a device or a pipe is written after the folder.
func Commit(g Generation) ([]DirChange, error) {
	dir, err := outputDir(g.Dir)
	if err != nil {
		return nil, err
	}
	unlock, err := Lock(dir, g.Lock)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if err := Recover(dir); err != nil {
		return nil, err
	}
	if name, ok := docInDir(dir, g.Doc); ok {
		// The OpenAPI file inside the package folder (-o . -openapi
		// openapi.json) is one more file of the generation: staged and
		// swapped in with the others.
		files := maps.Clone(g.Files)
		files[name] = g.Data
		g.Files, g.Doc = files, ""
	}
	changes, err := PlanDir(dir, g.Files)
	if err != nil {
		return nil, err
	}
	docSpecial, docChanged := false, false
	if g.Doc != "" {
		if docSpecial, err = isSpecial(g.Doc); err != nil {
			return nil, err
		}
		old, err := os.ReadFile(g.Doc)
		docChanged = docSpecial || err != nil || !bytes.Equal(old, g.Data)
	}
	if len(changes) == 0 && !docChanged {
		return nil, nil
	}
	var special *os.File // a device or pipe Doc, opened before the commit
	if docSpecial {
		if special, err = os.OpenFile(g.Doc, os.O_WRONLY, 0); err != nil {
			return nil, fmt.Errorf("write %s: %w", g.Doc, unwrapPathError(err))
		}
		defer special.Close()
	}
	if g.Doc != "" && !docSpecial {
		unlockDoc, err := Lock(g.Doc, g.Lock)
		if err != nil {
			return nil, err
		}
		defer unlockDoc()
	}
	j := journal{State: "staged", ID: newID()}
	if g.Doc != "" && !docSpecial && docChanged {
		j.Doc, j.DocTmp = absPath(g.Doc), sibling(absPath(g.Doc), tmpSuffix)
	}
	if err := writeJournal(dir, j); err != nil {
		return nil, err
	}
	// the OpenAPI file is staged while the folder is
	var docErr error
	docDone := make(chan struct{})
	go func() {
		defer close(docDone)
		if j.DocTmp != "" {
			docErr = writeSynced(j.DocTmp, g.Data)
		}
	}()
	err = stage(dir, g.Files, changes, j)
	<-docDone
	if err != nil {
		rollBack(dir, j)
		return nil, err
	}
	if docErr != nil {
		rollBack(dir, j)
		return nil, fmt.Errorf("write %s: %w", g.Doc, docErr)
	}
	crashAt("staged")
	j.State = "committed"
	if err := writeJournal(dir, j); err != nil {
		rollBack(dir, j)
		return nil, err
	}
	crashAt("committed")
	if err := rollForward(dir, j); err != nil {
		return nil, err
	}
	if special != nil {
		if _, err := special.Write(g.Data); err != nil {
			return nil, fmt.Errorf("write %s: %w", g.Doc, unwrapPathError(err))
		}
	}
	return changes, nil
}

// docInDir reports whether doc is a regular file (or absent) directly in
// dir, the package folder, and its name there.
func docInDir(dir, doc string) (string, bool) {
	if doc == "" {
		return "", false
	}
	abs := absPath(doc)
	parent := filepath.Dir(abs)
	if real, err := filepath.EvalSymlinks(parent); err == nil {
		parent = real
	}
	if parent != dir {
		return "", false
	}
	if fi, err := os.Lstat(abs); err == nil && !fi.Mode().IsRegular() {
		return "", false // a device, pipe or symlink: written as such
	}
	return filepath.Base(abs), true
}

// outputDir is dir as an absolute path with symlinks resolved (the folder
// a symlink names is swapped, not the symlink).
func outputDir(dir string) (string, error) {
	abs := absPath(dir)
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	if fi, err := os.Stat(abs); err == nil && !fi.IsDir() {
		return "", fmt.Errorf("create %s: not a directory", dir)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return "", fmt.Errorf("create %s: %w", dir, unwrapPathError(err))
	}
	return abs, nil
}

func absPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return filepath.Clean(p)
}

func newID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func writeJournal(dir string, j journal) error {
	data, err := json.Marshal(j)
	if err != nil {
		return fmt.Errorf("write journal: %w", err)
	}
	name := sibling(dir, journalSuffix)
	tmp := name + ".tmp"
	if err := writeSynced(tmp, data); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w (the new generation is staged beside the folder)", name, err)
	}
	if err := os.Rename(tmp, name); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", name, unwrapLinkError(err))
	}
	syncDir(filepath.Dir(dir))
	return nil
}

// stage builds the new generation in dir's -new sibling: every regular
// file and symlink of dir that stays (unchanged generated files, the
// user's files) hard linked, the new and changed files written, the
// marker, all fsync'd. Folders and other entries of dir are moved over
// after the swap.
func stage(dir string, files map[string][]byte, changes []DirChange, j journal) error {
	next := sibling(dir, newSuffix)
	mode := fs.FileMode(0o755)
	if fi, err := os.Stat(dir); err == nil {
		mode = fi.Mode().Perm()
	}
	if err := os.Mkdir(next, mode); err != nil {
		return fmt.Errorf("create %s: %w", next, unwrapPathError(err))
	}
	changed := map[string]string{}
	for _, c := range changes {
		changed[c.Name] = c.Op
	}
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("read %s: %w", dir, unwrapPathError(err))
	}
	for _, e := range entries {
		if _, ok := changed[e.Name()]; ok || (e.Type()&^fs.ModeSymlink) != 0 {
			continue // rewritten, removed, or a folder (moved after the swap)
		}
		if err := linkOrCopy(filepath.Join(dir, e.Name()), filepath.Join(next, e.Name())); err != nil {
			return err
		}
	}
	var writes []string
	for _, c := range changes {
		if c.Op != "remove" {
			writes = append(writes, c.Name)
		}
	}
	if err := writeAll(next, writes, files, func() { crashAt("staging") }); err != nil {
		return fmt.Errorf("write %s: %w", filepath.Join(dir, err.name), err.err)
	}
	if err := writeFile(filepath.Join(next, markerName), []byte(j.ID)); err != nil {
		return fmt.Errorf("write %s: %w", next, err)
	}
	if err := syncStaged(next, append(writes, markerName)); err != nil {
		return fmt.Errorf("sync %s: %w", next, err)
	}
	return nil
}

// syncFS is syncFilesystem; the tests replace it to take the portable
// path, or to see when it runs.
var syncFS = syncFilesystem

// syncStaged makes the staged generation next durable before the journal
// may say it is committed: the files written into it (names; the hard
// links made of unchanged files are entries of the folder, and the files
// they name were durable already) and the folder itself. On Linux one
// syncfs of the file system holding next does it all; where there is
// none (another system, a kernel or sandbox refusing the call) each file
// is fsync'd, up to stageWriters at once, then the folder. An error of
// the file system's sync is not retried file by file: the files' write
// errors are reported once, and a later fsync could report success.
func syncStaged(next string, names []string) error {
	err := syncFS(next)
	if err == nil {
		return nil
	}
	// ErrUnsupported is also what ENOSYS, ENOTSUP and EOPNOTSUPP are
	if !errors.Is(err, errors.ErrUnsupported) && !errors.Is(err, syscall.EPERM) {
		return unwrapPathError(err)
	}
	errs := make([]error, len(names))
	fanout.For(len(names), stageWriters, 1, func(_, i int) {
		errs[i] = syncFile(filepath.Join(next, names[i]))
	})
	if err := errors.Join(errs...); err != nil {
		return err
	}
	syncDir(next)
	return nil
}

// syncFile fsyncs the file name.
func syncFile(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return unwrapPathError(err)
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return unwrapPathError(err)
}

// stageWriters is how many files stage writes, or fsyncs, at once. An
// fsync waits on the disk and not on a CPU: one after the other, the 112
// files of the v1.0 client took 100 to 230 ms.
const stageWriters = 8

// fileError is the error of writing the file name.
type fileError struct {
	name string
	err  error
}

// writeAll writes files[name] for each of names into dir (writeFile:
// syncStaged makes them durable), up to stageWriters at once, and calls
// first once, after the first file is written. It returns the error of
// the first of names that failed.
func writeAll(dir string, names []string, files map[string][]byte, first func()) *fileError {
	errs := make([]error, len(names))
	var once sync.Once
	fanout.For(len(names), stageWriters, 1, func(_, i int) {
		if errs[i] = writeFile(filepath.Join(dir, names[i]), files[names[i]]); errs[i] == nil {
			once.Do(first)
		}
	})
	for i, err := range errs {
		if err != nil {
			return &fileError{names[i], err}
		}
	}
	return nil
}

// linkOrCopy makes dst the same file as src: a hard link, else a copy
// with src's mode and modification time.
func linkOrCopy(src, dst string) error {
	if err := os.Link(src, dst); err == nil {
		return nil
	}
	fi, err := os.Lstat(src)
	if err != nil {
		return fmt.Errorf("read %s: %w", src, unwrapPathError(err))
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		target, err := os.Readlink(src)
		if err == nil {
			err = os.Symlink(target, dst)
		}
		if err != nil {
			return fmt.Errorf("copy %s: %w", src, unwrapPathError(err))
		}
		return nil
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return fmt.Errorf("read %s: %w", src, unwrapPathError(err))
	}
	if err := writeSynced(dst, data); err != nil {
		return fmt.Errorf("copy %s: %w", src, err)
	}
	_ = os.Chmod(dst, fi.Mode().Perm())
	return os.Chtimes(dst, fi.ModTime(), fi.ModTime())
}

// Recover finishes or undoes a write into dir that was interrupted (the
// process was killed), as the journal beside dir says, and removes every
// leftover: the staged and old generations, the staged OpenAPI file, and
// the .NAME.tmp* and .NAME.old* files of graphdocgen's earlier writers.
// The caller holds dir's lock.
func Recover(dir string) error {
	name := sibling(dir, journalSuffix)
	data, err := os.ReadFile(name)
	switch {
	case errors.Is(err, os.ErrNotExist):
		os.Remove(name + ".tmp")
		if _, err := os.Stat(dir); err == nil {
			// Without a journal a staged folder is one that never
			// became a generation.
			os.RemoveAll(sibling(dir, newSuffix))
			os.RemoveAll(sibling(dir, oldSuffix))
		}
	case err != nil:
		return fmt.Errorf("read %s: %w", name, unwrapPathError(err))
	default:
		var j journal
		if err := json.Unmarshal(data, &j); err != nil || j.ID == "" {
			return fmt.Errorf("read %s: not a graphdocgen journal; remove it to go on", name)
		}
		if j.DocTmp != "" {
			unlock, err := Lock(j.Doc, LockOptions{})
			if err != nil {
				return err
			}
			defer unlock()
		}
		if j.State == "staged" {
			rollBack(dir, j)
		} else if err := rollForward(dir, j); err != nil {
			return fmt.Errorf("finish the interrupted write into %s: %w", dir, err)
		}
	}
	removeOldLeftovers(dir)
	return nil
}

// rollBack undoes a write that was not committed.
func rollBack(dir string, j journal) {
	os.RemoveAll(sibling(dir, newSuffix))
	if j.DocTmp != "" {
		os.Remove(j.DocTmp)
	}
	os.Remove(sibling(dir, journalSuffix))
	syncDir(filepath.Dir(dir))
}

// rollForward completes a committed write; every step can be repeated.
func rollForward(dir string, j journal) error {
	next, old := sibling(dir, newSuffix), sibling(dir, oldSuffix)
	if j.State == "committed" {
		switch {
		case readMarker(dir) == j.ID:
			// swapped already
		case !exists(dir):
			// a first generation, or killed between two renames
			if err := os.Rename(next, dir); err != nil {
				return fmt.Errorf("rename %s: %w", next, unwrapLinkError(err))
			}
		default:
			if readMarker(next) != j.ID {
				return fmt.Errorf("the staged generation %s is missing", next)
			}
			if err := exchange(next, dir); err != nil {
				// no atomic swap here: two renames (recovery finds the
				// folder missing if killed in between)
				if err := os.Rename(dir, old); err != nil {
					return fmt.Errorf("rename %s: %w", dir, unwrapLinkError(err))
				}
				crashAt("half-swapped")
				if err := os.Rename(next, dir); err != nil {
					return fmt.Errorf("rename %s: %w", next, unwrapLinkError(err))
				}
			}
		}
		crashAt("swapped")
		if exists(next) { // after an exchange: the old generation
			if err := os.Rename(next, old); err != nil {
				return fmt.Errorf("rename %s: %w", next, unwrapLinkError(err))
			}
		}
		syncDir(filepath.Dir(dir))
		j.State = "swapped"
		if err := writeJournal(dir, j); err != nil {
			return err
		}
	}
	// The old generation: what is not in the new one and is not a
	// generated file that was dropped is the user's (folders, files
	// added meanwhile): it moves over.
	entries, _ := os.ReadDir(old)
	for _, e := range entries {
		src, dst := filepath.Join(old, e.Name()), filepath.Join(dir, e.Name())
		if e.Name() == markerName || exists(dst) || (e.Type().IsRegular() && isGenerated(src)) {
			continue
		}
		if err := os.Rename(src, dst); err != nil {
			return fmt.Errorf("move %s: %w", dst, unwrapLinkError(err))
		}
	}
	crashAt("merged")
	// The OpenAPI file last: staged inside the folder (-o . -openapi
	// openapi.json), it came over with the rest.
	if j.DocTmp != "" && exists(j.DocTmp) {
		if err := os.Rename(j.DocTmp, j.Doc); err != nil {
			return fmt.Errorf("write %s: %w", j.Doc, unwrapLinkError(err))
		}
		syncDir(filepath.Dir(j.Doc))
	}
	crashAt("doc-renamed")
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("remove %s: %w", old, unwrapPathError(err))
	}
	os.Remove(filepath.Join(dir, markerName))
	crashAt("cleaned")
	if err := os.Remove(sibling(dir, journalSuffix)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("remove journal: %w", unwrapPathError(err))
	}
	syncDir(filepath.Dir(dir))
	return nil
}

func readMarker(dir string) string {
	data, err := os.ReadFile(filepath.Join(dir, markerName))
	if err != nil {
		return ""
	}
	return string(data)
}

func exists(name string) bool {
	_, err := os.Lstat(name)
	return err == nil
}

// removeOldLeftovers removes the temporary files graphdocgen's earlier
// per-file writer left in dir when killed (.NAME.tmp123, .NAME.old123,
// generated files only), putting an .old file back when its file is
// missing.
func removeOldLeftovers(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		n := e.Name()
		if !strings.HasPrefix(n, ".") || !e.Type().IsRegular() {
			continue
		}
		base, kind, ok := leftoverOf(n)
		if !ok || !isGenerated(filepath.Join(dir, n)) {
			continue
		}
		if kind == ".old" && !exists(filepath.Join(dir, base)) {
			_ = os.Rename(filepath.Join(dir, n), filepath.Join(dir, base))
			continue
		}
		os.Remove(filepath.Join(dir, n))
	}
}

// leftoverOf splits ".a.go.tmp123" into "a.go" and ".tmp".
func leftoverOf(n string) (base, kind string, ok bool) {
	for _, k := range []string{".tmp", ".old"} {
		i := strings.LastIndex(n, k)
		if i <= 1 {
			continue
		}
		digits := n[i+len(k):]
		if strings.Trim(digits, "0123456789") != "" {
			continue
		}
		return n[1:i], k, true
	}
	return "", "", false
}

// LockOptions tune Lock.
type LockOptions struct {
	// Wait is how long to wait for another run's lock; 0 means
	// DefaultLockWait, a negative value not at all.
	Wait time.Duration
	// Waiting, when set, is called once when the lock is held by another
	// run and Lock starts waiting.
	Waiting func(lockFile string)
}

// DefaultLockWait is how long Lock waits for another run by default.
const DefaultLockWait = 2 * time.Minute

// ErrLocked is the error of Lock when another run kept the lock for the
// whole wait.
var ErrLocked = errors.New("another graphdocgen run is writing it")

// Lock takes the advisory lock of the output name (a folder or a file):
// the lock file .NAME.graphdocgen.lock beside it, locked with flock(2). It
// waits for another run's lock up to opts.Wait, then fails with
// ErrLocked. The returned function releases the lock and removes the lock
// file. On systems without flock it only creates the lock file.
func Lock(name string, opts LockOptions) (func(), error) {
	wait := opts.Wait
	if wait == 0 {
		wait = DefaultLockWait
	}
	lockFile := sibling(absPath(name), lockSuffix)
	deadline := time.Now().Add(wait)
	told := false
	for {
		f, err := os.OpenFile(lockFile, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("lock %s: %w", name, unwrapPathError(err))
		}
		held, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", name, err)
		}
		if held {
			// The holder before us may have removed the file after we
			// opened it: the lock counts only on the file the name is.
			fi, err1 := f.Stat()
			cur, err2 := os.Stat(lockFile)
			if err1 == nil && err2 == nil && os.SameFile(fi, cur) {
				return func() {
					os.Remove(lockFile)
					f.Close()
				}, nil
			}
			f.Close()
			continue
		}
		f.Close()
		if wait < 0 || time.Now().After(deadline) {
			return nil, fmt.Errorf("lock %s: %w (lock file %s; waited %v)", name, ErrLocked, lockFile, max(wait, 0))
		}
		if !told && opts.Waiting != nil {
			opts.Waiting(lockFile)
			told = true
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func unwrapLinkError(err error) error {
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// writeAndClose writes data to f, closes it and makes it 0644; no fsync
// (the cache's files are not worth one).
func writeAndClose(f *os.File, data []byte) error {
	_, err := f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	return err
}
