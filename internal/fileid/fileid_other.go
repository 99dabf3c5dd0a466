//go:build !linux

package fileid

import (
	"io/fs"
	"time"
)

// Of is not known here: callers read the file.
func Of(fi fs.FileInfo) (id string, changed time.Time, ok bool) {
	return "", time.Time{}, false
}
