//go:build !unix

package report

import "os"

func maxRSSKB(*os.ProcessState) int64 { return 0 }

// SelfMaxRSSKB is the peak resident set size of this process in KiB, 0
// when the platform does not report it.
func SelfMaxRSSKB() int64 { return 0 }
