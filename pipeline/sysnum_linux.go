package pipeline

import "runtime"

// The numbers of the system calls the writer makes that the syscall
// package lacks on some architectures, by GOARCH (0 elsewhere: the call
// is then unsupported, and its caller falls back).
var (
	sysRenameat2 = map[string]uintptr{
		"amd64": 316, "arm64": 276, "riscv64": 276, "loong64": 276,
		"386": 353, "arm": 382, "ppc64": 357, "ppc64le": 357, "s390x": 347,
	}[runtime.GOARCH]
	sysSyncfs = map[string]uintptr{
		"amd64": 306, "arm64": 267, "riscv64": 267, "loong64": 267,
		"386": 344, "arm": 373, "ppc64": 348, "ppc64le": 348, "s390x": 338,
	}[runtime.GOARCH]
)
