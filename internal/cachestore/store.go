// Package cachestore is the storage format of graphdocgen's on-disk cache
// (pipeline's page, Go file and package entries): sealed entries in a
// folder, written atomically, checked on every read, pruned by age. What
// an entry means, and when it may be used, is the caller's.
//
// An entry is the line Format, the line of the payload's checksum (CRC-32C,
// 8 hex digits), the payload. An entry that is truncated, altered or not
// one is ignored (counted, never an error): the caller recomputes and
// rewrites it. The checksum finds damage (a torn or truncated write, a
// flipped bit); it is not a defence against someone who may write the
// folder, which a SHA-256 of the payload, stored beside it, is not either.
// (It was that SHA-256 until format 2: a run that filled the cache spent
// ~15 ms of CPU sealing its 20 MB of entries, a run over unchanged docs
// ~10 ms checking them; CRC-32C, in hardware, takes a tenth.)
// Entries are written to a temporary file in the same folder and renamed
// into place, so concurrent and interrupted runs leave either the old or
// the new entry. Deleting the folder at any time is safe.
//
// A run that stores many entries of one subfolder at once (a cold run
// over a docs tree: thousands of pages) writes them as one pack file,
// sub/packs/NAME.pack (WritePack): the line Format+" pack", the length of
// the sealed index (8 bytes, little endian), the sealed index (each key
// with the offset and length of its entry), then the sealed entries. A
// pack is written like an entry (a temporary file renamed into place),
// its entries are checked on every read like entries, a pack used has
// its modification time refreshed and is pruned by age like an entry.
// ReadEntry looks in the packs first, then at the entry's own file.
package cachestore

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Format names the layout and encoding of entries; changing either means
// a new value, so old entries are never read. It is also the name of the
// store's folder under the cache folder.
const Format = formatPrefix + "3"

const (
	// MaxAge is how long an entry not used stays; PruneEvery how often
	// Prune looks for such entries.
	MaxAge     = 30 * 24 * time.Hour
	PruneEvery = 24 * time.Hour
	// TouchAfter: a read refreshes the entry's modification time (its
	// "last used") when it is older than this.
	TouchAfter = time.Hour
)

// Store is an open cache folder.
type Store struct {
	dir     string // DIR/Format
	ignored atomic.Int64
	dirs    sync.Map // folders known to exist: name -> true

	packsMu sync.Mutex
	packs   map[string]*packSet // subfolder -> its packs, read once
}

// Open opens (creating) the store under dir, with the given subfolders;
// nil when it cannot be used, which only means going without it.
func Open(dir string, subdirs ...string) *Store {
	if dir == "" {
		return nil
	}
	s := &Store{dir: filepath.Join(dir, Format)}
	for _, sub := range subdirs {
		if err := os.MkdirAll(filepath.Join(s.dir, sub), 0o755); err != nil {
			return nil
		}
	}
	if err := os.MkdirAll(s.dir, 0o755); err != nil {
		return nil
	}
	readme := filepath.Join(dir, "README")
	if _, err := os.Stat(readme); errors.Is(err, os.ErrNotExist) {
		_ = s.write(readme, []byte("This folder is graphdocgen's cache. It is safe to delete at any time.\n"))
	}
	return s
}

// Dir is the store's folder (DIR/Format).
func (s *Store) Dir() string { return s.dir }

// Ignored counts the entries found unusable and the writes that failed.
func (s *Store) Ignored() int { return int(s.ignored.Load()) }

// Ignore counts one more unusable entry (one the caller could not decode).
func (s *Store) Ignore() { s.ignored.Add(1) }

// Entry is the file name of an entry in subfolder sub: sub/XX/KEY, XX the
// key's first two characters.
func (s *Store) Entry(sub, key string) string {
	return filepath.Join(s.dir, sub, key[:2], key)
}

