//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package pipeline

import "os"

// tryLock has no flock to call here: the lock always succeeds, and two
// runs into one folder are not kept apart.
func tryLock(f *os.File) (bool, error) { return true, nil }
