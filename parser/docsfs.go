package parser

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// The docs reader opens regular files only (a named pipe called x.md
// would block the run forever), never follows a symlink out of the docs
// tree, and reads at most MaxPageSize+1 bytes of a file.
var (
	errNotRegular = errors.New("not a regular file")
	errOutside    = errors.New("a symlink out of the docs tree; not followed")
	errLoop       = errors.New("a symlink that loops (too many levels of links)")
	errTooLarge   = fmt.Errorf("larger than the limit of %d bytes; skipped", MaxPageSize)
)

// DocsFS is a docs root as the parser reads it: an fs.FS over the folder
// dir whose files must be regular files inside dir, symlinks resolved.
type DocsFS struct {
	dir  string // absolute
	real string // dir with symlinks resolved, "" when that failed
}

// NewDocsFS returns the docs root at dir.
func NewDocsFS(dir string) *DocsFS {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		real = ""
	}
	return &DocsFS{dir: abs, real: real}
}

// resolve checks name and returns the real path of its file, and the
// file's Stat when resolving it gave one (else nil).
func (d *DocsFS) resolve(op, name string) (string, fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return "", nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if real, fi, ok := d.resolvePlain(name); ok {
		return real, fi, nil
	}
	full := filepath.Join(d.dir, filepath.FromSlash(name))
	real, err := filepath.EvalSymlinks(full)
	if err != nil {
		if err = unwrapPathErr(err); strings.Contains(err.Error(), "too many links") {
			err = errLoop // EvalSymlinks' own loop error has no type
		}
		return "", nil, &fs.PathError{Op: op, Path: name, Err: err}
	}
	if d.real != "" {
		if rel, err := filepath.Rel(d.real, real); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return "", nil, &fs.PathError{Op: op, Path: name, Err: errOutside}
		}
	}
	return real, nil, nil
}

// resolvePlain is the real path of name when none of its parts is a
// symlink, found by an Lstat of each part below the resolved root: what
// EvalSymlinks gives without walking the root's own path again (two
// system calls for "api/x.md" where EvalSymlinks made one per part of the
// absolute path). Every folder is checked on every call, as the file
// is: a folder found plain once may be a symlink by the next page. fi is
// the Lstat of the file itself, which is its Stat: it is no symlink. ok
// is false for anything else (a symlink, an error, the root itself),
// which resolve reads the long way.
func (d *DocsFS) resolvePlain(name string) (real string, fi fs.FileInfo, ok bool) {
	if d.real == "" || name == "." {
		return "", nil, false
	}
	p, dir := d.join(name)
	// name's folders from the root down, each a prefix of dir
	for i := len(d.real) + 1; i <= len(dir); i++ {
		if i < len(dir) && dir[i] != filepath.Separator {
			continue
		}
		fi, err := os.Lstat(dir[:i])
		if err != nil || fi.Mode()&fs.ModeSymlink != 0 || !fi.IsDir() {
			return "", nil, false
		}
	}
	fi, err := os.Lstat(p)
	if err != nil || fi.Mode()&fs.ModeSymlink != 0 {
		return "", nil, false
	}
	return p, fi, true
}

// join is filepath.Join of the resolved root and the valid path name, and
// of the root and name's folder ("" when name has none). Where the
// separator is '/', it is the root, '/' and name, the folder a part of
// it: the root is clean and a valid path has no '.', '..' or empty
// element for Join to clean away.
func (d *DocsFS) join(name string) (file, dir string) {
	last := strings.LastIndexByte(name, '/')
	if filepath.Separator == '/' && !strings.HasSuffix(d.real, "/") {
		file = d.real + "/" + name
		if last >= 0 {
			dir = file[:len(d.real)+1+last]
		}
		return file, dir
	}
	file = filepath.Join(d.real, filepath.FromSlash(name))
	if last >= 0 {
		dir = filepath.Join(d.real, filepath.FromSlash(name[:last]))
	}
	return file, dir
}

// Open opens name: a regular file inside the tree, or an error.
func (d *DocsFS) Open(name string) (fs.File, error) {
	real, fi, err := d.resolve("open", name)
	if err != nil {
		return nil, err
	}
	if name == "." {
		return os.Open(real)
	}
	f, _, err := openRegular(real, fi)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: unwrapPathErr(err)}
	}
	return f, nil
}

// Stat returns the Stat of name, a regular file inside the tree, with
// the checks of a read (fs.StatFS): what reading it now would read, or
// the error reading it would give before any byte (the size limit is
// not checked).
func (d *DocsFS) Stat(name string) (fs.FileInfo, error) {
	real, fi, err := d.resolve("stat", name)
	if err != nil {
		return nil, err
	}
	if fi, err = statRegular(real, fi); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: unwrapPathErr(err)}
	}
	return fi, nil
}