// HashKey hashes the parts of a key, each length-prefixed so that no two
// part lists give one input.
func HashKey(parts ...string) string {
	h := sha256.New()
	var n [8]byte
	for _, p := range parts {
		binary.LittleEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Sum is the hex SHA-256 of data.
func Sum(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// Seal lays payload out as an entry.
func Seal(payload []byte) []byte {
	return appendSealed(make([]byte, 0, sealedLen(payload)), payload)
}

// checkLen is the length of a checksum's line, newline included.
const checkLen = 2*crc32.Size + 1

// castagnoli is CRC-32C's table (SSE 4.2 and ARMv8 compute it in hardware).
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// sealedLen is the length of payload's entry.
func sealedLen(payload []byte) int { return len(Format) + 1 + checkLen + len(payload) }

// appendCheck appends payload's checksum to dst, as hex.
func appendCheck(dst, payload []byte) []byte {
	var c [crc32.Size]byte
	binary.BigEndian.PutUint32(c[:], crc32.Checksum(payload, castagnoli))
	return hex.AppendEncode(dst, c[:])
}

// appendSealed appends payload's entry to dst.
func appendSealed(dst, payload []byte) []byte {
	dst = append(dst, Format...)
	dst = append(dst, '\n')
	dst = appendCheck(dst, payload)
	dst = append(dst, '\n')
	return append(dst, payload...)
}

// Unseal returns the payload of an entry; ok is false when data is not
// one or its checksum does not match.
func Unseal(data []byte) (payload []byte, ok bool) {
	head, rest, found := bytes.Cut(data, []byte{'\n'})
	if !found || string(head) != Format {
		return nil, false
	}
	want, payload, found := bytes.Cut(rest, []byte{'\n'})
	var got [2 * crc32.Size]byte
	if !found || len(want) != len(got) || !bytes.Equal(appendCheck(got[:0], payload), want) {
		return nil, false
	}
	return payload, true
}

// Read returns the payload of the entry at name; ok is false for a
// missing or unusable entry (counted as ignored unless missing). A hit
// refreshes the entry's last-used time.
func (s *Store) Read(name string) ([]byte, bool) {
	data, err := os.ReadFile(name)
	if err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			s.ignored.Add(1)
		}
		return nil, false
	}
	payload, ok := Unseal(data)
	if !ok {
		s.ignored.Add(1)
		return nil, false
	}
	if fi, err := os.Stat(name); err == nil && time.Since(fi.ModTime()) > TouchAfter {
		now := time.Now()
		_ = os.Chtimes(name, now, now)
	}
	return payload, true
}

// Write seals payload and stores it at name (creating its folder). A
// failure is counted, never returned.
func (s *Store) Write(name string, payload []byte) {
	if err := s.mkdir(filepath.Dir(name)); err != nil {
		s.ignored.Add(1)
		return
	}
	_ = s.write(name, Seal(payload))
}

// mkdir creates dir (and its parents) once per store: a folder made or
// seen is remembered. A folder deleted under a run makes its writes fail
// (counted), as deleting the cache folder does.
func (s *Store) mkdir(dir string) error {
	if _, ok := s.dirs.Load(dir); ok {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	s.dirs.Store(dir, true)
	return nil
}

// write stores data at name atomically: a temporary file in the same
// folder (created with O_EXCL and its final mode in one call) renamed
// into place. A failure is counted.
func (s *Store) write(name string, data []byte) error {
	var rnd [8]byte
	var tmp *os.File
	var err error
	for range 3 {
		_, _ = rand.Read(rnd[:])
		tmp, err = os.OpenFile(filepath.Join(filepath.Dir(name), ".tmp-"+hex.EncodeToString(rnd[:])), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		s.ignored.Add(1)
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
		s.ignored.Add(1)
	}
	return err
}

// Prune removes entries not used for MaxAge and temporary files left by
// interrupted writes, at most once per PruneEvery. So it does in the
// folders of earlier formats beside the store's (graphdocgen-cache-N),
// which a tool of that format may still use, and removes their emptied
// folders: a cache left by an upgrade is gone MaxAge after its last use.
func (s *Store) Prune() {
	stamp := filepath.Join(s.dir, pruneStamp)
	if fi, err := os.Stat(stamp); err == nil && time.Since(fi.ModTime()) < PruneEvery {
		return
	}
	if err := s.write(stamp, nil); err != nil {
		return
	}
	now := time.Now()
	pruneAged(s.dir, stamp, now)
	old, _ := filepath.Glob(filepath.Join(filepath.Dir(s.dir), formatPrefix+"*"))
	for _, dir := range old {
		if filepath.Base(dir) == Format {
			continue
		}
		pruneAged(dir, filepath.Join(dir, pruneStamp), now)
		removeEmpty(dir)
	}
}

// formatPrefix starts the name of every format's folder; pruneStamp is
// the file in it whose time is the last Prune's.
const (
	formatPrefix = "graphdocgen-cache-"
	pruneStamp   = "pruned"
)

// pruneAged removes the files under dir not used for MaxAge (but stamp)
// and the temporary files older than TouchAfter.
func pruneAged(dir, stamp string, now time.Time) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == stamp {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return nil
		}
		age := now.Sub(fi.ModTime())
		if age > MaxAge || (strings.HasPrefix(d.Name(), ".tmp-") && age > TouchAfter) {
			os.Remove(p)
		}
		return nil
	})
}

// removeEmpty removes dir's folders that hold nothing but a prune stamp
// older than MaxAge (or nothing), dir included, deepest first.
func removeEmpty(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.IsDir() {
			removeEmpty(filepath.Join(dir, e.Name()))
		}
	}
	if entries, err = os.ReadDir(dir); err != nil {
		return
	}
	if len(entries) == 1 && entries[0].Name() == pruneStamp {
		if fi, err := entries[0].Info(); err == nil && time.Since(fi.ModTime()) > MaxAge {
			os.Remove(filepath.Join(dir, pruneStamp))
			entries = nil
		}
	}
	if len(entries) == 0 {
		os.Remove(dir)
	}
}

// ErrBadEntry is the error of a payload that does not decode.
var ErrBadEntry = errors.New("bad cache entry")

// EncodeStrings lays out parts, each length-prefixed.
func EncodeStrings(parts ...[]byte) []byte {
	n := 0
	for _, p := range parts {
		n += len(p) + binary.MaxVarintLen64
	}
	b := make([]byte, 0, n)
	for _, p := range parts {
		b = binary.AppendUvarint(b, uint64(len(p)))
		b = append(b, p...)
	}
	return b
}

// DecodeStrings is the inverse of EncodeStrings; any damage is
// ErrBadEntry. The parts share b's memory.
func DecodeStrings(b []byte) ([][]byte, error) {
	var out [][]byte
	for len(b) > 0 {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)-k) {
			return nil, ErrBadEntry
		}
		out = append(out, b[k:k+int(n):k+int(n)])
		b = b[k+int(n):]
	}
	return out, nil
}
