//go:build !linux

package pipeline

import "errors"

// exchange has no atomic folder swap here: Commit falls back to two
// renames.
func exchange(a, b string) error { return errors.ErrUnsupported }
