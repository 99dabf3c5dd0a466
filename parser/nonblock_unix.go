//go:build unix

package parser

import "syscall"

// oNonblock keeps open from waiting for a writer on a named pipe.
const oNonblock = syscall.O_NONBLOCK
