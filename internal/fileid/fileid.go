// Package fileid tells whether a file is still the file it was, without
// reading it: by its identity as the kernel keeps it (device, inode,
// size, modification and change times), as git's index does.
//
// An identity stands for the bytes read from a file only when the file
// had settled before the read began: a write lands in a clock tick of
// the file times (a jiffy on Linux, up to 2 s on some file systems), so a
// file written just before or during the read may be written again
// within the same tick, keeping its times and size. The rule: take the
// time start before reading, the identity at any time after, and trust
// the identity only when the file's later time (modification or change)
// is more than racy before start. Then any write after start gives the
// file a later time, hence another identity. The change time cannot be
// set back by a program (touch -d sets the modification time and moves
// the change time to now), so a file replaced, renamed over, or written
// back with old times has another identity too. A system clock set back
// by more than racy defeats the rule, as it does git's.
//
// Identities are read on Linux only; elsewhere Of says ok false, and
// callers read the file.
package fileid

import (
	"os"
	"time"
)

// Racy is how long a file must have been left alone before a read for
// its identity to stand for the bytes read.
const Racy = 2 * time.Second

// Stat is Of the Stat of the file at path.
func Stat(path string) (id string, changed time.Time, ok bool) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", time.Time{}, false
	}
	return Of(fi)
}

// Settled reports whether a file whose later time is changed stands, by
// its identity, for bytes read from it after start (see the package
// doc): changed is more than racy before start.
func Settled(changed, start time.Time, racy time.Duration) bool {
	return changed.Before(start.Add(-racy))
}
