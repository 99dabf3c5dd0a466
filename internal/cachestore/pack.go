package cachestore

import (
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// packMagic opens a pack file.
const packMagic = Format + " pack\n"

// PackDir is the folder of a subfolder's packs.
const PackDir = "packs"

// packSet is the packs of one subfolder as a store found them: each key's
// pack. It is read once per store, on the first ReadEntry.
type packSet struct {
	once  sync.Once
	mu    sync.Mutex // guards byKey after once (WritePack adds to it)
	byKey map[string]packRef
	// folders are the entry folders (sub/XX) there were when the packs
	// were read: a key whose folder was not there, and that this store
	// did not make since, has no entry file to look for (a run that made
	// it after the listing only costs a miss).
	folders map[string]bool
}

// packRef is where an entry is: its pack, the offset and length of the
// sealed entry.
type packRef struct {
	p        *pack
	off, len int64
}

// pack is one pack file; its bytes are read on the first hit.
type pack struct {
	name  string
	mtime time.Time

	once sync.Once
	data []byte // nil when it could not be read
}

// WritePack stores the payloads under their keys as one pack of
// subfolder sub (keys[i] names payloads[i]); the error says it was not
// written (and is counted).
func (s *Store) WritePack(sub string, keys []string, payloads [][]byte) error {
	if len(keys) != len(payloads) {
		return errors.New("write pack: keys and payloads differ in number")
	}
	dir := filepath.Join(s.dir, sub, PackDir)
	if err := s.mkdir(dir); err != nil {
		s.ignored.Add(1)
		return err
	}
	index := make([][]byte, 0, 3*len(keys))
	var off int64
	for i, p := range payloads {
		n := int64(sealedLen(p))
		index = append(index, []byte(keys[i]), strconv.AppendInt(nil, off, 10), strconv.AppendInt(nil, n, 10))
		off += n
	}
	idx := Seal(EncodeStrings(index...))
	base := int64(len(packMagic) + 8 + len(idx))
	data := make([]byte, 0, base+off)
	data = append(data, packMagic...)
	data = binary.LittleEndian.AppendUint64(data, uint64(len(idx)))
	data = append(data, idx...)
	for _, p := range payloads {
		data = appendSealed(data, p) // sealed in place: no copy of each entry
	}
	// Named by its index, which names every entry (keys are hashes of
	// what an entry is made of): two runs writing the same pack write
	// the same name.
	name := filepath.Join(dir, HashKey("pack", Sum(idx))+".pack")
	if err := s.write(name, data); err != nil {
		return err
	}
	// Later reads of this store find the entries too.
	p := &pack{name: name, mtime: time.Now()}
	p.once.Do(func() { p.data = data })
	ps := s.packSet(sub)
	s.readPackSet(ps, sub)
	ps.mu.Lock()
	if ps.byKey == nil {
		ps.byKey = map[string]packRef{}
	}
	off = base
	for i, pl := range payloads {
		n := int64(sealedLen(pl))
		ps.byKey[keys[i]] = packRef{p: p, off: off, len: n}
		off += n
	}
	ps.mu.Unlock()
	return nil
}

// readPackSet reads the packs and lists the entry folders of sub, once.
func (s *Store) readPackSet(ps *packSet, sub string) {
	ps.once.Do(func() {
		ps.byKey = s.readPacks(filepath.Join(s.dir, sub, PackDir))
		des, err := os.ReadDir(filepath.Join(s.dir, sub))
		if err != nil {
			return // folders stays nil: every entry file is looked for
		}
		ps.folders = make(map[string]bool, len(des))
		for _, de := range des {
			if de.IsDir() {
				ps.folders[de.Name()] = true
			}
		}
	})
}

// mayHaveFile reports whether key of sub may have an entry file: its
// folder was listed, this store made it, or the listing failed.
func (s *Store) mayHaveFile(sub, key string) bool {
	ps := s.packSet(sub)
	s.readPackSet(ps, sub)
	if ps.folders == nil || ps.folders[key[:2]] {
		return true
	}
	_, made := s.dirs.Load(filepath.Dir(s.Entry(sub, key)))
	return made
}

// packSet returns the packs of sub (not read yet: see its once).
func (s *Store) packSet(sub string) *packSet {
	s.packsMu.Lock()
	defer s.packsMu.Unlock()
	if s.packs == nil {
		s.packs = map[string]*packSet{}
	}
	ps := s.packs[sub]
	if ps == nil {
		ps = &packSet{}
		s.packs[sub] = ps
	}
	return ps
}

// ReadEntry returns the payload of the entry key of subfolder sub: from
// a pack holding it, else from the entry's own file (Entry). A damaged
// entry in a pack is counted as ignored unless its own file is usable.
func (s *Store) ReadEntry(sub, key string) ([]byte, bool) {
	payload, found, ok := s.fromPack(sub, key)
	if ok {
		return payload, true
	}
	if !found && !s.mayHaveFile(sub, key) {
		return nil, false
	}
	before := s.ignored.Load()
	payload, ok = s.Read(s.Entry(sub, key))
	if found && !ok && s.ignored.Load() == before {
		s.ignored.Add(1) // the pack's copy was damaged, and there is no other
	}
	return payload, ok
}

// fromPack looks key up in the packs of sub: found says a pack names it,
// ok that its entry is usable.
func (s *Store) fromPack(sub, key string) (payload []byte, found, ok bool) {
	ps := s.packSet(sub)
	s.readPackSet(ps, sub)
	ps.mu.Lock()
	ref, found := ps.byKey[key]
	ps.mu.Unlock()
	if !found {
		return nil, false, false
	}
	p := ref.p
	p.once.Do(func() {
		data, err := os.ReadFile(p.name)
		if err != nil {
			return
		}
		p.data = data
		if time.Since(p.mtime) > TouchAfter {
			now := time.Now()
			_ = os.Chtimes(p.name, now, now)
		}
	})
	if p.data == nil || ref.off < 0 || ref.len < 0 || ref.off+ref.len > int64(len(p.data)) {
		return nil, true, false
	}
	payload, ok = Unseal(p.data[ref.off : ref.off+ref.len : ref.off+ref.len])
	return payload, true, ok
}

// readPacks reads the index of every pack in dir; a pack that is not one
// (damaged, cut, a temporary file) is ignored, and counted unless it is a
// temporary file.
func (s *Store) readPacks(dir string) map[string]packRef {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	byKey := map[string]packRef{}
	for _, e := range ents {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".pack") || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if !s.readPackIndex(filepath.Join(dir, e.Name()), byKey) {
			s.ignored.Add(1)
		}
	}
	return byKey
}

