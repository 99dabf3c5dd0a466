//go:build unix

package report

import (
	"os"
	"runtime"
	"syscall"
)

// maxRSSKB is the peak resident set size of a finished process and its
// waited-for children, in KiB.
func maxRSSKB(ps *os.ProcessState) int64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	return toKB(int64(ru.Maxrss))
}

// SelfMaxRSSKB is the peak resident set size of this process in KiB, 0
// when the platform does not report it.
func SelfMaxRSSKB() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return toKB(int64(ru.Maxrss))
}

// toKB converts ru_maxrss, which is in bytes on Darwin and KiB elsewhere.
func toKB(v int64) int64 {
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return v / 1024
	}
	return v
}
