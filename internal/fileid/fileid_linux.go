package fileid

import (
	"io/fs"
	"strconv"
	"syscall"
	"time"
)

// Of is the identity of the regular file fi describes (fi from Stat or
// Lstat, or an open file's Stat): its device, inode, size, and
// modification and change times in nanoseconds; changed is the later of
// the two times. ok is false for anything but a regular file.
func Of(fi fs.FileInfo) (id string, changed time.Time, ok bool) {
	st, isStat := fi.Sys().(*syscall.Stat_t)
	if !isStat || !fi.Mode().IsRegular() {
		return "", time.Time{}, false
	}
	mtime := time.Unix(st.Mtim.Unix())
	ctime := time.Unix(st.Ctim.Unix())
	changed = mtime
	if ctime.After(changed) {
		changed = ctime
	}
	b := make([]byte, 0, 96)
	b = append(b, "dev "...)
	b = strconv.AppendUint(b, uint64(st.Dev), 10)
	b = append(b, " ino "...)
	b = strconv.AppendUint(b, st.Ino, 10)
	b = append(b, " size "...)
	b = strconv.AppendInt(b, st.Size, 10)
	b = append(b, " mtime "...)
	b = strconv.AppendInt(b, mtime.UnixNano(), 10)
	b = append(b, " ctime "...)
	b = strconv.AppendInt(b, ctime.UnixNano(), 10)
	return string(b), changed, true
}
