package pipeline

import (
	"fmt"
	"os"
	"syscall"
	"time"
)

// fileIdentity describes the file at path as the kernel knows it: its
// device, inode, size, and modification and change times (nanoseconds);
// changed is the later of the two times. ok is false when it cannot be
// read.
func fileIdentity(path string) (id string, changed time.Time, ok bool) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", time.Time{}, false
	}
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
	return fmt.Sprintf("dev %d ino %d size %d mtime %d ctime %d", st.Dev, st.Ino, st.Size, mtime.UnixNano(), ctime.UnixNano()), changed, true
}