// readPackIndex adds the entries of the pack at name to byKey; false when
// it is not a pack.
func (s *Store) readPackIndex(name string, byKey map[string]packRef) bool {
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return false
	}
	head := make([]byte, len(packMagic)+8)
	if _, err := io.ReadFull(f, head); err != nil || string(head[:len(packMagic)]) != packMagic {
		return false
	}
	n := binary.LittleEndian.Uint64(head[len(packMagic):])
	if n > uint64(fi.Size())-uint64(len(head)) {
		return false
	}
	idx := make([]byte, n)
	if _, err := io.ReadFull(f, idx); err != nil {
		return false
	}
	payload, ok := Unseal(idx)
	if !ok {
		return false
	}
	parts, err := DecodeStrings(payload)
	if err != nil || len(parts)%3 != 0 {
		return false
	}
	p := &pack{name: name, mtime: fi.ModTime()}
	base := int64(len(head)) + int64(n)
	refs := make(map[string]packRef, len(parts)/3)
	for i := 0; i < len(parts); i += 3 {
		off, err1 := strconv.ParseInt(string(parts[i+1]), 10, 64)
		ln, err2 := strconv.ParseInt(string(parts[i+2]), 10, 64)
		if err1 != nil || err2 != nil {
			return false
		}
		refs[string(parts[i])] = packRef{p: p, off: base + off, len: ln}
	}
	for k, r := range refs {
		byKey[k] = r
	}
	return true
}