// ReadFile reads name whole; a file larger than MaxPageSize is an error.
func (d *DocsFS) ReadFile(name string) ([]byte, error) {
	return d.readFileInto(name, nil)
}

// readFileInto is ReadFile into buf's storage when it holds the file.
func (d *DocsFS) readFileInto(name string, buf []byte) ([]byte, error) {
	real, fi, err := d.resolve("read", name)
	if err != nil {
		return nil, err
	}
	data, err := readRegularInto(real, fi, buf)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return data, nil
}

// openRegular opens a regular file without blocking on a pipe or device:
// it refuses what Stat says is not regular, opens with O_NONBLOCK where
// there is one, and checks the opened file again. The FileInfo is the
// opened file's. stat, when not nil, is name's Stat already made.
func openRegular(name string, stat fs.FileInfo) (*os.File, fs.FileInfo, error) {
	fi, err := statRegular(name, stat)
	if err != nil {
		return nil, nil, err
	}
	f, err := os.OpenFile(name, os.O_RDONLY|oNonblock, 0)
	if err != nil {
		return nil, nil, err
	}
	if fi, err = f.Stat(); err != nil || !fi.Mode().IsRegular() {
		f.Close()
		return nil, nil, errNotRegular
	}
	return f, fi, nil
}

// statRegular is name's Stat (stat, when not nil, is it already made),
// or an error when it is not a regular file.
func statRegular(name string, stat fs.FileInfo) (fs.FileInfo, error) {
	fi := stat
	if fi == nil {
		var err error
		if fi, err = os.Stat(name); err != nil {
			return nil, err
		}
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%w (%s)", errNotRegular, kindOf(fi.Mode()))
	}
	return fi, nil
}

// readRegular reads a regular file of at most MaxPageSize bytes.
func readRegular(name string) ([]byte, error) { return readRegularInto(name, nil, nil) }

// readRegularInto is readRegular into buf's storage when its capacity
// holds the file and one byte more, else into a new slice. stat is as
// for openRegular.
func readRegularInto(name string, stat fs.FileInfo, buf []byte) ([]byte, error) {
	f, fi, err := openRegular(name, stat)
	if err != nil {
		return nil, unwrapPathErr(err)
	}
	defer f.Close()
	if fi.Size() > MaxPageSize {
		return nil, errTooLarge
	}
	size := int(fi.Size())
	// One read into a buffer of the stated size and one byte more, which
	// meets the end of a file that did not grow: io.ReadAll started at
	// 512 bytes and doubled (58 MB for v1.0's 25 MB).
	data := buf[:0]
	if cap(data) < size+1 {
		data = make([]byte, 0, size+1)
	}
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := f.Read(data[len(data):min(cap(data), MaxPageSize+1)])
		data = data[:len(data)+n]
		if len(data) > MaxPageSize {
			return nil, errTooLarge
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, unwrapPathErr(err)
		}
	}
	return data, nil
}

func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a folder"
	}
	return m.Type().String()
}

// ReadPage reads the page j names. A page that cannot be read in a tree
// (a pipe, a symlink out of the tree, looping or dangling, unreadable, too
// large) is that page's diagnostic and nil data; a page named on its own
// is an error ("read PATH: ..."), except one that is too large, which is
// its diagnostic too.
func ReadPage(j PageFile) ([]byte, Diagnostics, error) { return readPageInto(j, nil) }

// StatPage returns the Stat of the page j names, as ReadPage would find
// the file (in a tree, through its root's checks: DocsFS.Stat): for a
// cache that knows a page by its file's identity (package fileid). The
// error is any that keeps the file from being read as a regular file.
func StatPage(j PageFile) (fs.FileInfo, error) {
	if rfs, ok := j.Root.(*DocsFS); ok && j.Tree {
		return rfs.Stat(j.Name)
	}
	return statRegular(j.File, nil)
}

// readPageInto is ReadPage into buf's storage when it holds the page: Load
// reads the pages of a worker into one buffer (LoadOptions.Read).
func readPageInto(j PageFile, buf []byte) ([]byte, Diagnostics, error) {
	var data []byte
	var err error
	if rfs, ok := j.Root.(*DocsFS); ok && j.Tree {
		data, err = rfs.readFileInto(j.Name, buf)
	} else {
		data, err = readRegularInto(j.File, nil, buf)
	}
	if err == nil {
		return data, nil, nil
	}
	err = unwrapPathErr(err)
	if !j.Tree && !errors.Is(err, errTooLarge) {
		return nil, nil, fmt.Errorf("read %s: %w", j.File, err)
	}
	return nil, Diagnostics{Errorf(Pos{File: j.File, Line: 1, Col: 1}, "unreadable-page", "page cannot be read: %v", err)}, nil
}
